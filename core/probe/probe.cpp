#include "probe.h"

#include "api/policy.h"
#include "api/trace.h"
#include "client/relay_client.h"
#include "policy/policy.h"
#include "smtp/mime.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSaveFile>
#include <QThread>

#include <algorithm>

namespace staffetta::probe {

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int ExpiryWarningDays = 30;
constexpr qint64 SizeStep = 1024; // the size probe's precision
constexpr int MaxSizeMessages = 16;

// --------------------------------------------------------------------- the unauthorized guard
// When this desktop last tried an unauthorized sender on a relay (host:port -> UTC time).
QDateTime lastUnauthorized(const QString &file, const QString &key)
{
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        return {};
    return QDateTime::fromString(
        QJsonDocument::fromJson(f.read(1 << 20)).object().value(key).toString(), Qt::ISODate);
}

void rememberUnauthorized(const QString &file, const QString &key, const QDateTime &when)
{
    if (file.isEmpty())
        return;
    QJsonObject o;
    if (QFile f(file); f.open(QIODevice::ReadOnly))
        o = QJsonDocument::fromJson(f.read(1 << 20)).object();
    o.insert(key, when.toUTC().toString(Qt::ISODate));
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (out.open(QIODevice::WriteOnly)) {
        out.write(QJsonDocument(o).toJson());
        out.commit();
    }
}

// ------------------------------------------------------------------------------- a run
class Run
{
public:
    Run(const Settings &settings, client::RelayClient *relayClient,
        const smtp::CancelFlag &cancelFlag, const Callbacks &callbacks)
        : s(settings)
        , relay(relayClient)
        , cancel(cancelFlag)
        , cb(callbacks)
    {}

    Report go();

private:
    struct Session
    {
        std::unique_ptr<smtp::Client> client;
        smtp::Reply failure; // the reply that ended the opening (code 0: a failure)
        bool ok = false;
    };

    bool cancelled() const { return cancel && cancel->load(); }
    QString timeLimitText() const
    {
        return QCoreApplication::translate("staffetta::probe",
                                           "The test delivery's time limit of %1 s was reached.")
            .arg(s.timeLimitMs / 1000);
    }
    // A relay call (SSH) made with `token`, waited for no longer than the run may last: at a
    // cancel or at the time limit the token is set, and the transport gives up within a tenth
    // of a second.
    template<typename T> T await(QFuture<T> future, const transport::CancelToken &token)
    {
        while (!future.isFinished()) {
            if (cancelled() || deadline.hasExpired())
                token->store(true);
            QThread::msleep(20);
        }
        return future.result();
    }
    void line(const QString &l)
    {
        report.transcript.append(l);
        if (cb.transcript)
            cb.transcript(l);
    }
    std::unique_ptr<smtp::Client> newClient();
    Session open(bool authenticate);
    QString testAddress(int n) const
    {
        return u"test%1@"_s.arg(n, 3, 10, QChar(u'0')) + exp.testDomain;
    }
    smtp::TestMessage message(const QString &subject, const QStringList &to) const;
    // One message in a session that is open: MAIL, RCPT, DATA.
    smtp::Reply send(smtp::Client &c, const QByteArray &bytes, const QStringList &to);

    Result connection();
    Result sender();
    Result recipients();
    Result size();
    Result attachments();
    Result delivery();
    Result cancelledResult(Kind k) const
    {
        Result r;
        r.kind = k;
        r.outcome = Outcome::Skipped;
        r.observed = QCoreApplication::translate("staffetta::probe", "Cancelled.");
        return r;
    }

