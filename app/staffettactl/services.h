#pragma once

#include "api/info.h"
#include "common/relay_config.h"

namespace staffetta::ctl {

// The relay's services for `info` (api::ServiceStatus lists them): TCP ports from the kernel's
// table of listening sockets (a connection would be a line in Postfix's log at every fleet
// refresh), unix sockets by connecting to them, the other daemons by their pid files.
// `fail2banUp`/`fail2banError`: what `info` already asked it.
QList<api::ServiceStatus> relayServices(const Config &config, bool fail2banUp,
                                        const QString &fail2banError);

// Where staffetta-events keeps its pid while it runs (STATE_DIR/staffetta-events.pid).
QString eventsPidFile(const Config &config);

} // namespace staffetta::ctl
