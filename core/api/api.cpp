#include "api.h"

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
    m_partial += chunk;
    qsizetype start = 0, end;
    while ((end = m_partial.indexOf('\n', start)) >= 0) {
        takeLine(m_partial.mid(start, end - start));
        start = end + 1;
    }
    m_partial.remove(0, start);
}

void StreamReader::takeLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
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
        m_response = line;
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
