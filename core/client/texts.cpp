#include "texts.h"

#include "api/reasons.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace staffetta::client {

using namespace Qt::Literals::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(staffetta::client)
};

std::optional<Permission> permissionFromName(const QString &name)
{
    for (const Permission p : allPermissions()) {
        if (permissionName(p) == name)
            return p;
    }
    return std::nullopt;
}

// invalid_policy's errors: a pattern's problem is worded here from its code; other reasons
// keep the relay's English. At most five, like the relay's message.
QString invalidPolicyText(const Error &e)
{
    const QJsonArray errors = e.details.value(u"errors"_s).toArray();
    if (errors.isEmpty())
        return e.message;
    QStringList lines;
    for (qsizetype i = 0; i < std::min<qsizetype>(errors.size(), 5); ++i) {
        const QJsonObject o = errors[i].toObject();
        QString reason = o.value(u"reason"_s).toString();
        if (auto problem = policy::PatternProblem::fromJson(o))
            reason = Tr::tr("%1 is not a valid pattern: %2")
                         .arg(o.value(u"pattern"_s).toString(), patternProblemText(*problem));
        lines.append(u"%1: %2"_s.arg(o.value(u"path"_s).toString(), reason));
    }
    if (errors.size() > 5)
        lines.append(Tr::tr("(%1 more)").arg(errors.size() - 5));
    return lines.join(u"; "_s);
}

} // namespace

QString permissionText(Permission permission)
{
    switch (permission) {
    case Permission::ReadStatus:
        return Tr::tr("see the relay's status");
    case Permission::ReadPolicy:
        return Tr::tr("read the policy, usage and audit");
    case Permission::ReadQueue:
        return Tr::tr("read the mail queue");
    case Permission::ReadBans:
        return Tr::tr("read the bans and the whitelist");
    case Permission::ReadAllAccounts:
        return Tr::tr("see every account");
    case Permission::EditOwnAccounts:
        return Tr::tr("change the policy");
    case Permission::EditPolicy:
        return Tr::tr("change every account and the relay-wide settings");
    case Permission::Unban:
        return Tr::tr("unban addresses");
    case Permission::Whitelist:
        return Tr::tr("change the whitelist");
    case Permission::WhitelistWide:
        return Tr::tr("whitelist networks wider than /24 (IPv4) or /64 (IPv6)");
    case Permission::ChangeQueue:
        return Tr::tr("change the mail queue");
    case Permission::AckAlerts:
        return Tr::tr("acknowledge alerts");
    case Permission::CheckReputation:
        return Tr::tr("check the relay's reputation");
    }
    return {};
}

QString roleText(const QString &role)
{
    const std::optional<Role> known = roleFromName(role);
    if (!known)
        return role;
    switch (*known) {
    case Role::Admin:
        return Tr::tr("admin");
    case Role::Partner:
        return Tr::tr("partner");
    case Role::Helpdesk:
        return Tr::tr("helpdesk");
    case Role::Viewer:
        return Tr::tr("viewer");
    case Role::None:
        return Tr::tr("no role");
    }
    return role;
}

