#include "stats_store.h"

#include <QDateTime>

#include <sqlite3.h>

namespace staffetta::stats {

using namespace Qt::Literals::StringLiterals;

StatsStore::~StatsStore()
{
    sqlite3_finalize(m_upsert);
    sqlite3_finalize(m_select);
    sqlite3_finalize(m_since);
    sqlite3_close(m_db);
}

Result<std::unique_ptr<StatsStore>> StatsStore::open(const QString &path)
{
    std::unique_ptr<StatsStore> store(new StatsStore);
    auto fail = [&store, &path](const char *what) {
        const QString why =
            store->m_db ? QString::fromUtf8(sqlite3_errmsg(store->m_db)) : QString();
        return Error(ErrorCode::Unavailable,
                     u"state database %1: %2: %3"_s.arg(path, QString::fromLatin1(what), why),
                     {{u"path"_s, path}});
    };
    if (sqlite3_open(path.toUtf8().constData(), &store->m_db) != SQLITE_OK)
        return fail("cannot open");
    sqlite3_busy_timeout(store->m_db, 5000); // before the WAL switch below takes its lock
    const char *schema =
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=5000;"
        "CREATE TABLE IF NOT EXISTS hourly("
        " login TEXT NOT NULL, metric TEXT NOT NULL, hour INTEGER NOT NULL,"
        " count INTEGER NOT NULL, PRIMARY KEY(login, metric, hour)) WITHOUT ROWID;";
    if (sqlite3_exec(store->m_db, schema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot create the schema");
    if (sqlite3_prepare_v2(store->m_db,
                           "INSERT INTO hourly(login, metric, hour, count) VALUES(?1, ?2, ?3, ?4) "
                           "ON CONFLICT(login, metric, hour) DO UPDATE SET count = count + ?4",
                           -1, &store->m_upsert, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(
            store->m_db,
            "SELECT hour, count FROM hourly WHERE login = ?1 AND metric = ?2 AND hour >= ?3", -1,
            &store->m_select, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(store->m_db,
                           "SELECT login, hour, count FROM hourly WHERE metric = ?1 AND hour >= ?2",
                           -1, &store->m_since, nullptr) != SQLITE_OK)
        return fail("cannot prepare statements");
    return store;
}

const QHash<qint64, qint64> &StatsStore::load(const Key &key)
{
    auto it = m_cache.find(key);
    if (it != m_cache.end())
        return *it;
    QHash<qint64, qint64> hours;
    const QByteArray login = key.first.toUtf8();
    const QByteArray metric = key.second.toUtf8();
    sqlite3_bind_text(m_select, 1, login.constData(), int(login.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(m_select, 2, metric.constData(), int(metric.size()), SQLITE_TRANSIENT);
    // Only the last few days matter for quotas and live charts.
    sqlite3_bind_int64(m_select, 3, qint64(QDateTime::currentSecsSinceEpoch() / 3600) - 24 * 8);
    while (sqlite3_step(m_select) == SQLITE_ROW)
        hours.insert(sqlite3_column_int64(m_select, 0), sqlite3_column_int64(m_select, 1));
    sqlite3_reset(m_select);
    return *m_cache.insert(key, hours);
}

qint64 StatsStore::sum(const QString &login, const QString &metric, qint64 fromHour, qint64 toHour)
{
    qint64 total = 0;
    const auto &hours = load({login, metric});
    for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
        if (it.key() >= fromHour && it.key() <= toHour)
            total += it.value();
    }
    return total;
}

QList<StatsStore::Count> StatsStore::since(const QString &metric, qint64 fromHour)
{
    QList<Count> out;
    const QByteArray m = metric.toUtf8();
    sqlite3_bind_text(m_since, 1, m.constData(), int(m.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(m_since, 2, fromHour);
    while (sqlite3_step(m_since) == SQLITE_ROW) {
        out.append(
            {QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_since, 0))),
             sqlite3_column_int64(m_since, 1), sqlite3_column_int64(m_since, 2)});
    }
    sqlite3_reset(m_since);
    return out;
}

QList<StatsStore::Increment> StatsStore::hours(const QString &login, qint64 fromHour, qint64 toHour)
{
    QList<Increment> out;
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(m_db,
                           "SELECT metric, hour, count FROM hourly WHERE login = ?1 AND hour >= ?2 "
                           "AND hour <= ?3",
                           -1, &s, nullptr) != SQLITE_OK)
        return out;
    const QByteArray l = login.toUtf8();
    sqlite3_bind_text(s, 1, l.constData(), int(l.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, fromHour);
    sqlite3_bind_int64(s, 3, toHour);
    while (sqlite3_step(s) == SQLITE_ROW)
        out.append({login,
                    QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0))),
                    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2)});
    sqlite3_finalize(s);
    return out;
}

bool StatsStore::record(const QList<Increment> &increments)
{
    sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
    bool ok = true;
    for (const Increment &i : increments)
        ok = upsert(i.login, i.metric, i.hour, i.count) && ok;
    return sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK && ok;
}

void StatsStore::add(const QString &login, const QString &metric, qint64 hour, qint64 count)
{
    load({login, metric});
    m_cache[{login, metric}][hour] += count;
    upsert(login, metric, hour, count);
}

bool StatsStore::upsert(const QString &login, const QString &metric, qint64 hour, qint64 count)
{
    const QByteArray l = login.toUtf8();
    const QByteArray m = metric.toUtf8();
    sqlite3_bind_text(m_upsert, 1, l.constData(), int(l.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(m_upsert, 2, m.constData(), int(m.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(m_upsert, 3, hour);
    sqlite3_bind_int64(m_upsert, 4, count);
    const int rc = sqlite3_step(m_upsert);
    sqlite3_reset(m_upsert);
    if (rc != SQLITE_DONE)
        qWarning("staffetta: cannot record %s for %s: %s", qPrintable(metric), qPrintable(login),
                 sqlite3_errmsg(m_db));
    return rc == SQLITE_DONE;
}

Result<std::unique_ptr<StatsWriter>> StatsWriter::open(const QString &path)
{
    auto store = StatsStore::open(path);
    if (!store)
        return store.error();
    std::unique_ptr<StatsWriter> writer(new StatsWriter);
    writer->m_store = std::move(store).value();
    writer->m_thread = std::thread([w = writer.get()] { w->run(); });
    return writer;
}

StatsWriter::~StatsWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void StatsWriter::add(const QString &login, const QString &metric, qint64 hour, qint64 count)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.append({login, metric, hour, count});
        ++m_queued;
    }
    m_wake.notify_one();
}

void StatsWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_queued;
    m_done.wait(lock, [&] { return m_written >= target; });
}

void StatsWriter::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || !m_queue.isEmpty(); });
        if (m_queue.isEmpty() && m_stop)
            return;
        const QList<StatsStore::Increment> batch = std::exchange(m_queue, {});
        lock.unlock();
        m_store->record(batch);
        lock.lock();
        m_written += quint64(batch.size());
        m_done.notify_all();
    }
}

} // namespace staffetta::stats
