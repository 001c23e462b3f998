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

bool isSafeWord(const QString &word)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9][A-Za-z0-9_.:/@=+-]*$"_s);
    return word.size() <= 256 && safe.match(word).hasMatch();
}

} // namespace staffetta::api
