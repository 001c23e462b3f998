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
} // namespace

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

Access Access::resolve(const QList<AccessRule> &rules, const Caller &caller)
{
    Access byUser, byGroups;
    bool userRule = false;
    for (const AccessRule &r : rules) {
        if (!r.group && r.name == caller.user) {
            userRule = true;
            byUser = Access{r.role, r.accounts};
        } else if (r.group && caller.groups.contains(r.name)) {
            if (r.role > byGroups.role)
                byGroups = Access{r.role, {}};
            if (r.role == Role::Partner && byGroups.role == Role::Partner)
                byGroups.accounts += r.accounts;
        }
    }
    if (userRule)
        return byUser;
    if (byGroups.role == Role::None && caller.user == u"root"_s)
        return Access{Role::Admin, {}};
    return byGroups;
}

bool Access::ownsAccount(const QString &login) const
{
    if (role == Role::Admin)
        return true;
    if (role != Role::Partner)
        return false;
    for (const QString &pattern : accounts) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern),
                                    QRegularExpression::CaseInsensitiveOption);
        if (re.match(login).hasMatch())
            return true;
    }
    return false;
}

} // namespace staffetta
