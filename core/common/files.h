#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace staffetta {

// An ErrorCode::Internal naming the file: "cannot write /x: No space left on device".
Error ioError(const QString &what, const QString &path, const QString &why);

// Writes `bytes` to `path` so that readers (and a crash at any point) see the old or the new
// file, never a torn one: a temporary file in the same directory, every write and the fsync
// checked, its bytes read back and compared (sha256) to `bytes`, only then renamed over
// `path`, then the directory synced. The file is 0640 (a file it replaces keeps its group
// and may stay tighter, never wider); the process's umask can only narrow that.
//
// On a failure before the rename the temporary file is removed and `path` is untouched; the
// error names the OS error ("No space left on device") and `path`. A failure after the rename
// (syncing the directory) says so: the new file is then in place, and details.replaced is
// true.
//
// Relay-side only (POSIX: mkostemp, fsync, rename). It still sits in staffetta_common, which
// the console links (core/fail2ban's whitelist and core/policy's store call it, and the
// client links both): the architecture step that splits relay-only targets moves it, with
// PolicyStore and saveWhitelist, out of the console's link.
Result<Done> writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace staffetta
