#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace staffetta {

// Roles, enforced by staffettactl on the relay. What a role may do is the table behind
// allows(), never the order of this enum.
enum class Role {
    None,     // no rule matches: nothing is allowed
    Viewer,   // read-only views
    Helpdesk, // read-only views, bans
    Partner,  // views and the policy of its own accounts only, within its grants
    Admin,    // everything
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

// One thing a caller may do; every verb declares the permission it needs.
enum class Permission {
    ReadStatus,      // info
    ReadPolicy,      // policy get|diff|history, usage, audit
    ReadQueue,       // queue list|show, search of an address or a queue id
    ReadBans,        // bans list|log, bans whitelist list, search of an IP
    ReadAllAccounts, // answers are not limited to the caller's own accounts
    EditOwnAccounts, // policy apply|rollback of its own accounts, within its grants
    EditPolicy,      // policy apply|rollback of every account and the relay-wide settings
    Unban,           // bans unban
    Whitelist,       // bans whitelist add|remove of an address or a network of /24 (/64) or less
    WhitelistWide,   // ... of a wider network
    ChangeQueue,     // queue delete|hold|release|requeue|flush
    AckAlerts,       // alerts ack (a partner: of its own accounts only)
    CheckReputation, // reputation check (the DNS blacklists; the daily timer runs it as root)
};

// The permission table: whether `role` has `permission`.
bool allows(Role role, Permission permission);
// Stable names (the relay's `info` lists the caller's permissions by name).
QString permissionName(Permission permission);
std::optional<Permission> permissionFromName(const QString &name);
// What the permission lets one do, for refusals ("... may not unban addresses").
QString permissionAction(Permission permission);
QList<Permission> allPermissions();
QStringList permissionNames(Role role);

// What the admin grants a partner, in staffetta.conf (see relay_config.h):
//   [grants.user.NAME] or [grants.group.NAME]
//   domains = acme.example *.acme.example   ; sender domains it may authorize
//   max_daily_quota = 5000                  ; caps of the limits it may set; unset: the
//   max_recipients = 100                    ; relay default (limits in policy.json)
//   max_message_size = 26214400
struct PartnerGrants
{
    QStringList domains; // lower-case: exact domains and *.domain (its subdomains)
    std::optional<qint64> maxDailyQuota;
    std::optional<qint64> maxRecipients;
    std::optional<qint64> maxMessageSize;

    // Whether a sender pattern's domain part (globs allowed) can only match granted domains.
    bool coversDomain(const QString &patternDomain) const;
    // Grants of several rules (a partner in several groups) add up.
    void add(const PartnerGrants &other);
};

// One line of the relay's [access] section:
//   user.NAME  = ROLE [ACCOUNT...]
//   group.NAME = ROLE [ACCOUNT...]
// ACCOUNT (partner only) is a SASL login or a glob (acme-*).
struct AccessRule
{
    bool group = false;
    QString name;
    Role role = Role::None;
    QStringList accounts;
    PartnerGrants grants; // partner only

    static Result<AccessRule> parse(const QString &key, const QString &value);
};

// Who is calling, as the operating system says (never what the request says).
struct Caller
{
    QString user;
    QStringList groups;
    QString origin; // the SSH client's address, or "local"
};

// What a caller may do.
struct Access
{
    Role role = Role::None;
    QStringList accounts; // a partner's accounts (logins or globs)
    PartnerGrants grants; // a partner's grants

    // A rule naming the user wins over group rules; among groups the strongest role wins
    // (a partner's accounts add up). root, when no rule names it, is admin.
    static Access resolve(const QList<AccessRule> &rules, const Caller &caller);

    bool can(Permission p) const { return allows(role, p); }
    // Whether the caller may edit the account: every account with EditPolicy, a partner's
    // own accounts (its logins and globs) with EditOwnAccounts.
    bool ownsAccount(const QString &login) const;
    // Whether answers may show the account: every account with ReadAllAccounts, else only
    // its own.
    bool seesAccount(const QString &login) const;
    // Whether a login is one of `accounts` (logins or globs, case-insensitive).
    static bool accountMatches(const QStringList &accounts, const QString &login);
};

} // namespace staffetta
