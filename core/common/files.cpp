#include "files.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

namespace {

void syncDirectory(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

Error ioError(const QString &what, const QString &path, const QString &why)
{
    return Error(ErrorCode::Internal, u"%1 %2: %3"_s.arg(what, path, why), {{u"path"_s, path}});
}

Result<Done> writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(u"cannot write"_s, path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return ioError(u"cannot write"_s, path, file.errorString());
    syncDirectory(QFileInfo(path).absolutePath());
    return Done{};
}

} // namespace staffetta
