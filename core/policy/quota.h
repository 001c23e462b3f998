#pragma once

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>

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

// The quota's counter, behind one interface: committed counts and reservations. Reserved at
// RCPT (used + every reservation of the account + 1 must fit), committed when the message is
// accepted, released when it is refused or given up. Every call answers at once: the engine
// runs on the daemon's only event loop. The SQLite counter (LocalQuotaCounter) answers from
// memory and hands each commit to a StatsSink that writes on its own thread; a relay group's
// counter (Redis, a script per call) will sit behind the same calls.
class QuotaCounter
{
public:
    virtual ~QuotaCounter() = default;
    // Recipients committed for `login` in the span.
    virtual qint64 used(const QString &login, HourSpan span) = 0;
    // Recipients reserved by the account's open messages.
    virtual int reserved(const QString &login) const = 0;
    // One more recipient for `message`; false (nothing taken) when it does not fit. A message
    // whose reservation expired takes back what it had first.
    virtual bool reserve(const QString &login, const QByteArray &message, int quota, HourSpan span,
                         qint64 nowSecs) = 0;
    // Charges `count` recipients for the message at `hour`. A message that holds its
    // reservation of `count` is charged as it is; any other (expired, or never reserved: the
    // daemon restarted in between) must fit in the quota now, else false and nothing charged.
    virtual bool commit(const QString &login, const QByteArray &message, int count, int quota,
                        HourSpan span, qint64 hour) = 0;
    // The message passed the policy service's END-OF-MESSAGE and now waits for the content
    // milter's verdict: it holds exactly `count` recipients from `nowSecs` on (the timeout
    // starts again). One whose reservation expired must fit again, else false.
    virtual bool hold(const QString &login, const QByteArray &message, int count, int quota,
                      HourSpan span, qint64 nowSecs) = 0;
    // The message is over (refused, or gone for good): its reservation is given back.
    virtual void release(const QByteArray &message) = 0;
    // Gives back reservations whose message saw no RCPT for `timeoutSecs` (the policy
    // protocol never says when a client gave up); the message keeps its count, to take back.
    virtual void expire(qint64 nowSecs, int timeoutSecs) = 0;
};

// One relay's counter: reservations and today's commits in memory, every commit handed to
// `sink` (which makes it durable). load() the recent commits once at start.
class LocalQuotaCounter final : public QuotaCounter
{
public:
    explicit LocalQuotaCounter(StatsSink &sink)
        : m_sink(sink)
    {}
    void load(const QString &login, qint64 hour, qint64 count);

    qint64 used(const QString &login, HourSpan span) override;
    int reserved(const QString &login) const override { return m_reserved.value(login); }
    bool reserve(const QString &login, const QByteArray &message, int quota, HourSpan span,
                 qint64 nowSecs) override;
    bool commit(const QString &login, const QByteArray &message, int count, int quota,
                HourSpan span, qint64 hour) override;
    bool hold(const QString &login, const QByteArray &message, int count, int quota, HourSpan span,
              qint64 nowSecs) override;
    void release(const QByteArray &message) override;
    void expire(qint64 nowSecs, int timeoutSecs) override;

private:
    struct Held
    {
        QString login;
        int count = 0;
        bool held = true; // false once expired: `count` is no longer in m_reserved
        qint64 lastSecs = 0;
    };
    void giveBack(Held &h);

    StatsSink &m_sink;
    QHash<QByteArray, Held> m_messages;
    QHash<QString, int> m_reserved;                   // login -> recipients reserved
    QHash<QString, QMap<qint64, qint64>> m_committed; // login -> hour -> recipients
};

} // namespace staffetta::policy
