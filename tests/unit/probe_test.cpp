// Test deliveries as units: the policy's test domains (validated, free of quota, but counted
// for max_recipients and routed out when a table may redirect them), the MIME builder's
// exact sizes and sample attachments, the EHLO parser, the report's JSON and HTML; a run
// against a server that never greets ends at the step's timeout or the run's time limit.
#include "engine_rig.h"
#include "policy/diff.h"
#include "policy/engine.h"
#include "policy/policy.h"
#include "policy/routing.h"
#include "probe/probe.h"
#include "smtp/mime.h"
#include "smtp/smtp_client.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::policy;
using namespace Qt::Literals::StringLiterals;

namespace {

Policy withTestDomain(const QByteArray &testDomains = R"([{"domain": "Blackhole.Example"}])")
{
    auto p = Policy::fromJson(R"({"schema_version": 1, "local_domains": ["lab.test"],
        "test_domains": )" + testDomains +
                              R"(,
        "limits": {"daily_quota": 1, "max_recipients": 3},
        "accounts": [{"login": "alice", "senders": ["alice@lab.test"]}]})");
    EXPECT_TRUE(p.ok()) << (p ? "" : p.error().message.toStdString());
    return p ? p.value() : Policy{};
}

QStringList problems(const QByteArray &testDomains)
{
    auto p = Policy::fromJson(R"({"schema_version": 1, "local_domains": ["lab.test"],
        "test_domains": )" + testDomains +
                              "}");
    QStringList out;
    if (!p) {
        for (const auto &e : p.error().details.value(u"errors"_s).toArray())
            out.append(e.toObject().value(u"path"_s).toString());
    }
    return out;
}

Request rcpt(const QString &to, const QByteArray &instance)
{
    Request r;
    r.state = "RCPT";
    r.login = u"alice"_s;
    r.sender = u"alice@lab.test"_s;
    r.recipient = to;
    r.client = u"192.0.2.7"_s;
    r.instance = instance;
    return r;
}

} // namespace

TEST(TestDomains, AreValidatedWithTheirPaths)
{
    const Policy p = withTestDomain(R"([{"domain": "Blackhole.Example", "addresses": 300}])");
    ASSERT_EQ(p.testDomains.size(), 1);
    EXPECT_EQ(p.testDomains[0].domain, u"blackhole.example"_s);
    EXPECT_EQ(p.testDomains[0].address(7), u"test007@blackhole.example"_s);
    // Written and read again: the same.
    auto again = Policy::fromJsonObject(p.toJsonObject());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value().testDomains[0].addresses, 300);
    EXPECT_FALSE(withTestDomain("[]").toJsonObject().contains(u"test_domains"_s));

    EXPECT_EQ(problems(R"("blackhole.example")"), QStringList{u"test_domains"_s});
    EXPECT_EQ(problems(R"([{"domain": "a@b.example"}])"), QStringList{u"test_domains[0].domain"_s});
    EXPECT_EQ(problems(R"([{"domain": "lab.test"}])"), QStringList{u"test_domains[0].domain"_s});
    EXPECT_EQ(problems(R"([{"domain": "x.example"}, {"domain": "X.example"}])"),
              QStringList{u"test_domains[1].domain"_s});
    EXPECT_EQ(problems(R"([{"domain": "x.example", "addresses": 1000}])"),
              QStringList{u"test_domains[0].addresses"_s});
    EXPECT_EQ(problems(R"([{"domain": "x.example", "count": 3}])"),
              QStringList{u"test_domains[0].count"_s});
}

TEST(TestDomains, OnlyTheNumberedAddressesAreTestAddresses)
{
    const Policy p = withTestDomain(R"([{"domain": "blackhole.example", "addresses": 300}])");
    for (const QString &yes : {u"test001@blackhole.example"_s, u"TEST300@Blackhole.Example"_s})
        EXPECT_EQ(route(yes, p, nullptr), Route::Test) << yes.toStdString();
    for (const QString &no :
         {u"test000@blackhole.example"_s, u"test301@blackhole.example"_s,
          u"test1@blackhole.example"_s, u"test001x@blackhole.example"_s,
          u"victim@blackhole.example"_s, u"test001@other.example"_s,
          u"test001%victim.example@blackhole.example"_s, u"test-01@blackhole.example"_s})
        EXPECT_EQ(route(no, p, nullptr), Route::External) << no.toStdString();
    // A virtual table that sends a test address elsewhere makes it external again.
    LocalDelivery d;
    d.known = true;
    d.domains = {u"lab.test"_s};
    d.leavingAddresses = {u"test002@blackhole.example"_s};
    EXPECT_EQ(route(u"test001@blackhole.example"_s, p, &d), Route::Test);
    EXPECT_EQ(route(u"test002@blackhole.example"_s, p, &d), Route::External);
    d.everythingLeaves = true;
    EXPECT_EQ(route(u"test001@blackhole.example"_s, p, &d), Route::External);
}

