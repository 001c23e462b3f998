#pragma once

#include "common/access.h"
#include "common/result.h"

#include <QString>

namespace staffetta {

// The relay's Staffetta configuration, shared by staffettactl and staffettad. Read from the
// file named by STAFFETTA_CONF, else /etc/staffetta/staffetta.conf (INI):
//   [postfix]    config_dir=/etc/postfix   command_dir=/usr/sbin
//                log=/var/log/mail.log (default: Postfix's maillog_file, else this)
//   [fail2ban]   socket=/run/fail2ban/fail2ban.sock   client=fail2ban-client
//                config_dir=/etc/fail2ban
//   [policy]     file=/etc/staffetta/policy.json
//   [state]      dir=/var/lib/staffetta
//   [staffettad] listen=inet:127.0.0.1:10040 (or unix:/run/staffetta/policy.sock)
//                log=/var/log/staffetta/staffettad.log
//   [access]     user.NAME=ROLE [ACCOUNT...]   group.NAME=ROLE [ACCOUNT...]   (see access.h)
//   [grants.user.NAME] / [grants.group.NAME]   a partner rule's grants (PartnerGrants):
//                domains=acme.example *.acme.example   max_daily_quota=N   max_recipients=N
//                max_message_size=BYTES
struct Config
{
    QString path; // where it was read from; empty when the defaults are used
    QString postfixConfigDir;
    QString postfixCommandDir = QStringLiteral("/usr/sbin");
    QString mailLog; // empty: ask Postfix (maillog_file), else /var/log/mail.log
    QString fail2banSocket;
    QString fail2banConfigDir = QStringLiteral("/etc/fail2ban");
    QString fail2banClient = QStringLiteral("fail2ban-client");
    QString policyFile = QStringLiteral("/etc/staffetta/policy.json");
    QString stateDir = QStringLiteral("/var/lib/staffetta");
    QString policyListen = QStringLiteral("inet:127.0.0.1:10040");
    QString daemonLog = QStringLiteral("/var/log/staffetta/staffettad.log");
    QList<AccessRule> access;

    static QString defaultPath();
    // explicitPath: from STAFFETTA_CONF; when set it must exist.
    static Result<Config> load(const QString &explicitPath);
};

} // namespace staffetta
