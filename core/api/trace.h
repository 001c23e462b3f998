#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// `staffettactl trace`: messages from the event index with their delivery history.
namespace staffetta::api {

// Every filter that is set must match. Addresses, accounts and ids match exactly
// (case-insensitive); from/to bound the time the message was accepted (ISO 8601).
struct TraceRequest
{
    static constexpr qint64 MaxLimit = 1000;
    static constexpr qint64 DefaultLimit = 100;

    QString sender = {}, recipient = {}, account = {}, queueId = {}, messageId = {}, clientIp = {};
    QString status = {}; // sent, deferred, bounced, expired: a recipient's last attempt
    QDateTime from = {}, to = {};
    qint64 limit = DefaultLimit;
    qint64 offset = 0;

    static QString fields();
    static QStringList statuses(); // sent, deferred, bounced, expired
    QJsonObject toJson() const;
    static Result<TraceRequest> fromJson(const QJsonObject &o);
};

struct TraceAttempt
{
    QDateTime time;
    QString relay, dsn, status, reply, transport;
    double delay = 0;
};

struct TraceRecipient
{
    QString address;
    QString status;               // its last attempt's
    QList<TraceAttempt> attempts; // oldest first
};

struct TraceMessage
{
    QString queueId, messageId, clientIp, clientHost, account, sender;
    qint64 size = -1;
    QDateTime accepted;
    QDateTime removed; // invalid while it is still in the queue
    QList<TraceRecipient> recipients;

    QJsonObject toJson() const;
    static Result<TraceMessage> fromJson(const QJsonObject &o);
};

struct TraceResult
{
    QList<TraceMessage> messages; // newest first
    qint64 matched = 0;           // every message the filters matched (the page is a part)

    QJsonObject toJson() const;
    static Result<TraceResult> fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