    const Settings &s;
    client::RelayClient *relay;
    smtp::CancelFlag cancel;
    const Callbacks &cb;
    Expectations exp;
    Report report;
    qint64 advertisedSize = -1;
    QDeadlineTimer deadline{QDeadlineTimer::Forever}; // the run's time limit, from go()
    QString stalled; // the first step the relay did not answer in time: the rest is not run
};

std::unique_ptr<smtp::Client> Run::newClient()
{
    smtp::Options o;
    o.host = s.host;
    o.port = s.port;
    o.localAddress = s.localAddress;
    o.commandTimeoutMs = s.commandTimeoutMs;
    o.connectTimeoutMs = std::min(o.connectTimeoutMs, s.commandTimeoutMs);
    o.dataTimeoutMs = std::max(o.dataTimeoutMs, s.commandTimeoutMs);
    o.deadline = deadline;
    o.cancel = cancel;
    // A relay that let a step time out is not asked again by the probes after this one: each
    // would wait out its own timeouts (a relay that never greets held a run for minutes).
    o.onFailure = [this](const smtp::Reply &r) {
        if (r.failure == smtp::Failure::Timeout && stalled.isEmpty())
            stalled = r.error;
    };
    auto c = std::make_unique<smtp::Client>(o);
    c->setTranscriptSink([this](const QString &l) { line(l); });
    return c;
}

Run::Session Run::open(bool authenticate)
{
    // A Dovecot that reloaded leaves Postfix's first AUTH after it with a dead connection
    // ("454 4.7.0 ... Connection lost to authentication server"): one more try.
    for (int attempt = 0;; ++attempt) {
        Session ss;
        ss.client = newClient();
        smtp::Client &c = *ss.client;
        auto stop = [&ss](const smtp::Reply &r) {
            ss.failure = r;
            return std::move(ss);
        };
        smtp::Reply r = c.connectToServer();
        if (r.code != 220)
            return stop(r);
        if (r = c.ehlo(); r.code != 250)
            return stop(r);
        if (!c.capabilities().startTls)
            return stop(r);
        if (r = c.startTls(); r.code != 220)
            return stop(r);
        if (r = c.ehlo(); r.code != 250)
            return stop(r);
        advertisedSize = c.capabilities().size;
        if (authenticate) {
            const auto &mechs = c.capabilities().authMechanisms;
            const auto mech = mechs.contains(u"PLAIN"_s) || !mechs.contains(u"LOGIN"_s)
                                  ? smtp::AuthMechanism::Plain
                                  : smtp::AuthMechanism::Login;
            r = c.auth(mech, s.login, s.password);
            if (r.code == 454 && attempt == 0 && !cancelled()) {
                c.close();
                continue;
            }
            if (r.code != 235)
                return stop(r);
        }
        ss.ok = true;
        return ss;
    }
}

smtp::TestMessage Run::message(const QString &subject, const QStringList &to) const
{
    smtp::TestMessage m;
    m.from = s.sender;
    m.to = to;
    m.subject = subject;
    m.messageId = smtp::makeMessageId(s.sender.section(u'@', -1));
    m.text = u"Staffetta test delivery (%1) to the relay's test addresses: it ends in a black "
             u"hole and does not count against the quota."_s.arg(subject);
    return m;
}

smtp::Reply Run::send(smtp::Client &c, const QByteArray &bytes, const QStringList &to)
{
    smtp::Reply r = c.mailFrom(s.sender, bytes.size());
    if (r.code != 250)
        return r;
    for (const QString &t : to) {
        if (r = c.rcptTo(t); !r.positive()) {
            c.rset();
            return r;
        }
    }
    return c.data(bytes);
}

// ------------------------------------------------------------------------------ probes
Result Run::connection()
{
    Result res;
    res.kind = Kind::Connection;
    res.expected = QCoreApplication::translate(
        "staffetta::probe", "STARTTLS offered; AUTH refused before STARTTLS; AUTH PLAIN or LOGIN "
                            "after it; a certificate valid for more than 30 days");
    auto c = newClient();
    smtp::Reply r = c->connectToServer();
    if (r.code != 220) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "No banner: %1").arg(r.text());
        return res;
    }
    res.data.insert(u"banner"_s, r.text());
    if (r = c->ehlo(); r.code != 250) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "EHLO refused: %1").arg(r.text());
        return res;
    }
    const smtp::Capabilities before = c->capabilities();
    res.data.insert(u"capabilities_before_tls"_s, QJsonArray::fromStringList(before.keywords));
    QStringList findings;
    // AUTH before STARTTLS: without credentials (nothing secret ever goes in clear). A server
    // that offers it or answers 334 would take a password in clear.
    if (!before.authMechanisms.isEmpty())
        findings.append(
            QCoreApplication::translate("staffetta::probe", "AUTH is offered before STARTTLS (%1).")
                .arg(before.authMechanisms.join(u' ')));
    r = c->command("AUTH PLAIN");
    const smtp::Reply preTls = r;
    res.data.insert(u"auth_before_tls"_s, r.toJson());
    if (r.code == 334) {
        c->command("*"); // cancels the exchange (RFC 4954), no credentials sent
        findings.append(QCoreApplication::translate(
            "staffetta::probe",
            "AUTH is accepted before STARTTLS: passwords may travel in clear."));
    } else if (r.failure != smtp::Failure::None) {
        res.outcome = Outcome::Fail;
        res.observed = r.text();
        return res;
    }
    if (!before.startTls) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "STARTTLS is not offered.");
        res.notes = findings;
        return res;
    }
    // STARTTLS in the same session: the relay's log then shows starttls=1, so the refused
    // AUTH above never reads as a failed login to its fail2ban.
    if (r = c->startTls(); r.code != 220 || !c->tls().active) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "STARTTLS failed: %1").arg(r.text());
        return res;
    }
    if (r = c->ehlo(); r.code != 250) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "EHLO after STARTTLS refused: %1")
                .arg(r.text());
        return res;
    }
    const smtp::TlsInfo tls = c->tls();
    const smtp::Capabilities after = c->capabilities();
    advertisedSize = after.size;
    res.data.insert(u"tls"_s, tls.toJson());
    res.data.insert(u"capabilities"_s, QJsonArray::fromStringList(after.keywords));
    res.data.insert(u"auth_mechanisms"_s, QJsonArray::fromStringList(after.authMechanisms));
    res.data.insert(u"size"_s, after.size);
    const qint64 days = tls.daysLeft(QDateTime::currentDateTimeUtc());
    res.data.insert(u"certificate_days_left"_s, days);
    if (days < ExpiryWarningDays)
        findings.append(days < 0 ? QCoreApplication::translate("staffetta::probe",
                                                               "The certificate has expired.")
                                 : QCoreApplication::translate(
                                       "staffetta::probe", "The certificate expires in %n days.",
                                       nullptr, int(days)));
    for (const QString &p : tls.problems)
        res.notes.append(QCoreApplication::translate("staffetta::probe", "Certificate: %1").arg(p));
    QStringList observed{
        tls.protocol + u", "_s + tls.cipher,
        QCoreApplication::translate("staffetta::probe",
                                    "certificate %1, issued by %2, expires %3, SHA-256 %4")
            .arg(tls.subject, tls.issuer, tls.expiry.toUTC().toString(Qt::ISODate), tls.sha256),
        QCoreApplication::translate("staffetta::probe", "AUTH %1")
            .arg(after.authMechanisms.join(u' '))};
    if (!after.authMechanisms.contains(u"PLAIN"_s) && !after.authMechanisms.contains(u"LOGIN"_s))
        findings.append(QCoreApplication::translate(
            "staffetta::probe", "Neither AUTH PLAIN nor LOGIN is offered after STARTTLS."));
    else {
        const auto mech = after.authMechanisms.contains(u"PLAIN"_s) ? smtp::AuthMechanism::Plain
                                                                    : smtp::AuthMechanism::Login;
        r = c->auth(mech, s.login, s.password);
        res.data.insert(u"auth"_s, r.toJson());
        if (r.code != 235) {
            res.outcome = Outcome::Fail;
            res.observed =
                QCoreApplication::translate("staffetta::probe", "Login refused: %1").arg(r.text());
            return res;
        }
    }
    observed.prepend(
        preTls.permanent()
            ? QCoreApplication::translate("staffetta::probe", "AUTH before STARTTLS refused: %1")
                  .arg(preTls.text())
            : QCoreApplication::translate("staffetta::probe", "AUTH before STARTTLS: %1")
                  .arg(preTls.text()));
    c->close();
    res.observed = observed.join(u"; "_s);
    res.notes = findings + res.notes;
    res.data.insert(u"findings"_s, QJsonArray::fromStringList(findings));
    res.outcome = findings.isEmpty() ? Outcome::Pass : Outcome::Finding;
    return res;
}

