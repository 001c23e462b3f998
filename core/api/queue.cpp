#include "queue.h"

#include "common/names.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <array>
#include <utility>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

// The one table of action names (the API's words).
const std::array<std::pair<QueueAction, QLatin1StringView>, 5> actionNames{{
    {QueueAction::Delete, "delete"_L1},
    {QueueAction::Hold, "hold"_L1},
    {QueueAction::Release, "release"_L1},
    {QueueAction::Requeue, "requeue"_L1},
    {QueueAction::Flush, "flush"_L1},
}};

} // namespace

bool isQueueId(const QString &id)
{
    static const QRegularExpression re(u"^[0-9A-Za-z]{6,32}$"_s);
    return re.match(id).hasMatch();
}

QStringList queueNames()
{
    return {u"maildrop"_s, u"incoming"_s, u"active"_s, u"deferred"_s, u"hold"_s};
}

const QList<QueueAction> &queueActions()
{
    static const QList<QueueAction> all = [] {
        QList<QueueAction> list;
        for (const auto &[action, name] : actionNames)
            list.append(action);
        return list;
    }();
    return all;
}

std::optional<QueueAction> queueActionFromName(const QString &name)
{
    return valueOf(actionNames, name);
}

QString queueActionName(QueueAction action)
{
    return nameOf(actionNames, action);
}

QJsonObject ActionResult::toJson() const
{
    QJsonObject o{{u"id"_s, id}, {u"outcome"_s, outcome}};
    if (!queue.isEmpty())
        o.insert(u"queue"_s, queue);
    if (!detail.isEmpty())
        o.insert(u"detail"_s, detail);
    if (!reason.isEmpty())
        o.insert(u"reason"_s, reason);
    return o;
}

ActionResult ActionResult::fromJson(const QJsonObject &o)
{
    return {o.value(u"id"_s).toString(), o.value(u"queue"_s).toString(),
            o.value(u"outcome"_s).toString(), o.value(u"detail"_s).toString(),
            o.value(u"reason"_s).toString()};
}

QueuedMessage QueuedMessage::fromJson(const QString &id, const QJsonObject &o)
{
    const QJsonObject env = o.value(u"envelope"_s).toObject();
    const QJsonObject attributes = env.value(u"attributes"_s).toObject();
    QueuedMessage m;
    m.id = id.isEmpty() ? o.value(u"message"_s).toObject().value(u"queue_id"_s).toString() : id;
    m.queue = o.value(u"queue_name"_s).toString();
    m.sender = env.value(u"sender"_s).toString();
    m.account = attributes.value(u"sasl_username"_s).toString();
    m.clientName = attributes.value(u"client_name"_s).toString();
    m.clientAddress = attributes.value(u"client_address"_s).toString();
    for (const QJsonValue &v : o.value(u"message"_s).toObject().value(u"recipients"_s).toArray()) {
        const QJsonObject r = v.toObject();
        m.recipients.append(
            {r.value(u"address"_s).toString(), r.value(u"delay_reason"_s).toString()});
    }
    for (const QJsonValue &h : o.value(u"headers"_s).toArray())
        m.headers.append({h.toArray().at(0).toString(), h.toArray().at(1).toString()});
    return m;
}

} // namespace staffetta::api
