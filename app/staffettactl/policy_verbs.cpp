#include "policy_verbs.h"

#include "api/policy.h"
#include "api/reasons.h"
#include "api/requests.h"
#include "api/verbs.h"
#include "common/limits.h"
#include "policy/diff.h"
#include "policy/engine.h"
#include "policy/store.h"
#include "stats/audit_log.h"
#include "stats/stats_store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QThread>

#include <algorithm>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;
using policy::Change;
using policy::Policy;
using policy::PolicyStore;

QString statePath(const Context &ctx, const QString &name)
{
    return QDir(ctx.config.stateDir).filePath(name);
}

namespace {

// The words a revision's comment says a broken live file was replaced with, before why.
const QString ReplacedLiveFile = u"replaced a live file that could not be used"_s;

// The one place that opens the audit log for a write: `once` for a row that may already be
// there (see recordRevision).
Result<Done> appendAudit(const Context &ctx, const stats::AuditEntry &e, bool once = false)
{
    QDir().mkpath(ctx.config.stateDir);
    auto log = stats::AuditLog::open(statePath(ctx, u"state.sqlite"_s));
    if (!log)
        return log.error();
    return once ? log.value()->recordOnce(e) : log.value()->record(e);
}

} // namespace

QString recordAudit(const Context &ctx, const QString &verb, const QString &outcome, int revision,
                    const QString &summary, const QList<Change> &changes)
{
    stats::AuditEntry e;
    e.user = ctx.caller.user;
    e.role = roleName(ctx.access.role);
    e.origin = ctx.caller.origin;
    e.verb = verb;
    e.outcome = outcome;
    e.revision = revision;
    e.summary = summary;
    e.changes = policy::changesToJson(changes);
    auto recorded = appendAudit(ctx, e);
    return recorded ? QString() : recorded.error().message;
}

Result<Done> checkComment(const QString &field, const QString &text)
{
    if (text.size() > limits::MaxCommentLength)
        return Error(
            ErrorCode::BadRequest,
            u"the %1 has %2 characters; at most %3 are allowed; nothing was done"_s.arg(field)
                .arg(text.size())
                .arg(limits::MaxCommentLength),
            {{u"field"_s, field}, {u"limit"_s, limits::MaxCommentLength}});
    // By code point: a format character beyond U+FFFF (the tag characters) is two QChars.
    const QList<uint> points = text.toUcs4();
    const auto holds = [&points](std::initializer_list<QChar::Category> categories) {
        return std::any_of(points.begin(), points.end(), [&categories](uint c) {
            return std::find(categories.begin(), categories.end(), QChar::category(char32_t(c))) !=
                   categories.end();
        });
    };
    // Bidi overrides (U+202E) and other invisible format characters make a text read
    // otherwise than it is written, in the audit log and the history people read.
    const QString what =
        holds({QChar::Other_Control, QChar::Separator_Line, QChar::Separator_Paragraph})
            ? u"a control character (a line break, a tab, ...)"_s
        : holds({QChar::Other_Format})
            ? u"an invisible formatting character (a direction override, a "
              u"zero-width character, ...)"_s
            : QString();
    if (!what.isEmpty())
        return Error(ErrorCode::BadRequest,
                     u"the %1 contains %2; nothing was done"_s.arg(field, what),
                     {{u"field"_s, field}});
    return Done{};
}

policy::Author author(const Context &ctx)
{
    return {ctx.caller.user, roleName(ctx.access.role), ctx.caller.origin};
}

namespace {

// The audit row of a policy revision made live, from the revision alone: PolicyStore also
// calls it for a commit a crash interrupted, whose author is not the caller (see
// PolicyStore). recordOnce: that row may be there already.
Result<Done> recordRevision(const Context &ctx, const policy::RevisionInfo &info)
{
    // A summary: the full list of changes is in the row's changes.
    constexpr qsizetype summarized = 20;
    QStringList lines;
    for (qsizetype i = 0; i < std::min(info.changes.size(), summarized); ++i)
        lines.append(info.changes[i].text());
    if (info.changes.size() > summarized)
        lines.append(u"(%1 more)"_s.arg(info.changes.size() - summarized));
    stats::AuditEntry e;
    e.time = info.time;
    e.user = info.author.user;
    e.role = info.author.role;
    e.origin = info.author.origin;
    e.verb = auditVerb(info.kind);
    e.outcome = u"done"_s;
    e.revision = info.number;
    e.summary = info.comment.isEmpty() ? lines.join(u"; "_s) : info.comment;
    e.changes = policy::changesToJson(info.changes);
    return appendAudit(ctx, e, true);
}

} // namespace

QString auditVerb(const QString &kind)
{
    return kind.startsWith(u"accounts "_s) ? kind : u"policy "_s + kind;
}

PolicyStore openStore(const Context &ctx)
{
    return PolicyStore(
        ctx.config.policyFile, ctx.config.stateDir,
        [&ctx](const policy::RevisionInfo &info) { return recordRevision(ctx, info); });
}

