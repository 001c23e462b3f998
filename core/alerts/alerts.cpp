#include "alerts.h"

#include "events/statement.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>

namespace staffetta::alerts {

using namespace Qt::Literals::StringLiterals;
using events::detail::Statement;
using policy::AlertRule;

namespace {

const char *const Schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA busy_timeout=5000;"
    "CREATE TABLE IF NOT EXISTS alerts("
    " id INTEGER PRIMARY KEY, rule TEXT NOT NULL, account TEXT NOT NULL, day INTEGER NOT NULL,"
    " raised INTEGER NOT NULL, window_from INTEGER NOT NULL, window_to INTEGER NOT NULL,"
    " observed REAL NOT NULL, threshold REAL NOT NULL, baseline REAL NOT NULL,"
    " queue_ids TEXT NOT NULL, samples TEXT NOT NULL, notified_at INTEGER, notified TEXT,"
    " notify_error TEXT, acked_at INTEGER, acked_by TEXT, comment TEXT,"
    " UNIQUE(account COLLATE NOCASE, rule, day));"
    "CREATE INDEX IF NOT EXISTS alerts_raised ON alerts(raised);";

const char *const Columns =
    "SELECT id, rule, account, raised, window_from, window_to, observed, threshold, baseline,"
    " queue_ids, samples, notified, notify_error, acked_at, acked_by, comment FROM alerts ";

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 86400;

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

QString jsonList(const QStringList &l)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact));
}

QStringList listJson(const QString &s)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(s.toUtf8()).array())
        out.append(v.toString());
    return out;
}

QStringList texts(Statement &s)
{
    QStringList out;
    while (s.step())
        out.append(s.text(0));
    return out;
}

} // namespace

AlertStore::~AlertStore()
{
    sqlite3_close(m_db);
}

Error AlertStore::failure(const QString &what) const
{
    return Error(ErrorCode::Unavailable,
                 u"alerts %1: %2: %3"_s.arg(
                     m_path, what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString()),
                 {{u"path"_s, m_path}});
}

