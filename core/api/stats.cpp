#include "stats.h"

#include "requests.h"

#include <QJsonArray>

#include <numeric>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonArray numbers(const QList<qint64> &values)
{
    QJsonArray a;
    for (qint64 v : values)
        a.append(v);
    return a;
}

QList<qint64> numbers(const QJsonValue &v)
{
    QList<qint64> out;
    for (const auto &n : v.toArray())
        out.append(qint64(n.toDouble()));
    return out;
}

} // namespace

QStringList statsSeriesNames()
{
    return {u"accepted_external"_s,  u"accepted_local"_s,
            u"rejected_quota"_s,     u"rejected_sender"_s,
            u"rejected_blacklist"_s, u"rejected_recipients"_s,
            u"rejected_size"_s,      u"rejected_attachment"_s,
            u"rejected_suspended"_s, u"delivered"_s,
            u"deferred"_s,           u"bounced"_s};
}

QString StatsRequest::fields()
{
    return u"{accounts? (<= 1000), from?, to? (default now), bucket?: hour|day (default day; "
           u"from defaults to 24 hours or 7 days before to; <= 90 days of hours, 400 days), "
           u"totals?: true (one bucket: the range's sums)}"_s;
}

QJsonObject StatsRequest::toJson() const
{
    QJsonObject o{{u"from"_s, from.toUTC().toString(Qt::ISODate)},
                  {u"to"_s, to.toUTC().toString(Qt::ISODate)},
                  {u"bucket"_s, bucket}};
    if (!accounts.isEmpty())
        o.insert(u"accounts"_s, QJsonArray::fromStringList(accounts));
    if (totals)
        o.insert(u"totals"_s, true);
    return o;
}

Result<StatsRequest> StatsRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"accounts"_s, u"from"_s, u"to"_s, u"bucket"_s, u"totals"_s});
        !only)
        return only.error();
    StatsRequest r;
    if (o.contains(u"totals"_s)) {
        if (!o.value(u"totals"_s).isBool())
            return badField(u"totals"_s, u"must be true or false"_s);
        r.totals = o.value(u"totals"_s).toBool();
    }
    if (o.contains(u"accounts"_s)) {
        if (!o.value(u"accounts"_s).isArray())
            return badField(u"accounts"_s, u"must be a list of account names"_s);
        const QJsonArray list = o.value(u"accounts"_s).toArray();
        if (list.size() > MaxAccounts)
            return badField(u"accounts"_s, u"more than %1 accounts"_s.arg(MaxAccounts));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString a = list[i].toString().trimmed();
            if (!list[i].isString() || a.isEmpty() || a.size() > 254 ||
                std::any_of(a.cbegin(), a.cend(), [](QChar c) { return c.unicode() <= 0x20; }))
                return badField(u"accounts[%1]"_s.arg(i), u"is not an account name"_s);
            if (!r.accounts.contains(a, Qt::CaseInsensitive))
                r.accounts.append(a);
        }
    }
    r.bucket = o.contains(u"bucket"_s) ? o.value(u"bucket"_s).toString() : u"day"_s;
    if (r.bucket != u"hour"_s && r.bucket != u"day"_s)
        return badField(u"bucket"_s, u"must be \"hour\" or \"day\""_s);
    for (const auto &[key, field] : {std::pair{u"from"_s, &r.from}, std::pair{u"to"_s, &r.to}}) {
        if (!o.contains(key))
            continue;
        *field = QDateTime::fromString(o.value(key).toString(), Qt::ISODate);
        if (!o.value(key).isString() || !field->isValid())
            return badField(key, u"must be a time in ISO 8601 (2026-12-01T10:00:00Z)"_s);
    }
    if (!r.to.isValid())
        r.to = QDateTime::currentDateTimeUtc();
    if (!r.from.isValid())
        r.from = r.to.addSecs(r.bucket == u"hour"_s ? -23 * 3600 : -6 * 86400);
    if (r.from > r.to)
        return badField(u"to"_s, u"is before 'from'"_s);
    const qint64 count = r.bucketCount();
    const qint64 max = r.bucket == u"hour"_s ? MaxHours : MaxDays;
    if (count > max)
        return badField(u"to"_s,
                        u"%1 buckets of a %2: at most %3"_s.arg(count).arg(r.bucket).arg(max));
    return r;
}

qint64 StatsRequest::floorToBucket(qint64 t) const
{
    const qint64 len = bucketSeconds();
    return t - ((t % len) + len) % len;
}

qint64 StatsRequest::bucketCount() const
{
    return (floorToBucket(to.toSecsSinceEpoch()) - floorToBucket(from.toSecsSinceEpoch())) /
               bucketSeconds() +
           1;
}

QList<qint64> StatsRequest::starts() const
{
    QList<qint64> out;
    const qint64 last = floorToBucket(to.toSecsSinceEpoch());
    for (qint64 t = floorToBucket(from.toSecsSinceEpoch()); t <= last; t += bucketSeconds())
        out.append(t);
    return out;
}

QJsonObject StatsResult::toJson() const
{
    QJsonArray list;
    for (const AccountStats &a : accounts) {
        QJsonObject series;
        for (auto it = a.series.cbegin(); it != a.series.cend(); ++it)
            series.insert(it.key(), numbers(it.value()));
        list.append(QJsonObject{
            {u"account"_s, a.account}, {u"series"_s, series}, {u"quota"_s, numbers(a.quota)}});
    }
    return {{u"bucket"_s, bucket}, {u"starts"_s, numbers(starts)}, {u"accounts"_s, list}};
}

Result<StatsResult> StatsResult::fromJson(const QJsonObject &o)
{
    if (!o.value(u"starts"_s).isArray() || !o.value(u"accounts"_s).isArray())
        return Error(ErrorCode::BadResponse, u"the stats answer has no buckets or accounts"_s);
    StatsResult r;
    r.bucket = o.value(u"bucket"_s).toString();
    r.starts = numbers(o.value(u"starts"_s));
    for (const auto &v : o.value(u"accounts"_s).toArray()) {
        const QJsonObject a = v.toObject();
        AccountStats s{a.value(u"account"_s).toString(), {}, numbers(a.value(u"quota"_s))};
        const QJsonObject series = a.value(u"series"_s).toObject();
        for (auto it = series.constBegin(); it != series.constEnd(); ++it)
            s.series.insert(it.key(), numbers(it.value()));
        r.accounts.append(s);
    }
    return r;
}

StatsResult StatsResult::totalled() const
{
    StatsResult out{bucket, starts.isEmpty() ? QList<qint64>() : QList<qint64>{starts.first()}, {}};
    for (const AccountStats &a : accounts) {
        AccountStats sum{a.account, {}, {}};
        for (auto it = a.series.cbegin(); it != a.series.cend(); ++it)
            sum.series.insert(it.key(), {std::accumulate(it->cbegin(), it->cend(), qint64(0))});
        if (!a.quota.isEmpty())
            sum.quota = {a.quota.last()};
        out.accounts.append(sum);
    }
    return out;
}

} // namespace staffetta::api
