#pragma once

#include "policy/engine.h"

#include <QDateTime>
#include <QFile>
#include <QObject>

#include <memory>

class QFileSystemWatcher;
class QIODevice;
class QLocalServer;
class QTcpServer;

namespace staffetta::daemon {

// Serves the Postfix policy delegation protocol on a TCP or unix socket, many clients at
// once on one event loop (a request takes microseconds; nothing in it blocks but the
// write-through of a counter to SQLite in WAL mode).
// The policy file is reloaded on SIGHUP (reload()) or when it changes on disk, atomically:
// an invalid file is refused, logged, and the previous policy stays in force.
class PolicyServer : public QObject
{
    Q_OBJECT
public:
    PolicyServer(policy::Ledger &ledger, QString policyFile, QString logFile,
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

    policy::Engine m_engine;
    QString m_policyFile;
    QString m_loadedMarker;
    QFile m_log;
    QTcpServer *m_tcp = nullptr;
    QLocalServer *m_local = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QDateTime m_policyModified; // of the file last seen through a directory change
};

} // namespace staffetta::daemon
