#include "ssh_transport.h"

#include "api/api.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <libssh/libssh.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace staffetta::transport {

using namespace Qt::Literals::StringLiterals;

namespace {

// lupdate and the runtime agree on this context for every message of this file.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(staffetta::SshTransport)
};

struct SessionDeleter
{
    void operator()(ssh_session s) const
    {
        if (ssh_is_connected(s))
            ssh_disconnect(s);
        ssh_free(s);
    }
};
struct ChannelDeleter
{
    void operator()(ssh_channel c) const { ssh_channel_free(c); }
};
struct KeyDeleter
{
    void operator()(ssh_key k) const { ssh_key_free(k); }
};
using Session = std::unique_ptr<ssh_session_struct, SessionDeleter>;
using Channel = std::unique_ptr<ssh_channel_struct, ChannelDeleter>;
using Key = std::unique_ptr<ssh_key_struct, KeyDeleter>;

QString sshError(ssh_session s)
{
    return QString::fromUtf8(ssh_get_error(s));
}

// A call stops when its caller cancels it or when its transport goes.
struct StopFlags
{
    CancelToken call;
    CancelToken transport;
};

bool canceled(const StopFlags &stop)
{
    return (stop.call && stop.call->load()) || (stop.transport && stop.transport->load());
}

Error canceledError()
{
    return Error(ErrorCode::Canceled, Tr::tr("Canceled."));
}

struct HostKeyInfo
{
    QString fingerprint; // "SHA256:..."
    QString type;        // "ssh-ed25519"
};

Result<HostKeyInfo> serverKeyInfo(ssh_session s)
{
    ssh_key raw = nullptr;
    if (ssh_get_server_publickey(s, &raw) != SSH_OK)
        return Error(ErrorCode::HostUnreachable,
                     Tr::tr("The server sent no host key: %1").arg(sshError(s)));
    Key key(raw);
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key.get(), SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
        return Error(ErrorCode::Internal, Tr::tr("Cannot hash the server's host key."));
    char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    HostKeyInfo info{QString::fromLatin1(fp),
                     QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key.get())))};
    ssh_string_free_char(fp);
    return info;
}

Result<Done> verifyHost(ssh_session s, const SshEndpoint &endpoint,
                        const SshCredentials &credentials)
{
    auto key = serverKeyInfo(s);
    if (!key)
        return key.error();
    const QString hostLabel =
        endpoint.port == 22 ? endpoint.host : u"[%1]:%2"_s.arg(endpoint.host).arg(endpoint.port);
    const QJsonObject details{{u"host"_s, hostLabel},
                              {u"fingerprint"_s, key.value().fingerprint},
                              {u"key_type"_s, key.value().type},
                              {u"known_hosts"_s, endpoint.knownHostsFile}};
    switch (ssh_session_is_known_server(s)) {
    case SSH_KNOWN_HOSTS_OK:
        return Done{};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        return Error(ErrorCode::HostKeyChanged,
                     Tr::tr("WARNING: the host key of %1 has changed (it now presents %2 %3). "
                            "This can mean that someone is intercepting the connection. The "
                            "connection was refused; if the change is expected, remove the old "
                            "key from %4 and connect again.")
                         .arg(hostLabel, key.value().type, key.value().fingerprint,
                              endpoint.knownHostsFile.isEmpty() ? u"~/.ssh/known_hosts"_s
                                                                : endpoint.knownHostsFile),
                     details);
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
        if (!credentials.approvedFingerprint.isEmpty() &&
            credentials.approvedFingerprint == key.value().fingerprint) {
            if (!endpoint.knownHostsFile.isEmpty())
                QDir().mkpath(QFileInfo(endpoint.knownHostsFile).absolutePath());
            if (ssh_session_update_known_hosts(s) != SSH_OK) {
                return Error(
                    ErrorCode::Internal,
                    Tr::tr("Cannot record the host key in known_hosts: %1").arg(sshError(s)),
                    details);
            }
            return Done{};
        }
        return Error(ErrorCode::HostKeyUnknown,
                     Tr::tr("The authenticity of host %1 can't be established. Its %2 key "
                            "fingerprint is %3.")
                         .arg(hostLabel, key.value().type, key.value().fingerprint),
                     details);
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        return Error(ErrorCode::Internal,
                     Tr::tr("Cannot check the host key against known_hosts: %1").arg(sshError(s)),
                     details);
    }
}

