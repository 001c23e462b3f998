#include "policy_server.h"

#include "daemon/listen_backlog.h"
#include "daemon/log.h"
#include "daemon/quota_channel.h"
#include "policy/protocol.h"

#include <QDateTime>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

PolicyServer::PolicyServer(policy::QuotaCounter &counter, policy::StatsSink &stats, Log &log,
                           Options options, QObject *parent)
    : QObject(parent)
    , m_engine(counter, stats)
    , m_log(log)
    , m_options(std::move(options))
{
    m_engine.setReservationTimeout(m_options.reservationTimeoutSecs);
    m_engine.setTrustedPort(m_options.trustedPort);
    m_engine.setDeliveryRequired(true); // nothing is local before Postfix's settings are read
    m_clock.start();
}

void PolicyServer::setPolicy(std::shared_ptr<const policy::Policy> policy)
{
    m_engine.setPolicy(std::move(policy));
}

void PolicyServer::setDelivery(std::shared_ptr<const policy::LocalDelivery> delivery)
{
    m_engine.setDelivery(std::move(delivery));
}

Result<Done> PolicyServer::listenUnix(const QString &path)
{
    QLocalServer::removeServer(path);
    m_local = new QLocalServer(this);
    // Created 0600, then given to the group Postfix runs as: never usable by other local
    // users (they could forge requests, fill a quota or get an address banned).
    m_local->setSocketOptions(QLocalServer::UserAccessOption);
    m_local->setListenBacklogSize(largestListenBacklog());
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
    if (listen.startsWith(u"inet:"_s)) {
        const QString hostPort = listen.mid(5);
        const qsizetype colon = hostPort.lastIndexOf(u':');
        m_tcp = new QTcpServer(this);
        m_tcp->setListenBacklogSize(largestListenBacklog());
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
    m_log.write(u"listening on %1 (backlog %2)"_s.arg(listen).arg(largestListenBacklog()));

    auto *sweep = new QTimer(this);
    connect(sweep, &QTimer::timeout, this, &PolicyServer::closeIdle);
    sweep->start(std::min(1000, m_options.idleTimeoutSecs * 500));
    return Done{};
}

Result<Done> PolicyServer::listenQuotaChannel(const QString &path)
{
    QLocalServer::removeServer(path);
    m_quotaChannel = new QLocalServer(this);
    m_quotaChannel->setSocketOptions(QLocalServer::UserAccessOption); // 0600: this user only
    m_quotaChannel->setListenBacklogSize(largestListenBacklog());
    if (!m_quotaChannel->listen(path))
        return Error(ErrorCode::Config,
                     u"cannot listen on %1: %2"_s.arg(path, m_quotaChannel->errorString()));
    connect(m_quotaChannel, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_quotaChannel->nextPendingConnection())
            serveQuotaChannel(s);
    });
    m_engine.setCommitAtMilter(true);
    m_log.write(u"quota commits at the content milter, channel %1"_s.arg(path));
    return Done{};
}

void PolicyServer::serveQuotaChannel(QIODevice *connection)
{
    if (auto *local = qobject_cast<QLocalSocket *>(connection))
        connect(local, &QLocalSocket::disconnected, connection, &QObject::deleteLater);
    auto buffer = std::make_shared<QByteArray>();
    connect(connection, &QIODevice::readyRead, this, [this, connection, buffer] {
        buffer->append(connection->readAll());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        qsizetype end;
        while ((end = buffer->indexOf('\n')) >= 0) {
            const QByteArray line = buffer->left(end);
            buffer->remove(0, end + 1);
            QString why;
            const auto request = QuotaRequest::parse(line, &why);
            QByteArray answer = "OK";
            if (!request) {
                answer = "ERROR " + why.toUtf8();
            } else if (request->kind == QuotaRequest::Kind::Commit) {
                const auto charge = m_engine.milterCommit(request->queueId, request->login,
                                                          request->recipients, now);
                if (!charge.ok) {
                    answer = "OVER " + QByteArray::number(charge.quota) + ' ' + charge.per;
                    m_log.write(
                        u"reject: quota account %1 queue id %2: over %3 per %4 at the milter"_s
                            .arg(loggable(request->login),
                                 loggable(QString::fromUtf8(request->queueId)))
                            .arg(charge.quota)
                            .arg(QString::fromLatin1(charge.per)));
                }
            } else if (request->kind == QuotaRequest::Kind::Release) {
                m_engine.milterRelease(request->queueId);
            } else if (request->metric == policy::metric::RejectedAttachment ||
                       request->metric == policy::metric::RejectedSize) {
                m_engine.countRefusal(request->login, request->metric, now);
            } else {
                answer = "ERROR unknown metric";
            }
            connection->write(answer + '\n');
        }
        if (buffer->size() > MaxQuotaLine) {
            m_log.write(u"quota channel: a line longer than %1 bytes, closing"_s.arg(MaxQuotaLine));
            connection->close();
        }
    });
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
            m_log.write(u"connection refused: %1 connections open (max_connections)"_s.arg(
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
            m_log.write(u"protocol error: closing the connection"_s);
            connection->close();
            return;
        }
        // UTC: a local QDateTime converts through the time zone (a stat of /etc/localtime) at
        // every toSecsSinceEpoch(), several times per request; the calendar-day window asks for
        // local midnight once an hour.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto &attributes : requests) {
            const policy::Request request = policy::Request::fromAttributes(attributes);
            const policy::Verdict v = m_engine.evaluate(request, now);
            if (v.unauthorizedSender) {
                // fail2ban's staffetta-sender filter matches this line.
                m_log.write(u"reject: unauthorized sender <%1> for account %2 from %3"_s.arg(
                    loggable(request.sender.left(policy::MaxSenderLength + 1)), loggable(v.login),
                    loggable(request.client)));
            } else if (!v.rejectMetric.isEmpty()) {
                m_log.write(u"reject: %1 account %2 sender <%3> from %4: %5"_s.arg(
                    v.rejectMetric, loggable(v.login),
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
