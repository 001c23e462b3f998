#pragma once

#include "common/result.h"
#include "policy/quota.h"

#include <QHash>
#include <QList>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;
struct sqlite3_stmt;

namespace staffetta::stats {

// Per-account hourly counters in SQLite (WAL): the quota's commits and the source of the
// send charts. Sums are served from memory (loaded per account on first use) and every
// change is written through, so counts survive a restart of staffettad.
class StatsStore final : public policy::StatsSink
{
public:
    ~StatsStore() override;
    static Result<std::unique_ptr<StatsStore>> open(const QString &path);

    // Sum of `metric` for `login` over hours in [fromHour, toHour] (hours since the epoch, UTC).
    qint64 sum(const QString &login, const QString &metric, qint64 fromHour, qint64 toHour);
    void add(const QString &login, const QString &metric, qint64 hour, qint64 count) override;

    struct Count
    {
        QString login;
        qint64 hour = 0;
        qint64 count = 0;
    };
    // Every account's `metric` since `fromHour` (what a quota counter loads at start).
    QList<Count> since(const QString &metric, qint64 fromHour);
    // Adds without the memory cache, many at once in one transaction (the writer thread).
    struct Increment
    {
        QString login, metric;
        qint64 hour = 0;
        qint64 count = 0;
    };
    bool record(const QList<Increment> &increments);
    // `login`'s counts of every metric in hours [fromHour, toHour], from the disk (not the
    // cache, which holds the last days only): the send charts' series.
    QList<Increment> hours(const QString &login, qint64 fromHour, qint64 toHour);

private:
    StatsStore() = default;
    using Key = QPair<QString, QString>; // login, metric
    const QHash<qint64, qint64> &load(const Key &key);
    bool upsert(const QString &login, const QString &metric, qint64 hour, qint64 count);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_upsert = nullptr;
    sqlite3_stmt *m_select = nullptr;
    sqlite3_stmt *m_since = nullptr;
    QHash<Key, QHash<qint64, qint64>> m_cache;
};

// A StatsSink that never waits for the disk: add() queues, a thread of its own writes the
// queue to SQLite in one transaction per batch (what staffettad hands its counters to, so
// the event loop that answers Postfix never blocks on a write). A kill -9 loses at most what
// was queued in the last moment (the thread writes as soon as something is queued).
class StatsWriter final : public policy::StatsSink
{
public:
    static Result<std::unique_ptr<StatsWriter>> open(const QString &path);
    ~StatsWriter() override; // writes what is queued, then stops
    void add(const QString &login, const QString &metric, qint64 hour, qint64 count) override;
    // Waits until everything queued so far is written.
    void flush();

private:
    StatsWriter() = default;
    void run();

    std::unique_ptr<StatsStore> m_store;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    QList<StatsStore::Increment> m_queue;
    quint64 m_queued = 0, m_written = 0;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace staffetta::stats
