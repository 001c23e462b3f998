#include "profiles.h"

namespace staffetta::settings {

using namespace Qt::Literals::StringLiterals;
using transport::SshAuth;

QString RelayProfile::keychainKey() const
{
    return u"relay/%1/secret"_s.arg(id.toString(QUuid::WithoutBraces));
}

bool operator==(const RelayProfile &a, const RelayProfile &b)
{
    return a.id == b.id && a.name == b.name && a.group == b.group && a.transport == b.transport &&
           a.ssh.host == b.ssh.host && a.ssh.port == b.ssh.port && a.ssh.user == b.ssh.user &&
           a.ssh.auth == b.ssh.auth && a.ssh.keyFile == b.ssh.keyFile &&
           a.ssh.knownHostsFile == b.ssh.knownHostsFile &&
           a.ssh.remoteCommand == b.ssh.remoteCommand && a.secretInKeychain == b.secretInKeychain;
}

QString authName(SshAuth auth)
{
    switch (auth) {
    case SshAuth::Agent:
        return u"agent"_s;
    case SshAuth::KeyFile:
        return u"key"_s;
    case SshAuth::Password:
        return u"password"_s;
    }
    return u"agent"_s;
}

SshAuth authFromName(const QString &name)
{
    if (name == u"key"_s)
        return SshAuth::KeyFile;
    if (name == u"password"_s)
        return SshAuth::Password;
    return SshAuth::Agent;
}

QString transportName(transport::Kind kind)
{
    switch (kind) {
    case transport::Kind::Ssh:
        break;
    }
    return u"ssh"_s;
}

std::optional<transport::Kind> transportFromName(const QString &name)
{
    if (name == u"ssh"_s)
        return transport::Kind::Ssh;
    return std::nullopt;
}

ProfileStore::ProfileStore(QSettings &settings)
    : m_settings(settings)
{}

QList<RelayProfile> ProfileStore::load() const
{
    QList<RelayProfile> profiles;
    m_settings.beginGroup(u"relays"_s);
    const QStringList ids = m_settings.childGroups();
    for (const QString &key : ids) {
        const QUuid id = QUuid::fromString(key);
        if (id.isNull())
            continue;
        m_settings.beginGroup(key);
        const auto kind = transportFromName(m_settings.value(u"transport"_s, u"ssh"_s).toString());
        if (!kind) {
            m_settings.endGroup();
            continue; // a transport this console cannot use: left as it is, not shown
        }
        RelayProfile p;
        p.id = id;
        p.transport = *kind;
        p.name = m_settings.value(u"name"_s).toString();
        p.group = m_settings.value(u"group"_s).toString();
        p.ssh.host = m_settings.value(u"host"_s).toString();
        p.ssh.port = quint16(m_settings.value(u"port"_s, 22).toUInt());
        p.ssh.user = m_settings.value(u"user"_s).toString();
        p.ssh.auth = authFromName(m_settings.value(u"auth"_s).toString());
        p.ssh.keyFile = m_settings.value(u"key_file"_s).toString();
        p.ssh.knownHostsFile = m_settings.value(u"known_hosts"_s).toString();
        p.ssh.remoteCommand = m_settings.value(u"remote_command"_s, p.ssh.remoteCommand).toString();
        p.secretInKeychain = m_settings.value(u"secret_in_keychain"_s, false).toBool();
        m_settings.endGroup();
        profiles.append(p);
    }
    m_settings.endGroup();
    std::sort(profiles.begin(), profiles.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    return profiles;
}

void ProfileStore::save(const RelayProfile &p)
{
    m_settings.beginGroup(u"relays/"_s + p.id.toString(QUuid::WithoutBraces));
    m_settings.setValue(u"name"_s, p.name);
    m_settings.setValue(u"group"_s, p.group);
    m_settings.setValue(u"transport"_s, transportName(p.transport));
    m_settings.setValue(u"host"_s, p.ssh.host);
    m_settings.setValue(u"port"_s, p.ssh.port);
    m_settings.setValue(u"user"_s, p.ssh.user);
    m_settings.setValue(u"auth"_s, authName(p.ssh.auth));
    m_settings.setValue(u"key_file"_s, p.ssh.keyFile);
    m_settings.setValue(u"known_hosts"_s, p.ssh.knownHostsFile);
    m_settings.setValue(u"remote_command"_s, p.ssh.remoteCommand);
    m_settings.setValue(u"secret_in_keychain"_s, p.secretInKeychain);
    m_settings.endGroup();
    m_settings.sync();
}

void ProfileStore::remove(const QUuid &id)
{
    m_settings.remove(u"relays/"_s + id.toString(QUuid::WithoutBraces));
    m_settings.sync();
}

QString Preferences::language() const
{
    return m_settings.value(u"ui/language"_s).toString();
}

void Preferences::setLanguage(const QString &code)
{
    m_settings.setValue(u"ui/language"_s, code);
    m_settings.sync();
}

int Preferences::refreshSeconds() const
{
    return std::max(5, m_settings.value(u"ui/refresh_seconds"_s, 30).toInt());
}

} // namespace staffetta::settings
