// Fuzzes the policy loader: any bytes either load or fail with paths; what loads must
// serialize and load again to the same policy.
#include "policy/policy.h"

#include <QJsonArray>

#include <cstdint>

using namespace staffetta;
using namespace staffetta::policy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    auto loaded = Policy::fromJson(json);
    if (!loaded) {
        if (loaded.error().code != ErrorCode::InvalidPolicy || loaded.error().message.isEmpty() ||
            loaded.error().details.value(QStringLiteral("errors")).toArray().isEmpty())
            __builtin_trap(); // every refusal says what and where
        return 0;
    }
    const QByteArray once = loaded.value().toJson();
    auto again = Policy::fromJson(once);
    if (!again || again.value().toJson() != once)
        __builtin_trap(); // round trip must be stable
    return 0;
}