namespace {

QJsonObject policyObject(const Policy &p)
{
    return p.toJsonObject();
}

// ---- what a caller without ReadAllAccounts (a partner) sees and may write

bool visible(const Access &access, const Change &c)
{
    return c.account.isEmpty() || access.seesAccount(c.account);
}

QList<Change> visibleChanges(const Access &access, const QList<Change> &changes)
{
    QList<Change> out;
    for (const Change &c : changes) {
        if (visible(access, c))
            out.append(c);
    }
    return out;
}

// The policy with only the accounts the caller may see; relay-wide settings stay (a partner
// reads them: they are what its accounts get by default).
Policy visiblePolicy(const Access &access, const Policy &p)
{
    if (access.can(Permission::ReadAllAccounts))
        return p;
    Policy out = p;
    out.accounts.clear();
    for (const policy::Account &a : p.accounts) {
        if (access.seesAccount(a.login))
            out.accounts.append(a);
    }
    out.reindex();
    return out;
}

// A partner sends its view (visiblePolicy): its accounts go into the relay's policy in place
// of the ones it sees, every other account stays as it is. An account it cannot see that it
// sends anyway replaces the relay's too, so the diff shows (and the write refuses) any
// change to it.
Policy mergeVisible(const Access &access, const Policy &current, const Policy &submitted)
{
    if (access.can(Permission::ReadAllAccounts))
        return submitted;
    Policy merged = submitted;
    merged.accounts.clear();
    QSet<QString> placed;
    for (const policy::Account &a : current.accounts) {
        const policy::Account *sent = submitted.account(a.login);
        if (sent)
            merged.accounts.append(*sent);
        else if (!access.seesAccount(a.login))
            merged.accounts.append(a);
        placed.insert(a.login.toLower()); // logins are one account whatever their case
    }
    for (const policy::Account &a : submitted.accounts) {
        if (!placed.contains(a.login.toLower()))
            merged.accounts.append(a);
    }
    merged.reindex();
    return merged;
}

} // namespace

// A whole-policy error as a partner may read it: each problem in the paths of its own view
// (`submitted`), a clash with another tenant's account told from the partner's side without
// naming that account or its addresses, a problem elsewhere only as such.
Error partnerView(const Access &access, const Error &error, const Policy &merged,
                  const Policy &submitted)
{
    static const QRegularExpression accountPath(u"^accounts\\[(\\d+)\\](.*)$"_s);
    // The login a path of `merged` is in, and the rest of the path.
    const auto locate = [&](const QString &path) -> std::pair<QString, QString> {
        const auto m = accountPath.match(path);
        const qsizetype i = m.hasMatch() ? m.captured(1).toLongLong() : -1;
        if (i < 0 || i >= merged.accounts.size())
            return {};
        return {merged.accounts[i].login, m.captured(2)};
    };
    // The same place in the partner's view.
    const auto viewPath = [&](const QString &login, const QString &rest) {
        for (qsizetype i = 0; i < submitted.accounts.size(); ++i) {
            if (submitted.accounts[i].login.compare(login, Qt::CaseInsensitive) == 0)
                return u"accounts[%1]%2"_s.arg(i).arg(rest);
        }
        return u"accounts(%1)%2"_s.arg(login, rest);
    };
    // A reason's own references to other accounts (`"X" is already defined at accounts[7]`),
    // in the partner's terms: the relay's indexes tell how many accounts come before.
    static const QRegularExpression reference(u"accounts\\[(\\d+)\\]"_s);
    const auto scrub = [&](QString reason) {
        QString out;
        qsizetype from = 0;
        for (auto it = reference.globalMatch(reason); it.hasNext();) {
            const auto m = it.next();
            const auto [login, rest] = locate(m.captured(0));
            out += reason.mid(from, m.capturedStart() - from);
            out += !login.isEmpty() && access.seesAccount(login) ? viewPath(login, QString())
                                                                 : u"another account"_s;
            from = m.capturedEnd();
        }
        return out + reason.mid(from);
    };
    const auto clash = [](const QString &network) {
        return u"%1 overlaps an address another account uses: a client relays for one "
               u"account only"_s.arg(network);
    };
    QJsonArray shown;
    bool elsewhere = false;
    for (const QJsonValue &v : error.details.value(u"errors"_s).toArray()) {
        const QJsonObject p = v.toObject();
        const QString path = p.value(u"path"_s).toString();
        const auto [login, rest] = locate(path);
        const QJsonObject other = p.value(u"overlaps"_s).toObject();
        const QString otherLogin = other.value(u"account"_s).toString();
        if (!login.isEmpty() && access.seesAccount(login)) {
            QString reason = scrub(p.value(u"reason"_s).toString());
            if (!other.isEmpty()) {
                const auto [o, orest] = locate(other.value(u"path"_s).toString());
                reason = access.seesAccount(otherLogin)
                             ? u"%1 overlaps %2 of %3 (%4): a client relays for one account "
                               u"only"_s.arg(p.value(u"network"_s).toString(),
                                             other.value(u"network"_s).toString(), otherLogin,
                                             viewPath(o, orest))
                             : clash(p.value(u"network"_s).toString());
            }
            shown.append(QJsonObject{{u"path"_s, viewPath(login, rest)}, {u"reason"_s, reason}});
        } else if (!other.isEmpty() && access.seesAccount(otherLogin)) {
            // Found on the other account's side: told from the partner's own.
            const auto [o, orest] = locate(other.value(u"path"_s).toString());
            shown.append(QJsonObject{{u"path"_s, viewPath(o, orest)},
                                     {u"reason"_s, clash(other.value(u"network"_s).toString())}});
        } else if (path == u"accounts"_s) {
            shown.append(QJsonObject{
                {u"path"_s, path},
                {u"reason"_s, u"the relay holds at most %1 accounts: this change would take it "
                              u"past that"_s.arg(limits::MaxAccounts)}});
        } else {
            elsewhere = true;
        }
    }
    if (elsewhere)
        shown.append(QJsonObject{
            {u"path"_s, QString()},
            {u"reason"_s, u"the relay's policy has a problem outside your accounts: its admin "
                          u"must correct it"_s}});
    return policy::invalidPolicy(shown);
}