// libssh's blocking calls wait for the network with no wait a cancel can interrupt: a relay
// that accepts the connection and then never answers (during the key exchange or the login)
// would hold the thread for the whole connect timeout. In non-blocking mode a step answers
// `again` until it is done; it is polled every few milliseconds (the same on every OS) until
// it is done, canceled, or `deadline` passes (then the result is still `again`).
template<typename Step>
int pollStep(ssh_session s, int again, const StopFlags &cancel, const QDeadlineTimer &deadline,
             Step step)
{
    ssh_set_blocking(s, 0);
    int rc;
    while ((rc = step()) == again && !canceled(cancel) && !deadline.hasExpired())
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ssh_set_blocking(s, 1);
    return rc;
}

// The login, polled like the connect (pollStep): a relay silent after the key exchange is left
// at a cancel or at the connect timeout.
Result<Done> authenticate(ssh_session s, const SshEndpoint &endpoint,
                          const SshCredentials &credentials, const StopFlags &cancel,
                          const QDeadlineTimer &deadline)
{
    const auto poll = [&](auto step) {
        return pollStep(s, SSH_AUTH_AGAIN, cancel, deadline, step);
    };
    int rc = SSH_AUTH_ERROR;
    switch (endpoint.auth) {
    case SshAuth::Agent:
        rc = poll([s] { return ssh_userauth_agent(s, nullptr); });
        break;
    case SshAuth::KeyFile: {
        if (!QFileInfo::exists(endpoint.keyFile)) {
            return Error(ErrorCode::AuthFailed,
                         Tr::tr("The key file %1 does not exist.").arg(endpoint.keyFile),
                         {{u"key_file"_s, endpoint.keyFile}});
        }
        ssh_key raw = nullptr;
        const QByteArray path = QFile::encodeName(endpoint.keyFile);
        const QByteArray passphrase = credentials.secret.toUtf8();
        const int imported = ssh_pki_import_privkey_file(
            path.constData(), passphrase.isEmpty() ? nullptr : passphrase.constData(), nullptr,
            nullptr, &raw);
        if (imported != SSH_OK) {
            if (credentials.secret.isEmpty()) {
                return Error(
                    ErrorCode::CredentialsNeeded,
                    Tr::tr("The key %1 is protected by a passphrase.").arg(endpoint.keyFile),
                    {{u"secret"_s, u"passphrase"_s}});
            }
            return Error(ErrorCode::AuthFailed,
                         Tr::tr("Cannot read the key %1: wrong passphrase or unsupported format.")
                             .arg(endpoint.keyFile),
                         {{u"key_file"_s, endpoint.keyFile}});
        }
        Key key(raw);
        rc = poll([&] { return ssh_userauth_publickey(s, nullptr, key.get()); });
        break;
    }
    case SshAuth::Password: {
        if (credentials.secret.isEmpty()) {
            return Error(ErrorCode::CredentialsNeeded, Tr::tr("A password is needed."),
                         {{u"secret"_s, u"password"_s}});
        }
        const QByteArray password = credentials.secret.toUtf8();
        rc = poll([&] { return ssh_userauth_password(s, nullptr, password.constData()); });
        break;
    }
    }
    if (rc == SSH_AUTH_SUCCESS)
        return Done{};
    if (rc == SSH_AUTH_AGAIN) {
        if (canceled(cancel))
            return canceledError();
        return Error(ErrorCode::Timeout,
                     Tr::tr("The relay did not answer the login of %1 within %2 s.")
                         .arg(endpoint.user)
                         .arg(endpoint.connectTimeoutMs / 1000),
                     {{u"user"_s, endpoint.user}});
    }
    if (rc == SSH_AUTH_ERROR) {
        return Error(ErrorCode::ConnectionLost,
                     Tr::tr("The connection failed during authentication: %1").arg(sshError(s)));
    }
    return Error(ErrorCode::AuthFailed,
                 Tr::tr("The relay refused the login of %1 (%2).")
                     .arg(endpoint.user, endpoint.auth == SshAuth::Agent
                                             ? Tr::tr("no key of the SSH agent was accepted")
                                         : endpoint.auth == SshAuth::KeyFile
                                             ? Tr::tr("the key was not accepted")
                                             : Tr::tr("wrong password")),
                 {{u"user"_s, endpoint.user}});
}