TEST(TestDomains, AreNeverChargedButCountForMaxRecipients)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(std::make_shared<const Policy>(withTestDomain()));
    const QDateTime now = QDateTime::currentDateTime();
    // Quota 1, three test recipients: all pass, the fourth is over max_recipients.
    for (int n = 1; n <= 3; ++n)
        EXPECT_EQ(
            e.evaluate(rcpt(u"test%1@blackhole.example"_s.arg(n, 3, 10, QChar(u'0')), "m1"), now)
                .action,
            "DUNNO");
    EXPECT_TRUE(
        e.evaluate(rcpt(u"test004@blackhole.example"_s, "m1"), now).action.startsWith("452 4.5.3"));
    Request eom = rcpt({}, "m1");
    eom.state = "END-OF-MESSAGE";
    eom.recipientCount = 3;
    EXPECT_EQ(e.evaluate(eom, now).action, "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, now), 0);
    // Every rule still applies: an unauthorized sender is refused at a test address.
    Request spoofed = rcpt(u"test001@blackhole.example"_s, "m2");
    spoofed.sender = u"ceo@lab.test"_s;
    EXPECT_TRUE(e.evaluate(spoofed, now).action.startsWith("553 5.7.1"));
    // The quota is still whole for real mail.
    EXPECT_EQ(e.evaluate(rcpt(u"someone@blackhole.example"_s, "m3"), now).action, "DUNNO");
}

TEST(Mime, BuildsMessagesOfTheExactSize)
{
    smtp::TestMessage m;
    m.from = u"alice@lab.test"_s;
    m.to = {u"test001@blackhole.example"_s};
    m.subject = u"size"_s;
    m.text = u"hello"_s;
    const qint64 plain = smtp::buildMessage(m).size();
    for (qint64 target : {plain, plain + 1, plain + 2, plain + 77, plain + 78, plain + 79,
                          qint64(20000), qint64(1'000'003)}) {
        m.targetSize = target;
        const QByteArray bytes = smtp::buildMessage(m);
        EXPECT_EQ(bytes.size(), target);
        // Every line ends in CRLF and is within RFC 5322's 998 characters.
        for (const QByteArray &line : bytes.split('\n'))
            EXPECT_LE(line.size(), 999);
        EXPECT_TRUE(bytes.endsWith("\r\n")) << target;
    }
    m.attachments.append({u"x.zip"_s, "application/zip", smtp::sampleZip()});
    m.targetSize = 30000;
    const QByteArray withZip = smtp::buildMessage(m);
    EXPECT_EQ(withZip.size(), 30000);
    EXPECT_TRUE(withZip.contains("filename=\"x.zip\""));
    EXPECT_TRUE(withZip.contains("Message-ID: <staffetta-probe."));
}

TEST(Mime, SampleAttachmentsAreWhatTheyClaim)
{
    const QByteArray zip = smtp::sampleZip();
    EXPECT_TRUE(zip.startsWith("PK\x03\x04"));
    EXPECT_TRUE(zip.contains("PK\x05\x06"));
    // unzip agrees: one entry, its CRC right.
    QTemporaryDir dir;
    QFile f(dir.filePath(u"x.zip"_s));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(zip);
    f.close();
    const auto out =
        test::run(u"python3"_s, {u"-c"_s,
                                 u"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); "
                                 u"print(z.testzip(), z.read('probe.txt'))"_s,
                                 f.fileName()});
    EXPECT_EQ(out.out.trimmed(), "None b'Staffetta probe\\n'") << out.err.toStdString();
    EXPECT_TRUE(smtp::samplePdf().startsWith("%PDF-1."));
}

TEST(Smtp, EhloCapabilitiesAreParsed)
{
    smtp::Reply ehlo;
    ehlo.code = 250;
    ehlo.lines = {u"relay.lab.test"_s, u"PIPELINING"_s,       u"SIZE 10240000"_s,
                  u"STARTTLS"_s,       u"auth plain LOGIN"_s, u"ENHANCEDSTATUSCODES"_s};
    const auto c = smtp::Capabilities::parse(ehlo);
    EXPECT_EQ(c.size, 10240000);
    EXPECT_TRUE(c.startTls);
    EXPECT_EQ(c.authMechanisms, (QStringList{u"PLAIN"_s, u"LOGIN"_s}));
    EXPECT_TRUE(c.has(u"PIPELINING"_s));
    EXPECT_FALSE(smtp::isSafeAddress(u"a@b>\r\nRCPT TO:<x@y"_s));
    EXPECT_FALSE(smtp::isSafeAddress(u"no-at-sign"_s));
    EXPECT_TRUE(smtp::isSafeAddress(u"alice@lab.test"_s));
}

