#pragma once

#include "policy/engine.h"
#include "policy/quota.h"

#include <QHash>

namespace staffetta::test {

// The per-hour counters in memory, for the engine's tests.
class MemoryStats : public policy::StatsSink
{
public:
    QHash<QString, QHash<qint64, qint64>> data; // "login/metric" -> hour -> count
    qint64 sum(const QString &login, const QString &m, qint64 from, qint64 to) const
    {
        qint64 total = 0;
        const auto hours = data.value(login + u'/' + m);
        for (auto it = hours.cbegin(); it != hours.cend(); ++it)
            total += (it.key() >= from && it.key() <= to) ? it.value() : 0;
        return total;
    }
    void add(const QString &login, const QString &m, qint64 hour, qint64 count) override
    {
        data[login + u'/' + m][hour] += count;
    }
};

// An engine as staffettad wires it: the relay's quota counter over a stats sink.
struct EngineRig
{
    MemoryStats stats;
    policy::LocalQuotaCounter counter{stats};
    policy::Engine engine{counter, stats};
};

} // namespace staffetta::test