QString errorText(const Error &e)
{
    const QJsonObject &d = e.details;
    switch (e.code) {
    case ErrorCode::PermissionDenied: {
        if (d.contains(u"accounts"_s) || d.contains(u"relay_wide"_s)) {
            const QStringList accounts = d.value(u"accounts"_s).toVariant().toStringList();
            if (d.value(u"relay_wide"_s).toBool())
                return Tr::tr("You may change only your own accounts, not the relay-wide "
                              "settings.");
            return Tr::tr("You may change only your own accounts, not %1.")
                .arg(accounts.join(u", "_s));
        }
        if (d.value(u"grant"_s).toString() == u"domains"_s) {
            const QString domains =
                d.value(u"granted_domains"_s).toVariant().toStringList().join(u", "_s);
            const QString account = d.value(u"account"_s).toString();
            if (d.contains(u"sender"_s))
                return Tr::tr("You may not authorize %1 for %2: your sender domains are %3.")
                    .arg(d.value(u"sender"_s).toString(), account, domains);
            if (d.value(u"field"_s).toString().startsWith(u"alerts."_s))
                return Tr::tr("You may not send the alerts of %1 to %2: your domains are %3; "
                              "the relay's admin can set another address.")
                    .arg(account, d.value(u"address"_s).toString(), domains);
            return Tr::tr("You may not archive the mail of %1 to %2: your domains are %3.")
                .arg(account, d.value(u"address"_s).toString(), domains);
        }
        if (d.contains(u"maximum"_s))
            return Tr::tr("You may set %1 of %2 to at most %3, not %4.")
                .arg(d.value(u"limit"_s).toString(), d.value(u"account"_s).toString(),
                     QString::number(d.value(u"maximum"_s).toInteger()),
                     QString::number(d.value(u"value"_s).toInteger()));
        if (const auto p = permissionFromName(d.value(u"permission"_s).toString()))
            return Tr::tr("Your role (%1) may not %2 on this relay.")
                .arg(d.value(u"role"_s).toString(), permissionText(*p));
        return Tr::tr("Your role (%1) may not do this on this relay.")
            .arg(d.value(u"role"_s).toString());
    }
    case ErrorCode::Conflict:
        return Tr::tr("The policy changed since revision %1 (it is now at revision %2); nothing "
                      "was written.")
            .arg(d.value(u"base_revision"_s).toInt())
            .arg(d.value(u"current_revision"_s).toInt());
    case ErrorCode::NotFound: {
        const QString reason = d.value(u"reason"_s).toString();
        if (reason == u"not_banned"_s)
            return Tr::tr("%1 is not banned in any jail.").arg(d.value(u"address"_s).toString());
        if (reason == u"not_whitelisted"_s)
            return Tr::tr("%1 is not on the whitelist.").arg(d.value(u"address"_s).toString());
        if (d.contains(u"id"_s))
            return Tr::tr("Message %1 is no longer in the queue.").arg(d.value(u"id"_s).toString());
        break;
    }
    case ErrorCode::RequestTooLarge:
        return Tr::tr("The request is larger than the %1 bytes the relay accepts; nothing was "
                      "done.")
            .arg(d.value(u"limit"_s).toInteger());
    case ErrorCode::InvalidPolicy:
        return Tr::tr("The relay refused the policy: %1").arg(invalidPolicyText(e));
    case ErrorCode::UnknownVerb:
        return Tr::tr("The relay does not know the command '%1' (is it an older version?).")
            .arg(d.value(u"verb"_s).toString());
    default:
        break;
    }
    return e.message;
}

QString failureKindText(api::FailureKind kind)
{
    switch (kind) {
    case api::FailureKind::WrongCredentials:
        return Tr::tr("wrong credentials");
    case api::FailureKind::AuthWithoutTls:
        return Tr::tr("AUTH without TLS");
    case api::FailureKind::DroppedDuringAuth:
        return Tr::tr("connection dropped during AUTH");
    case api::FailureKind::UnauthorizedSender:
        return Tr::tr("unauthorized sender");
    case api::FailureKind::None:
        break;
    }
    return {};
}

QStringList failedLogins(const api::AddressReport &report)
{
    static const QRegularExpression login(u"\\bsasl_username=([^\\s,]+)"_s);
    QStringList logins;
    for (const api::LogLine &l : report.lines) {
        if (l.reason == api::FailureKind::None)
            continue;
        if (const auto m = login.match(l.text); m.hasMatch() && !logins.contains(m.captured(1)))
            logins.append(m.captured(1));
    }
    return logins;
}

