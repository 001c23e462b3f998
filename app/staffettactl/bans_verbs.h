#pragma once

#include "policy_verbs.h"

namespace staffetta::ctl {

// bans list | unban IP | whitelist list | whitelist add IP [--note TEXT] | whitelist remove IP
//      | log IP
// Reading is open to every role; unban and the whitelist need helpdesk or more.

// search: {"term": ...} an IP, an address or a queue id → what this relay knows of it
// (bans with reasons, whitelist, queued messages, accounts and senders).

} // namespace staffetta::ctl
