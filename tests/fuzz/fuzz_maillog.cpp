// Fuzzes the mail-log parsers (core/events/parser.cpp), which read Postfix's and staffettad's
// lines byte by byte: any bytes must parse to an event or to none, never read past the line.
// Parts of a log line are the client's (addresses, HELO names, a remote server's reply).
#include "events/parser.h"

#include <cstdint>

using namespace staffetta::events;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QDateTime now(QDate(2026, 12, 2), QTime(1, 0), Qt::LocalTime);
    // An exact-size copy, so that ASan sees a read one byte past the line.
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    const Event e = parsePostfixLine(line, now);
    if (e.kind != Event::Kind::None && e.queueId.size() > line.size())
        __builtin_trap();
    parseStaffettadLine(line);
    return 0;
}
