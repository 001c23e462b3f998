#include "texts.h"

#include "api/reasons.h"

#include <QCoreApplication>
#include <QJsonArray>
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
    }
    return {};
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
        if (d.value(u"grant"_s).toString() == u"domains"_s)
            return Tr::tr("You may not authorize %1 for %2: your sender domains are %3.")
                .arg(d.value(u"sender"_s).toString(), d.value(u"account"_s).toString(),
                     d.value(u"granted_domains"_s).toVariant().toStringList().join(u", "_s));
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

using policy::Change;

// The name of a limit (a relay default or an account's override) in words.
QString limitName(const QString &field)
{
    static const std::array<std::pair<QLatin1StringView, const char *>, 10> names{{
        {"daily_quota"_L1, QT_TRANSLATE_NOOP("staffetta::client", "daily quota")},
        {"max_recipients"_L1, QT_TRANSLATE_NOOP("staffetta::client", "recipients per message")},
        {"max_message_size"_L1, QT_TRANSLATE_NOOP("staffetta::client", "maximum message size")},
        {"quota_window"_L1, QT_TRANSLATE_NOOP("staffetta::client", "quota window")},
        {"hourly_quota"_L1, QT_TRANSLATE_NOOP("staffetta::client", "hourly limit")},
        {"sender_daily_quota"_L1, QT_TRANSLATE_NOOP("staffetta::client", "daily limit per sender")},
        {"blacklist_cap"_L1, QT_TRANSLATE_NOOP("staffetta::client", "relay-wide blacklist cap")},
        {"blacklist_cap_per_account"_L1,
         QT_TRANSLATE_NOOP("staffetta::client", "relay-wide blacklist entries per account")},
        {"account_blacklist_cap"_L1,
         QT_TRANSLATE_NOOP("staffetta::client", "blacklist cap per account")},
        {"trusted_clients"_L1, QT_TRANSLATE_NOOP("staffetta::client", "trusted addresses")},
    }};
    for (const auto &[name, words] : names) {
        if (field == name)
            return QCoreApplication::translate("staffetta::client", words);
    }
    return field;
}

// A limit's value as people read it: numbers with the language's separators, sizes in units,
// the window in words, a list joined.
QString limitValue(const QString &field, const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return Tr::tr("off");
    if (field == u"max_message_size"_s)
        return QLocale().formattedDataSize(qint64(v.toDouble()), 1,
                                           QLocale::DataSizeTraditionalFormat);
    if (field == u"quota_window"_s)
        return v.toString() == u"rolling_24h"_s ? Tr::tr("rolling 24 hours")
                                                : Tr::tr("calendar day");
    if (v.isDouble())
        return QLocale().toString(qint64(v.toDouble()));
    if (v.isArray()) {
        QStringList items;
        for (const QJsonValue &i : v.toArray())
            items.append(i.toString());
        return items.isEmpty() ? Tr::tr("none") : items.join(u", "_s);
    }
    return v.toString();
}

// The relay's value of a limit an account overrides (what the override replaces).
std::optional<QJsonValue> relayDefault(const QString &field, const policy::Policy &p)
{
    const policy::Limits &l = p.limits;
    if (field == u"daily_quota"_s)
        return QJsonValue(l.dailyQuota);
    if (field == u"max_recipients"_s)
        return QJsonValue(l.maxRecipients);
    if (field == u"max_message_size"_s)
        return QJsonValue(double(l.maxMessageSize));
    if (field == u"hourly_quota"_s)
        return l.hourlyQuota ? QJsonValue(*l.hourlyQuota) : QJsonValue();
    if (field == u"sender_daily_quota"_s)
        return l.senderDailyQuota ? QJsonValue(*l.senderDailyQuota) : QJsonValue();
    return std::nullopt;
}

QString withMessage(const QString &pattern, const QJsonValue &message)
{
    return message.toString().isEmpty()
               ? pattern
               : Tr::tr("%1 (message: \"%2\")").arg(pattern, message.toString());
}