namespace {

// A partner's refusal for an address outside the domains granted to it (`what` it may not
// do, and the details naming the account and the address).
Error outsideDomains(const Context &ctx, const QString &what, QJsonObject details)
{
    const PartnerGrants &g = ctx.access.grants;
    details.insert(u"grant"_s, u"domains"_s);
    details.insert(u"granted_domains"_s, QJsonArray::fromStringList(g.domains));
    return Error(ErrorCode::PermissionDenied,
                 u"%1 (partner) may not %2: its domains are %3"_s.arg(
                     ctx.caller.user, what,
                     g.domains.isEmpty() ? u"none (ask the admin for a [grants] domains entry)"_s
                                         : g.domains.join(u", "_s)),
                 details);
}

// A partner's change stays within what the admin granted it: the sender domains it may
// authorize, the maxima of the limits it may set (without a grant: the relay's defaults).
std::optional<Error> checkGrants(const Context &ctx, const Policy &current,
                                 const QList<Change> &changes)
{
    const PartnerGrants &g = ctx.access.grants;
    for (const Change &c : changes) {
        if (c.op == Change::Op::Remove)
            continue;
        if (c.section == Change::Section::AccountSender && !g.coversDomain(c.item.section(u'@', 1)))
            return outsideDomains(ctx, u"authorize %1 for %2"_s.arg(c.item, c.account),
                                  {{u"account"_s, c.account}, {u"sender"_s, c.item}});
        // Copies of its accounts' mail go only where the partner may send from: an archive
        // address outside its domains would hand its customers' mail to anyone.
        if (c.section == Change::Section::AccountContent && c.field == u"bcc"_s &&
            c.after.toObject().value(u"mode"_s).toString() == u"address"_s) {
            const QString address = c.after.toObject().value(u"address"_s).toString();
            if (!g.coversDomain(address.section(u'@', 1)))
                return outsideDomains(ctx, u"archive %1's mail to %2"_s.arg(c.account, address),
                                      {{u"account"_s, c.account}, {u"address"_s, address}});
        }
        // The relay's own mail (alerts, suspensions) goes to an account's contact and abuse
        // addresses: a partner's, like its archive, only where it may send from; any other
        // address is the admin's to set.
        if (c.section == Change::Section::AccountAlerts &&
            (c.field == u"contact"_s || c.field == u"abuse"_s) && c.after.isString()) {
            const QString address = c.after.toString();
            if (!g.coversDomain(address.section(u'@', 1)))
                return outsideDomains(
                    ctx,
                    u"send %1's alerts to %2 (the admin sets such an address)"_s.arg(c.account,
                                                                                     address),
                    {{u"account"_s, c.account},
                     {u"address"_s, address},
                     {u"field"_s, u"alerts."_s + c.field}});
        }
        // A partner trusts one office, not a provider's network: /24 (IPv4) or /64 (IPv6) at
        // most; an admin up to the policy's own limits.
        if (c.section == Change::Section::AccountLimit && c.field == u"trusted_clients"_s) {
            for (const QJsonValue &v : c.after.toArray()) {
                const QString net = v.toString();
                const bool v6 = net.contains(u':');
                const int prefix = net.contains(u'/') ? net.section(u'/', 1).toInt() : 128;
                if (prefix < (v6 ? 64 : 24))
                    return Error(ErrorCode::PermissionDenied,
                                 u"%1 (partner) may trust networks of at most /%2 for %3, not %4"_s
                                     .arg(ctx.caller.user)
                                     .arg(v6 ? 64 : 24)
                                     .arg(c.account, net),
                                 {{u"account"_s, c.account}, {u"network"_s, net}});
            }
        }
        if (c.section == Change::Section::AccountLimit) {
            std::optional<qint64> cap;
            qint64 fallback = 0;
            if (c.field == u"daily_quota"_s) {
                cap = g.maxDailyQuota;
                fallback = current.limits.dailyQuota;
            } else if (c.field == u"max_recipients"_s) {
                cap = g.maxRecipients;
                fallback = current.limits.maxRecipients;
            } else if (c.field == u"max_message_size"_s) {
                cap = g.maxMessageSize;
                fallback = current.limits.maxMessageSize;
            } else {
                continue;
            }
            const qint64 value = qint64(c.after.toDouble());
            const qint64 maximum = cap.value_or(fallback);
            if (value > maximum) {
                const QString grant = cap ? u"max_"_s + c.field : u"limits."_s + c.field;
                const QString grantKey =
                    c.field == u"daily_quota"_s ? u"max_daily_quota"_s : c.field;
                return Error(ErrorCode::PermissionDenied,
                             u"%1 (partner) may set %2 of %3 to at most %4 (%5), not %6"_s.arg(
                                 ctx.caller.user, c.field, c.account, QString::number(maximum),
                                 cap ? u"its grant %1"_s.arg(grantKey)
                                     : u"the relay default, as it has no grant %1"_s.arg(grantKey),
                                 QString::number(value)),
                             {{u"account"_s, c.account},
                              {u"limit"_s, c.field},
                              {u"value"_s, double(value)},
                              {u"maximum"_s, double(maximum)},
                              {u"grant"_s, cap ? grantKey : grant}});
            }
        }
    }
    return std::nullopt;
}

// A suspension is set and cleared only by `accounts suspend|resume` (which check who may
// resume it): a partner's apply may not touch it, nor remove a suspended account (and add it
// again, clean).
std::optional<Error> checkSuspensions(const Context &ctx, const QString &kind,
                                      const Policy &current, const QList<Change> &changes)
{
    if (kind == u"accounts suspend"_s || kind == u"accounts resume"_s)
        return std::nullopt;
    for (const Change &c : changes) {
        const policy::Account *a = current.account(c.account);
        const bool touches =
            (c.section == Change::Section::AccountLimit && c.field == u"suspended"_s) ||
            (c.section == Change::Section::Account && c.op == Change::Op::Remove && a &&
             a->suspended);
        if (touches)
            return Error(ErrorCode::PermissionDenied,
                         u"%1 (partner) may not change the suspension of %2 with a policy "
                         u"write: use accounts suspend|resume"_s.arg(ctx.caller.user, c.account),
                         {{u"account"_s, c.account}, {u"field"_s, u"suspended"_s}});
    }
    return std::nullopt;
}

// What the relay itself must provide for a change: a BCC to an archive mailbox needs the
// relay's [archive] domain (Dovecot's LMTP), else every message would be tempfailed.
std::optional<Error> checkRelaySupports(const Context &ctx, const QList<Change> &changes)
{
    if (!ctx.config.archiveDomain.isEmpty())
        return std::nullopt;
    for (const Change &c : changes) {
        const bool bcc = (c.section == Change::Section::Content ||
                          c.section == Change::Section::AccountContent) &&
                         c.field == u"bcc"_s;
        if (!bcc || c.after.toObject().value(u"mode"_s).toString() != u"mailbox"_s)
            continue;
        const QString path = c.path() + u".mailbox"_s;
        const QString reason = u"this relay has no archive mailboxes: set [archive] domain in "
                               u"staffetta.conf first, or use mode \"address\""_s;
        return Error(
            ErrorCode::InvalidPolicy, path + u": "_s + reason,
            {{u"errors"_s, QJsonArray{QJsonObject{{u"path"_s, path}, {u"reason"_s, reason}}}}});
    }
    return std::nullopt;
}

// The relay-wide blacklist's cap depends on every account, so it is checked here, on the
// whole policy: a write may not take the list further over its cap than it already is (a
// list over it from a hand edit, or from an account removed, shrinks with any later edit).
std::optional<Error> checkBlacklistCap(const Policy &current, const Policy &next)
{
    const auto problem = policy::relayBlacklistProblem(next);
    if (!problem)
        return std::nullopt;
    const auto excess = [](const Policy &p) {
        return p.blacklist.size() - p.limits.relayBlacklistCapFor(p.accounts.size());
    };
    if (excess(next) <= std::max<qsizetype>(0, excess(current)))
        return std::nullopt;
    const QString path = u"blacklist"_s;
    return Error(
        ErrorCode::InvalidPolicy, path + u": "_s + *problem,
        {{u"errors"_s, QJsonArray{QJsonObject{{u"path"_s, path}, {u"reason"_s, *problem}}}}});
}

// The policy a write would make live, checked as a whole the way the parser checks a file.
// A partner's view is valid alone but may clash with what it cannot see: a network another
// account trusts, the relay's account cap. Nothing invalid is ever written: staffettad would
// keep enforcing the old policy, and every later verb would fail on the file.
std::optional<Error> checkWhole(const Context &ctx, const Policy &merged, const Policy &submitted)
{
    auto parsed = Policy::fromJsonObject(merged.toJsonObject());
    if (parsed)
        return std::nullopt;
    if (ctx.access.can(Permission::ReadAllAccounts))
        return parsed.error();
    return partnerView(ctx.access, parsed.error(), merged, submitted);
}

Result<int> revisionNumber(const QString &word)
{
    bool ok = false;
    const int n = word.toInt(&ok);
    if (!ok || n < 1)
        return Error(ErrorCode::BadRequest, u"'%1' is not a revision number"_s.arg(word));
    return n;
}

} // namespace