Result Run::sender()
{
    Result res;
    res.kind = Kind::Sender;
    const QString unauthorized = u"staffetta-probe-unauthorized@"_s + s.sender.section(u'@', -1);
    res.expected = QCoreApplication::translate("staffetta::probe", "%1 accepted").arg(s.sender);
    Session ss = open(true);
    if (!ss.ok) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "No session: %1")
                           .arg(ss.failure.text());
        return res;
    }
    smtp::Client &c = *ss.client;
    smtp::Reply r = c.mailFrom(s.sender);
    if (r.code == 250)
        r = c.rcptTo(testAddress(1));
    res.data.insert(u"authorized"_s, r.toJson());
    QStringList observed{
        QCoreApplication::translate("staffetta::probe", "%1: %2").arg(s.sender, r.text())};
    bool ok = r.code == 250;
    c.rset();

    const QString key = s.host + u':' + QString::number(s.port);
    const QDateTime last = lastUnauthorized(s.guardFile, key);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (s.tryUnauthorizedSender) {
        res.notes.append(QCoreApplication::translate(
            "staffetta::probe", "Warning: three refused senders in a row get this desktop's IP "
                                "address banned by the relay; a run tries one at most."));
        if (exp.known && exp.authorizes(unauthorized)) {
            res.notes.append(QCoreApplication::translate(
                                 "staffetta::probe",
                                 "Unauthorized sender not tried: the account may send as %1.")
                                 .arg(unauthorized));
        } else if (last.isValid() && last.secsTo(now) < GuardMinutes * 60) {
            res.notes.append(QCoreApplication::translate(
                                 "staffetta::probe",
                                 "Unauthorized sender not tried: one was tried at %1, less than "
                                 "%2 minutes ago.")
                                 .arg(last.toLocalTime().toString(u"HH:mm"_s))
                                 .arg(GuardMinutes));
            res.data.insert(u"unauthorized_skipped"_s, true);
        } else {
            rememberUnauthorized(s.guardFile, key, now);
            res.expected += QCoreApplication::translate("staffetta::probe", "; %1 refused with 553")
                                .arg(unauthorized);
            smtp::Reply u = c.mailFrom(unauthorized);
            if (u.code == 250)
                u = c.rcptTo(testAddress(1));
            res.data.insert(u"unauthorized"_s, u.toJson());
            observed.append(QCoreApplication::translate("staffetta::probe", "%1: %2")
                                .arg(unauthorized, u.text()));
            ok = ok && u.code == 553;
            c.rset();
        }
    }
    c.close();
    res.observed = observed.join(u"; "_s);
    res.outcome = ok ? Outcome::Pass : Outcome::Fail;
    return res;
}

