#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

namespace staffetta {

// Roles, enforced by staffettactl on the relay. Ordered by what they may do.
enum class Role {
    None,     // no rule matches: nothing is allowed
    Viewer,   // read-only views
    Helpdesk, // read-only views, bans
    Partner,  // read-only views, the policy of its own accounts
    Admin,    // everything
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

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

    // A rule naming the user wins over group rules; among groups the strongest role wins
    // (a partner's accounts add up). root, when no rule names it, is admin.
    static Access resolve(const QList<AccessRule> &rules, const Caller &caller);

    bool atLeast(Role r) const { return role >= r; }
    bool ownsAccount(const QString &login) const;
};

} // namespace staffetta
