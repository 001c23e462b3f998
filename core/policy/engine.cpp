#include "engine.h"

#include <algorithm>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {
QString attr(const QHash<QByteArray, QByteArray> &a, const char *name)
{
    return QString::fromUtf8(a.value(QByteArray(name)));
}
constexpr qint64 StaleMessageSecs = 3600;   // a message without an RCPT for an hour is dropped
constexpr qint64 TombstoneSecs = 24 * 3600; // and remembered for a day

QByteArray quotaExceeded(const QByteArray &sender, int quota)
{
    return "450 4.7.1 <" + sender + "> has exceeded " + QByteArray::number(quota) +
           " messages per 1 day";
}

QByteArray tooManyRecipients(int max)
{
    return "452 4.5.3 Too many recipients: at most " + QByteArray::number(max) + " per message";
}
} // namespace

qint64 hourOf(const QDateTime &t)
{
    return t.toSecsSinceEpoch() / 3600;
}

Request Request::fromAttributes(const QHash<QByteArray, QByteArray> &a)
{
    Request r;
    r.state = a.value("protocol_state");
    r.login = attr(a, "sasl_username");
    r.sender = attr(a, "sender");
    r.recipient = attr(a, "recipient");
    r.client = attr(a, "client_address");
    r.instance = a.value("instance");
    r.queueId = a.value("queue_id");
    r.size = a.value("size").toLongLong();
    r.recipientCount = a.value("recipient_count").toInt();
    r.serverPort = a.value("server_port").toInt();
    return r;
}

HourSpan quotaWindowAt(QuotaWindow window, const QDateTime &now)
{
    const qint64 to = hourOf(now);
    // Rolling: the current hour and the 24 before it, so nothing committed less than 24 hours
    // ago is ever outside the window (hour buckets; up to an hour more, never less).
    if (window == QuotaWindow::Rolling24h)
        return {to - 24, to};
    return {hourOf(QDateTime(now.toLocalTime().date(), QTime(0, 0))), to};
}

HourSpan Engine::quotaSpan(const QDateTime &now)
{
    const qint64 to = hourOf(now);
    if (m_policy && m_policy->limits.window == QuotaWindow::Rolling24h)
        return quotaWindowAt(QuotaWindow::Rolling24h, now);
    if (m_midnightFor != to) {
        m_midnightFor = to;
        m_midnightHour = quotaWindowAt(QuotaWindow::CalendarDay, now).from;
    }
    return {m_midnightHour, to};
}

qint64 Engine::quotaUsed(const QString &login, const QDateTime &now)
{
    return m_counter.used(login.toLower(), quotaSpan(now));
}

Verdict Engine::evaluate(const Request &r, const QDateTime &now)
{
    if (!m_policy || r.login.isEmpty())
        return {"DUNNO", {}, false}; // not a submission by a customer: not ours to judge
    prune(now);
    const Account *account = m_policy->account(r.login);
    if (r.state == "RCPT")
        return rcpt(r, account, now);
    if (r.state == "END-OF-MESSAGE")
        return endOfMessage(r, account, now);
    return {"DUNNO", {}, false};
}

Verdict Engine::reject(const Request &r, const QString &metricName, const QByteArray &action,
                       const QDateTime &now)
{
    m_stats.add(r.login.toLower(), metricName, hourOf(now), 1);
    return {action, metricName, metricName == metric::RejectedSender};
}

