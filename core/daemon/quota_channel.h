#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace staffetta::daemon {

// The content milter tells staffettad, which keeps the quota, what became of each message:
// one line per request on a unix socket only the daemons' user may open (quota_socket),
// one line per answer.
//   COMMIT <queue_id> <login> <recipients>  -> OK | OVER <quota>
//   RELEASE <queue_id>                      -> OK
//   REFUSED <login> <metric>                -> OK   (a content refusal, for the hourly stats)
// Anything else -> ERROR <reason>. Logins have no spaces (the policy refuses them), queue ids
// are Postfix's, metrics one of policy::metric.
struct QuotaRequest
{
    enum class Kind { Commit, Release, Refused };
    Kind kind = Kind::Commit;
    QByteArray queueId;
    QString login;
    int recipients = 0;
    QString metric;

    QByteArray toLine() const;
    // nullopt: malformed (the reason in `why`).
    static std::optional<QuotaRequest> parse(const QByteArray &line, QString *why);
};

inline constexpr qsizetype MaxQuotaLine = 512;

// The milter's side: a blocking connection (libmilter calls back on its own threads; each
// session keeps one), reconnecting once when staffettad restarted. Relay-only (POSIX).
class QuotaChannelClient
{
public:
    explicit QuotaChannelClient(QString socketPath, int timeoutMs = 5000)
        : m_path(std::move(socketPath))
        , m_timeoutMs(timeoutMs)
    {}
    ~QuotaChannelClient();
    QuotaChannelClient(const QuotaChannelClient &) = delete;
    QuotaChannelClient &operator=(const QuotaChannelClient &) = delete;

    // The answer line without its newline; an Error when staffettad cannot be reached or does
    // not answer in time (the milter then tempfails: nothing passes uncharged).
    Result<QByteArray> call(const QuotaRequest &request);

private:
    Result<QByteArray> once(const QByteArray &line);
    void close();

    QString m_path;
    int m_timeoutMs;
    int m_fd = -1;
};

} // namespace staffetta::daemon
