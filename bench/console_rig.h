#pragma once
// What the console benchmarks (activity_load, clicks_load) share: a prompter that refuses
// every question, and a heartbeat on the UI thread that measures its longest stall.

#include "prompter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>

namespace staffetta::bench {

// No question is ever expected (a lab host key is in the known_hosts given; the in-process
// relay asks nothing): one that comes is refused, and the benchmark fails rather than trusting.
class RefusingPrompter final : public ui::Prompter
{
public:
    void askTrustHostKey(const QString &, const Error &, std::function<void(bool)> answer) override
    {
        answer(false);
    }
    void askSecret(const QString &, const Error &,
                   std::function<void(std::optional<SecretAnswer>)> answer) override
    {
        answer(std::nullopt);
    }
};

// The longest gap between two ticks of a 1 ms timer on the UI thread since the last reset.
class Heartbeat : public QObject
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this,
                         [this] { m_longest = std::max(m_longest, m_since.restart()); });
        m_since.start();
        m_timer.start();
    }
    void reset()
    {
        m_since.restart();
        m_longest = 0;
    }
    qint64 longest() const { return std::max(m_longest, m_since.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_since;
    qint64 m_longest = 0;
};

} // namespace staffetta::bench
