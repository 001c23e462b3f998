#pragma once

#include "common/result.h"

#include <QString>

namespace staffetta::ctl {

// staffettactl's view of the relay it runs on. Read from the file named by STAFFETTA_CONF,
// else /etc/staffetta/staffetta.conf (INI):
//   [postfix]  config_dir=/etc/postfix   command_dir=/usr/sbin
//   [fail2ban] socket=/run/fail2ban/fail2ban.sock   client=fail2ban-client
struct Config
{
    QString path; // where it was read from; empty when the defaults are used
    QString postfixConfigDir;
    QString postfixCommandDir = QStringLiteral("/usr/sbin");
    QString fail2banSocket;
    QString fail2banClient = QStringLiteral("fail2ban-client");

    static QString defaultPath();
    // explicitPath: from STAFFETTA_CONF; when set it must exist.
    static Result<Config> load(const QString &explicitPath);
};

} // namespace staffetta::ctl
