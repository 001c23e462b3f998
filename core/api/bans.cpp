#include "bans.h"

#include "common/names.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

// The one table of failure kind names (the API's words).
const std::array<std::pair<FailureKind, QLatin1StringView>, 4> kindNames{{
    {FailureKind::WrongCredentials, "wrong_credentials"_L1},
    {FailureKind::AuthWithoutTls, "auth_without_tls"_L1},
    {FailureKind::DroppedDuringAuth, "dropped_during_auth"_L1},
    {FailureKind::UnauthorizedSender, "unauthorized_sender"_L1},
}};

} // namespace

QString failureKindName(FailureKind kind)
{
    return nameOf(kindNames, kind);
}

FailureKind failureKindFromName(const QString &name)
{
    return valueOf(kindNames, name).value_or(FailureKind::None);
}

qint64 Ban::remaining(const QDateTime &now) const
{
    if (banTime < 0 || !until.isValid())
        return -1;
    return qMax<qint64>(0, now.secsTo(until));
}

QJsonObject Ban::toJson(const QDateTime &now) const
{
    QJsonObject o{{u"jail"_s, jail},
                  {u"address"_s, address},
                  {u"since"_s, since.toUTC().toString(Qt::ISODate)},
                  {u"ban_time"_s, banTime},
                  {u"remaining"_s, remaining(now)}};
    if (until.isValid())
        o.insert(u"until"_s, until.toUTC().toString(Qt::ISODate));
    if (reason != FailureKind::None)
        o.insert(u"reason"_s, failureKindName(reason));
    return o;
}

Ban Ban::fromJson(const QJsonObject &o)
{
    Ban b;
    b.jail = o.value(u"jail"_s).toString();
    b.address = o.value(u"address"_s).toString();
    b.since = QDateTime::fromString(o.value(u"since"_s).toString(), Qt::ISODate);
    b.until = QDateTime::fromString(o.value(u"until"_s).toString(), Qt::ISODate);
    b.banTime = qint64(o.value(u"ban_time"_s).toDouble());
    b.reason = failureKindFromName(o.value(u"reason"_s).toString());
    return b;
}

QJsonObject WhitelistEntry::toJson() const
{
    return {{u"address"_s, address},
            {u"note"_s, note},
            {u"added_by"_s, addedBy},
            {u"added_at"_s, addedAt.toUTC().toString(Qt::ISODate)}};
}

WhitelistEntry WhitelistEntry::fromJson(const QJsonObject &o)
{
    return {o.value(u"address"_s).toString(), o.value(u"note"_s).toString(),
            o.value(u"added_by"_s).toString(),
            QDateTime::fromString(o.value(u"added_at"_s).toString(), Qt::ISODate)};
}

QJsonObject JailBans::toJson(const QDateTime &now) const
{
    QJsonObject o = JailStatus::toJson();
    QJsonArray list;
    for (const Ban &b : bans)
        list.append(b.toJson(now));
    o.insert(u"bans"_s, list);
    return o;
}

JailBans JailBans::fromJson(const QJsonObject &o)
{
    JailBans j;
    static_cast<JailStatus &>(j) = JailStatus::fromJson(o);
    for (const QJsonValue &b : o.value(u"bans"_s).toArray())
        j.bans.append(Ban::fromJson(b.toObject()));
    return j;
}

QJsonObject BansSnapshot::toJson(const QDateTime &now) const
{
    QJsonArray jailList;
    for (const JailBans &j : jails)
        jailList.append(j.toJson(now));
    QJsonArray whitelistList;
    for (const WhitelistEntry &w : whitelist)
        whitelistList.append(w.toJson());
    return {{u"jails"_s, jailList}, {u"whitelist"_s, whitelistList}};
}

Result<BansSnapshot> BansSnapshot::fromJson(const QJsonObject &o)
{
    if (!o.value(u"jails"_s).isArray())
        return Error(ErrorCode::BadResponse, u"bans list: no jails in the answer"_s);
    BansSnapshot s;
    for (const QJsonValue &j : o.value(u"jails"_s).toArray())
        s.jails.append(JailBans::fromJson(j.toObject()));
    for (const QJsonValue &w : o.value(u"whitelist"_s).toArray())
        s.whitelist.append(WhitelistEntry::fromJson(w.toObject()));
    return s;
}

QJsonObject LogLine::toJson() const
{
    QJsonObject o{{u"source"_s, source}, {u"text"_s, text}};
    if (reason != FailureKind::None)
        o.insert(u"reason"_s, failureKindName(reason));
    return o;
}

LogLine LogLine::fromJson(const QJsonObject &o)
{
    return {o.value(u"source"_s).toString(), o.value(u"text"_s).toString(),
            failureKindFromName(o.value(u"reason"_s).toString())};
}

