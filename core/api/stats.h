#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// `staffettactl stats`: per account series of what was accepted, refused (by reason),
// delivered, deferred and bounced, per hour or per day (UTC), and the daily quota in force.
namespace staffetta::api {

struct StatsRequest
{
    static constexpr qint64 MaxHours = 90 * 24; // buckets of an hourly request
    static constexpr qint64 MaxDays = 400;      // buckets of a daily request
    static constexpr qsizetype MaxAccounts = 1000;

    QStringList accounts = {};    // empty: every account of the policy the caller sees
    QDateTime from = {}, to = {}; // to: now when absent; from: 24 buckets or 7 before it
    QString bucket = {};          // "hour" or "day" (absent: day)
    // One bucket per account, the sum of the range (the quota: the last day's). The console's
    // top senders of 10 000 accounts: 12 numbers each, not 12 per bucket.
    bool totals = false;

    static QString fields();
    QJsonObject toJson() const;
    static Result<StatsRequest> fromJson(const QJsonObject &o);

    qint64 bucketSeconds() const { return bucket == u"hour" ? 3600 : 86400; }
    qint64 floorToBucket(qint64 secs) const; // the start of the bucket that holds `secs`
    qint64 bucketCount() const;
    // The buckets' starts (seconds since the epoch, UTC): from `from` rounded down to its
    // bucket, through the bucket that holds `to` (fromJson bounds their number).
    QList<qint64> starts() const;
};

// The series' names, in the order they are rendered: the hourly counters' metrics
// (policy::metric), then the delivery attempts' outcomes (the event index).
QStringList statsSeriesNames();

struct AccountStats
{
    QString account;
    QHash<QString, QList<qint64>> series; // name -> one count per bucket
    QList<qint64> quota;                  // the daily quota in force, per bucket's day
};

struct StatsResult
{
    QString bucket;
    QList<qint64> starts; // seconds since the epoch, UTC
    QList<AccountStats> accounts;

    QJsonObject toJson() const;
    static Result<StatsResult> fromJson(const QJsonObject &o);
    // The same answer with one bucket (the first's start): each series summed, the quota of
    // the last bucket.
    StatsResult totalled() const;
};

} // namespace staffetta::api
