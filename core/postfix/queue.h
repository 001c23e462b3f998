#pragma once

#include "api/queue.h"
#include "api/requests.h"
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

using api::isQueueId;

// Which messages a list or an action is about (the request's api::QueueSelection), matched
// against `postqueue -j`'s objects.
struct QueueFilter : api::QueueSelection
{
    QueueFilter() = default;
    explicit QueueFilter(api::QueueSelection selection)
        : api::QueueSelection(std::move(selection))
    {}
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
// The SASL login (sasl_username) a parsePostcat() answer's envelope names; empty without AUTH.
QString accountOf(const QJsonObject &detail);

} // namespace staffetta::postfix
