// `staffettactl stats`'s request: its validation and its buckets.
#include "api/stats.h"

#include <gtest/gtest.h>

#include <QJsonArray>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

Result<api::StatsRequest> parse(const QJsonObject &o)
{
    return api::StatsRequest::fromJson(o);
}

QJsonObject request(const QString &from, const QString &to, const QString &bucket)
{
    return {{u"from"_s, from}, {u"to"_s, to}, {u"bucket"_s, bucket}};
}

} // namespace

TEST(StatsRequest, HoursRunFromTheHourOfFromThroughTheHourOfTo)
{
    auto r = parse(request(u"2026-12-01T10:30:00Z"_s, u"2026-12-01T12:05:00Z"_s, u"hour"_s));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    const qint64 ten =
        QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate).toSecsSinceEpoch();
    EXPECT_EQ(r.value().starts(), (QList<qint64>{ten, ten + 3600, ten + 7200}));
}

TEST(StatsRequest, DaysStartAtMidnightUtc)
{
    auto r = parse(request(u"2026-12-01T23:59:59Z"_s, u"2026-12-02T00:00:00Z"_s, u"day"_s));
    ASSERT_TRUE(r.ok());
    const qint64 first =
        QDateTime::fromString(u"2026-12-01T00:00:00Z"_s, Qt::ISODate).toSecsSinceEpoch();
    EXPECT_EQ(r.value().starts(), (QList<qint64>{first, first + 86400}));
}

TEST(StatsRequest, AtMost90DaysOfHoursAnd400Days)
{
    EXPECT_TRUE(parse(request(u"2026-01-01T00:00:00Z"_s, u"2026-03-31T23:00:00Z"_s, u"hour"_s)));
    auto hours = parse(request(u"2026-01-01T00:00:00Z"_s, u"2026-04-01T00:00:00Z"_s, u"hour"_s));
    ASSERT_FALSE(hours.ok());
    EXPECT_TRUE(hours.error().message.contains(u"2161 buckets"_s))
        << hours.error().message.toStdString();
    EXPECT_TRUE(parse(request(u"2025-01-01T00:00:00Z"_s, u"2026-02-04T00:00:00Z"_s, u"day"_s)));
    EXPECT_FALSE(parse(request(u"2025-01-01T00:00:00Z"_s, u"2026-02-05T00:00:00Z"_s, u"day"_s)));
    // Years of hours are refused without building their list.
    EXPECT_FALSE(parse(request(u"1970-01-01T00:00:00Z"_s, u"9999-01-01T00:00:00Z"_s, u"hour"_s)));
}

TEST(StatsRequest, WithoutTimesItIsTheLastSevenDaysOrTheLast24Hours)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto days = parse({});
    ASSERT_TRUE(days.ok());
    EXPECT_EQ(days.value().bucket, u"day"_s);
    ASSERT_EQ(days.value().starts().size(), 7);
    EXPECT_LE(days.value().starts().last(), now);
    EXPECT_GT(days.value().starts().last() + 86400, now);
    auto hours = parse({{u"bucket"_s, u"hour"_s}});
    ASSERT_TRUE(hours.ok());
    EXPECT_EQ(hours.value().starts().size(), 24);
    auto before = parse({{u"to"_s, u"2026-12-01T10:30:00Z"_s}});
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before.value().from, QDateTime::fromString(u"2026-11-25T10:30:00Z"_s, Qt::ISODate));
}

TEST(StatsRequest, RefusesWhatIsNotAStatsRequest)
{
    const QJsonObject good =
        request(u"2026-12-01T00:00:00Z"_s, u"2026-12-02T00:00:00Z"_s, u"day"_s);
    ASSERT_TRUE(parse(good));
    const auto refused = [&](const QString &key, const QJsonValue &value) {
        QJsonObject o = good;
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        auto r = parse(o);
        EXPECT_FALSE(r.ok()) << key.toStdString();
        return r ? QString() : r.error().message;
    };
    EXPECT_TRUE(refused(u"bucket"_s, u"week"_s).contains(u"bucket"_s));
    refused(u"to"_s, u"yesterday"_s);
    EXPECT_TRUE(refused(u"to"_s, u"2026-11-30T00:00:00Z"_s).contains(u"before"_s));
    refused(u"accounts"_s, u"bob"_s);
    EXPECT_TRUE(refused(u"accounts"_s, QJsonArray{u"bob"_s, 3}).contains(u"accounts[1]"_s));
    refused(u"accounts"_s, QJsonArray{u"bob carol"_s});
    refused(u"account"_s, u"bob"_s); // a key it does not take
    QJsonArray many;
    for (int i = 0; i <= 1000; ++i)
        many.append(u"a%1"_s.arg(i));
    EXPECT_TRUE(refused(u"accounts"_s, many).contains(u"1000"_s));
    many.removeLast();
    QJsonObject o = good;
    o.insert(u"accounts"_s, many);
    EXPECT_TRUE(parse(o));
}

TEST(StatsResult, ReadsBackWhatItWrites)
{
    api::StatsResult r{
        u"hour"_s, {3600, 7200}, {{u"bob"_s, {{u"delivered"_s, {1, 2}}}, {300, 300}}}};
    auto back = api::StatsResult::fromJson(r.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().toJson(), r.toJson());
}

TEST(StatsRequest, TotalsIsAnOptionThatMustBeABoolean)
{
    QJsonObject o = request(u"2026-12-01T00:00:00Z"_s, u"2026-12-02T00:00:00Z"_s, u"day"_s);
    auto plain = parse(o);
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain.value().totals);
    o.insert(u"totals"_s, true);
    auto totals = parse(o);
    ASSERT_TRUE(totals);
    EXPECT_TRUE(totals.value().totals);
    EXPECT_EQ(totals.value().toJson().value(u"totals"_s), QJsonValue(true));
    o.insert(u"totals"_s, u"yes"_s);
    auto refused = parse(o);
    ASSERT_FALSE(refused);
    EXPECT_TRUE(refused.error().message.contains(u"totals"_s));
}

TEST(StatsResult, TotalledSumsEverySeriesIntoOneBucketWithTheLastQuota)
{
    api::StatsResult r{u"day"_s,
                       {86400, 2 * 86400, 3 * 86400},
                       {{u"bob"_s,
                         {{u"accepted_external"_s, {1, 2, 3}}, {u"deferred"_s, {0, 4, 0}}},
                         {300, 300, 500}},
                        {u"carol"_s, {{u"accepted_external"_s, {0, 0, 0}}}, {}}}};
    const api::StatsResult t = r.totalled();
    EXPECT_EQ(t.bucket, u"day"_s);
    EXPECT_EQ(t.starts, QList<qint64>{86400});
    ASSERT_EQ(t.accounts.size(), 2);
    EXPECT_EQ(t.accounts[0].series.value(u"accepted_external"_s), QList<qint64>{6});
    EXPECT_EQ(t.accounts[0].series.value(u"deferred"_s), QList<qint64>{4});
    EXPECT_EQ(t.accounts[0].quota, QList<qint64>{500});
    EXPECT_EQ(t.accounts[1].series.value(u"accepted_external"_s), QList<qint64>{0});
    EXPECT_TRUE(t.accounts[1].quota.isEmpty());
}
