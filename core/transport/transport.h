#pragma once

#include "common/limits.h"
#include "common/result.h"

#include <QByteArray>
#include <QFuture>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace staffetta::transport {

// Shared between a caller and a worker: set it to cancel, the worker checks it between steps.
using CancelToken = std::shared_ptr<std::atomic_bool>;
inline CancelToken makeCancelToken()
{
    return std::make_shared<std::atomic_bool>(false);
}

// What running `staffettactl WORDS... --json` on the relay produced.
struct ExecOutput
{
    int exitStatus = -1;
    QByteArray out;
    QByteArray err;
};

// What the console accepts from a relay for one call (README, "Limits"). Past a limit the
// transport stops reading, closes the channel and fails with ErrorCode::ResponseTooLarge, so
// a broken or hostile relay cannot fill the console's memory. Tests lower them.
struct ResponseLimits
{
    qint64 total = limits::MaxResponseBytes;    // stdout
    qint64 line = limits::MaxResponseLineBytes; // one line of stdout
    qint64 stderrTotal = limits::MaxStderrBytes;
};

// Receives stdout as it arrives, on the worker thread (then ExecOutput::out stays empty).
using OutputSink = std::function<void(const QByteArray &chunk)>;

// What a transport logs in with, as the user settled it (the console asks, then retries).
struct Credentials
{
    QString secret; // a password or a key's passphrase (or, later, an API token)
    // The SHA256 fingerprint of an unknown host key (or certificate) the user has just
    // approved. Only a key with exactly this fingerprint is recorded and trusted.
    QString approvedFingerprint;
};

// How a relay profile reaches its relay. Only SSH exists today; HTTPS comes next.
enum class Kind { Ssh };

// A way to reach staffettactl on a relay (SSH today, HTTPS later). Implementations never
// block the caller: run() returns at once and the work happens on worker threads that the
// transport owns (never Qt's global pool), so a relay that does not answer holds only its
// own threads, never another relay's calls. Destroying a transport cancels its calls.
class Transport
{
public:
    virtual ~Transport() = default;
    // Used by the calls started after it (the UI thread sets it, then calls run()).
    virtual void setCredentials(const Credentials &credentials) = 0;
    // words: the verb and its words (each must be an api::isSafeWord); input: JSON for stdin.
    // sink: when set, stdout goes there chunk by chunk instead of into ExecOutput::out, so a
    // long listing can be parsed while it is still arriving. An input larger than
    // limits::MaxRequestBytes is not sent (ErrorCode::RequestTooLarge): the relay refuses it.
    virtual QFuture<Result<ExecOutput>> run(const QStringList &words, const QByteArray &input,
                                            CancelToken cancel, OutputSink sink = {}) = 0;
};

} // namespace staffetta::transport
