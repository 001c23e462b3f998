#pragma once

#include "transport/ssh_transport.h"

#include <QList>
#include <QSettings>
#include <QString>
#include <QUuid>

#include <optional>

namespace staffetta::settings {

// A relay the console knows. Stored in QSettings; never holds a secret (those live in the
// OS keychain, keyed by the profile id).
struct RelayProfile
{
    QUuid id;
    QString name;
    QString group;
    // How the relay is reached, and that transport's settings (only SSH exists today).
    transport::Kind transport = transport::Kind::Ssh;
    transport::SshEndpoint ssh;    // Kind::Ssh
    bool secretInKeychain = false; // a password or passphrase was saved for this profile

    QString keychainKey() const; // "relay/<uuid>/secret"
    friend bool operator==(const RelayProfile &a, const RelayProfile &b);
};

QString authName(transport::SshAuth auth);
transport::SshAuth authFromName(const QString &name);
QString transportName(transport::Kind kind);
// nullopt for a name this console does not know (a profile written by a newer one).
std::optional<transport::Kind> transportFromName(const QString &name);

// Relay profiles in a QSettings instance (the user's, or a temporary file in tests).
class ProfileStore
{
public:
    explicit ProfileStore(QSettings &settings);

    QList<RelayProfile> load() const;
    void save(const RelayProfile &profile); // insert or update by id
    void remove(const QUuid &id);

private:
    QSettings &m_settings;
};

// Console preferences, one typed accessor per key.
class Preferences
{
public:
    explicit Preferences(QSettings &settings)
        : m_settings(settings)
    {}
    // "" = follow the system locale; else a language code such as "it" or "en".
    QString language() const;
    void setLanguage(const QString &code);
    int refreshSeconds() const;

private:
    QSettings &m_settings;
};

} // namespace staffetta::settings