Result Run::recipients()
{
    Result res;
    res.kind = Kind::Recipients;
    res.expected =
        exp.maxRecipients > 0
            ? QCoreApplication::translate("staffetta::probe", "%n recipients, then 452 4.5.3",
                                          nullptr, exp.maxRecipients)
            : QCoreApplication::translate("staffetta::probe",
                                          "452 4.5.3 after the account's limit");
    Session ss = open(true);
    if (!ss.ok) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "No session: %1")
                           .arg(ss.failure.text());
        return res;
    }
    smtp::Client &c = *ss.client;
    smtp::Reply r = c.mailFrom(s.sender);
    if (r.code != 250) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "MAIL FROM refused: %1").arg(r.text());
        return res;
    }
    // One RCPT after the other in one transaction: the first refusal is the limit (cheaper
    // and more exact than a binary search over messages, and nothing is sent: RSET).
    const int max = std::max(1, exp.testAddresses);
    int accepted = 0;
    smtp::Reply refused;
    for (int n = 1; n <= max && !cancelled(); ++n) {
        r = c.rcptTo(testAddress(n));
        if (!r.positive()) {
            refused = r;
            break;
        }
        accepted = n;
        if (cb.progress && n % 10 == 0)
            cb.progress(-1, -1,
                        QCoreApplication::translate("staffetta::probe", "%n recipients accepted",
                                                    nullptr, n));
    }
    c.rset();
    c.close();
    if (cancelled())
        return cancelledResult(Kind::Recipients);
    res.data.insert(u"accepted"_s, accepted);
    res.data.insert(u"expected"_s, exp.maxRecipients);
    res.data.insert(u"refused"_s, refused.toJson());
    res.observed =
        refused.code ? QCoreApplication::translate("staffetta::probe", "%n accepted, then: %1",
                                                   nullptr, accepted)
                           .arg(refused.text())
                     : QCoreApplication::translate(
                           "staffetta::probe", "all %n test addresses accepted", nullptr, accepted);
    const bool limitReply = refused.code == 452 && refused.enhanced == u"4.5.3"_s;
    if (!limitReply)
        res.outcome = refused.code == 0 && accepted == max && exp.maxRecipients > max
                          ? Outcome::Pass
                          : Outcome::Fail;
    else if (exp.maxRecipients > 0 && accepted != exp.maxRecipients)
        res.outcome = Outcome::Finding;
    else
        res.outcome = Outcome::Pass;
    if (res.outcome == Outcome::Finding)
        res.notes.append(
            QCoreApplication::translate(
                "staffetta::probe",
                "The relay allows %1 recipients, the account's policy says %2 (another limit "
                "of the relay, e.g. Postfix's smtpd_recipient_limit, comes first).")
                .arg(accepted)
                .arg(exp.maxRecipients));
    return res;
}

Result Run::size()
{
    Result res;
    res.kind = Kind::Size;
    Session ss = open(true);
    if (!ss.ok) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "No session: %1")
                           .arg(ss.failure.text());
        return res;
    }
    smtp::Client &c = *ss.client;
    const qint64 advertised = c.capabilities().size;
    res.data.insert(u"advertised"_s, advertised);
    // The limit the policy sets, and Postfix's own if lower.
    qint64 limit = exp.maxMessageSize;
    if (advertised > 0 && (limit <= 0 || advertised < limit))
        limit = advertised;
    res.data.insert(u"expected"_s, limit);
    res.expected =
        limit > 0 ? QCoreApplication::translate("staffetta::probe",
                                                "about %1 bytes accepted, more refused (SIZE %2)")
                        .arg(limit)
                        .arg(advertised)
                  : QCoreApplication::translate("staffetta::probe", "a size limit");
    if (limit <= 0) {
        res.outcome = Outcome::Skipped;
        res.observed = QCoreApplication::translate(
            "staffetta::probe",
            "No limit known: the relay advertises none and the policy was not read.");
        c.close();
        return res;
    }
    // Around the limit first, then halving the gap until it is 1 KB at most.
    qint64 lo = -1, hi = -1; // largest accepted, smallest refused
    smtp::Reply firstRefused;
    QJsonArray tries;
    int sent = 0;
    auto attempt = [&](qint64 bytes) {
        ++sent;
        smtp::TestMessage m = message(u"size %1"_s.arg(bytes), {testAddress(1)});
        m.targetSize = bytes;
        const smtp::Reply r = send(c, smtp::buildMessage(m), {testAddress(1)});
        tries.append(QJsonObject{{u"bytes"_s, bytes}, {u"reply"_s, r.toJson()}});
        if (cb.progress)
            cb.progress(-1, -1,
                        QCoreApplication::translate("staffetta::probe", "%1 bytes: %2")
                            .arg(bytes)
                            .arg(r.code));
        if (r.failure != smtp::Failure::None)
            return false;
        if (r.code == 250)
            lo = std::max(lo, bytes);
        else if (hi < 0 || bytes < hi) {
            hi = bytes;
            firstRefused = r;
        }
        return true;
    };
    bool ok =
        attempt(std::max<qint64>(1024, limit - SizeStep / 2)) && attempt(limit + SizeStep / 2);
    if (ok && lo < 0)
        lo = 0;
    while (ok && hi > 0 && hi - lo > SizeStep && sent < MaxSizeMessages && !cancelled())
        ok = attempt(lo + (hi - lo) / 2);
    c.close();
    if (cancelled())
        return cancelledResult(Kind::Size);
    res.data.insert(u"largest_accepted"_s, lo);
    res.data.insert(u"first_refused"_s, hi);
    res.data.insert(u"first_refused_reply"_s, firstRefused.toJson());
    res.data.insert(u"messages"_s, tries);
    if (!ok) {
        res.outcome = Outcome::Fail;
        res.observed =
            tries.isEmpty()
                ? QString()
                : tries.last().toObject().value(u"reply"_s).toObject().value(u"text"_s).toString();
        return res;
    }
    res.observed =
        hi > 0
            ? QCoreApplication::translate("staffetta::probe",
                                          "largest accepted %1 bytes; %2 bytes refused: %3")
                  .arg(lo)
                  .arg(hi)
                  .arg(firstRefused.text())
            : QCoreApplication::translate("staffetta::probe", "%1 bytes accepted: no limit found")
                  .arg(lo);
    const bool within = hi > 0 && lo >= 0 && hi - lo <= SizeStep && limit >= lo - SizeStep &&
                        limit <= hi + SizeStep;
    res.outcome = within ? Outcome::Pass : Outcome::Finding;
    return res;
}