TEST(ProbeReport, JsonAndHtmlNameEveryResultAndEscape)
{
    probe::Report r;
    r.host = u"relay<1>"_s;
    r.login = u"alice"_s;
    r.sender = u"alice@lab.test"_s;
    probe::Result a;
    a.kind = probe::Kind::Recipients;
    a.outcome = probe::Outcome::Finding;
    a.observed = u"<script>"_s;
    r.results = {a};
    const QJsonObject o = r.toJson();
    EXPECT_EQ(o.value(u"results"_s).toArray().first().toObject().value(u"outcome"_s).toString(),
              u"finding"_s);
    const QString html = r.toHtml();
    EXPECT_TRUE(html.contains(u"&lt;script&gt;"_s));
    EXPECT_FALSE(html.contains(u"<script>"_s));
    EXPECT_TRUE(html.contains(u"relay&lt;1&gt;"_s));
    EXPECT_TRUE(html.contains(probe::kindTitle(probe::Kind::Recipients)));
    for (probe::Kind k : probe::AllKinds)
        EXPECT_EQ(probe::kindFromName(probe::kindName(k)), k);
}

TEST(TestDomains, AreARelayWideChangeThatAMergeKeeps)
{
    const Policy without = withTestDomain("[]");
    const Policy with = withTestDomain(R"([{"domain": "blackhole.example", "addresses": 300}])");
    const QList<Change> changes = diff(without, with);
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes[0].path(), u"test_domains"_s);
    EXPECT_EQ(changes[0].text(), u"+ test_domains: blackhole.example"_s);
    // Only an admin may make it: it is no account's.
    EXPECT_TRUE(reach(changes).relayWide);
    // Replayed onto another revision, and a merge of someone else's change keeps it.
    const Rebased onto = rebase(without, changes);
    EXPECT_TRUE(onto.conflicts.isEmpty());
    ASSERT_EQ(onto.policy.testDomains.size(), 1);
    EXPECT_EQ(onto.policy.testDomains[0].addresses, 300);
    Policy other = with;
    other.limits.maxRecipients = 9;
    EXPECT_EQ(rebase(other, {}).policy.testDomains.size(), 1);
}

namespace {

// A server that takes connections (the kernel does, from the listen queue) and never says a
// word: the probes run with known expectations and no relay connection.
probe::Report runAgainstSilence(int commandTimeoutMs, int timeLimitMs)
{
    QTcpServer silent;
    EXPECT_TRUE(silent.listen(QHostAddress::LocalHost));
    probe::Settings s;
    s.host = u"127.0.0.1"_s;
    s.port = silent.serverPort();
    s.login = u"alice"_s;
    s.password = u"unused"_s;
    s.sender = u"alice@lab.test"_s;
    s.commandTimeoutMs = commandTimeoutMs;
    s.timeLimitMs = timeLimitMs;
    probe::Expectations e;
    e.testDomain = u"blackhole.example"_s;
    e.testAddresses = 10;
    s.expectations = e;
    return probe::run(s, nullptr, std::make_shared<std::atomic_bool>(false));
}

TEST(ProbeTimeouts, AServerThatNeverGreetsEndsTheRunAtTheFirstStepsTimeout)
{
    QElapsedTimer clock;
    clock.start();
    const probe::Report r = runAgainstSilence(1000, 600000);
    EXPECT_LT(clock.elapsed(), 6000); // 1 s, then QUIT's second; not 6 probes of it
    ASSERT_EQ(r.results.size(), 6);
    EXPECT_EQ(r.results[0].outcome, probe::Outcome::Fail);
    EXPECT_EQ(r.results[0].observed, u"No banner: The server did not answer within 1 s."_s);
    for (qsizetype i = 1; i < r.results.size(); ++i) {
        EXPECT_EQ(r.results[i].outcome, probe::Outcome::Fail);
        EXPECT_EQ(r.results[i].observed,
                  u"Not run: The relay stopped answering: The server did not answer within 1 s."_s);
    }
    EXPECT_EQ(r.stopped, u"The relay stopped answering: The server did not answer within 1 s."_s);
    EXPECT_EQ(r.toJson().value(u"stopped"_s).toString(), r.stopped);
}

TEST(ProbeTimeouts, TheRunsTimeLimitCutsAStepShort)
{
    QElapsedTimer clock;
    clock.start();
    const probe::Report r = runAgainstSilence(30000, 1000);
    EXPECT_LT(clock.elapsed(), 6000); // not the step's 30 s
    ASSERT_EQ(r.results.size(), 6);
    EXPECT_EQ(r.results[0].observed, u"No banner: The test delivery's time limit was reached."_s);
    EXPECT_EQ(r.results[5].observed,
              u"Not run: The test delivery's time limit of 1 s was reached."_s);
    EXPECT_EQ(r.stopped, u"The test delivery's time limit of 1 s was reached."_s);
}

} // namespace
