#pragma once

#include "common/relay_config.h"
#include "policy/policy.h"

#include <memory>

namespace staffetta::daemon {
class Log;
}

namespace staffetta::milter {

// The content milter's callbacks (libmilter). libmilter runs each SMTP session's callbacks on
// a thread of its own and keeps its state in globals, so the filter's shared state is one
// process-wide object: the configuration, the log and the policy in force.
//
// Per message: the headers and body are spooled to an unlinked file (never held in memory),
// and at end of message
//   1. attachments: the MIME walk (content/) names every attachment; one whose last extension
//      is not allowed refuses the message with 554 5.7.1 and the relay's notice in the
//      account's language (multi-line);
//   2. the BCC archive: a recipient added with NOTIFY=NEVER (a failing archive never bounces to
//      the customer), no header touched;
//   3. the quota: the message is charged through staffettad (COMMIT), which keeps the counter.
// Refused, aborted or given up, the message's reservation is released (RELEASE). Anything that
// cannot be checked or charged is tempfailed (4xx): nothing passes unchecked.
struct Shared
{
    Config config;
    daemon::Log *log = nullptr;
    void setPolicy(std::shared_ptr<const policy::Policy> p);
    std::shared_ptr<const policy::Policy> policy() const;
};

// Registers the callbacks and opens the socket `config.milterListen` (unix sockets: mode
// 0660, group milterSocketGroup). An error names what failed.
Result<Done> start(Shared &shared);
// Runs libmilter's loop until SIGTERM/SIGINT/SIGHUP (libmilter's own signal thread).
int run();

} // namespace staffetta::milter