Result<std::unique_ptr<AlertStore>> AlertStore::open(const QString &eventsDatabase)
{
    std::unique_ptr<AlertStore> store(new AlertStore);
    store->m_path = eventsDatabase;
    if (sqlite3_open(eventsDatabase.toUtf8().constData(), &store->m_db) != SQLITE_OK)
        return store->failure(u"cannot open"_s);
    // Before the schema: switching to WAL takes a lock a reader (staffettactl trace) may
    // hold for a moment; without a busy timeout first, that is "database is locked" at once.
    sqlite3_busy_timeout(store->m_db, 5000);
    if (sqlite3_exec(store->m_db, Schema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return store->failure(u"cannot create the schema"_s);
    return store;
}

QList<api::Alert> AlertStore::read(const char *where, const QVariantList &values, bool *ok)
{
    Statement s(m_db, (QByteArray(Columns) + where).constData(), values);
    *ok = s.ok();
    QList<api::Alert> out;
    while (s.step()) {
        api::Alert a;
        a.id = s.integer(0);
        a.rule = s.text(1);
        a.account = s.text(2);
        a.raised = utc(s.integer(3));
        a.windowFrom = utc(s.integer(4));
        a.windowTo = utc(s.integer(5));
        a.observed = s.real(6);
        a.threshold = s.real(7);
        a.baseline = s.real(8);
        a.queueIds = listJson(s.text(9));
        a.samples = listJson(s.text(10));
        a.notified = listJson(s.text(11));
        a.notifyError = s.text(12);
        a.acknowledged = !s.isNull(13);
        if (a.acknowledged)
            a.acknowledgedAt = utc(s.integer(13));
        a.acknowledgedBy = s.text(14);
        a.comment = s.text(15);
        out.append(a);
    }
    return out;
}

Result<bool> AlertStore::raise(api::Alert &a)
{
    Statement s(m_db,
                "INSERT OR IGNORE INTO alerts(rule, account, day, raised, window_from, window_to,"
                " observed, threshold, baseline, queue_ids, samples)"
                " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
                {a.rule, a.account, a.raised.toSecsSinceEpoch() / Day, a.raised.toSecsSinceEpoch(),
                 a.windowFrom.toSecsSinceEpoch(), a.windowTo.toSecsSinceEpoch(), a.observed,
                 a.threshold, a.baseline, jsonList(a.queueIds), jsonList(a.samples)});
    if (!s.run())
        return failure(u"cannot record an alert"_s);
    if (sqlite3_changes(m_db) == 0)
        return false;
    a.id = sqlite3_last_insert_rowid(m_db);
    return true;
}

Result<QList<api::Alert>> AlertStore::evaluate(const policy::Policy &policy, const QDateTime &now)
{
    const qint64 t = now.toSecsSinceEpoch();
    const qint64 hourAgo = t - Hour;
    const qint64 dayStart = t - t % Day; // UTC
    Statement active(m_db,
                     "SELECT account FROM messages WHERE accepted > ?1 AND account IS NOT NULL"
                     " AND account != '' UNION SELECT account FROM refusals WHERE time > ?1"
                     " AND account IS NOT NULL AND account != ''",
                     {t - Day});
    if (!active.ok())
        return failure(u"cannot read the accounts"_s);
    const QStringList accounts = texts(active);

    // Which rules already fired today, so their numbers are not computed again.
    Statement fired(m_db, "SELECT account, rule FROM alerts WHERE day = ?1", {t / Day});
    QSet<QString> done;
    while (fired.step())
        done.insert(fired.text(0).toLower() + u'\x1f' + fired.text(1));

    QList<api::Alert> raised;
    for (const QString &login : accounts) {
        const policy::Account *account = policy.account(login);
        for (AlertRule rule : policy::AllAlertRules) {
            const policy::AlertThresholds &th = policy.alertRule(account, rule);
            if (!th.enabled || done.contains(login.toLower() + u'\x1f' + policy::toName(rule)))
                continue;
            api::Alert a;
            a.rule = policy::toName(rule);
            a.account = login;
            a.raised = now.toUTC();
            a.windowFrom = utc(hourAgo);
            a.windowTo = now.toUTC();
            bool trips = false;
            switch (rule) {
            case AlertRule::QuotaReached: {
                Statement s(m_db,
                            "SELECT COUNT(*), MIN(time) FROM refusals WHERE account = ?1"
                            " COLLATE NOCASE AND time >= ?2 AND time <= ?3"
                            " AND reason IN ('rejected_quota', 'quota')",
                            {login, dayStart, t});
                if (!s.step())
                    return failure(u"cannot count refusals"_s);
                a.observed = double(s.integer(0));
                a.threshold = policy.dailyQuota(account);
                a.windowFrom = utc(dayStart);
                trips = s.integer(0) > 0;
                if (trips) {
                    Statement q(m_db,
                                "SELECT queue_id FROM messages WHERE account = ?1 COLLATE NOCASE"
                                " AND accepted >= ?2 AND accepted <= ?3 ORDER BY accepted DESC"
                                " LIMIT ?4",
                                {login, dayStart, t, MaxSamples});
                    a.queueIds = texts(q);
                }
                break;
            }
            case AlertRule::HourlyRate: {
                Statement s(m_db,
                            "SELECT COUNT(*) FROM messages WHERE account = ?1 COLLATE NOCASE"
                            " AND accepted > ?2 AND accepted <= ?3",
                            {login, hourAgo, t});
                Statement b(m_db,
                            "SELECT COUNT(*) FROM messages WHERE account = ?1 COLLATE NOCASE"
                            " AND accepted > ?2 AND accepted <= ?3",
                            {login, hourAgo - BaselineDays * Day, hourAgo});
                if (!s.step() || !b.step())
                    return failure(u"cannot count messages"_s);
                a.observed = double(s.integer(0));
                a.baseline = double(b.integer(0)) / double(BaselineDays * 24);
                a.threshold = std::max(double(th.minCount), th.factor * a.baseline);
                trips = a.observed > a.threshold;
                if (trips) {
                    Statement q(m_db,
                                "SELECT queue_id FROM messages WHERE account = ?1 COLLATE NOCASE"
                                " AND accepted > ?2 AND accepted <= ?3 ORDER BY accepted DESC"
                                " LIMIT ?4",
                                {login, hourAgo, t, MaxSamples});
                    a.queueIds = texts(q);
                }
                break;
            }
            case AlertRule::BounceRate: {
                Statement s(m_db,
                            "SELECT a.status, a.time, m.queue_id FROM attempts a"
                            " JOIN messages m ON m.id = a.message WHERE m.account = ?1"
                            " COLLATE NOCASE AND a.time <= ?2 AND a.time > ?4"
                            " AND m.accepted > ?4 AND a.status IN ('sent', 'bounced', 'expired')"
                            " ORDER BY a.time DESC, a.id DESC LIMIT ?3",
                            {login, t, th.last, t - BaselineDays * Day});
                qint64 n = 0, bounced = 0, oldest = t;
                QStringList ids;
                while (s.step()) {
                    ++n;
                    oldest = s.integer(1);
                    if (s.text(0) != u"sent"_s) {
                        ++bounced;
                        if (ids.size() < MaxSamples && !ids.contains(s.text(2)))
                            ids.append(s.text(2));
                    }
                }
                if (!s.ok())
                    return failure(u"cannot read deliveries"_s);
                a.observed = n ? 100.0 * double(bounced) / double(n) : 0;
                a.threshold = th.percent;
                a.baseline = double(th.last);
                a.windowFrom = utc(oldest);
                trips = n >= th.last && a.observed > a.threshold;
                a.queueIds = ids;
                break;
            }
            case AlertRule::UnauthorizedSender: {
                Statement s(m_db,
                            "SELECT COUNT(*) FROM refusals WHERE account = ?1 COLLATE NOCASE"
                            " AND time > ?2 AND time <= ?3 AND reason = 'unauthorized_sender'",
                            {login, hourAgo, t});
                if (!s.step())
                    return failure(u"cannot count refusals"_s);
                a.observed = double(s.integer(0));
                a.threshold = th.perHour;
                trips = a.observed > a.threshold;
                if (trips) {
                    Statement q(m_db,
                                "SELECT DISTINCT sender FROM refusals WHERE account = ?1"
                                " COLLATE NOCASE AND time > ?2 AND time <= ?3"
                                " AND reason = 'unauthorized_sender' LIMIT ?4",
                                {login, hourAgo, t, MaxSamples});
                    a.samples = texts(q);
                }
                break;
            }
            case AlertRule::ClientIps: {
                Statement s(m_db,
                            "SELECT client_ip, MAX(queue_id) FROM messages WHERE account = ?1"
                            " COLLATE NOCASE AND accepted > ?2 AND accepted <= ?3"
                            " AND client_ip IS NOT NULL GROUP BY client_ip",
                            {login, hourAgo, t});
                qint64 n = 0;
                while (s.step()) {
                    if (++n <= MaxSamples) {
                        a.samples.append(s.text(0));
                        a.queueIds.append(s.text(1));
                    }
                }
                if (!s.ok())
                    return failure(u"cannot count client addresses"_s);
                a.observed = double(n);
                a.threshold = th.perHour;
                trips = a.observed > a.threshold;
                break;
            }
            }
            if (!trips)
                continue;
            auto inserted = raise(a);
            if (!inserted)
                return inserted.error();
            if (inserted.value())
                raised.append(a);
        }
    }
    return raised;
}

Result<api::Alert> AlertStore::record(api::Alert a)
{
    Statement s(m_db,
                "INSERT INTO alerts(rule, account, day, raised, window_from, window_to,"
                " observed, threshold, baseline, queue_ids, samples)"
                " VALUES(?1,?2,(SELECT MIN(0, COALESCE(MIN(day), 0)) - 1 FROM alerts),?3,?4,?5,"
                "?6,?7,?8,?9,?10)",
                {a.rule, a.account, a.raised.toSecsSinceEpoch(), a.windowFrom.toSecsSinceEpoch(),
                 a.windowTo.toSecsSinceEpoch(), a.observed, a.threshold, a.baseline,
                 jsonList(a.queueIds), jsonList(a.samples)});
    if (!s.run())
        return failure(u"cannot record an alert"_s);
    a.id = sqlite3_last_insert_rowid(m_db);
    return a;
}

Result<QList<api::Alert>> AlertStore::unnotified()
{
    bool ok = false;
    auto out = read("WHERE notified_at IS NULL ORDER BY id", {}, &ok);
    if (!ok)
        return failure(u"cannot read the alerts"_s);
    return out;
}

Result<Done> AlertStore::markNotified(qint64 id, const QStringList &to, const QString &error,
                                      const QDateTime &now)
{
    Statement s(
        m_db,
        "UPDATE alerts SET notified_at = ?2, notified = ?3, notify_error = ?4"
        " WHERE id = ?1",
        {id, now.toSecsSinceEpoch(), jsonList(to), error.isEmpty() ? QVariant() : QVariant(error)});
    if (!s.run())
        return failure(u"cannot record the notification"_s);
    return Done{};
}

Result<QStringList> AlertStore::accounts()
{
    Statement s(m_db, "SELECT DISTINCT account FROM alerts");
    if (!s.ok())
        return failure(u"cannot read the accounts"_s);
    return texts(s);
}

Result<api::AlertsListResult> AlertStore::list(const api::AlertsListRequest &r,
                                               const std::optional<QStringList> &accounts)
{
    QString where = u"WHERE 1"_s;
    QVariantList values;
    auto bind = [&](const QString &clause, const QVariant &v) {
        values.append(v);
        where += u" AND "_s + QString(clause).replace(u"?"_s, u"?%1"_s.arg(values.size()));
    };
    if (r.from.isValid())
        bind(u"raised >= ?"_s, r.from.toSecsSinceEpoch());
    if (r.to.isValid())
        bind(u"raised <= ?"_s, r.to.toSecsSinceEpoch());
    if (!r.account.isEmpty())
        bind(u"account = ? COLLATE NOCASE"_s, r.account);
    if (!r.rule.isEmpty())
        bind(u"rule = ?"_s, r.rule);
    if (r.acknowledged)
        where += *r.acknowledged ? u" AND acked_at IS NOT NULL"_s : u" AND acked_at IS NULL"_s;
    QString scope;
    if (accounts) {
        QStringList marks;
        for (const QString &a : *accounts) {
            values.append(a);
            marks.append(u"?%1"_s.arg(values.size()));
        }
        scope = u" AND account COLLATE NOCASE IN ("_s + marks.join(u","_s) + u')';
        if (marks.isEmpty())
            scope = u" AND 0"_s;
        where += scope;
    }
    api::AlertsListResult out;
    {
        Statement count(m_db, (u"SELECT COUNT(*) FROM alerts "_s + where).toUtf8().constData(),
                        values);
        if (!count.step())
            return failure(u"cannot count the alerts"_s);
        out.matched = count.integer(0);
    }
    {
        // Scope values come first in `values` only when no filter is set: rebind them.
        QVariantList scoped;
        QString unacked = u"SELECT COUNT(*) FROM alerts WHERE acked_at IS NULL"_s;
        if (accounts) {
            QStringList marks;
            for (const QString &a : *accounts) {
                scoped.append(a);
                marks.append(u"?%1"_s.arg(scoped.size()));
            }
            unacked += marks.isEmpty()
                           ? u" AND 0"_s
                           : u" AND account COLLATE NOCASE IN ("_s + marks.join(u","_s) + u')';
        }
        Statement count(m_db, unacked.toUtf8().constData(), scoped);
        if (!count.step())
            return failure(u"cannot count the alerts"_s);
        out.unacknowledged = count.integer(0);
    }
    values.append(r.limit);
    values.append(r.offset);
    const QString tail =
        u" ORDER BY raised DESC, id DESC LIMIT ?%1 OFFSET ?%2"_s.arg(values.size() - 1)
            .arg(values.size());
    bool ok = false;
    out.alerts = read((where + tail).toUtf8().constData(), values, &ok);
    if (!ok)
        return failure(u"cannot read the alerts"_s);
    return out;
}

Result<api::Alert> AlertStore::get(qint64 id)
{
    bool ok = false;
    const auto found = read("WHERE id = ?1", {id}, &ok);
    if (!ok)
        return failure(u"cannot read the alerts"_s);
    if (found.isEmpty())
        return Error(ErrorCode::NotFound, u"there is no alert %1"_s.arg(id), {{u"id"_s, id}});
    return found.first();
}

Result<api::Alert> AlertStore::acknowledge(qint64 id, const QString &by, const QString &comment,
                                           const QDateTime &now)
{
    auto alert = get(id);
    if (!alert)
        return alert.error();
    if (alert.value().acknowledged)
        return Error(
            ErrorCode::Conflict,
            u"alert %1 was acknowledged by %2 at %3"_s.arg(id).arg(
                alert.value().acknowledgedBy, alert.value().acknowledgedAt.toString(Qt::ISODate)),
            {{u"id"_s, id}});
    Statement s(m_db,
                "UPDATE alerts SET acked_at = ?2, acked_by = ?3, comment = ?4"
                " WHERE id = ?1 AND acked_at IS NULL",
                {id, now.toSecsSinceEpoch(), by, comment});
    if (!s.run())
        return failure(u"cannot acknowledge the alert"_s);
    if (sqlite3_changes(m_db) == 0) // a colleague was faster
        return acknowledge(id, by, comment, now);
    return get(id);
}

Result<qint64> AlertStore::prune(qint64 before)
{
    Statement s(m_db, "DELETE FROM alerts WHERE raised < ?1", {before});
    if (!s.run())
        return failure(u"cannot prune"_s);
    return qint64(sqlite3_changes(m_db));
}

} // namespace staffetta::alerts
