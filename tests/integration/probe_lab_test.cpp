// The test-delivery probes (core/probe) against the lab relay, through its real submission
// ports and its real policy: one full run shared by several assertions, then two more in a
// row (no ban), a port with AUTH before STARTTLS, and a cancel mid-run. And staffetta-probe
// against an SMTP server that stops answering (tests/integration/stalling_smtp.py; the relay's
// policy still from the lab over SSH): it ends with its timeout, never waits on.
#include "lab_helpers.h"
#include "probe/probe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace staffetta::test {
namespace {

using namespace Qt::Literals::StringLiterals;
using probe::Kind;
using probe::Outcome;

// The probing desktop: a loopback address of its own for each run of these tests, so that
// fail2ban's jails (127.0.0.1 is whitelisted in the lab) really count what the probes do,
// apart from the ban tests' 127.0.0.2 and from an earlier run's failures (kept 10 minutes).
const QString Desktop = u"127.0.%1.%2"_s.arg(QRandomGenerator::global()->bounded(1, 250))
                            .arg(QRandomGenerator::global()->bounded(1, 250));
constexpr int MaxRecipients = 7;
constexpr qint64 Limit = 20000;

class ProbeLab : public LabTest
{
protected:
    static void SetUpTestSuite()
    {
        guardDir = new QTemporaryDir;
        // An account of its own (its messages stay out of the lab accounts' counts and
        // alerts): max_recipients 7, max_message_size 20000, the lab's attachment allow list.
        account = new LabAccount(addAccount(
            u"probe"_s, {{u"max_recipients"_s, MaxRecipients}, {u"max_message_size"_s, Limit}}));
        usageBefore = quotaUsed(account->login);
        first = new probe::Report(runAll(true));
    }
    static void TearDownTestSuite()
    {
        removeAccount(account->login);
        delete account;
        delete first;
        delete guardDir;
    }

    static probe::Settings settings(quint16 port = 0)
    {
        const Lab &lab = Lab::get();
        probe::Settings s;
        s.host = lab.value(u"LAB_SMTP_HOST"_s);
        s.port = port ? port : quint16(lab.port(u"LAB_SUBMISSION_PORT"_s));
        s.localAddress = QHostAddress(Desktop);
        s.login = account->login;
        s.password = account->password;
        s.sender = account->sender;
        s.guardFile = guardDir->filePath(u"guard.json"_s);
        return s;
    }

    static probe::Report runAll(bool unauthorized)
    {
        probe::Settings s = settings();
        s.tryUnauthorizedSender = unauthorized;
        client::RelayClient relay = clientAs();
        return probe::run(s, &relay, std::make_shared<std::atomic_bool>(false));
    }

    static const probe::Result &result(const probe::Report &r, Kind k)
    {
        static const probe::Result none;
        const probe::Result *found = r.result(k);
        EXPECT_NE(found, nullptr) << probe::kindName(k).toStdString();
        return found ? *found : none;
    }

    static int code(const probe::Result &r, const QString &key)
    {
        return r.data.value(key).toObject().value(u"code"_s).toInt();
    }

