#pragma once

#include "policy_verbs.h"

#include <QSet>

#include <optional>

namespace staffetta::ctl {

// queue list [QUEUE] | show ID | delete|hold|release|requeue|flush [ID...]
// Filters (request fields): queue, ids, sender, recipient, reason, min_age, max_age; list also
// takes limit/offset (pages of 1000 by default) or --stream (every match, one postqueue -j
// object per line, then the response). Actions take ids or a filter ("all": true for the
// whole queue), need the admin role, and report per id what happened.

// The queue ids the caller may see: nullopt when it sees every account's mail, else the
// messages submitted (sasl_username) by one of its accounts.
Result<std::optional<QSet<QString>>> visibleMessages(const Context &ctx);

} // namespace staffetta::ctl
