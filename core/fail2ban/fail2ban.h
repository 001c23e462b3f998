#pragma once

#include "api/info.h"
#include "common/result.h"

namespace staffetta::fail2ban {

// Parsers for `fail2ban-client status` and `fail2ban-client status JAIL` (fail2ban 1.0).
QStringList parseJailList(const QString &statusOutput);
Result<api::JailStatus> parseJailStatus(const QString &jail, const QString &statusOutput);

// fail2ban on the relay, through fail2ban-client and its control socket.
class Fail2ban
{
public:
    explicit Fail2ban(QString socketPath = {}, QString client = QStringLiteral("fail2ban-client"));

    Result<QStringList> jails() const;
    Result<api::JailStatus> status(const QString &jail) const;
    // Every jail with its status, in the order fail2ban lists them.
    Result<QList<api::JailStatus>> allJails() const;

private:
    Result<QString> call(const QStringList &arguments) const;

    QString m_socket;
    QString m_client;
};

} // namespace staffetta::fail2ban