Result Run::attachments()
{
    Result res;
    res.kind = Kind::Attachments;
    const QString allowedExt =
        exp.allowedExtensions.contains(u"pdf"_s) || exp.allowedExtensions.isEmpty()
            ? u"pdf"_s
            : exp.allowedExtensions.first();
    const bool zipForbidden = exp.attachmentRule && !exp.allowedExtensions.contains(u"zip"_s);
    res.expected =
        !exp.known ? QCoreApplication::translate("staffetta::probe", "(the policy was not read)")
        : exp.attachmentRule
            ? (zipForbidden ? QCoreApplication::translate("staffetta::probe",
                                                          ".%1 accepted, .zip refused with "
                                                          "the relay's notice")
                                  .arg(allowedExt)
                            : QCoreApplication::translate("staffetta::probe",
                                                          ".%1 and .zip accepted (.zip is "
                                                          "allowed)")
                                  .arg(allowedExt))
            : QCoreApplication::translate("staffetta::probe",
                                          "both accepted: no attachment rule is active");
    Session ss = open(true);
    if (!ss.ok) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "No session: %1")
                           .arg(ss.failure.text());
        return res;
    }
    smtp::Client &c = *ss.client;
    smtp::TestMessage good = message(u"attachment ."_s + allowedExt, {testAddress(1)});
    good.attachments.append({u"staffetta-probe."_s + allowedExt,
                             allowedExt == u"pdf"_s ? QByteArray("application/pdf")
                                                    : QByteArray("application/octet-stream"),
                             allowedExt == u"pdf"_s ? smtp::samplePdf() : QByteArray("probe\n")});
    const smtp::Reply a = send(c, smtp::buildMessage(good), {testAddress(1)});
    smtp::TestMessage bad = message(u"attachment .zip"_s, {testAddress(1)});
    bad.attachments.append({u"staffetta-probe.zip"_s, "application/zip", smtp::sampleZip()});
    const smtp::Reply z =
        a.failure == smtp::Failure::None ? send(c, smtp::buildMessage(bad), {testAddress(1)}) : a;
    c.close();
    if (cancelled())
        return cancelledResult(Kind::Attachments);
    res.data.insert(u"allowed"_s, a.toJson());
    res.data.insert(u"forbidden"_s, z.toJson());
    const bool zipRefused = z.permanent();
    res.data.insert(u"rule_active"_s, zipRefused);
    res.observed = QCoreApplication::translate("staffetta::probe", ".%1: %2; .zip: %3")
                       .arg(allowedExt, a.text(), z.text());
    if (!zipRefused && a.code == 250)
        res.notes.append(QCoreApplication::translate(
            "staffetta::probe", "No attachment rule is active: the .zip file was accepted."));
    else if (zipRefused)
        res.notes.append(QCoreApplication::translate("staffetta::probe", "The relay's notice: %1")
                             .arg(z.lines.join(u' ')));
    if (a.code != 250)
        res.outcome = Outcome::Fail;
    else if (!exp.known)
        res.outcome = zipRefused ? Outcome::Pass : Outcome::Finding;
    else
        res.outcome = zipRefused == zipForbidden ? Outcome::Pass : Outcome::Fail;
    return res;
}

