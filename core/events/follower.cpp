#include "follower.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::events {

namespace {
// The first line of a log is shorter than this (Postfix's lines are at most a few kB).
constexpr qint64 FirstLineBytes = 4096;
constexpr qint64 ChunkBytes = 8 << 20;
} // namespace

Follower::Follower(QString path, Position start)
    : m_path(std::move(path))
    , m_pos(std::move(start))
{}

Follower::~Follower()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_oldFd >= 0)
        ::close(m_oldFd);
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

// Opens the file at the path; the kept position applies only when it is the same file
// (inode and first line), else what is left of the rotated file is read, then this one from
// its start.
bool Follower::openPath()
{
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st
    {};
    ::fstat(fd, &st);
    m_fd = fd;
    const bool same = quint64(st.st_ino) == m_pos.inode && firstLineHash(fd) == m_pos.firstLine &&
                      st.st_size >= m_pos.offset;
    if (!same && m_pos.offset > 0) {
        m_pos.inode = quint64(st.st_ino); // the copy's lines are kept with this file's start
        m_pending = true;
    } else if (!same) {
        m_pos = Position{quint64(st.st_ino), 0, {}};
    }
    return true;
}

qint64 Follower::drain(int fd, qint64 &offset, const Batch &batch, int maxLines,
                       const std::function<Position(qint64)> &after, QByteArray *firstLine)
{
    qint64 total = 0;
    for (;;) {
        QByteArray chunk(ChunkBytes, Qt::Uninitialized);
        const ssize_t n = ::pread(fd, chunk.data(), size_t(chunk.size()), offset);
        if (n <= 0)
            return total;
        chunk.resize(n);
        QList<QByteArray> lines;
        qsizetype start = 0;
        for (qsizetype nl = chunk.indexOf('\n'); nl >= 0 && lines.size() < maxLines;
             nl = chunk.indexOf('\n', start)) {
            lines.append(chunk.mid(start, nl - start));
            start = nl + 1;
        }
        if (lines.isEmpty())
            return total; // a line being written: wait for its end
        // The first line's hash from the very bytes read (hashed apart, it could be a line
        // still being written then).
        if (firstLine && offset == 0)
            *firstLine =
                QCryptographicHash::hash(lines.front(), QCryptographicHash::Sha256).toHex();
        if (!batch(lines, after(offset + start))) {
            m_failed = true;
            return total;
        }
        offset += start;
        total += lines.size();
    }
}

qint64 Follower::readRotatedCopy(const Batch &batch, int maxLines)
{
    const QFileInfo log(m_path);
    const QStringList names =
        log.dir().entryList({log.fileName() + QLatin1Char('*')}, QDir::Files, QDir::Time);
    for (const QString &name : names) {
        const QString path = log.dir().filePath(name);
        if (name == log.fileName())
            continue;
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat st
        {};
        ::fstat(fd, &st);
        if (st.st_size < m_pos.offset || firstLineHash(fd) != m_pos.firstLine) {
            ::close(fd);
            continue;
        }
        // Its lines are kept with the start of the file at the path: read from there next.
        const Position start{m_pos.inode, 0, {}};
        qint64 offset = m_pos.offset;
        const qint64 read = drain(fd, offset, batch, maxLines, [&](qint64) { return start; });
        ::close(fd);
        return read;
    }
    return 0;
}

qint64 Follower::poll(const Batch &batch, int maxLines)
{
    if (m_fd < 0 && !openPath())
        return 0;
    m_failed = false;
    qint64 total = 0;
    const auto current = [this](qint64 offset) {
        Position p = m_pos;
        p.offset = offset;
        return p;
    };
    for (;;) {
        if (m_pending) {
            total += readRotatedCopy(batch, maxLines);
            if (m_failed)
                return total;
            m_pending = false;
            m_pos = Position{m_pos.inode, 0, {}};
        }
        struct stat open
        {
        }, atPath{};
        ::fstat(m_fd, &open);
        const bool renamed = ::stat(QFile::encodeName(m_path).constData(), &atPath) == 0 &&
                             atPath.st_ino != open.st_ino;
        // copytruncate: the file is shorter than what was read, or starts with another line.
        if (open.st_size < m_pos.offset ||
            (m_pos.offset > 0 && firstLineHash(m_fd) != m_pos.firstLine)) {
            m_pending = true;
            continue;
        }
        // What the old file still has is read before the file that took its name.
        total += drain(m_fd, m_pos.offset, batch, maxLines, current, &m_pos.firstLine);
        if (m_failed)
            return total;
        if (!renamed)
            break;
        if (m_oldFd >= 0)
            ::close(m_oldFd);
        m_oldFd = m_fd;
        m_oldOffset = m_pos.offset;
        m_oldUntil = QDateTime::currentMSecsSinceEpoch() + RenamedGraceMs;
        m_fd = -1;
        m_pos = Position{};
        if (!openPath())
            return total;
    }
    // A writer that has not reopened its log yet still writes to the renamed file.
    if (m_oldFd >= 0) {
        total += drain(m_oldFd, m_oldOffset, batch, maxLines, [this](qint64) { return m_pos; });
        if (QDateTime::currentMSecsSinceEpoch() > m_oldUntil) {
            ::close(m_oldFd);
            m_oldFd = -1;
        }
    }
    return total;
}

} // namespace staffetta::events
