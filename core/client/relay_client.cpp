#include "relay_client.h"

#include "api/api.h"
#include "api/verbs.h"

namespace staffetta::client {

using namespace Qt::Literals::StringLiterals;

RelayClient::RelayClient(std::shared_ptr<transport::Transport> transport)
    : m_transport(std::move(transport))
{}

QFuture<Result<QJsonObject>> RelayClient::call(const QStringList &words, const QByteArray &input,
                                               transport::CancelToken cancel)
{
    return m_transport->run(words, input, std::move(cancel))
        .then([](const Result<transport::ExecOutput> &exec) -> Result<QJsonObject> {
            if (!exec)
                return exec.error();
            return api::parseResponse(exec.value().out, exec.value().err, exec.value().exitStatus);
        });
}

QFuture<Result<QJsonObject>> RelayClient::stream(const QStringList &words, const QByteArray &input,
                                                 std::function<void(const QJsonObject &)> onItem,
                                                 transport::CancelToken cancel)
{
    // The framing rule is api::StreamReader's (api.h).
    auto reader = std::make_shared<api::StreamReader>(std::move(onItem));
    auto sink = [reader](const QByteArray &chunk) {
        reader->feed(chunk);
    };
    return m_transport->run(words + QStringList{u"--stream"_s}, input, std::move(cancel), sink)
        .then([reader](const Result<transport::ExecOutput> &exec) -> Result<QJsonObject> {
            if (!exec)
                return exec.error();
            return reader->finish(exec.value().err, exec.value().exitStatus);
        });
}

QFuture<Result<api::RelayInfo>> RelayClient::info(transport::CancelToken cancel)
{
    return call(api::verbs::Info, {}, std::move(cancel))
        .then([](const Result<QJsonObject> &response) -> Result<api::RelayInfo> {
            if (!response)
                return response.error();
            return api::RelayInfo::fromJson(response.value());
        });
}

} // namespace staffetta::client
