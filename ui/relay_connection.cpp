#include "relay_connection.h"

#include "client/relay_client.h"
#include "prompter.h"
#include "queue_model.h"
#include "relay_call.h"
#include "secrets/secret_store.h"
#include "transport/ssh_transport.h"

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
{}

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

QString RelayConnection::statusText() const
{
    switch (m_state) {
    case State::Idle:
        return tr("not connected");
    case State::Connecting:
        return m_info ? tr("refreshing…") : tr("connecting…");
    case State::Failed:
        return m_error ? m_error->message : tr("failed");
    case State::Online:
        break;
    }
    if (!m_info)
        return tr("online");
    // The sidebar shows each queue that holds mail: "deferred 12 · hold 3".
    QStringList parts{tr("online")};
    for (auto it = m_info->queues.cbegin(); it != m_info->queues.cend(); ++it) {
        if (it.value() > 0)
            parts.append(u"%1 %L2"_s.arg(QueueModel::queueLabel(it.key())).arg(it.value()));
    }
    if (m_info->queuedTotal() == 0)
        parts.append(tr("queue empty"));
    parts.append(tr("%n banned", nullptr, m_info->bannedTotal()));
    return parts.join(u" · "_s);
}

bool RelayConnection::can(Permission permission) const
{
    return m_info && m_info->permissions.contains(permissionName(permission));
}

void RelayConnection::cancel()
{
    m_call->cancel();
}

void RelayConnection::refresh()
{
    cancel();
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
    setState(State::Failed);
}

void RelayConnection::setState(State state)
{
    m_state = state;
    emit changed();
}

} // namespace staffetta::ui
