#include "index.h"

#include "common/relay_config.h"
#include "statement.h"

#include <QHash>
#include <QVariant>

#include <tuple>
#include <type_traits>

#include <sqlite3.h>

namespace staffetta::events {

using namespace Qt::Literals::StringLiterals;

using detail::Statement;

namespace {

const char *const Schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA busy_timeout=5000;"
    "PRAGMA foreign_keys=ON;"
    // The indexes of a few days of mail are tens of MB; SQLite's default 2 MB page cache made
    // every insert read index pages back from the file (a third of the ingest in pread).
    "PRAGMA cache_size=-32768;"
    "CREATE TABLE IF NOT EXISTS messages("
    " id INTEGER PRIMARY KEY, queue_id TEXT NOT NULL, message_id TEXT, client_ip TEXT,"
    " client_host TEXT, account TEXT, sender TEXT, size INTEGER, nrcpt INTEGER,"
    " accepted INTEGER NOT NULL, removed INTEGER);"
    // The indexes of keys that come in no order (queue id, message-id; below, the recipient)
    // lead with the day accepted (UTC; `accepted / 86400` as written here, which is what the
    // queries must say to use them): a day's inserts land in that day's part of each B-tree,
    // a few MB that stay in the page cache, whatever the history kept. Keyed by the value alone,
    // each insert went to a random leaf of an index ten times that size at 90 days (about
    // 300 MB for the three): each read a page back from the file and dirtied its own, written
    // to the WAL at commit and again at the checkpoint; the ingest of 90 days ran at a third of
    // the rate of 9 (12.9 GB written for one day's 111k messages on a 900 MB index, 5.4 GB so).
    // The queries ask each day of the index for the key (`accepted / 86400 IN days`: one seek
    // per day, see DaysCte), the answers are the same.
    "DROP INDEX IF EXISTS messages_queue_id;"
    "DROP INDEX IF EXISTS messages_message_id;"
    "CREATE INDEX IF NOT EXISTS messages_day_queue_id ON messages(accepted / 86400, queue_id);"
    "CREATE INDEX IF NOT EXISTS messages_day_message_id ON messages(accepted / 86400, "
    "message_id COLLATE NOCASE);"
    // The messages still open (not removed) by queue id, read when the writer starts: a few,
    // where the index of every queue id would be read whole.
    "CREATE INDEX IF NOT EXISTS messages_open ON messages(queue_id) WHERE removed IS NULL;"
    // A sender's (an account's) messages newest first: the index walks them in trace's order
    // (LIMIT 100 reads 100 rows, not every message of a busy sender sorted), day by day. By
    // day first too: keyed by sender (account) first, each insert went to the end of its
    // sender's rows, a page of its own per sender once the history holds a few pages of each
    // (5000 senders, 3000 accounts): measured on a copy of 81 days, the day's 111k messages
    // took 11.4 s with these two by sender and account first, 6.1 s with them by day first
    // (6.9 s into an empty index).
    "DROP INDEX IF EXISTS messages_sender;"
    "DROP INDEX IF EXISTS messages_sender_accepted;"
    "DROP INDEX IF EXISTS messages_account;"
    "CREATE INDEX IF NOT EXISTS messages_day_sender ON messages(accepted / 86400, sender COLLATE "
    "NOCASE, accepted);"
    "CREATE INDEX IF NOT EXISTS messages_day_account ON messages(accepted / 86400, account "
    "COLLATE NOCASE, accepted);"
    "CREATE INDEX IF NOT EXISTS messages_accepted ON messages(accepted);"
    "CREATE TABLE IF NOT EXISTS attempts("
    " id INTEGER PRIMARY KEY, message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    " time INTEGER NOT NULL, recipient TEXT NOT NULL, orig_recipient TEXT, transport TEXT,"
    " relay TEXT, delay REAL, dsn TEXT, status TEXT NOT NULL, reply TEXT);"
    "CREATE INDEX IF NOT EXISTS attempts_message ON attempts(message);"
    // Replaced by message_recipients: trace by recipient found every message of a busy
    // recipient through it, then sorted them (its cost grew with the history kept).
    "DROP INDEX IF EXISTS attempts_recipient;"
    // No query reads attempts by time alone (stats and the bounce rate go through the account's
    // messages): an index on it only cost every insert.
    "DROP INDEX IF EXISTS attempts_time;"
    "CREATE TABLE IF NOT EXISTS refusals("
    " id INTEGER PRIMARY KEY, time INTEGER NOT NULL, source TEXT NOT NULL, reason TEXT,"
    " account TEXT, sender TEXT, recipient TEXT, client_ip TEXT, queue_id TEXT, dsn TEXT,"
    " reply TEXT);"
    "CREATE INDEX IF NOT EXISTS refusals_time ON refusals(time);"
    "CREATE INDEX IF NOT EXISTS refusals_account ON refusals(account COLLATE NOCASE, time);"
    // Derived from attempts (and messages) as each batch is recorded, and built from them when
    // an index of a version before them is opened (migrate()):
    // - the messages each recipient was in (one row per message and recipient, as
    //   `recipient = ? COLLATE NOCASE` matches them), with the time the message was accepted:
    //   trace by recipient walks them newest first and stops at its limit;
    // - the attempts of each account's mail per hour and per day (UTC) of the attempt, and
    //   status: what stats counts. Kept up to date at ingest rather than counted from the
    //   attempts when asked (bounding the account's messages by Postfix's
    //   maximal_queue_lifetime): a held message released weeks later, or a lifetime changed
    //   since, has attempts later than any such bound, so a bound would change the answers;
    //   and a 90-day total would still read every attempt of 90 days. With the counts, a
    //   question reads one row per account, hour (or day) and status of its window.
    "CREATE TABLE IF NOT EXISTS message_recipients("
    " message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    " recipient TEXT NOT NULL COLLATE NOCASE, accepted INTEGER NOT NULL,"
    " PRIMARY KEY(message, recipient)) WITHOUT ROWID;"
    // By day first, as messages' queue id and message-id above: trace walks the days newest
    // first (ORDER BY the day, then the time accepted: the same order) and stops at its limit.
    "DROP INDEX IF EXISTS message_recipients_recipient;"
    "CREATE INDEX IF NOT EXISTS message_recipients_day ON message_recipients(accepted / 86400, "
    "recipient, accepted);"
    "CREATE TABLE IF NOT EXISTS attempt_hours("
    " account TEXT NOT NULL COLLATE NOCASE, hour INTEGER NOT NULL, status TEXT NOT NULL,"
    " n INTEGER NOT NULL, PRIMARY KEY(account, hour, status)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS attempt_days("
    " account TEXT NOT NULL COLLATE NOCASE, day INTEGER NOT NULL, status TEXT NOT NULL,"
    " n INTEGER NOT NULL, PRIMARY KEY(account, day, status)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS positions("
    " source TEXT PRIMARY KEY, inode INTEGER NOT NULL, offset INTEGER NOT NULL,"
    " first_line TEXT NOT NULL);";

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

Index::~Index()
{
    for (sqlite3_stmt *s : std::as_const(m_prepared))
        sqlite3_finalize(s);
    sqlite3_close(m_db);
}

sqlite3_stmt *Index::prepared(const char *sql)
{
    sqlite3_stmt *&s = m_prepared[sql];
    if (!s && sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK) {
        sqlite3_finalize(s);
        s = nullptr;
    }
    return s;
}

Error Index::failure(const QString &what) const
{
    return Error(ErrorCode::Unavailable,
                 u"event index %1: %2: %3"_s.arg(
                     m_path, what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString()),
                 {{u"path"_s, m_path}});
}

Result<std::unique_ptr<Index>> Index::open(const QString &path)
{
    std::unique_ptr<Index> index(new Index);
    index->m_path = path;
    if (sqlite3_open(path.toUtf8().constData(), &index->m_db) != SQLITE_OK)
        return index->failure(u"cannot open"_s);
    // Before the schema: switching to WAL takes a lock a reader (staffettactl trace) may
    // hold for a moment; without a busy timeout first, that is "database is locked" at once.
    sqlite3_busy_timeout(index->m_db, 5000);
    if (sqlite3_exec(index->m_db, Schema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return index->failure(u"cannot create the schema"_s);
    if (!index->migrate())
        return index->failure(u"cannot derive the recipients and counts"_s);
    return index;
}

namespace {
constexpr int SchemaVersion = 1; // 1: the derived tables (message_recipients, attempt_*)

int userVersion(sqlite3 *db)
{
    Statement v(db, "PRAGMA user_version");
    return v.step() ? int(v.integer(0)) : -1;
}
} // namespace

// An index written before the derived tables gets their rows from its attempts, once (whoever
// opens it first: the follower or staffettactl; the version is read again under the write lock,
// so two at once derive them once).
bool Index::migrate()
{
    const int version = userVersion(m_db);
    if (version < 0)
        return false;
    if (version >= SchemaVersion)
        return true;
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    const int locked = userVersion(m_db);
    const bool ok =
        locked >= SchemaVersion ||
        (locked >= 0 && derive(0) &&
         sqlite3_exec(m_db, "PRAGMA user_version = 1", nullptr, nullptr, nullptr) == SQLITE_OK);
    if (!ok || sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;
    }
    return true;
}

// The derived rows (see the schema) of the attempts after `afterAttempt` (their id): the
// batch's attempts when a batch is recorded, every attempt when an older index is migrated.
bool Index::derive(qint64 afterAttempt)
{
    for (const char *sql :
         {"INSERT OR IGNORE INTO message_recipients(message, recipient, accepted) "
          "SELECT a.message, a.recipient, m.accepted FROM attempts a "
          "JOIN messages m ON m.id = a.message WHERE a.id > ?1",
          "INSERT INTO attempt_hours(account, hour, status, n) "
          "SELECT m.account, a.time / 3600, a.status, COUNT(*) FROM attempts a "
          "JOIN messages m ON m.id = a.message WHERE a.id > ?1 AND m.account IS NOT NULL "
          "GROUP BY 1, 2, 3 ON CONFLICT DO UPDATE SET n = n + excluded.n",
          "INSERT INTO attempt_days(account, day, status, n) "
          "SELECT m.account, a.time / 86400, a.status, COUNT(*) FROM attempts a "
          "JOIN messages m ON m.id = a.message WHERE a.id > ?1 AND m.account IS NOT NULL "
          "GROUP BY 1, 2, 3 ON CONFLICT DO UPDATE SET n = n + excluded.n"}) {
        if (!Statement(prepared(sql), {afterAttempt}).run())
            return false;
    }
    return true;
}

std::optional<Position> Index::position(const QString &source)
{
    Statement s(m_db, "SELECT inode, offset, first_line FROM positions WHERE source = ?1",
                {source});
    if (!s.step())
        return std::nullopt;
    return Position{quint64(s.integer(0)), s.integer(1), s.text(2).toLatin1()};
}

// The message `queueId` names now: the newest one not yet removed (Postfix reuses queue ids
// over time), created when its first line is not one the index saw (a restart after
// retention, a message picked up locally).
Index::Pending &Index::openMessage(const QString &queueId, qint64 time)
{
    if (const qint64 id = m_open.value(queueId))
        return row(id);
    const qint64 id = m_nextId++;
    m_open.insert(queueId, id);
    Pending &p = m_pending[id];
    p.queueId = queueId;
    p.accepted = time;
    return p;
}

Index::Pending &Index::row(qint64 id)
{
    const auto at = m_pending.find(id);
    if (at != m_pending.end())
        return at->second;
    Pending &p = m_pending[id];
    p.stored = true; // in the file already: only what this batch says is written
    return p;
}

void Index::closeMessage(const QString &queueId, qint64 time)
{
    if (const qint64 id = m_open.take(queueId))
        row(id).removed = time;
}

bool Index::loadOpenMessages()
{
    m_open.clear();
    m_pending.clear();
    Statement s(m_db, "SELECT queue_id, MAX(id) FROM messages WHERE removed IS NULL "
                      "GROUP BY queue_id");
    while (s.step())
        m_open.insert(s.text(0), s.integer(1));
    Statement last(m_db, "SELECT COALESCE(MAX(id), 0) + 1 FROM messages");
    m_openLoaded = s.ok() && last.step();
    m_nextId = last.integer(0);
    return m_openLoaded;
}

bool Index::stage(const Event &e)
{
    using K = Event::Kind;
    switch (e.kind) {
    case K::None:
        return true;
    case K::Refusal:
        m_refusals.append(&e);
        // A message the milter refused at its end is gone: Postfix never logs its removal.
        if (!e.queueId.isEmpty())
            closeMessage(e.queueId, e.time);
        return true;
    case K::Client: {
        // A new message always starts here: a queue id still open is an old one never removed.
        closeMessage(e.queueId, e.time);
        const qint64 id = m_nextId++;
        m_open.insert(e.queueId, id);
        Pending &p = m_pending[id];
        p.queueId = e.queueId;
        p.clientIp = e.clientIp;
        p.clientHost = e.clientHost;
        p.account = e.account;
        p.accepted = e.time;
        return true;
    }
    case K::MessageId:
        openMessage(e.queueId, e.time).messageId = e.messageId;
        return true;
    case K::From: {
        Pending &p = openMessage(e.queueId, e.time);
        p.sender = e.sender;
        p.size = e.size;
        p.nrcpt = e.nrcpt;
        return true;
    }
    case K::Delivery: {
        openMessage(e.queueId, e.time);
        m_attempts.append({m_open.value(e.queueId), &e});
        return true;
    }
    case K::Expired: {
        // Every recipient still deferred gives up: one attempt each, with Postfix's words —
        // read from the file, so what the batch staged so far is written first (rare: a
        // message expires after days of deferrals).
        openMessage(e.queueId, e.time);
        const qint64 id = m_open.value(e.queueId);
        return flush() &&
               Statement(
                   prepared(
                       "INSERT INTO attempts(message, time, recipient, transport, dsn, status, "
                       "reply) "
                       "SELECT ?1, ?2, a.recipient, 'qmgr', a.dsn, 'expired', ?3 FROM attempts a "
                       "WHERE a.message = ?1 AND a.id = (SELECT MAX(b.id) FROM attempts b "
                       "WHERE b.message = ?1 AND b.recipient = a.recipient) AND a.status = "
                       "'deferred'"),
                   {id, e.time, textOrNull(e.reply)})
                   .run();
    }
    case K::Removed:
        closeMessage(e.queueId, e.time);
        return true;
    }
    return true;
}

namespace {
void bindText(sqlite3_stmt *s, int at, const QString &text, bool emptyIsNull = true)
{
    if (text.isEmpty() && emptyIsNull) {
        sqlite3_bind_null(s, at);
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(s, at, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}
template<typename T> void bindOptional(sqlite3_stmt *s, int at, const std::optional<T> &v)
{
    if (!v)
        sqlite3_bind_null(s, at);
    else if constexpr (std::is_same_v<T, QString>)
        bindText(s, at, *v, false);
    else
        sqlite3_bind_int64(s, at, *v);
}
bool done(sqlite3_stmt *s)
{
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
}
} // namespace

// What the batch staged, one statement per row: a message is inserted once with all the batch
// said of it (its lines come seconds apart, within one batch), where a statement per line
// (insert, then an update for the message-id, the sender, the removal) cost the most of the
// ingest; then the attempts and the refusals, in the order they were read.
bool Index::flush()
{
    sqlite3_stmt *insert = prepared(
        "INSERT INTO messages(id, queue_id, message_id, client_ip, client_host, account, sender, "
        "size, nrcpt, accepted, removed) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    // NULL: what the batch did not say, kept as the file has it.
    sqlite3_stmt *update =
        prepared("UPDATE messages SET message_id = COALESCE(?2, message_id), "
                 "sender = COALESCE(?3, sender), size = COALESCE(?4, size), "
                 "nrcpt = COALESCE(?5, nrcpt), removed = COALESCE(?6, removed) WHERE id = ?1");
    sqlite3_stmt *attempt = prepared(
        "INSERT INTO attempts(message, time, recipient, orig_recipient, transport, relay, delay, "
        "dsn, status, reply) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    sqlite3_stmt *refusal =
        prepared("INSERT INTO refusals(time, source, reason, account, sender, recipient, "
                 "client_ip, queue_id, dsn, reply) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    if (!insert || !update || !attempt || !refusal)
        return false;
    for (const auto &[id, p] : m_pending) {
        sqlite3_bind_int64(p.stored ? update : insert, 1, id);
        if (p.stored) {
            bindOptional(update, 2, p.messageId);
            bindOptional(update, 3, p.sender);
            bindOptional(update, 4, p.size);
            bindOptional(update, 5, p.nrcpt);
            bindOptional(update, 6, p.removed);
            if (!done(update))
                return false;
            continue;
        }
        bindText(insert, 2, p.queueId, false);
        bindOptional(insert, 3, p.messageId);
        bindText(insert, 4, p.clientIp);
        bindText(insert, 5, p.clientHost);
        bindText(insert, 6, p.account);
        bindOptional(insert, 7, p.sender);
        bindOptional(insert, 8, p.size);
        bindOptional(insert, 9, p.nrcpt);
        sqlite3_bind_int64(insert, 10, p.accepted);
        bindOptional(insert, 11, p.removed);
        if (!done(insert))
            return false;
    }
    m_pending.clear();
    for (const auto &[message, e] : std::as_const(m_attempts)) {
        sqlite3_bind_int64(attempt, 1, message);
        sqlite3_bind_int64(attempt, 2, e->time);
        bindText(attempt, 3, e->recipient, false);
        bindText(attempt, 4, e->origRecipient);
        bindText(attempt, 5, e->transport, false);
        bindText(attempt, 6, e->relay);
        sqlite3_bind_double(attempt, 7, e->delay);
        bindText(attempt, 8, e->dsn);
        bindText(attempt, 9, e->status, false);
        bindText(attempt, 10, e->reply);
        if (!done(attempt))
            return false;
    }
    m_attempts.clear();
    for (const Event *e : std::as_const(m_refusals)) {
        sqlite3_bind_int64(refusal, 1, e->time);
        bindText(refusal, 2, e->source, false);
        bindText(refusal, 3, e->reason);
        bindText(refusal, 4, e->account);
        bindText(refusal, 5, e->sender);
        bindText(refusal, 6, e->recipient);
        bindText(refusal, 7, e->clientIp);
        bindText(refusal, 8, e->queueId);
        bindText(refusal, 9, e->dsn);
        bindText(refusal, 10, e->reply);
        if (!done(refusal))
            return false;
    }
    m_refusals.clear();
    return true;
}

Result<Done> Index::record(const QString &source, const QList<Event> &events, const Position &after)
{
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(u"cannot begin a transaction"_s);
    const auto rollback = [this](const QString &what) {
        const Error error = failure(what);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        // What the batch taught the writer is undone with it: read again at the next one.
        m_openLoaded = false;
        m_pending.clear();
        m_attempts.clear();
        m_refusals.clear();
        return error;
    };
    // The open messages by queue id and the next message id, read once: every line of a
    // message names it by its queue id, and asking the file each time was a lookup per line.
    if (!m_openLoaded && !loadOpenMessages())
        return rollback(u"cannot read the open messages"_s);
    qint64 lastAttempt = 0;
    {
        // Reset at once: a statement still stepping at COMMIT keeps the connection reading,
        // and SQLite skips the WAL's checkpoint then (the WAL grew by every batch).
        Statement last(prepared("SELECT COALESCE(MAX(id), 0) FROM attempts"), {});
        if (!last.step())
            return rollback(u"cannot read the attempts"_s);
        lastAttempt = last.integer(0);
    }
    for (const Event &e : events) {
        if (!stage(e))
            return rollback(u"cannot record an event"_s);
    }
    if (!flush() || !derive(lastAttempt))
        return rollback(u"cannot record an event"_s);
    Statement pos(
        m_db,
        "INSERT INTO positions(source, inode, offset, first_line) VALUES(?1,?2,?3,?4) "
        "ON CONFLICT(source) DO UPDATE SET inode = ?2, offset = ?3, first_line = ?4",
        {source, qint64(after.inode), after.offset, QString::fromLatin1(after.firstLine)});
    if (!pos.run() || sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(u"cannot record the events"_s);
    return Done{};
}

// The pruned messages' attempts are taken off the counts in the same transaction (their
// recipients go with them: ON DELETE CASCADE), so the counts stay those of the attempts kept.
Result<qint64> Index::prune(qint64 before)
{
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(u"cannot prune"_s);
    m_openLoaded = false; // it may name pruned messages
    const auto run = [this](const QString &sql, const QVariantList &values = {}) {
        return Statement(m_db, sql.toUtf8().constData(), values).run();
    };
    bool ok = true;
    struct Counts
    {
        const char *table, *column, *seconds;
    };
    for (const Counts counts :
         {Counts{"attempt_hours", "hour", "3600"}, Counts{"attempt_days", "day", "86400"}}) {
        // (A struct, not a structured binding: clang before 16 cannot capture those.)
        const auto sql = [&counts](const char *text) {
            return QString::fromLatin1(text)
                .replace(u"%1"_s, QLatin1StringView(counts.table))
                .replace(u"%2"_s, QLatin1StringView(counts.column))
                .replace(u"%3"_s, QLatin1StringView(counts.seconds));
        };
        // Grouped as the counts' key compares accounts (NOCASE): one row of each to take off.
        ok = ok && run(u"DROP TABLE IF EXISTS temp.pruned"_s) &&
             run(sql("CREATE TEMP TABLE pruned AS SELECT m.account AS account, a.time / %3 AS at, "
                     "a.status AS status, COUNT(*) AS n FROM messages m JOIN attempts a ON "
                     "a.message = m.id WHERE m.accepted < ?1 AND m.account IS NOT NULL "
                     "GROUP BY m.account COLLATE NOCASE, 2, 3"),
                 {before}) &&
             run(sql("UPDATE %1 SET n = %1.n - p.n FROM temp.pruned p WHERE %1.account = "
                     "p.account AND %1.%2 = p.at AND %1.status = p.status")) &&
             run(sql("DELETE FROM %1 WHERE n <= 0 AND (account, %2, status) IN "
                     "(SELECT account, at, status FROM temp.pruned)"));
    }
    ok = ok && run(u"DROP TABLE IF EXISTS temp.pruned"_s) &&
         run(u"DELETE FROM messages WHERE accepted < ?1"_s, {before});
    const qint64 removed = sqlite3_changes(m_db);
    ok = ok && run(u"DELETE FROM refusals WHERE time < ?1"_s, {before});
    const qint64 refusals = sqlite3_changes(m_db);
    if (!ok || sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const Error error = failure(u"cannot prune"_s);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return error;
    }
    return removed + refusals;
}

Result<QStringList> Index::accounts()
{
    Statement s(m_db, "SELECT DISTINCT account FROM messages WHERE account IS NOT NULL");
    if (!s.ok())
        return failure(u"cannot read the accounts"_s);
    QStringList all;
    while (s.step())
        all.append(s.text(0));
    return all;
}

// From the counts kept at ingest (see the schema): per day when the buckets are whole days,
// else per hour. Every attempt of an hour falls in one bucket when the window and the buckets
// are whole hours, so the sums are the attempts' own counts.
Result<QList<Index::AttemptCount>> Index::attemptCounts(const QString &account, qint64 from,
                                                        qint64 to, qint64 bucketSeconds)
{
    if (bucketSeconds <= 0 || from % 3600 || to % 3600 || bucketSeconds % 3600)
        return Error(
            ErrorCode::BadRequest,
            u"attempts are counted per hour: %1 to %2 by %3 s is not whole hours"_s.arg(
                QString::number(from), QString::number(to), QString::number(bucketSeconds)));
    const bool days = from % 86400 == 0 && to % 86400 == 0 && bucketSeconds % 86400 == 0;
    Statement s(prepared(days ? "SELECT ?2 + ((day * 86400 - ?2) / ?4) * ?4, status, SUM(n) "
                                "FROM attempt_days WHERE account = ?1 AND day >= ?2 / 86400 "
                                "AND day < ?3 / 86400 GROUP BY 1, 2"
                              : "SELECT ?2 + ((hour * 3600 - ?2) / ?4) * ?4, status, SUM(n) "
                                "FROM attempt_hours WHERE account = ?1 AND hour >= ?2 / 3600 "
                                "AND hour < ?3 / 3600 GROUP BY 1, 2"),
                {account, from, to, bucketSeconds});
    if (!s.ok())
        return failure(u"cannot count the attempts"_s);
    QList<AttemptCount> out;
    while (s.step())
        out.append({s.integer(0), s.text(1), s.integer(2)});
    return out;
}

qint64 Index::count(const QString &table)
{
    if (table != u"messages"_s && table != u"attempts"_s && table != u"refusals"_s)
        return -1;
    Statement s(m_db, (u"SELECT COUNT(*) FROM "_s + table).toUtf8().constData());
    return s.step() ? s.integer(0) : -1;
}

namespace {
// The days (UTC) the index holds messages of, newest first, for the indexes that lead with the
// day (see the schema): `accepted / 86400 IN days` seeks each day's part of the index once
// (two seeks of messages_accepted find the first and last; a day without mail costs a seek).
const QString DaysCte =
    u"WITH RECURSIVE days(d) AS (SELECT (SELECT MAX(accepted) FROM messages) / 86400 UNION ALL "
    u"SELECT d - 1 FROM days WHERE d > (SELECT MIN(accepted) FROM messages) / 86400) "_s;
} // namespace

Result<api::TraceResult> Index::trace(const api::TraceRequest &r,
                                      const std::optional<QStringList> &accounts)
{
    QStringList where;
    QVariantList values;
    // By recipient, the messages are walked newest first from the recipient's rows in
    // message_recipients (the time accepted is there) and the walk stops at the limit; whether
    // a condition reads the message (the count needs no message otherwise).
    const bool byRecipient = !r.recipient.isEmpty();
    bool onMessages = false;
    // Whether a condition reads an index that leads with the day (see DaysCte).
    bool byDay = false;
    const auto add = [&](const QString &condition, const QVariant &value) {
        values.append(value);
        where.append(QString(condition).replace(u"?"_s, u"?%1"_s.arg(values.size())));
        onMessages = onMessages || condition.startsWith(u"m."_s);
        byDay = byDay || condition.contains(u"IN days"_s);
    };
    const QString accepted = byRecipient ? u"r.accepted"_s : u"m.accepted"_s;
    if (byRecipient)
        add(u"r.accepted / 86400 IN days AND r.recipient = ?"_s, r.recipient);
    if (!r.sender.isEmpty())
        add(u"m.accepted / 86400 IN days AND m.sender = ? COLLATE NOCASE"_s, r.sender);
    if (!r.account.isEmpty())
        add(u"m.accepted / 86400 IN days AND m.account = ? COLLATE NOCASE"_s, r.account);
    if (!r.queueId.isEmpty())
        add(u"m.accepted / 86400 IN days AND m.queue_id = ?"_s, r.queueId);
    if (!r.messageId.isEmpty())
        add(u"m.accepted / 86400 IN days AND m.message_id = ? COLLATE NOCASE"_s, r.messageId);
    if (!r.clientIp.isEmpty())
        add(u"m.client_ip = ?"_s, r.clientIp);
    if (r.from.isValid())
        add(accepted + u" >= ?"_s, r.from.toSecsSinceEpoch());
    if (r.to.isValid())
        add(accepted + u" <= ?"_s, r.to.toSecsSinceEpoch());
    if (!r.status.isEmpty())
        add(u"m.id IN (SELECT a.message FROM attempts a WHERE a.status = ? AND a.id = "
            u"(SELECT MAX(b.id) FROM attempts b WHERE b.message = a.message AND "
            u"b.recipient = a.recipient))"_s,
            r.status);
    if (accounts) {
        QStringList marks;
        for (const QString &a : *accounts) {
            values.append(a);
            marks.append(u"?%1"_s.arg(values.size()));
        }
        where.append(marks.isEmpty() ? u"0"_s
                                     : u"m.accepted / 86400 IN days AND m.account COLLATE NOCASE "
                                       u"IN (%1)"_s.arg(marks.join(u',')));
        onMessages = true;
        byDay = byDay || !marks.isEmpty();
    }
    const QString filter = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);
    const QString with = byDay ? DaysCte : QString();
    // One row per message and recipient, as `recipient = ? COLLATE NOCASE` matches: the
    // recipient's rows are its messages. CROSS JOIN: the recipient's rows first.
    const QString messages =
        byRecipient ? u" FROM message_recipients r CROSS JOIN messages m ON m.id = r.message"_s
                    : u" FROM messages m"_s;

    api::TraceResult result;
    {
        Statement count(m_db,
                        (with + u"SELECT COUNT(*)"_s +
                         (byRecipient && !onMessages ? u" FROM message_recipients r"_s : messages) +
                         filter)
                            .toUtf8()
                            .constData(),
                        values);
        if (!count.step())
            return failure(u"cannot count the messages"_s);
        result.matched = count.integer(0);
    }
    QVariantList paged = values;
    paged << r.limit << r.offset;
    Statement s(
        m_db,
        (with +
         u"SELECT m.id, m.queue_id, m.message_id, m.client_ip, m.client_host, m.account, "
         u"m.sender, m.size, m.accepted, m.removed"_s +
         messages + filter +
         // The day first: the order of the time accepted, the day's index read in its order.
         (byRecipient ? u" ORDER BY r.accepted / 86400 DESC, r.accepted DESC, r.message DESC"_s
          : byDay     ? u" ORDER BY m.accepted / 86400 DESC, m.accepted DESC, m.id DESC"_s
                      : u" ORDER BY m.accepted DESC, m.id DESC"_s) +
         u" LIMIT ?%1 OFFSET ?%2"_s.arg(values.size() + 1).arg(values.size() + 2))
            .toUtf8()
            .constData(),
        paged);
    if (!s.ok())
        return failure(u"cannot read the messages"_s);
    QList<qint64> ids;
    while (s.step()) {
        api::TraceMessage m;
        ids.append(s.integer(0));
        m.queueId = s.text(1);
        m.messageId = s.text(2);
        m.clientIp = s.text(3);
        m.clientHost = s.text(4);
        m.account = s.text(5);
        m.sender = s.text(6);
        m.size = s.isNull(7) ? -1 : s.integer(7);
        m.accepted = utc(s.integer(8));
        if (!s.isNull(9))
            m.removed = utc(s.integer(9));
        result.messages.append(m);
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        Statement a(prepared("SELECT recipient, time, relay, delay, dsn, status, reply, transport "
                             "FROM attempts WHERE message = ?1 ORDER BY id"),
                    {ids[i]});
        QHash<QString, qsizetype> at;
        auto &recipients = result.messages[i].recipients;
        while (a.step()) {
            const QString address = a.text(0);
            if (!at.contains(address)) {
                at.insert(address, recipients.size());
                recipients.append({address, {}, {}});
            }
            api::TraceRecipient &rcpt = recipients[at.value(address)];
            rcpt.attempts.append({utc(a.integer(1)), a.text(2), a.text(4), a.text(5), a.text(6),
                                  a.text(7), a.real(3)});
            rcpt.status = a.text(5);
        }
    }
    return result;
}

} // namespace staffetta::events

namespace staffetta::events {
QString databasePath(const Config &config)
{
    return config.eventsDatabase.isEmpty() ? config.stateDir + u"/events.sqlite"_s
                                           : config.eventsDatabase;
}
} // namespace staffetta::events