Verdict Engine::rcpt(const Request &r, const Account *account, const QDateTime &now)
{
    if (r.sender.size() > MaxSenderLength) {
        // Refused before any pattern is tried; the reply does not echo the address. (5.7.1:
        // Postfix rewrites a sender status, 5.1.7, into 5.1.3 in a reply to RCPT.)
        return reject(r, metric::RejectedSender,
                      "553 5.7.1 Sender address longer than " +
                          QByteArray::number(MaxSenderLength) + " characters",
                      now);
    }
    const QByteArray sender = r.sender.toUtf8();
    auto blacklisted = [&r](const QList<BlacklistEntry> &list) -> const BlacklistEntry * {
        for (const auto &e : list) {
            if (e.pattern.matches(r.sender))
                return &e;
        }
        return nullptr;
    };
    const BlacklistEntry *entry = blacklisted(m_policy->blacklist);
    if (!entry && account)
        entry = blacklisted(account->blacklist);
    if (entry) {
        QByteArray action = "554 5.7.1 <" + sender + ">: Sender address is blacklisted";
        if (!entry->message.isEmpty())
            action += ": " + entry->message.toUtf8();
        return reject(r, metric::RejectedBlacklist, action, now);
    }

    bool authorized = false;
    if (account && !r.sender.isEmpty()) {
        for (const auto &p : account->senders) {
            if (p.matches(r.sender)) {
                authorized = true;
                break;
            }
        }
    }
    if (!authorized) {
        return reject(r, metric::RejectedSender,
                      "553 5.7.1 <" + sender + ">: Sender address not authorized for account " +
                          r.login.toUtf8(),
                      now);
    }

    if (m_tombstones.contains(r.instance)) {
        return reject(r, metric::RejectedQuota,
                      "451 4.7.1 This transaction has been open too long: start it again", now);
    }
    Message &m = m_messages[r.instance];
    if (m.lastSecs == 0)
        m.login = r.login.toLower();
    m.lastSecs = now.toSecsSinceEpoch();
    const int maxRecipients = m_policy->maxRecipients(account);
    if (m.recipients + 1 > maxRecipients) {
        return reject(r, metric::RejectedRecipients, tooManyRecipients(maxRecipients), now);
    }
    const bool deliveryKnown = m_delivery && m_delivery->known;
    const Route where = route(r.recipient, *m_policy, m_delivery.get());
    if (where == Route::Test) {
        ++m.recipients; // counted for max_recipients, never charged
        return {"DUNNO", {}, false};
    }
    if ((deliveryKnown || !m_deliveryRequired) && where == Route::Local) {
        ++m.recipients;
        ++m.local;
        return {"DUNNO", {}, false};
    }
    const int quota = m_policy->dailyQuota(account);
    if (!m_counter.reserve(m.login, r.instance, quota, quotaSpan(now), now.toSecsSinceEpoch()))
        return reject(r, metric::RejectedQuota, quotaExceeded(sender, quota), now);
    ++m.recipients;
    ++m.external;
    return {"DUNNO", {}, false};
}

Verdict Engine::endOfMessage(const Request &r, const Account *account, const QDateTime &now)
{
    Message m = m_messages.take(r.instance);
    if (m.lastSecs == 0)
        m.login = r.login.toLower();
    const qint64 maxSize = m_policy->maxMessageSize(account);
    // With the milter, the size is its to judge: its refusal reads as the customers expect
    // (Postfix prefixes a policy service's reply with "<END-OF-MESSAGE>: End-of-data
    // rejected:"), and it sees the message a later filelink conversion leaves.
    const bool milter = milterJudges(r);
    if (r.size > maxSize && !milter) {
        m_counter.release(r.instance);
        return reject(r, metric::RejectedSize,
                      "552 5.3.4 " + sizeNoticeText(m_policy->language(account), maxSize), now);
    }
    const int maxRecipients = m_policy->maxRecipients(account);
    if (r.recipientCount > maxRecipients) {
        m_counter.release(r.instance);
        return reject(r, metric::RejectedRecipients, tooManyRecipients(maxRecipients), now);
    }
    if (m.lastSecs == 0 && r.recipientCount > 0) {
        // No RCPT of this message was seen (staffettad restarted in between, or the message
        // was dropped as stale): count every recipient as external, the safe side.
        m.external = r.recipientCount;
    } else if (r.recipientCount > 0) {
        // Postfix's count of the recipients it accepted: one the policy passed but a later
        // restriction refused is not delivered, so not charged. Never less than what leaves:
        // every outside recipient delivered is both policy-accepted and counted by Postfix.
        m.external = std::min(m.external, r.recipientCount);
    }
    m_tombstones.remove(r.instance);
    const int quota = m_policy->dailyQuota(account);
    if (milter) {
        // The content rules come after this answer (Postfix asks the milter last): hold the
        // recipients until the milter passes or refuses the message.
        if (m.external > 0 && !m_counter.hold(m.login, r.instance, m.external, quota,
                                              quotaSpan(now), now.toSecsSinceEpoch()))
            return reject(r, metric::RejectedQuota, quotaExceeded(r.sender.toUtf8(), quota), now);
        m_awaiting.insert(r.queueId,
                          {r.instance, m.login, m.external, m.local, now.toSecsSinceEpoch()});
        return {"DUNNO", {}, false};
    }
    // Accepted: only now is the quota charged (a message whose reservation expired, or that
    // was never reserved, must fit now).
    if (m.external > 0 &&
        !m_counter.commit(m.login, r.instance, m.external, quota, quotaSpan(now), hourOf(now)))
        return reject(r, metric::RejectedQuota, quotaExceeded(r.sender.toUtf8(), quota), now);
    if (m.local > 0)
        m_stats.add(m.login, metric::AcceptedLocal, hourOf(now), m.local);
    if (m_commitAtMilter && !r.queueId.isEmpty())
        m_chargedHere.insert(r.queueId, now.toSecsSinceEpoch());
    return {"DUNNO", {}, false};
}