std::optional<QString> plainWords(const Change &c, const policy::Policy *relay)
{
    using Op = Change::Op;
    using S = Change::Section;
    switch (c.section) {
    case S::LocalDomain:
        return c.op == Op::Add ? Tr::tr("New local domain %1").arg(c.item)
                               : Tr::tr("Local domain %1 removed").arg(c.item);
    case S::TestDomain:
        if (c.op == Op::Add)
            return Tr::tr("New test domain %1 (%2 addresses)")
                .arg(c.item, QLocale().toString(c.after.toInt()));
        if (c.op == Op::Remove)
            return Tr::tr("Test domain %1 removed").arg(c.item);
        return Tr::tr("Test domain %1: %2 → %3 addresses")
            .arg(c.item, QLocale().toString(c.before.toInt()), QLocale().toString(c.after.toInt()));
    case S::Account:
        return c.op == Op::Add ? Tr::tr("New account %1").arg(c.account)
                               : Tr::tr("Account %1 removed").arg(c.account);
    case S::AccountSender:
        return c.op == Op::Add ? Tr::tr("%1 may send as %2").arg(c.account, c.item)
                               : Tr::tr("%1 may no longer send as %2").arg(c.account, c.item);
    case S::Blacklist:
    case S::AccountBlacklist: {
        const QString list = c.section == S::Blacklist ? Tr::tr("Relay-wide blacklist")
                                                       : Tr::tr("%1's blacklist").arg(c.account);
        if (c.op == Op::Add)
            return Tr::tr("%1: %2 added").arg(list, withMessage(c.item, c.after));
        if (c.op == Op::Remove)
            return Tr::tr("%1: %2 removed").arg(list, c.item);
        return Tr::tr("%1: %2, message \"%3\" → \"%4\"")
            .arg(list, c.item, c.before.toString(), c.after.toString());
    }
    case S::Limit: {
        const QString name = limitName(c.field);
        return Tr::tr("Relay default: %1 %2 → %3")
            .arg(name, limitValue(c.field, c.before), limitValue(c.field, c.after));
    }
    case S::AccountLimit: {
        if (c.field == u"suspended"_s) {
            const QJsonObject s = (c.op == Op::Remove ? c.before : c.after).toObject();
            return c.op == Op::Remove
                       ? Tr::tr("%1: resumed").arg(c.account)
                       : Tr::tr("%1: suspended by %2 (%3): %4")
                             .arg(c.account, s.value(u"by"_s).toString(),
                                  s.value(u"role"_s).toString(), s.value(u"reason"_s).toString());
        }
        if (c.field == u"trusted_clients"_s) {
            if (c.op == Op::Add)
                return Tr::tr("%1: trusted addresses %2")
                    .arg(c.account, limitValue(c.field, c.after));
            if (c.op == Op::Remove)
                return Tr::tr("%1: no trusted addresses any more (were %2)")
                    .arg(c.account, limitValue(c.field, c.before));
        }
        const QString name = limitName(c.field);
        const std::optional<QJsonValue> fallback =
            relay ? relayDefault(c.field, *relay) : std::nullopt;
        switch (c.op) {
        case Op::Modify:
            return Tr::tr("%1: %2 %3 → %4")
                .arg(c.account, name, limitValue(c.field, c.before), limitValue(c.field, c.after));
        case Op::Add:
            if (fallback)
                return Tr::tr("%1: %2 %3 (instead of the default %4)")
                    .arg(c.account, name, limitValue(c.field, c.after),
                         limitValue(c.field, *fallback));
            return Tr::tr("%1: %2 %3 (its own)").arg(c.account, name, limitValue(c.field, c.after));
        case Op::Remove:
            if (fallback)
                return Tr::tr("%1: %2 back to the default %3 (was %4)")
                    .arg(c.account, name, limitValue(c.field, *fallback),
                         limitValue(c.field, c.before));
            return Tr::tr("%1: %2 back to the default (was %3)")
                .arg(c.account, name, limitValue(c.field, c.before));
        }
        break;
    }
    case S::Content:
    case S::AccountContent:
    case S::Alerts:
    case S::AccountAlerts:
        break; // structured values: the sentence with the path says them best
    }
    return std::nullopt;
}

} // namespace

QString changeText(const policy::Change &change, const policy::Policy *relay)
{
    if (auto words = plainWords(change, relay))
        return *words;
    return change.text(
        [](const char *sentence) { return QCoreApplication::translate("PolicyChange", sentence); });
}

QString reloadText(const QString &code, const QString &message)
{
    return reasonText(code, message);
}

} // namespace staffetta::client
