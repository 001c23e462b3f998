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
//                quota_commit=end_of_data | milter (where an accepted message is charged: at
//                  the policy service's END-OF-MESSAGE, or when the content milter passed it)
//                quota_socket=/run/staffetta/quota.sock (the milter's commits and releases)
//   [milter]     listen=unix:/var/spool/postfix/private/staffetta-milter socket_group=postfix
//                log=/var/log/staffetta/staffetta-milter.log spool_dir=STATE_DIR/milter
//   [events]     database=STATE_DIR/events.sqlite retention_days=90 (staffetta-events, the
//                  event index behind `trace`) log=/var/log/staffetta/staffetta-events.log
//   [archive]    domain=DOMAIN (BCC "mailbox" copies go to MAILBOX@DOMAIN: Dovecot's LMTP)
//   [accounts]   credentials=external | local (who keeps the accounts' passwords: Dovecot's own
//                  passdb, or Staffetta in Dovecot's passwd-file) passwd_file=/etc/dovecot/passwd
//                  passwd_group=dovecot password_scheme=ARGON2ID | SHA512-CRYPT doveadm=doveadm
//   [access]     user.NAME=ROLE [ACCOUNT...]   group.NAME=ROLE [ACCOUNT...]   (see access.h;
//                  more in access.conf beside this file, see accessFilePath)
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
    // With the content milter wired into Postfix, a message is charged when the milter passed
    // it (after every content rule), never at the policy service's END-OF-MESSAGE: Postfix
    // asks the policy service before the milter, so a refused message would be charged.
    bool quotaCommitAtMilter = false;
    QString quotaSocket = QStringLiteral("/run/staffetta/quota.sock");
    QString milterListen = QStringLiteral("unix:/var/spool/postfix/private/staffetta-milter");
    QString milterSocketGroup = QStringLiteral("postfix");
    QString milterLog = QStringLiteral("/var/log/staffetta/staffetta-milter.log");
    QString milterSpoolDir; // empty: STATE_DIR/milter
    QString archiveDomain;  // empty: no archive mailboxes on this relay
    // [trusted] port: the smtpd service where the accounts' trusted_clients relay without
    // AUTH (never the submission port); 0: nobody does. map: the cidr table staffettad
    // writes from the policy for that service's check_client_access.
    int trustedPort = 0;
    QString trustedMap;     // empty: STATE_DIR/trusted_clients.cidr
    QString eventsDatabase; // empty: STATE_DIR/events.sqlite
    int eventsRetentionDays = 90;
    QString eventsLog = QStringLiteral("/var/log/staffetta/staffetta-events.log");
    // local: `accounts add|passwd` keep each account's password hash (doveadm pw) in Dovecot's
    // passwd-file; external: Dovecot checks the passwords elsewhere, Staffetta lists logins.
    enum class Credentials { External, Local };
    Credentials credentials = Credentials::External;
    QString passwdFile = QStringLiteral("/etc/dovecot/passwd");
    QString passwdGroup = QStringLiteral("dovecot"); // the file is 0640 root:GROUP
    QString passwordScheme = QStringLiteral("ARGON2ID");
    QString doveadm = QStringLiteral("doveadm");
    QList<AccessRule> access;

    static QString defaultPath();
    // access.conf beside the configuration: more [access] rules and [grants.*] sections, the
    // console users `staffetta-relay-setup --console-key` added (its own file: staffetta.conf
    // is the package's conffile, never rewritten by a program).
    static QString accessFilePath(const QString &configPath);
    // explicitPath: from STAFFETTA_CONF; when set it must exist.
    static Result<Config> load(const QString &explicitPath);
};

} // namespace staffetta
