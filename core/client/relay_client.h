#pragma once

#include "api/info.h"
#include "transport/transport.h"

#include <QFuture>

#include <functional>
#include <memory>

namespace staffetta::client {

// The console's typed view of one relay's API: each verb returns a typed result.
// Work runs on the transport's worker thread; results are parsed there too, so the UI
// thread only receives ready values.
class RelayClient
{
public:
    explicit RelayClient(std::shared_ptr<transport::Transport> transport);

    QFuture<Result<api::RelayInfo>>
    info(transport::CancelToken cancel = transport::makeCancelToken());

    // Any verb, raw: the parsed "result" object of the response.
    QFuture<Result<QJsonObject>> call(const QStringList &words, const QByteArray &input = {},
                                      transport::CancelToken cancel = transport::makeCancelToken());

    // A streamed verb (--stream): every item goes to onItem on the worker thread as its line
    // arrives (framing: api::StreamReader); the future carries the final response's result.
    QFuture<Result<QJsonObject>>
    stream(const QStringList &words, const QByteArray &input,
           std::function<void(const QJsonObject &item)> onItem,
           transport::CancelToken cancel = transport::makeCancelToken());

private:
    std::shared_ptr<transport::Transport> m_transport;
};

} // namespace staffetta::client
