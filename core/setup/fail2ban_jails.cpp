#include "fail2ban_jails.h"

#include <QStringList>

#include <algorithm>

namespace staffetta::setup {

using namespace Qt::Literals::StringLiterals;

QByteArray jailFile(const Jails &jails)
{
    QList<int> ports = jails.ports;
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    QStringList portList;
    for (const int p : ports)
        portList.append(QString::number(p));
    const QString port =
        portList.isEmpty() ? u"smtp,submission,submissions"_s : portList.join(u',');
    const QString banAction =
        jails.banAction.isEmpty() ? QString() : u"banaction = %1\n"_s.arg(jails.banAction);
    const auto jail = [&](const QString &name, const QString &filter, const QString &log) {
        return u"[%1]\nenabled = true\nfilter = %2\nport = %3\nlogpath = %4\nmaxretry = 3\n"_s.arg(
                   name, filter, port, log) +
               banAction;
    };
    QString text =
        uR"(# Written by staffetta-relay-setup (run it again after changing ports or logs; --undo removes
# this file). Three failures of any kind the relay counts ban the address from every mail port:
# wrong credentials, AUTH without TLS, a connection dropped during AUTH (postfix-sasl, with
# Staffetta's filter) and an unauthorized sender (staffetta-sender). `staffettactl bans
# whitelist` keeps its addresses in jail.d/staffetta-whitelist.local.
)"_s + jail(u"postfix-sasl"_s, u"staffetta-auth"_s, jails.mailLog) +
        u'\n' + jail(u"staffetta-sender"_s, u"staffetta-sender"_s, jails.staffettadLog);
    if (jails.sshdFromJournal)
        text +=
            u"\n# No /var/log/auth.log on this system: sshd's failures are read from the journal.\n"
            "[sshd]\nbackend = systemd\n"_s +
            banAction;
    return text.toUtf8();
}

} // namespace staffetta::setup
