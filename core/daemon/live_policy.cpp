#include "live_policy.h"

#include "common/files.h"
#include "log.h"
#include "policy/store.h"
#include "routing_report.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <unistd.h>

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

LivePolicy::LivePolicy(QString policyFile, QString loadedMarker, Log &log,
                       DeliveryProvider delivery, QObject *parent)
    : QObject(parent)
    , m_policyFile(std::move(policyFile))
    , m_loadedMarker(std::move(loadedMarker))
    , m_log(log)
    , m_delivery(std::move(delivery))
{}

bool LivePolicy::reload()
{
    QFile file(m_policyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        m_log.write(u"policy refused: cannot read %1: %2"_s.arg(m_policyFile, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    auto parsed = policy::Policy::fromJson(bytes);
    if (!parsed) {
        m_log.write(u"policy refused: %1: %2"_s.arg(m_policyFile, parsed.error().message));
        return false;
    }
    m_policy = std::make_shared<const policy::Policy>(std::move(parsed).value());
    m_log.write(
        u"policy loaded: %1 (%2 accounts)"_s.arg(m_policyFile).arg(m_policy->accounts.size()));
    emit policyChanged(m_policy);
    if (m_started)
        refreshDelivery(); // aliases are followed within the policy's local domains
    if (!m_loadedMarker.isEmpty()) {
        const QJsonObject marker{
            {u"sha256"_s, policy::sha256Hex(bytes)},
            {u"pid"_s, qint64(getpid())},
            {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
        if (auto written = writeFileAtomically(m_loadedMarker, QJsonDocument(marker).toJson());
            !written)
            m_log.write(u"cannot write %1: %2"_s.arg(m_loadedMarker, written.error().message));
    }
    return true;
}

Result<Done> LivePolicy::start()
{
    if (!reload())
        return Error(ErrorCode::InvalidPolicy,
                     u"no valid policy in %1 (see the log)"_s.arg(m_policyFile));
    // The first reading of Postfix's delivery settings is done before anything is served
    // (Postfix answers 451 meanwhile): until it is known, no recipient is local.
    if (m_delivery)
        takeDelivery(m_delivery(m_policy.get()));
    m_started = true;

    // Editors and `policy apply` replace the file by rename: watch the directory as well.
    m_watcher = new QFileSystemWatcher(this);
    m_watcher->addPath(QFileInfo(m_policyFile).absolutePath());
    m_watcher->addPath(m_policyFile);
    auto changed = [this] {
        if (!m_watcher->files().contains(m_policyFile) && QFileInfo::exists(m_policyFile))
            m_watcher->addPath(m_policyFile);
        reload();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    // Other files in the directory change too: reload only when the policy file did.
    m_policyModified = QFileInfo(m_policyFile).lastModified();
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this, changed] {
        const QDateTime modified = QFileInfo(m_policyFile).lastModified();
        if (modified != m_policyModified) {
            m_policyModified = modified;
            changed();
        }
    });
    auto *postfixRefresh = new QTimer(this); // alias tables change without telling anyone
    connect(postfixRefresh, &QTimer::timeout, this, &LivePolicy::refreshDelivery);
    postfixRefresh->start(60 * 1000);
    return Done{};
}

void LivePolicy::takeDelivery(const Result<policy::LocalDelivery> &d)
{
    if (!d) {
        // Keep what was known; without anything, no recipient is local.
        m_log.write(u"cannot read Postfix's delivery settings: %1"_s.arg(d.error().message));
        return;
    }
    for (const QString &table : d.value().unlisted)
        m_log.write(
            u"%1 cannot be listed: every local recipient counts against the quota"_s.arg(table));
    emit deliveryChanged(std::make_shared<const policy::LocalDelivery>(d.value()));
    // Beside the loaded marker: the routing warnings `info` shows (it asks Postfix nothing).
    if (m_loadedMarker.isEmpty() || !m_policy)
        return;
    const api::RoutingReport report{QDateTime::currentDateTimeUtc(), qint64(getpid()),
                                    routingWarnings(d.value(), *m_policy)};
    const QString path =
        QFileInfo(m_loadedMarker).dir().filePath(QString::fromLatin1(api::RoutingReport::FileName));
    if (auto written = writeFileAtomically(path, QJsonDocument(report.toJson()).toJson()); !written)
        m_log.write(u"cannot write %1: %2"_s.arg(path, written.error().message));
}

void LivePolicy::refreshDelivery()
{
    if (!m_delivery || m_deliveryPending)
        return;
    m_deliveryPending = true;
    // postconf and postmap are processes: never on the event loop that answers Postfix.
    auto *watcher = new QFutureWatcher<Result<policy::LocalDelivery>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_deliveryPending = false;
        takeDelivery(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [provider = m_delivery, policy = m_policy] { return provider(policy.get()); }));
}

} // namespace staffetta::daemon