// What a session was opened with: only a request with the same endpoint and credentials may
// reuse it (hashed, so the secret is not kept twice).
QByteArray sessionKey(const SshEndpoint &e, const SshCredentials &c)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // With the agent, the credentials are the agent the login went through.
    const QString agent =
        e.auth == SshAuth::Agent ? qEnvironmentVariable("SSH_AUTH_SOCK") : QString();
    for (const QString &part :
         {e.host, QString::number(e.port), e.user, QString::number(int(e.auth)), e.keyFile,
          e.knownHostsFile, agent, c.secret, c.approvedFingerprint}) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    }
    return hash.result();
}

Result<Done> connectInterruptibly(ssh_session s, const SshEndpoint &endpoint,
                                  const StopFlags &cancel, const QDeadlineTimer &deadline)
{
    const int rc = pollStep(s, SSH_AGAIN, cancel, deadline, [s] { return ssh_connect(s); });
    if (rc == SSH_OK)
        return Done{};
    if (canceled(cancel))
        return canceledError();
    const QString why =
        rc == SSH_AGAIN ? Tr::tr("no SSH answer within %1 s").arg(endpoint.connectTimeoutMs / 1000)
                        : sshError(s);
    return Error(
        ErrorCode::HostUnreachable,
        Tr::tr("Cannot reach %1 port %2: %3").arg(endpoint.host).arg(endpoint.port).arg(why),
        {{u"host"_s, endpoint.host}, {u"port"_s, endpoint.port}});
}

// A new session: connect, check the host key, log in.
Result<Session> openSession(const SshEndpoint &endpoint, const SshCredentials &credentials,
                            const StopFlags &cancel)
{
    Session session(ssh_new());
    if (!session)
        return Error(ErrorCode::Internal, Tr::tr("Cannot create an SSH session."));
    ssh_session s = session.get();
    const QByteArray host = endpoint.host.toUtf8();
    const QByteArray user = endpoint.user.toUtf8();
    const unsigned int port = endpoint.port;
    const long timeoutSeconds = std::max(1, endpoint.connectTimeoutMs / 1000);
    const int verbosity = SSH_LOG_NOLOG;
    const int no = 0;
    ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    if (!user.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeoutSeconds);
    ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
    // Our own settings only: ~/.ssh/config must not redirect a profile somewhere else.
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
    if (!endpoint.knownHostsFile.isEmpty()) {
        const QByteArray kh = QFile::encodeName(endpoint.knownHostsFile);
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, kh.constData());
    }

    // The connect timeout covers the whole opening: connect, key exchange and login (the host
    // key check in between reads only the local known_hosts).
    const QDeadlineTimer deadline(endpoint.connectTimeoutMs);
    if (auto connected = connectInterruptibly(s, endpoint, cancel, deadline); !connected)
        return connected.error();
    if (auto verified = verifyHost(s, endpoint, credentials); !verified)
        return verified.error();
    if (auto authenticated = authenticate(s, endpoint, credentials, cancel, deadline);
        !authenticated)
        return authenticated.error();
    return session;
}

// Counts what the relay sends against the endpoint's limits.
class OutputMeter
{
public:
    explicit OutputMeter(const ResponseLimits &limits)
        : m_limits(limits)
    {}

