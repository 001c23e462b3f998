#pragma once

#include "api/policy.h"
#include "common/access.h"
#include "common/relay_config.h"
#include "common/result.h"
#include "policy/diff.h"
#include "policy/store.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace staffetta::ctl {

// What every verb gets: the relay's config, its words, the JSON request, and who calls.
struct Context
{
    const Config &config;
    QStringList words;   // the words after the first one (`policy rollback 3`: rollback, 3)
    QJsonObject request; // as it came; the handler gets it typed (verb<Request>)
    Caller caller;
    Access access;
    // Set when the caller asked for --stream: verbs that list many items write them here,
    // one JSON object per line (api::streamItemLine), before their final response line.
    std::function<void(const QByteArray &line)> emitLine = {};
    // What the audit row of a refusal should carry beyond the error (the refused change and
    // the revision it met): a handler that refuses fills it, the dispatch writes the row.
    struct Refusal
    {
        int revision = 0;
        QList<policy::Change> changes;
        QString summary; // empty: "refused: " and the error's message
    };
    mutable Refusal refusal;
    // The front-end's wait for staffettad to have a write in force (FrontEnd::awaitReload);
    // unset: a write answers "reloaded": "pending".
    std::function<void(api::ApplyResult &)> awaitReload = {};
};

// One verb of the registry (ctl.cpp holds them all; the verb files contribute theirs, each
// made by verb<Request>()).
struct Verb
{
    QStringList path;      // the words that name it: {"bans", "whitelist", "add"}
    QString arguments;     // the words after the path, for the usage: "IP [--note TEXT]"
    QString request;       // its request type's fields(), for the usage; empty when none
    Permission permission; // what the caller needs; the dispatch refuses (and audits) before
    // Parses the request into its type, then runs the verb's handler with it.
    std::function<Result<QJsonObject>(const Context &)> handler;
    std::function<QString(const QJsonObject &)> human; // the answer without --json
    bool streams = false; // --stream sends its items one line each (api.h's framing rule)
    // Changes the relay: the front-end keeps hang-up and termination from interrupting it
    // (CLI: main blocks the signals), so a dropped SSH link never stops a write half-way.
    bool writes = false;

    QString name() const { return path.join(u' '); } // as the audit names it
};

QList<Verb> policyVerbs();     // policy get|apply|diff|history|rollback, usage, audit
QList<Verb> queueVerbs();      // queue list|show|delete|hold|release|requeue|flush
QList<Verb> bansVerbs();       // bans list|log|unban|whitelist [list]|add|remove, search
QList<Verb> traceVerbs();      // trace (the event index)
QList<Verb> statsVerbs();      // stats (the hourly counters and the event index)
QList<Verb> accountsVerbs();   // accounts list|add|remove|passwd (accounts_verbs.cpp)
QList<Verb> alertsVerbs();     // alerts list|ack (the alerts staffetta-events raises)
QList<Verb> reputationVerbs(); // reputation check|show|history (reputation_verbs.cpp)
// For `info`: the caller's accounts' alerts nobody acknowledged; -1 without an event index
// (or when it cannot be read: info never fails for the alerts).
qint64 unacknowledgedAlerts(const Context &ctx);

// A file in the relay's state directory.
QString statePath(const Context &ctx, const QString &name);

// Every write and every refused write goes to the audit log. A write that cannot be audited
// still happened: the returned message (empty when recorded) is reported beside the result.
QString recordAudit(const Context &ctx, const QString &verb, const QString &outcome, int revision,
                    const QString &summary, const QList<policy::Change> &changes = {});

// A verb of the registry whose request is the core/api type `Request` (NoRequest: none):
// the usage lists Request::fields(), and the handler gets the request parsed by
// Request::fromJson, which refuses an unknown key or a value of the wrong kind with its path
// (bad_request, before the handler does anything). A write's refused request is audited.
template<typename Request>
Verb verb(QStringList path, QString arguments, Permission permission,
          std::function<Result<QJsonObject>(const Context &, const Request &)> handler,
          std::function<QString(const QJsonObject &)> human, bool streams = false,
          bool writes = false)
{
    const QString name = path.join(u' ');
    auto typed = [handler = std::move(handler), name, writes](const Context &ctx) {
        auto request = Request::fromJson(ctx.request);
        if (!request) {
            if (writes)
                recordAudit(ctx, name, request.error().name(), 0,
                            QStringLiteral("refused: ") + request.error().message);
            return Result<QJsonObject>(request.error());
        }
        return handler(ctx, request.value());
    };
    return {std::move(path),  std::move(arguments), Request::fields(), permission,
            std::move(typed), std::move(human),     streams,           writes};
}

