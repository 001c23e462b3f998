#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace staffetta::postfix {
class Postfix;
}

// Mail the relay writes itself (alerts today, "account suspended" and the like tomorrow):
// composed here, handed to the relay's own Postfix (its sendmail, never a shell, never
// through smtpd, so no account's quota is charged).
namespace staffetta::notify {

struct Mail
{
    QString from;                // the From: header's address
    QStringList to;              // the recipients (To: and the envelope)
    QString subject;             // any text; encoded as RFC 2047 when it is not ASCII
    QString body;                // plain text, UTF-8; lines are split at "\n"
    QString envelopeSender = {}; // empty: the null sender (<>), nothing bounces back
};

// The message's bytes: RFC 5322 headers (From, To, Subject, Date, Message-ID, MIME,
// Auto-Submitted: auto-generated, so vacation responders stay quiet) and the body as
// UTF-8 8bit text with CRLF-free "\n" lines (sendmail takes local line ends). Line breaks
// and control characters in header text become spaces: no header can be injected.
QByteArray compose(const Mail &mail, const QDateTime &date, const QString &messageIdDomain);

// Composes and submits through `postfix`. BadRequest when there is no recipient or an
// address is not a plain one.
Result<Done> send(const postfix::Postfix &postfix, const Mail &mail,
                  const QDateTime &date = QDateTime::currentDateTimeUtc());

} // namespace staffetta::notify