QJsonObject AddressReport::toJson(const QDateTime &now) const
{
    QJsonArray banList;
    for (const Ban &b : bans)
        banList.append(b.toJson(now));
    QJsonArray lineList;
    for (const LogLine &l : lines)
        lineList.append(l.toJson());
    QJsonObject counts;
    for (auto it = reasonCounts.cbegin(); it != reasonCounts.cend(); ++it)
        counts.insert(it.key(), it.value());
    QJsonObject o{{u"address"_s, address},
                  {u"bans"_s, banList},
                  {u"lines"_s, lineList},
                  {u"reasons"_s, counts}};
    if (reason != FailureKind::None)
        o.insert(u"reason"_s, failureKindName(reason));
    if (whitelisted)
        o.insert(u"whitelisted"_s, whitelisted->toJson());
    return o;
}

AddressReport AddressReport::fromJson(const QJsonObject &o)
{
    AddressReport r;
    r.address = o.value(u"address"_s).toString();
    for (const QJsonValue &b : o.value(u"bans"_s).toArray())
        r.bans.append(Ban::fromJson(b.toObject()));
    r.reason = failureKindFromName(o.value(u"reason"_s).toString());
    for (const QJsonValue &l : o.value(u"lines"_s).toArray())
        r.lines.append(LogLine::fromJson(l.toObject()));
    const QJsonObject counts = o.value(u"reasons"_s).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        r.reasonCounts.insert(it.key(), it.value().toInt());
    if (o.value(u"whitelisted"_s).isObject())
        r.whitelisted = WhitelistEntry::fromJson(o.value(u"whitelisted"_s).toObject());
    return r;
}

QJsonObject UnbanResult::toJson() const
{
    QJsonObject o{{u"address"_s, address},
                  {u"jails"_s, QJsonArray::fromStringList(jails)},
                  {u"not_banned"_s, QJsonArray::fromStringList(notBanned)}};
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    return o;
}

UnbanResult UnbanResult::fromJson(const QJsonObject &o)
{
    return {o.value(u"address"_s).toString(), o.value(u"jails"_s).toVariant().toStringList(),
            o.value(u"not_banned"_s).toVariant().toStringList(),
            o.value(u"audit_error"_s).toString()};
}

QJsonObject WhitelistResult::toJson() const
{
    QJsonObject o;
    if (!address.isEmpty())
        o.insert(u"address"_s, address);
    if (unbanned)
        o.insert(u"unbanned"_s, QJsonArray::fromStringList(*unbanned));
    if (!warning.isEmpty())
        o.insert(u"warning"_s, warning);
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    if (whitelist) {
        QJsonArray list;
        for (const WhitelistEntry &w : *whitelist)
            list.append(w.toJson());
        o.insert(u"whitelist"_s, list);
    }
    return o;
}

WhitelistResult WhitelistResult::fromJson(const QJsonObject &o)
{
    WhitelistResult r;
    r.address = o.value(u"address"_s).toString();
    if (o.value(u"unbanned"_s).isArray())
        r.unbanned = o.value(u"unbanned"_s).toVariant().toStringList();
    r.warning = o.value(u"warning"_s).toString();
    r.auditError = o.value(u"audit_error"_s).toString();
    if (o.value(u"whitelist"_s).isArray()) {
        QList<WhitelistEntry> list;
        for (const QJsonValue &w : o.value(u"whitelist"_s).toArray())
            list.append(WhitelistEntry::fromJson(w.toObject()));
        r.whitelist = list;
    }
    return r;
}

QJsonObject SearchResult::toJson(const QDateTime &now) const
{
    QJsonObject o{{u"term"_s, term}, {u"kind"_s, kind}};
    if (ip) {
        o.insert(u"ip"_s, ip->toJson(now));
        return o;
    }
    QJsonArray list;
    for (const QJsonObject &m : messages)
        list.append(m);
    o.insert(u"queue"_s, QJsonObject{{u"messages"_s, list}, {u"matched"_s, messagesMatched}});
    if (accounts) {
        QJsonArray accountList;
        for (const Account &a : *accounts)
            accountList.append(QJsonObject{{u"login"_s, a.login},
                                           {u"senders"_s, QJsonArray::fromStringList(a.senders)}});
        o.insert(u"accounts"_s, accountList);
    }
    return o;
}

SearchResult SearchResult::fromJson(const QJsonObject &o)
{
    SearchResult r;
    r.term = o.value(u"term"_s).toString();
    r.kind = o.value(u"kind"_s).toString();
    if (o.value(u"ip"_s).isObject())
        r.ip = AddressReport::fromJson(o.value(u"ip"_s).toObject());
    const QJsonObject queue = o.value(u"queue"_s).toObject();
    for (const QJsonValue &m : queue.value(u"messages"_s).toArray())
        r.messages.append(m.toObject());
    r.messagesMatched = queue.value(u"matched"_s).toInteger();
    if (o.value(u"accounts"_s).isArray()) {
        QList<Account> list;
        for (const QJsonValue &v : o.value(u"accounts"_s).toArray()) {
            const QJsonObject a = v.toObject();
            list.append(
                {a.value(u"login"_s).toString(), a.value(u"senders"_s).toVariant().toStringList()});
        }
        r.accounts = list;
    }
    return r;
}

} // namespace staffetta::api
