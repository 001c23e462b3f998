#pragma once
// What the accounts verbs share (accounts_verbs.cpp: list|add|remove|passwd; suspend_verbs.cpp:
// suspend|resume).

#include "policy_verbs.h"

namespace staffetta::ctl {

// The login a write names (the verb's word or the request's, which must agree), checked, and
// the caller's to change: every accounts write starts here.
Result<QString> ownedLogin(const Context &ctx, const QString &fromRequest);
// The policy store's lock, with whatever a crashed removal left finished.
Result<policy::PolicyStore::Lock> lockAndRecover(const Context &ctx, policy::PolicyStore &store);
// After a write: waits for staffettad (and the milter) to load it, as `policy apply` does.
void awaitReload(const Context &ctx, const api::ApplyResult &written);

QList<Verb> suspendVerbs(); // accounts suspend|resume (suspend_verbs.cpp)

} // namespace staffetta::ctl
