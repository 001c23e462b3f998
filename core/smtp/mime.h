#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A small MIME builder for test messages: a text part, attachments, an exact size.
namespace staffetta::smtp {

struct Attachment
{
    QString fileName;
    QByteArray contentType; // "application/pdf"
    QByteArray content;
};

struct TestMessage
{
    QString from;
    QStringList to;
    QString subject;
    QString messageId; // without <>; made up when empty
    QString text;
    QList<Attachment> attachments;
    QDateTime date = QDateTime::currentDateTime();
    // Padded with filler lines until the message (CRLF lines, before dot-stuffing) is exactly
    // this many bytes; -1: as it comes. A target below the unpadded size is not reached.
    qint64 targetSize = -1;
};

// The message as it goes after DATA: CRLF line ends, 7-bit (base64 attachments).
QByteArray buildMessage(const TestMessage &m);

// A new Message-ID's text: "staffetta-probe.<random>@<domain>".
QString makeMessageId(const QString &domain);

// A minimal valid PDF document (for the allowed-attachment probe).
QByteArray samplePdf();
// A minimal valid ZIP archive holding one text file (for the forbidden-attachment probe).
QByteArray sampleZip();

} // namespace staffetta::smtp
