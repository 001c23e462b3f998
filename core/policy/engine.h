#pragma once

#include "policy.h"
#include "quota.h"
#include "routing.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>

#include <memory>

namespace staffetta::policy {

// Metrics recorded per account and hour.
namespace metric {
inline const QString AcceptedExternal = QStringLiteral("accepted_external");
inline const QString AcceptedLocal = QStringLiteral("accepted_local");
inline const QString RejectedSender = QStringLiteral("rejected_sender");
inline const QString RejectedBlacklist = QStringLiteral("rejected_blacklist");
inline const QString RejectedRecipients = QStringLiteral("rejected_recipients");
inline const QString RejectedQuota = QStringLiteral("rejected_quota");
inline const QString RejectedSize = QStringLiteral("rejected_size");
inline const QString RejectedAttachment = QStringLiteral("rejected_attachment");
inline const QString RejectedSuspended = QStringLiteral("rejected_suspended");
// A sender's external recipients within its account (the key senderKey(login, sender)): what
// the per-sender daily limit counts; not a series of the send charts.
inline const QString AcceptedSender = QStringLiteral("accepted_sender");
} // namespace metric

struct Request
{
    QByteArray state; // RCPT, END-OF-MESSAGE, ...
    QString login;    // sasl_username; empty = not authenticated
    QString sender;
    QString recipient;
    QString client; // client_address
    QByteArray instance;
    QByteArray queueId; // END-OF-MESSAGE: the message's queue id (the milter's {i})
    qint64 size = 0;
    int recipientCount = 0;
    int serverPort = 0; // the port the client connected to (0: Postfix did not say)

    static Request fromAttributes(const QHash<QByteArray, QByteArray> &attributes);
};

struct Verdict
{
    QByteArray action;               // "DUNNO" or "553 5.7.1 ..."
    QString rejectMetric;            // the metric a rejection counts under; empty when accepted
    bool unauthorizedSender = false; // worth a fail2ban log line
    QString login;                   // the account judged (a trusted client's too)
};

// The longest envelope sender judged (RFC 5321: a path is at most 256 octets with its
// brackets). Longer ones are refused before any pattern is tried.
inline constexpr qsizetype MaxSenderLength = 254;

// The policy engine: request in, verdict out. Keeps per-message state between the RCPT
// requests and END-OF-MESSAGE of one message (keyed by Postfix's `instance`). The quota (and
// the hourly and per-sender limits, counted the same way) goes through the QuotaCounter: each
// outside recipient is reserved at RCPT across every open session, committed when the message
// is accepted at END-OF-MESSAGE, released when it is refused there. The policy protocol tells
// nothing of RSET, QUIT or a dropped client: a reservation whose message saw no RCPT for
// `reservationTimeout` seconds is given back, and if that message does end later it must fit in the
// quota again (else 450), so the quota is never exceeded. Everything else is counted per hour in
// the StatsSink.
class Engine
{
public:
    Engine(QuotaCounter &counter, StatsSink &stats)
        : m_counter(counter)
        , m_stats(stats)
    {}

    void setPolicy(std::shared_ptr<const Policy> policy) { m_policy = std::move(policy); }
    std::shared_ptr<const Policy> policy() const { return m_policy; }
    // What Postfix delivers here (staffettad learns it from Postfix); without it only the
    // policy's local_domains decide what is local.
    void setDelivery(std::shared_ptr<const LocalDelivery> d) { m_delivery = std::move(d); }
    void setReservationTimeout(int seconds) { m_reservationTimeout = seconds; }
    // staffettad: until Postfix's delivery settings have been read, nothing is local (the
    // unit tests and tools without a Postfix use the policy's local domains alone).
    void setDeliveryRequired(bool required) { m_deliveryRequired = required; }
    // With the content milter: END-OF-MESSAGE holds the message's reservation under its queue
    // id, and the milter's verdict commits or releases it (milterCommit, milterRelease). A
    // message the milter never answers for expires like any reservation. Only on the ports
    // Postfix wires the milter into (LocalDelivery::milterPorts, once read): a message on
    // another service is judged and charged at its END-OF-MESSAGE as without the milter.
    void setCommitAtMilter(bool on) { m_commitAtMilter = on; }
    // The smtpd service where a client in an account's trusted_clients relays without AUTH:
    // its mail is judged and charged as that account's; any other client there is refused.
    // 0: no such service (a request without a SASL login is not ours to judge).
    void setTrustedPort(int port) { m_trustedPort = port; }