PolicyStore::Live accountsLive(const Context &ctx)
{
    return ctx.access.can(Permission::EditPolicy) ? PolicyStore::Live::MayBeBroken
                                                  : PolicyStore::Live::MustParse;
}

Result<api::ApplyResult> writePolicy(const Context &ctx, PolicyStore &store, const PolicyEdit &edit)
{
    // Who may write at all is the verb's permission (ctl.cpp); what a partner may touch is
    // checked below.
    const QString verb = auditVerb(edit.kind);
    auto current = store.current(author(ctx), edit.live);
    if (!current)
        return current.error();
    const PolicyStore::Current &cur = current.value();
    // No write without its audit row: the last revision's is still missing.
    if (!cur.unrecorded.isEmpty())
        return Error(ErrorCode::Unavailable,
                     u"revision %1 is live but its audit row could not be written (%2); no "
                     u"change is accepted until the audit log can be written"_s.arg(cur.revision)
                         .arg(cur.unrecorded));

    const int base = edit.base.value_or(cur.revision);
    if (base != cur.revision) {
        QJsonObject details{
            {u"base_revision"_s, base},
            {u"current_revision"_s, cur.revision},
            {u"current_policy"_s, policyObject(visiblePolicy(ctx.access, cur.policy))}};
        if (auto based = store.revision(base)) {
            details.insert(u"their_changes"_s,
                           policy::changesToJson(visibleChanges(
                               ctx.access, policy::diff(based.value(), cur.policy))));
            QJsonArray authors;
            for (int n = base + 1; n <= cur.revision; ++n) {
                if (auto info = store.revisionInfo(n)) {
                    policy::RevisionInfo shown = info.value();
                    shown.changes = visibleChanges(ctx.access, shown.changes);
                    if (shown.changes.size() != info.value().changes.size())
                        shown.comment.clear();
                    authors.append(shown.toJson());
                }
            }
            details.insert(u"their_revisions"_s, authors);
        }
        recordAudit(
            ctx, verb, u"conflict"_s, cur.revision,
            u"refused: based on revision %1, the relay is at %2"_s.arg(base).arg(cur.revision));
        return Error(ErrorCode::Conflict,
                     u"the policy changed since revision %1 (it is now at revision %2); "
                     u"nothing was written"_s.arg(base)
                         .arg(cur.revision),
                     details);
    }

    auto next = edit.edit(cur.policy);
    if (!next)
        return next.error();
    const Policy merged = mergeVisible(ctx.access, cur.policy, next.value());
    const QList<Change> changes = policy::diff(cur.policy, merged);
    if (auto refused = checkRelaySupports(ctx, changes))
        return *refused;
    if (ctx.access.can(Permission::EditPolicy)) {
        // (A partner cannot touch the relay-wide list; removing its own accounts is not barred
        // by it, nor told how many accounts the relay holds.)
        if (auto refused = checkBlacklistCap(cur.policy, merged))
            return *refused;
    } else {
        const policy::Reach reach = policy::reach(changes);
        // Named as the partner wrote them: the relay's own spelling of an account it does not
        // own would tell it that the account exists.
        QStringList outside;
        for (const QString &login : reach.accounts) {
            if (ctx.access.ownsAccount(login))
                continue;
            const policy::Account *sent = next.value().account(login);
            const QString named = sent ? sent->login : u"(an account you do not have)"_s;
            if (!outside.contains(named))
                outside.append(named);
        }
        if (reach.relayWide || !outside.isEmpty()) {
            // The summary names no account: the partner reads its own audit rows.
            ctx.refusal = {cur.revision, changes,
                           u"refused: partner change outside its accounts"_s};
            QString what = reach.relayWide ? u"relay-wide settings"_s : QString();
            if (!outside.isEmpty())
                what += (what.isEmpty() ? u""_s : u" and "_s) +
                        u"the accounts %1"_s.arg(outside.join(u", "_s));
            return Error(ErrorCode::PermissionDenied,
                         u"%1 (partner) may change only its own accounts, not %2"_s.arg(
                             ctx.caller.user, what),
                         {{u"accounts"_s, QJsonArray::fromStringList(outside)},
                          {u"relay_wide"_s, reach.relayWide}});
        }
        if (auto refused = checkGrants(ctx, cur.policy, changes)) {
            ctx.refusal = {cur.revision, changes, {}};
            return *refused;
        }
        if (auto refused = checkSuspensions(ctx, edit.kind, cur.policy, changes)) {
            ctx.refusal = {cur.revision, changes, {}};
            return *refused;
        }
    }
    // A rollback restores logins the relay had: they stay valid (newLoginProblem).
    for (const Change &c : changes) {
        if (c.section != Change::Section::Account || c.op != Change::Op::Add ||
            edit.kind == u"rollback"_s)
            continue;
        if (auto problem = policy::newLoginProblem(c.account))
            return api::badField(u"login"_s, u"%1 %2; nothing was written"_s.arg(
                                                 policy::quotedLogin(c.account), *problem));
    }
    if (auto refused = checkWhole(ctx, merged, next.value()))
        return *refused;
    if (changes.isEmpty() && cur.liveProblem.isEmpty()) {
        api::ApplyResult unchanged;
        unchanged.revision = cur.revision;
        unchanged.reloaded = true;
        return unchanged;
    }

    // The write runs to its end even if the SSH link drops: the verb is declared `writes`,
    // so its front-end keeps hang-up and termination out until the answer is written.
    QString comment = edit.comment;
    if (!cur.liveProblem.isEmpty())
        comment +=
            (comment.isEmpty() ? u""_s : u"; "_s) + ReplacedLiveFile + u": "_s + cur.liveProblem;
    policy::RevisionInfo info;
    QStringList removed;
    for (const Change &c : changes) {
        if (c.section == Change::Section::Account && c.op == Change::Op::Remove)
            removed.append(c.account);
    }
    if (auto intent = beginRemoval(ctx, removed); !intent)
        return intent.error();
    info.kind = edit.kind;
    info.author = author(ctx);
    info.comment = comment;
    // The audit row is written by the commit itself (PolicyStore's Recorder).
    auto committed = store.commit(cur, merged, info);
    if (!committed) {
        // Not live: the accounts keep their passwords. Made live after all (the rename done,
        // the directory's sync failed: the store finished the commit): theirs go.
        (void)finishInterruptedRemoval(ctx, store); // the commit's error is the one to report
        return committed.error();
    }
    const policy::RevisionInfo &done = committed.value().info;
    if (auto finished = finishRemoval(ctx, removed); !finished) {
        Error e = finished.error();
        e.message = u"revision %1 is live and no longer lists %2, but %3; the next call "
                    u"removes the password"_s.arg(done.number)
                        .arg(removed.join(u", "_s), e.message);
        return e;
    }

    api::ApplyResult result;
    result.revision = done.number;
    result.changed = true;
    result.changes = done.changes;
    result.auditError = committed.value().unrecorded;
    result.replacedBrokenLiveFile = cur.liveProblem;
    // Whether staffettad has it in force is the front-end's to wait for (waitForReload).
    result.reloadPending = true;
    result.sha256 = done.sha256;
    return result;
}