    // A chunk of stdout; an error once a limit is passed.
    std::optional<Error> out(const char *data, qsizetype size)
    {
        m_out += size;
        if (m_out > m_limits.total)
            return tooLarge(Tr::tr("The relay sent more than %1 on its output for one request; "
                                   "the console stopped reading.")
                                .arg(mebibytes(m_limits.total)),
                            u"total"_s, m_limits.total);
        const char *end = data + size;
        for (const char *p = data; p < end;) {
            const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            m_line += (newline ? newline : end) - p;
            if (m_line > m_limits.line)
                return tooLarge(Tr::tr("The relay sent a line longer than %1; the console stopped "
                                       "reading.")
                                    .arg(mebibytes(m_limits.line)),
                                u"line"_s, m_limits.line);
            if (!newline)
                break;
            m_line = 0;
            p = newline + 1;
        }
        return std::nullopt;
    }

    std::optional<Error> err(qsizetype size)
    {
        m_err += size;
        if (m_err > m_limits.stderrTotal)
            return tooLarge(Tr::tr("The relay sent more than %1 of error messages for one request; "
                                   "the console stopped reading.")
                                .arg(mebibytes(m_limits.stderrTotal)),
                            u"stderr"_s, m_limits.stderrTotal);
        return std::nullopt;
    }

private:
    static QString mebibytes(qint64 bytes)
    {
        return bytes % limits::MiB == 0 ? Tr::tr("%1 MiB").arg(bytes / limits::MiB)
                                        : Tr::tr("%1 bytes").arg(bytes);
    }

    Error tooLarge(const QString &message, const QString &limit, qint64 value) const
    {
        return Error(ErrorCode::ResponseTooLarge, message,
                     {{u"limit"_s, limit},
                      {u"limit_bytes"_s, value},
                      {u"stdout_bytes"_s, m_out},
                      {u"stderr_bytes"_s, m_err}});
    }

    ResponseLimits m_limits;
    qint64 m_out = 0;
    qint64 m_line = 0; // bytes of the line being received
    qint64 m_err = 0;
};

Channel openChannel(ssh_session s)
{
    Channel channel(ssh_channel_new(s));
    if (channel && ssh_channel_open_session(channel.get()) != SSH_OK)
        channel.reset();
    return channel;
}

} // namespace

// Idle SSH sessions of one transport, kept for its next request. Opening a session costs a
// TCP connect, a key exchange and the login: about 250 ms against the lab's loopback sshd
// (bench/README.md), paid by every console request before sessions were reused. A session
// that ran its last command to the end waits here, per endpoint and credentials, and is
// closed after kIdleLimit without use. A reused session carries the host key check and the
// login of when it was opened (OpenSSH's ControlMaster does the same).
class SessionPool
{
public:
    static constexpr auto kIdleLimit = std::chrono::seconds(30);
    static constexpr int kIdlePerKey = SshTransport::kThreads;

    ~SessionPool()
    {
        std::unique_lock lock(m_mutex);
        m_stopping = true;
        lock.unlock();
        m_wake.notify_all();
        if (m_reaper.joinable())
            m_reaper.join();
        m_idle.clear(); // disconnects
    }

    Session take(const QByteArray &key)
    {
        std::lock_guard lock(m_mutex);
        // The most recently used session of this key: the least likely to have been dropped.
        for (auto it = m_idle.rbegin(); it != m_idle.rend(); ++it) {
            if (it->key == key) {
                Session s = std::move(it->session);
                m_idle.erase(std::next(it).base());
                return s;
            }
        }
        return {};
    }

    void give(const QByteArray &key, Session session)
    {
        std::unique_lock lock(m_mutex);
        if (m_stopping)
            return; // the transport is going: `session` is closed
        const auto sameKey = std::count_if(m_idle.begin(), m_idle.end(),
                                           [&](const Idle &i) { return i.key == key; });
        if (sameKey >= kIdlePerKey)
            return; // enough are kept: this one is closed when `session` goes
        m_idle.push_back({key, std::move(session), std::chrono::steady_clock::now()});
        if (!m_reaping) {
            // The previous reaper has left its loop (m_reaping false): join it, start anew.
            if (m_reaper.joinable())
                m_reaper.join();
            m_reaping = true;
            m_reaper = std::thread([this] { reap(); });
        }
    }

private:
    struct Idle
    {
        QByteArray key;
        Session session;
        std::chrono::steady_clock::time_point since;
    };
    // Closes expired sessions; ends when none is left (and starts again with the next one).
    void reap()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping && !m_idle.empty()) {
            m_wake.wait_for(lock, std::chrono::seconds(5));
            const auto now = std::chrono::steady_clock::now();
            std::vector<Session> expired;
            for (auto it = m_idle.begin(); it != m_idle.end() && !m_stopping;) {
                if (now - it->since >= kIdleLimit) {
                    expired.push_back(std::move(it->session));
                    it = m_idle.erase(it);
                } else {
                    ++it;
                }
            }
            lock.unlock();
            expired.clear(); // disconnects, without holding the lock
            lock.lock();
        }
        m_reaping = false;
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<Idle> m_idle;
    std::thread m_reaper;
    bool m_reaping = false;
    bool m_stopping = false;
};

