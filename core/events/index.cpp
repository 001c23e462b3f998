#include "index.h"

#include "common/relay_config.h"
#include "statement.h"

#include <QHash>
#include <QVariant>

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
    "CREATE TABLE IF NOT EXISTS messages("
    " id INTEGER PRIMARY KEY, queue_id TEXT NOT NULL, message_id TEXT, client_ip TEXT,"
    " client_host TEXT, account TEXT, sender TEXT, size INTEGER, nrcpt INTEGER,"
    " accepted INTEGER NOT NULL, removed INTEGER);"
    "CREATE INDEX IF NOT EXISTS messages_queue_id ON messages(queue_id);"
    "CREATE INDEX IF NOT EXISTS messages_message_id ON messages(message_id COLLATE NOCASE);"
    // A sender's messages newest first: the index walks them in trace's order (LIMIT 100 reads
    // 100 rows, not every message of a busy sender sorted).
    "DROP INDEX IF EXISTS messages_sender;"
    "CREATE INDEX IF NOT EXISTS messages_sender_accepted ON messages(sender COLLATE NOCASE, "
    "accepted);"
    "CREATE INDEX IF NOT EXISTS messages_account ON messages(account COLLATE NOCASE, accepted);"
    "CREATE INDEX IF NOT EXISTS messages_accepted ON messages(accepted);"
    "CREATE TABLE IF NOT EXISTS attempts("
    " id INTEGER PRIMARY KEY, message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    " time INTEGER NOT NULL, recipient TEXT NOT NULL, orig_recipient TEXT, transport TEXT,"
    " relay TEXT, delay REAL, dsn TEXT, status TEXT NOT NULL, reply TEXT);"
    "CREATE INDEX IF NOT EXISTS attempts_message ON attempts(message);"
    "CREATE INDEX IF NOT EXISTS attempts_recipient ON attempts(recipient COLLATE NOCASE);"
    "CREATE INDEX IF NOT EXISTS attempts_time ON attempts(time);"
    "CREATE TABLE IF NOT EXISTS refusals("
    " id INTEGER PRIMARY KEY, time INTEGER NOT NULL, source TEXT NOT NULL, reason TEXT,"
    " account TEXT, sender TEXT, recipient TEXT, client_ip TEXT, queue_id TEXT, dsn TEXT,"
    " reply TEXT);"
    "CREATE INDEX IF NOT EXISTS refusals_time ON refusals(time);"
    "CREATE INDEX IF NOT EXISTS refusals_account ON refusals(account COLLATE NOCASE, time);"
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
    return index;
}

std::optional<Position> Index::position(const QString &source)
{
    Statement s(m_db, "SELECT inode, offset, first_line FROM positions WHERE source = ?1",
                {source});
    if (!s.step())
        return std::nullopt;
    return Position{quint64(s.integer(0)), s.integer(1), s.text(2).toLatin1()};
}

// The message a queue id names now: the newest one not yet removed (Postfix reuses queue ids
// over time), created when its first line is not one the index saw (a restart of the index
// after retention, a message picked up locally).
qint64 Index::openMessage(const QString &queueId, qint64 time)
{
    {
        Statement s(prepared("SELECT id FROM messages WHERE queue_id = ?1 AND removed IS NULL "
                             "ORDER BY id DESC LIMIT 1"),
                    {queueId});
        if (s.step())
            return s.integer(0);
    }
    Statement insert(prepared("INSERT INTO messages(queue_id, accepted) VALUES(?1, ?2)"),
                     {queueId, time});
    return insert.run() ? sqlite3_last_insert_rowid(m_db) : 0;
}

bool Index::apply(const Event &e)
{
    using K = Event::Kind;
    switch (e.kind) {
    case K::None:
        return true;
    case K::Refusal: {
        Statement s(
            prepared("INSERT INTO refusals(time, source, reason, account, sender, recipient, "
                     "client_ip, queue_id, dsn, reply) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"),
            {e.time, e.source, textOrNull(e.reason), textOrNull(e.account), textOrNull(e.sender),
             textOrNull(e.recipient), textOrNull(e.clientIp), textOrNull(e.queueId),
             textOrNull(e.dsn), textOrNull(e.reply)});
        // A message the milter refused at its end is gone: Postfix never logs its removal.
        Statement gone(
            prepared("UPDATE messages SET removed = ?2 WHERE queue_id = ?1 AND removed IS NULL"),
            {e.queueId, e.time});
        return s.run() && (e.queueId.isEmpty() || gone.run());
    }
    case K::Client: {
        // A new message always starts here: a queue id still open is an old one never removed.
        Statement s(
            prepared("INSERT INTO messages(queue_id, client_ip, client_host, account, accepted) "
                     "VALUES(?1, ?2, ?3, ?4, ?5)"),
            {e.queueId, textOrNull(e.clientIp), textOrNull(e.clientHost), textOrNull(e.account),
             e.time});
        Statement close(
            prepared("UPDATE messages SET removed = ?2 WHERE queue_id = ?1 AND removed IS NULL"),
            {e.queueId, e.time});
        return close.run() && s.run();
    }
    default:
        break;
    }
    const qint64 id = openMessage(e.queueId, e.time);
    if (id <= 0)
        return false;
    switch (e.kind) {
    case K::MessageId:
        return Statement(prepared("UPDATE messages SET message_id = ?2 WHERE id = ?1"),
                         {id, e.messageId})
            .run();
    case K::From:
        return Statement(
                   prepared("UPDATE messages SET sender = ?2, size = ?3, nrcpt = ?4 WHERE id = ?1"),
                   {id, e.sender, e.size, e.nrcpt})
            .run();
    case K::Delivery:
        return Statement(
                   prepared(
                       "INSERT INTO attempts(message, time, recipient, orig_recipient, transport, "
                       "relay, delay, dsn, status, reply) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"),
                   {id, e.time, e.recipient, textOrNull(e.origRecipient), e.transport,
                    textOrNull(e.relay), e.delay, textOrNull(e.dsn), e.status, textOrNull(e.reply)})
            .run();
    case K::Expired:
        // Every recipient still deferred gives up: one attempt each, with Postfix's words.
        return Statement(
                   prepared(
                       "INSERT INTO attempts(message, time, recipient, transport, dsn, status, "
                       "reply) "
                       "SELECT ?1, ?2, a.recipient, 'qmgr', a.dsn, 'expired', ?3 FROM attempts a "
                       "WHERE a.message = ?1 AND a.id = (SELECT MAX(b.id) FROM attempts b "
                       "WHERE b.message = ?1 AND b.recipient = a.recipient) AND a.status = "
                       "'deferred'"),
                   {id, e.time, textOrNull(e.reply)})
            .run();
    case K::Removed:
        return Statement(prepared("UPDATE messages SET removed = ?2 WHERE id = ?1"), {id, e.time})
            .run();
    default:
        return true;
    }
}