namespace {

// apply and rollback: the lock, then the write path.
Result<api::ApplyResult> write(const Context &ctx, const QString &kind, int base,
                               const Policy &next, QString comment,
                               PolicyStore::Live live = PolicyStore::Live::MustParse)
{
    PolicyStore store = openStore(ctx);
    auto lock = store.lock();
    if (!lock)
        return lock.error();
    if (auto finished = finishInterruptedRemoval(ctx, store); !finished)
        return finished.error();
    return writePolicy(ctx, store,
                       {kind, base, [&next](const Policy &) { return Result<Policy>(next); },
                        std::move(comment), live});
}

// A write's answer: the front-end fills in whether staffettad has it in force (waitForReload),
// once the write and its lock are done; then it is serialised, once.
Result<QJsonObject> writeAnswer(const Context &ctx, Result<api::ApplyResult> written)
{
    if (!written)
        return written.error();
    api::ApplyResult result = std::move(written).value();
    if (result.reloadPending && ctx.awaitReload)
        ctx.awaitReload(result);
    return result.toJson();
}

Result<PolicyStore::Current> readCurrent(const Context &ctx, PolicyStore &store,
                                         PolicyStore::Live live = PolicyStore::Live::MustParse)
{
    auto lock = store.lock();
    if (!lock)
        return lock.error();
    return store.current(author(ctx), live);
}

Result<QJsonObject> get(const Context &ctx, const api::NoRequest &)
{
    PolicyStore store = openStore(ctx);
    auto cur = readCurrent(ctx, store);
    if (!cur)
        return cur.error();
    api::PolicySnapshot result;
    result.revision = cur.value().revision;
    result.sha256 = policy::sha256Hex(cur.value().bytes);
    result.policy = visiblePolicy(ctx.access, cur.value().policy);
    result.role = roleName(ctx.access.role);
    result.accounts = ctx.access.accounts;
    if (!ctx.access.can(Permission::EditPolicy) && ctx.access.can(Permission::EditOwnAccounts)) {
        // What the partner may set, so an editor can say so before the relay refuses.
        const PartnerGrants &g = ctx.access.grants;
        const policy::Limits &l = cur.value().policy.limits;
        result.grants = api::PartnerGrants{g.domains, g.maxDailyQuota.value_or(l.dailyQuota),
                                           g.maxRecipients.value_or(l.maxRecipients),
                                           g.maxMessageSize.value_or(l.maxMessageSize)};
    }
    return result.toJson();
}

Result<QJsonObject> apply(const Context &ctx, const api::PolicyApplyRequest &request)
{
    if (auto checked = checkComment(u"comment"_s, request.comment); !checked) {
        recordAudit(ctx, u"policy apply"_s, checked.error().name(), request.baseRevision,
                    u"refused: "_s + checked.error().message);
        return checked.error();
    }
    return writeAnswer(
        ctx, write(ctx, u"apply"_s, request.baseRevision, request.policy, request.comment));
}

Result<QJsonObject> rollback(const Context &ctx, const api::PolicyRollbackRequest &request)
{
    if (ctx.words.size() != 2)
        return Error(ErrorCode::BadRequest, u"usage: policy rollback REVISION"_s);
    auto target = revisionNumber(ctx.words[1]);
    if (!target)
        return target.error();
    PolicyStore store = openStore(ctx);
    auto old = store.revision(target.value());
    if (!old)
        return old.error();
    // Like apply, a rollback names the revision it was based on; a person at a terminal
    // (no JSON request) means the current one.
    const QString comment =
        request.comment.value_or(u"rollback to revision %1"_s.arg(target.value()));
    if (auto checked = checkComment(u"comment"_s, comment); !checked)
        return checked.error();
    // Over a live file that cannot be used only an admin's: a partner may not overwrite what
    // the admin is repairing.
    const PolicyStore::Live live = accountsLive(ctx);
    int base = request.baseRevision.value_or(-1);
    if (base < 0) {
        auto cur = readCurrent(ctx, store, live);
        if (!cur)
            return cur.error();
        base = cur.value().revision;
    }
    // A rollback is also the way out when the live file is broken (torn, edited into invalid
    // JSON, removed): the revision replaces it. A partner rolls back the accounts it sees;
    // every other account stays as it is now.
    return writeAnswer(ctx, write(ctx, u"rollback"_s, base, visiblePolicy(ctx.access, old.value()),
                                  comment, live));
}

// policy diff: the request's policy against the current one, or diff A [B] between
// revisions (B defaults to the current one).
Result<QJsonObject> diffVerb(const Context &ctx, const api::PolicyDiffRequest &request)
{
    PolicyStore store = openStore(ctx);
    // Between revisions (a rollback's preview) a broken live file does not matter: the
    // current revision is the last good one, which staffettad still enforces.
    auto cur = readCurrent(ctx, store,
                           ctx.words.size() >= 2 ? PolicyStore::Live::MayBeBroken
                                                 : PolicyStore::Live::MustParse);
    if (!cur)
        return cur.error();
    Policy from = cur.value().policy, to;
    int fromRev = cur.value().revision, toRev = 0;
    if (ctx.words.size() == 1) {
        if (!request.policy)
            return Error(ErrorCode::BadRequest,
                         u"usage: policy diff FROM [TO], or a request with a \"policy\""_s);
        to = mergeVisible(ctx.access, from, *request.policy);
    } else if (ctx.words.size() <= 3 && !request.policy) {
        auto a = revisionNumber(ctx.words[1]);
        if (!a)
            return a.error();
        auto pa = store.revision(a.value());
        if (!pa)
            return pa.error();
        fromRev = a.value();
        from = pa.value();
        to = cur.value().policy;
        toRev = cur.value().revision;
        if (ctx.words.size() == 3) {
            auto b = revisionNumber(ctx.words[2]);
            if (!b)
                return b.error();
            auto pb = store.revision(b.value());
            if (!pb)
                return pb.error();
            to = pb.value();
            toRev = b.value();
        }
    } else {
        return Error(ErrorCode::BadRequest, u"usage: policy diff [FROM [TO]]"_s);
    }
    QJsonObject result{
        {u"from_revision"_s, fromRev},
        {u"changes"_s, policy::changesToJson(visibleChanges(ctx.access, policy::diff(from, to)))}};
    if (toRev > 0)
        result.insert(u"to_revision"_s, toRev);
    return result;
}

Result<QJsonObject> history(const Context &ctx, const api::NoRequest &)
{
    int limit = 50;
    if (ctx.words.size() == 2) {
        auto n = revisionNumber(ctx.words[1]);
        if (!n)
            return n.error();
        limit = n.value();
    }
    PolicyStore store = openStore(ctx);
    // Records an outside edit before listing. A broken live file does not hide the history:
    // it is where the way out (a rollback) is chosen; the answer says what is wrong.
    auto cur = readCurrent(ctx, store, PolicyStore::Live::MayBeBroken);
    if (!cur)
        return cur.error();
    auto list = store.history(limit);
    if (!list)
        return list.error();
    const bool all = ctx.access.can(Permission::ReadAllAccounts);
    QJsonArray revisions;
    for (const auto &r : list.value()) {
        // A partner sees the revisions that changed what it sees, with only those changes;
        // a comment is shown only when the revision changed nothing else.
        policy::RevisionInfo shown = r;
        shown.changes = visibleChanges(ctx.access, r.changes);
        if (shown.changes.size() != r.changes.size()) {
            if (shown.changes.isEmpty() && r.author.user != ctx.caller.user)
                continue;
            shown.comment.clear();
        }
        if (!all)
            shown.comment = partnerComment(shown.comment);
        revisions.append(shown.toJson());
    }
    QJsonObject result{{u"current_revision"_s, cur.value().revision}, {u"revisions"_s, revisions}};
    if (!cur.value().liveProblem.isEmpty())
        result.insert(u"live_problem"_s, all ? cur.value().liveProblem : livePolicyUnusable());
    return result;
}

} // namespace

