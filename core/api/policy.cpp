#include "policy.h"

#include <QJsonArray>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

QJsonObject PartnerGrants::toJson() const
{
    return {{u"domains"_s, QJsonArray::fromStringList(domains)},
            {u"max_daily_quota"_s, double(maxDailyQuota)},
            {u"max_recipients"_s, double(maxRecipients)},
            {u"max_message_size"_s, double(maxMessageSize)}};
}

PartnerGrants PartnerGrants::fromJson(const QJsonObject &o)
{
    return {o.value(u"domains"_s).toVariant().toStringList(),
            o.value(u"max_daily_quota"_s).toInteger(), o.value(u"max_recipients"_s).toInteger(),
            o.value(u"max_message_size"_s).toInteger()};
}

QJsonObject PolicySnapshot::toJson() const
{
    QJsonObject o{{u"revision"_s, revision},
                  {u"sha256"_s, sha256},
                  {u"policy"_s, policy.toJsonObject()},
                  {u"role"_s, role},
                  {u"accounts"_s, QJsonArray::fromStringList(accounts)}};
    if (grants)
        o.insert(u"grants"_s, grants->toJson());
    return o;
}

Result<PolicySnapshot> PolicySnapshot::fromJson(const QJsonObject &o)
{
    const QJsonValue p = o.value(u"policy"_s);
    if (!p.isObject())
        return Error(ErrorCode::BadResponse, u"policy get: the answer has no policy"_s);
    auto parsed = policy::Policy::fromJsonObject(p.toObject());
    if (!parsed)
        return Error(ErrorCode::BadResponse,
                     u"policy get: the relay sent a policy this side cannot read: %1"_s.arg(
                         parsed.error().message));
    PolicySnapshot s;
    s.revision = o.value(u"revision"_s).toInt();
    s.sha256 = o.value(u"sha256"_s).toString();
    s.policy = std::move(parsed).value();
    s.role = o.value(u"role"_s).toString();
    s.accounts = o.value(u"accounts"_s).toVariant().toStringList();
    if (o.value(u"grants"_s).isObject())
        s.grants = PartnerGrants::fromJson(o.value(u"grants"_s).toObject());
    return s;
}

QJsonObject ApplyResult::toJson() const
{
    QJsonObject o{{u"revision"_s, revision},
                  {u"changed"_s, changed},
                  {u"changes"_s, policy::changesToJson(changes)}};
    if (reloadPending)
        o.insert(u"reloaded"_s, u"pending"_s);
    else
        o.insert(u"reloaded"_s, reloaded);
    if (!reloadCode.isEmpty())
        o.insert(u"reload_code"_s, reloadCode);
    if (!reloadMessage.isEmpty())
        o.insert(u"reload_message"_s, reloadMessage);
    if (!sha256.isEmpty())
        o.insert(u"sha256"_s, sha256);
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    if (!replacedBrokenLiveFile.isEmpty())
        o.insert(u"replaced_broken_live_file"_s, replacedBrokenLiveFile);
    return o;
}

ApplyResult ApplyResult::fromJson(const QJsonObject &o)
{
    ApplyResult a;
    a.revision = o.value(u"revision"_s).toInt();
    a.changed = o.value(u"changed"_s).toBool();
    a.changes = policy::changesFromJson(o.value(u"changes"_s).toArray()).valueOr({});
    // "pending" (a front-end that did not wait) is not in force yet.
    a.reloadPending = o.value(u"reloaded"_s) == u"pending"_s;
    a.reloaded = o.value(u"reloaded"_s).toBool();
    a.reloadCode = o.value(u"reload_code"_s).toString();
    a.reloadMessage = o.value(u"reload_message"_s).toString();
    a.sha256 = o.value(u"sha256"_s).toString();
    a.auditError = o.value(u"audit_error"_s).toString();
    a.replacedBrokenLiveFile = o.value(u"replaced_broken_live_file"_s).toString();
    return a;
}

namespace {

Result<policy::Policy> policyField(const QJsonObject &o)
{
    const QJsonValue v = o.value(u"policy"_s);
    if (!v.isObject())
        return Error(ErrorCode::BadRequest, u"the request needs a \"policy\" object"_s,
                     {{u"field"_s, u"policy"_s}, {u"path"_s, u"policy"_s}});
    auto parsed = policy::Policy::fromJsonObject(v.toObject());
    if (!parsed) {
        Error e = parsed.error();
        e.message = u"the policy was refused, nothing changed: "_s + e.message;
        return e;
    }
    return parsed;
}

Result<int> revisionField(const QJsonObject &o)
{
    const QJsonValue v = o.value(u"base_revision"_s);
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 0)
        return Error(ErrorCode::BadRequest,
                     u"the request needs \"base_revision\": the revision the change is based on"_s,
                     {{u"field"_s, u"base_revision"_s}, {u"path"_s, u"base_revision"_s}});
    return v.toInt();
}

} // namespace

QJsonObject PolicyApplyRequest::toJson() const
{
    QJsonObject o{{u"base_revision"_s, baseRevision}, {u"policy"_s, policy.toJsonObject()}};
    if (!comment.isEmpty())
        o.insert(u"comment"_s, comment);
    return o;
}

Result<PolicyApplyRequest> PolicyApplyRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"base_revision"_s, u"policy"_s, u"comment"_s}); !only)
        return only.error();
    auto base = revisionField(o);
    if (!base)
        return base.error();
    auto comment = stringField(o, u"comment"_s);
    if (!comment)
        return comment.error();
    auto parsed = policyField(o);
    if (!parsed)
        return parsed.error();
    return PolicyApplyRequest{base.value(), std::move(parsed).value(), comment.value()};
}

