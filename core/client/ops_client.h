#pragma once

#include "api/accounts.h"
#include "api/alerts.h"
#include "api/bans.h"
#include "api/queue.h"
#include "api/reputation.h"
#include "api/requests.h"
#include "api/stats.h"
#include "api/trace.h"
#include "common/result.h"
#include "transport/transport.h"

#include <QFuture>
#include <QHash>
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
    // What the listing says of the message's queue file (queue, arrival, size, sender, each
    // pending recipient and its delay reason), hashed: when it is the same in two listings,
    // details read in between still hold.
    size_t state = 0;

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
queueList(RelayClient &client, const api::QueueListRequest &filter,
          std::shared_ptr<std::atomic<qint64>> progress = {},
          transport::CancelToken cancel = transport::makeCancelToken());

QFuture<Result<api::QueuedMessage>> queueShow(RelayClient &client, const QString &id);
// Several messages in one call (one process on the relay): those still queued, by id; the
// others are simply absent.
QFuture<Result<QHash<QString, api::QueuedMessage>>> queueDetails(RelayClient &client,
                                                                 const QStringList &ids);

QFuture<Result<QList<api::ActionResult>>> queueAction(RelayClient &client, api::QueueAction action,
                                                      const QStringList &ids);

// The bans verbs' types are the API's (api/bans.h); these are the console's names for them.
using JailBans = api::JailBans;
using BansSnapshot = api::BansSnapshot;
using LogLine = api::LogLine;
using AddressReport = api::AddressReport;

QFuture<Result<BansSnapshot>> bansList(RelayClient &client);

QFuture<Result<AddressReport>> bansLog(RelayClient &client, const QString &address);
QFuture<Result<api::UnbanResult>> unban(RelayClient &client, const QString &address);
QFuture<Result<api::WhitelistResult>> whitelistAdd(RelayClient &client, const QString &address,
                                                   const QString &note);
QFuture<Result<api::WhitelistResult>> whitelistRemove(RelayClient &client, const QString &address);

// `search` (api::SearchResult) as the console keeps it: the messages as queue rows.
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

// `stats` and `trace`: the relay's history (the event index and the hourly counters).
QFuture<Result<api::StatsResult>> stats(RelayClient &client, const api::StatsRequest &request);
QFuture<Result<api::TraceResult>> trace(RelayClient &client, const api::TraceRequest &request);
// `alerts list` and `alerts ack` (core/api/alerts.h): the Alerts view's calls.
QFuture<Result<api::AlertsListResult>> alertsList(RelayClient &client,
                                                  const api::AlertsListRequest &request);
QFuture<Result<api::Alert>> alertsAck(RelayClient &client, qint64 id, const QString &comment);
// `reputation show` and `reputation history` (core/api/reputation.h): the Overview's
// Reputation panel.
QFuture<Result<api::ReputationReport>> reputationShow(RelayClient &client);
QFuture<Result<api::ReputationHistory>>
reputationHistory(RelayClient &client, const api::ReputationHistoryRequest &request);

// `accounts list|add|remove|passwd|suspend|resume` (core/api/accounts.h): the Accounts view's
// calls. A generated password is in the add/passwd answer only.
QFuture<Result<api::AccountsList>> accountsList(RelayClient &client);
QFuture<Result<api::AccountWriteResult>> accountsAdd(RelayClient &client,
                                                     const api::AccountAddRequest &request);
QFuture<Result<api::AccountWriteResult>> accountsRemove(RelayClient &client, const QString &login);
QFuture<Result<api::AccountWriteResult>> accountsPasswd(RelayClient &client,
                                                        const api::AccountPasswdRequest &request);
// suspend true: `accounts suspend`, else `accounts resume`.
QFuture<Result<api::AccountSuspendResult>>
accountsSwitch(RelayClient &client, bool suspend, const api::AccountSuspendRequest &request);

} // namespace staffetta::client
