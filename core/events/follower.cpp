#include "follower.h"

#include <QCryptographicHash>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::events {

namespace {
// The first line of a log is shorter than this (Postfix's lines are at most a few kB).
constexpr qint64 FirstLineBytes = 4096;
} // namespace

Follower::Follower(QString path, Position start)
    : m_path(std::move(path))
    , m_pos(std::move(start))
{}

Follower::~Follower()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QByteArray Follower::firstLineHash(int fd)
{
    QByteArray head(FirstLineBytes, Qt::Uninitialized);
    const ssize_t n = ::pread(fd, head.data(), size_t(head.size()), 0);
    if (n <= 0)
        return {};
    head.resize(n);
    const qsizetype end = head.indexOf('\n');
    if (end < 0)
        return {}; // not a whole line yet
    return QCryptographicHash::hash(head.left(end), QCryptographicHash::Sha256).toHex();
}

// Opens the file at the path; the stored position applies only when it is the same file
// (inode and first line), else it is read from its start.
bool Follower::openPath()
{
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st
    {};
    ::fstat(fd, &st);
    const QByteArray hash = firstLineHash(fd);
    if (quint64(st.st_ino) != m_pos.inode || hash != m_pos.firstLine || st.st_size < m_pos.offset) {
        m_pos = Position{quint64(st.st_ino), 0, hash};
    }
    m_fd = fd;
    return true;
}

qint64 Follower::drain(const Batch &batch, int maxLines)
{
    qint64 total = 0;
    QByteArray buffer;
    for (;;) {
        if (m_pos.firstLine.isEmpty())
            m_pos.firstLine = firstLineHash(m_fd);
        QByteArray chunk(1 << 20, Qt::Uninitialized);
        const ssize_t n = ::pread(m_fd, chunk.data(), size_t(chunk.size()), m_pos.offset);
        if (n <= 0)
            return total;
        chunk.resize(n);
        QList<QByteArray> lines;
        qint64 consumed = 0;
        qsizetype start = 0;
        for (qsizetype nl = chunk.indexOf('\n'); nl >= 0 && lines.size() < maxLines;
             nl = chunk.indexOf('\n', start)) {
            lines.append(chunk.mid(start, nl - start));
            start = nl + 1;
            consumed = start;
        }
        if (lines.isEmpty())
            return total; // a line being written: wait for its end
        Position after = m_pos;
        after.offset += consumed;
        if (!batch(lines, after)) {
            m_failed = true;
            return total;
        }
        m_pos = after;
        total += lines.size();
    }
}

qint64 Follower::poll(const Batch &batch, int maxLines)
{
    if (m_fd < 0 && !openPath())
        return 0;
    qint64 total = 0;
    for (;;) {
        struct stat open
        {
        }, atPath{};
        ::fstat(m_fd, &open);
        const bool renamed = ::stat(QFile::encodeName(m_path).constData(), &atPath) == 0 &&
                             atPath.st_ino != open.st_ino;
        // copytruncate: the file is shorter than what was read, or starts with another line.
        if (open.st_size < m_pos.offset ||
            (m_pos.offset > 0 && firstLineHash(m_fd) != m_pos.firstLine))
            m_pos = Position{quint64(open.st_ino), 0, {}};
        // What the old file still has is read before the file that took its name.
        m_failed = false;
        total += drain(batch, maxLines);
        if (!renamed || m_failed)
            return total;
        ::close(m_fd);
        m_fd = -1;
        if (!openPath())
            return total;
    }
}

} // namespace staffetta::events
