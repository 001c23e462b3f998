#pragma once

#include "common/result.h"
#include "info.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

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

// `bans list`: a jail's status and its bans in force.
struct JailBans : JailStatus
{
    QList<Ban> bans;

    QJsonObject toJson(const QDateTime &now) const;
    static JailBans fromJson(const QJsonObject &o);
};

struct BansSnapshot
{
    QList<JailBans> jails;
    QList<WhitelistEntry> whitelist;

    QJsonObject toJson(const QDateTime &now) const;
    // BadResponse when the answer has no jails.
    static Result<BansSnapshot> fromJson(const QJsonObject &o);
};

// A log line naming an address, and the failure it shows (None for fail2ban's own lines).
struct LogLine
{
    QString source; // mail, staffettad, fail2ban
    QString text;
    FailureKind reason = FailureKind::None;

    QJsonObject toJson() const;
    static LogLine fromJson(const QJsonObject &o);
    friend bool operator==(const LogLine &, const LogLine &) = default;
};

// `bans log IP`: the bans of an address, why, and the lines behind it.
struct AddressReport
{
    QString address;
    QList<Ban> bans;
    // The first ban's reason; not banned: what most of the latest failures were.
    FailureKind reason = FailureKind::None;
    QList<LogLine> lines;
    QMap<QString, int> reasonCounts; // failure kind name -> lines of that kind
    std::optional<WhitelistEntry> whitelisted;

    QJsonObject toJson(const QDateTime &now) const;
    static AddressReport fromJson(const QJsonObject &o);
};

// `bans unban IP`: the address, the jails its ban was lifted from, and the jails it was not
// banned in (an address banned in none is a not_found error, reason not_banned).
struct UnbanResult
{
    QString address;       // normalised
    QStringList jails;     // unbanned from
    QStringList notBanned; // the other jails: it was not banned there
    QString auditError;    // done, but the audit row could not be written

    QJsonObject toJson() const;
    static UnbanResult fromJson(const QJsonObject &o);
    friend bool operator==(const UnbanResult &, const UnbanResult &) = default;
};

// `bans whitelist list|add|remove`: the whitelist after the change, and what the change did.
struct WhitelistResult
{
    QString address;                     // the entry added or removed (normalised)
    std::optional<QStringList> unbanned; // add: the jails a ban in force was lifted from
    QString warning;                     // English: fail2ban will not keep it (no jail.d)
    QString auditError;                  // done, but the audit row could not be written
    std::optional<QList<WhitelistEntry>> whitelist;

    QJsonObject toJson() const;
    static WhitelistResult fromJson(const QJsonObject &o);
};

// `search`: what one relay knows of an IP (its bans report), or of an address, a login or a
// queue id (queued messages, as Postfix's own `postqueue -j` objects, and accounts).
struct SearchResult
{
    struct Account
    {
        QString login;
        QStringList senders; // the account's sender patterns that match the term
        friend bool operator==(const Account &, const Account &) = default;
    };
    QString term;
    QString kind; // ip, address, queue_id_or_login, text
    std::optional<AddressReport> ip;
    QList<QJsonObject> messages; // at most MaxMessages of the matches
    qint64 messagesMatched = 0;
    std::optional<QList<Account>> accounts; // none when the policy could not be read

    static constexpr int MaxMessages = 100;
    static constexpr int MaxIpLines = 20; // the latest; `bans log` has them all

    QJsonObject toJson(const QDateTime &now) const;
    static SearchResult fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
