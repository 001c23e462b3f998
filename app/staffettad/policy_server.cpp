#include "policy_server.h"

#include "common/files.h"
#include "policy/protocol.h"
#include "policy/store.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

QString loggable(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'<' || c == u'>' || c == u'\\' ||
            c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            out += u"\\x%1"_s.arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

PolicyServer::PolicyServer(policy::Ledger &ledger, QString policyFile, QString logFile,
                           Options options, QObject *parent)
    : QObject(parent)
    , m_engine(ledger)
    , m_policyFile(std::move(policyFile))
    , m_options(std::move(options))
    , m_log(logFile)
{
    if (!logFile.isEmpty() && !m_log.open(QIODevice::Append | QIODevice::Text))
        qWarning("staffettad: cannot open the log %s", qPrintable(logFile));
    // A log created before (by an installer's touch) may be world-readable: it names
    // accounts and addresses. fail2ban reads it as root.
    if (m_log.isOpen() && (m_log.permissions() & (QFile::ReadOther | QFile::WriteOther)) &&
        !m_log.setPermissions(m_log.permissions() &
                              ~(QFile::ReadOther | QFile::WriteOther | QFile::ExeOther)))
        qWarning("staffettad: cannot make the log %s private", qPrintable(logFile));
    m_engine.setReservationTimeout(m_options.reservationTimeoutSecs);
    m_clock.start();
}

void PolicyServer::log(const QString &line)
{
    // One line per event, with a timestamp fail2ban's default date patterns recognize.
    const QByteArray text =
        QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s).toUtf8() + " staffettad[" +
        QByteArray::number(getpid()) + "]: " + line.toUtf8() + '\n';
    if (m_log.isOpen()) {
        m_log.write(text);
        m_log.flush();
    } else {
        fputs(text.constData(), stderr);
    }
}

bool PolicyServer::reload()
{
    QFile file(m_policyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        log(u"policy refused: cannot read %1: %2"_s.arg(m_policyFile, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    auto parsed = policy::Policy::fromJson(bytes);
    if (!parsed) {
        log(u"policy refused: %1: %2"_s.arg(m_policyFile, parsed.error().message));
        return false;
    }
    m_engine.setPolicy(std::make_shared<const policy::Policy>(std::move(parsed).value()));
    log(u"policy loaded: %1 (%2 accounts)"_s.arg(m_policyFile)
            .arg(m_engine.policy()->accounts.size()));
    refreshDelivery(); // aliases are followed within the policy's local domains
    if (!m_loadedMarker.isEmpty()) {
        const QJsonObject marker{
            {u"sha256"_s, policy::sha256Hex(bytes)},
            {u"pid"_s, qint64(getpid())},
            {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
        if (auto written = writeFileAtomically(m_loadedMarker, QJsonDocument(marker).toJson());
            !written)
            log(u"cannot write %1: %2"_s.arg(m_loadedMarker, written.error().message));
    }
    return true;
}

void PolicyServer::refreshDelivery()
{
    if (!m_options.delivery || m_deliveryPending)
        return;
    m_deliveryPending = true;
    // postconf and postmap are processes: never on the event loop that answers Postfix.
    auto *watcher = new QFutureWatcher<Result<policy::LocalDelivery>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_deliveryPending = false;
        const Result<policy::LocalDelivery> d = watcher->result();
        if (!d) {
            // Keep what was known; without anything, every recipient outside the policy's
            // local domains counts, as before.
            log(u"cannot read Postfix's delivery settings: %1"_s.arg(d.error().message));
            return;
        }
        for (const QString &table : d.value().unlisted)
            log(u"%1 cannot be listed: every local recipient counts against the quota"_s.arg(
                table));
        m_engine.setDelivery(std::make_shared<const policy::LocalDelivery>(d.value()));
    });
    watcher->setFuture(
        QtConcurrent::run([provider = m_options.delivery, policy = m_engine.policy()] {
            return provider(policy.get());
        }));
}

Result<Done> PolicyServer::listenUnix(const QString &path)
{
    QLocalServer::removeServer(path);
    m_local = new QLocalServer(this);
    // Created 0600, then given to the group Postfix runs as: never usable by other local
    // users (they could forge requests, fill a quota or get an address banned).
    m_local->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_local->listen(path))
        return Error(ErrorCode::Config,
                     u"cannot listen on %1: %2"_s.arg(path, m_local->errorString()));
    const QByteArray file = QFile::encodeName(m_local->fullServerName());
    const group *g = getgrnam(m_options.socketGroup.toLocal8Bit().constData());
    if (!g) {
        return Error(ErrorCode::Config, u"[staffettad] socket_group: there is no group %1"_s.arg(
                                            m_options.socketGroup));
    }
    if (::chown(file.constData(), geteuid(), g->gr_gid) != 0 ||
        ::chmod(file.constData(), 0660) != 0)
        return Error(ErrorCode::Config,
                     u"cannot give %1 to the group %2: %3"_s.arg(
                         path, m_options.socketGroup, QString::fromLocal8Bit(strerror(errno))));
    connect(m_local, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_local->nextPendingConnection())
            serve(s);
    });
    return Done{};
}

