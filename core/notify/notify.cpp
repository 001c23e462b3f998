#include "notify.h"

#include "postfix/postfix.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace staffetta::notify {

using namespace Qt::Literals::StringLiterals;

namespace {

// One header line's text: no CR, LF or other control characters.
QString headerText(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s)
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? u' ' : c;
    return out.trimmed();
}

bool isAscii(const QString &s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() < 0x80; });
}

// RFC 2047 encoded words of at most 75 characters, split on whole characters.
QByteArray encodedSubject(const QString &subject)
{
    if (isAscii(subject))
        return subject.toLatin1();
    QByteArrayList words;
    QString chunk;
    auto flush = [&] {
        if (!chunk.isEmpty())
            words.append("=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=");
        chunk.clear();
    };
    for (qsizetype i = 0; i < subject.size(); ++i) {
        const bool pair = subject[i].isHighSurrogate() && i + 1 < subject.size();
        const QString c = pair ? subject.mid(i, 2) : QString(subject[i]);
        if (pair)
            ++i;
        if ((chunk + c).toUtf8().size() > 45)
            flush();
        chunk += c;
    }
    flush();
    return words.join("\n ");
}

// A plain address (the policy validates the ones it holds; checked again here, as the
// envelope goes on sendmail's command line).
bool isPlain(const QString &a)
{
    static const QRegularExpression re(u"^[A-Za-z0-9!#$&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+$"_s);
    return a.size() <= 254 && !a.startsWith(u'-') && re.match(a).hasMatch();
}

} // namespace

QByteArray compose(const Mail &mail, const QDateTime &date, const QString &messageIdDomain)
{
    QStringList to;
    for (const QString &t : mail.to)
        to.append(headerText(t));
    const QByteArray id = QByteArray::number(date.toSecsSinceEpoch()) + '.' +
                          QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    QByteArray m;
    m += "From: " + headerText(mail.from).toUtf8() + '\n';
    m += "To: " + to.join(u", "_s).toUtf8() + '\n';
    m += "Subject: " + encodedSubject(headerText(mail.subject)) + '\n';
    m += "Date: " + date.toUTC().toString(Qt::RFC2822Date).toLatin1() + '\n';
    m += "Message-ID: <" + id + ".staffetta@" + headerText(messageIdDomain).toLatin1() + ">\n";
    m += "Auto-Submitted: auto-generated\n";
    m += "MIME-Version: 1.0\n";
    m += "Content-Type: text/plain; charset=UTF-8\n";
    m += "Content-Transfer-Encoding: 8bit\n\n";
    QString body = mail.body;
    body.remove(u'\r');
    m += body.toUtf8();
    if (!m.endsWith('\n'))
        m += '\n';
    return m;
}

Result<Done> send(const postfix::Postfix &postfix, const Mail &mail, const QDateTime &date)
{
    if (mail.to.isEmpty())
        return Error(ErrorCode::BadRequest, u"the message has no recipient"_s);
    for (const QString &a : mail.to + QStringList{mail.from}) {
        if (!isPlain(a))
            return Error(ErrorCode::BadRequest, u"'%1' is not a plain e-mail address"_s.arg(a));
    }
    if (!mail.envelopeSender.isEmpty() && !isPlain(mail.envelopeSender))
        return Error(ErrorCode::BadRequest,
                     u"'%1' is not a plain e-mail address"_s.arg(mail.envelopeSender));
    const QString domain = mail.from.section(u'@', 1);
    return postfix.submit(compose(mail, date, domain), mail.envelopeSender, mail.to);
}

} // namespace staffetta::notify
