#pragma once

#include "common/result.h"
#include "policy/policy.h"

namespace staffetta::daemon {

// The cidr table of the relay's trusted relaying service, from the policy: one "NETWORK OK"
// line per account's trusted network, the rest refused by the service's `reject` after it.
// Generated, never hand-edited: Postfix refuses a client that is not trusted before
// staffettad is asked (which refuses it again: the table is a second lock, not the only one).
QByteArray trustedMapText(const policy::Policy &policy);
// Writes the table when its text differs from the file's (atomically); true when it changed.
Result<bool> writeTrustedMap(const QString &path, const policy::Policy &policy);

} // namespace staffetta::daemon
