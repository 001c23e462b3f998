#include "relay_config.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <optional>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

QString Config::defaultPath()
{
    return u"/etc/staffetta/staffetta.conf"_s;
}

namespace {

// A value that may read back as a list (it had commas) as one string.
QString stringValue(const QSettings &s, const QString &key)
{
    const QVariant v = s.value(key);
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
}

// [grants.user.NAME] / [grants.group.NAME]: what the admin grants a partner rule.
Result<PartnerGrants> parseGrants(QSettings &s, const QString &section)
{
    auto invalid = [&](const QString &key, const QString &why) {
        return Error(ErrorCode::Config, u"[%1] %2: %3"_s.arg(section, key, why),
                     {{u"section"_s, section}, {u"key"_s, key}});
    };
    static const QRegularExpression domainRe(
        u"^(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    PartnerGrants grants;
    s.beginGroup(section);
    const QStringList keys = s.childKeys();
    for (const QString &key : keys) {
        const QString value = stringValue(s, key).trimmed();
        if (key == u"domains"_s) {
            const QStringList words =
                value.toLower().split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
            for (const QString &d : words) {
                if (!domainRe.match(d).hasMatch()) {
                    s.endGroup();
                    return invalid(key, u"'%1' is not a domain or *.domain"_s.arg(d));
                }
                grants.domains.append(d);
            }
            continue;
        }
        std::optional<qint64> *cap = key == u"max_daily_quota"_s    ? &grants.maxDailyQuota
                                     : key == u"max_recipients"_s   ? &grants.maxRecipients
                                     : key == u"max_message_size"_s ? &grants.maxMessageSize
                                                                    : nullptr;
        if (!cap) {
            s.endGroup();
            return invalid(key, u"unknown key (domains, max_daily_quota, max_recipients, "
                                u"max_message_size)"_s);
        }
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        if (!ok || n < 1) {
            s.endGroup();
            return invalid(key, u"'%1' is not a positive whole number"_s.arg(value));
        }
        *cap = n;
    }
    s.endGroup();
    return grants;
}

// [access] rules, appended to `access`.
Result<Done> readRules(QSettings &s, QList<AccessRule> &access)
{
    s.beginGroup(u"access"_s);
    const QStringList keys = s.childKeys();
    for (const QString &key : keys) {
        // A value with commas reads back as a list; the rule parser takes either.
        auto rule = AccessRule::parse(key, stringValue(s, key));
        if (!rule) {
            s.endGroup();
            return rule.error();
        }
        access.append(rule.value());
    }
    s.endGroup();
    return Done{};
}

// [grants.user.NAME] / [grants.group.NAME] sections, given to the partner rules of `access`
// (wherever those were read: staffetta.conf may grant to a partner access.conf names).
Result<Done> readGrants(QSettings &s, QList<AccessRule> &access)
{
    const QStringList sections = s.childGroups();
    for (const QString &section : sections) {
        if (!section.startsWith(u"grants."_s))
            continue;
        const QString ruleKey = section.mid(7);
        const auto rule = std::find_if(access.begin(), access.end(), [&](const AccessRule &r) {
            return (r.group ? u"group."_s : u"user."_s) + r.name == ruleKey;
        });
        if (rule == access.end() || rule->role != Role::Partner) {
            return Error(ErrorCode::Config,
                         u"[%1]: grants are for a partner rule, and [access] has no partner "
                         u"rule %2"_s.arg(section, ruleKey),
                         {{u"section"_s, section}});
        }
        auto grants = parseGrants(s, section);
        if (!grants)
            return grants.error();
        rule->grants = grants.value();
    }
    return Done{};
}

} // namespace

QString Config::accessFilePath(const QString &configPath)
{
    return QFileInfo(configPath).dir().filePath(u"access.conf"_s);
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
    const QString commit = s.value(u"staffettad/quota_commit"_s, u"end_of_data"_s).toString();
    if (commit != u"end_of_data"_s && commit != u"milter"_s)
        return Error(
            ErrorCode::Config,
            u"[staffettad] quota_commit must be end_of_data or milter, not %1"_s.arg(commit),
            {{u"key"_s, u"staffettad/quota_commit"_s}});
    config.quotaCommitAtMilter = commit == u"milter"_s;
    config.quotaSocket = s.value(u"staffettad/quota_socket"_s, config.quotaSocket).toString();
    config.milterListen = s.value(u"milter/listen"_s, config.milterListen).toString();
    config.milterSocketGroup =
        s.value(u"milter/socket_group"_s, config.milterSocketGroup).toString();
    config.milterLog = s.value(u"milter/log"_s, config.milterLog).toString();
    config.milterSpoolDir =
        s.value(u"milter/spool_dir"_s, config.stateDir + u"/milter"_s).toString();
    config.archiveDomain = s.value(u"archive/domain"_s).toString().trimmed().toLower();
    if (s.contains(u"trusted/port"_s)) {
        bool ok = false;
        config.trustedPort = s.value(u"trusted/port"_s).toString().toInt(&ok);
        if (!ok || config.trustedPort < 1 || config.trustedPort > 65535)
            return Error(ErrorCode::Config, u"[trusted] port must be a TCP port number"_s,
                         {{u"key"_s, u"trusted/port"_s}});
    }
    config.trustedMap =
        s.value(u"trusted/map"_s, config.stateDir + u"/trusted_clients.cidr"_s).toString();
    config.eventsDatabase =
        s.value(u"events/database"_s, config.stateDir + u"/events.sqlite"_s).toString();
    config.eventsLog = s.value(u"events/log"_s, config.eventsLog).toString();
    if (s.contains(u"events/retention_days"_s)) {
        bool ok = false;
        config.eventsRetentionDays = s.value(u"events/retention_days"_s).toInt(&ok);
        if (!ok || config.eventsRetentionDays < 1 || config.eventsRetentionDays > 3660)
            return Error(ErrorCode::Config,
                         u"[events] retention_days must be a number of days from 1 to 3660"_s,
                         {{u"key"_s, u"events/retention_days"_s}});
    }
    const QString credentials = s.value(u"accounts/credentials"_s, u"external"_s).toString();
    if (credentials != u"external"_s && credentials != u"local"_s)
        return Error(ErrorCode::Config,
                     u"[accounts] credentials must be external or local, not %1"_s.arg(credentials),
                     {{u"key"_s, u"accounts/credentials"_s}});
    config.credentials =
        credentials == u"local"_s ? Config::Credentials::Local : Config::Credentials::External;
    config.passwdFile = s.value(u"accounts/passwd_file"_s, config.passwdFile).toString();
    config.passwdGroup = s.value(u"accounts/passwd_group"_s, config.passwdGroup).toString();
    config.passwordScheme =
        s.value(u"accounts/password_scheme"_s, config.passwordScheme).toString();
    if (config.passwordScheme != u"ARGON2ID"_s && config.passwordScheme != u"SHA512-CRYPT"_s)
        return Error(ErrorCode::Config,
                     u"[accounts] password_scheme must be ARGON2ID or SHA512-CRYPT, not %1"_s.arg(
                         config.passwordScheme),
                     {{u"key"_s, u"accounts/password_scheme"_s}});
    config.doveadm = s.value(u"accounts/doveadm"_s, config.doveadm).toString();
    for (auto [key, target] :
         {std::pair{u"max_connections"_s, &config.policyMaxConnections},
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
    // With the console users staffetta-relay-setup --console-key added (its file, not a
    // conffile): every rule first, then the grants, which may name a rule of either file.
    if (auto read = readRules(s, config.access); !read)
        return read.error();
    const QString extra = accessFilePath(path);
    std::optional<QSettings> more;
    if (QFileInfo::exists(extra)) {
        more.emplace(extra, QSettings::IniFormat);
        if (more->status() != QSettings::NoError)
            return Error(ErrorCode::Config, u"the access rules %1 are malformed"_s.arg(extra),
                         {{u"path"_s, extra}});
        if (auto read = readRules(*more, config.access); !read)
            return read.error();
    }
    if (auto read = readGrants(s, config.access); !read)
        return read.error();
    if (more) {
        if (auto read = readGrants(*more, config.access); !read)
            return read.error();
    }
    return config;
}

} // namespace staffetta
