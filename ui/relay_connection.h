#pragma once

#include "api/info.h"
#include "common/access.h"
#include "settings/profiles.h"
#include "transport/transport.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace staffetta::secrets {
class SecretStore;
}

namespace staffetta::client {
class RelayClient;
}

namespace staffetta::ui {

class Prompter;
class RelayCall;

// Makes the transport a profile names. The console uses makeTransport; tests give their own
// (a fake relay with canned answers) to run UI tests without a relay.
using TransportFactory =
    std::function<std::shared_ptr<transport::Transport>(const settings::RelayProfile &)>;
std::shared_ptr<transport::Transport> makeTransport(const settings::RelayProfile &profile);

// One relay in the console: its profile, its live state and the last `info` it answered.
// Connecting is a small asynchronous task: keychain secret -> SSH `info` -> (host key or
// secret question -> retry). Nothing here blocks: results arrive through continuations bound
// to this object, and a newer request makes older results stale (they are dropped).
class RelayConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Online, Failed };
    Q_ENUM(State)

    // One transport per connection, made by `factory` (makeTransport when empty) from the
    // profile, and made again when the profile's endpoint changes.
    RelayConnection(settings::RelayProfile profile, secrets::SecretStore &secrets,
                    Prompter &prompter, TransportFactory factory = {}, QObject *parent = nullptr);
    ~RelayConnection() override;

    const settings::RelayProfile &profile() const { return m_profile; }
    void setProfile(const settings::RelayProfile &profile);

    State state() const { return m_state; }
    const std::optional<api::RelayInfo> &info() const { return m_info; }
    // Whether this relay's `info` lists the permission for us (false before `info`). The
    // relay enforces permissions; the console only uses this to offer what it will accept.
    bool can(Permission permission) const;
    const std::optional<Error> &lastError() const { return m_error; }
    QDateTime lastUpdate() const { return m_lastUpdate; }
    // A one-line, translated summary for the fleet list.
    QString statusText() const;

    // A client for the other verbs, through this connection's transport, with the credentials
    // this connection settled on (the secret and the approved host key). Meaningful once
    // Online.
    client::RelayClient client() const;

    // Connect (or refresh): fetch `info`. Safe to call at any time; the newest call wins.
    void refresh();
    void cancel();

signals:
    void changed();
    // A secret the user typed and asked to keep: the owner stores it (and the profile flag).
    void secretToRemember(const QString &secret);
    // Something the user should know that does not stop the connection (no keychain...).
    void notice(const QString &message);

private:
    void loadSecretThenRun();
    void runInfo();
    void handleFailure(const Error &error);
    void setState(State state);

    settings::RelayProfile m_profile;
    TransportFactory m_factory;
    std::shared_ptr<transport::Transport> m_transport;
    secrets::SecretStore &m_secrets;
    Prompter &m_prompter;
    State m_state = State::Idle;
    std::optional<api::RelayInfo> m_info;
    std::optional<Error> m_error;
    QDateTime m_lastUpdate;
    QString m_secret;
    QString m_approvedFingerprint;
    bool m_keychainTried = false;
    RelayCall *m_call; // the keychain read, then `info` (and the questions on the way)
};

} // namespace staffetta::ui
