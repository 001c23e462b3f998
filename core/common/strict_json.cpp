#include "strict_json.h"

#include <QList>
#include <QSet>

namespace staffetta {

using namespace Qt::Literals::StringLiterals;

namespace {

struct Frame
{
    bool object = false;
    bool expectKey = false; // object: the next string is a key
    qsizetype index = 0;    // array: the element being read
    QString key;            // object: the key being read
    QSet<QString> keys;     // object: the keys seen so far
};

QString pathOf(const QList<Frame> &stack)
{
    QString path;
    for (const Frame &f : stack) {
        if (!f.object)
            path += u"[%1]"_s.arg(f.index);
        else
            path += path.isEmpty() ? f.key : u'.' + f.key;
    }
    return path;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads the string whose opening quote is at `at`; returns the offset after its closing quote,
// or -1 when it is malformed. With `decoded`, stores its text (escapes resolved).
qsizetype readString(QByteArrayView json, qsizetype at, QString *decoded)
{
    qsizetype i = at + 1, segment = i;
    const auto flush = [&](qsizetype end) {
        if (decoded)
            decoded->append(QString::fromUtf8(json.sliced(segment, end - segment)));
    };
    while (i < json.size()) {
        const char c = json[i];
        if (c == '"') {
            flush(i);
            return i + 1;
        }
        // A raw control character is accepted as QJsonDocument accepts it: stopping there would
        // let a duplicate after it through (found by fuzz_json).
        if (c != '\\') {
            ++i;
            continue;
        }
        flush(i);
        if (i + 1 >= json.size())
            return -1;
        const char e = json[i + 1];
        QChar ch;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            ch = QChar::fromLatin1(e);
            break;
        case 'b':
            ch = u'\b';
            break;
        case 'f':
            ch = u'\f';
            break;
        case 'n':
            ch = u'\n';
            break;
        case 'r':
            ch = u'\r';
            break;
        case 't':
            ch = u'\t';
            break;
        case 'u': {
            if (i + 6 > json.size())
                return -1;
            int unit = 0;
            for (qsizetype k = i + 2; k < i + 6; ++k) {
                const int h = hexValue(json[k]);
                if (h < 0)
                    return -1;
                unit = unit * 16 + h;
            }
            // One UTF-16 unit: a surrogate pair arrives as two escapes and ends up as a pair.
            ch = QChar(char16_t(unit));
            i += 4;
            break;
        }
        default:
            // QJsonDocument reads an unknown escape as the byte after the backslash (found by
            // fuzz_json): so does the scan, or a key written so could pass as another.
            ch = QChar(char16_t(static_cast<unsigned char>(e)));
        }
        if (decoded)
            decoded->append(ch);
        i += 2;
        segment = i;
    }
    return -1;
}

} // namespace

QString DuplicateKey::message() const
{
    return u"duplicate key \"%1\" at %2 (offset %3)"_s.arg(key.left(100), path.left(200))
        .arg(offset);
}

KeyScan scanJsonKeys(QByteArrayView json)
{
    KeyScan scan;
    QList<Frame> stack;
    qsizetype i = 0;
    while (i < json.size()) {
        const char c = json[i];
        switch (c) {
        case '{':
            stack.append(Frame{true, true, 0, {}, {}});
            ++i;
            break;
        case '[':
            stack.append(Frame{false, false, 0, {}, {}});
            ++i;
            break;
        case '}':
        case ']':
            if (stack.isEmpty() || stack.last().object != (c == '}'))
                return scan; // malformed
            stack.removeLast();
            ++i;
            break;
        case ',':
            if (!stack.isEmpty()) {
                if (stack.last().object)
                    stack.last().expectKey = true;
                else
                    ++stack.last().index;
            }
            ++i;
            break;
        case ':':
            if (!stack.isEmpty())
                stack.last().expectKey = false;
            ++i;
            break;
        case '"': {
            const bool isKey = !stack.isEmpty() && stack.last().object && stack.last().expectKey;
            QString key;
            const qsizetype end = readString(json, i, isKey ? &key : nullptr);
            if (end < 0)
                return scan; // malformed
            if (isKey) {
                Frame &f = stack.last();
                f.expectKey = false;
                ++scan.keys;
                f.key = key;
                if (f.keys.contains(key)) {
                    // Only the first is reported; the count goes on over the whole text.
                    if (!scan.duplicate)
                        scan.duplicate = DuplicateKey{key, pathOf(stack), i};
                } else {
                    f.keys.insert(key);
                }
            }
            i = end;
            break;
        }
        default: // whitespace, numbers, true, false, null
            ++i;
        }
    }
    return scan;
}

} // namespace staffetta