QString failureExplanation(const api::AddressReport &report)
{
    const api::FailureKind kind = report.reason;
    int count = report.reasonCounts.value(api::failureKindName(kind));
    if (count == 0) {
        for (const api::LogLine &l : report.lines)
            count += l.reason == kind ? 1 : 0;
    }
    const QStringList logins = failedLogins(report);
    const QString as = logins.join(u", "_s);
    switch (kind) {
    case api::FailureKind::WrongCredentials:
        return logins.isEmpty()
                   ? Tr::tr("%n failed login(s) — the customer's mail program probably has an "
                            "old password.",
                            nullptr, count)
                   : Tr::tr("%n failed login(s) as %1 — the customer's mail program probably "
                            "has an old password.",
                            nullptr, count)
                         .arg(as);
    case api::FailureKind::AuthWithoutTls:
        return Tr::tr("%n login(s) tried without encryption — the customer's mail program must "
                      "use STARTTLS (or SSL/TLS) for the outgoing server.",
                      nullptr, count);
    case api::FailureKind::DroppedDuringAuth:
        return Tr::tr("%n connection(s) dropped in the middle of a login — a mail program that "
                      "gives up, or someone trying passwords.",
                      nullptr, count);
    case api::FailureKind::UnauthorizedSender:
        return Tr::tr("%n message(s) from a sender address the account may not use — the "
                      "customer's mail program sends as an address that is not theirs.",
                      nullptr, count);
    case api::FailureKind::None:
        break;
    }
    return report.bans.isEmpty()
               ? Tr::tr("The logs show no failure from this address.")
               : Tr::tr("The logs show no failure from this address: the ban comes from older "
                        "log lines or from another jail.");
}

QString whitelistWarning()
{
    return Tr::tr("Whitelisting lets a misconfigured mail program retry forever: fix its "
                  "settings first, and whitelist only an address you know.");
}

QString reasonText(const QString &code, const QString &fallback)
{
    const char *source = api::reasonSource(code);
    return source ? QCoreApplication::translate("staffetta::api", source) : fallback;
}

QString actionReasonText(const api::ActionResult &r)
{
    return reasonText(r.reason, r.detail);
}

QString patternProblemText(const policy::PatternProblem &p)
{
    return p.withArgument(QCoreApplication::translate("staffetta::policy", p.text()));
}

