#pragma once

#include <QtGlobal>

// Every size limit of Staffetta, in one place (README, "Limits"). Both sides rely on them:
// the relay refuses what is bigger, the console stops reading what is bigger.
namespace staffetta::limits {

inline constexpr qint64 MiB = 1024 * 1024;

// ---- relay side: what staffettactl and the policy accept

// A JSON request on stdin. staffettactl reads one byte more than this to notice a bigger one,
// and never more. A realistic policy of MaxAccounts accounts (login = the mailbox address,
// two senders each, one in ten with a blacklist entry, one in five with a quota override)
// is 900,327 bytes as the console sends it (compact JSON); the test
// PolicyLimits.ARealisticPolicyOfMaxAccountsFitsInARequest (tests/unit/limits_test.cpp) builds it.
inline constexpr qint64 MaxRequestBytes = 1 * MiB;
// Accounts in a policy: the number of the realistic policy above that fits in a request.
inline constexpr int MaxAccounts = 10000;
// A sender or blacklist pattern: an address is at most 254 characters (RFC 5321 path limit
// minus the angle brackets), so a longer pattern can match nothing. The matcher relies on it.
inline constexpr int MaxPatternLength = 254;
inline constexpr int MaxSendersPerAccount = 1000;
inline constexpr int MaxBlacklistPerAccount = 1000;
inline constexpr int MaxTrustedClients = 100; // networks an account may relay from without AUTH
inline constexpr int MaxRelayBlacklist = 10000;
// A blacklist entry's message goes into an SMTP reply line: printable, no control characters.
inline constexpr int MaxBlacklistMessageLength = 200;
// A SASL login: no control characters, no whitespace.
inline constexpr int MaxLoginLength = 64;
// A change's comment (policy apply/rollback) and a whitelist note: kept in the revisions and
// the audit log, returned by history and audit.
inline constexpr int MaxCommentLength = 1000;
// The largest message size limit a policy may set (relay-wide or per account): 1 TiB.
inline constexpr qint64 MaxMessageSizeLimit = qint64(1) << 40;

// ---- console side: what the console accepts from a relay

// Everything a relay writes to stdout for one call. The largest legitimate answer is a
// streamed queue listing: 100,000 messages are about 21 MB, so this allows ten times that
// with room to spare, and still bounds the console's memory.
inline constexpr qint64 MaxResponseBytes = 256 * MiB;
// One line of stdout: a streamed item (a queued message, well under 100 KB even with
// 1000 recipients) or a whole non-streamed response (the largest is `policy get`, about
// MaxRequestBytes; a page of 1000 queued messages is about 210 KB).
inline constexpr qint64 MaxResponseLineBytes = 16 * MiB;
// stderr: staffettactl writes one line there at most; more is not a Staffetta relay.
inline constexpr qint64 MaxStderrBytes = 1 * MiB;

} // namespace staffetta::limits
