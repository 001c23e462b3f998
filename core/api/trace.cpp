#include "trace.h"

#include "queue.h"
#include "requests.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

const QStringList textKeys{u"sender"_s,     u"recipient"_s, u"account"_s, u"queue_id"_s,
                           u"message_id"_s, u"client_ip"_s, u"status"_s};
// An address, account or message-id longer than this is no such thing (RFC 5321's path is 256).
constexpr qsizetype MaxText = 998;

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime fromIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}

} // namespace

QString TraceRequest::fields()
{
    return u"{sender?, recipient?, account?, queue_id?, message_id?, client_ip?, status?, from?, "
           u"to?, limit? (<= 1000), offset?}"_s;
}

QStringList TraceRequest::statuses()
{
    return {u"sent"_s, u"deferred"_s, u"bounced"_s, u"expired"_s};
}

QJsonObject TraceRequest::toJson() const
{
    QJsonObject o;
    const QList<const QString *> values{&sender,    &recipient, &account, &queueId,
                                        &messageId, &clientIp,  &status};
    for (qsizetype i = 0; i < textKeys.size(); ++i) {
        if (!values[i]->isEmpty())
            o.insert(textKeys[i], *values[i]);
    }
    if (from.isValid())
        o.insert(u"from"_s, iso(from));
    if (to.isValid())
        o.insert(u"to"_s, iso(to));
    o.insert(u"limit"_s, limit);
    if (offset)
        o.insert(u"offset"_s, offset);
    return o;
}

Result<TraceRequest> TraceRequest::fromJson(const QJsonObject &o)
{
    if (auto only =
            onlyKeys(o, textKeys + QStringList{u"from"_s, u"to"_s, u"limit"_s, u"offset"_s});
        !only)
        return only.error();
    TraceRequest r;
    const QList<QString *> values{&r.sender,    &r.recipient, &r.account, &r.queueId,
                                  &r.messageId, &r.clientIp,  &r.status};
    for (qsizetype i = 0; i < textKeys.size(); ++i) {
        auto text = stringField(o, textKeys[i]);
        if (!text)
            return text.error();
        const QString value = text.value().trimmed();
        if (value.size() > MaxText)
            return badField(textKeys[i], u"longer than %1 characters"_s.arg(MaxText));
        if (std::any_of(value.cbegin(), value.cend(),
                        [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; }))
            return badField(textKeys[i], u"contains a control character"_s);
        *values[i] = value;
    }
    if (r.messageId.startsWith(u'<') && r.messageId.endsWith(u'>'))
        r.messageId = r.messageId.mid(1, r.messageId.size() - 2);
    if (!r.queueId.isEmpty() && !isQueueId(r.queueId))
        return badField(u"queue_id"_s, u"'%1' is not a queue id"_s.arg(r.queueId));
    // The index matches the address exactly: only its shape is checked here (the api target
    // links Qt Core only, not QHostAddress's Qt Network).
    if (!r.clientIp.isEmpty() &&
        (r.clientIp.size() > 45 || !r.clientIp.contains(QRegularExpression(u"^[0-9A-Fa-f:.]+$"_s))))
        return badField(u"client_ip"_s, u"'%1' is not an IP address"_s.arg(r.clientIp));
    if (!r.status.isEmpty() && !statuses().contains(r.status))
        return badField(u"status"_s,
                        u"'%1' is not a status (%2)"_s.arg(r.status, statuses().join(u", "_s)));
    for (const auto &[key, field] : {std::pair{u"from"_s, &r.from}, std::pair{u"to"_s, &r.to}}) {
        if (!o.contains(key))
            continue;
        *field = fromIso(o.value(key));
        if (!o.value(key).isString() || !field->isValid())
            return badField(key, u"must be a time in ISO 8601 (2026-12-01T10:00:00Z)"_s);
    }
    if (r.from.isValid() && r.to.isValid() && r.from > r.to)
        return badField(u"to"_s, u"is before 'from'"_s);
    for (const auto &[key, field] :
         {std::pair{u"limit"_s, &r.limit}, std::pair{u"offset"_s, &r.offset}}) {
        if (!o.contains(key))
            continue;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d != double(qint64(d)) || d > 1e12)
            return badField(key, u"must be a whole number, 0 or more"_s);
        *field = qint64(d);
    }
    if (r.limit < 1 || r.limit > MaxLimit)
        return badField(u"limit"_s, u"must be from 1 to %1"_s.arg(MaxLimit));
    return r;
}

