#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace staffetta::policy {

// Where the per-account hourly counters go (the send charts, the quota's commits): SQLite on
// a writer thread of its own in staffettad, memory in tests.
class StatsSink
{
public:
    virtual ~StatsSink() = default;
    virtual void add(const QString &login, const QString &metric, qint64 hour, qint64 count) = 0;
};

// Hours since the epoch (UTC), both ends included: the quota's window at some moment.
struct HourSpan
{
    qint64 from = 0;
    qint64 to = 0;
};

// One limit a message's recipients count against: at most `max` recipients for `key` over
// `span`. The keys: an account's login (its daily quota, its hourly limit) and
// senderKey(login, sender) (the daily limit of one sender address within the account).
struct Limit
{
    QString key;
    HourSpan span;
    int max = 0;
};
// The key of one sender within an account: "login sender" (a login has no spaces).
QString senderKey(const QString &login, const QString &sender);
// What an answer that does not fit names: the index of the first limit it would exceed.
inline constexpr int Fits = -1;

// The quota's counter, behind one interface: committed counts and reservations per key. A
// message counts against all its limits at once: reserved at RCPT (used + every reservation
// of the key + 1 must fit each limit), committed when the message is accepted, released when
// it is refused or given up. Every call answers at once: the engine runs on the daemon's only
// event loop. The SQLite counter (LocalQuotaCounter) answers from memory and hands each commit
// to a StatsSink that writes on its own thread; a relay group's counter (Redis, a script per
// call) will sit behind the same calls.
class QuotaCounter
{
public:
    virtual ~QuotaCounter() = default;
    // Recipients committed for `key` in the span.
    virtual qint64 used(const QString &key, HourSpan span) = 0;
    // Recipients reserved by the key's open messages.
    virtual int reserved(const QString &key) const = 0;
    // One more recipient for `message` under every limit; Fits, or the index of the limit it
    // does not fit (nothing taken). A message whose reservation expired takes back what it
    // had first.
    virtual int reserve(const QByteArray &message, const QList<Limit> &limits, qint64 nowSecs) = 0;
    // Charges `count` recipients for the message at `hour` under the limits' keys. A message
    // that holds its reservation of `count` is charged as it is; any other (expired, or never
    // reserved: the daemon restarted in between) must fit every limit now, else the index of
    // the one it exceeds and nothing charged.
    virtual int commit(const QByteArray &message, int count, const QList<Limit> &limits,
                       qint64 hour) = 0;
    // The message passed the policy service's END-OF-MESSAGE and now waits for the content
    // milter's verdict: it holds exactly `count` recipients from `nowSecs` on (the timeout
    // starts again). One whose reservation expired must fit again, else the limit's index.
    virtual int hold(const QByteArray &message, int count, const QList<Limit> &limits,
                     qint64 nowSecs) = 0;
    // The message is over (refused, or gone for good): its reservation is given back.
    virtual void release(const QByteArray &message) = 0;
    // Gives back reservations whose message saw no RCPT for `timeoutSecs` (the policy
    // protocol never says when a client gave up); the message keeps its count, to take back.
    virtual void expire(qint64 nowSecs, int timeoutSecs) = 0;
};

// One relay's counter: reservations and the last two days' commits in memory, every commit
// handed to `sink` (which makes it durable: an account's under metric::AcceptedExternal, a
// sender's under metric::AcceptedSender). load() the recent commits once at start.
class LocalQuotaCounter final : public QuotaCounter
{
public:
    explicit LocalQuotaCounter(StatsSink &sink)
        : m_sink(sink)
    {}
    void load(const QString &key, qint64 hour, qint64 count);

    qint64 used(const QString &key, HourSpan span) override;
    int reserved(const QString &key) const override { return m_reserved.value(key); }
    int reserve(const QByteArray &message, const QList<Limit> &limits, qint64 nowSecs) override;
    int commit(const QByteArray &message, int count, const QList<Limit> &limits,
               qint64 hour) override;
    int hold(const QByteArray &message, int count, const QList<Limit> &limits,
             qint64 nowSecs) override;
    void release(const QByteArray &message) override;
    void expire(qint64 nowSecs, int timeoutSecs) override;

private:
    struct Held
    {
        QStringList keys; // every key it counts under
        int count = 0;
        bool held = true; // false once expired: `count` is no longer in m_reserved
        qint64 lastSecs = 0;
    };
    void giveBack(Held &h);
    void take(Held &h, int count); // adds `count` to the reservations of h's keys
    // The first limit `extra` more recipients of `h` (beyond what it holds) would exceed.
    int exceeded(const Held &h, const QList<Limit> &limits, int wanted);

    StatsSink &m_sink;
    QHash<QByteArray, Held> m_messages;
    QHash<QString, int> m_reserved;                   // key -> recipients reserved
    QHash<QString, QMap<qint64, qint64>> m_committed; // key -> hour -> recipients
};

} // namespace staffetta::policy
