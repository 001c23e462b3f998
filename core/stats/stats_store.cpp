#include "stats_store.h"

#include <sqlite3.h>

namespace staffetta::stats {

using namespace Qt::Literals::StringLiterals;

StatsStore::~StatsStore()
{
    sqlite3_finalize(m_upsert);
    sqlite3_finalize(m_select);
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
            &store->m_select, nullptr) != SQLITE_OK)
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

void StatsStore::add(const QString &login, const QString &metric, qint64 hour, qint64 count)
{
    load({login, metric});
    m_cache[{login, metric}][hour] += count;
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
}

} // namespace staffetta::stats
