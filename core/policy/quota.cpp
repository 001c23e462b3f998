#include "quota.h"

#include "engine.h"

namespace staffetta::policy {

QString senderKey(const QString &login, const QString &sender)
{
    return login + u' ' + sender.toLower();
}

namespace {

QStringList keysOf(const QList<Limit> &limits)
{
    QStringList keys;
    for (const Limit &l : limits) {
        if (!keys.contains(l.key))
            keys.append(l.key);
    }
    return keys;
}

} // namespace

void LocalQuotaCounter::load(const QString &key, qint64 hour, qint64 count)
{
    m_committed[key][hour] += count;
}

qint64 LocalQuotaCounter::used(const QString &key, HourSpan span)
{
    const auto it = m_committed.constFind(key);
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
    for (const QString &key : std::as_const(h.keys)) {
        auto it = m_reserved.find(key);
        if (it == m_reserved.end())
            continue;
        *it -= h.count;
        if (*it <= 0)
            m_reserved.erase(it);
    }
}

void LocalQuotaCounter::take(Held &h, int count)
{
    for (const QString &key : std::as_const(h.keys)) {
        int &r = m_reserved[key];
        r += count;
        if (r <= 0)
            m_reserved.remove(key);
    }
}

int LocalQuotaCounter::exceeded(const Held &h, const QList<Limit> &limits, int wanted)
{
    for (qsizetype i = 0; i < limits.size(); ++i) {
        const Limit &l = limits[i];
        // What the key holds without this message, plus all this message wants.
        const int others = m_reserved.value(l.key) - (h.held ? h.count : 0);
        if (used(l.key, l.span) + others + wanted > l.max)
            return int(i);
    }
    return Fits;
}

int LocalQuotaCounter::reserve(const QByteArray &message, const QList<Limit> &limits,
                               qint64 nowSecs)
{
    const bool known = m_messages.contains(message);
    Held &h = m_messages[message];
    if (!known)
        h.keys = keysOf(limits);
    if (const int over = exceeded(h, limits, h.count + 1); over != Fits) {
        if (!known)
            m_messages.remove(message);
        return over;
    }
    if (!h.held) {
        take(h, h.count);
        h.held = true;
    }
    ++h.count;
    take(h, 1);
    h.lastSecs = nowSecs;
    return Fits;
}

int LocalQuotaCounter::commit(const QByteArray &message, int count, const QList<Limit> &limits,
                              qint64 hour)
{
    bool covered = false;
    if (auto it = m_messages.find(message); it != m_messages.end()) {
        covered = it->held && count <= it->count;
        giveBack(*it);
        m_messages.erase(it);
    }
    if (!covered) {
        for (qsizetype i = 0; i < limits.size(); ++i) {
            const Limit &l = limits[i];
            if (used(l.key, l.span) + m_reserved.value(l.key) + count > l.max)
                return int(i);
        }
    }
    for (const QString &key : keysOf(limits)) {
        // Hours older than any window are dropped as commits come in.
        QMap<qint64, qint64> &hours = m_committed[key];
        hours[hour] += count;
        while (!hours.isEmpty() && hours.firstKey() < hour - 48)
            hours.erase(hours.begin());
        m_sink.add(key, key.contains(u' ') ? metric::AcceptedSender : metric::AcceptedExternal,
                   hour, count);
    }
    return Fits;
}

int LocalQuotaCounter::hold(const QByteArray &message, int count, const QList<Limit> &limits,
                            qint64 nowSecs)
{
    const bool known = m_messages.contains(message);
    Held &h = m_messages[message];
    if (!known)
        h.keys = keysOf(limits);
    if (h.held && h.count >= count) {
        // Recipients the policy passed but Postfix then refused are given back.
        take(h, count - h.count);
        h.count = count;
    } else {
        if (const int over = exceeded(h, limits, count); over != Fits) {
            giveBack(h);
            m_messages.remove(message);
            return over;
        }
        take(h, h.held ? count - h.count : count);
        h.count = count;
        h.held = true;
    }
    h.lastSecs = nowSecs;
    return Fits;
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