namespace {
Result<ExecOutput> execute(const SshEndpoint &endpoint, const SshCredentials &credentials,
                           const QStringList &words, const QByteArray &input,
                           const StopFlags &cancel, const OutputSink &sink, SessionPool *sessions);
} // namespace

SshTransport::SshTransport(SshEndpoint endpoint, SshCredentials credentials)
    : m_endpoint(std::move(endpoint))
    , m_credentials(std::move(credentials))
    , m_sessions(std::make_unique<SessionPool>())
    , m_threads(std::make_unique<QThreadPool>())
{
    m_threads->setMaxThreadCount(kThreads);
}

SshTransport::~SshTransport()
{
    m_closing->store(true);
    m_threads->clear();       // calls not started yet never start
    m_threads->waitForDone(); // the running ones see m_closing (see the class comment)
}

void SshTransport::setCredentials(const Credentials &credentials)
{
    m_credentials = credentials;
}

Result<QString> SshTransport::remoteCommandLine(const SshEndpoint &endpoint,
                                                const QStringList &words)
{
    static const QRegularExpression safePath(u"^[A-Za-z0-9_./-]+$"_s);
    if (!safePath.match(endpoint.remoteCommand).hasMatch()) {
        return Error(ErrorCode::BadRequest,
                     Tr::tr("The remote command '%1' may contain only letters, digits and _ . / -")
                         .arg(endpoint.remoteCommand));
    }
    QStringList parts{endpoint.remoteCommand};
    for (const QString &w : words) {
        // Options (--stream) are safe words behind "--", as staffettactl accepts them.
        const bool option = w.startsWith(u"--"_s) && api::isSafeWord(w.mid(2));
        if (!api::isSafeWord(w) && !option) {
            return Error(
                ErrorCode::BadRequest,
                Tr::tr("'%1' cannot be sent as a command word; data goes as JSON on stdin.")
                    .arg(w));
        }
        parts.append(w);
    }
    parts.append(u"--json"_s);
    return parts.join(u' ');
}

QFuture<Result<ExecOutput>> SshTransport::run(const QStringList &words, const QByteArray &input,
                                              CancelToken cancel, OutputSink sink)
{
    return QtConcurrent::run(
        m_threads.get(), [endpoint = m_endpoint, credentials = m_credentials, words, input,
                          stop = StopFlags{std::move(cancel), m_closing}, sink = std::move(sink),
                          sessions = m_sessions.get()] {
            return execute(endpoint, credentials, words, input, stop, sink, sessions);
        });
}

Result<ExecOutput> SshTransport::runBlocking(const SshEndpoint &endpoint,
                                             const SshCredentials &credentials,
                                             const QStringList &words, const QByteArray &input,
                                             const CancelToken &cancel, const OutputSink &sink,
                                             SessionPool *sessions)
{
    return execute(endpoint, credentials, words, input, StopFlags{cancel, {}}, sink, sessions);
}

