#pragma once

#include "api/queue.h"
#include "common/result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <optional>

namespace staffetta::postfix {

// A queued message is exchanged exactly as `postqueue -j` describes it (postqueue(1), a
// format Postfix keeps stable): {"queue_name", "queue_id", "arrival_time" (epoch seconds),
// "message_size", "forced_expire", "sender", "recipients": [{"address", "delay_reason"?}]}.
// Keeping Postfix's own objects lets staffettactl pass 100k lines through without parsing
// them when nothing is filtered.

// A queue id as Postfix writes it (short hex ids and long ids alike). Anything else is
// refused before it reaches postsuper.
bool isQueueId(const QString &id);

// Which messages a list or an action is about. Every criterion that is set must match.
struct QueueFilter
{
    QString queue;      // maildrop, incoming, active, deferred, hold; empty = every queue
    QStringList ids;    // exact queue ids
    QString sender;     // case-insensitive; * and ? are wildcards, otherwise a substring
    QString recipient;  // the same, matched against every recipient
    QString reason;     // case-insensitive substring of any recipient's delay reason
    qint64 minAge = -1; // seconds since arrival, inclusive; -1 = no bound
    qint64 maxAge = -1;

    bool isEmpty() const;
    // Fields of a request: queue, ids, sender, recipient, reason, min_age, max_age. Unknown
    // or malformed fields are a BadRequest naming the field.
    static Result<QueueFilter> fromJson(const QJsonObject &request);
    bool matches(const QJsonObject &message, qint64 now) const;

private:
    mutable std::optional<QRegularExpression> m_senderRe, m_recipientRe;
};

using api::ActionResult;
using api::QueueAction;
using api::queueActionFromName;
using api::queueActionName;
using api::queueActions;

// The per-id lines postsuper writes ("postsuper: ID: removed" ...) → id → outcome.
QHash<QString, QString> parsePostsuperReport(const QByteArray &stderrOutput);

// `postcat -e -h` output of one message → {"queue_name", "envelope": {record: value…,
// "attributes": {named attributes, e.g. sasl_username}, "recipients": [{address, done}]},
// "headers": [[name, value]…]}. Other envelope records are kept under their own names.
QJsonObject parsePostcat(const QByteArray &output);

} // namespace staffetta::postfix
