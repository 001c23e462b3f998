#pragma once
// Reading policy.json: the validation problems with their paths, shared by the parts of the
// policy (policy.cpp, content.cpp). Internal to core/policy.

#include "common/limits.h"
#include "pattern.h"
#include "policy.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace staffetta::policy::detail {

using namespace Qt::Literals::StringLiterals;

// Printable text by code point (a character beyond U+FFFF is two QChars, both "surrogates").
inline bool isPrintable(const QString &text)
{
    const QList<uint> points = text.toUcs4();
    return std::all_of(points.begin(), points.end(),
                       [](uint c) { return QChar::isPrint(char32_t(c)); });
}

// Collects validation problems with their paths while the document is read.
class Reader
{
public:
    QJsonArray problems;

    void fail(const QString &path, const QString &reason)
    {
        problems.append(QJsonObject{{u"path"_s, path}, {u"reason"_s, reason}});
    }

    // A pattern that does not parse: the English reason, and the problem's code for the
    // console to word (client::errorText).
    void failPattern(const QString &path, const QString &text, const PatternProblem &why)
    {
        QJsonObject entry{
            {u"path"_s, path},
            {u"reason"_s, u"%1 is not a valid pattern: %2"_s.arg(quoted(text), why.message())},
            {u"pattern"_s, quoted(text)}};
        why.addTo(entry);
        problems.append(entry);
    }

    void onlyKeys(const QJsonObject &o, const QString &path, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key()))
                fail(join(path, it.key()), u"unknown key"_s);
        }
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

    // User text quoted in a reason, cut short: a refusal stays small whatever it refuses.
    static QString quoted(const QString &text)
    {
        return u'"' + (text.size() > 64 ? text.left(64) + u"…"_s : text) + u'"';
    }

    // A list longer than its limit is refused as a whole, without a reason per item.
    bool tooLong(const QJsonArray &a, const QString &path, qsizetype max, const QString &what)
    {
        if (a.size() <= max)
            return false;
        fail(path, u"has %1 %2; at most %3 are allowed"_s.arg(a.size()).arg(what).arg(max));
        return true;
    }

    std::optional<qint64> positive(const QJsonObject &o, const QString &path, const QString &key,
                                   qint64 max)
    {
        return whole(o, path, key, 1, max);
    }

    std::optional<qint64> whole(const QJsonObject &o, const QString &path, const QString &key,
                                qint64 min, qint64 max)
    {
        if (!o.contains(key))
            return std::nullopt;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
            fail(join(path, key), u"must be a whole number from %1 to %2"_s.arg(min).arg(max));
            return std::nullopt;
        }
        return qint64(d);
    }

    QList<SenderPattern> patterns(const QJsonValue &v, const QString &path, qsizetype max)
    {
        QList<SenderPattern> out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            fail(path, u"must be a list of address patterns"_s);
            return out;
        }
        const QJsonArray a = v.toArray();
        if (tooLong(a, path, max, u"patterns"_s))
            return out;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            if (!a[i].isString()) {
                fail(p, u"must be a string"_s);
                continue;
            }
            PatternProblem why;
            if (auto sp = SenderPattern::parse(a[i].toString(), &why))
                out.append(*sp);
            else
                failPattern(p, a[i].toString(), why);
        }
        return out;
    }

    QList<BlacklistEntry> blacklist(const QJsonValue &v, const QString &path, qsizetype max)
    {
        QList<BlacklistEntry> out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            fail(path, u"must be a list of {pattern, message}"_s);
            return out;
        }
        const QJsonArray a = v.toArray();
        if (tooLong(a, path, max, u"entries"_s))
            return out;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            const QJsonObject e = a[i].toObject();
            if (!a[i].isObject()) {
                fail(p, u"must be an object {pattern, message}"_s);
                continue;
            }
            onlyKeys(e, p, {u"pattern"_s, u"message"_s});
            const QString text = e.value(u"pattern"_s).toString();
            PatternProblem why;
            auto sp = SenderPattern::parse(text, &why);
            if (!sp) {
                failPattern(join(p, u"pattern"_s), text, why);
                continue;
            }
            const QJsonValue message = e.value(u"message"_s);
            if (!message.isUndefined() && !message.isString()) {
                fail(join(p, u"message"_s), u"must be a string"_s);
                continue;
            }
            if (!isPrintable(message.toString()) ||
                message.toString().size() > limits::MaxBlacklistMessageLength) {
                // It goes into the SMTP reply line.
                fail(join(p, u"message"_s),
                     u"must be at most %1 printable characters (no line breaks or control "
                     u"characters)"_s.arg(limits::MaxBlacklistMessageLength));
                continue;
            }
            out.append(BlacklistEntry{*sp, message.toString()});
        }
        return out;
    }
};

} // namespace staffetta::policy::detail
