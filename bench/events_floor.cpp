// The floor under any SQLite ingest of the event index: SQLite alone writing the rows an
// ingest wrote — the same schema and indexes (made by events::Index::open, with its pragmas),
// the rows in the order they were written, one prepared INSERT each, a transaction every
// BATCH messages with their attempts, nothing parsed. No log reader can build this index in
// less time than this on the same machine.
//   events_floor SOURCE_DATABASE NEW_DATABASE [BATCH]
// Prints one JSON object: seconds, and the rows written.
#include "events/index.h"

#include <QElapsedTimer>
#include <QFile>

#include <sqlite3.h>

#include <cstdio>
#include <vector>

using namespace staffetta;

namespace {

// Every row of a table as sqlite3_values (copied, so the source can be read ahead).
struct Rows
{
    int columns = 0;
    std::vector<sqlite3_value *> values;
    ~Rows()
    {
        for (sqlite3_value *v : values)
            sqlite3_value_free(v);
    }
    size_t count() const { return columns ? values.size() / size_t(columns) : 0; }
    sqlite3_value *at(size_t row, int col) const
    {
        return values[row * size_t(columns) + size_t(col)];
    }
};

bool load(sqlite3 *db, const char *sql, Rows &rows)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
        return false;
    rows.columns = sqlite3_column_count(s);
    while (sqlite3_step(s) == SQLITE_ROW)
        for (int c = 0; c < rows.columns; ++c)
            rows.values.push_back(sqlite3_value_dup(sqlite3_column_value(s, c)));
    sqlite3_finalize(s);
    return true;
}

bool insert(sqlite3_stmt *s, const Rows &rows, size_t row)
{
    for (int c = 0; c < rows.columns; ++c)
        sqlite3_bind_value(s, c + 1, rows.at(row, c));
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: events_floor SOURCE_DATABASE NEW_DATABASE [BATCH]\n");
        return 2;
    }
    const size_t batch = argc > 3 ? size_t(std::atol(argv[3])) : 5500;
    sqlite3 *src = nullptr;
    if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return 1;
    Rows messages, attempts, refusals;
    if (!load(src, "SELECT * FROM messages ORDER BY id", messages) ||
        !load(src, "SELECT * FROM attempts ORDER BY id", attempts) ||
        !load(src, "SELECT * FROM refusals ORDER BY id", refusals))
        return 1;
    sqlite3_close(src);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(QString::fromLocal8Bit(argv[2]) + QLatin1String(suffix));
    auto opened = events::Index::open(QString::fromLocal8Bit(argv[2])); // the schema, the pragmas
    if (!opened)
        return 1;
    opened.value().reset();
    sqlite3 *db = nullptr;
    sqlite3_open(argv[2], &db);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;", nullptr, nullptr,
                 nullptr);
    sqlite3_stmt *m = nullptr, *a = nullptr, *r = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO messages VALUES(?,?,?,?,?,?,?,?,?,?,?)", -1, &m, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO attempts VALUES(?,?,?,?,?,?,?,?,?,?,?)", -1, &a, nullptr);
    sqlite3_prepare_v2(db, "INSERT INTO refusals VALUES(?,?,?,?,?,?,?,?,?,?,?)", -1, &r, nullptr);
    if (!m || !a || !r) {
        std::fprintf(stderr, "events_floor: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    // Refusals are spread over the batches as in the log (a few per batch).
    size_t ai = 0, ri = 0;
    const size_t perBatchRefusals =
        refusals.count() * batch / std::max<size_t>(1, messages.count()) + 1;
    for (size_t mi = 0; mi < messages.count();) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        const size_t end = std::min(messages.count(), mi + batch);
        const qint64 last = sqlite3_value_int64(messages.at(end - 1, 0));
        for (; mi < end; ++mi)
            if (!insert(m, messages, mi))
                return 1;
        for (; ai < attempts.count() && sqlite3_value_int64(attempts.at(ai, 1)) <= last; ++ai)
            if (!insert(a, attempts, ai))
                return 1;
        for (size_t n = 0; n < perBatchRefusals && ri < refusals.count(); ++n, ++ri)
            if (!insert(r, refusals, ri))
                return 1;
        if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
            return 1;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    sqlite3_finalize(m);
    sqlite3_finalize(a);
    sqlite3_finalize(r);
    sqlite3_close(db);
    std::printf("{\"seconds\": %.3f, \"messages\": %zu, \"attempts\": %zu, \"refusals\": %zu}\n",
                seconds, messages.count(), ai, ri);
    return 0;
}
