// Fuzzes the content milter's MIME walk (GMime in, attachment names out): any bytes neither
// crash nor hang it, GMime is never handed something it refuses (a GLib critical aborts), the
// file walk and the memory walk agree, and what the walk reports stays within its bounds.
#include <glib.h> // before Qt: GLib's headers use names Qt defines as macros

#include "content/content.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

using namespace staffetta;
using namespace staffetta::content;
using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_log_set_always_fatal(GLogLevelFlags(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR));
    init();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView message(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<QList<Attachment>> inMemory = attachments(message);

    // The milter's way: the same bytes in a file.
    static const int fd = memfd_create("fuzz_mime", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != ssize_t(size) ||
        lseek(fd, 0, SEEK_SET) != 0)
        __builtin_trap();
    const Result<QList<Attachment>> inFile = attachments(fd);
    if (inMemory.ok() != inFile.ok())
        __builtin_trap();
    if (!inMemory.ok()) {
        if (inMemory.error().code != inFile.error().code)
            __builtin_trap();
        const ErrorCode code = inMemory.error().code;
        if (code != ErrorCode::MessageTooComplex && code != ErrorCode::MessageAmbiguous)
            __builtin_trap(); // a memory stream is always readable to its end
        return 0;
    }
    if (inMemory.value() != inFile.value())
        __builtin_trap();

    for (const Attachment &a : inMemory.value()) {
        if (a.depth < 0 || a.depth > MaxDepth || a.path.isEmpty() || !a.contentType.contains('/') ||
            a.contentType != a.contentType.toLower())
            __builtin_trap();
    }
    if (inMemory.value().size() > 2 * MaxParts)
        __builtin_trap(); // at most two names per part
    // Nothing is allowed by an empty list; what is refused has an extension off the list.
    if (!inMemory.value().isEmpty() && !firstForbidden(inMemory.value(), {}))
        __builtin_trap();
    const QStringList allowed{u"pdf"_s, u"txt"_s};
    if (const auto f = firstForbidden(inMemory.value(), allowed)) {
        if (allowed.contains(lastExtension(f->name), Qt::CaseInsensitive))
            __builtin_trap();
    }
    return 0;
}
