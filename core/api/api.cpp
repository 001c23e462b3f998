#include "api.h"

#include <algorithm>
#include <cctype>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

QByteArray successResponse(const QJsonObject &result)
{
    const QJsonObject o{{u"api_version"_s, Version}, {u"ok"_s, true}, {u"result"_s, result}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray errorResponse(const Error &error)
{
    const QJsonObject o{
        {u"api_version"_s, Version}, {u"ok"_s, false}, {u"error"_s, error.toJson()}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<QJsonObject> parseResponse(const QByteArray &stdoutData, const QByteArray &stderrData,
                                  int exitStatus)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(stdoutData, &parseError);
    const QJsonObject context{{u"exit_status"_s, exitStatus},
                              {u"stderr"_s, QString::fromUtf8(stderrData.left(4096))}};
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        QString why = QString::fromUtf8(stderrData).trimmed();
        if (why.isEmpty())
            why = parseError.errorString();
        return Error(ErrorCode::BadResponse,
                     QCoreApplication::translate("staffetta::api",
                                                 "The relay did not answer with JSON (exit "
                                                 "status %1): %2")
                         .arg(exitStatus)
                         .arg(why.left(500)),
                     context);
    }
    const QJsonObject o = doc.object();
    if (!o.contains(u"api_version"_s) || !o.value(u"ok"_s).isBool()) {
        return Error(ErrorCode::BadResponse,
                     QCoreApplication::translate("staffetta::api",
                                                 "The relay's answer is not a Staffetta API "
                                                 "response."),
                     context);
    }
    if (!o.value(u"ok"_s).toBool())
        return Error::fromJson(o.value(u"error"_s).toObject());
    return o.value(u"result"_s).toObject();
}

QByteArray streamItemLine(const QJsonObject &item)
{
    // The rule of api.h: an item never carries the response's marker.
    Q_ASSERT(!item.contains(u"api_version"_s));
    QJsonObject safe = item;
    safe.remove(u"api_version"_s);
    return QJsonDocument(safe).toJson(QJsonDocument::Compact);
}

StreamReader::StreamReader(std::function<void(const QJsonObject &)> onItem)
    : m_onItem(std::move(onItem))
{}

void StreamReader::feed(const QByteArray &chunk)
{
    // Whole lines are parsed where they lie (in the chunk, or in what was left of the last one
    // completed by it): a 100k-message listing is 20 MB, and a copy per line showed in profiles.
    qsizetype start = 0;
    if (!m_partial.isEmpty()) {
        const qsizetype end = chunk.indexOf('\n');
        if (end < 0) {
            m_partial += chunk;
            return;
        }
        m_partial.append(chunk.constData(), end);
        takeLine(m_partial);
        m_partial.clear();
        start = end + 1;
    }
    qsizetype end;
    while ((end = chunk.indexOf('\n', start)) >= 0) {
        takeLine(QByteArray::fromRawData(chunk.constData() + start, end - start));
        start = end + 1;
    }
    m_partial.append(chunk.constData() + start, chunk.size() - start);
}

void StreamReader::takeLine(const QByteArray &line)
{
    if (std::all_of(line.cbegin(), line.cend(), [](char c) { return std::isspace(uchar(c)); }))
        return;
    if (!m_response.isEmpty()) {
        ++m_linesAfterResponse;
        return;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        ++m_badLines;
        return;
    }
    const QJsonObject o = doc.object();
    if (o.contains(u"api_version"_s))
        m_response = QByteArray(line.constData(), line.size()); // a deep copy: `line` may be raw
    else if (m_onItem)
        m_onItem(o);
}

Result<QJsonObject> StreamReader::finish(const QByteArray &stderrData, int exitStatus)
{
    takeLine(m_partial);
    m_partial.clear();
    auto response = parseResponse(m_response, stderrData, exitStatus);
    if (!response)
        return response;
    const auto broken = [&](const QString &what, qint64 n) {
        return Error(ErrorCode::BadResponse,
                     QCoreApplication::translate("staffetta::api",
                                                 "The relay's streamed answer is broken: %1 "
                                                 "(%2 lines).")
                         .arg(what)
                         .arg(n),
                     {{u"lines"_s, n}});
    };
    if (m_badLines > 0)
        return broken(
            QCoreApplication::translate("staffetta::api", "items that are not JSON objects"),
            m_badLines);
    if (m_linesAfterResponse > 0)
        return broken(QCoreApplication::translate("staffetta::api", "lines after the response"),
                      m_linesAfterResponse);
    return response;
}

bool isSafeWord(const QString &word)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9][A-Za-z0-9_.:/@=+-]*$"_s);
    return word.size() <= 256 && safe.match(word).hasMatch();
}

} // namespace staffetta::api
