#include "bans.h"

#include "common/names.h"

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

} // namespace staffetta::api
