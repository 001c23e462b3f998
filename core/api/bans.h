#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// The bans' part of the relay API (staffettactl bans ..., search; the console's Bans view).
namespace staffetta::api {

// Why an address failed on the relay. The names are part of the relay API; the console
// words them (client::failureKindText).
enum class FailureKind {
    None,
    WrongCredentials,
    AuthWithoutTls,
    DroppedDuringAuth,
    UnauthorizedSender
};
QString failureKindName(FailureKind kind);
FailureKind failureKindFromName(const QString &name);

struct Ban
{
    QString jail;
    QString address;
    QDateTime since;
    QDateTime until;    // invalid for a permanent ban
    qint64 banTime = 0; // seconds; -1 = permanent
    FailureKind reason = FailureKind::None;

    qint64 remaining(const QDateTime &now) const; // seconds; -1 = permanent
    QJsonObject toJson(const QDateTime &now) const;
    static Ban fromJson(const QJsonObject &o);
};

struct WhitelistEntry
{
    QString address;
    QString note;
    QString addedBy;
    QDateTime addedAt;

    QJsonObject toJson() const;
    static WhitelistEntry fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