QString livePolicyUnusable()
{
    return u"the relay's policy file cannot be used; the relay's admin must repair it (nothing "
           u"was done)"_s;
}

QString partnerComment(const QString &comment)
{
    const qsizetype at = comment.indexOf(ReplacedLiveFile);
    return at < 0 ? comment : comment.left(at + ReplacedLiveFile.size());
}

Error forbidden(const Context &ctx, const QString &what)
{
    return Error(ErrorCode::PermissionDenied,
                 u"%1 (role %2) may not %3 on this relay"_s.arg(ctx.caller.user,
                                                                roleName(ctx.access.role), what),
                 {{u"role"_s, roleName(ctx.access.role)}, {u"user"_s, ctx.caller.user}});
}

std::optional<Error> require(const Context &ctx, Permission permission, const QString &verb)
{
    if (ctx.access.can(permission))
        return std::nullopt;
    Error e = forbidden(ctx, permissionAction(permission));
    e.details.insert(u"permission"_s, permissionName(permission));
    e.details.insert(u"verb"_s, verb);
    return e;
}

void waitForReload(const Config &config, api::ApplyResult &result)
{
    result.reloadPending = false;
    result.reloaded = false;
    const auto notReloaded = [&result](const QString &code) {
        result.reloadCode = code;
        result.reloadMessage = api::reasonEnglish(code);
    };
    // staffettad (nudged with SIGHUP once after a second), then the content milter where it
    // is wired (it reloads when the file changes; SIGHUP would stop it: libmilter's rule).
    struct Daemon
    {
        QString marker;
        bool nudge;
        QString notRunning, timeout;
    };
    QList<Daemon> daemons{
        {u"staffettad.loaded"_s, true, u"staffettad_not_running"_s, u"reload_timeout"_s}};
    if (config.quotaCommitAtMilter)
        daemons.append({u"staffetta-milter.loaded"_s, false, u"milter_not_running"_s,
                        u"milter_reload_timeout"_s});
    int waited = 0;
    for (const Daemon &d : daemons) {
        const QString marker = QDir(config.stateDir).filePath(d.marker);
        bool nudged = false;
        for (;; waited += 50) {
            QFile f(marker);
            const QJsonObject m = f.open(QIODevice::ReadOnly)
                                      ? QJsonDocument::fromJson(f.readAll()).object()
                                      : QJsonObject();
            if (m.value(u"sha256"_s).toString() == result.sha256)
                break;
            const pid_t pid = pid_t(m.value(u"pid"_s).toInteger());
            if (pid <= 0 || ::kill(pid, 0) != 0)
                return notReloaded(d.notRunning);
            if (waited > 5000)
                return notReloaded(d.timeout);
            if (d.nudge && waited >= 1000 && !nudged) {
                ::kill(pid, SIGHUP);
                nudged = true;
            }
            QThread::msleep(50);
        }
    }
    result.reloaded = true;
}

