#include "listen_backlog.h"

#include <QFile>

#include <sys/socket.h>

namespace staffetta::daemon {

int largestListenBacklog()
{
    // Linux caps listen()'s backlog at net.core.somaxconn, TCP and unix sockets alike: asking
    // for that value itself gets the whole of it, and the daemons can log what they got.
    QFile somaxconn(QStringLiteral("/proc/sys/net/core/somaxconn"));
    bool ok = false;
    const int value =
        somaxconn.open(QIODevice::ReadOnly) ? somaxconn.readAll().trimmed().toInt(&ok) : 0;
    return ok && value > 0 ? value : SOMAXCONN;
}

} // namespace staffetta::daemon
