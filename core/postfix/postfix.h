#pragma once

#include "common/result.h"

#include <QMap>
#include <QString>

namespace staffetta::postfix {

// Counts messages per queue name in `postqueue -j` output (one JSON object per line).
// A malformed line is an ErrorCode::BadResponse naming the line number.
Result<QMap<QString, int>> countQueues(const QByteArray &postqueueJsonLines);

// Postfix on the relay, through its own command-line tools (never a shell).
class Postfix
{
public:
    // configDir: the instance's config directory (`postfix -c DIR`); empty = the default.
    explicit Postfix(QString configDir = {}, QString commandDir = QStringLiteral("/usr/sbin"));

    Result<QString> version() const;
    // Every queue name is present in the result, with 0 when empty.
    Result<QMap<QString, int>> queueCounts() const;

private:
    QStringList configArgs() const;
    // Runs a Postfix tool for this instance; a non-zero exit is ErrorCode::Unavailable.
    Result<QByteArray> run(const QString &name, const QStringList &arguments, int timeoutMs) const;
    QString tool(const QString &name) const;

    QString m_configDir;
    QString m_commandDir;
};

} // namespace staffetta::postfix
