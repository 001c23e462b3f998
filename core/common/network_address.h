#pragma once

#include "common/result.h"

#include <QString>

// Shared by the relay (bans unban|whitelist) and the console (which checks what is typed
// with the same rules before asking the relay).
namespace staffetta {

// An address or network someone typed (unban, whitelist): a single IPv4/IPv6 address or a
// CIDR network, normalised (the network's own address, `/32` and `/128` dropped). Refused,
// with a sentence saying why: scope ids (fe80::1%eth0), whitespace and control characters,
// anything that is not an address, IPv4-mapped IPv6 (use the IPv4 form).
struct NetworkAddress
{
    QString text; // normalised: 192.0.2.7, 10.1.2.0/24, 2001:db8::/64
    bool ipv6 = false;
    int prefixLength = 32; // 32 or 128 for a single address

    // Wider than /24 (IPv4) or /64 (IPv6): only a role with WhitelistWide may whitelist it.
    bool isWide() const { return prefixLength < (ipv6 ? 64 : 24); }
};
Result<NetworkAddress> parseNetworkAddress(const QString &text);

} // namespace staffetta