    static inline QTemporaryDir *guardDir = nullptr;
    static inline LabAccount *account = nullptr;
    static inline probe::Report *first = nullptr;
    static inline int usageBefore = -1;
};

// `staffettactl info` names the test domain and its addresses, in JSON and in words.
TEST_F(ProbeLab, InfoNamesTheTestDomainAndItsAddresses)
{
    const api::RelayInfo info = localInfo();
    ASSERT_EQ(info.testDomains.size(), 1);
    EXPECT_EQ(info.testDomains[0].domain, labValue("LAB_BLACKHOLE_DOMAIN"));
    EXPECT_EQ(info.testDomains[0].addresses, 300);
    const auto text = run(u"/usr/bin/env"_s, {u"STAFFETTA_CONF="_s + labValue("LAB_STAFFETTA_CONF"),
                                              qEnvironmentVariable("STAFFETTACTL"), u"info"_s});
    const QString domain = labValue("LAB_BLACKHOLE_DOMAIN");
    EXPECT_TRUE(
        QString::fromUtf8(text.out).contains(u"test001@"_s + domain + u" … test300@"_s + domain))
        << text.out.toStdString();
}

TEST_F(ProbeLab, ConnectionReportsTlsAndRefusedAuthBeforeStartTls)
{
    ASSERT_TRUE(first->error.isEmpty()) << first->error.toStdString();
    const probe::Result &c = result(*first, Kind::Connection);
    EXPECT_EQ(c.outcome, Outcome::Pass) << c.observed.toStdString();
    EXPECT_EQ(code(c, u"auth_before_tls"_s), 530); // "Must issue a STARTTLS command first"
    const QJsonObject tls = c.data.value(u"tls"_s).toObject();
    EXPECT_TRUE(tls.value(u"protocol"_s).toString().startsWith(u"TLSv1."_s));
    EXPECT_EQ(tls.value(u"sha256"_s).toString().size(), 32 * 3 - 1);
    EXPECT_TRUE(tls.value(u"subject"_s).toString().contains(u"relay.lab.test"_s));
    EXPECT_GT(c.data.value(u"certificate_days_left"_s).toInt(), 30);
    const QStringList mechs = c.data.value(u"auth_mechanisms"_s).toVariant().toStringList();
    EXPECT_TRUE(mechs.contains(u"PLAIN"_s) && mechs.contains(u"LOGIN"_s));
    // The secret never reaches the transcript; the masked AUTH does.
    const QString transcript = first->transcript.join(u'\n');
    EXPECT_FALSE(transcript.contains(account->password));
    const QByteArray plain = '\0' + account->login.toUtf8() + '\0' + account->password.toUtf8();
    EXPECT_FALSE(transcript.contains(QString::fromLatin1(plain.toBase64())));
    EXPECT_TRUE(transcript.contains(u"C: AUTH PLAIN ********"_s));
}

TEST_F(ProbeLab, SenderPassesAndOneUnauthorizedSenderGets553)
{
    const probe::Result &s = result(*first, Kind::Sender);
    EXPECT_EQ(s.outcome, Outcome::Pass) << s.observed.toStdString();
    EXPECT_EQ(code(s, u"authorized"_s), 250);
    EXPECT_EQ(code(s, u"unauthorized"_s), 553);
    EXPECT_FALSE(bannedIps(labValue("LAB_SENDER_JAIL")).contains(Desktop));
    EXPECT_TRUE(canConnect(Desktop));
}

TEST_F(ProbeLab, RecipientsProbeFindsTheAccountsLimit)
{
    const probe::Result &r = result(*first, Kind::Recipients);
    EXPECT_EQ(r.outcome, Outcome::Pass) << r.observed.toStdString();
    EXPECT_EQ(r.data.value(u"accepted"_s).toInt(), MaxRecipients);
    EXPECT_EQ(code(r, u"refused"_s), 452);
    EXPECT_EQ(r.data.value(u"refused"_s).toObject().value(u"enhanced"_s).toString(), u"4.5.3"_s);
}

TEST_F(ProbeLab, SizeProbeFindsTheLimitWithinOneKilobyte)
{
    const probe::Result &r = result(*first, Kind::Size);
    EXPECT_EQ(r.outcome, Outcome::Pass) << r.observed.toStdString();
    const qint64 lo = r.data.value(u"largest_accepted"_s).toInteger();
    const qint64 hi = r.data.value(u"first_refused"_s).toInteger();
    EXPECT_GT(lo, 0);
    EXPECT_LE(hi - lo, 1024);
    EXPECT_LE(lo, Limit);
    EXPECT_GE(hi, Limit - 1024);
    EXPECT_LE(hi, Limit + 1024);
    EXPECT_EQ(r.data.value(u"advertised"_s).toInteger(), 10240000);
    EXPECT_EQ(code(r, u"first_refused_reply"_s), 552);
}

TEST_F(ProbeLab, AttachmentProbeReportsTheMiltersNotice)
{
    const probe::Result &r = result(*first, Kind::Attachments);
    EXPECT_EQ(r.outcome, Outcome::Pass) << r.observed.toStdString();
    EXPECT_EQ(code(r, u"allowed"_s), 250);
    EXPECT_EQ(code(r, u"forbidden"_s), 554);
    // The milter's notice names the refused file.
    EXPECT_TRUE(r.data.value(u"forbidden"_s)
                    .toObject()
                    .value(u"text"_s)
                    .toString()
                    .contains(u"\"staffetta-probe.zip\""_s));
    EXPECT_TRUE(r.notes.join(u' ').contains(u"staffetta-probe.zip"_s));
}

TEST_F(ProbeLab, DeliveryIsConfirmedAtTheSink)
{
    const probe::Result &r = result(*first, Kind::Delivery);
    EXPECT_EQ(r.outcome, Outcome::Pass) << r.observed.toStdString();
    EXPECT_EQ(r.data.value(u"status"_s).toString(), u"sent"_s);
    EXPECT_GE(r.data.value(u"seconds"_s).toDouble(-1), 0.0);
    // The sink really has it: smtp-sink dumps each message it received as a file.
    const QString id = r.data.value(u"message_id"_s).toString();
    bool atSink = false;
    waitUntil(
        [&] {
            const QDir sink(labValue("LAB_SINK_DIR"));
            for (const QString &f : sink.entryList(QDir::Files, QDir::Time)) {
                if (readFile(sink.filePath(f)).contains(id.toUtf8()))
                    return atSink = true;
            }
            return false;
        },
        10000);
    EXPECT_TRUE(atSink) << id.toStdString();
}

TEST_F(ProbeLab, QuotaUsageDoesNotMoveAndThreeRunsInARowBanNothing)
{
    // The shared run delivered messages to test addresses: none was charged.
    EXPECT_EQ(usageBefore, 0);
    EXPECT_EQ(quotaUsed(account->login), usageBefore);
    // Two more full runs, each asking for the unauthorized sender: the guard tries none.
    for (int i = 0; i < 2; ++i) {
        const probe::Report again = runAll(true);
        const probe::Result &s = result(again, Kind::Sender);
        EXPECT_EQ(s.outcome, Outcome::Pass) << s.observed.toStdString();
        EXPECT_TRUE(s.data.value(u"unauthorized_skipped"_s).toBool());
        EXPECT_FALSE(s.data.contains(u"unauthorized"_s));
        EXPECT_EQ(result(again, Kind::Delivery).outcome, Outcome::Pass);
    }
    EXPECT_EQ(quotaUsed(account->login), usageBefore);
    for (const char *jail : {"LAB_SENDER_JAIL", "LAB_FAIL2BAN_JAIL"})
        EXPECT_FALSE(bannedIps(labValue(jail)).contains(Desktop)) << jail;
    EXPECT_TRUE(canConnect(Desktop));

    // The guard is what keeps the ban away: without it, the two runs' attempts make three,
    // and the relay bans the desktop.
    for (int i = 0; i < 2; ++i) {
        probe::Settings s = settings();
        s.probes = {Kind::Sender};
        s.tryUnauthorizedSender = true;
        s.guardFile.clear();
        client::RelayClient relay = clientAs();
        const probe::Report r = probe::run(s, &relay, std::make_shared<std::atomic_bool>(false));
        EXPECT_EQ(code(result(r, Kind::Sender), u"unauthorized"_s), 553);
    }
    const QString jail = labValue("LAB_SENDER_JAIL");
    EXPECT_TRUE(waitUntil([&] { return bannedIps(jail).contains(Desktop); }, 15000));
    // fail2ban lists the ban, then its nftables action runs.
    EXPECT_TRUE(waitUntil([&] { return !canConnect(Desktop); }, 10000));
    unban(jail, Desktop);
    EXPECT_TRUE(waitUntil([&] { return canConnect(Desktop); }, 10000));
}

TEST_F(ProbeLab, AuthBeforeStartTlsIsAFinding)
{
    probe::Settings s = settings(quint16(Lab::get().port(u"LAB_SUBMISSION_AUTHPLAIN_PORT"_s)));
    s.probes = {Kind::Connection};
    client::RelayClient relay = clientAs();
    const probe::Report r = probe::run(s, &relay, std::make_shared<std::atomic_bool>(false));
    const probe::Result &c = result(r, Kind::Connection);
    EXPECT_EQ(c.outcome, Outcome::Finding) << c.observed.toStdString();
    EXPECT_EQ(code(c, u"auth_before_tls"_s), 334);
    EXPECT_EQ(c.data.value(u"findings"_s).toArray().size(), 2);
    // Nothing secret was sent in clear: the exchange was cancelled with "*".
    const qsizetype at = r.transcript.indexOf(u"C: AUTH PLAIN"_s);
    ASSERT_GE(at, 0);
    EXPECT_EQ(r.transcript.value(at + 2), u"C: *"_s);
}

TEST_F(ProbeLab, CancelMidRunLeavesNoOpenConnection)
{
    const quint16 port = quint16(Lab::get().port(u"LAB_SUBMISSION_PORT"_s));
    // The probe's side of its sessions: from the desktop's address to the submission port.
    auto established = [port] {
        const auto out =
            run(u"ss"_s, {u"-Htn"_s, u"state"_s, u"established"_s, u"("_s, u"dport"_s, u"="_s,
                          u":"_s + QString::number(port), u"and"_s, u"src"_s, Desktop, u")"_s});
        EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
        return QString::fromUtf8(out.out).trimmed();
    };
    probe::Settings s = settings();
    s.probes = {Kind::Recipients, Kind::Size, Kind::Delivery};
    probe::Runner runner(s, std::make_shared<client::RelayClient>(clientAs()));
    bool sessionOpen = false, finished = false;
    probe::Report report;
    QObject::connect(&runner, &probe::Runner::transcriptLine, [&](const QString &l) {
        if (l.startsWith(u"S: 235"_s))
            sessionOpen = true;
    });
    QObject::connect(&runner, &probe::Runner::finished, [&](const probe::Report &r) {
        report = r;
        finished = true;
    });
    runner.start();
    ASSERT_TRUE(waitUntil([&] { return sessionOpen; }, 20000));
    EXPECT_FALSE(established().isEmpty()) << "the probe's session is not seen by ss";
    runner.cancel();
    ASSERT_TRUE(waitUntil([&] { return finished; }, 5000));
    EXPECT_TRUE(report.cancelled);
    EXPECT_LT(report.results.size(), 3);
    EXPECT_TRUE(established().isEmpty()) << established().toStdString();
}

// staffetta-probe: the same probes headless, the password on stdin, the report as JSON.
TEST_F(ProbeLab, TheHeadlessProgramPrintsTheJsonReport)
{
    const Lab &lab = Lab::get();
    const QString program = qEnvironmentVariable("STAFFETTA_PROBE");
    ASSERT_FALSE(program.isEmpty()) << "STAFFETTA_PROBE names the staffetta-probe binary";
    QTemporaryDir home;
    const auto out = run(u"/usr/bin/env"_s,
                         {u"HOME="_s + home.path(),
                          u"XDG_DATA_HOME="_s + home.path(),
                          program,
                          u"--host"_s,
                          lab.value(u"LAB_SMTP_HOST"_s),
                          u"--port"_s,
                          lab.value(u"LAB_SUBMISSION_PORT"_s),
                          u"--login"_s,
                          account->login,
                          u"--sender"_s,
                          account->sender,
                          u"--probes"_s,
                          u"connection,recipients,delivery"_s,
                          u"--password-stdin"_s,
                          u"--from-address"_s,
                          Desktop,
                          u"--ssh-host"_s,
                          lab.value(u"LAB_SMTP_HOST"_s),
                          u"--ssh-port"_s,
                          lab.value(u"LAB_SSH_PORT"_s),
                          u"--ssh-user"_s,
                          lab.value(u"LAB_SSH_USER"_s),
                          u"--ssh-key"_s,
                          lab.value(u"LAB_SSH_KEY"_s),
                          u"--known-hosts"_s,
                          lab.value(u"LAB_SSH_KNOWN_HOSTS"_s)},
                         account->password.toUtf8() + '\n');
    EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
    const QJsonObject report = QJsonDocument::fromJson(out.out).object();
    const QJsonArray results = report.value(u"results"_s).toArray();
    ASSERT_EQ(results.size(), 3) << out.out.toStdString();
    QStringList probes;
    for (const QJsonValue &r : results) {
        probes.append(r[u"probe"_s].toString());
        EXPECT_EQ(r[u"outcome"_s].toString(), u"pass"_s)
            << r[u"observed"_s].toString().toStdString();
    }
    EXPECT_EQ(probes, (QStringList{u"connection"_s, u"recipients"_s, u"delivery"_s}));
    EXPECT_EQ(results[1][u"data"_s][u"accepted"_s].toInt(), MaxRecipients);
    EXPECT_FALSE(out.out.contains(account->password.toUtf8()));
    EXPECT_FALSE(out.err.contains(account->password.toUtf8()));
}

// An SMTP server that stops answering, in one of its modes (stalling_smtp.py), and
// staffetta-probe run against it with the lab's SSH for the policy.
class ProbeStalledRelay : public LabTest
{
protected:
    struct Run
    {
        int exitCode = -1;
        qint64 elapsedMs = 0;
        QString err;
        QJsonObject report;
    };
    // staffetta-probe with `args` against a server in `mode`, killed after `boundMs` (a probe
    // that waits on fails the test instead of holding the suite).
    static Run probeAgainst(const QString &mode, const QString &delay, const QStringList &args,
                            int boundMs)
    {
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        server.start(u"python3"_s, {qEnvironmentVariable("STAFFETTA_SOURCE_DIR") +
                                        u"/tests/integration/stalling_smtp.py"_s,
                                    mode, delay});
        EXPECT_TRUE(server.waitForStarted(10000));
        EXPECT_TRUE(waitUntil(
            [&] {
                server.waitForReadyRead(100);
                return server.canReadLine();
            },
            15000));
        const QString port = QString::fromLatin1(server.readLine().trimmed());
        EXPECT_GT(port.toInt(), 0) << "stalling_smtp.py printed no port";
        const Lab &lab = Lab::get();
        QTemporaryDir home;
        const QString domain = lab.value(u"LAB_LOCAL_DOMAIN"_s);
        Run r;
        QElapsedTimer clock;
        clock.start();
        auto out = runProcess(u"/usr/bin/env"_s,
                              QStringList{u"HOME="_s + home.path(),
                                          u"XDG_DATA_HOME="_s + home.path(),
                                          u"STAFFETTA_PROBE_PASSWORD=not-sent"_s,
                                          qEnvironmentVariable("STAFFETTA_PROBE"),
                                          u"--host"_s,
                                          u"127.0.0.1"_s,
                                          u"--port"_s,
                                          port,
                                          u"--login"_s,
                                          u"bob"_s,
                                          u"--sender"_s,
                                          u"bob@"_s + domain,
                                          u"--ssh-host"_s,
                                          lab.value(u"LAB_SMTP_HOST"_s),
                                          u"--ssh-port"_s,
                                          lab.value(u"LAB_SSH_PORT"_s),
                                          u"--ssh-user"_s,
                                          lab.value(u"LAB_SSH_USER"_s),
                                          u"--ssh-key"_s,
                                          lab.value(u"LAB_SSH_KEY"_s),
                                          u"--known-hosts"_s,
                                          lab.value(u"LAB_SSH_KNOWN_HOSTS"_s)} +
                                  args,
                              {}, boundMs);
        r.elapsedMs = clock.elapsed();
        server.kill();
        server.waitForFinished(5000);
        if (!out) {
            ADD_FAILURE() << "staffetta-probe: " << out.error().message.toStdString();
            return r;
        }
        r.exitCode = out.value().exitCode;
        r.err = QString::fromUtf8(out.value().err);
        r.report = QJsonDocument::fromJson(out.value().out).object();
        return r;
    }
    static QStringList observed(const Run &r)
    {
        QStringList out;
        for (const QJsonValue &x : r.report.value(u"results"_s).toArray())
            out.append(x[u"observed"_s].toString());
        return out;
    }
};

// A server that takes the connection and never greets, with the default timeouts: the
// connection probe fails on the banner's 30 s and the other probes are not run (each waited
// its own 30 s before: more than three minutes in all).
TEST_F(ProbeStalledRelay, AServerThatNeverGreetsEndsTheRunAtTheBannersTimeout)
{
    const Run r = probeAgainst(u"silent"_s, {}, {}, 90000);
    EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
    EXPECT_LT(r.elapsedMs, 70000);
    EXPECT_TRUE(r.err.contains(
        u"staffetta-probe: The relay stopped answering: The server did not answer within 30 s."_s))
        << r.err.toStdString();
    const QStringList o = observed(r);
    ASSERT_EQ(o.size(), 6) << QJsonDocument(r.report).toJson().toStdString();
    EXPECT_EQ(o[0], u"No banner: The server did not answer within 30 s."_s);
    for (qsizetype i = 1; i < o.size(); ++i)
        EXPECT_TRUE(o[i].startsWith(u"Not run: The relay stopped answering"_s))
            << o[i].toStdString();
    EXPECT_EQ(r.report.value(u"stopped"_s).toString(),
              u"The relay stopped answering: The server did not answer within 30 s."_s);
}

// Banner and EHLO, then silence: the step's timeout (--step-timeout 3) ends the session and
// the run.
TEST_F(ProbeStalledRelay, AServerThatFallsSilentMidSessionEndsTheRunAtTheStepsTimeout)
{
    const Run r = probeAgainst(u"mute"_s, {}, {u"--step-timeout"_s, u"3"_s}, 60000);
    EXPECT_EQ(r.exitCode, 2) << r.err.toStdString();
    EXPECT_LT(r.elapsedMs, 30000);
    EXPECT_TRUE(
        r.err.contains(u"The relay stopped answering: The server did not answer within 3 s."_s))
        << r.err.toStdString();
    const QStringList o = observed(r);
    ASSERT_EQ(o.size(), 6) << QJsonDocument(r.report).toJson().toStdString();
    EXPECT_EQ(o[0], u"The server did not answer within 3 s."_s); // AUTH before STARTTLS
    EXPECT_TRUE(o[5].startsWith(u"Not run: "_s)) << o[5].toStdString();
}

// Every reply 8 s late, each within the step's 10 s: the whole run's limit (--timeout 15)
// ends it.
TEST_F(ProbeStalledRelay, AServerThatAnswersSlowlyEndsTheRunAtItsTimeLimit)
{
    const Run r = probeAgainst(u"slow"_s, u"8"_s,
                               {u"--step-timeout"_s, u"10"_s, u"--timeout"_s, u"15"_s}, 60000);
    EXPECT_NE(r.exitCode, 0) << r.err.toStdString();
    EXPECT_LT(r.elapsedMs, 25000);
    EXPECT_TRUE(r.err.contains(u"The test delivery's time limit of 15 s was reached."_s))
        << r.err.toStdString();
    for (const QString &o : observed(r))
        EXPECT_TRUE(o.contains(u"time limit"_s)) << o.toStdString();
}

} // namespace
} // namespace staffetta::test
