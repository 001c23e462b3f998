#include "reputation.h"

#include "requests.h"

#include <QJsonArray>

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

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

} // namespace

QJsonObject ReputationList::toJson() const
{
    return {{u"name"_s, name},
            {u"zone"_s, zone},
            {u"kind"_s, kind},
            {u"listed"_s, QJsonArray::fromStringList(listed)},
            {u"removal_url"_s, removalUrl}};
}

ReputationList ReputationList::fromJson(const QJsonObject &o)
{
    return {o.value(u"name"_s).toString(), o.value(u"zone"_s).toString(),
            o.value(u"kind"_s).toString(), strings(o.value(u"listed"_s)),
            o.value(u"removal_url"_s).toString()};
}

QJsonObject ReputationResult::toJson() const
{
    QJsonObject o{{u"list"_s, list},
                  {u"status"_s, status},
                  {u"answers"_s, QJsonArray::fromStringList(answers)},
                  {u"since"_s, iso(since)}};
    if (!detail.isEmpty())
        o.insert(u"detail"_s, detail);
    return o;
}

ReputationResult ReputationResult::fromJson(const QJsonObject &o)
{
    return {o.value(u"list"_s).toString(), o.value(u"status"_s).toString(),
            strings(o.value(u"answers"_s)), o.value(u"detail"_s).toString(),
            fromIso(o.value(u"since"_s))};
}

bool ReputationTarget::listed() const
{
    return std::any_of(results.cbegin(), results.cend(),
                       [](const ReputationResult &r) { return r.status == u"listed"_s; });
}

QJsonObject ReputationTarget::toJson() const
{
    QJsonArray r;
    for (const ReputationResult &x : results)
        r.append(x.toJson());
    return {{u"target"_s, target},
            {u"kind"_s, kind},
            {u"accounts"_s, QJsonArray::fromStringList(accounts)},
            {u"results"_s, r}};
}

ReputationTarget ReputationTarget::fromJson(const QJsonObject &o)
{
    ReputationTarget t{o.value(u"target"_s).toString(),
                       o.value(u"kind"_s).toString(),
                       strings(o.value(u"accounts"_s)),
                       {}};
    for (const QJsonValue &v : o.value(u"results"_s).toArray())
        t.results.append(ReputationResult::fromJson(v.toObject()));
    return t;
}

QJsonObject ReputationChange::toJson() const
{
    return {{u"time"_s, iso(time)},
            {u"target"_s, target},
            {u"kind"_s, kind},
            {u"list"_s, list},
            {u"previous"_s, previous},
            {u"status"_s, status},
            {u"answers"_s, QJsonArray::fromStringList(answers)}};
}

ReputationChange ReputationChange::fromJson(const QJsonObject &o)
{
    return {fromIso(o.value(u"time"_s)),       o.value(u"target"_s).toString(),
            o.value(u"kind"_s).toString(),     o.value(u"list"_s).toString(),
            o.value(u"previous"_s).toString(), o.value(u"status"_s).toString(),
            strings(o.value(u"answers"_s))};
}

QJsonObject ReputationReport::toJson() const
{
    QJsonArray l, t, n, a;
    for (const ReputationList &x : lists)
        l.append(x.toJson());
    for (const ReputationTarget &x : targets)
        t.append(x.toJson());
    for (const ReputationChange &x : newListings)
        n.append(x.toJson());
    for (qint64 id : alerts)
        a.append(id);
    QJsonObject o{{u"checked"_s, iso(checked)},
                  {u"checked_by"_s, checkedBy},
                  {u"lists"_s, l},
                  {u"targets"_s, t},
                  {u"new_listings"_s, n},
                  {u"alerts"_s, a}};
    if (!alertError.isEmpty())
        o.insert(u"alert_error"_s, alertError);
    return o;
}

Result<ReputationReport> ReputationReport::fromJson(const QJsonObject &o)
{
    if (!o.value(u"lists"_s).isArray() || !o.value(u"targets"_s).isArray())
        return Error(ErrorCode::BadResponse, u"a reputation report lacks its lists or targets"_s);
    ReputationReport r;
    r.checked = fromIso(o.value(u"checked"_s));
    r.checkedBy = o.value(u"checked_by"_s).toString();
    for (const QJsonValue &v : o.value(u"lists"_s).toArray())
        r.lists.append(ReputationList::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(u"targets"_s).toArray())
        r.targets.append(ReputationTarget::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(u"new_listings"_s).toArray())
        r.newListings.append(ReputationChange::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(u"alerts"_s).toArray())
        r.alerts.append(qint64(v.toDouble()));
    r.alertError = o.value(u"alert_error"_s).toString();
    return r;
}

QJsonObject ReputationHistoryRequest::toJson() const
{
    QJsonObject o{{u"limit"_s, limit}};
    if (!target.isEmpty())
        o.insert(u"target"_s, target);
    return o;
}

Result<ReputationHistoryRequest> ReputationHistoryRequest::fromJson(const QJsonObject &o)
{
    if (auto keys = onlyKeys(o, {u"target"_s, u"limit"_s}); !keys)
        return keys.error();
    ReputationHistoryRequest r;
    auto target = stringField(o, u"target"_s);
    if (!target)
        return target.error();
    r.target = target.value().trimmed().toLower();
    if (o.contains(u"limit"_s)) {
        const QJsonValue v = o.value(u"limit"_s);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < 1 || d > double(MaxLimit))
            return badField(u"limit"_s, u"must be a whole number from 1 to %1"_s.arg(MaxLimit));
        r.limit = qint64(d);
    }
    return r;
}

QJsonObject ReputationHistory::toJson() const
{
    QJsonArray c;
    for (const ReputationChange &x : changes)
        c.append(x.toJson());
    return {{u"changes"_s, c}};
}

Result<ReputationHistory> ReputationHistory::fromJson(const QJsonObject &o)
{
    if (!o.value(u"changes"_s).isArray())
        return Error(ErrorCode::BadResponse, u"a reputation history lacks its changes"_s);
    ReputationHistory h;
    for (const QJsonValue &v : o.value(u"changes"_s).toArray())
        h.changes.append(ReputationChange::fromJson(v.toObject()));
    return h;
}

} // namespace staffetta::api
