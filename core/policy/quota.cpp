#include "quota.h"

#include "engine.h"

namespace staffetta::policy {

void LocalQuotaCounter::load(const QString &login, qint64 hour, qint64 count)
{
    m_committed[login][hour] += count;
}

qint64 LocalQuotaCounter::used(const QString &login, HourSpan span)
{
    const auto it = m_committed.constFind(login);
    if (it == m_committed.cend())
        return 0;
    qint64 total = 0;
    for (auto h = it->lowerBound(span.from); h != it->cend() && h.key() <= span.to; ++h)
        total += h.value();
    return total;
}

void LocalQuotaCounter::giveBack(Held &h)
{
    if (!h.held)
        return;
    h.held = false;
    auto it = m_reserved.find(h.login);
    if (it == m_reserved.end())
        return;
    *it -= h.count;
    if (*it <= 0)
        m_reserved.erase(it);
}

bool LocalQuotaCounter::reserve(const QString &login, const QByteArray &message, int quota,
                                HourSpan span, qint64 nowSecs)
{
    const bool known = m_messages.contains(message);
    Held &h = m_messages[message];
    if (!known)
        h.login = login;
    // What the account holds without this message, plus all this message wants.
    const int others = m_reserved.value(login) - (h.held ? h.count : 0);
    if (used(login, span) + others + h.count + 1 > quota) {
        if (!known)
            m_messages.remove(message);
        return false;
    }
    if (!h.held) {
        m_reserved[login] += h.count;
        h.held = true;
    }
    ++h.count;
    ++m_reserved[login];
    h.lastSecs = nowSecs;
    return true;
}

bool LocalQuotaCounter::commit(const QString &login, const QByteArray &message, int count,
                               int quota, HourSpan span, qint64 hour)
{
    bool covered = false;
    if (auto it = m_messages.find(message); it != m_messages.end()) {
        covered = it->held && count <= it->count;
        giveBack(*it);
        m_messages.erase(it);
    }
    if (!covered && used(login, span) + m_reserved.value(login) + count > quota)
        return false;
    // Hours older than any window are dropped as commits come in.
    QMap<qint64, qint64> &hours = m_committed[login];
    hours[hour] += count;
    while (!hours.isEmpty() && hours.firstKey() < hour - 48)
        hours.erase(hours.begin());
    m_sink.add(login, metric::AcceptedExternal, hour, count);
    return true;
}

bool LocalQuotaCounter::hold(const QString &login, const QByteArray &message, int count, int quota,
                             HourSpan span, qint64 nowSecs)
{
    Held &h = m_messages[message];
    if (h.login.isEmpty())
        h.login = login;
    if (h.held && h.count >= count) {
        // Recipients the policy passed but Postfix then refused are given back.
        m_reserved[login] -= h.count - count;
        h.count = count;
    } else {
        const int others = m_reserved.value(login) - (h.held ? h.count : 0);
        if (used(login, span) + others + count > quota) {
            giveBack(h);
            m_messages.remove(message);
            return false;
        }
        m_reserved[login] = others + count;
        h.count = count;
        h.held = true;
    }
    if (m_reserved.value(login) <= 0)
        m_reserved.remove(login);
    h.lastSecs = nowSecs;
    return true;
}

void LocalQuotaCounter::release(const QByteArray &message)
{
    if (auto it = m_messages.find(message); it != m_messages.end()) {
        giveBack(*it);
        m_messages.erase(it);
    }
}

void LocalQuotaCounter::expire(qint64 nowSecs, int timeoutSecs)
{
    for (Held &h : m_messages) {
        if (h.held && nowSecs - h.lastSecs >= timeoutSecs)
            giveBack(h);
    }
}

} // namespace staffetta::policy
