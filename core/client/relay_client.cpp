#include "relay_client.h"

#include "api/api.h"

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
                                                 std::function<void(const QByteArray &)> onLine,
                                                 transport::CancelToken cancel)
{
    // Lines are cut here; the response is the line that starts like every response does
    // (staffettactl writes keys sorted, so "api_version" comes first).
    struct State
    {
        QByteArray partial;
        QByteArray response;
    };
    auto state = std::make_shared<State>();
    const auto takeLine = [state, onLine](const QByteArray &line) {
        if (line.startsWith("{\"api_version\""))
            state->response = line;
        else if (!line.isEmpty())
            onLine(line);
    };
    auto sink = [state, takeLine](const QByteArray &chunk) {
        state->partial += chunk;
        qsizetype start = 0, end;
        while ((end = state->partial.indexOf('\n', start)) >= 0) {
            takeLine(state->partial.mid(start, end - start));
            start = end + 1;
        }
        state->partial.remove(0, start);
    };
    return m_transport->run(words + QStringList{u"--stream"_s}, input, std::move(cancel), sink)
        .then([state, takeLine](const Result<transport::ExecOutput> &exec) -> Result<QJsonObject> {
            if (!exec)
                return exec.error();
            takeLine(state->partial);
            return api::parseResponse(state->response, exec.value().err, exec.value().exitStatus);
        });
}

QFuture<Result<api::RelayInfo>> RelayClient::info(transport::CancelToken cancel)
{
    return call({u"info"_s}, {}, std::move(cancel))
        .then([](const Result<QJsonObject> &response) -> Result<api::RelayInfo> {
            if (!response)
                return response.error();
            return api::RelayInfo::fromJson(response.value());
        });
}

} // namespace staffetta::client
