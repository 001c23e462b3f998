#pragma once

#include "api/alerts.h"
#include "common/result.h"
#include "policy/policy.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

struct sqlite3;

namespace staffetta::alerts {

// The alerts, a table in the event index's database (its own connection): the rules of the
// policy's `alerts` section evaluated on the index's messages, attempts and refusals. An
// alert is raised once per account and rule per UTC day, which the table itself enforces
// (unique account, rule, day), so a restart never raises one twice.
class AlertStore
{
public:
    static constexpr qint64 BaselineDays = 14;
    static constexpr int MaxSamples = 10;

    ~AlertStore();
    AlertStore(const AlertStore &) = delete;
    AlertStore &operator=(const AlertStore &) = delete;
    static Result<std::unique_ptr<AlertStore>> open(const QString &eventsDatabase);

    // Every enabled rule for every account with mail or refusals in the last 24 hours, at
    // `now`: the alerts raised now (not the ones already raised today).
    //   quota_reached: the daily quota refused the account's mail today (UTC);
    //   hourly_rate: messages accepted in the last hour > max(min_count, factor × baseline),
    //     the baseline being the account's messages per hour in the 14 days before that hour;
    //   bounce_rate: of its last `last` deliveries (sent, bounced, expired; never fewer) of
    //     the last 14 days (so the work per minute stays bounded),
    //     more than `percent` % bounced or expired;
    //   unauthorized_sender: refusals of a sender it may not use in the last hour > per_hour;
    //   client_ips: distinct client addresses of its accepted mail in the last hour > per_hour.
    Result<QList<api::Alert>> evaluate(const policy::Policy &policy, const QDateTime &now);

    // Records an alert that is not limited to one per account and rule per day: its caller
    // decides when it is new (reputation_listed: a listing the last answered check did not
    // have). Its row's day is negative and its own, so the daily rule never folds it.
    Result<api::Alert> record(api::Alert alert);

    // Alerts whose e-mail was not tried yet (a crash between raising and mailing).
    Result<QList<api::Alert>> unnotified();
    // Records the try: where it went, or why it could not go (error).
    Result<Done> markNotified(qint64 id, const QStringList &to, const QString &error,
                              const QDateTime &now);

    // Newest first. `accounts` (when set) limits them to these accounts (a partner's).
    Result<api::AlertsListResult> list(const api::AlertsListRequest &request,
                                       const std::optional<QStringList> &accounts);
    // Every account that has alerts (a partner's scope is matched against these).
    Result<QStringList> accounts();
    Result<api::Alert> get(qint64 id);
    // NotFound when there is no such alert; Conflict when it was acknowledged before.
    Result<api::Alert> acknowledge(qint64 id, const QString &by, const QString &comment,
                                   const QDateTime &now);
    Result<qint64> prune(qint64 before);

private:
    AlertStore() = default;
    Error failure(const QString &what) const;
    // Inserts unless the account already has this rule's alert today; true when inserted.
    Result<bool> raise(api::Alert &alert);
    QList<api::Alert> read(const char *sql, const QVariantList &values, bool *ok);

    QString m_path;
    sqlite3 *m_db = nullptr;
};

} // namespace staffetta::alerts
