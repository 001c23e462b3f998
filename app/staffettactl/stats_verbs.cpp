#include "api/requests.h"
#include "api/stats.h"
#include "api/verbs.h"
#include "events/index.h"
#include "policy/store.h"
#include "policy_verbs.h"
#include "stats/stats_store.h"

#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <map>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

// The policy live at each day's end: the newest revision made live by then, else (no revision
// that old) the live file. Keyed by the day's start.
Result<std::map<qint64, policy::Policy>> policiesByDay(const Context &ctx,
                                                       const QList<qint64> &days)
{
    // Only read: nothing here records a revision, so the store's Recorder is never called.
    const policy::PolicyStore store(
        ctx.config.policyFile, ctx.config.stateDir,
        [](const policy::RevisionInfo &) { return Result<Done>(Done{}); });
    QFile file(ctx.config.policyFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Unavailable,
                     u"cannot read the policy %1: %2"_s.arg(file.fileName(), file.errorString()));
    auto live = policy::Policy::fromJson(file.readAll());
    if (!live)
        return live.error();
    auto history = store.history(); // newest first
    if (!history)
        return history.error();
    std::map<int, policy::Policy> revisions;
    std::map<qint64, policy::Policy> out;
    for (qint64 day : days) {
        const QDateTime end = QDateTime::fromSecsSinceEpoch(day + 86400, Qt::UTC);
        const policy::RevisionInfo *found = nullptr;
        for (const auto &info : history.value()) {
            if (!info.pending && info.time < end) {
                found = &info;
                break;
            }
        }
        if (!found) {
            out.emplace(day, live.value());
            continue;
        }
        if (!revisions.count(found->number)) {
            auto p = store.revision(found->number);
            if (!p)
                return p.error();
            revisions.emplace(found->number, p.value());
        }
        out.emplace(day, revisions.at(found->number));
    }
    return out;
}

// An account the caller cannot see is left out of the answer, as trace leaves out its mail.
Result<QJsonObject> stats(const Context &ctx, const api::StatsRequest &request)
{
    const QString eventsPath = events::databasePath(ctx.config);
    if (!QFileInfo::exists(eventsPath))
        return Error(
            ErrorCode::Unavailable,
            u"there is no event index at %1: is staffetta-events running?"_s.arg(eventsPath),
            {{u"path"_s, eventsPath}});
    auto index = events::Index::open(eventsPath);
    if (!index)
        return index.error();
    auto counters = stats::StatsStore::open(statePath(ctx, u"state.sqlite"_s));
    if (!counters)
        return counters.error();
    api::StatsResult result;
    result.bucket = request.bucket;
    result.starts = request.starts();
    const qint64 len = request.bucketSeconds();
    const qint64 from = result.starts.first(), to = result.starts.last() + len;
    QList<qint64> days;
    for (qint64 day = from - from % 86400; day < to; day += 86400)
        days.append(day);
    auto policies = policiesByDay(ctx, days);
    if (!policies)
        return policies.error();
    // By hand: `staffettactl stats bob carol` (the words name the accounts).
    QStringList accounts = request.accounts.isEmpty() ? ctx.words : request.accounts;
    if (accounts.size() > api::StatsRequest::MaxAccounts)
        return api::badField(u"accounts"_s,
                             u"more than %1 accounts"_s.arg(api::StatsRequest::MaxAccounts));
    if (accounts.isEmpty()) {
        for (const auto &a : std::prev(policies.value().end())->second.accounts)
            accounts.append(a.login);
    }
    for (const QString &login : accounts) {
        if (!ctx.access.seesAccount(login))
            continue;
        api::AccountStats a{login, {}, {}};
        for (const QString &name : api::statsSeriesNames())
            a.series.insert(name, QList<qint64>(result.starts.size(), 0));
        for (const auto &c : counters.value()->hours(login.toLower(), from / 3600, to / 3600 - 1)) {
            auto it = a.series.find(c.metric);
            if (it != a.series.end())
                (*it)[(c.hour * 3600 - from) / len] += c.count;
        }
        // Totals: the window counted as one bucket, summed by SQLite from the account's rows
        // of attempt_days (a 90-day total read every row of the window into a bucket of its
        // own here, ten times the rows at 90 days of history as at 9); what totalled() sums
        // is the same.
        const qint64 counted = request.totals ? to - from : len;
        auto attempts = index.value()->attemptCounts(login, from, to, counted);
        if (!attempts)
            return attempts.error();
        for (const auto &c : attempts.value()) {
            // An expired message went back to its sender: a bounce too.
            const QString name = c.status == u"sent"_s       ? u"delivered"_s
                                 : c.status == u"deferred"_s ? u"deferred"_s
                                                             : u"bounced"_s;
            a.series[name][(c.bucket - from) / counted] += c.count;
        }
        for (qint64 start : result.starts) {
            const policy::Policy &p = policies.value().at(start - start % 86400);
            a.quota.append(p.dailyQuota(p.account(login)));
        }
        result.accounts.append(a);
    }
    return request.totals ? result.totalled().toJson() : result.toJson();
}

QString statsText(const QJsonObject &o)
{
    auto parsed = api::StatsResult::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    const auto &r = parsed.value();
    const QStringList names = api::statsSeriesNames();
    QString text;
    QTextStream s(&text);
    for (const api::AccountStats &a : r.accounts) {
        s << a.account << '\n';
        for (qsizetype i = 0; i < r.starts.size(); ++i) {
            QStringList parts;
            for (const QString &name : names) {
                if (qint64 n = a.series.value(name).value(i))
                    parts.append(u"%1 %2"_s.arg(name).arg(n));
            }
            if (parts.isEmpty())
                continue;
            s << "  "
              << QDateTime::fromSecsSinceEpoch(r.starts[i], Qt::UTC)
                     .toString(r.bucket == u"hour"_s ? u"yyyy-MM-dd HH:00"_s : u"yyyy-MM-dd"_s)
              << "  quota " << a.quota.value(i) << "  " << parts.join(u", "_s) << '\n';
        }
    }
    return text;
}

} // namespace

QList<Verb> statsVerbs()
{
    return {verb<api::StatsRequest>(api::verbs::Stats, u"[ACCOUNT...]"_s, Permission::ReadQueue,
                                    stats, statsText)};
}

} // namespace staffetta::ctl
