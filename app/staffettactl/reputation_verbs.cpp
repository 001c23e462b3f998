#include "alerts/alerts.h"
#include "api/reputation.h"
#include "api/requests.h"
#include "api/verbs.h"
#include "common/limits.h"
#include "events/index.h"
#include "policy_verbs.h"
#include "reputation/reputation.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

// The live policy, read without the store's lock (the check never waits for an editor).
Result<policy::Policy> livePolicy(const Config &config)
{
    QFile file(config.policyFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Unavailable,
                     u"cannot read the policy %1: %2"_s.arg(config.policyFile, file.errorString()),
                     {{u"path"_s, config.policyFile}});
    return policy::Policy::fromJson(file.read(16 * limits::MiB));
}

// What the caller may see of a report: every target with ReadAllAccounts; a partner only the
// sender domains of its accounts (with only its accounts named), never the relay's IPs.
void scope(const Context &ctx, api::ReputationReport &report)
{
    if (ctx.access.can(Permission::ReadAllAccounts))
        return;
    QList<api::ReputationTarget> visible;
    for (api::ReputationTarget t : report.targets) {
        if (t.kind != u"domain"_s)
            continue;
        QStringList mine;
        for (const QString &a : t.accounts) {
            if (ctx.access.seesAccount(a))
                mine.append(a);
        }
        if (mine.isEmpty())
            continue;
        t.accounts = mine;
        visible.append(t);
    }
    report.targets = visible;
    QList<api::ReputationList> lists;
    for (const api::ReputationList &l : report.lists) {
        if (l.kind == u"domain"_s)
            lists.append(l);
    }
    report.lists = lists;
    QList<api::ReputationChange> fresh;
    for (const api::ReputationChange &c : report.newListings) {
        if (std::any_of(visible.cbegin(), visible.cend(),
                        [&](const api::ReputationTarget &t) { return t.target == c.target; }))
            fresh.append(c);
    }
    report.newListings = fresh;
}

Result<api::ReputationReport> lastReport(const reputation::Settings &settings)
{
    api::ReputationReport report;
    if (QFileInfo::exists(settings.database)) {
        auto store = reputation::Store::open(settings.database);
        if (!store)
            return store.error();
        auto latest = store.value()->latest();
        if (!latest)
            return latest.error();
        report = latest.value();
    }
    report.lists = settings.lists;
    return report;
}

// One alert per new listing and account it concerns: a relay IP's has no account (it goes
// to the relay's abuse address), a domain's names each account that sends with it.
QString raiseAlerts(const Context &ctx, const reputation::Settings &settings,
                    const QList<api::ReputationChange> &fresh,
                    const QList<api::ReputationTarget> &targets, QList<qint64> &ids,
                    const QDateTime &now)
{
    if (fresh.isEmpty())
        return {};
    const QString path = events::databasePath(ctx.config);
    if (!QFileInfo::exists(path))
        return u"there is no event index at %1 to keep the alerts: is staffetta-events "
               u"running?"_s.arg(path);
    auto store = alerts::AlertStore::open(path);
    if (!store)
        return store.error().message;
    QStringList errors;
    for (const api::ReputationChange &c : fresh) {
        const auto list =
            std::find_if(settings.lists.cbegin(), settings.lists.cend(),
                         [&](const api::ReputationList &l) { return l.name == c.list; });
        const auto target =
            std::find_if(targets.cbegin(), targets.cend(),
                         [&](const api::ReputationTarget &t) { return t.target == c.target; });
        QStringList accounts = c.kind == u"domain"_s && target != targets.cend()
                                   ? target->accounts
                                   : QStringList{QString()};
        if (accounts.isEmpty())
            accounts.append(QString());
        for (const QString &account : accounts) {
            api::Alert a;
            a.rule = u"reputation_listed"_s;
            a.account = account;
            a.raised = a.windowFrom = a.windowTo = now;
            a.observed = 1;
            a.samples = {c.target, c.list, list != settings.lists.cend() ? list->zone : QString(),
                         list != settings.lists.cend() ? list->removalUrl : QString()};
            auto recorded = store.value()->record(a);
            if (recorded)
                ids.append(recorded.value().id);
            else
                errors.append(recorded.error().message);
        }
    }
    return errors.join(u"; "_s);
}

Result<QJsonObject> checkVerb(const Context &ctx, const api::NoRequest &)
{
    auto settings = reputation::Settings::load(ctx.config);
    if (!settings)
        return settings.error();
    const reputation::Settings &s = settings.value();
    if (s.lists.isEmpty())
        return Error(
            ErrorCode::Config,
            u"no DNS blacklist is configured: add [reputation.list.NAME] sections to %1"_s.arg(
                ctx.config.path.isEmpty() ? Config::defaultPath() : ctx.config.path),
            {{u"section"_s, u"reputation.list.NAME"_s}});
    auto policy = livePolicy(ctx.config);
    if (!policy)
        return policy.error();
    QList<api::ReputationTarget> targets =
        reputation::check(s, reputation::targetsOf(s, policy.value()));
    auto store = reputation::Store::open(s.database);
    if (!store)
        return store.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto fresh = store.value()->record(now, ctx.caller.user, targets);
    if (!fresh)
        return fresh.error();
    auto report = lastReport(s);
    if (!report)
        return report.error();
    api::ReputationReport r = report.value();
    r.newListings = fresh.value();
    r.alertError = raiseAlerts(ctx, s, fresh.value(), targets, r.alerts, now);
    int listed = 0;
    for (const api::ReputationTarget &t : targets)
        listed += t.listed() ? 1 : 0;
    const QString auditError = recordAudit(
        ctx, api::verbs::ReputationCheck.join(u' '), u"done"_s, 0,
        u"checked %1 address(es) and domain(s) on %2 list(s): %3 listed, %4 new listing(s)"_s
            .arg(targets.size())
            .arg(s.lists.size())
            .arg(listed)
            .arg(fresh.value().size()));
    QJsonObject o = r.toJson();
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    return o;
}

