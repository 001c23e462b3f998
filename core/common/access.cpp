#include "access.h"

#include <QRegularExpression>

#include <array>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

namespace {
const std::array<std::pair<Role, QLatin1StringView>, 5> &names()
{
    static const std::array<std::pair<Role, QLatin1StringView>, 5> table{{
        {Role::None, "none"_L1},
        {Role::Viewer, "viewer"_L1},
        {Role::Helpdesk, "helpdesk"_L1},
        {Role::Partner, "partner"_L1},
        {Role::Admin, "admin"_L1},
    }};
    return table;
}
struct PermissionRow
{
    Permission permission;
    QLatin1StringView name;
    QLatin1StringView action; // "may not ACTION" in a refusal
    // Which roles have it: the permission table, one column per role.
    bool viewer, helpdesk, partner, admin;
};

const std::array<PermissionRow, 13> &permissionTable()
{
    // clang-format off
    static const std::array<PermissionRow, 13> table{{
        //                                                    viewer helpdesk partner admin
        {Permission::ReadStatus, "read_status"_L1, "see the relay's status"_L1,
                                                              true,  true,    true,   true},
        {Permission::ReadPolicy, "read_policy"_L1, "read the policy, usage and audit"_L1,
                                                              true,  true,    true,   true},
        {Permission::ReadQueue, "read_queue"_L1, "read the mail queue"_L1,
                                                              true,  true,    true,   true},
        {Permission::ReadBans, "read_bans"_L1, "read the bans and the whitelist"_L1,
                                                              true,  true,    false,  true},
        {Permission::ReadAllAccounts, "read_all_accounts"_L1, "see every account"_L1,
                                                              true,  true,    false,  true},
        {Permission::EditOwnAccounts, "edit_own_accounts"_L1, "change the policy"_L1,
                                                              false, false,   true,   true},
        {Permission::EditPolicy, "edit_policy"_L1, "change every account and the relay-wide "
                                                   "settings"_L1,
                                                              false, false,   false,  true},
        {Permission::Unban, "unban"_L1, "unban addresses"_L1,
                                                              false, true,    false,  true},
        {Permission::Whitelist, "whitelist"_L1, "change the whitelist"_L1,
                                                              false, true,    false,  true},
        {Permission::WhitelistWide, "whitelist_wide"_L1, "whitelist networks wider than /24 "
                                                         "(IPv4) or /64 (IPv6)"_L1,
                                                              false, false,   false,  true},
        {Permission::ChangeQueue, "change_queue"_L1, "change the mail queue"_L1,
                                                              false, false,   false,  true},
        // A partner answers for its customers' accounts: it acknowledges their alerts.
        {Permission::AckAlerts, "ack_alerts"_L1, "acknowledge alerts"_L1,
                                                              false, false,   true,   true},
        {Permission::CheckReputation, "check_reputation"_L1, "check the relay's reputation"_L1,
                                                              false, false,   false,  true},
    }};
    // clang-format on
    return table;
}
} // namespace

bool allows(Role role, Permission permission)
{
    for (const PermissionRow &row : permissionTable()) {
        if (row.permission != permission)
            continue;
        switch (role) {
        case Role::None:
            return false;
        case Role::Viewer:
            return row.viewer;
        case Role::Helpdesk:
            return row.helpdesk;
        case Role::Partner:
            return row.partner;
        case Role::Admin:
            return row.admin;
        }
    }
    return false;
}

QString permissionName(Permission permission)
{
    for (const PermissionRow &row : permissionTable()) {
        if (row.permission == permission)
            return QString(row.name);
    }
    return {};
}

QString permissionAction(Permission permission)
{
    for (const PermissionRow &row : permissionTable()) {
        if (row.permission == permission)
            return QString(row.action);
    }
    return {};
}

std::optional<Permission> permissionFromName(const QString &name)
{
    for (const PermissionRow &row : permissionTable()) {
        if (row.name == name)
            return row.permission;
    }
    return std::nullopt;
}

QList<Permission> allPermissions()
{
    QList<Permission> out;
    for (const PermissionRow &row : permissionTable())
        out.append(row.permission);
    return out;
}

QStringList permissionNames(Role role)
{
    QStringList out;
    for (const PermissionRow &row : permissionTable()) {
        if (allows(role, row.permission))
            out.append(QString(row.name));
    }
    return out;
}

