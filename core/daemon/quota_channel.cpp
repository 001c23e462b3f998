#include "quota_channel.h"

#include <QFile>
#include <QList>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

QByteArray QuotaRequest::toLine() const
{
    switch (kind) {
    case Kind::Commit:
        return "COMMIT " + queueId + ' ' + login.toUtf8() + ' ' + QByteArray::number(recipients) +
               '\n';
    case Kind::Release:
        return "RELEASE " + queueId + '\n';
    case Kind::Refused:
        return "REFUSED " + login.toUtf8() + ' ' + metric.toUtf8() + '\n';
    }
    return {};
}

std::optional<QuotaRequest> QuotaRequest::parse(const QByteArray &line, QString *why)
{
    const QList<QByteArray> f = line.trimmed().split(' ');
    auto fail = [why](const QString &reason) -> std::optional<QuotaRequest> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    auto plain = [](const QByteArray &token) {
        return !token.isEmpty() && std::none_of(token.begin(), token.end(), [](char c) {
            return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
        });
    };
    QuotaRequest r;
    if (f.size() == 4 && f[0] == "COMMIT" && plain(f[1]) && plain(f[2])) {
        bool ok = false;
        r.kind = Kind::Commit;
        r.queueId = f[1];
        r.login = QString::fromUtf8(f[2]);
        r.recipients = f[3].toInt(&ok);
        if (!ok || r.recipients < 0 || r.recipients > 1'000'000)
            return fail(u"COMMIT: the recipient count is not a number"_s);
        return r;
    }
    if (f.size() == 2 && f[0] == "RELEASE" && plain(f[1])) {
        r.kind = Kind::Release;
        r.queueId = f[1];
        return r;
    }
    if (f.size() == 3 && f[0] == "REFUSED" && plain(f[1]) && plain(f[2])) {
        r.kind = Kind::Refused;
        r.login = QString::fromUtf8(f[1]);
        r.metric = QString::fromUtf8(f[2]);
        return r;
    }
    return fail(u"not COMMIT, RELEASE or REFUSED with their fields"_s);
}

QuotaChannelClient::~QuotaChannelClient()
{
    close();
}

void QuotaChannelClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

Result<QByteArray> QuotaChannelClient::call(const QuotaRequest &request)
{
    const QByteArray line = request.toLine();
    // A connection kept from earlier may have been closed by a staffettad restart: once more
    // on a new one.
    auto answer = once(line);
    if (!answer && m_fd < 0)
        answer = once(line);
    return answer;
}

Result<QByteArray> QuotaChannelClient::once(const QByteArray &line)
{
    auto unavailable = [this](const QString &what) {
        close();
        return Error(ErrorCode::Unavailable, u"the quota channel %1: %2"_s.arg(m_path, what));
    };
    if (m_fd < 0) {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(m_path);
        if (m_fd < 0 || size_t(path.size()) >= sizeof(addr.sun_path))
            return unavailable(u"cannot open a socket"_s);
        memcpy(addr.sun_path, path.constData(), size_t(path.size()));
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) != 0)
            return unavailable(QString::fromLocal8Bit(strerror(errno)));
    }
    qsizetype sent = 0;
    while (sent < line.size()) {
        const ssize_t n =
            ::send(m_fd, line.constData() + sent, size_t(line.size() - sent), MSG_NOSIGNAL);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            return unavailable(u"write failed"_s);
        }
        sent += n;
    }
    QByteArray answer;
    while (!answer.endsWith('\n')) {
        pollfd p{m_fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, m_timeoutMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return unavailable(u"no answer within %1 ms"_s.arg(m_timeoutMs));
        char buf[256];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return unavailable(u"closed by staffettad"_s);
        answer.append(buf, n);
        if (answer.size() > MaxQuotaLine)
            return unavailable(u"an answer longer than a line"_s);
    }
    answer.chop(1);
    return answer;
}

} // namespace staffetta::daemon
