// Fuzzes the policy delegation protocol parser and the engine behind it: any bytes, split
// in any chunks, must neither crash nor grow without bound.
#include "policy/engine.h"
#include "policy/protocol.h"

#include <cstdint>

using namespace staffetta::policy;

namespace {

class NullStats : public StatsSink
{
public:
    void add(const QString &, const QString &, qint64, qint64) override {}
};

std::shared_ptr<const Policy> fuzzPolicy()
{
    auto p = Policy::fromJson(R"({"schema_version": 1, "local_domains": ["lab.test"],
        "limits": {"daily_quota": 2, "max_recipients": 3},
        "blacklist": [{"pattern": "*@spam.example", "message": "no"}],
        "accounts": [{"login": "alice", "senders": ["alice@lab.test", "*@*.shop.example"]}]})");
    return std::make_shared<const Policy>(std::move(p).value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static NullStats stats;
    static LocalQuotaCounter counter(stats);
    static Engine engine(counter, stats);
    static const auto policy = fuzzPolicy();
    engine.setPolicy(policy);
    if (size == 0)
        return 0;
    // The first byte chooses the chunk size, so that splits inside lines are explored.
    const size_t chunk = 1 + data[0] % 64;
    RequestParser parser;
    QList<RequestParser::Attributes> requests;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000);
    for (size_t i = 1; i < size; i += chunk) {
        const QByteArray piece(reinterpret_cast<const char *>(data + i),
                               qsizetype(std::min(chunk, size - i)));
        if (!parser.feed(piece, requests))
            break;
        for (const auto &attributes : requests) {
            const Verdict v = engine.evaluate(Request::fromAttributes(attributes), now);
            if (v.action.isEmpty() || v.action.contains('\n'))
                __builtin_trap(); // an action must be one non-empty line
        }
        requests.clear();
    }
    if (engine.inFlight() > 100000)
        __builtin_trap();
    return 0;
}
