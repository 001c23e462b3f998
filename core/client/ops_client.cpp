#include "ops_client.h"

#include "api/info.h"
#include "api/verbs.h"
#include "relay_client.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace staffetta::client {

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray toRequest(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
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
    QStringList addresses;
    for (const QJsonValue &v : recipients) {
        const QJsonObject r = v.toObject();
        addresses.append(r.value(u"address"_s).toString());
        if (row.reason.isEmpty())
            row.reason = r.value(u"delay_reason"_s).toString();
    }
    row.recipients = addresses.join(u", "_s);
    return row;
}

QFuture<Result<QueueListing>> queueList(RelayClient &client, const QJsonObject &filter,
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
        client.call(api::verbs::QueueShow + QStringList{id}),
        [id](const QJsonObject &o) { return api::QueuedMessage::fromJson(id, o); });
}

QFuture<Result<QList<api::ActionResult>>> queueAction(RelayClient &client, api::QueueAction action,
                                                      const QStringList &ids)
{
    return mapResult<QList<api::ActionResult>>(
        client.call({api::verbs::Queue, api::queueActionName(action)},
                    toRequest({{u"ids"_s, QJsonArray::fromStringList(ids)}})),
        [](const QJsonObject &o) {
            QList<api::ActionResult> results;
            for (const QJsonValue &v : o.value(u"results"_s).toArray())
                results.append(api::ActionResult::fromJson(v.toObject()));
            return results;
        });
}

Result<BansSnapshot> BansSnapshot::fromJson(const QJsonObject &o)
{
    if (!o.value(u"jails"_s).isArray())
        return Error(ErrorCode::BadResponse, QStringLiteral("bans list: no jails in the answer"));
    BansSnapshot s;
    for (const QJsonValue &jv : o.value(u"jails"_s).toArray()) {
        const QJsonObject j = jv.toObject();
        JailBans jail;
        jail.name = j.value(u"name"_s).toString();
        jail.currentlyFailed = j.value(u"currently_failed"_s).toInt();
        jail.totalBanned = j.value(u"total_banned"_s).toInt();
        for (const QJsonValue &b : j.value(u"bans"_s).toArray())
            jail.bans.append(api::Ban::fromJson(b.toObject()));
        s.jails.append(jail);
    }
    for (const QJsonValue &w : o.value(u"whitelist"_s).toArray())
        s.whitelist.append(api::WhitelistEntry::fromJson(w.toObject()));
    return s;
}

QFuture<Result<BansSnapshot>> bansList(RelayClient &client)
{
    return mapResult<BansSnapshot>(client.call(api::verbs::BansList), BansSnapshot::fromJson);
}

AddressReport AddressReport::fromJson(const QJsonObject &o)
{
    AddressReport r;
    r.address = o.value(u"address"_s).toString();
    for (const QJsonValue &b : o.value(u"bans"_s).toArray())
        r.bans.append(api::Ban::fromJson(b.toObject()));
    r.reason = api::failureKindFromName(o.value(u"reason"_s).toString());
    for (const QJsonValue &lv : o.value(u"lines"_s).toArray()) {
        const QJsonObject l = lv.toObject();
        r.lines.append({l.value(u"source"_s).toString(), l.value(u"text"_s).toString(),
                        api::failureKindFromName(l.value(u"reason"_s).toString())});
    }
    if (o.contains(u"whitelisted"_s))
        r.whitelisted = api::WhitelistEntry::fromJson(o.value(u"whitelisted"_s).toObject());
    return r;
}

QFuture<Result<AddressReport>> bansLog(RelayClient &client, const QString &address)
{
    return mapResult<AddressReport>(
        client.call(api::verbs::BansLog, toRequest({{u"address"_s, address}})),
        AddressReport::fromJson);
}

QFuture<Result<QStringList>> unban(RelayClient &client, const QString &address)
{
    return mapResult<QStringList>(
        client.call(api::verbs::BansUnban, toRequest({{u"address"_s, address}})),
        [](const QJsonObject &o) { return o.value(u"jails"_s).toVariant().toStringList(); });
}

QFuture<Result<QJsonObject>> whitelistAdd(RelayClient &client, const QString &address,
                                          const QString &note)
{
    return client.call(api::verbs::BansWhitelistAdd,
                       toRequest({{u"address"_s, address}, {u"note"_s, note}}));
}

QFuture<Result<QJsonObject>> whitelistRemove(RelayClient &client, const QString &address)
{
    return client.call(api::verbs::BansWhitelistRemove, toRequest({{u"address"_s, address}}));
}

SearchHit SearchHit::fromJson(const QJsonObject &o)
{
    SearchHit hit;
    hit.kind = o.value(u"kind"_s).toString();
    if (o.contains(u"ip"_s))
        hit.ip = AddressReport::fromJson(o.value(u"ip"_s).toObject());
    const QJsonObject queue = o.value(u"queue"_s).toObject();
    for (const QJsonValue &m : queue.value(u"messages"_s).toArray())
        hit.messages.append(QueueRow::fromJson(m.toObject()));
    hit.messagesMatched = queue.value(u"matched"_s).toInteger();
    for (const QJsonValue &av : o.value(u"accounts"_s).toArray()) {
        const QJsonObject a = av.toObject();
        hit.accounts.append(
            {a.value(u"login"_s).toString(), a.value(u"senders"_s).toVariant().toStringList()});
    }
    return hit;
}

QFuture<Result<SearchHit>> search(RelayClient &client, const QString &term)
{
    return mapResult<SearchHit>(client.call(api::verbs::Search, toRequest({{u"term"_s, term}})),
                                SearchHit::fromJson);
}

} // namespace staffetta::client
