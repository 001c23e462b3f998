#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace staffetta::policy {

struct Policy;

// What Postfix delivers on this relay, learned from its own configuration (staffettad asks
// `postconf` and lists the alias tables with `postmap -s`, see postfix::Postfix::delivery()).
// The quota counts every recipient Postfix may send outside; this is what "local" means.
struct LocalDelivery
{
    bool known = false;              // false: only the policy's local_domains are known
    QSet<QString> domains;           // final destinations: mydestination, virtual_mailbox_domains
    QSet<QString> aliasDomains;      // where alias_maps applies (mydestination)
    QString myorigin;                // appended to a bare local part
    QString recipientDelimiter;      // characters that start an address extension (user+ext)
    QSet<QString> leavingAddresses;  // user@domain keys of a map that (also) send outside
    QSet<QString> leavingDomains;    // @domain catch-all keys that send outside
    QSet<QString> leavingLocalParts; // alias_maps keys (local parts) that send outside
    bool everythingLeaves = false;   // a table that cannot be listed (pcre, ldap, …)
    QStringList unlisted;            // those tables, for `info`
    // Settings that route an address at a local domain elsewhere and are not "no"
    // (allow_percent_hack, swap_bangpath, resolve_dequoted_address): parameter -> value.
    QMap<QString, QString> routingSettings;
    // With the quota committed by the content milter: the ports of the services it is wired
    // into (nullopt: not read; every message is then left to the milter), and the services
    // that offer AUTH without it (their mail is charged at END-OF-MESSAGE instead; `info`
    // warns, since the content rules do not run there).
    std::optional<QSet<int>> milterPorts;
    QStringList saslWithoutMilter;
};

// Where a recipient goes.
enum class Route {
    Local,    // Postfix delivers it on this relay: free of quota
    External, // anything else, and whatever could be routed outside
    Test,     // an address of a test domain (test001@…) that no table sends elsewhere: it
              // reaches the black hole, checked by every rule but free of quota
};

// Decides conservatively: a recipient is local only when its domain is one of the policy's
// local domains and one Postfix delivers here, its local part is a plain dot-atom (no %, !,
// @, quotes, backslash — the percent hack, bang paths and quoted local parts route outside
// on a Postfix with default settings), and no alias, forward or canonical table sends it
// elsewhere. Everything in doubt counts. A test domain's address is Route::Test unless a
// virtual or canonical table (or one that cannot be listed) may send it somewhere else.
Route route(const QString &recipient, const Policy &policy, const LocalDelivery *delivery);

// Computes the leaving* sets from table entries (key -> comma/space separated targets),
// following aliases of aliases. `virtualEntries` apply to every domain (virtual_alias_maps,
// canonical tables), `aliasEntries` to the local parts of aliasDomains (alias_maps).
void resolveLeaving(LocalDelivery &delivery,
                    const QList<std::pair<QString, QString>> &virtualEntries,
                    const QList<std::pair<QString, QString>> &aliasEntries, const Policy *policy);

} // namespace staffetta::policy
