#pragma once

#include "transport.h"

#include <QString>
#include <QThreadPool>

#include <memory>

namespace staffetta::transport {

enum class SshAuth { Agent, KeyFile, Password };

struct SshEndpoint
{
    QString host;
    quint16 port = 22;
    QString user;
    SshAuth auth = SshAuth::Agent;
    QString keyFile;        // SshAuth::KeyFile
    QString knownHostsFile; // empty: ~/.ssh/known_hosts
    QString remoteCommand = QStringLiteral("staffettactl");
    int connectTimeoutMs = 10000;
    int commandTimeoutMs = 120000;
    ResponseLimits responseLimits = {};
};

// secret: the password (SshAuth::Password) or the key's passphrase (KeyFile).
using SshCredentials = Credentials;

class SessionPool;

// SSH with libssh. Host keys are checked strictly against the known_hosts file:
//  - known and matching: proceed;
//  - unknown: fail with ErrorCode::HostKeyUnknown and details {fingerprint, key_type, host},
//    unless the credentials approve exactly that fingerprint (then it is recorded);
//  - changed (or a key of another type is known): fail with ErrorCode::HostKeyChanged. Never
//    accepted from here; the user must edit known_hosts deliberately.
// The remote command is the endpoint's remoteCommand followed by the words and `--json`;
// every part is checked with api::isSafeWord, so no user text ever reaches a remote shell.
// Each transport runs its calls on its own threads (at most kThreads at once; more wait for
// a free one) and keeps its own idle sessions for reuse. Its destructor cancels its calls and
// waits for them: each sees it within 100 ms, also while connecting and logging in (the
// connect timeout covers connect, key exchange and login together).
class SshTransport final : public Transport
{
public:
    static constexpr int kThreads = 4;

    SshTransport(SshEndpoint endpoint, SshCredentials credentials = {});
    ~SshTransport() override;

    void setCredentials(const Credentials &credentials) override;
    QFuture<Result<ExecOutput>> run(const QStringList &words, const QByteArray &input,
                                    CancelToken cancel, OutputSink sink = {}) override;

    // The blocking implementation, for worker threads only. With `sessions`, an idle session
    // of the same endpoint and credentials is reused and the session is kept afterwards;
    // without, the session is closed at the end.
    static Result<ExecOutput> runBlocking(const SshEndpoint &endpoint,
                                          const SshCredentials &credentials,
                                          const QStringList &words, const QByteArray &input,
                                          const CancelToken &cancel, const OutputSink &sink = {},
                                          SessionPool *sessions = nullptr);

    static Result<QString> remoteCommandLine(const SshEndpoint &endpoint, const QStringList &words);

private:
    SshEndpoint m_endpoint;
    SshCredentials m_credentials;
    CancelToken m_closing = makeCancelToken(); // set by the destructor: every call stops
    std::unique_ptr<SessionPool> m_sessions;
    std::unique_ptr<QThreadPool> m_threads; // destroyed first: its calls use m_sessions
};

} // namespace staffetta::transport
