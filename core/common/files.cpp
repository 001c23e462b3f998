#include "files.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

namespace {

QString osError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Error fileError(const QString &what, const QString &path, int error)
{
    Error e = ioError(what, path, osError(error));
    e.details.insert(u"os_error"_s, osError(error));
    return e;
}

// write(2) until every byte is out: it may write less than asked (a full disk often shows
// first as a short write) or be interrupted by a signal.
bool writeAll(int fd, const QByteArray &bytes, int *error)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? errno : ENOSPC; // 0 bytes written for a non-empty buffer: no room
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

bool syncFd(int fd, int *error)
{
    int rc;
    do
        rc = ::fsync(fd);
    while (rc != 0 && errno == EINTR);
    if (rc != 0)
        *error = errno;
    return rc == 0;
}

// Reads the whole file back through `fd` (from its start).
bool readBack(int fd, QByteArray *out, int *error)
{
    char buffer[65536];
    for (off_t offset = 0;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = errno;
            return false;
        }
        if (n == 0)
            return true;
        out->append(buffer, n);
        offset += n;
    }
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

} // namespace

Error ioError(const QString &what, const QString &path, const QString &why)
{
    return Error(ErrorCode::Internal, u"%1 %2: %3"_s.arg(what, path, why), {{u"path"_s, path}});
}

// Hand-written rather than QSaveFile: QSaveFile neither reads the bytes back nor syncs the
// directory, reports a full disk as a generic message, and keeps a replaced file's mode
// (world-readable stays world-readable).
Result<Done> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    // Like QSaveFile, a symbolic link is written through: its target is replaced.
    const QFileInfo given(path);
    const QFileInfo target(given.isSymLink() ? given.symLinkTarget() : path);
    const QByteArray finalName = QFile::encodeName(target.absoluteFilePath());
    const QByteArray dirName = QFile::encodeName(target.absolutePath());

    // The new file's mode and group: 0640, or tighter if the file it replaces is; its group
    // stays (a relay may give staffettad read access through a group such as `staffetta`).
    mode_t mode = 0640;
    gid_t group = gid_t(-1);
    struct stat existing
    {};
    if (::stat(finalName.constData(), &existing) == 0) {
        mode = existing.st_mode & 0640;
        group = existing.st_gid;
    }

    // mkostemp: O_CREAT | O_EXCL with a fresh name in the same directory (rename(2) is atomic
    // only within a filesystem), O_CLOEXEC so a child process never inherits it.
    QByteArray tmpName = dirName + "/." + QFile::encodeName(target.fileName()) + ".tmp.XXXXXX";
    const int fd = ::mkostemp(tmpName.data(), O_CLOEXEC);
    if (fd < 0)
        return fileError(u"cannot create a temporary file beside"_s, path, errno);
    const QString tmpPath = QFile::decodeName(tmpName);

    // Everything up to the rename, on the temporary file; any failure leaves `path` as it was.
    const auto prepared = [&]() -> std::optional<Error> {
        int error = 0;
        if (::fchmod(fd, mode) != 0)
            return fileError(u"cannot set the mode of"_s, path, errno);
        if (group != gid_t(-1) && ::fchown(fd, uid_t(-1), group) != 0)
            return fileError(u"cannot set the group of"_s, path, errno);
        if (!writeAll(fd, bytes, &error))
            return fileError(u"cannot write"_s, path, error);
        if (!syncFd(fd, &error))
            return fileError(u"cannot sync"_s, path, error);
        // What the filesystem now holds, not what write(2) claimed: the bytes read back must
        // be the bytes meant.
        QByteArray back;
        if (!readBack(fd, &back, &error))
            return fileError(u"cannot read back"_s, path, error);
        if (sha256(back) != sha256(bytes))
            return Error(ErrorCode::Internal,
                         u"cannot write %1: the %2 bytes read back from %3 differ from the %4 "
                         u"bytes written (sha256)"_s.arg(path)
                             .arg(back.size())
                             .arg(tmpPath)
                             .arg(bytes.size()),
                         {{u"path"_s, path}});
        return std::nullopt;
    }();
    // close(2) may report a delayed write error (NFS); on Linux the descriptor is gone even
    // when it answers EINTR, so that one is not an error.
    const int closeError = (::close(fd) == 0 || errno == EINTR) ? 0 : errno;
    if (prepared || closeError) {
        ::unlink(tmpName.constData());
        return prepared ? *prepared : fileError(u"cannot close"_s, path, closeError);
    }
    int error = 0;
    if (::rename(tmpName.constData(), finalName.constData()) != 0) {
        error = errno;
        ::unlink(tmpName.constData());
        return fileError(u"cannot replace"_s, path, error);
    }

    // The rename is durable only once the directory is on disk too.
    const int dirFd = ::open(dirName.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool dirSynced = dirFd >= 0 && syncFd(dirFd, &error);
    if (dirFd < 0)
        error = errno;
    if (dirFd >= 0)
        ::close(dirFd);
    if (!dirSynced) {
        Error e = fileError(u"replaced, but cannot sync the directory of"_s, path, error);
        e.details.insert(u"replaced"_s, true);
        return e;
    }
    return Done{};
}

} // namespace staffetta
