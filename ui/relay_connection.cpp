#include "relay_connection.h"

#include "client/relay_client.h"
#include "prompter.h"
#include "queue_model.h"
#include "relay_call.h"
#include "secrets/secret_store.h"
#include "transport/ssh_transport.h"

#include <QLocale>
#include <QTimer>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

std::shared_ptr<transport::Transport> makeTransport(const settings::RelayProfile &profile)
{
    switch (profile.transport) {
    case transport::Kind::Ssh:
        break;
    }
    return std::make_shared<transport::SshTransport>(profile.ssh);
}

RelayConnection::RelayConnection(settings::RelayProfile profile, secrets::SecretStore &secrets,
                                 Prompter &prompter, TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_factory(factory ? std::move(factory) : TransportFactory(makeTransport))
    , m_transport(m_factory(m_profile))
    , m_secrets(secrets)
    , m_prompter(prompter)
    , m_call(new RelayCall(this))
    , m_retry(new QTimer(this))
{
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, [this] {
        m_call->cancel();
        setState(State::Connecting);
        loadSecretThenRun();
    });
}

RelayConnection::~RelayConnection()
{
    cancel();
}

void RelayConnection::setProfile(const settings::RelayProfile &profile)
{
    settings::RelayProfile sameEndpoint = profile;
    sameEndpoint.name = m_profile.name;
    sameEndpoint.group = m_profile.group;
    sameEndpoint.secretInKeychain = m_profile.secretInKeychain;
    const bool endpointChanged = !(sameEndpoint == m_profile);
    m_profile = profile;
    if (endpointChanged) {
        cancel();
        m_retry->stop();
        m_retryMs = m_firstRetryMs;
        m_lastUpdate = {};
        m_transport = m_factory(m_profile);
        m_secret.clear();
        m_keychainTried = false;
        m_approvedFingerprint.clear();
        m_info.reset();
        m_error.reset();
        setState(State::Idle);
    }
    emit changed();
}

QString RelayConnection::serviceLabel(const QString &name)
{
    if (name == u"postfix"_s)
        return tr("Postfix");
    if (name == u"submission"_s)
        return tr("submission port");
    if (name == u"dovecot_auth"_s)
        return tr("Dovecot authentication");
    if (name == u"staffettad"_s)
        return tr("policy service (staffettad)");
    if (name == u"fail2ban"_s)
        return tr("fail2ban");
    if (name == u"milter"_s)
        return tr("content filter (staffetta-milter)");
    if (name == u"events"_s)
        return tr("event index (staffetta-events)");
    return name;
}

QStringList RelayConnection::servicesDown() const
{
    QStringList down;
    if (m_info) {
        for (const QString &name : m_info->servicesDown())
            down.append(serviceLabel(name));
    }
    return down;
}

QString RelayConnection::statusText() const
{
    const QString lastSeen =
        m_lastUpdate.isValid()
            ? tr("last answered %1").arg(QLocale().toString(m_lastUpdate, QLocale::ShortFormat))
            : tr("never answered");
    switch (m_state) {
    case State::Idle:
        return tr("not connected");
    case State::Connecting:
        if (m_error)
            return tr("trying again… (%1)").arg(lastSeen);
        return m_info ? tr("refreshing…") : tr("connecting…");
    case State::Failed: {
        QString text = (m_error ? m_error->message : tr("failed")) + u" · "_s + lastSeen;
        if (m_retry->isActive())
            text +=
                u" · "_s + tr("next try at %1")
                               .arg(QLocale().toString(nextRetry().time(), QLocale::ShortFormat));
        return text;
    }
    case State::Online:
        break;
    }
    if (!m_info)
        return tr("online");
    // The sidebar shows each queue that holds mail: "deferred 12 · hold 3".
    const QStringList down = servicesDown();
    QStringList parts{down.isEmpty() ? tr("online")
                                     : tr("degraded: %1 down").arg(down.join(u", "_s))};
    for (auto it = m_info->queues.cbegin(); it != m_info->queues.cend(); ++it) {
        if (it.value() > 0)
            parts.append(u"%1 %L2"_s.arg(QueueModel::queueLabel(it.key())).arg(it.value()));
    }
    if (m_info->queuedTotal() == 0)
        parts.append(tr("queue empty"));
    parts.append(tr("%n banned", nullptr, m_info->bannedTotal()));
    return parts.join(u" · "_s);
}

