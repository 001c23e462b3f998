#pragma once

#include "policy.h"
#include "routing.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>

#include <memory>

namespace staffetta::policy {

// Where accepted-message counts live (SQLite in staffettad, memory in tests).
class Ledger
{
public:
    virtual ~Ledger() = default;
    // Sum of `metric` for `login` over hours in [fromHour, toHour] (hours since the epoch, UTC).
    virtual qint64 sum(const QString &login, const QString &metric, qint64 fromHour,
                       qint64 toHour) = 0;
    virtual void add(const QString &login, const QString &metric, qint64 hour, qint64 count) = 0;
};

// Metrics recorded per account and hour.
namespace metric {
inline const QString AcceptedExternal = QStringLiteral("accepted_external");
inline const QString AcceptedLocal = QStringLiteral("accepted_local");
inline const QString RejectedSender = QStringLiteral("rejected_sender");
inline const QString RejectedBlacklist = QStringLiteral("rejected_blacklist");
inline const QString RejectedRecipients = QStringLiteral("rejected_recipients");
inline const QString RejectedQuota = QStringLiteral("rejected_quota");
inline const QString RejectedSize = QStringLiteral("rejected_size");
} // namespace metric

struct Request
{
    QByteArray state; // RCPT, END-OF-MESSAGE, ...
    QString login;    // sasl_username; empty = not authenticated
    QString sender;
    QString recipient;
    QString client; // client_address
    QByteArray instance;
    qint64 size = 0;
    int recipientCount = 0;

    static Request fromAttributes(const QHash<QByteArray, QByteArray> &attributes);
};

struct Verdict
{
    QByteArray action;               // "DUNNO" or "553 5.7.1 ..."
    QString rejectMetric;            // the metric a rejection counts under; empty when accepted
    bool unauthorizedSender = false; // worth a fail2ban log line
};

// The longest envelope sender judged (RFC 5321: a path is at most 256 octets with its
// brackets). Longer ones are refused before any pattern is tried.
inline constexpr qsizetype MaxSenderLength = 254;

// The policy engine: request in, verdict out. Keeps per-message state between the RCPT
// requests and END-OF-MESSAGE of one message (keyed by Postfix's `instance`).
//
// The quota, across every open session: each external recipient accepted at RCPT is
// *reserved* (used + reserved by every open message + 1 must stay within the quota), the
// reservation is *committed* when the message is accepted at END-OF-MESSAGE and *released*
// when it is refused there. The policy protocol tells nothing of RSET, QUIT or a dropped
// client: a reservation whose message has not ended `reservationTimeout` seconds after its
// last RCPT is released, and if that message does end later it is checked against the quota
// again (refused with 450 when it no longer fits), so the quota is never exceeded.
class Engine
{
public:
    explicit Engine(Ledger &ledger)
        : m_ledger(ledger)
    {}

    void setPolicy(std::shared_ptr<const Policy> policy) { m_policy = std::move(policy); }
    std::shared_ptr<const Policy> policy() const { return m_policy; }
    // What Postfix delivers here (staffettad learns it from Postfix); without it only the
    // policy's local_domains decide what is local.
    void setDelivery(std::shared_ptr<const LocalDelivery> d) { m_delivery = std::move(d); }
    void setReservationTimeout(int seconds) { m_reservationTimeout = seconds; }

    Verdict evaluate(const Request &request, const QDateTime &now);

    // External recipients charged today (or in the rolling window) for an account.
    qint64 quotaUsed(const QString &login, const QDateTime &now);
    // External recipients reserved by the account's open messages.
    int reserved(const QString &login) const { return m_reserved.value(login.toLower()); }
    // In-flight messages (RCPT seen, END-OF-MESSAGE not yet).
    qsizetype inFlight() const { return m_messages.size(); }

private:
    struct Message
    {
        QString login; // lower-case
        int recipients = 0;
        int external = 0;
        int local = 0;
        qint64 startedSecs = 0;
        qint64 lastRcptSecs = 0;
        bool reservationHeld = true; // false once released by the timeout
    };
    void release(Message &m);
    Verdict rcpt(const Request &r, const Account *account, const QDateTime &now);
    Verdict endOfMessage(const Request &r, const Account *account, const QDateTime &now);
    Verdict reject(const Request &r, const QString &metric, const QByteArray &action,
                   const QDateTime &now);
    void prune(const QDateTime &now);

    Ledger &m_ledger;
    std::shared_ptr<const Policy> m_policy;
    std::shared_ptr<const LocalDelivery> m_delivery;
    QHash<QByteArray, Message> m_messages;
    QHash<QString, int> m_reserved; // login (lower-case) -> external recipients reserved
    int m_reservationTimeout = 300;
    qint64 m_lastPrune = 0;
    // The hour of the last local midnight, recomputed only when the hour changes: time-zone
    // arithmetic per request would cost more than the rest of the evaluation.
    qint64 m_midnightFor = -1;
    qint64 m_midnightHour = 0;
};

qint64 hourOf(const QDateTime &t);

} // namespace staffetta::policy
