#include "smtp_client.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

namespace staffetta::smtp {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxReplyLine = 4096; // RFC 5321 says 512; be lenient, never unbounded
constexpr int MaxReplyLines = 200;
constexpr int QuitWaitMs = 1000;

QString failureText(Failure f)
{
    switch (f) {
    case Failure::None:
        return {};
    case Failure::Timeout:
        return QCoreApplication::translate("staffetta::smtp", "The server did not answer in time.");
    case Failure::TimeLimit:
        return QCoreApplication::translate("staffetta::smtp",
                                           "The test delivery's time limit was reached.");
    case Failure::Cancelled:
        return QCoreApplication::translate("staffetta::smtp", "Cancelled.");
    case Failure::Connection:
        return QCoreApplication::translate("staffetta::smtp", "The connection was closed.");
    case Failure::Tls:
        return QCoreApplication::translate("staffetta::smtp", "The TLS handshake failed.");
    case Failure::Protocol:
        return QCoreApplication::translate("staffetta::smtp",
                                           "The server's answer is not an SMTP reply.");
    }
    return {};
}

// A step's timeout as its sentence says it: whole seconds, never "0 s".
int seconds(int ms)
{
    return std::max(1, (ms + 999) / 1000);
}

QString certName(const QSslCertificate &c, bool issuer)
{
    QStringList parts;
    for (const auto attr : {QSslCertificate::CommonName, QSslCertificate::Organization,
                            QSslCertificate::CountryName}) {
        const QStringList v = issuer ? c.issuerInfo(attr) : c.subjectInfo(attr);
        if (!v.isEmpty())
            parts.append(v.join(u", "_s));
    }
    return parts.join(u" / "_s);
}
} // namespace

QString Reply::text() const
{
    if (failure != Failure::None)
        return error;
    QString first = lines.value(0);
    QString t = QString::number(code);
    if (!enhanced.isEmpty() && !first.startsWith(enhanced))
        t += u' ' + enhanced;
    if (!lines.isEmpty())
        t += u' ' + lines.join(u" "_s);
    return t;
}

QJsonObject Reply::toJson() const
{
    QJsonObject o{{u"code"_s, code}, {u"text"_s, text()}};
    if (!enhanced.isEmpty())
        o.insert(u"enhanced"_s, enhanced);
    if (failure != Failure::None)
        o.insert(u"failed"_s, true);
    return o;
}

Capabilities Capabilities::parse(const Reply &ehlo)
{
    Capabilities c;
    // The first line is the greeting ("mail.example.com"), the others are keywords.
    for (qsizetype i = 1; i < ehlo.lines.size(); ++i) {
        const QStringList words = ehlo.lines[i].split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        const QString key = words.first().toUpper();
        c.keywords.append(key);
        if (key == u"AUTH"_s) {
            for (qsizetype w = 1; w < words.size(); ++w)
                c.authMechanisms.append(words[w].toUpper());
        } else if (key == u"SIZE"_s) {
            c.size = words.size() > 1 ? words[1].toLongLong() : 0;
        } else if (key == u"STARTTLS"_s) {
            c.startTls = true;
        }
    }
    return c;
}

qint64 TlsInfo::daysLeft(const QDateTime &now) const
{
    return expiry.isValid() ? now.secsTo(expiry) / 86400 : -1;
}

QJsonObject TlsInfo::toJson() const
{
    if (!active)
        return {{u"active"_s, false}};
    return {{u"active"_s, true},
            {u"protocol"_s, protocol},
            {u"cipher"_s, cipher},
            {u"subject"_s, subject},
            {u"issuer"_s, issuer},
            {u"not_before"_s, notBefore.toUTC().toString(Qt::ISODate)},
            {u"expiry"_s, expiry.toUTC().toString(Qt::ISODate)},
            {u"sha256"_s, sha256},
            {u"problems"_s, QJsonArray::fromStringList(problems)}};
}

bool isSafeAddress(const QString &address)
{
    if (address.size() > 254 || !address.contains(u'@'))
        return false;
    return std::none_of(address.begin(), address.end(), [](QChar c) {
        return c.isSpace() || c.category() == QChar::Other_Control || c == u'<' || c == u'>';
    });
}

Client::Client(Options options)
    : m_options(std::move(options))
{}

Client::~Client()
{
    close();
}

void Client::log(const QString &line)
{
    m_transcript.append(line);
    if (m_sink)
        m_sink(line);
}

Reply Client::failed(Failure f, const QString &why)
{
    Reply r;
    r.failure = f;
    r.error = why.isEmpty() ? failureText(f) : why;
    log(u"-- "_s + r.error);
    if (m_options.onFailure)
        m_options.onFailure(r);
    return r;
}

bool Client::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool Client::waitFor(const std::function<bool()> &done, int timeoutMs, Failure *why)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(50);
    QObject::connect(&tick, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QIODevice::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QSslSocket::encrypted, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QAbstractSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QAbstractSocket::errorOccurred, &loop, &QEventLoop::quit);
    tick.start();
    while (!done()) {
        if (cancelled()) {
            *why = Failure::Cancelled;
            return false;
        }
        if (m_options.deadline.hasExpired()) {
            *why = Failure::TimeLimit;
            return false;
        }
        if (clock.elapsed() >= timeoutMs) {
            *why = Failure::Timeout;
            return false;
        }
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            *why = Failure::Connection;
            return false;
        }
        loop.exec();
    }
    return true;
}

