#include "relay_config.h"

#include <QFileInfo>
#include <QSettings>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

QString Config::defaultPath()
{
    return u"/etc/staffetta/staffetta.conf"_s;
}

Result<Config> Config::load(const QString &explicitPath)
{
    Config config;
    const QString path = explicitPath.isEmpty() ? defaultPath() : explicitPath;
    const QFileInfo info(path);
    if (!info.exists()) {
        if (explicitPath.isEmpty())
            return config; // a stock relay: Postfix and fail2ban at their default places
        return Error(ErrorCode::Config,
                     u"STAFFETTA_CONF names %1, which does not exist"_s.arg(path),
                     {{u"path"_s, path}});
    }
    if (!info.isReadable()) {
        return Error(ErrorCode::Config, u"cannot read the configuration %1"_s.arg(path),
                     {{u"path"_s, path}});
    }
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError) {
        return Error(ErrorCode::Config, u"the configuration %1 is malformed"_s.arg(path),
                     {{u"path"_s, path}});
    }
    config.path = path;
    config.postfixConfigDir = s.value(u"postfix/config_dir"_s).toString();
    config.postfixCommandDir =
        s.value(u"postfix/command_dir"_s, config.postfixCommandDir).toString();
    config.fail2banSocket = s.value(u"fail2ban/socket"_s).toString();
    config.fail2banClient = s.value(u"fail2ban/client"_s, config.fail2banClient).toString();
    config.fail2banConfigDir =
        s.value(u"fail2ban/config_dir"_s, config.fail2banConfigDir).toString();
    config.mailLog = s.value(u"postfix/log"_s).toString();
    config.policyFile = s.value(u"policy/file"_s, config.policyFile).toString();
    config.stateDir = s.value(u"state/dir"_s, config.stateDir).toString();
    config.policyListen = s.value(u"staffettad/listen"_s, config.policyListen).toString();
    config.daemonLog = s.value(u"staffettad/log"_s, config.daemonLog).toString();
    config.policySocketGroup =
        s.value(u"staffettad/socket_group"_s, config.policySocketGroup).toString();
    for (auto [key, target] : {std::pair{u"max_connections"_s, &config.policyMaxConnections},
                               std::pair{u"idle_timeout"_s, &config.policyIdleTimeoutSecs},
                               std::pair{u"reservation_timeout"_s, &config.reservationTimeoutSecs}}) {
        const QString name = u"staffettad/"_s + key;
        if (!s.contains(name))
            continue;
        bool ok = false;
        const int value = s.value(name).toString().toInt(&ok);
        if (!ok || value < 1) {
            return Error(ErrorCode::Config,
                         u"[staffettad] %1 must be a positive whole number"_s.arg(key),
                         {{u"key"_s, name}});
        }
        *target = value;
    }
    s.beginGroup(u"access"_s);
    const QStringList keys = s.childKeys();
    for (const QString &key : keys) {
        // A value with commas reads back as a list; the rule parser takes either.
        const QVariant v = s.value(key);
        const QString value =
            v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
        auto rule = AccessRule::parse(key, value);
        if (!rule)
            return rule.error();
        config.access.append(rule.value());
    }
    s.endGroup();
    return config;
}

} // namespace staffetta