namespace {

// What people call a field of the policy ("daily_quota" -> "daily quota"); a field newer than
// this console keeps its name.
QString fieldWord(const QString &field)
{
    if (field == u"daily_quota")
        return Tr::tr("daily quota");
    if (field == u"max_recipients")
        return Tr::tr("recipients per message");
    if (field == u"max_message_size")
        return Tr::tr("message size limit");
    if (field == u"quota_window")
        return Tr::tr("quota window");
    if (field == u"hourly_quota")
        return Tr::tr("hourly quota");
    if (field == u"sender_daily_quota")
        return Tr::tr("daily quota per sender address");
    if (field == u"trusted_clients")
        return Tr::tr("trusted addresses");
    if (field == u"blacklist_cap")
        return Tr::tr("blacklist cap");
    if (field == u"blacklist_cap_per_account")
        return Tr::tr("blacklist entries added for each account");
    if (field == u"account_blacklist_cap")
        return Tr::tr("blacklist cap of each account");
    if (field == u"language")
        return Tr::tr("language");
    if (field == u"attachments.mode")
        return Tr::tr("attachment rule");
    if (field == u"attachments.allowed")
        return Tr::tr("allowed attachments");
    if (field == u"attachments.notice.it")
        return Tr::tr("Italian attachment notice");
    if (field == u"attachments.notice.en")
        return Tr::tr("English attachment notice");
    if (field == u"bcc")
        return Tr::tr("BCC archive");
    if (field == u"abuse")
        return Tr::tr("abuse address");
    if (field == u"notify")
        return Tr::tr("alert recipients");
    if (field == u"contact")
        return Tr::tr("contact");
    if (field.startsWith(u"rules."))
        return Tr::tr("alert rule %1").arg(field.mid(6));
    return field;
}

// A value as people read it, in the console's language: numbers grouped ("1,000", "1.000"),
// sizes in MB, lists as lists, words for the known names.
QString valueWords(const QString &field, const QJsonValue &v)
{
    if (v.isDouble()) {
        const qint64 n = qint64(v.toDouble());
        if (field == u"max_message_size") {
            constexpr qint64 MiB = 1024 * 1024;
            return n % MiB == 0
                       ? Tr::tr("%1 MB").arg(QLocale().toString(n / MiB))
                       : QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
        }
        return QLocale().toString(n);
    }
    if (v.isBool())
        return v.toBool() ? Tr::tr("yes") : Tr::tr("no");
    if (v.isString()) {
        const QString t = v.toString();
        if (field.endsWith(u"attachments.mode"))
            return t == u"allow_list" ? Tr::tr("allow-list")
                   : t == u"off"      ? Tr::tr("none, every attachment passes")
                                      : t;
        if (field == u"quota_window")
            return t == u"rolling_24h" ? Tr::tr("the last 24 hours") : Tr::tr("the calendar day");
        if (field == u"language")
            return t == u"it" ? Tr::tr("Italian") : t == u"en" ? Tr::tr("English") : t;
        return t;
    }
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items.append(item.isString()
                             ? item.toString()
                             : QString::fromUtf8(
                                   QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact))
                                   .mid(1)
                                   .chopped(1));
        return items.isEmpty() ? Tr::tr("none") : items.join(u", "_s);
    }
    if (v.isObject() && field == u"bcc") {
        const QJsonObject o = v.toObject();
        const QString mode = o.value(u"mode"_s).toString();
        if (mode == u"off")
            return Tr::tr("off");
        if (mode == u"address")
            return Tr::tr("copies to %1").arg(o.value(u"address"_s).toString());
        if (mode == u"mailbox")
            return o.value(u"mailbox"_s).toString().isEmpty()
                       ? Tr::tr("copies to the relay's archive mailbox")
                       : Tr::tr("copies to the archive mailbox %1")
                             .arg(o.value(u"mailbox"_s).toString());
    }
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

// The relay's value of a limit an account overrides: what a new override replaces, and what
// a removed one gives way to. Null for a limit that is off.
std::optional<QJsonValue> relayDefault(const QString &field, const policy::Policy &p)
{
    const policy::Limits &l = p.limits;
    if (field == u"daily_quota")
        return QJsonValue(l.dailyQuota);
    if (field == u"max_recipients")
        return QJsonValue(l.maxRecipients);
    if (field == u"max_message_size")
        return QJsonValue(double(l.maxMessageSize));
    if (field == u"hourly_quota")
        return l.hourlyQuota ? QJsonValue(*l.hourlyQuota) : QJsonValue();
    if (field == u"sender_daily_quota")
        return l.senderDailyQuota ? QJsonValue(*l.senderDailyQuota) : QJsonValue();
    return std::nullopt;
}

QString withReply(const QString &pattern, const QJsonValue &message)
{
    return message.toString().isEmpty()
               ? pattern
               : Tr::tr("%1 (reply: “%2”)").arg(pattern, message.toString());
}

} // namespace

