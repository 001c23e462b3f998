#include "ops_client.h"

#include "api/info.h"
#include "api/verbs.h"
#include "relay_client.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace staffetta::client {

using namespace Qt::Literals::StringLiterals;

namespace {

// A verb's request type (api/requests.h), as staffettactl reads it.
template<typename Request> QByteArray toRequest(const Request &request)
{
    return QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
}

// Queue names repeat in every row: share five strings instead of 100k copies.
QString sharedQueueName(const QString &name)
{
    static const QStringList names = api::queueNames();
    const qsizetype i = names.indexOf(name);
    return i >= 0 ? names.at(i) : name;
}

template<typename T, typename F>
QFuture<Result<T>> mapResult(QFuture<Result<QJsonObject>> future, F f)
{
    return future.then([f](const Result<QJsonObject> &r) -> Result<T> {
        if (!r)
            return r.error();
        return f(r.value());
    });
}

} // namespace

QueueRow QueueRow::fromJson(const QJsonObject &m)
{
    QueueRow row;
    row.id = m.value(u"queue_id"_s).toString();
    row.queue = sharedQueueName(m.value(u"queue_name"_s).toString());
    row.arrival = qint64(m.value(u"arrival_time"_s).toDouble());
    row.size = qint64(m.value(u"message_size"_s).toDouble());
    row.sender = m.value(u"sender"_s).toString();
    const QJsonArray recipients = m.value(u"recipients"_s).toArray();
    row.recipientCount = int(recipients.size());
    size_t state = qHashMulti(0, row.queue, row.arrival, row.size, row.sender);
    bool first = true;
    for (const QJsonValue &v : recipients) {
        const QJsonObject r = v.toObject();
        const QString address = r.value(u"address"_s).toString();
        const QString reason = r.value(u"delay_reason"_s).toString();
        if (row.reason.isEmpty())
            row.reason = reason;
        state = qHashMulti(state, address, reason);
        if (first)
            row.recipients = address; // nearly always the only one: shared, not copied
        else
            row.recipients += u", "_s + address;
        first = false;
    }
    row.state = state;
    return row;
}

QFuture<Result<QueueListing>> queueList(RelayClient &client, const api::QueueListRequest &filter,
                                        std::shared_ptr<std::atomic<qint64>> progress,
                                        transport::CancelToken cancel)
{
    auto listing = std::make_shared<QueueListing>();
    auto onItem = [listing, progress](const QJsonObject &message) {
        listing->rows.push_back(QueueRow::fromJson(message));
        if (progress)
            progress->store(qint64(listing->rows.size()), std::memory_order_relaxed);
    };
    return client.stream(api::verbs::QueueList, toRequest(filter), onItem, std::move(cancel))
        .then([listing](const Result<QJsonObject> &r) -> Result<QueueListing> {
            if (!r)
                return r.error();
            const QJsonObject counts = r.value().value(u"counts"_s).toObject();
            for (auto it = counts.begin(); it != counts.end(); ++it)
                listing->counts.insert(it.key(), it.value().toInt());
            listing->total = r.value().value(u"total"_s).toInteger();
            listing->time = r.value().value(u"time"_s).toInteger();
            return std::move(*listing);
        });
}

QFuture<Result<api::QueuedMessage>> queueShow(RelayClient &client, const QString &id)
{
    return mapResult<api::QueuedMessage>(
        client.call(api::verbs::QueueShow + QStringList{id}), [id](const QJsonObject &o) {
            return api::QueuedMessage::fromJson(id,
                                                o.value(u"messages"_s).toArray().at(0).toObject());
        });
}

QFuture<Result<QHash<QString, api::QueuedMessage>>> queueDetails(RelayClient &client,
                                                                 const QStringList &ids)
{
    return mapResult<QHash<QString, api::QueuedMessage>>(
        client.call(api::verbs::QueueShow, toRequest(api::QueueShowRequest{ids})),
        [](const QJsonObject &o) {
            QHash<QString, api::QueuedMessage> found;
            for (const QJsonValue &v : o.value(u"messages"_s).toArray()) {
                api::QueuedMessage m = api::QueuedMessage::fromJson({}, v.toObject());
                found.insert(m.id, std::move(m));
            }
            return found;
        });
}

QFuture<Result<QList<api::ActionResult>>> queueAction(RelayClient &client, api::QueueAction action,
                                                      const QStringList &ids)
{
    return mapResult<QList<api::ActionResult>>(
        client.call({api::verbs::Queue, api::queueActionName(action)},
                    toRequest(api::QueueActionRequest{{.ids = ids}})),
        [](const QJsonObject &o) {
            QList<api::ActionResult> results;
            for (const QJsonValue &v : o.value(u"results"_s).toArray())
                results.append(api::ActionResult::fromJson(v.toObject()));
            return results;
        });
}

QFuture<Result<BansSnapshot>> bansList(RelayClient &client)
{
    return mapResult<BansSnapshot>(client.call(api::verbs::BansList), api::BansSnapshot::fromJson);
}