bool Client::send(const QByteArray &bytes, const QString &logLine)
{
    if (!isConnected())
        return false;
    if (!logLine.isNull())
        log(u"C: "_s + logLine);
    m_socket->write(bytes);
    return true;
}

Reply Client::readReply(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    Reply r;
    for (;;) {
        Failure why = Failure::None;
        qsizetype eol = -1;
        const bool got = waitFor(
            [&] {
                m_buffer += m_socket->readAll();
                eol = m_buffer.indexOf("\r\n");
                if (eol < 0)
                    eol = m_buffer.indexOf('\n');
                return eol >= 0 || m_buffer.size() > MaxReplyLine;
            },
            int(std::max<qint64>(0, timeoutMs - clock.elapsed())), &why);
        if (!got) {
            if (why == Failure::Connection && !m_buffer.isEmpty())
                log(u"S: "_s + QString::fromUtf8(m_buffer));
            return failed(
                why, why == Failure::Timeout
                         ? QCoreApplication::translate("staffetta::smtp",
                                                       "The server did not answer within %1 s.")
                               .arg(seconds(timeoutMs))
                         : QString());
        }
        if (eol < 0 || eol > MaxReplyLine)
            return failed(Failure::Protocol,
                          QCoreApplication::translate("staffetta::smtp",
                                                      "The server sent a line longer than 4 KB."));
        QByteArray line = m_buffer.left(eol);
        m_buffer.remove(0, eol + (m_buffer.mid(eol, 2) == "\r\n" ? 2 : 1));
        log(u"S: "_s + QString::fromUtf8(line));
        if (line.size() < 3 || !std::isdigit(uchar(line[0])) || !std::isdigit(uchar(line[1])) ||
            !std::isdigit(uchar(line[2])) || (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
            return failed(Failure::Protocol, {});
        const int code = line.left(3).toInt();
        if (r.code != 0 && code != r.code)
            return failed(Failure::Protocol, {});
        r.code = code;
        QString text = QString::fromUtf8(line.mid(4));
        if (r.lines.isEmpty()) {
            static const QRegularExpression enhanced(u"^([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$)"_s);
            if (const auto m = enhanced.match(text); m.hasMatch())
                r.enhanced = m.captured(1);
        }
        r.lines.append(text);
        if (r.lines.size() > MaxReplyLines)
            return failed(Failure::Protocol,
                          QCoreApplication::translate("staffetta::smtp",
                                                      "The server's reply has too many lines."));
        if (line.size() == 3 || line[3] == ' ') {
            r.elapsedMs = clock.elapsed();
            return r;
        }
    }
}

Reply Client::connectToServer()
{
    m_socket = std::make_unique<QSslSocket>();
    m_closed = false;
    if (!m_options.localAddress.isNull() && !m_socket->bind(m_options.localAddress))
        return failed(
            Failure::Connection,
            QCoreApplication::translate("staffetta::smtp", "Cannot use the local address %1: %2")
                .arg(m_options.localAddress.toString(), m_socket->errorString()));
    log(u"-- "_s + QCoreApplication::translate("staffetta::smtp", "Connecting to %1 port %2")
                       .arg(m_options.host)
                       .arg(m_options.port));
    m_socket->connectToHost(m_options.host, m_options.port);
    Failure why = Failure::None;
    if (!waitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState; },
                 m_options.connectTimeoutMs, &why)) {
        const QString reason =
            why == Failure::Connection
                ? QCoreApplication::translate("staffetta::smtp", "Cannot connect: %1")
                      .arg(m_socket->errorString())
            : why == Failure::Timeout
                ? QCoreApplication::translate("staffetta::smtp", "No connection within %1 s.")
                      .arg(seconds(m_options.connectTimeoutMs))
                : QString();
        m_socket->abort();
        return failed(why, reason);
    }
    return readReply(m_options.commandTimeoutMs);
}

Reply Client::command(const QByteArray &line, const QString &logAs)
{
    if (!send(line + "\r\n", logAs.isNull() ? QString::fromUtf8(line) : logAs))
        return failed(Failure::Connection, {});
    return readReply(m_options.commandTimeoutMs);
}

Reply Client::ehlo()
{
    Reply r = command("EHLO " + m_options.ehloName.toUtf8());
    if (r.code == 250)
        m_caps = Capabilities::parse(r);
    return r;
}