// A free-text field that is kept in the revisions and the audit log (a change's comment, a
// whitelist note): at most limits::MaxCommentLength characters, no control characters.
Result<Done> checkComment(const QString &field, const QString &text);

Error forbidden(const Context &ctx, const QString &what);
// What a caller without ReadAllAccounts is told of a live policy file that cannot be used.
QString livePolicyUnusable();
// A revision's comment as a caller without ReadAllAccounts reads it: without the reason a
// live file was replaced (it may name other tenants).
QString partnerComment(const QString &comment);
// A whole-policy error (invalid_policy on `merged`, the relay's policy after a partner's
// write) as that partner may read it: in the paths of its view `submitted`, naming nothing of
// the accounts it does not see.
Error partnerView(const Access &access, const Error &error, const policy::Policy &merged,
                  const policy::Policy &submitted);
// The check for a permission: nothing when the caller's role allows it, else a
// permission_denied error naming it (the dispatch audits every refusal, once).
std::optional<Error> require(const Context &ctx, Permission permission, const QString &verb);

// The caller as a revision's author.
policy::Author author(const Context &ctx);
// The store of the relay's policy, its commits audited as the caller.
policy::PolicyStore openStore(const Context &ctx);
// The audit log's verb of a revision's kind: "policy apply", "accounts add".
QString auditVerb(const QString &kind);

// A change of the policy, made by writePolicy.
struct PolicyEdit
{
    QString kind;            // the revision's kind: "apply", "rollback", "accounts add", ...
    std::optional<int> base; // the revision it was based on (conflict if stale); unset: current
    // The next policy from the current one (a partner's is merged into the relay's).
    std::function<Result<policy::Policy>(const policy::Policy &current)> edit;
    QString comment;
    policy::PolicyStore::Live live = policy::PolicyStore::Live::MustParse;
};
// How an account verb (add, remove, suspend, resume) of this caller meets a live file that
// cannot be used (invalid, torn, missing): an admin's works on the newest valid revision,
// the one staffettad enforces, and replaces the file (suspending an abuser cannot wait for a
// repair); a partner's is refused (it may not overwrite what the admin is repairing).
policy::PolicyStore::Live accountsLive(const Context &ctx);
// The one write path of the policy (apply, rollback, the accounts verbs): the revision check,
// a partner's reach and grants, removed accounts' passwords (beginRemoval), the commit and
// its audit row. Hold the store's lock.
Result<api::ApplyResult> writePolicy(const Context &ctx, policy::PolicyStore &store,
                                     const PolicyEdit &edit);

// Accounts a policy write removes lose their passwords after the commit (local credentials):
// beginRemoval writes an intent naming them (STATE/accounts-removing.json) before the commit,
// finishRemoval removes their passwd-file lines and the intent after it. finishInterruptedRemoval
// (run by every verb that takes the lock, and after a commit that failed) ends what a crash or
// a failure left: the hashes of the accounts the policy no longer lists are removed, the
// others keep theirs; it commits nothing. Hold the store's lock.
// (accounts_verbs.cpp)
Result<Done> beginRemoval(const Context &ctx, const QStringList &logins);
Result<Done> finishRemoval(const Context &ctx, const QStringList &logins);
Result<Done> finishInterruptedRemoval(const Context &ctx, policy::PolicyStore &store);

// After a policy write staffettad reloads the file (it watches it) and records the sha256 of
// the policy in force in STATE/staffettad.loaded. A write's result is pending with the new
// `sha256`; this waits (<= 5 s, nudging staffettad with SIGHUP once) and fills in whether it
// is in force (reloaded, or reloadCode and reloadMessage). Blocking: it is the CLI
// front-end's (main) business; it runs after the write has released the store's lock.
void waitForReload(const Config &config, api::ApplyResult &result);

} // namespace staffetta::ctl
