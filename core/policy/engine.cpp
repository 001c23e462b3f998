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

// The limit at `over` of Engine::limitsFor's list: the daily quota first, then the hourly
// limit (an account's key), then the sender's (a sender key, per day).
QByteArray perOf(const QList<Limit> &limits, int over)
{
    return over > 0 && !limits[over].key.contains(u' ') ? "hour" : "day";
}

QByteArray quotaExceeded(const QByteArray &sender, const QList<Limit> &limits, int over)
{
    return "450 4.7.1 <" + sender + "> has exceeded " + QByteArray::number(limits[over].max) +
           " messages per 1 " + perOf(limits, over);
}

Verdict dunno()
{
    return {"DUNNO", {}, false, {}};
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

QList<Limit> Engine::limitsFor(const QString &login, const QString &sender, const Account *account,
                               const QDateTime &now)
{
    const HourSpan day = quotaSpan(now);
    QList<Limit> limits{{login, day, m_policy->dailyQuota(account)}};
    if (const auto hourly = m_policy->hourlyQuota(account))
        limits.append({login, {hourOf(now), hourOf(now)}, *hourly});
    if (const auto perSender = m_policy->senderDailyQuota(account); perSender && !sender.isEmpty())
        limits.append({senderKey(login, sender), day, *perSender});
    return limits;
}

qint64 Engine::quotaUsed(const QString &login, const QDateTime &now)
{
    return m_counter.used(login.toLower(), quotaSpan(now));
}

Verdict Engine::evaluate(const Request &request, const QDateTime &now)
{
    if (!m_policy)
        return dunno();
    const Account *account = nullptr;
    Request trusted;
    if (request.login.isEmpty()) {
        if (m_trustedPort == 0 || request.serverPort != m_trustedPort)
            return dunno(); // not a submission by a customer: not ours to judge
        // Relaying by trusted address: the account the client belongs to, under every rule.
        account = m_policy->accountForClient(request.client);
        if (!account)
            return {"554 5.7.1 Client address not trusted for relaying: authenticate on the "
                    "submission port",
                    {},
                    false,
                    {}};
        trusted = request;
        trusted.login = account->login;
    }
    const Request &r = request.login.isEmpty() ? trusted : request;
    prune(now);
    if (!account)
        account = m_policy->account(r.login);
    if (r.state == "RCPT")
        return rcpt(r, account, now);
    if (r.state == "END-OF-MESSAGE")
        return endOfMessage(r, account, now);
    return dunno();
}

Verdict Engine::reject(const Request &r, const QString &metricName, const QByteArray &action,
                       const QDateTime &now)
{
    m_stats.add(r.login.toLower(), metricName, hourOf(now), 1);
    return {action, metricName, metricName == metric::RejectedSender, r.login};
}

std::optional<Verdict> Engine::refuseSender(const Request &r, const Account *account,
                                            const QDateTime &now, bool counted)
{
    const auto reject = [&](const QString &metricName, const QByteArray &action) -> Verdict {
        if (counted)
            return Engine::reject(r, metricName, action, now);
        return {action, {}, false, r.login};
    };
    // Before anything else: a suspended account sends nothing, whatever its sender.
    if (account && account->suspended)
        return reject(metric::RejectedSuspended,
                      suspendedReply(*account->suspended, m_policy->language(account)));
    if (r.sender.size() > MaxSenderLength) {
        // Refused before any pattern is tried; the reply does not echo the address. (5.7.1:
        // Postfix rewrites a sender status, 5.1.7, into 5.1.3 in a reply to RCPT.)
        return reject(metric::RejectedSender, "553 5.7.1 Sender address longer than " +
                                                  QByteArray::number(MaxSenderLength) +
                                                  " characters");
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
        return reject(metric::RejectedBlacklist, action);
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
        return reject(metric::RejectedSender, "553 5.7.1 <" + sender +
                                                  ">: Sender address not authorized for account " +
                                                  r.login.toUtf8());
    }
    return std::nullopt;
}

Verdict Engine::rcpt(const Request &r, const Account *account, const QDateTime &now)
{
    if (auto refused = refuseSender(r, account, now)) {
        // Remembered, so END-OF-MESSAGE (reached through an exempt `postmaster`) neither
        // counts nor logs the same refusal again.
        Message &m = m_messages[r.instance];
        if (m.lastSecs == 0) {
            m.login = r.login.toLower();
            m.sender = r.sender;
        }
        m.lastSecs = now.toSecsSinceEpoch();
        m.senderRefused = true;
        return *refused;
    }
    const QByteArray sender = r.sender.toUtf8();
    if (m_tombstones.contains(r.instance)) {
        return reject(r, metric::RejectedQuota,
                      "451 4.7.1 This transaction has been open too long: start it again", now);
    }
    Message &m = m_messages[r.instance];
    if (m.lastSecs == 0 || m.senderRefused) { // (a refusal's mark holds no recipient)
        m = Message{};
        m.login = r.login.toLower();
        m.sender = r.sender;
    }
    m.lastSecs = now.toSecsSinceEpoch();
    const int maxRecipients = m_policy->maxRecipients(account);
    if (m.recipients + 1 > maxRecipients) {
        return reject(r, metric::RejectedRecipients, tooManyRecipients(maxRecipients), now);
    }
    const bool deliveryKnown = m_delivery && m_delivery->known;
    const Route where = route(r.recipient, *m_policy, m_delivery.get());
    if (where == Route::Test) {
        ++m.recipients; // counted for max_recipients, never charged
        return dunno();
    }
    if ((deliveryKnown || !m_deliveryRequired) && where == Route::Local) {
        ++m.recipients;
        ++m.local;
        return dunno();
    }
    const QList<Limit> limits = limitsFor(m.login, m.sender, account, now);
    if (const int over = m_counter.reserve(r.instance, limits, now.toSecsSinceEpoch());
        over != Fits)
        return reject(r, metric::RejectedQuota, quotaExceeded(sender, limits, over), now);
    ++m.recipients;
    ++m.external;
    return dunno();
}

Verdict Engine::endOfMessage(const Request &r, const Account *account, const QDateTime &now)
{
    Message m = m_messages.take(r.instance);
    if (m.lastSecs == 0)
        m.login = r.login.toLower();
    // Suspended while this message was between its RCPTs and its end, or a message whose
    // only recipient was `postmaster` (no RCPT check ran): the sender is judged here too.
    if (auto refused = refuseSender(r, account, now, !m.senderRefused)) {
        m_counter.release(r.instance);
        m_tombstones.remove(r.instance);
        return *refused;
    }
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
    const QList<Limit> limits = limitsFor(m.login, r.sender, account, now);
    if (milter) {
        // The content rules come after this answer (Postfix asks the milter last): hold the
        // recipients until the milter passes or refuses the message.
        if (m.external > 0) {
            if (const int over =
                    m_counter.hold(r.instance, m.external, limits, now.toSecsSinceEpoch());
                over != Fits)
                return reject(r, metric::RejectedQuota,
                              quotaExceeded(r.sender.toUtf8(), limits, over), now);
        }
        m_awaiting.insert(r.queueId, {r.instance, m.login, r.sender, m.external, m.local,
                                      now.toSecsSinceEpoch()});
        return dunno();
    }
    // Accepted: only now is the quota charged (a message whose reservation expired, or that
    // was never reserved, must fit now).
    if (m.external > 0) {
        if (const int over = m_counter.commit(r.instance, m.external, limits, hourOf(now));
            over != Fits)
            return reject(r, metric::RejectedQuota, quotaExceeded(r.sender.toUtf8(), limits, over),
                          now);
    }
    if (m.local > 0)
        m_stats.add(m.login, metric::AcceptedLocal, hourOf(now), m.local);
    if (m_commitAtMilter && !r.queueId.isEmpty())
        m_chargedHere.insert(r.queueId, now.toSecsSinceEpoch());
    return dunno();
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
        return {};
    auto over = [](const QList<Limit> &limits, int index) -> Charge {
        return {false, limits[index].max, perOf(limits, index)};
    };
    auto it = m_awaiting.find(queueId);
    if (it == m_awaiting.end()) {
        if (login.isEmpty() || recipients <= 0)
            return {};
        // Its sender is not known here: the account's own limits only.
        const QList<Limit> limits = limitsFor(login.toLower(), {}, m_policy->account(login), now);
        if (const int i = m_counter.commit("milter:" + queueId, recipients, limits, hourOf(now));
            i != Fits)
            return over(limits, i);
        return {};
    }
    const Awaiting a = *it;
    m_awaiting.erase(it);
    const QList<Limit> limits = limitsFor(a.login, a.sender, m_policy->account(a.login), now);
    if (a.external > 0) {
        if (const int i = m_counter.commit(a.instance, a.external, limits, hourOf(now)); i != Fits)
            return over(limits, i);
    }
    if (a.local > 0)
        m_stats.add(a.login, metric::AcceptedLocal, hourOf(now), a.local);
    return {};
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
