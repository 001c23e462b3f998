#pragma once

#include "policy/engine.h"

#include <QHash>

namespace staffetta::test {

// The quota's counters in memory, for the engine's tests.
class MemoryLedger : public policy::Ledger
{
public:
    QHash<QString, QHash<qint64, qint64>> data; // "login/metric" -> hour -> count
    qint64 sum(const QString &login, const QString &m, qint64 from, qint64 to) override
    {
        qint64 total = 0;
        const auto &hours = data[login + u'/' + m];
        for (auto it = hours.cbegin(); it != hours.cend(); ++it)
            total += (it.key() >= from && it.key() <= to) ? it.value() : 0;
        return total;
    }
    void add(const QString &login, const QString &m, qint64 hour, qint64 count) override
    {
        data[login + u'/' + m][hour] += count;
    }
};

} // namespace staffetta::test
