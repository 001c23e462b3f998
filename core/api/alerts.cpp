#include "alerts.h"

#include "common/limits.h"
#include "requests.h"

#include <QJsonArray>

#include <algorithm>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime fromIso(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODate);
}

bool hasControl(const QString &s)
{
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) {
        return (c.unicode() < 0x20 && c != u'\n') || c.unicode() == 0x7f;
    });
}

Result<qint64> wholeNumber(const QJsonObject &o, const QString &key, qint64 min, qint64 max)
{
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max))
        return badField(key, u"must be a whole number from %1 to %2"_s.arg(min).arg(max));
    return qint64(d);
}

} // namespace

QJsonObject Alert::toJson() const
{
    QJsonObject o{{u"id"_s, id},
                  {u"rule"_s, rule},
                  {u"account"_s, account},
                  {u"raised"_s, iso(raised)},
                  {u"window_from"_s, iso(windowFrom)},
                  {u"window_to"_s, iso(windowTo)},
                  {u"observed"_s, observed},
                  {u"threshold"_s, threshold},
                  {u"baseline"_s, baseline},
                  {u"queue_ids"_s, QJsonArray::fromStringList(queueIds)},
                  {u"samples"_s, QJsonArray::fromStringList(samples)},
                  {u"notified"_s, QJsonArray::fromStringList(notified)},
                  {u"acknowledged"_s, acknowledged}};
    if (!notifyError.isEmpty())
        o.insert(u"notify_error"_s, notifyError);
    if (acknowledged) {
        o.insert(u"acknowledged_at"_s, iso(acknowledgedAt));
        o.insert(u"acknowledged_by"_s, acknowledgedBy);
        o.insert(u"comment"_s, comment);
    }
    return o;
}

Result<Alert> Alert::fromJson(const QJsonObject &o)
{
    if (!o.value(u"id"_s).isDouble() || !o.value(u"rule"_s).isString() ||
        !o.value(u"account"_s).isString())
        return Error(ErrorCode::BadResponse, u"an alert lacks its id, rule or account"_s);
    auto strings = [&](const QString &key) {
        QStringList out;
        for (const QJsonValue &v : o.value(key).toArray())
            out.append(v.toString());
        return out;
    };
    Alert a;
    a.id = qint64(o.value(u"id"_s).toDouble());
    a.rule = o.value(u"rule"_s).toString();
    a.account = o.value(u"account"_s).toString();
    a.raised = fromIso(o.value(u"raised"_s));
    a.windowFrom = fromIso(o.value(u"window_from"_s));
    a.windowTo = fromIso(o.value(u"window_to"_s));
    a.observed = o.value(u"observed"_s).toDouble();
    a.threshold = o.value(u"threshold"_s).toDouble();
    a.baseline = o.value(u"baseline"_s).toDouble();
    a.queueIds = strings(u"queue_ids"_s);
    a.samples = strings(u"samples"_s);
    a.notified = strings(u"notified"_s);
    a.notifyError = o.value(u"notify_error"_s).toString();
    a.acknowledged = o.value(u"acknowledged"_s).toBool();
    a.acknowledgedAt = fromIso(o.value(u"acknowledged_at"_s));
    a.acknowledgedBy = o.value(u"acknowledged_by"_s).toString();
    a.comment = o.value(u"comment"_s).toString();
    return a;
}

QString AlertsListRequest::fields()
{
    return u"{from?, to?, account?, rule?, acknowledged? (true|false), limit? (<= 1000), "
           u"offset?}"_s;
}

QStringList AlertsListRequest::rules()
{
    return {u"quota_reached"_s,       u"hourly_rate"_s, u"bounce_rate"_s,
            u"unauthorized_sender"_s, u"client_ips"_s,  u"reputation_listed"_s};
}

QJsonObject AlertsListRequest::toJson() const
{
    QJsonObject o{{u"limit"_s, limit}};
    if (from.isValid())
        o.insert(u"from"_s, iso(from));
    if (to.isValid())
        o.insert(u"to"_s, iso(to));
    if (!account.isEmpty())
        o.insert(u"account"_s, account);
    if (!rule.isEmpty())
        o.insert(u"rule"_s, rule);
    if (acknowledged)
        o.insert(u"acknowledged"_s, *acknowledged);
    if (offset)
        o.insert(u"offset"_s, offset);
    return o;
}

