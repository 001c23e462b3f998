#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QSslSocket;

// An ESMTP client for test deliveries (the console's Test delivery probes, staffetta-probe).
//
// Hand-written on purpose: no library Debian ships gives what a probe needs — the reply to
// every single command (each RCPT's own code and text, the reply after DATA), the session's
// full transcript with the secrets masked, and the TLS details of the STARTTLS handshake.
// (libcurl's SMTP stops at the first refused RCPT unless told to ignore them and then hides
// which one; libesmtp and swaks are not libraries a Qt program can drive.)
//
// The client is synchronous: each call sends one command and returns its reply. It must run
// on a worker thread (never the UI thread): it waits in a local event loop of that thread,
// which wakes on the socket's signals, every command's timeout and the cancel flag. Qt Core and
// Network only, no platform calls.
namespace staffetta::smtp {

using CancelFlag = std::shared_ptr<std::atomic_bool>;

// Why a call has no reply from the server.
enum class Failure {
    None,
    Timeout,    // no complete reply within the timeout
    TimeLimit,  // the whole run's time limit (Options::deadline) came first
    Cancelled,  // the cancel flag was set
    Connection, // could not connect, or the server closed the connection
    Tls,        // the TLS handshake failed
    Protocol,   // an answer that is not an SMTP reply (or one too long)
};

struct Reply
{
    int code = 0;      // 0 when failure != None
    QString enhanced;  // "4.5.3" when the reply has an enhanced status code
    QStringList lines; // the text of every line, without the code
    Failure failure = Failure::None;
    QString error;        // why, when failure != None
    qint64 elapsedMs = 0; // from the command's last byte to the reply's

    bool positive() const { return code >= 200 && code < 400; }
    bool transient() const { return code >= 400 && code < 500; }
    bool permanent() const { return code >= 500; }
    // "452 4.5.3 Too many recipients", or the failure's sentence.
    QString text() const;
    QJsonObject toJson() const;
};

// What the server's EHLO reply offers.
struct Capabilities
{
    QStringList keywords;       // upper-case first words of each line (PIPELINING, SIZE, ...)
    QStringList authMechanisms; // upper-case
    qint64 size = -1;           // SIZE's value; 0 = no limit stated, -1 = no SIZE
    bool startTls = false;
    bool has(const QString &keyword) const { return keywords.contains(keyword); }
    static Capabilities parse(const Reply &ehlo);
};

// The TLS session after STARTTLS (or with implicit TLS).
struct TlsInfo
{
    bool active = false;
    QString protocol, cipher;
    QString subject, issuer;
    QDateTime notBefore, expiry;
    QString sha256;       // the leaf certificate's fingerprint, hex with colons
    QStringList problems; // why the certificate would not verify (self-signed, name, ...)
    qint64 daysLeft(const QDateTime &now) const;
    QJsonObject toJson() const;
};

struct Options
{
    QString host;
    quint16 port = 587;
    QHostAddress localAddress; // the address to connect from (null: any)
    QString ehloName = QStringLiteral("staffetta-probe.invalid");
    int connectTimeoutMs = 15000;
    int commandTimeoutMs = 30000;
    int dataTimeoutMs = 120000; // after the final "." (content checks take their time)
    // The limit of the whole run the session belongs to: no wait goes past it, whatever the
    // step's own timeout (Failure::TimeLimit).
    QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    CancelFlag cancel; // may be null
    // Each call that ends without a reply (failure != None), as it ends: how the probes know a
    // relay stopped answering, whichever probe's session it was.
    std::function<void(const Reply &)> onFailure;
};

enum class AuthMechanism { Plain, Login };

class Client
{
public:
    explicit Client(Options options);
    ~Client(); // close()
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    // TCP, then the banner.
    Reply connectToServer();
    // EHLO; the capabilities are kept (capabilities()).
    Reply ehlo();
    // STARTTLS and the handshake. After a positive reply the caller sends EHLO again.
    Reply startTls();
    // AUTH with the mechanism; the credentials never reach the transcript.
    Reply auth(AuthMechanism mechanism, const QString &user, const QString &password);
    Reply mailFrom(const QString &sender, qint64 size = -1);
    Reply rcptTo(const QString &recipient);
    // DATA, then the message (CRLF lines; dot-stuffed here) and the final dot: the reply to
    // the message (the first reply when DATA itself is refused).
    Reply data(const QByteArray &message);
    Reply rset();
    // Any command. `logAs` replaces the line in the transcript (secrets).
    Reply command(const QByteArray &line, const QString &logAs = {});
    // QUIT (waiting a second at most for its reply), then the connection is closed. A second
    // call does nothing. Also what the destructor does.
    void close();

    bool isConnected() const;
    const Capabilities &capabilities() const { return m_caps; }
    const TlsInfo &tls() const { return m_tls; }
    // Every line sent (C:) and received (S:), secrets masked, in order.
    const QStringList &transcript() const { return m_transcript; }
    // Called with each transcript line as it is written (on the client's thread).
    void setTranscriptSink(std::function<void(const QString &)> sink) { m_sink = std::move(sink); }
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

private:
    Reply readReply(int timeoutMs);
    bool waitFor(const std::function<bool()> &done, int timeoutMs, Failure *why);
    Reply failed(Failure f, const QString &why);
    void log(const QString &line);
    bool send(const QByteArray &bytes, const QString &logLine);

    Options m_options;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    Capabilities m_caps;
    TlsInfo m_tls;
    QStringList m_transcript;
    std::function<void(const QString &)> m_sink;
    bool m_closed = false;
};

// "<user@example.com>" for MAIL FROM / RCPT TO; refuses what would break the command line.
bool isSafeAddress(const QString &address);

} // namespace staffetta::smtp
