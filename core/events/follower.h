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
    QByteArray firstLine; // sha256 of the first line (empty: nothing read yet)
};

// Reads a log incrementally, whole lines only. Rotation by rename: the file it has open is
// read to its end before the new file at the path is opened (from its start). Rotation by
// copytruncate: a file shorter than the offset, or whose first line changed, is read again
// from its start. The caller keeps the position (in the index, in the same transaction as
// what it read), so a restart resumes where it stopped.
class Follower
{
public:
    explicit Follower(QString path, Position start = {});
    ~Follower();
    Follower(const Follower &) = delete;
    Follower &operator=(const Follower &) = delete;

    // Reads what is new, in batches of at most `maxLines`; `batch` gets the lines and the
    // position after them, and returns false to stop (it could not keep them). Returns the
    // number of lines read.
    using Batch = std::function<bool(const QList<QByteArray> &lines, const Position &after)>;
    qint64 poll(const Batch &batch, int maxLines = 5000);
    const Position &position() const { return m_pos; }

private:
    bool openPath();
    qint64 drain(const Batch &batch, int maxLines);
    static QByteArray firstLineHash(int fd);

    QString m_path;
    Position m_pos;
    int m_fd = -1;
    bool m_failed = false; // the last batch was refused: stay on this file
};

} // namespace staffetta::events
