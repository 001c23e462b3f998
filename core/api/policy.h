#pragma once

#include "common/result.h"
#include "policy/diff.h"
#include "policy/policy.h"
#include "requests.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

// The policy's part of the relay API (staffettactl policy get|apply|rollback, usage; the
// console's editors and Limits view). staffettactl builds these and calls toJson; the console's
// client reads them with fromJson.
namespace staffetta::api {

// What the admin granted a partner, as `policy get` tells the partner's editor (the relay's
// default stands in for a limit without a grant).
struct PartnerGrants
{
    QStringList domains;
    qint64 maxDailyQuota = 0;
    qint64 maxRecipients = 0;
    qint64 maxMessageSize = 0;

    QJsonObject toJson() const;
    static PartnerGrants fromJson(const QJsonObject &o);
    friend bool operator==(const PartnerGrants &, const PartnerGrants &) = default;
};

// `policy get`: the relay's policy, its revision, and what the caller may do with it.
struct PolicySnapshot
{
    int revision = 0;
    QString sha256;
    policy::Policy policy;
    QString role;         // the caller's role on the relay
    QStringList accounts; // a partner's accounts
    std::optional<PartnerGrants> grants;

    bool canWrite() const { return role == u"admin" || role == u"partner"; }
    QJsonObject toJson() const;
    // BadResponse when the answer has no policy or one this side cannot read.
    static Result<PolicySnapshot> fromJson(const QJsonObject &o);
};

// `policy apply` and `policy rollback`: the new revision and whether staffettad has it in force.
struct ApplyResult
{
    int revision = 0;
    bool changed = false;
    QList<policy::Change> changes;
    bool reloaded = false; // staffettad has it in force
    // The write's handler answers at once ("reloaded": "pending"); its front-end waits.
    bool reloadPending = false;
    QString reloadCode;    // why not: staffettad_not_running, reload_timeout (client::reloadText)
    QString reloadMessage; // its English sentence
    QString sha256;        // of the new policy, for the front-end's wait
    QString auditError;    // the write went live but its audit row could not be written
    QString replacedBrokenLiveFile; // why the live file could not be used, when replaced

    QJsonObject toJson() const;
    static ApplyResult fromJson(const QJsonObject &o);
};

// `policy apply`'s request: the whole policy as the caller sees it, the revision it is based
// on, and why (kept in the revision and the audit). The policy is parsed here: a policy
// that does not parse is invalid_policy with every problem's path.
struct PolicyApplyRequest
{
    int baseRevision = 0;
    policy::Policy policy;
    QString comment;

    static QString fields() { return QStringLiteral("{base_revision, policy, comment?}"); }
    QJsonObject toJson() const;
    static Result<PolicyApplyRequest> fromJson(const QJsonObject &o);
};

// `policy diff [FROM [TO]]`'s request: a policy to compare with the current one (none: the
// revisions named by the words).
struct PolicyDiffRequest
{
    std::optional<policy::Policy> policy;

    static QString fields() { return QStringLiteral("{policy?}"); }
    QJsonObject toJson() const;
    static Result<PolicyDiffRequest> fromJson(const QJsonObject &o);
};

// `policy rollback REV`'s request: the revision it is based on (none: the current one, for a
// person at a terminal) and why (none: "rollback to revision REV").
struct PolicyRollbackRequest
{
    std::optional<int> baseRevision;
    std::optional<QString> comment;

    static QString fields() { return QStringLiteral("{base_revision?, comment?}"); }
    QJsonObject toJson() const;
    static Result<PolicyRollbackRequest> fromJson(const QJsonObject &o);
};

// One revision of `policy history`: who made it (the calling user, its role, the SSH client's
// address or "local"), when, why, and what it changed from the revision it was based on.
struct PolicyRevision
{
    int number = 0;
    int base = 0;
    QDateTime time;
    QString kind; // apply, rollback, external (edited by hand), initial, accounts ...
    QString user;
    QString role;
    QString origin;
    QString comment;
    QList<policy::Change> changes;

    static PolicyRevision fromJson(const QJsonObject &o);
};

// `policy history [N]`: the revisions newest first (a partner: those that changed what it sees).
struct PolicyHistory
{
    int currentRevision = 0;
    QList<PolicyRevision> revisions;
    // Why the relay's live policy file cannot be used (torn, missing), "" when it can: a
    // rollback, even to the current revision, restores it.
    QString liveProblem;

    static PolicyHistory fromJson(const QJsonObject &o);
};

// `policy diff FROM [TO]`: what turns revision FROM into TO (TO: the current one).
struct PolicyDiff
{
    int fromRevision = 0;
    int toRevision = 0;
    QList<policy::Change> changes;

    static PolicyDiff fromJson(const QJsonObject &o);
};

// One row of `audit [N]`: a write or a refused write on the relay.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime time;
    QString user;
    QString role;
    QString origin;
    QString verb;    // "policy apply", "bans unban", ...
    QString outcome; // "done", or the refusal's error code ("conflict", "permission_denied"...)
    int revision = 0;
    QString summary; // the relay's English line
    QList<policy::Change> changes;

    bool done() const { return outcome == u"done"; }
    static AuditEntry fromJson(const QJsonObject &o);
};

// `audit [N]`: the newest entries first.
struct AuditLog
{
    QList<AuditEntry> entries;

    static AuditLog fromJson(const QJsonObject &o);
};

// `usage`: today's quota use per account against its limit.
struct AccountUsage
{
    QString login;
    qint64 used = 0;
    int quota = 0;
    bool overridden = false; // the account has its own quota
    // This clock hour's use against the hourly limit, when one is in force.
    std::optional<int> hourlyQuota;
    qint64 usedThisHour = 0;
    // The busiest sender address of the window against the per-sender limit, when one is in
    // force (empty address: none sent yet). The sender nearest the wall is the one to watch.
    std::optional<int> senderQuota;
    QString topSender;
    qint64 topSenderUsed = 0;

    friend bool operator==(const AccountUsage &, const AccountUsage &) = default;
};

struct Usage
{
    QDateTime time;
    QString window; // calendar_day, rolling_24h
    int revision = 0;
    QList<AccountUsage> accounts;

    QJsonObject toJson() const;
    static Usage fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
