#include "postfix.h"

#include "api/info.h"
#include "common/process.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

namespace staffetta::postfix {

using namespace Qt::Literals::StringLiterals;

namespace {
// lupdate and the runtime agree on this context for every message of this file.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(staffetta::postfix)
};
} // namespace

Result<QMap<QString, int>> countQueues(const QByteArray &lines)
{
    QMap<QString, int> counts;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start < lines.size()) {
        qsizetype end = lines.indexOf('\n', start);
        if (end < 0)
            end = lines.size();
        ++lineNumber;
        const QByteArray line = lines.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        const QString queue = doc.object().value(u"queue_name"_s).toString();
        if (error.error != QJsonParseError::NoError || queue.isEmpty()) {
            return Error(ErrorCode::BadResponse,
                         Tr::tr("postqueue -j output, line %1: not a queue entry").arg(lineNumber),
                         {{u"line"_s, lineNumber}});
        }
        ++counts[queue];
    }
    return counts;
}

Postfix::Postfix(QString configDir, QString commandDir)
    : m_configDir(std::move(configDir))
    , m_commandDir(std::move(commandDir))
{}

QStringList Postfix::configArgs() const
{
    return m_configDir.isEmpty() ? QStringList{} : QStringList{u"-c"_s, m_configDir};
}

QString Postfix::tool(const QString &name) const
{
    return QDir(m_commandDir).filePath(name);
}

Result<QString> Postfix::version() const
{
    auto run = runProcess(tool(u"postconf"_s), configArgs() << u"-h"_s << u"mail_version"_s);
    if (!run)
        return run.error();
    if (run.value().exitCode != 0) {
        return Error(
            ErrorCode::Unavailable,
            Tr::tr("postconf failed: %1").arg(QString::fromUtf8(run.value().err).trimmed()),
            {{u"config_dir"_s, m_configDir}});
    }
    return QString::fromUtf8(run.value().out).trimmed();
}

Result<QMap<QString, int>> Postfix::queueCounts() const
{
    // postqueue -j streams one object per message; fine up to the 100k-message queues we
    // target (a few MB). A directory count would need root on every queue directory.
    auto run = runProcess(tool(u"postqueue"_s), configArgs() << u"-j"_s, {}, 120000);
    if (!run)
        return run.error();
    if (run.value().exitCode != 0) {
        return Error(
            ErrorCode::Unavailable,
            Tr::tr("postqueue failed: %1").arg(QString::fromUtf8(run.value().err).trimmed()),
            {{u"config_dir"_s, m_configDir}});
    }
    auto counts = countQueues(run.value().out);
    if (!counts)
        return counts;
    QMap<QString, int> all = counts.value();
    for (const QString &name : api::queueNames())
        all.insert(name, all.value(name, 0));
    return all;
}

} // namespace staffetta::postfix
