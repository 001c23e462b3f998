#pragma once

#include "api/info.h"
#include "policy/policy.h"
#include "policy/routing.h"

namespace staffetta::daemon {

// What in Postfix's settings lets mail leave the relay unseen by the quota's idea of "local"
// (staffettad counts such recipients anyway; the admin should still fix them): the warnings
// `staffettactl info` shows, from staffettad's reading of Postfix (api::RoutingReport).
QList<api::RelayWarning> routingWarnings(const policy::LocalDelivery &delivery,
                                         const policy::Policy &policy);

} // namespace staffetta::daemon