Result<AlertsListRequest> AlertsListRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"from"_s, u"to"_s, u"account"_s, u"rule"_s, u"acknowledged"_s,
                                 u"limit"_s, u"offset"_s});
        !only)
        return only.error();
    AlertsListRequest r;
    for (const auto &[key, field] :
         {std::pair{u"account"_s, &r.account}, std::pair{u"rule"_s, &r.rule}}) {
        auto text = stringField(o, key);
        if (!text)
            return text.error();
        *field = text.value().trimmed();
        if (field->size() > limits::MaxLoginLength || hasControl(*field))
            return badField(
                key, u"must be at most %1 printable characters"_s.arg(limits::MaxLoginLength));
    }
    if (!r.rule.isEmpty() && !rules().contains(r.rule))
        return badField(u"rule"_s, u"'%1' is not a rule (%2)"_s.arg(r.rule, rules().join(u", "_s)));
    for (const auto &[key, field] : {std::pair{u"from"_s, &r.from}, std::pair{u"to"_s, &r.to}}) {
        if (!o.contains(key))
            continue;
        *field = fromIso(o.value(key));
        if (!o.value(key).isString() || !field->isValid())
            return badField(key, u"must be a time in ISO 8601 (2026-12-01T10:00:00Z)"_s);
    }
    if (r.from.isValid() && r.to.isValid() && r.from > r.to)
        return badField(u"to"_s, u"is before 'from'"_s);
    if (o.contains(u"acknowledged"_s)) {
        if (!o.value(u"acknowledged"_s).isBool())
            return badField(u"acknowledged"_s, u"must be true or false"_s);
        r.acknowledged = o.value(u"acknowledged"_s).toBool();
    }
    if (o.contains(u"limit"_s)) {
        auto n = wholeNumber(o, u"limit"_s, 1, MaxLimit);
        if (!n)
            return n.error();
        r.limit = n.value();
    }
    if (o.contains(u"offset"_s)) {
        auto n = wholeNumber(o, u"offset"_s, 0, 1'000'000'000'000);
        if (!n)
            return n.error();
        r.offset = n.value();
    }
    return r;
}

QJsonObject AlertsListResult::toJson() const
{
    QJsonArray list;
    for (const Alert &a : alerts)
        list.append(a.toJson());
    return {{u"alerts"_s, list}, {u"matched"_s, matched}, {u"unacknowledged"_s, unacknowledged}};
}

Result<AlertsListResult> AlertsListResult::fromJson(const QJsonObject &o)
{
    if (!o.value(u"alerts"_s).isArray())
        return Error(ErrorCode::BadResponse, u"the alerts answer has no alerts"_s);
    AlertsListResult r;
    r.matched = qint64(o.value(u"matched"_s).toDouble());
    r.unacknowledged = qint64(o.value(u"unacknowledged"_s).toDouble());
    for (const QJsonValue &v : o.value(u"alerts"_s).toArray()) {
        auto a = Alert::fromJson(v.toObject());
        if (!a)
            return a.error();
        r.alerts.append(a.value());
    }
    return r;
}

QJsonObject AlertsAckRequest::toJson() const
{
    QJsonObject o{{u"id"_s, id}};
    if (!comment.isEmpty())
        o.insert(u"comment"_s, comment);
    return o;
}

Result<AlertsAckRequest> AlertsAckRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"id"_s, u"comment"_s}); !only)
        return only.error();
    AlertsAckRequest r;
    if (o.contains(u"id"_s)) {
        auto id = wholeNumber(o, u"id"_s, 1, 1'000'000'000'000);
        if (!id)
            return id.error();
        r.id = id.value();
    }
    auto comment = stringField(o, u"comment"_s);
    if (!comment)
        return comment.error();
    r.comment = comment.value().trimmed();
    return r;
}

} // namespace staffetta::api
