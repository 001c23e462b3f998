#pragma once

#include "common/result.h"
#include "queue.h"

#include <functional>

#include <QHash>
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
    // Where Postfix logs: its maillog_file when set, else the syslog default for Debian.
    QString logFile() const;
    // Every queue name is present in the result, with 0 when empty.
    Result<QMap<QString, int>> queueCounts() const;

    // Streams `postqueue -j`: onLine gets each message's JSON line as showq produces it and
    // returns false to stop early. Returns the number of lines handed over.
    Result<qsizetype> scanQueue(const std::function<bool(const QByteArray &line)> &onLine) const;
    // The messages that match, as postqueue -j objects (in queue order).
    Result<QList<QJsonObject>> messages(const QueueFilter &filter, qint64 now) const;
    // One message: postcat's envelope and headers, plus the queue listing's entry (with the
    // per-recipient delay reasons). NotFound when the id is not queued.
    Result<QJsonObject> show(const QString &id) const;
    // The SASL login (sasl_username) each queued message was submitted by, read from the
    // queue files' envelopes with postcat in batches; a message without one (not submitted
    // with AUTH) maps to an empty string, one gone from the queue is absent.
    Result<QHash<QString, QString>> accountsOf(const QStringList &ids) const;
    // Applies an action to messages found by messages(); `missing` are requested ids that
    // were not queued. One result per message, in the order given.
    QList<ActionResult> act(QueueAction action, const QList<QJsonObject> &targets,
                            const QStringList &missing) const;

private:
    QStringList configArgs() const;
    // Runs a Postfix tool for this instance; a non-zero exit is ErrorCode::Unavailable.
    Result<QByteArray> run(const QString &name, const QStringList &arguments, int timeoutMs) const;
    QString tool(const QString &name) const;

    QString m_configDir;
    QString m_commandDir;
};

} // namespace staffetta::postfix
