#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

struct sqlite3;

namespace staffetta::stats {

// One write (or refused write) on the relay: who, when, from where, what.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime time;
    QString user;
    QString role;
    QString origin;
    QString verb;    // "policy apply", "policy rollback", ...
    QString outcome; // "done", "conflict", "permission_denied", "invalid_policy", ...
    int revision = 0;
    QString summary;    // one line for people
    QJsonArray changes; // the policy changes, when there are any

    QJsonObject toJson() const;
    static AuditEntry fromJson(const QJsonObject &o);
};

// The audit log, a table in the relay's state database (SQLite, WAL).
class AuditLog
{
public:
    ~AuditLog();
    static Result<std::unique_ptr<AuditLog>> open(const QString &path);

    Result<Done> record(AuditEntry entry);
    // Records `entry` unless the log already has one with its time, verb, outcome and
    // revision: a policy commit finished after a crash records its row again, and must not
    // appear twice (see policy::PolicyStore).
    Result<Done> recordOnce(AuditEntry entry);
    // Newest first.
    Result<QList<AuditEntry>> list(int limit) const;

private:
    AuditLog() = default;
    Result<Done> exec(const char *sql);
    sqlite3 *m_db = nullptr;
    QString m_path;
};

} // namespace staffetta::stats
