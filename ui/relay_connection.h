#pragma once

#include "api/info.h"
#include "common/access.h"
#include "settings/profiles.h"
#include "transport/transport.h"

#include <QDateTime>
#include <QObject>

class QTimer;

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
    // A secret typed for this relay (the relay dialog): used for this session, whether or not
    // the keychain keeps it.
    void setSessionSecret(const QString &secret) { m_secret = secret; }

    State state() const { return m_state; }
    const std::optional<api::RelayInfo> &info() const { return m_info; }
    // Whether this relay's `info` lists the permission for us (false before `info`). The
    // relay enforces permissions; the console only uses this to offer what it will accept.
    // False while the relay does not answer: what it would refuse is not offered either.
    bool can(Permission permission) const;
    // Whether the relay answered its last `info` (or the one before a refresh in progress):
    // false before the first answer and after a failed one. The views' data is stale when not.
    bool isReachable() const;
    // Online, but some of the relay's services are down (their names, translated).
    bool isDegraded() const { return !servicesDown().isEmpty(); }
    QStringList servicesDown() const;
    static QString serviceLabel(const QString &name); // "postfix" -> "Postfix"
    // When the connection is tried again by itself (invalid: it is not), after an unreachable
    // relay: 5 s, then twice as long each time up to 5 min (tests shorten these).
    QDateTime nextRetry() const;
    void setRetryDelays(int firstMs, int maxMs);
    const std::optional<Error> &lastError() const { return m_error; }
    // When the relay last answered `info` (invalid: never, in this session).
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
    void scheduleRetry(const Error &error);

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
    QTimer *m_retry;
    int m_firstRetryMs = 5000;
    int m_maxRetryMs = 5 * 60 * 1000;
    int m_retryMs = 5000; // the next retry's delay
};

} // namespace staffetta::ui
