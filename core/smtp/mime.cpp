#include "mime.h"

#include <QUuid>

namespace staffetta::smtp {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype FillerLine = 76; // characters, then CRLF

// RFC 2047 for a header text that is not plain ASCII.
QByteArray headerText(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                   [](char c) { return uchar(c) >= 0x20 && uchar(c) < 0x7f; });
    return ascii ? utf8 : "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < b64.size(); i += FillerLine)
        out += b64.mid(i, FillerLine) + "\r\n";
    return out;
}

QByteArray textLines(const QString &text)
{
    QByteArray out;
    for (const QString &line : text.split(u'\n'))
        out += line.toUtf8().replace('\r', "") + "\r\n";
    return out;
}

// `n` bytes of filler lines (CRLF included). One byte cannot be a line: it widens one.
QByteArray filler(qint64 n)
{
    QByteArray out;
    if (n <= 1)
        return n == 1 ? QByteArray("x") : QByteArray();
    out.reserve(n);
    const QByteArray line = QByteArray(FillerLine, 'x') + "\r\n";
    while (n >= line.size() + 2 || n == line.size()) {
        out += line;
        n -= line.size();
    }
    // What is left (2 … FillerLine + 3 bytes) is one last line.
    if (n >= 2)
        out += QByteArray(n - 2, 'y') + "\r\n";
    return out;
}
} // namespace

QString makeMessageId(const QString &domain)
{
    return u"staffetta-probe."_s + QUuid::createUuid().toString(QUuid::Id128) + u'@' + domain;
}

QByteArray buildMessage(const TestMessage &m)
{
    const QString id =
        m.messageId.isEmpty() ? makeMessageId(m.from.section(u'@', -1)) : m.messageId;
    QByteArray head;
    head += "From: <" + m.from.toUtf8() + ">\r\n";
    head += "To: ";
    for (qsizetype i = 0; i < m.to.size(); ++i)
        head += (i ? ",\r\n <" : "<") + m.to[i].toUtf8() + '>';
    head += "\r\n";
    head += "Subject: " + headerText(m.subject) + "\r\n";
    head += "Date: " + m.date.toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    head += "Message-ID: <" + id.toUtf8() + ">\r\n";
    head += "MIME-Version: 1.0\r\n";
    head += "X-Staffetta-Probe: yes\r\n";

    const QByteArray body = textLines(m.text);
    auto assemble = [&](QByteArray pad) {
        QByteArray text = body;
        if (pad.size() == 1) { // one byte cannot be a line of its own: the text's last one grows
            text.insert(text.size() - 2, pad);
            pad.clear();
        }
        if (m.attachments.isEmpty()) {
            return head +
                   "Content-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n" +
                   text + pad;
        }
        const QByteArray boundary =
            "=_staffetta_probe_" + id.section(u'.', 1, 1).left(16).toLatin1();
        QByteArray out = head + "Content-Type: multipart/mixed; boundary=\"" + boundary +
                         "\"\r\n\r\nThis is a MIME message.\r\n";
        out += "--" + boundary +
               "\r\nContent-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: 8bit\r\n\r\n" +
               text + pad;
        for (const Attachment &a : m.attachments) {
            const QByteArray name = headerText(a.fileName);
            out += "--" + boundary + "\r\nContent-Type: " + a.contentType + "; name=\"" + name +
                   "\"\r\nContent-Disposition: attachment; filename=\"" + name +
                   "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64Lines(a.content);
        }
        out += "--" + boundary + "--\r\n";
        return out;
    };
    const QByteArray plain = assemble({});
    if (m.targetSize <= plain.size())
        return plain;
    return assemble(filler(m.targetSize - plain.size()));
}

QByteArray samplePdf()
{
    // Objects 1-3 and a cross-reference table: opens in any PDF reader (an empty page).
    return QByteArrayLiteral(
        "%PDF-1.4\n"
        "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        "trailer << /Root 1 0 R >>\n"
        "%%EOF\n");
}

QByteArray sampleZip()
{
    // One stored (uncompressed) file, "probe.txt" = "Staffetta probe\n", CRC-32 computed below.
    const QByteArray name = "probe.txt";
    const QByteArray content = "Staffetta probe\n";
    quint32 crc = 0xffffffffu;
    for (char ch : content) {
        crc ^= uchar(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xffffffffu;
    auto le16 = [](quint32 v) {
        QByteArray b(2, '\0');
        b[0] = char(v & 0xff);
        b[1] = char((v >> 8) & 0xff);
        return b;
    };
    auto le32 = [&](quint32 v) {
        return le16(v & 0xffff) + le16(v >> 16);
    };
    const quint32 size = quint32(content.size());
    QByteArray local = "PK\x03\x04" + le16(10) + le16(0) + le16(0) + le16(0) + le16(0x21) +
                       le32(crc) + le32(size) + le32(size) + le16(quint32(name.size())) + le16(0) +
                       name + content;
    QByteArray central = "PK\x01\x02" + le16(20) + le16(10) + le16(0) + le16(0) + le16(0) +
                         le16(0x21) + le32(crc) + le32(size) + le32(size) +
                         le16(quint32(name.size())) + le16(0) + le16(0) + le16(0) + le16(0) +
                         le32(0) + le32(0) + name;
    QByteArray end = "PK\x05\x06" + le16(0) + le16(0) + le16(1) + le16(1) +
                     le32(quint32(central.size())) + le32(quint32(local.size())) + le16(0);
    return local + central + end;
}

} // namespace staffetta::smtp
