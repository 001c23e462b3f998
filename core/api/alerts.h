#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// `staffettactl alerts list|ack`: the abuse alerts staffetta-events raised from the event index.
namespace staffetta::api {

// One alert: a rule an account tripped, with the numbers and samples that tripped it. Raised
// once per account and rule per UTC day.
struct Alert
{
    qint64 id = 0;
    // quota_reached, hourly_rate, bounce_rate, unauthorized_sender, client_ips; or
    // reputation_listed (`reputation check`: account empty for a relay IP, else the account
    // whose sender domain is listed; samples: the IP or domain, the list, its zone, the
    // removal page), raised once per new listing
    QString rule;
    QString account;
    QDateTime raised;
    QDateTime windowFrom, windowTo; // the time the numbers are about
    double observed = 0;            // messages, refusals, client IPs, or % bounced
    double threshold = 0;           // what `observed` exceeded
    double baseline = 0;  // hourly_rate: the account's 14-day hourly average; bounce_rate: N
    QStringList queueIds; // samples (at most 10)
    QStringList samples;  // other evidence: client IPs, refused senders (at most 10)
    QStringList notified; // the addresses the e-mail went to
    QString notifyError;  // why it could not be sent, when it could not
    bool acknowledged = false;
    QDateTime acknowledgedAt;
    QString acknowledgedBy, comment;

    QJsonObject toJson() const;
    static Result<Alert> fromJson(const QJsonObject &o);
};

// Every filter that is set must match; from/to bound the time raised (ISO 8601).
struct AlertsListRequest
{
    static constexpr qint64 MaxLimit = 1000;
    static constexpr qint64 DefaultLimit = 100;

    QDateTime from = {}, to = {};
    QString account = {};
    QString rule = {};
    std::optional<bool> acknowledged = {};
    qint64 limit = DefaultLimit;
    qint64 offset = 0;

    static QString fields();
    static QStringList rules();
    QJsonObject toJson() const;
    static Result<AlertsListRequest> fromJson(const QJsonObject &o);
};

struct AlertsListResult
{
    QList<Alert> alerts;       // newest first
    qint64 matched = 0;        // every alert the filters matched (the page is a part)
    qint64 unacknowledged = 0; // of the caller's accounts, whatever the filters

    QJsonObject toJson() const;
    static Result<AlertsListResult> fromJson(const QJsonObject &o);
};

// `alerts ack ID`: the alert and a comment (kept with it and in the audit log).
struct AlertsAckRequest
{
    qint64 id = 0;
    QString comment = {};

    static QString fields() { return QStringLiteral("{id, comment?}"); }
    QJsonObject toJson() const;
    static Result<AlertsAckRequest> fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
