#pragma once

#include "common/result.h"
#include "policy/engine.h"

#include <QHash>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace staffetta::stats {

// Per-account hourly counters in SQLite (WAL): the quota ledger and the source of the
// send charts. Sums are served from memory (loaded per account on first use) and every
// change is written through, so counts survive a restart of staffettad.
class StatsStore final : public policy::Ledger
{
public:
    ~StatsStore() override;
    static Result<std::unique_ptr<StatsStore>> open(const QString &path);

    qint64 sum(const QString &login, const QString &metric, qint64 fromHour,
               qint64 toHour) override;
    void add(const QString &login, const QString &metric, qint64 hour, qint64 count) override;

private:
    StatsStore() = default;
    using Key = QPair<QString, QString>; // login, metric
    const QHash<qint64, qint64> &load(const Key &key);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_upsert = nullptr;
    sqlite3_stmt *m_select = nullptr;
    QHash<Key, QHash<qint64, qint64>> m_cache;
};

} // namespace staffetta::stats