Result<Done> Index::record(const QString &source, const QList<Event> &events, const Position &after)
{
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(u"cannot begin a transaction"_s);
    for (const Event &e : events) {
        if (!apply(e)) {
            const Error error = failure(u"cannot record an event"_s);
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            return error;
        }
    }
    Statement pos(
        m_db,
        "INSERT INTO positions(source, inode, offset, first_line) VALUES(?1,?2,?3,?4) "
        "ON CONFLICT(source) DO UPDATE SET inode = ?2, offset = ?3, first_line = ?4",
        {source, qint64(after.inode), after.offset, QString::fromLatin1(after.firstLine)});
    if (!pos.run() || sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        const Error e = failure(u"cannot record the events"_s);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    }
    return Done{};
}

Result<qint64> Index::prune(qint64 before)
{
    Statement messages(m_db, "DELETE FROM messages WHERE accepted < ?1", {before});
    if (!messages.run())
        return failure(u"cannot prune"_s);
    const qint64 removed = sqlite3_changes(m_db);
    Statement refusals(m_db, "DELETE FROM refusals WHERE time < ?1", {before});
    if (!refusals.run())
        return failure(u"cannot prune"_s);
    return removed + sqlite3_changes(m_db);
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

Result<QList<Index::AttemptCount>> Index::attemptCounts(const QString &account, qint64 from,
                                                        qint64 to, qint64 bucketSeconds)
{
    Statement s(m_db,
                "SELECT ?2 + ((a.time - ?2) / ?4) * ?4, a.status, COUNT(*) FROM attempts a "
                "JOIN messages m ON m.id = a.message WHERE m.account = ?1 COLLATE NOCASE "
                "AND a.time >= ?2 AND a.time < ?3 GROUP BY 1, 2",
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

Result<api::TraceResult> Index::trace(const api::TraceRequest &r,
                                      const std::optional<QStringList> &accounts)
{
    QStringList where;
    QVariantList values;
    const auto add = [&](const QString &condition, const QVariant &value) {
        values.append(value);
        where.append(QString(condition).replace(u"?"_s, u"?%1"_s.arg(values.size())));
    };
    if (!r.sender.isEmpty())
        add(u"m.sender = ? COLLATE NOCASE"_s, r.sender);
    if (!r.account.isEmpty())
        add(u"m.account = ? COLLATE NOCASE"_s, r.account);
    if (!r.queueId.isEmpty())
        add(u"m.queue_id = ?"_s, r.queueId);
    if (!r.messageId.isEmpty())
        add(u"m.message_id = ? COLLATE NOCASE"_s, r.messageId);
    if (!r.clientIp.isEmpty())
        add(u"m.client_ip = ?"_s, r.clientIp);
    if (r.from.isValid())
        add(u"m.accepted >= ?"_s, r.from.toSecsSinceEpoch());
    if (r.to.isValid())
        add(u"m.accepted <= ?"_s, r.to.toSecsSinceEpoch());
    if (!r.recipient.isEmpty())
        add(u"m.id IN (SELECT message FROM attempts WHERE recipient = ? COLLATE NOCASE)"_s,
            r.recipient);
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
                                     : u"m.account COLLATE NOCASE IN (%1)"_s.arg(marks.join(u',')));
    }
    const QString filter = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);

    api::TraceResult result;
    {
        Statement count(m_db, (u"SELECT COUNT(*) FROM messages m"_s + filter).toUtf8().constData(),
                        values);
        if (!count.step())
            return failure(u"cannot count the messages"_s);
        result.matched = count.integer(0);
    }
    QVariantList paged = values;
    paged << r.limit << r.offset;
    Statement s(
        m_db,
        (u"SELECT m.id, m.queue_id, m.message_id, m.client_ip, m.client_host, m.account, "
         u"m.sender, m.size, m.accepted, m.removed FROM messages m"_s +
         filter +
         u" ORDER BY m.accepted DESC, m.id DESC LIMIT ?%1 OFFSET ?%2"_s.arg(values.size() + 1)
             .arg(values.size() + 2))
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