    // The milter passed message `queueId` after every content rule: it is charged now. One the
    // policy service never held (staffettad restarted in between) is charged for all its
    // `recipients`, the safe side. `ok` false: it no longer fits in `quota` (450).
    struct Charge
    {
        bool ok = true;
        int quota = 0;          // the limit it exceeds
        QByteArray per = "day"; // "day" or "hour"
    };
    Charge milterCommit(const QByteArray &queueId, const QString &login, int recipients,
                        const QDateTime &now);
    // The milter refused it, or the client went away before the end: nothing is charged.
    void milterRelease(const QByteArray &queueId);
    // A refusal decided elsewhere (the milter's content rules), counted in the hourly stats.
    void countRefusal(const QString &login, const QString &metric, const QDateTime &now);

    Verdict evaluate(const Request &request, const QDateTime &now);

    // External recipients charged today (or in the rolling window) for an account.
    qint64 quotaUsed(const QString &login, const QDateTime &now);
    // External recipients reserved by the account's open messages.
    int reserved(const QString &login) const { return m_counter.reserved(login.toLower()); }
    // In-flight messages (RCPT seen, END-OF-MESSAGE not yet).
    qsizetype inFlight() const { return m_messages.size(); }
    // Messages past END-OF-MESSAGE waiting for the milter's verdict.
    qsizetype awaitingMilter() const { return m_awaiting.size(); }

private:
    struct Message
    {
        QString login; // lower-case
        QString sender;
        int recipients = 0;
        int external = 0;
        int local = 0;
        qint64 lastSecs = 0;        // the last RCPT; 0: no RCPT of this message was seen
        bool senderRefused = false; // an RCPT was refused for its sender (counted once)
    };
    HourSpan quotaSpan(const QDateTime &now);
    // The limits a message of `login` (lower-case) from `sender` counts against now, in this
    // order: the daily quota, then the hourly limit and the sender's daily limit where the
    // policy sets them (no sender: no sender limit).
    QList<Limit> limitsFor(const QString &login, const QString &sender, const Account *account,
                           const QDateTime &now);
    // The account and its sender: suspended, too long, blacklisted, not authorized. At RCPT,
    // and again at END-OF-MESSAGE: Postfix asks no RCPT restriction for a bare `postmaster`.
    // `counted`: the refusal is counted and logged (once a message: an RCPT refused for the
    // sender already was).
    std::optional<Verdict> refuseSender(const Request &r, const Account *account,
                                        const QDateTime &now, bool counted = true);
    Verdict rcpt(const Request &r, const Account *account, const QDateTime &now);
    Verdict endOfMessage(const Request &r, const Account *account, const QDateTime &now);
    Verdict reject(const Request &r, const QString &metric, const QByteArray &action,
                   const QDateTime &now);
    void prune(const QDateTime &now);
    bool milterJudges(const Request &r) const; // END-OF-MESSAGE leaves size and charge to it

    QuotaCounter &m_counter;
    StatsSink &m_stats;
    std::shared_ptr<const Policy> m_policy;
    std::shared_ptr<const LocalDelivery> m_delivery;
    QHash<QByteArray, Message> m_messages;
    struct Awaiting
    {
        QByteArray instance;
        QString login;
        QString sender;
        int external = 0;
        int local = 0;
        qint64 since = 0;
    };
    QHash<QByteArray, Awaiting> m_awaiting; // queue id -> message held for the milter
    bool m_commitAtMilter = false;
    int m_trustedPort = 0;
    // Charged at END-OF-MESSAGE on a port without the milter (queue id -> when): a COMMIT the
    // milter sends for one anyway (Postfix's wiring changed since it was read) charges nothing.
    QHash<QByteArray, qint64> m_chargedHere;
    // Messages dropped as stale (no RCPT for an hour), kept a day: a transaction kept open
    // past that (NOOPs every few minutes) must not end with its early recipients forgotten.
    QHash<QByteArray, qint64> m_tombstones;
    bool m_deliveryRequired = false;
    int m_reservationTimeout = 300;
    qint64 m_lastPrune = 0;
    // The hour of the last local midnight, recomputed only when the hour changes: time-zone
    // arithmetic per request would cost more than the rest of the evaluation.
    qint64 m_midnightFor = -1;
    qint64 m_midnightHour = 0;
};

qint64 hourOf(const QDateTime &t);
// The hours a quota window covers at `now`: since local midnight, or the last 24 hours.
HourSpan quotaWindowAt(QuotaWindow window, const QDateTime &now);

} // namespace staffetta::policy
