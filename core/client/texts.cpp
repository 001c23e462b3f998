#include "texts.h"

#include "api/reasons.h"

#include <QCoreApplication>
#include <QJsonArray>
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

QString changeText(const policy::Change &change)
{
    return change.text(
        [](const char *sentence) { return QCoreApplication::translate("PolicyChange", sentence); });
}

QString reloadText(const QString &code, const QString &message)
{
    return reasonText(code, message);
}

} // namespace staffetta::client
