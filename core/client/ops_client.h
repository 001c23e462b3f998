#pragma once

#include "api/bans.h"
#include "api/queue.h"
#include "common/result.h"
#include "transport/transport.h"

#include <QFuture>
#include <QMap>

#include <atomic>
#include <memory>
#include <vector>

namespace staffetta::client {

class RelayClient;

// One queued message as the console keeps it: compact, because a queue may hold 100k.
struct QueueRow
{
    QString id;
    QString queue;      // shared strings: five distinct values
    qint64 arrival = 0; // epoch seconds
    qint64 size = 0;
    QString sender;
    QString recipients; // all addresses, ", "-joined
    int recipientCount = 0;
    QString reason; // the first recipient's delay reason, if any

    static QueueRow fromJson(const QJsonObject &message);
};

struct QueueListing
{
    std::vector<QueueRow> rows;
    QMap<QString, int> counts; // every queue, also those not listed
    qint64 total = 0;
    qint64 time = 0; // the relay's clock when it listed
};

// `queue list --stream`: parsed on the worker thread as lines arrive; `progress` (if given)
// counts the rows parsed so far, for a progress display.
QFuture<Result<QueueListing>>
queueList(RelayClient &client, const QJsonObject &filter,
          std::shared_ptr<std::atomic<qint64>> progress = {},
          transport::CancelToken cancel = transport::makeCancelToken());

QFuture<Result<api::QueuedMessage>> queueShow(RelayClient &client, const QString &id);

QFuture<Result<QList<api::ActionResult>>> queueAction(RelayClient &client, api::QueueAction action,
                                                      const QStringList &ids);

struct JailBans
{
    QString name;
    int currentlyFailed = 0;
    int totalBanned = 0;
    QList<api::Ban> bans;
};

struct BansSnapshot
{
    QList<JailBans> jails;
    QList<api::WhitelistEntry> whitelist;
    static Result<BansSnapshot> fromJson(const QJsonObject &o);
};

QFuture<Result<BansSnapshot>> bansList(RelayClient &client);

struct LogLine
{
    QString source; // mail, staffettad, fail2ban
    QString text;
    api::FailureKind reason = api::FailureKind::None;
};

// `bans log IP`: the bans of an address, why, and the lines behind it.
struct AddressReport
{
    QString address;
    QList<api::Ban> bans;
    api::FailureKind reason = api::FailureKind::None;
    QList<LogLine> lines;
    std::optional<api::WhitelistEntry> whitelisted;
    static AddressReport fromJson(const QJsonObject &o);
};

QFuture<Result<AddressReport>> bansLog(RelayClient &client, const QString &address);
// The jails the address was unbanned in.
QFuture<Result<QStringList>> unban(RelayClient &client, const QString &address);
QFuture<Result<QJsonObject>> whitelistAdd(RelayClient &client, const QString &address,
                                          const QString &note);
QFuture<Result<QJsonObject>> whitelistRemove(RelayClient &client, const QString &address);

// `search`: what one relay knows of an IP, an address or a queue id.
struct SearchHit
{
    QString kind; // ip, address, queue_id_or_login, text
    std::optional<AddressReport> ip;
    QList<QueueRow> messages;
    qint64 messagesMatched = 0;
    QList<std::pair<QString, QStringList>> accounts; // login, matching senders
    static SearchHit fromJson(const QJsonObject &o);
};

QFuture<Result<SearchHit>> search(RelayClient &client, const QString &term);

} // namespace staffetta::client