QFuture<Result<AddressReport>> bansLog(RelayClient &client, const QString &address)
{
    return mapResult<AddressReport>(
        client.call(api::verbs::BansLog, toRequest(api::AddressRequest{address})),
        api::AddressReport::fromJson);
}

QFuture<Result<api::UnbanResult>> unban(RelayClient &client, const QString &address)
{
    return mapResult<api::UnbanResult>(
        client.call(api::verbs::BansUnban, toRequest(api::AddressRequest{address})),
        api::UnbanResult::fromJson);
}

QFuture<Result<api::WhitelistResult>> whitelistAdd(RelayClient &client, const QString &address,
                                                   const QString &note)
{
    return mapResult<api::WhitelistResult>(
        client.call(api::verbs::BansWhitelistAdd,
                    toRequest(api::WhitelistAddRequest{address, note})),
        api::WhitelistResult::fromJson);
}

QFuture<Result<api::WhitelistResult>> whitelistRemove(RelayClient &client, const QString &address)
{
    return mapResult<api::WhitelistResult>(
        client.call(api::verbs::BansWhitelistRemove, toRequest(api::AddressRequest{address})),
        api::WhitelistResult::fromJson);
}

SearchHit SearchHit::fromJson(const QJsonObject &o)
{
    const api::SearchResult r = api::SearchResult::fromJson(o);
    SearchHit hit;
    hit.kind = r.kind;
    hit.ip = r.ip;
    for (const QJsonObject &m : r.messages)
        hit.messages.append(QueueRow::fromJson(m));
    hit.messagesMatched = r.messagesMatched;
    for (const api::SearchResult::Account &a :
         r.accounts.value_or(QList<api::SearchResult::Account>()))
        hit.accounts.append({a.login, a.senders});
    return hit;
}

QFuture<Result<SearchHit>> search(RelayClient &client, const QString &term)
{
    return mapResult<SearchHit>(
        client.call(api::verbs::Search, toRequest(api::SearchRequest{term})), SearchHit::fromJson);
}

QFuture<Result<api::StatsResult>> stats(RelayClient &client, const api::StatsRequest &request)
{
    return mapResult<api::StatsResult>(client.call(api::verbs::Stats, toRequest(request)),
                                       api::StatsResult::fromJson);
}

QFuture<Result<api::TraceResult>> trace(RelayClient &client, const api::TraceRequest &request)
{
    return mapResult<api::TraceResult>(client.call(api::verbs::Trace, toRequest(request)),
                                       api::TraceResult::fromJson);
}

QFuture<Result<api::AlertsListResult>> alertsList(RelayClient &client,
                                                  const api::AlertsListRequest &request)
{
    return mapResult<api::AlertsListResult>(client.call(api::verbs::AlertsList, toRequest(request)),
                                            api::AlertsListResult::fromJson);
}

QFuture<Result<api::ReputationReport>> reputationShow(RelayClient &client)
{
    return mapResult<api::ReputationReport>(client.call(api::verbs::ReputationShow),
                                            api::ReputationReport::fromJson);
}

QFuture<Result<api::ReputationHistory>>
reputationHistory(RelayClient &client, const api::ReputationHistoryRequest &request)
{
    return mapResult<api::ReputationHistory>(
        client.call(api::verbs::ReputationHistory, toRequest(request)),
        api::ReputationHistory::fromJson);
}

QFuture<Result<api::Alert>> alertsAck(RelayClient &client, qint64 id, const QString &comment)
{
    return mapResult<api::Alert>(
        client.call(api::verbs::AlertsAck, toRequest(api::AlertsAckRequest{id, comment})),
        api::Alert::fromJson);
}

QFuture<Result<api::AccountsList>> accountsList(RelayClient &client)
{
    return mapResult<api::AccountsList>(client.call(api::verbs::AccountsList),
                                        api::AccountsList::fromJson);
}

QFuture<Result<api::AccountWriteResult>> accountsAdd(RelayClient &client,
                                                     const api::AccountAddRequest &request)
{
    return mapResult<api::AccountWriteResult>(
        client.call(api::verbs::AccountsAdd, toRequest(request)),
        api::AccountWriteResult::fromJson);
}

QFuture<Result<api::AccountWriteResult>> accountsRemove(RelayClient &client, const QString &login)
{
    return mapResult<api::AccountWriteResult>(
        client.call(api::verbs::AccountsRemove, toRequest(api::AccountRemoveRequest{login})),
        api::AccountWriteResult::fromJson);
}

QFuture<Result<api::AccountWriteResult>> accountsPasswd(RelayClient &client,
                                                        const api::AccountPasswdRequest &request)
{
    return mapResult<api::AccountWriteResult>(
        client.call(api::verbs::AccountsPasswd, toRequest(request)),
        api::AccountWriteResult::fromJson);
}

QFuture<Result<api::AccountSuspendResult>> accountsSwitch(RelayClient &client, bool suspend,
                                                          const api::AccountSuspendRequest &request)
{
    return mapResult<api::AccountSuspendResult>(
        client.call(suspend ? api::verbs::AccountsSuspend : api::verbs::AccountsResume,
                    toRequest(request)),
        api::AccountSuspendResult::fromJson);
}

} // namespace staffetta::client
