#pragma once

#include "api/trace.h"
#include "common/result.h"
#include "follower.h"
#include "parser.h"

#include <QHash>
#include <QList>
#include <QString>

#include <map>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace staffetta::events {

// The event index (SQLite, WAL): per message (queue id, message-id, client, SASL account,
// envelope sender, size, time accepted), per recipient and attempt (time, relay, delay, DSN,
// status, the remote reply), refusals (Postfix's and staffettad's: reason, account, sender,
// recipient, client), and each followed log's position, written in the same transaction as
// the events read before it.
class Index
{
public:
    static constexpr int DefaultRetentionDays = 90;

    ~Index();
    Index(const Index &) = delete;
    Index &operator=(const Index &) = delete;
    static Result<std::unique_ptr<Index>> open(const QString &path);

    // Where the follower of `source` ("mail", "staffettad") stopped; nullopt: never started.
    std::optional<Position> position(const QString &source);
    // The events of one batch of lines and the position after them, in one transaction.
    Result<Done> record(const QString &source, const QList<Event> &events, const Position &after);
    // Forgets messages accepted, and refusals made, before `before` (seconds since the epoch).
    Result<qint64> prune(qint64 before);

    // Messages newest first; `accounts` (when set) limits them to these accounts' mail.
    Result<api::TraceResult> trace(const api::TraceRequest &request,
                                   const std::optional<QStringList> &accounts);
    // Every account that has mail in the index (a partner's scope is matched against these).
    Result<QStringList> accounts();

    // Delivery attempts of `account`'s mail made in [from, to) (seconds since the epoch), per
    // bucket of `bucketSeconds` (from its start) and status (sent, deferred, bounced, expired).
    // `from`, `to` and `bucketSeconds` are whole hours (an error otherwise).
    struct AttemptCount
    {
        qint64 bucket = 0; // its start
        QString status;
        qint64 count = 0;
    };
    Result<QList<AttemptCount>> attemptCounts(const QString &account, qint64 from, qint64 to,
                                              qint64 bucketSeconds);

    qint64 count(const QString &table); // for tests: rows of messages/attempts/refusals

private:
    Index() = default;
    Error failure(const QString &what) const;
    // A message as one batch leaves it, written by flush(): a new one whole, one already in
    // the file (`stored`) with only what the batch changed (the unset fields are kept).
    struct Pending
    {
        bool stored = false;
        QString queueId, clientIp, clientHost, account;
        std::optional<QString> messageId, sender;
        std::optional<qint64> size, nrcpt, removed;
        qint64 accepted = 0;
    };
    Pending &openMessage(const QString &queueId, qint64 time);
    Pending &row(qint64 id);
    void closeMessage(const QString &queueId, qint64 time); // removed (or refused) at `time`
    bool loadOpenMessages();
    bool stage(const Event &e); // false: a statement failed (the batch is rolled back)
    bool flush();
    bool migrate();
    bool derive(qint64 afterAttempt);
    // `sql` (a string literal: its address is the key) prepared once for the index's life.
    sqlite3_stmt *prepared(const char *sql);

    QString m_path;
    sqlite3 *m_db = nullptr;
    QHash<const char *, sqlite3_stmt *> m_prepared;
    // The writer's (see record): queue id → its open message, the next message id, and what
    // the batch being recorded staged (its events outlive it: they are record's argument).
    QHash<QString, qint64> m_open;
    bool m_openLoaded = false;
    qint64 m_nextId = 1;
    std::map<qint64, Pending> m_pending; // by id: inserted in order
    QList<std::pair<qint64, const Event *>> m_attempts;
    QList<const Event *> m_refusals;
};

} // namespace staffetta::events

namespace staffetta {
struct Config;
namespace events {
// The index's file: [events] database, else STATE_DIR/events.sqlite.
QString databasePath(const Config &config);
} // namespace events
} // namespace staffetta
