#pragma once
// A relay that is not there: a Transport with canned answers, so GUI tests about the UI run
// without the lab (the lab tests stay for what the relay does).
#include "api/info.h"
#include "common/access.h"
#include "relay_connection.h"
#include "transport/transport.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QTimer>

#include <functional>

namespace staffetta::test {

class FakeRelay final : public transport::Transport
{
public:
    // By verb ("info", "policy get", "queue hold"): its result, or its error.
    QHash<QString, QJsonObject> results;
    QHash<QString, Error> errors;
    // A streamed verb's item lines ("queue list" with --stream), sent before its result.
    QHash<QString, QJsonArray> items;
    // What a write changes on the relay: once the verb is answered, these answers replace
    // the others ("alerts ack" -> the new "info" and "alerts list").
    QHash<QString, QHash<QString, QJsonObject>> afterwards;
    QList<QStringList> calls; // what the console asked, in order
    QList<QByteArray> inputs; // the requests on stdin, in the same order
    int delayMs = 0;          // answers arrive this much later (on the event loop)
    std::function<void(const QStringList &verb)> onCall; // told of each call as it is made

    void setCredentials(const transport::Credentials &) override {}

    QFuture<Result<transport::ExecOutput>> run(const QStringList &words, const QByteArray &input,
                                               transport::CancelToken,
                                               transport::OutputSink sink) override
    {
        QStringList verb = words;
        verb.removeAll(QStringLiteral("--stream"));
        calls.append(verb);
        inputs.append(input);
        if (onCall)
            onCall(verb);
        const QString key = verb.join(u' ');
        QJsonObject response{{QStringLiteral("api_version"), 1}};
        response.insert(QStringLiteral("ok"), !errors.contains(key));
        if (errors.contains(key))
            response.insert(QStringLiteral("error"), errors.value(key).toJson());
        else if (results.contains(key))
            response.insert(QStringLiteral("result"), results.value(key));
        else
            return later(Result<transport::ExecOutput>(Error(
                ErrorCode::Internal, QStringLiteral("the fake relay has no answer for ") + key)));
        const auto changes = afterwards.take(key);
        for (auto it = changes.cbegin(); it != changes.cend(); ++it)
            results.insert(it.key(), it.value());
        transport::ExecOutput out{0, {}, {}};
        QByteArray body;
        for (const QJsonValue &item : items.value(key))
            body += QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact) + '\n';
        body += QJsonDocument(response).toJson(QJsonDocument::Compact) + '\n';
        if (sink)
            sink(body);
        else
            out.out = body;
        return later(Result<transport::ExecOutput>(std::move(out)));
    }

    QFuture<Result<transport::ExecOutput>> later(Result<transport::ExecOutput> answer) const
    {
        if (delayMs == 0)
            return QtFuture::makeReadyFuture(std::move(answer));
        auto promise = std::make_shared<QPromise<Result<transport::ExecOutput>>>();
        promise->start();
        QTimer::singleShot(delayMs, [promise, answer = std::move(answer)]() mutable {
            promise->addResult(std::move(answer));
            promise->finish();
        });
        return promise->future();
    }

    // `info` as a relay answers it to a user of this role.
    void setRole(Role role, const QString &roleName, qint64 unacknowledgedAlerts = -1)
    {
        api::RelayInfo info;
        info.apiVersion = 1;
        info.hostname = QStringLiteral("fake.relay.test");
        info.postfixVersion = QStringLiteral("3.7.11");
        info.role = roleName;
        info.permissions = permissionNames(role);
        info.unacknowledgedAlerts = unacknowledgedAlerts;
        results.insert(QStringLiteral("info"), info.toJson());
    }

    // Every profile reaches this relay.
    ui::TransportFactory factory(std::shared_ptr<FakeRelay> self)
    {
        return [self](const settings::RelayProfile &) {
            return self;
        };
    }
};

} // namespace staffetta::test
