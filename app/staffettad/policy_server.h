#pragma once

#include "policy/engine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <memory>

class QIODevice;
class QLocalServer;
class QTcpServer;

namespace staffetta::daemon {

class Log;

// Serves the Postfix policy delegation protocol on a unix socket (or TCP, when asked for),
// many clients at once on one event loop. A request takes microseconds and is bounded
// whatever the policy and the request hold (patterns match in linear time, senders are at
// most 254 characters), and the quota counter answers from memory, so one client never holds
// up the others. The policy and Postfix's delivery come from a LivePolicy (main wires them).
class PolicyServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString socketGroup = QStringLiteral("postfix"); // of a unix socket (mode 0660)
        int maxConnections = 512;
        int idleTimeoutSecs = 600;
        int reservationTimeoutSecs = 300;
        int trustedPort = 0; // [trusted] port: relaying by client address (0: none)
    };
    PolicyServer(policy::QuotaCounter &counter, policy::StatsSink &stats, Log &log, Options options,
                 QObject *parent = nullptr);

    Result<Done> start(const QString &listen);
    // The content milter's verdicts (daemon/quota_channel.h): a unix socket only this user may
    // use. Turns on the commit at the milter.
    Result<Done> listenQuotaChannel(const QString &path);
    void setPolicy(std::shared_ptr<const policy::Policy> policy);
    void setDelivery(std::shared_ptr<const policy::LocalDelivery> delivery);

private:
    void serve(QIODevice *connection);
    void serveQuotaChannel(QIODevice *connection);
    void closeIdle();
    Result<Done> listenUnix(const QString &path);

    policy::Engine m_engine;
    Log &m_log;
    Options m_options;
    QTcpServer *m_tcp = nullptr;
    QLocalServer *m_local = nullptr;
    QLocalServer *m_quotaChannel = nullptr;
    QHash<QIODevice *, qint64> m_lastActive; // open connections -> ms of their last request
    QElapsedTimer m_clock;
    qint64 m_lastRefusalLog = -1;
};

} // namespace staffetta::daemon