bool PartnerGrants::coversDomain(const QString &patternDomain) const
{
    const QString d = patternDomain.toLower();
    const bool glob = d.contains(u'*') || d.contains(u'?');
    for (const QString &g : domains) {
        if (g.startsWith(u"*."_s)) {
            // `*.acme.example` grants its subdomains: a pattern whose domain ends in the
            // literal ".acme.example" (after something) can match only names ending so.
            const QStringView suffix = QStringView(g).mid(1);
            if (d.size() > suffix.size() && d.endsWith(suffix))
                return true;
        } else if (!glob && d == g) {
            return true;
        }
    }
    return false;
}

void PartnerGrants::add(const PartnerGrants &other)
{
    for (const QString &d : other.domains) {
        if (!domains.contains(d))
            domains.append(d);
    }
    const auto widest = [](std::optional<qint64> &mine, const std::optional<qint64> &theirs) {
        if (theirs && (!mine || *theirs > *mine))
            mine = theirs;
    };
    widest(maxDailyQuota, other.maxDailyQuota);
    widest(maxRecipients, other.maxRecipients);
    widest(maxMessageSize, other.maxMessageSize);
}

QString roleName(Role role)
{
    for (const auto &[r, name] : names()) {
        if (r == role)
            return QString(name);
    }
    return u"none"_s;
}

std::optional<Role> roleFromName(const QString &name)
{
    for (const auto &[r, n] : names()) {
        if (n == name && r != Role::None)
            return r;
    }
    return std::nullopt;
}

Result<AccessRule> AccessRule::parse(const QString &key, const QString &value)
{
    auto invalid = [&](const QString &why) {
        return Error(ErrorCode::Config, u"[access] %1 = %2: %3"_s.arg(key, value, why),
                     {{u"key"_s, key}});
    };
    AccessRule rule;
    if (key.startsWith(u"user."_s))
        rule.name = key.mid(5);
    else if (key.startsWith(u"group."_s)) {
        rule.group = true;
        rule.name = key.mid(6);
    }
    if (rule.name.isEmpty())
        return invalid(u"the key must be user.NAME or group.NAME"_s);
    QStringList words = value.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return invalid(u"no role given (admin, partner, helpdesk or viewer)"_s);
    const auto role = roleFromName(words.takeFirst());
    if (!role)
        return invalid(u"unknown role (admin, partner, helpdesk or viewer)"_s);
    rule.role = *role;
    if (rule.role == Role::Partner && words.isEmpty())
        return invalid(u"a partner needs the accounts it manages"_s);
    if (rule.role != Role::Partner && !words.isEmpty())
        return invalid(u"only a partner is given accounts"_s);
    rule.accounts = words;
    return rule;
}

namespace {
// Which group rule wins when a caller is in several groups (unchanged from before the
// permission table: admin, partner, helpdesk, viewer). A choice between rules only; what a
// role may do is allows().
int strength(Role role)
{
    switch (role) {
    case Role::None:
        return 0;
    case Role::Viewer:
        return 1;
    case Role::Helpdesk:
        return 2;
    case Role::Partner:
        return 3;
    case Role::Admin:
        return 4;
    }
    return 0;
}
} // namespace

Access Access::resolve(const QList<AccessRule> &rules, const Caller &caller)
{
    Access byUser, byGroups;
    bool userRule = false;
    for (const AccessRule &r : rules) {
        if (!r.group && r.name == caller.user) {
            userRule = true;
            byUser = Access{r.role, r.accounts, r.grants};
        } else if (r.group && caller.groups.contains(r.name)) {
            if (strength(r.role) > strength(byGroups.role))
                byGroups = Access{r.role, {}, {}};
            if (r.role == Role::Partner && byGroups.role == Role::Partner) {
                byGroups.accounts += r.accounts;
                byGroups.grants.add(r.grants);
            }
        }
    }
    if (userRule)
        return byUser;
    if (byGroups.role == Role::None && caller.user == u"root"_s)
        return Access{Role::Admin, {}, {}};
    return byGroups;
}

bool Access::seesAccount(const QString &login) const
{
    return can(Permission::ReadAllAccounts) || ownsAccount(login);
}

bool Access::ownsAccount(const QString &login) const
{
    if (can(Permission::EditPolicy))
        return true;
    return can(Permission::EditOwnAccounts) && accountMatches(accounts, login);
}

bool Access::accountMatches(const QStringList &accounts, const QString &login)
{
    for (const QString &pattern : accounts) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern),
                                    QRegularExpression::CaseInsensitiveOption);
        if (re.match(login).hasMatch())
            return true;
    }
    return false;
}

} // namespace staffetta