Result Run::delivery()
{
    Result res;
    res.kind = Kind::Delivery;
    res.expected = QCoreApplication::translate(
        "staffetta::probe", "delivered to the black hole, confirmed by the relay's message trace");
    Session ss = open(true);
    if (!ss.ok) {
        res.outcome = Outcome::Fail;
        res.observed = QCoreApplication::translate("staffetta::probe", "No session: %1")
                           .arg(ss.failure.text());
        return res;
    }
    smtp::Client &c = *ss.client;
    const smtp::TestMessage m = message(u"delivery"_s, {testAddress(1)});
    const QDateTime submitted = QDateTime::currentDateTimeUtc();
    const smtp::Reply r = send(c, smtp::buildMessage(m), {testAddress(1)});
    c.close();
    res.data.insert(u"message_id"_s, m.messageId);
    res.data.insert(u"reply"_s, r.toJson());
    if (r.code != 250) {
        res.outcome = Outcome::Fail;
        res.observed =
            QCoreApplication::translate("staffetta::probe", "Not accepted: %1").arg(r.text());
        return res;
    }
    if (!relay) {
        res.outcome = Outcome::Skipped;
        res.observed = QCoreApplication::translate(
                           "staffetta::probe", "Accepted (%1); not confirmed: no relay connection.")
                           .arg(r.text());
        return res;
    }
    QElapsedTimer clock;
    clock.start();
    api::TraceMessage found;
    QString status;
    while (clock.elapsed() < s.deliveryTimeoutMs && !cancelled() && !deadline.hasExpired()) {
        const QJsonObject request{{u"message_id"_s, m.messageId}};
        const auto token = transport::makeCancelToken();
        auto answer = await(
            relay->call({u"trace"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact), token),
            token);
        if (deadline.hasExpired())
            break;
        if (!answer) {
            res.outcome = Outcome::Fail;
            res.observed = QCoreApplication::translate("staffetta::probe",
                                                       "Accepted; the relay's trace failed: %1")
                               .arg(answer.error().message);
            return res;
        }
        auto t = api::TraceResult::fromJson(answer.value());
        if (t && !t.value().messages.isEmpty() &&
            !t.value().messages.front().recipients.isEmpty()) {
            found = t.value().messages.front();
            status = found.recipients.front().status;
            if (status == u"sent"_s || status == u"bounced"_s || status == u"expired"_s)
                break;
        }
        QThread::msleep(500);
    }
    if (cancelled())
        return cancelledResult(Kind::Delivery);
    res.data.insert(u"queue_id"_s, found.queueId);
    res.data.insert(u"status"_s, status);
    if (status != u"sent"_s) {
        res.outcome = Outcome::Fail;
        res.observed =
            deadline.hasExpired() && status != u"bounced"_s && status != u"expired"_s
                ? QCoreApplication::translate("staffetta::probe", "Accepted; not confirmed: %1")
                      .arg(timeLimitText())
            : status.isEmpty()
                ? QCoreApplication::translate(
                      "staffetta::probe",
                      "Accepted, but the relay's trace has not seen it within %n s.", nullptr,
                      s.deliveryTimeoutMs / 1000)
                : QCoreApplication::translate("staffetta::probe", "Accepted, then %1.").arg(status);
        return res;
    }
    const api::TraceAttempt &last = found.recipients.front().attempts.isEmpty()
                                        ? api::TraceAttempt{}
                                        : found.recipients.front().attempts.last();
    const QDateTime deliveredAt = last.time.isValid() ? last.time : QDateTime::currentDateTimeUtc();
    const QDateTime acceptedAt = found.accepted.isValid() ? found.accepted : submitted;
    const qint64 ms = std::max<qint64>(0, acceptedAt.msecsTo(deliveredAt));
    res.data.insert(u"delivered"_s, deliveredAt.toUTC().toString(Qt::ISODate));
    res.data.insert(u"seconds"_s, double(ms) / 1000.0);
    res.data.insert(u"relay"_s, last.relay);
    res.observed =
        QCoreApplication::translate("staffetta::probe",
                                    "Delivered to %1 (%2) %3 s after submission, queue id %4")
            .arg(last.relay.isEmpty()
                     ? QCoreApplication::translate("staffetta::probe", "the black hole")
                     : last.relay,
                 last.reply)
            .arg(double(ms) / 1000.0, 0, 'f', 1)
            .arg(found.queueId);
    res.outcome = Outcome::Pass;
    return res;
}

Report Run::go()
{
    report.host = s.host;
    report.port = s.port;
    report.login = s.login;
    report.sender = s.sender;
    report.started = QDateTime::currentDateTimeUtc();
    deadline = QDeadlineTimer(s.timeLimitMs);
    const int total = int(s.probes.size());
    auto finish = [this]() -> Report {
        report.finished = QDateTime::currentDateTimeUtc();
        report.cancelled = cancelled();
        return std::move(report);
    };
    if (cb.progress)
        cb.progress(0, total,
                    QCoreApplication::translate("staffetta::probe", "Reading the relay's policy"));
    if (s.expectations) {
        exp = *s.expectations;
    } else if (relay) {
        const auto token = transport::makeCancelToken();
        auto info = await(relay->info(token), token);
        auto snapshot = info ? await(relay->call({u"policy"_s, u"get"_s}, {}, token), token)
                             : staffetta::Result<QJsonObject>(info.error());
        if (!info || !snapshot) {
            report.error = deadline.hasExpired() && !cancelled()
                               ? timeLimitText()
                               : QCoreApplication::translate("staffetta::probe",
                                                             "The relay did not answer: %1")
                                     .arg(!info ? info.error().message : snapshot.error().message);
            return finish();
        }
        exp = Expectations::from(info.value(), snapshot.value(), s.login);
    }
    if (exp.testDomain.isEmpty()) {
        report.error = QCoreApplication::translate(
            "staffetta::probe", "The relay names no test domain (policy.json: test_domains): the "
                                "probes send only to its test addresses.");
        return finish();
    }
    if (!smtp::isSafeAddress(s.sender)) {
        report.error =
            QCoreApplication::translate("staffetta::probe", "The sender is not an e-mail address.");
        return finish();
    }
    int done = 0;
    // Why the probes from here on are not run (the relay stopped answering, the time limit).
    auto stop = [this] {
        if (report.stopped.isEmpty() && !cancelled()) {
            if (!stalled.isEmpty())
                report.stopped = QCoreApplication::translate("staffetta::probe",
                                                             "The relay stopped answering: %1")
                                     .arg(stalled);
            else if (deadline.hasExpired())
                report.stopped = timeLimitText();
        }
        return !report.stopped.isEmpty();
    };
    for (Kind k : s.probes) {
        if (cancelled())
            break;
        if (stop()) {
            Result r;
            r.kind = k;
            r.outcome = Outcome::Fail;
            r.observed =
                QCoreApplication::translate("staffetta::probe", "Not run: %1").arg(report.stopped);
            report.results.append(r);
            if (cb.result)
                cb.result(r);
            ++done;
            continue;
        }
        if (cb.progress)
            cb.progress(done, total, kindTitle(k));
        line(u"== "_s + kindTitle(k));
        QElapsedTimer clock;
        clock.start();
        Result r;
        switch (k) {
        case Kind::Connection:
            r = connection();
            break;
        case Kind::Sender:
            r = sender();
            break;
        case Kind::Recipients:
            r = recipients();
            break;
        case Kind::Size:
            r = size();
            break;
        case Kind::Attachments:
            r = attachments();
            break;
        case Kind::Delivery:
            r = delivery();
            break;
        }
        if (cancelled() && r.outcome != Outcome::Skipped)
            r = cancelledResult(k);
        r.elapsedMs = clock.elapsed();
        report.results.append(r);
        if (cb.result)
            cb.result(r);
        ++done;
    }
    stop(); // the last probe's timeout is said too
    if (cb.progress)
        cb.progress(done, total,
                    cancelled() ? QCoreApplication::translate("staffetta::probe", "Cancelled")
                                : QCoreApplication::translate("staffetta::probe", "Done"));
    return finish();
}

} // namespace

