#pragma once

#include "transport.h"

#include <QString>

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

struct SshCredentials
{
    QString secret; // the password (SshAuth::Password) or the key's passphrase (KeyFile)
    // The SHA256 fingerprint of an unknown host key that the user has just approved.
    // Only a key with exactly this fingerprint is added to known_hosts and trusted.
    QString approvedFingerprint;
};

// SSH with libssh. Host keys are checked strictly against the known_hosts file:
//  - known and matching: proceed;
//  - unknown: fail with ErrorCode::HostKeyUnknown and details {fingerprint, key_type, host},
//    unless the credentials approve exactly that fingerprint (then it is recorded);
//  - changed (or a key of another type is known): fail with ErrorCode::HostKeyChanged. Never
//    accepted from here; the user must edit known_hosts deliberately.
// The remote command is the endpoint's remoteCommand followed by the words and `--json`;
// every part is checked with api::isSafeWord, so no user text ever reaches a remote shell.
class SshTransport final : public Transport
{
public:
    SshTransport(SshEndpoint endpoint, SshCredentials credentials);

    QFuture<Result<ExecOutput>> run(const QStringList &words, const QByteArray &input,
                                    CancelToken cancel, OutputSink sink = {}) override;

    // The blocking implementation, for worker threads only.
    static Result<ExecOutput> runBlocking(const SshEndpoint &endpoint,
                                          const SshCredentials &credentials,
                                          const QStringList &words, const QByteArray &input,
                                          const CancelToken &cancel, const OutputSink &sink = {});

    static Result<QString> remoteCommandLine(const SshEndpoint &endpoint, const QStringList &words);

private:
    SshEndpoint m_endpoint;
    SshCredentials m_credentials;
};

} // namespace staffetta::transport
