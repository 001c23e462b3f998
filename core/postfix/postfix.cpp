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

Result<QByteArray> Postfix::run(const QString &name, const QStringList &arguments,
                                int timeoutMs) const
{
    auto ran = runProcess(tool(name), configArgs() + arguments, {}, timeoutMs);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode != 0) {
        return Error(
            ErrorCode::Unavailable,
            Tr::tr("%1 failed: %2").arg(name, QString::fromUtf8(ran.value().err).trimmed()),
            {{u"config_dir"_s, m_configDir}});
    }
    return ran.value().out;
}

Result<QString> Postfix::version() const
{
    auto out = run(u"postconf"_s, {u"-h"_s, u"mail_version"_s}, 30000);
    if (!out)
        return out.error();
    return QString::fromUtf8(out.value()).trimmed();
}

Result<QMap<QString, int>> Postfix::queueCounts() const
{
    // postqueue -j streams one object per message; fine up to the 100k-message queues we
    // target (a few MB). A directory count would need root on every queue directory.
    auto out = run(u"postqueue"_s, {u"-j"_s}, 120000);
    if (!out)
        return out.error();
    auto counts = countQueues(out.value());
    if (!counts)
        return counts;
    QMap<QString, int> all = counts.value();
    for (const QString &name : api::queueNames())
        all.insert(name, all.value(name, 0));
    return all;
}

} // namespace staffetta::postfix
