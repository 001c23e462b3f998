#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace staffetta {

// A key that occurs twice in one JSON object. QJsonDocument silently keeps the last one, so
// a request or a policy.json could say one thing to a reader and another to staffettactl.
struct DuplicateKey
{
    QString key;
    QString path;     // of the second occurrence, like the policy's error paths: accounts[3].login
    qsizetype offset; // byte offset of the second occurrence's opening quote
    // "duplicate key "login" at accounts[3].login (offset 123)"
    QString message() const;
};

struct KeyScan
{
    std::optional<DuplicateKey> duplicate; // the first one found
    qsizetype keys = 0; // object keys read up to there (the fuzzer compares with QJsonDocument)
};

// Scans JSON text for object keys that repeat within their object (escapes are decoded, so
// "a" and "\u0061" are the same key). A scanner over the text, not a parser: it assumes
// nothing and stops quietly at malformed input, which the JSON parser then reports. Qt has no
// option to refuse duplicate keys, hence this. Linear time; memory: the keys of the open
// objects.
KeyScan scanJsonKeys(QByteArrayView json);

} // namespace staffetta