bool Engine::milterJudges(const Request &r) const
{
    if (!m_commitAtMilter || r.queueId.isEmpty())
        return false;
    if (!m_delivery || !m_delivery->milterPorts || r.serverPort == 0)
        return true; // not known: the milter is where the relay is meant to charge
    return m_delivery->milterPorts->contains(r.serverPort);
}

Engine::Charge Engine::milterCommit(const QByteArray &queueId, const QString &login, int recipients,
                                    const QDateTime &now)
{
    if (!m_policy)
        return {};
    prune(now);
    if (m_chargedHere.contains(queueId))
        return {true, m_policy->dailyQuota(m_policy->account(login))};
    auto it = m_awaiting.find(queueId);
    if (it == m_awaiting.end()) {
        if (login.isEmpty() || recipients <= 0)
            return {};
        const int quota = m_policy->dailyQuota(m_policy->account(login));
        if (!m_counter.commit(login.toLower(), "milter:" + queueId, recipients, quota,
                              quotaSpan(now), hourOf(now)))
            return {false, quota};
        return {true, quota};
    }
    const Awaiting a = *it;
    m_awaiting.erase(it);
    const int quota = m_policy->dailyQuota(m_policy->account(a.login));
    if (a.external > 0 &&
        !m_counter.commit(a.login, a.instance, a.external, quota, quotaSpan(now), hourOf(now)))
        return {false, quota};
    if (a.local > 0)
        m_stats.add(a.login, metric::AcceptedLocal, hourOf(now), a.local);
    return {true, quota};
}

void Engine::milterRelease(const QByteArray &queueId)
{
    if (auto it = m_awaiting.find(queueId); it != m_awaiting.end()) {
        m_counter.release(it->instance);
        m_awaiting.erase(it);
    }
}

void Engine::countRefusal(const QString &login, const QString &metricName, const QDateTime &now)
{
    m_stats.add(login.toLower(), metricName, hourOf(now), 1);
}

void Engine::prune(const QDateTime &now)
{
    const qint64 secs = now.toSecsSinceEpoch();
    // Checked at most once a second: reservations come back within a second of their timeout.
    if (secs == m_lastPrune)
        return;
    m_lastPrune = secs;
    m_counter.expire(secs, m_reservationTimeout);
    for (auto it = m_messages.begin(); it != m_messages.end();) {
        if (secs - it->lastSecs > StaleMessageSecs) {
            m_counter.release(it.key());
            m_tombstones.insert(it.key(), secs);
            it = m_messages.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_tombstones.begin(); it != m_tombstones.end();)
        it = secs - *it > TombstoneSecs ? m_tombstones.erase(it) : std::next(it);
    for (auto it = m_chargedHere.begin(); it != m_chargedHere.end();)
        it = secs - *it > StaleMessageSecs ? m_chargedHere.erase(it) : std::next(it);
    // A verdict that never came (the milter died): its reservation has expired long since.
    for (auto it = m_awaiting.begin(); it != m_awaiting.end();)
        it = secs - it->since > StaleMessageSecs ? m_awaiting.erase(it) : std::next(it);
}

} // namespace staffetta::policy