namespace {

Result<ExecOutput> execute(const SshEndpoint &endpoint, const SshCredentials &credentials,
                           const QStringList &words, const QByteArray &input,
                           const StopFlags &cancel, const OutputSink &sink, SessionPool *sessions)
{
    static std::once_flag initialized;
    std::call_once(initialized, [] { ssh_init(); });

    auto command = SshTransport::remoteCommandLine(endpoint, words);
    if (!command)
        return command.error();
    if (input.size() > limits::MaxRequestBytes) {
        return Error(ErrorCode::RequestTooLarge,
                     Tr::tr("The request is %1 bytes; a relay accepts at most %2 bytes (1 MiB). "
                            "Nothing was sent.")
                         .arg(input.size())
                         .arg(limits::MaxRequestBytes),
                     {{u"limit"_s, limits::MaxRequestBytes}});
    }
    if (canceled(cancel))
        return canceledError();

    // A kept session first. If the relay dropped it meanwhile, opening the channel fails and
    // nothing was sent on it: a new session is opened, as if none had been kept.
    const QByteArray key = sessionKey(endpoint, credentials);
    Session session;
    if (sessions)
        session = sessions->take(key);
    Channel channel;
    if (session) {
        channel = openChannel(session.get());
        if (!channel)
            session.reset();
    }
    if (!session) {
        auto opened = openSession(endpoint, credentials, cancel);
        if (!opened)
            return opened.error();
        session = std::move(opened).value();
        if (canceled(cancel))
            return canceledError();
        channel = openChannel(session.get());
        if (!channel)
            return Error(ErrorCode::ConnectionLost,
                         Tr::tr("Cannot open an SSH channel: %1").arg(sshError(session.get())));
    }
    ssh_session s = session.get();
    ssh_channel c = channel.get();
    if (ssh_channel_request_exec(c, command.value().toUtf8().constData()) != SSH_OK)
        return Error(ErrorCode::ConnectionLost,
                     Tr::tr("The relay refused to run staffettactl: %1").arg(sshError(s)));

    qsizetype written = 0;
    while (written < input.size()) {
        const int n =
            ssh_channel_write(c, input.constData() + written,
                              uint32_t(std::min<qsizetype>(input.size() - written, 32768)));
        if (n == SSH_ERROR)
            return Error(
                ErrorCode::ConnectionLost,
                Tr::tr("The connection was lost while sending the request: %1").arg(sshError(s)));
        written += n;
    }
    ssh_channel_send_eof(c);

    ExecOutput output;
    OutputMeter meter(endpoint.responseLimits);
    // Past a limit the channel and the session are dropped (not kept for reuse): the relay
    // is still writing, and its command ends on the closed channel.
    const QDeadlineTimer deadline(endpoint.commandTimeoutMs);
    char buffer[65536];
    for (;;) {
        if (canceled(cancel))
            return canceledError();
        if (deadline.hasExpired()) {
            return Error(ErrorCode::Timeout, Tr::tr("The relay did not answer within %1 seconds.")
                                                 .arg(endpoint.commandTimeoutMs / 1000));
        }
        // Short timeouts keep cancellation and the deadline responsive.
        const int n = ssh_channel_read_timeout(c, buffer, sizeof buffer, 0, 100);
        if (n == SSH_ERROR)
            return Error(
                ErrorCode::ConnectionLost,
                Tr::tr("The connection was lost while reading the answer: %1").arg(sshError(s)));
        if (n > 0) {
            if (auto tooMuch = meter.out(buffer, n))
                return *tooMuch;
            if (sink)
                sink(QByteArray::fromRawData(buffer, n));
            else
                output.out.append(buffer, n);
        }
        int m;
        while ((m = ssh_channel_read_nonblocking(c, buffer, sizeof buffer, 1)) > 0) {
            if (auto tooMuch = meter.err(m))
                return *tooMuch;
            output.err.append(buffer, m);
        }
        if (m == SSH_ERROR)
            return Error(
                ErrorCode::ConnectionLost,
                Tr::tr("The connection was lost while reading the answer: %1").arg(sshError(s)));
        if (n == 0 && ssh_channel_is_eof(c))
            break;
    }
    output.exitStatus = ssh_channel_get_exit_status(c);
    ssh_channel_close(c);
    channel.reset(); // before the session can go to another thread
    if (sessions)
        sessions->give(key, std::move(session));
    return output;
}

} // namespace

} // namespace staffetta::transport