Result<QJsonObject> showVerb(const Context &ctx, const api::NoRequest &)
{
    auto settings = reputation::Settings::load(ctx.config);
    if (!settings)
        return settings.error();
    auto report = lastReport(settings.value());
    if (!report)
        return report.error();
    scope(ctx, report.value());
    return report.value().toJson();
}

Result<QJsonObject> historyVerb(const Context &ctx, const api::ReputationHistoryRequest &request)
{
    auto settings = reputation::Settings::load(ctx.config);
    if (!settings)
        return settings.error();
    QString target = request.target;
    if (const QString word = ctx.words.value(1); !word.isEmpty())
        target = word.toLower();
    api::ReputationHistory history;
    if (!QFileInfo::exists(settings.value().database))
        return history.toJson();
    auto store = reputation::Store::open(settings.value().database);
    if (!store)
        return store.error();
    std::optional<QSet<QString>> visible;
    if (!ctx.access.can(Permission::ReadAllAccounts)) {
        auto report = lastReport(settings.value());
        if (!report)
            return report.error();
        scope(ctx, report.value());
        visible.emplace();
        for (const api::ReputationTarget &t : report.value().targets)
            visible->insert(t.target);
    }
    // A partner's page is filled from what it may see (the store's limit would cut it short).
    auto changes = store.value()->history(target, visible ? api::ReputationHistoryRequest::MaxLimit
                                                          : request.limit);
    if (!changes)
        return changes.error();
    for (const api::ReputationChange &c : changes.value()) {
        if (visible && !visible->contains(c.target))
            continue;
        if (history.changes.size() >= request.limit)
            break;
        history.changes.append(c);
    }
    return history.toJson();
}

QString reportText(const QJsonObject &o)
{
    auto parsed = api::ReputationReport::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    const api::ReputationReport &r = parsed.value();
    QString text;
    QTextStream s(&text);
    if (!r.checked.isValid())
        s << "never checked\n";
    else
        s << "checked " << r.checked.toString(Qt::ISODate) << " by " << r.checkedBy << '\n';
    for (const api::ReputationList &l : r.lists)
        s << "list " << l.name << ": " << l.zone << " (" << l.kind << ", listed "
          << l.listed.join(u' ') << ")"
          << (l.removalUrl.isEmpty() ? QString() : u" "_s + l.removalUrl) << '\n';
    for (const api::ReputationTarget &t : r.targets) {
        s << t.kind << ' ' << t.target;
        if (!t.accounts.isEmpty())
            s << " (" << t.accounts.join(u", "_s) << ')';
        s << '\n';
        for (const api::ReputationResult &x : t.results)
            s << "  " << x.list << ": " << x.status
              << (x.answers.isEmpty() ? QString() : u" "_s + x.answers.join(u' '))
              << (x.detail.isEmpty() ? QString() : u" ("_s + x.detail + u')') << " since "
              << x.since.toString(Qt::ISODate) << '\n';
    }
    for (const api::ReputationChange &c : r.newListings)
        s << "NEW LISTING: " << c.target << " on " << c.list << '\n';
    if (!r.alertError.isEmpty())
        s << "alerts not raised: " << r.alertError << '\n';
    return text;
}

QString historyText(const QJsonObject &o)
{
    auto parsed = api::ReputationHistory::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    QString text;
    QTextStream s(&text);
    for (const api::ReputationChange &c : parsed.value().changes)
        s << c.time.toString(Qt::ISODate) << ' ' << c.target << ' ' << c.list << ": "
          << (c.previous.isEmpty() ? u"first check"_s : c.previous) << " -> " << c.status
          << (c.answers.isEmpty() ? QString() : u" "_s + c.answers.join(u' ')) << '\n';
    return text;
}

} // namespace

QList<Verb> reputationVerbs()
{
    return {verb<api::NoRequest>(api::verbs::ReputationCheck, {}, Permission::CheckReputation,
                                 checkVerb, reportText),
            verb<api::NoRequest>(api::verbs::ReputationShow, {}, Permission::ReadQueue, showVerb,
                                 reportText),
            verb<api::ReputationHistoryRequest>(api::verbs::ReputationHistory, u"[TARGET]"_s,
                                                Permission::ReadQueue, historyVerb, historyText)};
}

} // namespace staffetta::ctl