Reply Client::startTls()
{
    Reply r = command("STARTTLS");
    if (r.code != 220)
        return r;
    // A probe reports what it finds: the handshake goes on with an untrusted certificate, and
    // its problems are reported (TlsInfo::problems) instead of ending the probe.
    m_socket->setPeerVerifyMode(QSslSocket::QueryPeer);
    m_socket->setPeerVerifyName(m_options.host);
    m_socket->startClientEncryption();
    Failure why = Failure::None;
    if (!waitFor([this] { return m_socket->isEncrypted(); }, m_options.commandTimeoutMs, &why)) {
        const QString reason =
            why == Failure::Connection
                ? QCoreApplication::translate("staffetta::smtp", "The TLS handshake failed: %1")
                      .arg(m_socket->errorString())
            : why == Failure::Timeout
                ? QCoreApplication::translate("staffetta::smtp",
                                              "The TLS handshake did not end within %1 s.")
                      .arg(seconds(m_options.commandTimeoutMs))
                : QString();
        return failed(why == Failure::Connection ? Failure::Tls : why, reason);
    }
    m_caps = {}; // what was offered before TLS counts no more (RFC 3207)
    m_tls.active = true;
    const QSslCipher cipher = m_socket->sessionCipher();
    m_tls.cipher = cipher.name();
    m_tls.protocol = cipher.protocolString();
    const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
    if (!chain.isEmpty()) {
        const QSslCertificate &leaf = chain.first();
        m_tls.subject = certName(leaf, false);
        m_tls.issuer = certName(leaf, true);
        m_tls.notBefore = leaf.effectiveDate();
        m_tls.expiry = leaf.expiryDate();
        m_tls.sha256 = QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':'));
        for (const QSslError &e : QSslCertificate::verify(chain, m_options.host))
            m_tls.problems.append(e.errorString());
    }
    log(u"-- "_s + QCoreApplication::translate(
                       "staffetta::smtp", "TLS: %1, %2; certificate %3, issued by %4, expires %5")
                       .arg(m_tls.protocol, m_tls.cipher, m_tls.subject, m_tls.issuer,
                            m_tls.expiry.toUTC().toString(Qt::ISODate)));
    return r;
}

Reply Client::auth(AuthMechanism mechanism, const QString &user, const QString &password)
{
    const QByteArray u = user.toUtf8(), p = password.toUtf8();
    if (mechanism == AuthMechanism::Plain) {
        const QByteArray token = (QByteArray(1, '\0') + u + QByteArray(1, '\0') + p).toBase64();
        return command("AUTH PLAIN " + token, u"AUTH PLAIN ********"_s);
    }
    Reply r = command("AUTH LOGIN");
    if (r.code != 334)
        return r;
    r = command(u.toBase64(), u"******** (%1)"_s.arg(
                                  QCoreApplication::translate("staffetta::smtp", "user name")));
    if (r.code != 334)
        return r;
    return command(p.toBase64(), u"******** (%1)"_s.arg(
                                     QCoreApplication::translate("staffetta::smtp", "password")));
}

Reply Client::mailFrom(const QString &sender, qint64 size)
{
    QByteArray line = "MAIL FROM:<" + sender.toUtf8() + '>';
    if (size >= 0 && m_caps.size >= 0)
        line += " SIZE=" + QByteArray::number(size);
    return command(line);
}

Reply Client::rcptTo(const QString &recipient)
{
    return command("RCPT TO:<" + recipient.toUtf8() + '>');
}

Reply Client::data(const QByteArray &message)
{
    Reply r = command("DATA");
    if (r.code != 354)
        return r;
    // Dot-stuffing (RFC 5321 4.5.2); the message's lines end in CRLF.
    QByteArray body;
    body.reserve(message.size() + message.size() / 50 + 8);
    bool lineStart = true;
    for (char c : message) {
        if (lineStart && c == '.')
            body += '.';
        body += c;
        lineStart = c == '\n';
    }
    if (!body.endsWith("\r\n"))
        body += "\r\n";
    body += ".\r\n";
    if (!send(body, QCoreApplication::translate("staffetta::smtp", "<message, %n bytes>", nullptr,
                                                int(message.size()))))
        return failed(Failure::Connection, {});
    log(u"C: ."_s);
    return readReply(m_options.dataTimeoutMs);
}

Reply Client::rset()
{
    return command("RSET");
}

void Client::close()
{
    if (m_closed || !m_socket)
        return;
    m_closed = true;
    if (isConnected()) {
        // Ends the session properly, even on cancel: a connection dropped right after AUTH
        // counts as a failed login to the relay's fail2ban.
        log(u"C: QUIT"_s);
        m_socket->write("QUIT\r\n");
        QElapsedTimer clock;
        clock.start();
        QEventLoop loop;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(m_socket.get(), &QSslSocket::readyRead, &loop, &QEventLoop::quit);
        QObject::connect(m_socket.get(), &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
        tick.start(50);
        while (clock.elapsed() < QuitWaitMs &&
               m_socket->state() == QAbstractSocket::ConnectedState) {
            m_buffer += m_socket->readAll();
            if (m_buffer.contains("\n"))
                break;
            loop.exec();
        }
        const QByteArray rest = m_buffer.trimmed();
        if (!rest.isEmpty())
            log(u"S: "_s + QString::fromUtf8(rest));
        m_buffer.clear();
    }
    m_socket->abort();
    m_socket.reset();
}

} // namespace staffetta::smtp
