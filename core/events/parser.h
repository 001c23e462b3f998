#pragma once

#include <QDateTime>
#include <QString>

namespace staffetta::events {

// One line of Postfix's mail log (maillog_file, or rsyslog's mail.log) or of staffettad's log,
// as the index needs it. Lines that say nothing the index keeps are Kind::None.
struct Event
{
    enum class Kind {
        None,
        Client,    // smtpd: QID: client=HOST[IP], sasl_method=.., sasl_username=ACCOUNT
        MessageId, // cleanup: QID: message-id=<...>
        From,      // qmgr: QID: from=<...>, size=N, nrcpt=N (queue active)
        Delivery,  // smtp/lmtp/local/virtual/discard/error/pipe: QID: to=<..>, ... status=..
        Expired,   // qmgr: QID: from=<..>, status=expired, returned to sender
        Removed,   // qmgr: QID: removed
        Refusal,   // smtpd NOQUEUE: reject, cleanup milter-reject, staffettad's reject lines
    };
    Kind kind = Kind::None;
    qint64 time = 0; // seconds since the epoch
    QString queueId;
    QString clientHost, clientIp, account; // Client (account also for staffettad refusals)
    QString messageId;                     // MessageId, without <>
    QString sender;                        // From, Expired, Refusal
    qint64 size = -1, nrcpt = -1;          // From
    QString recipient, origRecipient;      // Delivery, Refusal
    QString transport;                     // Delivery: the Postfix program (smtp, lmtp, ...)
    QString relay;                         // Delivery: relay=
    double delay = -1;                     // Delivery: delay= (seconds)
    QString dsn;                           // Delivery, Refusal (X.Y.Z)
    QString status;                        // Delivery: sent, deferred, bounced; expired
    QString reply;                         // Delivery: the remote reply; Refusal: the text
    QString source;                        // Refusal: postfix or staffettad
    QString reason;                        // Refusal: staffettad's metric, or Postfix's stage
};

// A Postfix mail-log line ("Mmm dd hh:mm:ss host postfix/PROG[PID]: ..."). Syslog's time has no
// year: it is the year of `now` (local time), the one before when that would be in the future.
Event parsePostfixLine(const QByteArray &line, const QDateTime &now);
// A staffettad log line ("yyyy-MM-dd hh:mm:ss staffettad[PID]: reject: ...").
Event parseStaffettadLine(const QByteArray &line);

} // namespace staffetta::events