QJsonObject PolicyDiffRequest::toJson() const
{
    return policy ? QJsonObject{{u"policy"_s, policy->toJsonObject()}} : QJsonObject();
}

Result<PolicyDiffRequest> PolicyDiffRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"policy"_s}); !only)
        return only.error();
    if (!o.contains(u"policy"_s))
        return PolicyDiffRequest{};
    auto parsed = policyField(o);
    if (!parsed)
        return parsed.error();
    return PolicyDiffRequest{std::move(parsed).value()};
}

QJsonObject PolicyRollbackRequest::toJson() const
{
    QJsonObject o;
    if (baseRevision)
        o.insert(u"base_revision"_s, *baseRevision);
    if (comment)
        o.insert(u"comment"_s, *comment);
    return o;
}

Result<PolicyRollbackRequest> PolicyRollbackRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"base_revision"_s, u"comment"_s}); !only)
        return only.error();
    PolicyRollbackRequest r;
    if (o.contains(u"base_revision"_s)) {
        auto base = revisionField(o);
        if (!base)
            return base.error();
        r.baseRevision = base.value();
    }
    if (o.contains(u"comment"_s)) {
        auto comment = stringField(o, u"comment"_s);
        if (!comment)
            return comment.error();
        r.comment = comment.value();
    }
    return r;
}

QJsonObject Usage::toJson() const
{
    QJsonArray list;
    for (const AccountUsage &a : accounts) {
        QJsonObject o{{u"login"_s, a.login},
                      {u"used"_s, a.used},
                      {u"quota"_s, a.quota},
                      {u"overridden"_s, a.overridden}};
        if (a.hourlyQuota)
            o.insert(u"hourly"_s,
                     QJsonObject{{u"used"_s, a.usedThisHour}, {u"quota"_s, *a.hourlyQuota}});
        if (a.senderQuota)
            o.insert(u"top_sender"_s, QJsonObject{{u"address"_s, a.topSender},
                                                  {u"used"_s, a.topSenderUsed},
                                                  {u"quota"_s, *a.senderQuota}});
        list.append(o);
    }
    return {{u"time"_s, time.toString(Qt::ISODate)},
            {u"window"_s, window},
            {u"revision"_s, revision},
            {u"accounts"_s, list}};
}

Usage Usage::fromJson(const QJsonObject &o)
{
    Usage u;
    u.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    u.window = o.value(u"window"_s).toString();
    u.revision = o.value(u"revision"_s).toInt();
    for (const QJsonValue &v : o.value(u"accounts"_s).toArray()) {
        const QJsonObject a = v.toObject();
        AccountUsage account;
        account.login = a.value(u"login"_s).toString();
        account.used = a.value(u"used"_s).toInteger();
        account.quota = a.value(u"quota"_s).toInt();
        account.overridden = a.value(u"overridden"_s).toBool();
        if (const QJsonValue h = a.value(u"hourly"_s); h.isObject()) {
            account.hourlyQuota = h[u"quota"_s].toInt();
            account.usedThisHour = h[u"used"_s].toInteger();
        }
        if (const QJsonValue t = a.value(u"top_sender"_s); t.isObject()) {
            account.senderQuota = t[u"quota"_s].toInt();
            account.topSender = t[u"address"_s].toString();
            account.topSenderUsed = t[u"used"_s].toInteger();
        }
        u.accounts.append(account);
    }
    return u;
}

PolicyRevision PolicyRevision::fromJson(const QJsonObject &o)
{
    PolicyRevision r;
    r.number = o.value(u"revision"_s).toInt();
    r.base = o.value(u"base"_s).toInt();
    r.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    r.kind = o.value(u"kind"_s).toString();
    r.user = o.value(u"user"_s).toString();
    r.role = o.value(u"role"_s).toString();
    r.origin = o.value(u"origin"_s).toString();
    r.comment = o.value(u"comment"_s).toString();
    r.changes = policy::changesFromJson(o.value(u"changes"_s).toArray()).valueOr({});
    return r;
}

PolicyHistory PolicyHistory::fromJson(const QJsonObject &o)
{
    PolicyHistory h;
    h.currentRevision = o.value(u"current_revision"_s).toInt();
    h.liveProblem = o.value(u"live_problem"_s).toString();
    for (const QJsonValue &v : o.value(u"revisions"_s).toArray())
        h.revisions.append(PolicyRevision::fromJson(v.toObject()));
    return h;
}

PolicyDiff PolicyDiff::fromJson(const QJsonObject &o)
{
    PolicyDiff d;
    d.fromRevision = o.value(u"from_revision"_s).toInt();
    d.toRevision = o.value(u"to_revision"_s).toInt();
    d.changes = policy::changesFromJson(o.value(u"changes"_s).toArray()).valueOr({});
    return d;
}

AuditEntry AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry e;
    e.id = o.value(u"id"_s).toInteger();
    e.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    e.user = o.value(u"user"_s).toString();
    e.role = o.value(u"role"_s).toString();
    e.origin = o.value(u"origin"_s).toString();
    e.verb = o.value(u"verb"_s).toString();
    e.outcome = o.value(u"outcome"_s).toString();
    e.revision = o.value(u"revision"_s).toInt();
    e.summary = o.value(u"summary"_s).toString();
    e.changes = policy::changesFromJson(o.value(u"changes"_s).toArray()).valueOr({});
    return e;
}

AuditLog AuditLog::fromJson(const QJsonObject &o)
{
    AuditLog log;
    for (const QJsonValue &v : o.value(u"entries"_s).toArray())
        log.entries.append(AuditEntry::fromJson(v.toObject()));
    return log;
}

} // namespace staffetta::api
