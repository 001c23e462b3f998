#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace staffetta::events {

// Where a follower stands in a log file: its inode, the offset after the last whole line
// read, and a hash of its first line (a file truncated and written again has another one).
struct Position
{
    quint64 inode = 0;
    qint64 offset = 0;
    QByteArray firstLine; // sha256 (hex) of the first line (empty: nothing read yet)
};

// Reads a log incrementally, whole lines only, so that nothing is read twice or missed:
// - rotation by rename: the file it has open is read to its end, then the new file at the
//   path from its start; the old file is still read for a while (a writer may not have
//   reopened yet);
// - rotation by copytruncate: a file shorter than the offset, or whose first line changed,
//   is read again from its start, after the rest of the copy (a file beside it whose name
//   starts with the log's and whose first line is the one read) from the offset it had;
// - a restart: the caller keeps the position (the index, in the same transaction as what it
//   read from it); a log rotated meanwhile is found the same way by its first line.
class Follower
{
public:
    explicit Follower(QString path, Position start = {});
    ~Follower();
    Follower(const Follower &) = delete;
    Follower &operator=(const Follower &) = delete;

    // Reads what is new, in batches of at most `maxLines`; `batch` gets the lines and the
    // position to keep after them, and returns false when it could not keep them (they are
    // offered again at the next poll). Returns the number of lines read.
    using Batch = std::function<bool(const QList<QByteArray> &lines, const Position &after)>;
    qint64 poll(const Batch &batch, int maxLines = 50000);
    const Position &position() const { return m_pos; }

    // How long a renamed file is still read after the new one appeared.
    static constexpr qint64 RenamedGraceMs = 10000;

private:
    bool openPath();
    // Lines of `fd` from `offset`, each batch kept with the position `after()` gives;
    // `firstLine` (when given) gets the hash of the file's first line when it is read.
    qint64 drain(int fd, qint64 &offset, const Batch &batch, int maxLines,
                 const std::function<Position(qint64 offset)> &after,
                 QByteArray *firstLine = nullptr);
    // The rest of a rotated copy of what was being read (by its first line), before the log
    // that replaced it is read from its start.
    qint64 readRotatedCopy(const Batch &batch, int maxLines);
    static QByteArray firstLineHash(int fd);

    QString m_path;
    Position m_pos;
    int m_fd = -1;
    bool m_failed = false;  // the last batch was refused: stay where it is
    bool m_pending = false; // rotated under it: the copy's rest is read first
    int m_oldFd = -1;       // the renamed file, still read for RenamedGraceMs
    qint64 m_oldOffset = 0;
    qint64 m_oldUntil = 0; // ms since the epoch
};

} // namespace staffetta::events