QString changeText(const policy::Change &c, const policy::Policy *relay)
{
    using Op = policy::Change::Op;
    using Section = policy::Change::Section;
    switch (c.section) {
    case Section::LocalDomain:
        return c.op == Op::Remove ? Tr::tr("Local domain %1 removed").arg(c.item)
                                  : Tr::tr("Local domain %1 added").arg(c.item);
    case Section::TestDomain:
        if (c.op == Op::Remove)
            return Tr::tr("Test domain %1 removed").arg(c.item);
        if (c.op == Op::Add)
            return Tr::tr("Test domain %1 added, %n address(es)", nullptr, c.after.toInt())
                .arg(c.item);
        return Tr::tr("Test domain %1: addresses %2 → %3")
            .arg(c.item, valueWords({}, c.before), valueWords({}, c.after));
    case Section::Account:
        return c.op == Op::Remove ? Tr::tr("Account %1 removed").arg(c.account)
                                  : Tr::tr("New account %1").arg(c.account);
    case Section::AccountSender:
        return c.op == Op::Remove ? Tr::tr("%1 may no longer send as %2").arg(c.account, c.item)
                                  : Tr::tr("%1 may send as %2").arg(c.account, c.item);
    case Section::Blacklist:
    case Section::AccountBlacklist: {
        const QString who = c.section == Section::Blacklist ? Tr::tr("Every account") : c.account;
        switch (c.op) {
        case Op::Add:
            return Tr::tr("%1: sender %2 refused").arg(who, withReply(c.item, c.after));
        case Op::Remove:
            return Tr::tr("%1: sender %2 no longer refused").arg(who, withReply(c.item, c.before));
        case Op::Modify:
            return Tr::tr("%1: the reply to sender %2: “%3” → “%4”")
                .arg(who, c.item, c.before.toString(), c.after.toString());
        }
        break;
    }
    case Section::Limit:
    case Section::Content:
    case Section::Alerts: {
        const QString field = fieldWord(c.field);
        switch (c.op) {
        case Op::Add:
            return Tr::tr("Relay-wide %1: %2").arg(field, valueWords(c.field, c.after));
        case Op::Remove:
            return Tr::tr("Relay-wide %1 removed (was %2)")
                .arg(field, valueWords(c.field, c.before));
        case Op::Modify:
            return Tr::tr("Relay-wide %1: %2 → %3")
                .arg(field, valueWords(c.field, c.before), valueWords(c.field, c.after));
        }
        break;
    }
    case Section::AccountLimit:
    case Section::AccountContent:
    case Section::AccountAlerts: {
        if (c.section == Section::AccountLimit && c.field == u"suspended") {
            if (c.op == Op::Remove)
                return Tr::tr("%1: resumed").arg(c.account);
            const QJsonObject s = c.after.toObject();
            return Tr::tr("%1: suspended by %2 (%3): %4")
                .arg(c.account, s.value(u"by"_s).toString(), s.value(u"role"_s).toString(),
                     s.value(u"reason"_s).toString());
        }
        const QString field = fieldWord(c.field);
        const std::optional<QJsonValue> fallback = relay && c.section == Section::AccountLimit
                                                       ? relayDefault(c.field, *relay)
                                                       : std::nullopt;
        const auto valueOrOff = [&c](const QJsonValue &v) {
            return v.isNull() ? Tr::tr("off") : valueWords(c.field, v);
        };
        switch (c.op) {
        case Op::Add:
            if (fallback && fallback->isNull())
                return Tr::tr("%1: %2 %3 (the relay's is off)")
                    .arg(c.account, field, valueWords(c.field, c.after));
            if (fallback)
                return Tr::tr("%1: %2 %3 (instead of the relay's %4)")
                    .arg(c.account, field, valueWords(c.field, c.after), valueOrOff(*fallback));
            return Tr::tr("%1: %2 %3 (its own)")
                .arg(c.account, field, valueWords(c.field, c.after));
        case Op::Remove:
            if (fallback)
                return Tr::tr("%1: %2 back to the relay's %3 (was %4)")
                    .arg(c.account, field, valueOrOff(*fallback), valueWords(c.field, c.before));
            return Tr::tr("%1: %2 back to the relay's (was %3)")
                .arg(c.account, field, valueWords(c.field, c.before));
        case Op::Modify:
            return Tr::tr("%1: %2 %3 → %4")
                .arg(c.account, field, valueWords(c.field, c.before), valueWords(c.field, c.after));
        }
        break;
    }
    }
    return c.text(
        [](const char *sentence) { return QCoreApplication::translate("PolicyChange", sentence); });
}

QString reloadText(const QString &code, const QString &message)
{
    return reasonText(code, message);
}

} // namespace staffetta::client