QJsonObject TraceMessage::toJson() const
{
    QJsonArray rcpts;
    for (const TraceRecipient &r : recipients) {
        QJsonArray attempts;
        for (const TraceAttempt &a : r.attempts)
            attempts.append(QJsonObject{{u"time"_s, iso(a.time)},
                                        {u"relay"_s, a.relay},
                                        {u"delay"_s, a.delay},
                                        {u"dsn"_s, a.dsn},
                                        {u"status"_s, a.status},
                                        {u"reply"_s, a.reply},
                                        {u"transport"_s, a.transport}});
        rcpts.append(QJsonObject{
            {u"address"_s, r.address}, {u"status"_s, r.status}, {u"attempts"_s, attempts}});
    }
    QJsonObject o{{u"queue_id"_s, queueId},       {u"message_id"_s, messageId},
                  {u"client_ip"_s, clientIp},     {u"client_host"_s, clientHost},
                  {u"account"_s, account},        {u"sender"_s, sender},
                  {u"accepted"_s, iso(accepted)}, {u"recipients"_s, rcpts}};
    if (size >= 0)
        o.insert(u"size"_s, size);
    if (removed.isValid())
        o.insert(u"removed"_s, iso(removed));
    return o;
}

Result<TraceMessage> TraceMessage::fromJson(const QJsonObject &o)
{
    if (!o.value(u"queue_id"_s).isString() || !o.value(u"recipients"_s).isArray())
        return Error(ErrorCode::BadResponse,
                     u"a traced message lacks its queue id or recipients"_s);
    TraceMessage m;
    m.queueId = o.value(u"queue_id"_s).toString();
    m.messageId = o.value(u"message_id"_s).toString();
    m.clientIp = o.value(u"client_ip"_s).toString();
    m.clientHost = o.value(u"client_host"_s).toString();
    m.account = o.value(u"account"_s).toString();
    m.sender = o.value(u"sender"_s).toString();
    m.size = qint64(o.value(u"size"_s).toDouble(-1));
    m.accepted = fromIso(o.value(u"accepted"_s));
    m.removed = fromIso(o.value(u"removed"_s));
    for (const auto &rv : o.value(u"recipients"_s).toArray()) {
        const QJsonObject r = rv.toObject();
        TraceRecipient rcpt{r.value(u"address"_s).toString(), r.value(u"status"_s).toString(), {}};
        for (const auto &av : r.value(u"attempts"_s).toArray()) {
            const QJsonObject a = av.toObject();
            rcpt.attempts.append({fromIso(a.value(u"time"_s)), a.value(u"relay"_s).toString(),
                                  a.value(u"dsn"_s).toString(), a.value(u"status"_s).toString(),
                                  a.value(u"reply"_s).toString(),
                                  a.value(u"transport"_s).toString(),
                                  a.value(u"delay"_s).toDouble()});
        }
        m.recipients.append(rcpt);
    }
    return m;
}

QJsonObject TraceResult::toJson() const
{
    QJsonArray list;
    for (const TraceMessage &m : messages)
        list.append(m.toJson());
    return {{u"messages"_s, list}, {u"matched"_s, matched}};
}

Result<TraceResult> TraceResult::fromJson(const QJsonObject &o)
{
    if (!o.value(u"messages"_s).isArray())
        return Error(ErrorCode::BadResponse, u"the trace answer has no messages"_s);
    TraceResult r;
    r.matched = qint64(o.value(u"matched"_s).toDouble());
    for (const auto &v : o.value(u"messages"_s).toArray()) {
        auto m = TraceMessage::fromJson(v.toObject());
        if (!m)
            return m.error();
        r.messages.append(m.value());
    }
    return r;
}

} // namespace staffetta::api
