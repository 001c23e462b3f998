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
//   [staffettad] listen=unix:/var/spool/postfix/private/staffetta-policy (mode 0660, group
//                  socket_group; inet:HOST:PORT only when asked for: any local user can
//                  connect to a TCP port) socket_group=postfix
//                max_connections=512 idle_timeout=600 (seconds) reservation_timeout=300
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
    // Inside Postfix's chroot (smtpd runs chrooted on Debian): private/staffetta-policy.
    QString policyListen = QStringLiteral("unix:/var/spool/postfix/private/staffetta-policy");
    QString policySocketGroup = QStringLiteral("postfix");
    // Postfix keeps one connection per smtpd process (default_process_limit 100 per service)
    // and closes it after smtpd_policy_service_max_idle (300 s): both are well inside these.
    int policyMaxConnections = 512;
    int policyIdleTimeoutSecs = 600;
    // An open message's quota reservation is released this long after its last RCPT (the
    // policy protocol never says when a client gave up). Postfix's smtpd_timeout is 300 s.
    int reservationTimeoutSecs = 300;
    QString daemonLog = QStringLiteral("/var/log/staffetta/staffettad.log");
    QList<AccessRule> access;

    static QString defaultPath();
    // explicitPath: from STAFFETTA_CONF; when set it must exist.
    static Result<Config> load(const QString &explicitPath);
};

} // namespace staffetta
