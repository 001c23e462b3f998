#pragma once

#include "api/alerts.h"
#include "notify/notify.h"
#include "policy/policy.h"

#include <optional>

namespace staffetta::alerts {

// An alert's e-mail: to the account's contact and/or the abuse address (the policy's
// `notify` for the account; an address that is not set is left out), in the account's
// language, with the evidence (rule, window, numbers, sample queue ids). nullopt when there
// is nobody to tell. `relay` names the relay in the text and in From: (abuse@, else
// postmaster@ the relay's name).
std::optional<notify::Mail> alertMail(const api::Alert &alert, const policy::Policy &policy,
                                      const QString &relay);

} // namespace staffetta::alerts
