#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace staffetta {

// An ErrorCode::Internal naming the file: "cannot write /x: No space left on device".
Error ioError(const QString &what, const QString &path, const QString &why);

// Writes `bytes` to `path` through a temporary file in the same directory, synced, then
// renamed over the target (and the directory synced): readers see the old or the new file,
// never a torn one, even across a crash.
Result<Done> writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace staffetta