// ------------------------------------------------------------------------ public parts
QString kindName(Kind k)
{
    switch (k) {
    case Kind::Connection:
        return u"connection"_s;
    case Kind::Sender:
        return u"sender"_s;
    case Kind::Recipients:
        return u"recipients"_s;
    case Kind::Size:
        return u"size"_s;
    case Kind::Attachments:
        return u"attachments"_s;
    case Kind::Delivery:
        return u"delivery"_s;
    }
    return {};
}

QString kindTitle(Kind k)
{
    switch (k) {
    case Kind::Connection:
        return QCoreApplication::translate("staffetta::probe", "Connection");
    case Kind::Sender:
        return QCoreApplication::translate("staffetta::probe", "Authorized sender");
    case Kind::Recipients:
        return QCoreApplication::translate("staffetta::probe", "Recipients per message");
    case Kind::Size:
        return QCoreApplication::translate("staffetta::probe", "Message size");
    case Kind::Attachments:
        return QCoreApplication::translate("staffetta::probe", "Attachment rules");
    case Kind::Delivery:
        return QCoreApplication::translate("staffetta::probe", "Delivery");
    }
    return {};
}

std::optional<Kind> kindFromName(const QString &name)
{
    for (Kind k : AllKinds) {
        if (kindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QString outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Pass:
        return u"pass"_s;
    case Outcome::Fail:
        return u"fail"_s;
    case Outcome::Finding:
        return u"finding"_s;
    case Outcome::Skipped:
        return u"skipped"_s;
    }
    return {};
}

QString outcomeTitle(Outcome o)
{
    switch (o) {
    case Outcome::Pass:
        return QCoreApplication::translate("staffetta::probe", "Pass");
    case Outcome::Fail:
        return QCoreApplication::translate("staffetta::probe", "Fail");
    case Outcome::Finding:
        return QCoreApplication::translate("staffetta::probe", "Finding");
    case Outcome::Skipped:
        return QCoreApplication::translate("staffetta::probe", "Skipped");
    }
    return {};
}

QJsonObject Result::toJson() const
{
    return {{u"probe"_s, kindName(kind)},
            {u"title"_s, kindTitle(kind)},
            {u"outcome"_s, outcomeName(outcome)},
            {u"expected"_s, expected},
            {u"observed"_s, observed},
            {u"notes"_s, QJsonArray::fromStringList(notes)},
            {u"data"_s, data},
            {u"elapsed_ms"_s, elapsedMs}};
}

Expectations Expectations::from(const api::RelayInfo &info, const QJsonObject &policySnapshot,
                                const QString &login)
{
    Expectations e;
    if (!info.testDomains.isEmpty()) {
        e.testDomain = info.testDomains.first().domain;
        e.testAddresses = info.testDomains.first().addresses;
    }
    auto snapshot = api::PolicySnapshot::fromJson(policySnapshot);
    if (!snapshot)
        return e;
    const policy::Policy &p = snapshot.value().policy;
    const policy::Account *a = p.account(login);
    if (!a)
        return e;
    e.known = true;
    e.maxRecipients = p.maxRecipients(a);
    e.maxMessageSize = p.maxMessageSize(a);
    for (const auto &pattern : a->senders)
        e.senderPatterns.append(pattern.text());
    e.attachmentRule = p.attachmentMode(a) == policy::AttachmentMode::AllowList;
    e.allowedExtensions = p.allowedExtensions(a);
    return e;
}

bool Expectations::authorizes(const QString &sender) const
{
    return std::any_of(senderPatterns.cbegin(), senderPatterns.cend(), [&sender](const QString &t) {
        const auto p = policy::SenderPattern::parse(t);
        return p && p->matches(sender);
    });
}

const Result *Report::result(Kind k) const
{
    for (const Result &r : results) {
        if (r.kind == k)
            return &r;
    }
    return nullptr;
}

QJsonObject Report::toJson() const
{
    QJsonArray list;
    for (const Result &r : results)
        list.append(r.toJson());
    QJsonObject o{{u"host"_s, host},
                  {u"port"_s, port},
                  {u"account"_s, login},
                  {u"sender"_s, sender},
                  {u"started"_s, started.toUTC().toString(Qt::ISODate)},
                  {u"finished"_s, finished.toUTC().toString(Qt::ISODate)},
                  {u"cancelled"_s, cancelled},
                  {u"results"_s, list},
                  {u"transcript"_s, QJsonArray::fromStringList(transcript)}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (!stopped.isEmpty())
        o.insert(u"stopped"_s, stopped);
    return o;
}

QString Report::toHtml() const
{
    auto esc = [](const QString &t) {
        return t.toHtmlEscaped();
    };
    QString h = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"_s +
                esc(QCoreApplication::translate("staffetta::probe", "Test delivery")) +
                u"</title><style>"
                "body{font-family:sans-serif}table{border-collapse:collapse}"
                "td,th{border:1px solid #999;padding:4px;vertical-align:top}"
                ".pass{color:#070}.fail{color:#b00}.finding{color:#a60}.skipped{color:#666}"
                "</style></head><body>\n"_s;
    h += u"<h1>"_s + esc(QCoreApplication::translate("staffetta::probe", "Test delivery")) +
         u"</h1>\n<p>"_s +
         esc(QCoreApplication::translate("staffetta::probe",
                                         "Relay %1 port %2, account %3, sender %4; %5 to %6 (UTC)")
                 .arg(host)
                 .arg(port)
                 .arg(login, sender, started.toUTC().toString(Qt::ISODate),
                      finished.toUTC().toString(Qt::ISODate))) +
         u"</p>\n"_s;
    if (cancelled)
        h += u"<p><b>"_s + esc(QCoreApplication::translate("staffetta::probe", "Cancelled.")) +
             u"</b></p>\n"_s;
    if (!error.isEmpty())
        h += u"<p class=\"fail\">"_s + esc(error) + u"</p>\n"_s;
    if (!stopped.isEmpty())
        h += u"<p class=\"fail\">"_s + esc(stopped) + u"</p>\n"_s;
    h += u"<table><tr><th>"_s + esc(QCoreApplication::translate("staffetta::probe", "Probe")) +
         u"</th><th>"_s + esc(QCoreApplication::translate("staffetta::probe", "Result")) +
         u"</th><th>"_s + esc(QCoreApplication::translate("staffetta::probe", "Expected")) +
         u"</th><th>"_s + esc(QCoreApplication::translate("staffetta::probe", "Observed")) +
         u"</th><th>"_s + esc(QCoreApplication::translate("staffetta::probe", "Notes")) +
         u"</th></tr>\n"_s;
    for (const Result &r : results) {
        h += u"<tr><td>"_s + esc(kindTitle(r.kind)) + u"</td><td class=\""_s +
             outcomeName(r.outcome) + u"\">"_s + esc(outcomeTitle(r.outcome)) + u"</td><td>"_s +
             esc(r.expected) + u"</td><td>"_s + esc(r.observed) + u"</td><td>"_s +
             esc(r.notes.join(u'\n')).replace(u'\n', u"<br>"_s) + u"</td></tr>\n"_s;
    }
    h += u"</table>\n<h2>"_s + esc(QCoreApplication::translate("staffetta::probe", "Transcript")) +
         u"</h2>\n<pre>"_s + esc(transcript.join(u'\n')) + u"</pre>\n</body></html>\n"_s;
    return h;
}

Report run(const Settings &settings, client::RelayClient *relay, const smtp::CancelFlag &cancel,
           const Callbacks &callbacks)
{
    return Run(settings, relay, cancel, callbacks).go();
}

Runner::Runner(Settings settings, std::shared_ptr<client::RelayClient> relay, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_relay(std::move(relay))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{}

Runner::~Runner()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void Runner::start()
{
    if (m_thread)
        return;
    // The worker reports through queued calls on this object: they run on its thread, and
    // none arrives after the destructor (it waits for the worker, then the queue is dropped).
    m_thread = QThread::create([this, settings = m_settings, relay = m_relay, cancel = m_cancel] {
        Callbacks cb;
        cb.progress = [this](int done, int total, const QString &step) {
            QMetaObject::invokeMethod(
                this, [this, done, total, step] { emit progress(done, total, step); },
                Qt::QueuedConnection);
        };
        cb.result = [this](const Result &r) {
            QMetaObject::invokeMethod(
                this, [this, r] { emit resultReady(r); }, Qt::QueuedConnection);
        };
        cb.transcript = [this](const QString &l) {
            QMetaObject::invokeMethod(
                this, [this, l] { emit transcriptLine(l); }, Qt::QueuedConnection);
        };
        const Report report = run(settings, relay.get(), cancel, cb);
        QMetaObject::invokeMethod(
            this, [this, report] { emit finished(report); }, Qt::QueuedConnection);
    });
    m_thread->start();
}

void Runner::cancel()
{
    m_cancel->store(true);
}

bool Runner::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

} // namespace staffetta::probe
