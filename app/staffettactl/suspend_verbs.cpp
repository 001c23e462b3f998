// accounts suspend|resume: the abuse switch. A suspended account keeps logging in (a client
// whose AUTH is refused retries and gets its address banned, and the customer's other mail
// programs with it) but every RCPT gets `550 5.7.1` (core/policy/engine.cpp), which no
// fail2ban filter counts; its queued mail is put on hold until it is resumed.
//
// Order: the policy first (staffettad refuses new mail once it has reloaded), then the queue
// (a message accepted before the reload is queued by then), then the contact's mail. A queue
// or mail failure after the commit is reported beside the result, never undoes the switch:
// `suspend` again says "already suspended", `queue hold` finishes the job.
//
// Who: an admin suspends and resumes any account; a partner its own accounts, and it resumes
// only a suspension a partner made (the provider's abuse switch is not the customer's to
// undo). No policy apply may set or clear `suspended` for a partner (policy_verbs.cpp).
#include "accounts_verbs.h"

#include "api/accounts.h"
#include "api/verbs.h"
#include "notify/notify.h"
#include "postfix/postfix.h"
#include "stats/stats_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSysInfo>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;
using policy::Policy;
using policy::PolicyStore;

namespace {

postfix::Postfix postfixOf(const Context &ctx)
{
    return postfix::Postfix(ctx.config.postfixConfigDir, ctx.config.postfixCommandDir);
}

// The account's queued messages that `action` applies to (hold: not on hold yet; release:
// on hold), found by the queue files' sasl_username.
Result<QList<QJsonObject>> accountMessages(const postfix::Postfix &pf, const QString &login,
                                           bool held)
{
    auto all = pf.messages(postfix::QueueFilter(), QDateTime::currentSecsSinceEpoch());
    if (!all)
        return all.error();
    QStringList ids;
    for (const QJsonObject &m : all.value()) {
        if ((m.value(u"queue_name"_s).toString() == u"hold"_s) == held)
            ids.append(m.value(u"queue_id"_s).toString());
    }
    auto accounts = pf.accountsOf(ids);
    if (!accounts)
        return accounts.error();
    QList<QJsonObject> out;
    for (const QJsonObject &m : all.value()) {
        const QString id = m.value(u"queue_id"_s).toString();
        if (ids.contains(id) && accounts.value().value(id).compare(login, Qt::CaseInsensitive) == 0)
            out.append(m);
    }
    return out;
}

// Holds (suspend) or releases (resume) the account's mail; the ids done, or why not all.
QStringList moveQueue(const Context &ctx, const QString &login, bool suspend, QString &error)
{
    const auto pf = postfixOf(ctx);
    auto targets = accountMessages(pf, login, !suspend);
    if (!targets) {
        error = targets.error().message;
        return {};
    }
    QStringList done, failed;
    const auto action = suspend ? api::QueueAction::Hold : api::QueueAction::Release;
    for (const api::ActionResult &r : pf.act(action, targets.value(), {})) {
        if (r.outcome == u"failed"_s)
            failed.append(r.id + u": "_s + r.detail);
        else if (r.outcome != u"not_found"_s && r.outcome != u"unchanged"_s)
            done.append(r.id);
    }
    if (!failed.isEmpty())
        error = u"postsuper failed for %1"_s.arg(failed.join(u"; "_s));
    return done;
}

// The relay's mail to an account's contact is bounded: whoever may suspend and resume an
// account (a partner, for its own) could otherwise have the relay's postmaster mail its text
// to that address in a loop, charged to no quota. Counted per account and clock hour in the
// stats store (a metric no chart reads), over this hour and the one before (so a loop that
// straddles an hour's end gets no fresh share) and over 24 hours; an error when the account
// had its share.
Result<Done> takeNotification(const Context &ctx, const QString &login)
{
    constexpr qint64 perTwoHours = 4, perDay = 10;
    auto stats = stats::StatsStore::open(statePath(ctx, u"state.sqlite"_s));
    if (!stats)
        return stats.error();
    const QString key = login.toLower(), metric = u"contact_mails"_s;
    const qint64 hour = QDateTime::currentSecsSinceEpoch() / 3600;
    const qint64 recent = stats.value()->sum(key, metric, hour - 1, hour);
    const qint64 lastDay = stats.value()->sum(key, metric, hour - 23, hour);
    if (recent >= perTwoHours || lastDay >= perDay)
        return Error(ErrorCode::Unavailable,
                     u"not mailed: the account's contact was mailed %1 times since the last "
                     u"hour began and %2 times in 24 hours (at most %3 and %4)"_s.arg(recent)
                         .arg(lastDay)
                         .arg(perTwoHours)
                         .arg(perDay));
    // Counted before the mail goes (a failed one counts too: the limit never opens wider),
    // and written through: a count that cannot be written means no mail.
    if (!stats.value()->record({{key, metric, hour, 1}}))
        return Error(ErrorCode::Unavailable,
                     u"not mailed: the count of the contact's mails could not be written"_s);
    return Done{};
}

// The mail to the account's contact, in the account's language.
notify::Mail contactMail(const Policy &p, const policy::Account &a, bool suspend,
                         const QString &reason, int held)
{
    const QString relay = QSysInfo::machineHostName();
    const QString abuse = p.abuseAddress(&a);
    notify::Mail mail;
    mail.to = {p.alertContact(&a)};
    mail.from = abuse.isEmpty() ? u"postmaster@"_s + relay : abuse;
    QStringList lines;
    if (p.language(&a) == policy::Language::Italian) {
        mail.subject = suspend ? u"Account %1 sospeso"_s.arg(a.login)
                               : u"Account %1 riattivato"_s.arg(a.login);
        lines << u"Gentile cliente,"_s << QString();
        if (suspend)
            lines << u"l'account %1 del relay %2 è stato sospeso: la posta inviata con questo "
                     u"account viene rifiutata e %3 messaggi in coda sono stati trattenuti."_s
                         .arg(a.login, relay)
                         .arg(held)
                  << QString() << u"Motivo: %1"_s.arg(reason) << QString()
                  << u"Se la password dell'account o uno script sono stati compromessi, "
                     u"cambiate la password e verificate i sistemi che inviano posta con questo "
                     u"account, poi contattate l'assistenza per la riattivazione."_s;
        else
            lines << u"l'account %1 del relay %2 è stato riattivato; %3 messaggi trattenuti "
                     u"sono stati rimessi in consegna."_s.arg(a.login, relay)
                         .arg(held)
                  << QString() << u"Nota: %1"_s.arg(reason);
        lines << QString() << u"Questo messaggio è generato automaticamente."_s;
    } else {
        mail.subject =
            suspend ? u"Account %1 suspended"_s.arg(a.login) : u"Account %1 resumed"_s.arg(a.login);
        lines << u"Dear customer,"_s << QString();
        if (suspend)
            lines << u"the account %1 of the relay %2 has been suspended: mail sent with it is "
                     u"refused, and %3 queued messages are on hold."_s.arg(a.login, relay)
                         .arg(held)
                  << QString() << u"Reason: %1"_s.arg(reason) << QString()
                  << u"If the account's password or a script has been compromised, change the "
                     u"password and check the systems that send mail with this account, then "
                     u"ask support to resume it."_s;
        else
            lines << u"the account %1 of the relay %2 has been resumed; %3 held messages are "
                     u"being delivered again."_s.arg(a.login, relay)
                         .arg(held)
                  << QString() << u"Note: %1"_s.arg(reason);
        lines << QString() << u"This message was generated automatically."_s;
    }
    mail.body = lines.join(u'\n') + u'\n';
    return mail;
}

Result<QJsonObject> switchAccount(const Context &ctx, const api::AccountSuspendRequest &request,
                                  bool suspend)
{
    auto login = ownedLogin(ctx, request.login);
    if (!login)
        return login.error();
    if (request.reason.trimmed().isEmpty())
        return api::badField(u"reason"_s, u"must say why (it is audited and mailed to the "
                                          u"account's contact)"_s);
    if (auto checked = checkComment(u"reason"_s, request.reason); !checked)
        return checked.error();
    if (!suspend && !request.message.isEmpty())
        return api::badField(u"message"_s, u"is the reply of a suspension, not of a resume"_s);

    PolicyStore store = openStore(ctx);
    auto lock = lockAndRecover(ctx, store);
    if (!lock)
        return lock.error();
    const QString verbName = suspend ? u"accounts suspend"_s : u"accounts resume"_s;
    const auto edit = [&](const Policy &current) -> Result<Policy> {
        const policy::Account *a = current.account(login.value());
        if (!a)
            return Error(ErrorCode::NotFound, u"there is no account %1"_s.arg(login.value()),
                         {{u"login"_s, login.value()}});
        if (bool(a->suspended) == suspend)
            return Error(ErrorCode::Conflict,
                         suspend
                             ? u"%1 is suspended already (since %2, by %3); nothing was "
                               u"written"_s.arg(a->login, a->suspended->at.toString(Qt::ISODate),
                                                a->suspended->by)
                             : u"%1 is not suspended; nothing was written"_s.arg(a->login),
                         {{u"login"_s, a->login}});
        if (!suspend && !ctx.access.can(Permission::EditPolicy) &&
            a->suspended->role != roleName(Role::Partner)) {
            ctx.refusal.summary =
                u"refused: resume of a suspension by %1"_s.arg(a->suspended->role);
            return Error(ErrorCode::PermissionDenied,
                         u"%1 was suspended by %2 (%3): only an admin may resume it"_s.arg(
                             a->login, a->suspended->by, a->suspended->role),
                         {{u"login"_s, a->login}, {u"suspended_by"_s, a->suspended->role}});
        }
        Policy next = current;
        policy::Account *mine = next.account(login.value());
        if (suspend)
            mine->suspended =
                policy::Suspension{request.reason, request.message, ctx.caller.user,
                                   roleName(ctx.access.role), QDateTime::currentDateTimeUtc()};
        else
            mine->suspended.reset();
        // Through the file's parser: the message and reason are checked as in a file.
        return Policy::fromJsonObject(next.toJsonObject());
    };
    auto written =
        writePolicy(ctx, store, {verbName, std::nullopt, edit, request.reason, accountsLive(ctx)});
    if (!written)
        return written.error();
    awaitReload(ctx, written.value());

    api::AccountSuspendResult result;
    result.login = login.value();
    result.revision = written.value().revision;
    result.suspended = suspend;
    result.auditError = written.value().auditError;
    result.held = moveQueue(ctx, login.value(), suspend, result.queueError);

    auto cur = store.current(author(ctx));
    if (!cur)
        return cur.error();
    const Policy &p = cur.value().policy;
    const policy::Account *a = p.account(login.value());
    if (!a || p.alertContact(a).isEmpty()) {
        result.notifyError = u"the account has no contact (alerts.contact) to tell"_s;
    } else if (auto allowed = takeNotification(ctx, login.value()); !allowed) {
        result.notifyError = allowed.error().message;
    } else if (auto sent = notify::send(postfixOf(ctx), contactMail(p, *a, suspend, request.reason,
                                                                    int(result.held.size())));
               !sent) {
        result.notifyError = sent.error().message;
    } else {
        result.notified = {p.alertContact(a)};
    }
    // The revision's own audit row has the reason; this one what followed it.
    QStringList problems{result.queueError, result.notifyError};
    problems.removeAll(QString());
    recordAudit(ctx, verbName, problems.isEmpty() ? u"done"_s : u"partial"_s, result.revision,
                u"%1: %2 message(s) %3%4"_s.arg(login.value())
                    .arg(result.held.size())
                    .arg(suspend ? u"put on hold"_s : u"released"_s,
                         problems.isEmpty() ? QString() : u"; "_s + problems.join(u"; "_s)));
    return result.toJson();
}

Result<QJsonObject> suspendVerb(const Context &ctx, const api::AccountSuspendRequest &request)
{
    return switchAccount(ctx, request, true);
}

Result<QJsonObject> resumeVerb(const Context &ctx, const api::AccountSuspendRequest &request)
{
    return switchAccount(ctx, request, false);
}

QString switchText(const QJsonObject &o)
{
    const auto r = api::AccountSuspendResult::fromJson(o);
    QString text;
    QTextStream s(&text);
    s << r.login << ": " << (r.suspended ? "suspended" : "resumed") << ", revision " << r.revision
      << '\n'
      << "  " << r.held.size() << (r.suspended ? " queued message(s) put on hold" : " released")
      << (r.held.isEmpty() ? QString() : u": "_s + r.held.join(u' ')) << '\n';
    if (!r.notified.isEmpty())
        s << "  contact told: " << r.notified.join(u", "_s) << '\n';
    for (const QString &w : {r.queueError, r.notifyError, r.auditError}) {
        if (!w.isEmpty())
            s << "  warning: " << w << '\n';
    }
    return text;
}

} // namespace

QList<Verb> suspendVerbs()
{
    return {
        verb<api::AccountSuspendRequest>(api::verbs::AccountsSuspend, u"[LOGIN]"_s,
                                         Permission::EditOwnAccounts, suspendVerb, switchText,
                                         false, true),
        verb<api::AccountSuspendRequest>(api::verbs::AccountsResume, u"[LOGIN]"_s,
                                         Permission::EditOwnAccounts, resumeVerb, switchText, false,
                                         true),
    };
}

} // namespace staffetta::ctl