Result<Done> PolicyServer::start(const QString &listen)
{
    if (!reload())
        return Error(ErrorCode::InvalidPolicy,
                     u"no valid policy in %1 (see the log)"_s.arg(m_policyFile));

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

    if (listen.startsWith(u"inet:"_s)) {
        const QString hostPort = listen.mid(5);
        const qsizetype colon = hostPort.lastIndexOf(u':');
        m_tcp = new QTcpServer(this);
        if (colon <= 0 || !m_tcp->listen(QHostAddress(hostPort.left(colon)),
                                         quint16(hostPort.mid(colon + 1).toUInt())))
            return Error(ErrorCode::Config,
                         u"cannot listen on %1: %2"_s.arg(listen, m_tcp->errorString()));
        connect(m_tcp, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_tcp->nextPendingConnection()) {
                s->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                serve(s);
            }
        });
    } else if (listen.startsWith(u"unix:"_s)) {
        if (auto listening = listenUnix(listen.mid(5)); !listening)
            return listening;
    } else {
        return Error(ErrorCode::Config,
                     u"listen must be inet:HOST:PORT or unix:PATH, not %1"_s.arg(listen));
    }
    log(u"listening on %1"_s.arg(listen));

    auto *sweep = new QTimer(this);
    connect(sweep, &QTimer::timeout, this, &PolicyServer::closeIdle);
    sweep->start(std::min(1000, m_options.idleTimeoutSecs * 500));
    auto *postfixRefresh = new QTimer(this); // alias tables change without telling anyone
    connect(postfixRefresh, &QTimer::timeout, this, &PolicyServer::refreshDelivery);
    postfixRefresh->start(60 * 1000);
    return Done{};
}

void PolicyServer::closeIdle()
{
    const qint64 now = m_clock.elapsed();
    const qint64 limit = qint64(m_options.idleTimeoutSecs) * 1000;
    const QList<QIODevice *> open = m_lastActive.keys();
    for (QIODevice *c : open) {
        if (now - m_lastActive.value(c) >= limit)
            c->close(); // Postfix reconnects by itself when it needs us again
    }
}

void PolicyServer::serve(QIODevice *connection)
{
    auto drop = [this, connection] {
        m_lastActive.remove(connection);
        connection->deleteLater();
    };
    if (auto *tcp = qobject_cast<QTcpSocket *>(connection))
        connect(tcp, &QTcpSocket::disconnected, this, drop);
    else if (auto *local = qobject_cast<QLocalSocket *>(connection))
        connect(local, &QLocalSocket::disconnected, this, drop);
    if (m_lastActive.size() >= m_options.maxConnections) {
        // Every descriptor is kept for Postfix's own connections; one refusal line a second.
        if (m_lastRefusalLog < 0 || m_clock.elapsed() - m_lastRefusalLog >= 1000) {
            m_lastRefusalLog = m_clock.elapsed();
            log(u"connection refused: %1 connections open (max_connections)"_s.arg(
                m_lastActive.size()));
        }
        connection->close();
        return;
    }
    m_lastActive.insert(connection, m_clock.elapsed());
    auto parser = std::make_shared<policy::RequestParser>();
    connect(connection, &QIODevice::readyRead, this, [this, connection, parser] {
        m_lastActive[connection] = m_clock.elapsed();
        QList<policy::RequestParser::Attributes> requests;
        if (!parser->feed(connection->readAll(), requests)) {
            log(u"protocol error: closing the connection"_s);
            connection->close();
            return;
        }
        const QDateTime now = QDateTime::currentDateTime();
        for (const auto &attributes : requests) {
            const policy::Request request = policy::Request::fromAttributes(attributes);
            const policy::Verdict v = m_engine.evaluate(request, now);
            if (v.unauthorizedSender) {
                // fail2ban's staffetta-sender filter matches this line.
                log(u"reject: unauthorized sender <%1> for account %2 from %3"_s.arg(
                    loggable(request.sender.left(policy::MaxSenderLength + 1)),
                    loggable(request.login), loggable(request.client)));
            } else if (!v.rejectMetric.isEmpty()) {
                log(u"reject: %1 account %2 sender <%3> from %4: %5"_s.arg(
                    v.rejectMetric, loggable(request.login),
                    loggable(request.sender.left(policy::MaxSenderLength + 1)),
                    loggable(request.client), loggable(QString::fromUtf8(v.action))));
            }
            connection->write(policy::formatAction(v.action));
        }
        // Send now rather than on the next pass of the event loop: Postfix waits for this
        // answer (one event-loop round trip less per request).
        if (auto *tcp = qobject_cast<QTcpSocket *>(connection))
            tcp->flush();
        else if (auto *local = qobject_cast<QLocalSocket *>(connection))
            local->flush();
    });
}

} // namespace staffetta::daemon
