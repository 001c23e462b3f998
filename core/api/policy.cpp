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

QJsonObject Usage::toJson() const
{
    QJsonArray list;
    for (const AccountUsage &a : accounts)
        list.append(QJsonObject{{u"login"_s, a.login},
                                {u"used"_s, a.used},
                                {u"quota"_s, a.quota},
                                {u"overridden"_s, a.overridden}});
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
        u.accounts.append({a.value(u"login"_s).toString(), a.value(u"used"_s).toInteger(),
                           a.value(u"quota"_s).toInt(), a.value(u"overridden"_s).toBool()});
    }
    return u;
}

} // namespace staffetta::api
