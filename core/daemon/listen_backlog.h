#pragma once

namespace staffetta::daemon {

// The listen backlog every relay daemon's listener asks for (staffettad's policy socket and
// quota channel, the milter's socket): the largest the system allows. Postfix runs up to 100
// smtpd processes, and after a restart they all reconnect at once; past a listener's backlog
// the kernel drops TCP SYNs (retried a second later) and holds unix connects back. Qt's
// default of 50 delayed those sessions by a second or more (issue 43). libmilter's default is
// the SOMAXCONN of the headers it was built with (4096 on Debian 12): asked for explicitly,
// the milter follows the system's setting whatever libmilter was built with.
int largestListenBacklog();

} // namespace staffetta::daemon
