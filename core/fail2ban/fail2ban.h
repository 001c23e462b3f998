#pragma once

#include "api/info.h"
#include "bans.h"
#include "common/result.h"

namespace staffetta::fail2ban {

// Parsers for `fail2ban-client status` and `fail2ban-client status JAIL` (fail2ban 1.0).
QStringList parseJailList(const QString &statusOutput);
Result<api::JailStatus> parseJailStatus(const QString &jail, const QString &statusOutput);
// Parser for `fail2ban-client banned ADDRESS` (fail2ban 0.11 and later): the jails that ban it,
// as fail2ban prints them ("[['postfix-sasl', 'staffetta-sender']]", "[[]]": none).
Result<QStringList> parseBannedIn(const QString &bannedOutput);

// fail2ban on the relay, through fail2ban-client and its control socket.
class Fail2ban
{
public:
    explicit Fail2ban(QString socketPath = {}, QString client = QStringLiteral("fail2ban-client"));

    Result<QStringList> jails() const;
    Result<api::JailStatus> status(const QString &jail) const;
    // Every jail with its status, in the order fail2ban lists them.
    Result<QList<api::JailStatus>> allJails() const;

    // The jails that ban `address` now: one fail2ban-client call, where a jail's status each
    // is one per jail (each call starts fail2ban's Python client: ~0.1 s).
    Result<QStringList> jailsBanning(const QString &address) const;
    // The bans of one jail with their times (reason not filled in: see the log).
    Result<QList<Ban>> bans(const QString &jail) const;
    // Lifts the ban of `address` in `jail`.
    Result<bool> unban(const QString &jail, const QString &address) const;
    // The jail's ignore list at runtime; add/remove one address.
    Result<QStringList> ignoreList(const QString &jail) const;
    Result<bool> addIgnore(const QString &jail, const QString &address) const;
    Result<bool> removeIgnore(const QString &jail, const QString &address) const;
    // fail2ban's own log file (its logtarget), empty when it logs elsewhere (syslog).
    Result<QString> logFile() const;
    // `fail2ban-client -c DIR -t`: whether fail2ban would load the configuration in DIR.
    // A refusal is ErrorCode::Config with what fail2ban said (its ERROR lines).
    Result<Done> testConfig(const QString &configDir) const;

private:
    Result<QString> call(const QStringList &arguments) const;

    QString m_socket;
    QString m_client;
};

} // namespace staffetta::fail2ban