namespace {

void changeLines(QTextStream &s, const QJsonArray &changes)
{
    for (const auto &c : changes) {
        if (auto change = Change::fromJson(c.toObject()))
            s << "  " << change.value().text() << '\n';
    }
}

QString getText(const QJsonObject &r)
{
    return u"# revision %1\n"_s.arg(r.value(u"revision"_s).toInt()) +
           QString::fromUtf8(
               QJsonDocument(r.value(u"policy"_s).toObject()).toJson(QJsonDocument::Indented));
}

QString writeText(const QJsonObject &o)
{
    const api::ApplyResult r = api::ApplyResult::fromJson(o);
    QString text;
    QTextStream s(&text);
    if (!r.changed)
        s << "no change; still revision " << r.revision << '\n';
    else
        s << "revision " << r.revision << ":\n";
    for (const Change &c : r.changes)
        s << "  " << c.text() << '\n';
    if (!r.replacedBrokenLiveFile.isEmpty())
        s << "replaced the live file, which could not be used: " << r.replacedBrokenLiveFile
          << '\n';
    if (!r.auditError.isEmpty())
        s << "warning: " << r.auditError << '\n';
    if (!r.reloadMessage.isEmpty())
        s << "warning: " << r.reloadMessage << '\n';
    return text;
}

QString diffText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    changeLines(s, r.value(u"changes"_s).toArray());
    return text;
}

QString historyText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    for (const auto &v : r.value(u"revisions"_s).toArray()) {
        const auto info = policy::RevisionInfo::fromJson(v.toObject());
        s << info.number << "  " << info.time.toLocalTime().toString(Qt::ISODate) << "  "
          << info.author.user << " (" << info.author.role << ") from " << info.author.origin << "  "
          << info.kind << "  " << info.changes.size() << " change(s)"
          << (info.comment.isEmpty() ? QString() : u"  "_s + info.comment) << '\n';
    }
    return text;
}

