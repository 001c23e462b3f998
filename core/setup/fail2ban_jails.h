#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The relay's fail2ban jails, as staffetta-relay-setup writes them into fail2ban's jail.d (a
// file of ours: fail2ban's own jail.conf is never edited). The filters ship with the package.
namespace staffetta::setup {

struct Jails
{
    QList<int> ports;      // every port an smtpd answers on: a banned address loses them all
    QString mailLog;       // Postfix's log (maillog_file): wrong passwords, AUTH without TLS
    QString staffettadLog; // staffettad's: unauthorized senders
    // Debian 12 has no syslog daemon, so no /var/log/auth.log: fail2ban's stock sshd jail then
    // stops fail2ban from starting at all. Read sshd from the journal instead.
    bool sshdFromJournal = false;
    // Empty: fail2ban's default. Debian 12's jail.conf bans with iptables, which a stock
    // Debian 12 does not have (nftables is its firewall): the setup names nftables then.
    QString banAction;
};

QByteArray jailFile(const Jails &jails);

} // namespace staffetta::setup
