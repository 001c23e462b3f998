#include "audit_log.h"

#include <QJsonDocument>

#include <sqlite3.h>

namespace staffetta::stats {

using namespace Qt::Literals::StringLiterals;

namespace {
QString column(sqlite3_stmt *s, int i)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, i)),
                             sqlite3_column_bytes(s, i));
}
} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{{u"id"_s, id},           {u"time"_s, time.toUTC().toString(Qt::ISODate)},
                       {u"user"_s, user},       {u"role"_s, role},
                       {u"origin"_s, origin},   {u"verb"_s, verb},
                       {u"outcome"_s, outcome}, {u"revision"_s, revision},
                       {u"summary"_s, summary}, {u"changes"_s, changes}};
}

AuditEntry AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry e;
    e.id = o.value(u"id"_s).toInteger();
    e.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    e.user = o.value(u"user"_s).toString();
    e.role = o.value(u"role"_s).toString();
    e.origin = o.value(u"origin"_s).toString();
    e.verb = o.value(u"verb"_s).toString();
    e.outcome = o.value(u"outcome"_s).toString();
    e.revision = o.value(u"revision"_s).toInt();
    e.summary = o.value(u"summary"_s).toString();
    e.changes = o.value(u"changes"_s).toArray();
    return e;
}

AuditLog::~AuditLog()
{
    sqlite3_close(m_db);
}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const QString &path)
{
    std::unique_ptr<AuditLog> log(new AuditLog);
    log->m_path = path;
    const char *schema = "PRAGMA journal_mode=WAL;"
                         "PRAGMA busy_timeout=5000;"
                         "CREATE TABLE IF NOT EXISTS audit("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL,"
                         " user TEXT NOT NULL, role TEXT NOT NULL, origin TEXT NOT NULL,"
                         " verb TEXT NOT NULL, outcome TEXT NOT NULL, revision INTEGER NOT NULL,"
                         " summary TEXT NOT NULL, changes TEXT NOT NULL);";
    // The busy timeout before the schema: its WAL switch takes a lock another writer may hold.
    if (sqlite3_open(path.toUtf8().constData(), &log->m_db) != SQLITE_OK ||
        sqlite3_busy_timeout(log->m_db, 5000) != SQLITE_OK ||
        sqlite3_exec(log->m_db, schema, nullptr, nullptr, nullptr) != SQLITE_OK) {
        const QString why = log->m_db ? QString::fromUtf8(sqlite3_errmsg(log->m_db)) : QString();
        return Error(ErrorCode::Unavailable, u"audit log %1: %2"_s.arg(path, why),
                     {{u"path"_s, path}});
    }
    return log;
}

Result<Done> AuditLog::record(AuditEntry e)
{
    sqlite3_stmt *insert = nullptr;
    if (!e.time.isValid())
        e.time = QDateTime::currentDateTimeUtc();
    const QByteArray fields[] = {
        e.time.toUTC().toString(Qt::ISODate).toUtf8(),
        e.user.toUtf8(),
        e.role.toUtf8(),
        e.origin.toUtf8(),
        e.verb.toUtf8(),
        e.outcome.toUtf8(),
        e.summary.toUtf8(),
        QJsonDocument(e.changes).toJson(QJsonDocument::Compact),
    };
    int rc =
        sqlite3_prepare_v2(m_db,
                           "INSERT INTO audit(time, user, role, origin, verb, outcome, summary,"
                           " changes, revision) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                           -1, &insert, nullptr);
    for (int i = 0; rc == SQLITE_OK && i < 8; ++i)
        rc = sqlite3_bind_text(insert, i + 1, fields[i].constData(), int(fields[i].size()),
                               SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(insert, 9, e.revision);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(insert) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    const QString why = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(insert);
    if (rc != SQLITE_OK)
        return Error(ErrorCode::Unavailable,
                     u"cannot write the audit log %1: %2"_s.arg(m_path, why));
    return Done{};
}

Result<Done> AuditLog::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return Done{};
    return Error(ErrorCode::Unavailable, u"cannot write the audit log %1: %2"_s.arg(
                                             m_path, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<Done> AuditLog::recordOnce(AuditEntry e)
{
    if (!e.time.isValid())
        e.time = QDateTime::currentDateTimeUtc();
    // IMMEDIATE: the check and the insert are one write transaction, so two processes
    // finishing the same commit cannot both insert.
    if (auto begun = exec("BEGIN IMMEDIATE"); !begun)
        return begun;
    sqlite3_stmt *select = nullptr;
    const QByteArray time = e.time.toUTC().toString(Qt::ISODate).toUtf8();
    const QByteArray verb = e.verb.toUtf8();
    const QByteArray outcome = e.outcome.toUtf8();
    int rc = sqlite3_prepare_v2(m_db,
                                "SELECT count(*) FROM audit WHERE time = ?1 AND verb = ?2 AND"
                                " outcome = ?3 AND revision = ?4",
                                -1, &select, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(select, 1, time.constData(), int(time.size()), SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(select, 2, verb.constData(), int(verb.size()), SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(select, 3, outcome.constData(), int(outcome.size()),
                               SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(select, 4, e.revision);
    const bool found =
        rc == SQLITE_OK && sqlite3_step(select) == SQLITE_ROW && sqlite3_column_int(select, 0) > 0;
    sqlite3_finalize(select);
    Result<Done> done = Done{};
    if (rc != SQLITE_OK)
        done = Error(ErrorCode::Unavailable, u"cannot read the audit log %1: %2"_s.arg(
                                                 m_path, QString::fromUtf8(sqlite3_errmsg(m_db))));
    else if (!found)
        done = record(std::move(e));
    if (!done) {
        (void)exec("ROLLBACK");
        return done;
    }
    return exec("COMMIT");
}

Result<QList<AuditEntry>> AuditLog::list(int limit) const
{
    sqlite3_stmt *select = nullptr;
    if (sqlite3_prepare_v2(m_db,
                           "SELECT id, time, user, role, origin, verb, outcome, revision, summary,"
                           " changes FROM audit ORDER BY id DESC LIMIT ?1",
                           -1, &select, nullptr) != SQLITE_OK)
        return Error(ErrorCode::Unavailable, u"cannot read the audit log %1: %2"_s.arg(
                                                 m_path, QString::fromUtf8(sqlite3_errmsg(m_db))));
    sqlite3_bind_int(select, 1, limit > 0 ? limit : -1);
    QList<AuditEntry> out;
    while (sqlite3_step(select) == SQLITE_ROW) {
        AuditEntry e;
        e.id = sqlite3_column_int64(select, 0);
        e.time = QDateTime::fromString(column(select, 1), Qt::ISODate);
        e.user = column(select, 2);
        e.role = column(select, 3);
        e.origin = column(select, 4);
        e.verb = column(select, 5);
        e.outcome = column(select, 6);
        e.revision = sqlite3_column_int(select, 7);
        e.summary = column(select, 8);
        e.changes = QJsonDocument::fromJson(column(select, 9).toUtf8()).array();
        out.append(e);
    }
    sqlite3_finalize(select);
    return out;
}

} // namespace staffetta::stats
