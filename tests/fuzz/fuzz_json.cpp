// Fuzzes the duplicate-key scan against Qt's own parser: for every text QJsonDocument
// accepts, the scan reads exactly the keys of the text, and reports a duplicate exactly when
// QJsonDocument kept fewer keys than that (it keeps the last of equal keys).
#include "common/strict_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace staffetta;

namespace {

qsizetype keysIn(const QJsonValue &v)
{
    qsizetype n = 0;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        n += o.size();
        for (auto it = o.begin(); it != o.end(); ++it)
            n += keysIn(it.value());
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            n += keysIn(e);
    }
    return n;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const KeyScan scan = scanJsonKeys(json); // any bytes: no crash, no hang
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    const qsizetype kept = doc.isObject() ? keysIn(doc.object()) : keysIn(doc.array());
    if (scan.duplicate.has_value() != (scan.keys > kept) || scan.keys < kept)
        __builtin_trap();
    if (scan.duplicate && (scan.duplicate->offset < 0 || scan.duplicate->offset >= json.size() ||
                           json[scan.duplicate->offset] != '"'))
        __builtin_trap(); // the offset is the duplicate's opening quote
    return 0;
}