bool RelayConnection::isReachable() const
{
    return m_info && (m_state == State::Online || (m_state == State::Connecting && !m_error));
}

bool RelayConnection::can(Permission permission) const
{
    return isReachable() && m_info->permissions.contains(permissionName(permission));
}

QDateTime RelayConnection::nextRetry() const
{
    return m_retry->isActive() ? QDateTime::currentDateTime().addMSecs(m_retry->remainingTime())
                               : QDateTime();
}

void RelayConnection::setRetryDelays(int firstMs, int maxMs)
{
    m_firstRetryMs = m_retryMs = firstMs;
    m_maxRetryMs = maxMs;
}

void RelayConnection::scheduleRetry(const Error &error)
{
    // Only what may pass by itself: a host key or a login the user refused waits for them.
    switch (error.code) {
    case ErrorCode::HostUnreachable:
    case ErrorCode::ConnectionLost:
    case ErrorCode::Timeout:
    case ErrorCode::Unavailable:
    case ErrorCode::RemoteFailed:
        break;
    default:
        return;
    }
    m_retry->start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
}

void RelayConnection::cancel()
{
    m_retry->stop();
    m_call->cancel();
}

void RelayConnection::refresh()
{
    cancel();
    m_retry->stop();
    m_retryMs = m_firstRetryMs;
    setState(State::Connecting);
    loadSecretThenRun();
}

void RelayConnection::loadSecretThenRun()
{
    if (!m_profile.secretInKeychain || !m_secret.isEmpty() || m_keychainTried) {
        runInfo();
        return;
    }
    m_keychainTried = true;
    m_call->start([&](transport::CancelToken) { return m_secrets.read(m_profile.keychainKey()); },
                  [this](const Result<QString> &r) {
                      if (r)
                          m_secret = r.value();
                      else if (r.error().code != ErrorCode::NotFound)
                          emit notice(r.error().message);
                      // Without a keychain the connection goes on; a needed secret is then
                      // asked for.
                      runInfo();
                  });
}

client::RelayClient RelayConnection::client() const
{
    m_transport->setCredentials({m_secret, m_approvedFingerprint});
    return client::RelayClient(m_transport);
}

void RelayConnection::runInfo()
{
    m_call->start([&](transport::CancelToken cancel) { return client().info(std::move(cancel)); },
                  [this](const Result<api::RelayInfo> &r) {
                      if (!r) {
                          handleFailure(r.error());
                          return;
                      }
                      m_info = r.value();
                      m_error.reset();
                      m_lastUpdate = QDateTime::currentDateTime();
                      m_retryMs = m_firstRetryMs;
                      setState(State::Online);
                  });
}

void RelayConnection::handleFailure(const Error &error)
{
    // The questions' answers are guarded like results: a refresh or cancel meanwhile, or the
    // connection's removal, makes them stale.
    if (error.code == ErrorCode::HostKeyUnknown) {
        m_prompter.askTrustHostKey(m_profile.name, error, m_call->guard([this, error](bool trust) {
            if (!trust) {
                m_error = Error(ErrorCode::HostKeyUnknown,
                                tr("The host key was not trusted; not connected."), error.details);
                setState(State::Failed);
                return;
            }
            m_approvedFingerprint = error.details.value(u"fingerprint"_s).toString();
            runInfo();
        }));
        return;
    }
    const bool askSecret =
        error.code == ErrorCode::CredentialsNeeded ||
        (error.code == ErrorCode::AuthFailed && m_profile.ssh.auth != transport::SshAuth::Agent);
    if (askSecret) {
        m_prompter.askSecret(m_profile.name, error,
                             m_call->guard([this, error](std::optional<Prompter::SecretAnswer> a) {
                                 if (!a) {
                                     m_error = error;
                                     setState(State::Failed);
                                     return;
                                 }
                                 m_secret = a->secret;
                                 if (a->saveInKeychain)
                                     emit secretToRemember(a->secret);
                                 runInfo();
                             }));
        return;
    }
    m_error = error;
    scheduleRetry(error);
    setState(State::Failed);
}

void RelayConnection::setState(State state)
{
    m_state = state;
    emit changed();
}

} // namespace staffetta::ui
