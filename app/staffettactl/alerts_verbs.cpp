#include "alerts/alerts.h"
#include "api/alerts.h"
#include "api/verbs.h"
#include "events/index.h"
#include "policy_verbs.h"

#include <QFileInfo>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<std::unique_ptr<alerts::AlertStore>> openAlertStore(const Context &ctx)
{
    const QString path = events::databasePath(ctx.config);
    if (!QFileInfo::exists(path))
        return Error(ErrorCode::Unavailable,
                     u"there is no event index at %1: is staffetta-events running?"_s.arg(path),
                     {{u"path"_s, path}});
    return alerts::AlertStore::open(path);
}

// The accounts of the store a partner may see; nullopt: every account.
Result<std::optional<QStringList>> scopeOf(const Context &ctx, alerts::AlertStore &store)
{
    if (ctx.access.can(Permission::ReadAllAccounts))
        return std::optional<QStringList>();
    auto all = store.accounts();
    if (!all)
        return all.error();
    QStringList visible;
    for (const QString &a : all.value()) {
        if (ctx.access.seesAccount(a))
            visible.append(a);
    }
    return std::optional<QStringList>(visible);
}

Result<QJsonObject> list(const Context &ctx, const api::AlertsListRequest &request)
{
    auto store = openAlertStore(ctx);
    if (!store)
        return store.error();
    auto scope = scopeOf(ctx, *store.value());
    if (!scope)
        return scope.error();
    auto result = store.value()->list(request, scope.value());
    if (!result)
        return result.error();
    return result.value().toJson();
}

// A partner acknowledges its own accounts' alerts; another account's alert is "not found"
// to it (it must not learn which alerts other accounts have).
Result<QJsonObject> ack(const Context &ctx, const api::AlertsAckRequest &request)
{
    const QString verb = api::verbs::AlertsAck.join(u' ');
    qint64 id = request.id;
    if (const QString word = ctx.words.value(1); !word.isEmpty()) {
        bool ok = false;
        id = word.toLongLong(&ok);
        if (!ok || id < 1)
            return Error(ErrorCode::BadRequest, u"'%1' is not an alert id"_s.arg(word),
                         {{u"field"_s, u"id"_s}});
    }
    if (id < 1)
        return Error(ErrorCode::BadRequest, u"usage: alerts ack ID [comment in the request]"_s,
                     {{u"field"_s, u"id"_s}});
    if (auto checked = checkComment(u"comment"_s, request.comment); !checked)
        return checked.error();
    auto store = openAlertStore(ctx);
    if (!store)
        return store.error();
    auto alert = store.value()->get(id);
    if (alert && !ctx.access.ownsAccount(alert.value().account) &&
        !ctx.access.can(Permission::ReadAllAccounts))
        alert = Error(ErrorCode::NotFound, u"there is no alert %1"_s.arg(id), {{u"id"_s, id}});
    else if (alert && !ctx.access.ownsAccount(alert.value().account))
        alert = forbidden(ctx, u"acknowledge alerts of account %1"_s.arg(alert.value().account));
    if (!alert) {
        recordAudit(ctx, verb, alert.error().name(), 0,
                    u"refused: alert %1: %2"_s.arg(QString::number(id), alert.error().message));
        return alert.error();
    }
    auto acked = store.value()->acknowledge(id, ctx.caller.user, request.comment,
                                            QDateTime::currentDateTimeUtc());
    if (!acked)
        return acked.error();
    const api::Alert &a = acked.value();
    const QString auditError =
        recordAudit(ctx, verb, u"done"_s, 0,
                    u"acknowledged alert %1 (%2, account %3)%4"_s.arg(
                        QString::number(id), a.rule, a.account,
                        request.comment.isEmpty() ? QString() : u": "_s + request.comment));
    QJsonObject o = a.toJson();
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    return o;
}

QString alertLine(const api::Alert &a)
{
    if (a.rule == u"reputation_listed"_s) // samples: the IP or domain, list, zone, removal page
        return u"#%1 %2 %3 %4: %5 listed on %6 (%7)%8%9"_s.arg(QString::number(a.id))
            .arg(a.raised.toString(Qt::ISODate), a.rule,
                 a.account.isEmpty() ? u"relay"_s : u"account "_s + a.account, a.samples.value(0),
                 a.samples.value(1), a.samples.value(2),
                 a.samples.value(3).isEmpty() ? QString() : u", removal: "_s + a.samples.value(3),
                 a.acknowledged ? u" acknowledged by %1"_s.arg(a.acknowledgedBy) : QString());
    return u"#%1 %2 %3 account %4: %5 over %6%7 (%8 .. %9)%10"_s.arg(QString::number(a.id))
        .arg(a.raised.toString(Qt::ISODate), a.rule, a.account, QString::number(a.observed),
             QString::number(a.threshold),
             a.rule == u"hourly_rate"_s ? u", baseline %1/h"_s.arg(a.baseline, 0, 'f', 2)
                                        : QString(),
             a.windowFrom.toString(Qt::ISODate), a.windowTo.toString(Qt::ISODate),
             a.acknowledged ? u" acknowledged by %1"_s.arg(a.acknowledgedBy) : QString());
}

QString listText(const QJsonObject &o)
{
    auto parsed = api::AlertsListResult::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    QString text;
    QTextStream s(&text);
    s << parsed.value().matched << " alert(s), " << parsed.value().unacknowledged
      << " not acknowledged\n";
    for (const api::Alert &a : parsed.value().alerts) {
        s << alertLine(a) << '\n';
        if (!a.queueIds.isEmpty())
            s << "  queue ids: " << a.queueIds.join(u", "_s) << '\n';
        if (!a.samples.isEmpty())
            s << "  samples: " << a.samples.join(u", "_s) << '\n';
        if (!a.notified.isEmpty())
            s << "  mailed to: " << a.notified.join(u", "_s) << '\n';
        if (!a.notifyError.isEmpty())
            s << "  not mailed: " << a.notifyError << '\n';
    }
    return text;
}

QString ackText(const QJsonObject &o)
{
    auto parsed = api::Alert::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    return alertLine(parsed.value()) + u'\n';
}

} // namespace

qint64 unacknowledgedAlerts(const Context &ctx)
{
    if (!QFileInfo::exists(events::databasePath(ctx.config)))
        return -1;
    auto store = openAlertStore(ctx);
    if (!store)
        return -1;
    auto scope = scopeOf(ctx, *store.value());
    if (!scope)
        return -1;
    api::AlertsListRequest request;
    request.limit = 1;
    auto listed = store.value()->list(request, scope.value());
    return listed ? listed.value().unacknowledged : -1;
}

QList<Verb> alertsVerbs()
{
    return {verb<api::AlertsListRequest>(api::verbs::AlertsList, {}, Permission::ReadQueue, list,
                                         listText),
            verb<api::AlertsAckRequest>(api::verbs::AlertsAck, u"ID"_s, Permission::AckAlerts, ack,
                                        ackText, false, true)};
}

} // namespace staffetta::ctl
