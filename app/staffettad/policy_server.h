#pragma once

#include "policy/engine.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

class QFileSystemWatcher;
class QIODevice;
class QLocalServer;
class QTcpServer;
class QTimer;

namespace staffetta::daemon {

// Serves the Postfix policy delegation protocol on a unix socket (or TCP, when asked for),
// many clients at once on one event loop. A request takes microseconds and is bounded
// whatever the policy and the request hold (patterns match in linear time, senders are at
// most 254 characters), so one client never holds up the others.
// The policy file is reloaded on SIGHUP (reload()) or when it changes on disk, atomically:
// an invalid file is refused, logged, and the previous policy stays in force.
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
        // What Postfix delivers here; asked at start and every minute, off the event loop.
        std::function<Result<policy::LocalDelivery>(const policy::Policy *)> delivery = {};
    };
    PolicyServer(policy::Ledger &ledger, QString policyFile, QString logFile, Options options,
                 QObject *parent = nullptr);

    // Loads the policy for the first time; fails when it is invalid (there is nothing to
    // fall back on, and mail must never pass unchecked: Postfix then defers).
    Result<Done> start(const QString &listen);
    bool reload();
    // After each successful load, the sha256 of the policy in force is written here
    // (`policy apply` waits for it to know the new policy is enforced).
    void setLoadedMarker(QString path) { m_loadedMarker = std::move(path); }

    void log(const QString &line);

private:
    void serve(QIODevice *connection);
    void closeIdle();
    void refreshDelivery();
    Result<Done> listenUnix(const QString &path);

    policy::Engine m_engine;
    QString m_policyFile;
    QString m_loadedMarker;
    Options m_options;
    QFile m_log;
    QTcpServer *m_tcp = nullptr;
    QLocalServer *m_local = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QDateTime m_policyModified; // of the file last seen through a directory change
    QHash<QIODevice *, qint64> m_lastActive; // open connections -> ms of their last request
    QElapsedTimer m_clock;
    qint64 m_lastRefusalLog = -1;
    bool m_deliveryPending = false;
};

// A value as it may go into a log line: control characters, <, > and \ as \xNN, so a sender
// can neither end the line nor the <…> fail2ban's filter reads.
QString loggable(const QString &value);

} // namespace staffetta::daemon