Result<QJsonObject> usage(const Context &ctx, const api::NoRequest &)
{
    PolicyStore store = openStore(ctx);
    auto cur = readCurrent(ctx, store);
    if (!cur)
        return cur.error();
    auto stats = stats::StatsStore::open(statePath(ctx, u"state.sqlite"_s));
    if (!stats)
        return stats.error();
    auto p = std::make_shared<const Policy>(cur.value().policy);
    const QDateTime now = QDateTime::currentDateTime();
    const policy::HourSpan window = policy::quotaWindowAt(p->limits.window, now);
    api::Usage result;
    result.time = now;
    result.window =
        p->limits.window == policy::QuotaWindow::Rolling24h ? u"rolling_24h"_s : u"calendar_day"_s;
    result.revision = cur.value().revision;
    const qint64 hour = policy::hourOf(now);
    // Each sender's count of the window (keys "login sender"), for the busiest of each account.
    QHash<QString, QHash<QString, qint64>> senders;
    if (std::any_of(p->accounts.cbegin(), p->accounts.cend(),
                    [&p](const policy::Account &a) { return p->senderDailyQuota(&a); })) {
        for (const auto &c : stats.value()->since(policy::metric::AcceptedSender, window.from)) {
            const qsizetype space = c.login.indexOf(u' ');
            if (space > 0 && c.hour <= window.to)
                senders[c.login.left(space)][c.login.mid(space + 1)] += c.count;
        }
    }
    for (const policy::Account &a : p->accounts) {
        if (!ctx.access.seesAccount(a.login))
            continue;
        const QString key = a.login.toLower();
        const qint64 used =
            stats.value()->sum(key, policy::metric::AcceptedExternal, window.from, window.to);
        api::AccountUsage u;
        u.login = a.login;
        u.used = used;
        u.quota = p->dailyQuota(&a);
        u.overridden = a.dailyQuota.has_value();
        if ((u.hourlyQuota = p->hourlyQuota(&a)))
            u.usedThisHour = stats.value()->sum(key, policy::metric::AcceptedExternal, hour, hour);
        if ((u.senderQuota = p->senderDailyQuota(&a))) {
            const QHash<QString, qint64> &mine = senders[key];
            for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
                if (it.value() > u.topSenderUsed ||
                    (it.value() == u.topSenderUsed && it.key() < u.topSender)) {
                    u.topSender = it.key();
                    u.topSenderUsed = it.value();
                }
            }
        }
        result.accounts.append(u);
    }
    return result.toJson();
}

QString usageText(const QJsonObject &o)
{
    const api::Usage r = api::Usage::fromJson(o);
    QString text;
    QTextStream s(&text);
    s << "quota window: " << r.window << '\n';
    for (const api::AccountUsage &a : r.accounts) {
        s << a.login << ": " << a.used << " / " << a.quota;
        if (a.hourlyQuota)
            s << ", this hour " << a.usedThisHour << " / " << *a.hourlyQuota;
        if (a.senderQuota && !a.topSender.isEmpty())
            s << ", busiest sender " << a.topSender << " " << a.topSenderUsed << " / "
              << *a.senderQuota;
        s << '\n';
    }
    return text;
}

Result<QJsonObject> audit(const Context &ctx, const api::NoRequest &)
{
    int limit = 100;
    if (ctx.words.size() == 1) {
        bool ok = false;
        limit = ctx.words[0].toInt(&ok);
        if (!ok || limit < 1)
            return Error(ErrorCode::BadRequest, u"usage: audit [COUNT]"_s);
    }
    QDir().mkpath(ctx.config.stateDir);
    auto log = stats::AuditLog::open(statePath(ctx, u"state.sqlite"_s));
    if (!log)
        return log.error();
    // A partner's view is filtered: read further back to fill its page (bounded).
    const bool all = ctx.access.can(Permission::ReadAllAccounts);
    auto entries = log.value()->list(all ? limit : qMin(limit * 20, 20000));
    if (!entries)
        return entries.error();
    QJsonArray out;
    for (const auto &e : entries.value()) {
        if (out.size() >= limit)
            break;
        if (all) {
            out.append(e.toJson());
            continue;
        }
        // A partner sees its own entries, and others' policy changes of its accounts, with
        // only those changes (and no free-text summary, which could name other accounts).
        auto changes = policy::changesFromJson(e.changes);
        const QList<Change> shown =
            changes ? visibleChanges(ctx.access, changes.value()) : QList<Change>();
        if (e.user != ctx.caller.user && shown.isEmpty())
            continue;
        stats::AuditEntry filtered = e;
        filtered.changes = policy::changesToJson(shown);
        if (e.user != ctx.caller.user) {
            QStringList lines;
            for (const Change &c : shown)
                lines.append(c.text());
            filtered.summary = lines.join(u"; "_s);
        } else {
            filtered.summary = partnerComment(e.summary);
        }
        out.append(filtered.toJson());
    }
    return QJsonObject{{u"entries"_s, out}};
}

QString auditText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    for (const auto &v : r.value(u"entries"_s).toArray()) {
        const auto e = stats::AuditEntry::fromJson(v.toObject());
        s << e.time.toLocalTime().toString(Qt::ISODate) << "  " << e.user << " (" << e.role
          << ") from " << e.origin << "  " << e.verb << "  " << e.outcome;
        if (e.revision > 0)
            s << "  r" << e.revision;
        s << "  " << e.summary << '\n';
    }
    return text;
}

} // namespace

QList<Verb> policyVerbs()
{
    return {
        verb<api::NoRequest>(api::verbs::PolicyGet, {}, Permission::ReadPolicy, get, getText),
        // Anything beyond the caller's own accounts needs EditPolicy (the write checks).
        verb<api::PolicyApplyRequest>(api::verbs::PolicyApply, {}, Permission::EditOwnAccounts,
                                      apply, writeText, false, true),
        verb<api::PolicyDiffRequest>(api::verbs::PolicyDiff, u"[FROM [TO]]"_s,
                                     Permission::ReadPolicy, diffVerb, diffText),
        verb<api::NoRequest>(api::verbs::PolicyHistory, u"[N]"_s, Permission::ReadPolicy, history,
                             historyText),
        verb<api::PolicyRollbackRequest>(api::verbs::PolicyRollback, u"REV"_s,
                                         Permission::EditOwnAccounts, rollback, writeText, false,
                                         true),
        verb<api::NoRequest>(api::verbs::Usage, {}, Permission::ReadPolicy, usage, usageText),
        verb<api::NoRequest>(api::verbs::Audit, u"[N]"_s, Permission::ReadPolicy, audit, auditText),
    };
}

} // namespace staffetta::ctl
