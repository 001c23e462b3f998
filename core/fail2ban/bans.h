#pragma once

#include "api/bans.h"
#include "common/network_address.h"
#include "common/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace staffetta::fail2ban {

using api::Ban;
using api::FailureKind;
using api::failureKindFromName;
using api::failureKindName;
using api::WhitelistEntry;

// The same four kinds the relay's fail2ban filters count (installer/fail2ban/filter.d):
// Postfix's SASL failure, "lost connection after AUTH", a session with a refused AUTH and no
// STARTTLS, and staffettad's "unauthorized sender" line.
FailureKind classifyLine(const QString &line);

// Whether a log line names this address as a whole word ("127.0.0.2" is not in "127.0.0.21").
bool mentionsAddress(const QString &line, const QString &address);

// An IPv4/IPv6 address or a CIDR network, normalised; empty when not one.
QString normalizeAddress(const QString &text);

using staffetta::NetworkAddress;
using staffetta::parseNetworkAddress;

// `fail2ban-client get JAIL banip --with-time` (fail2ban 1.0):
//   192.0.2.7 \t2026-11-22 21:42:17 + 3600 = 2026-11-22 22:42:17
QList<Ban> parseBanList(const QString &jail, const QString &output);

// The tail of a log file (at most maxBytes) filtered to the lines naming each address, read
// once for all of them. A missing file gives no lines; an unreadable one is an error.
Result<QHash<QString, QStringList>> linesMentioning(const QString &path,
                                                    const QStringList &addresses,
                                                    qint64 maxBytes = 64 * 1024 * 1024);

// The relay's whitelist: STATE/whitelist.json is the list with its notes; fail2ban learns it
// at once (addignoreip on every jail) and keeps it across restarts through
// jail.d/staffetta-whitelist.local, written from the same list.
Result<QList<WhitelistEntry>> loadWhitelist(const QString &path);
Result<bool> saveWhitelist(const QString &path, const QList<WhitelistEntry> &entries);
QByteArray whitelistJailConfig(const QStringList &jails, const QList<WhitelistEntry> &entries);

} // namespace staffetta::fail2ban
