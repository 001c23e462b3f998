#pragma once

#include "common/result.h"
#include "policy/policy.h"
#include "policy/routing.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

class QFileSystemWatcher;

namespace staffetta::daemon {

class Log;

// The relay's policy as a daemon keeps it in force: loaded from policy.json at start (an
// invalid file then is fatal: mail must never pass unchecked), reloaded on SIGHUP (reload())
// or when the file changes on disk, atomically — an invalid file is refused and logged, the
// previous policy stays. After each load the sha256 in force is written to the loaded marker
// (`policy apply` waits for it). It also keeps what Postfix delivers here (LocalDelivery),
// asked off the event loop at start, after each load and every minute. The policy service
// and the content milter share it.
class LivePolicy : public QObject
{
    Q_OBJECT
public:
    using DeliveryProvider = std::function<Result<policy::LocalDelivery>(const policy::Policy *)>;
    LivePolicy(QString policyFile, QString loadedMarker, Log &log, DeliveryProvider delivery = {},
               QObject *parent = nullptr);

    Result<Done> start();
    bool reload();
    std::shared_ptr<const policy::Policy> policy() const { return m_policy; }

signals:
    void policyChanged(std::shared_ptr<const policy::Policy> policy);
    void deliveryChanged(std::shared_ptr<const policy::LocalDelivery> delivery);

private:
    void refreshDelivery();
    void takeDelivery(const Result<policy::LocalDelivery> &delivery);

    QString m_policyFile;
    QString m_loadedMarker;
    Log &m_log;
    DeliveryProvider m_delivery;
    std::shared_ptr<const policy::Policy> m_policy;
    QFileSystemWatcher *m_watcher = nullptr;
    QDateTime m_policyModified; // of the file last seen through a directory change
    bool m_deliveryPending = false;
    bool m_started = false; // reloads after start() refresh the delivery in the background
};

} // namespace staffetta::daemon
