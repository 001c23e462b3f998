// `staffettactl reputation check`, the real program, against a hostile resolver
// (tests/integration/hostile_dns.py, UDP and TCP on one loopback port) named by the
// [reputation] section of a staffetta.conf of its own (no lab needed): truncated answers whose
// TCP fallback never comes, or comes after the check's deadline, end the check in time with a
// timeout result; an answer about another name, or with another transaction id or question,
// is never a listing. Every run is bounded here: a check that hangs fails its test.
#include "api/api.h"
#include "api/reputation.h"
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The hostile resolver in one of its modes (see hostile_dns.py), for the test's life.
class HostileDns
{
public:
    explicit HostileDns(const QString &mode, const QString &delay = {})
    {
        QStringList args{qEnvironmentVariable("STAFFETTA_SOURCE_DIR") +
                             u"/tests/integration/hostile_dns.py"_s,
                         mode};
        if (!delay.isEmpty())
            args.append(delay);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(u"python3"_s, args);
        EXPECT_TRUE(m_process.waitForStarted(10000));
        EXPECT_TRUE(waitUntil(
            [&] {
                m_process.waitForReadyRead(100);
                return m_process.canReadLine();
            },
            15000));
        port = m_process.readLine().trimmed().toInt();
        EXPECT_GT(port, 0) << "hostile_dns.py printed no port";
    }
    ~HostileDns()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    int port = 0;

private:
    QProcess m_process;
};

struct Checked
{
    int exitCode = -1;
    qint64 elapsedMs = 0;
    api::ReputationReport report;
    QByteArray output;
};

class ReputationDns : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_FALSE(qEnvironmentVariable("STAFFETTACTL").isEmpty())
            << "STAFFETTACTL names the staffettactl binary";
        ASSERT_FALSE(qEnvironmentVariable("STAFFETTA_SOURCE_DIR").isEmpty());
    }
    // `staffettactl reputation check --json` as root with a staffetta.conf whose resolver is
    // `port`, killed after `boundMs` (a hang is a failure, never a stuck suite).
    Checked check(int port, const QByteArray &reputation, const QStringList &publicIps, int boundMs)
    {
        QDir().mkpath(m_dir.filePath(u"state"_s));
        write(u"policy.json"_s,
              R"({"schema_version": 1, "local_domains": ["lab.test"],)"
              R"( "accounts": [{"login": "alice", "senders": ["alice@lab.test"]}]})");
        write(u"staffetta.conf"_s,
              u"[policy]\nfile=%1\n[state]\ndir=%2\n"
              u"[reputation]\nresolver=127.0.0.1:%3\npublic_ips=%4\n"_s
                      .arg(m_dir.filePath(u"policy.json"_s), m_dir.filePath(u"state"_s))
                      .arg(port)
                      .arg(publicIps.join(u' '))
                      .toUtf8() +
                  reputation +
                  "[reputation.list.zen]\nzone=zen.example\nkind=ip\n"
                  "listed=127.0.0.2-127.0.0.11\n");
        Checked c;
        QElapsedTimer clock;
        clock.start();
        auto out = runProcess(u"env"_s,
                              {u"STAFFETTA_CONF="_s + m_dir.filePath(u"staffetta.conf"_s),
                               qEnvironmentVariable("STAFFETTACTL"), u"reputation"_s, u"check"_s,
                               u"--json"_s},
                              {}, boundMs);
        c.elapsedMs = clock.elapsed();
        if (!out) {
            ADD_FAILURE() << "staffettactl reputation check: " << out.error().message.toStdString();
            return c;
        }
        c.exitCode = out.value().exitCode;
        c.output = out.value().out + out.value().err;
        auto parsed = api::parseResponse(out.value().out, out.value().err, c.exitCode);
        EXPECT_TRUE(parsed.ok()) << c.output.toStdString();
        if (!parsed)
            return c;
        auto report = api::ReputationReport::fromJson(parsed.value());
        EXPECT_TRUE(report.ok()) << c.output.toStdString();
        if (report)
            c.report = report.value();
        return c;
    }
    static QList<api::ReputationResult> results(const Checked &c)
    {
        QList<api::ReputationResult> out;
        for (const auto &t : c.report.targets) {
            if (t.kind == u"ip"_s)
                out += t.results;
        }
        return out;
    }
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

private:
    QTemporaryDir m_dir;
};

// TC over UDP, then a TCP connection that is accepted and never answered: glibc's res_send
// waited in read() forever. Now the TCP wait has the query's timeout (2 s; two tries).
TEST_F(ReputationDns, ATruncatedAnswerWhoseTcpFallbackNeverComesIsATimeout)
{
    HostileDns dns(u"tc-silent"_s);
    const Checked c = check(dns.port, "timeout=2\n", {u"127.0.0.2"_s}, 30000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    EXPECT_LT(c.elapsedMs, 15000);
    const auto r = results(c);
    ASSERT_EQ(r.size(), 1);
    EXPECT_EQ(r[0].status, u"error"_s);
    EXPECT_TRUE(r[0].detail.startsWith(u"timeout: "_s)) << r[0].detail.toStdString();
    EXPECT_TRUE(r[0].detail.contains(u"TCP"_s)) << r[0].detail.toStdString();
}

// The TCP answer comes (a listing) but 30 s late, past the whole check's deadline of 3 s:
// the check ends at its deadline, the query in flight is a timeout, and the targets after it
// are not asked. (Before: 30 s a query, the late answer read as a listing.)
TEST_F(ReputationDns, ATcpAnswerLaterThanTheDeadlineEndsTheCheckAtItsDeadline)
{
    HostileDns dns(u"tc-slow"_s, u"30"_s);
    const Checked c = check(dns.port, "timeout=10\ndeadline=3\n",
                            {u"127.0.0.2"_s, u"127.0.0.3"_s, u"127.0.0.4"_s}, 25000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    EXPECT_LT(c.elapsedMs, 10000);
    const auto r = results(c);
    ASSERT_EQ(r.size(), 3);
    for (const auto &x : r) {
        EXPECT_EQ(x.status, u"error"_s) << x.detail.toStdString();
        EXPECT_TRUE(x.answers.isEmpty());
    }
    EXPECT_TRUE(r[0].detail.startsWith(u"timeout: the check's deadline passed"_s))
        << r[0].detail.toStdString();
    EXPECT_TRUE(r[2].detail.startsWith(u"not asked: the check's deadline (3 s)"_s))
        << r[2].detail.toStdString();
}

// The right id and question, but the A record (127.0.0.2, a listing code) is evil.example's:
// read before as a listing of 2.0.0.127.zen.example (a false listing and its alert).
TEST_F(ReputationDns, AnAnswerAboutAnotherNameIsNeverAListing)
{
    HostileDns dns(u"wrong-owner"_s);
    const Checked c = check(dns.port, "timeout=2\n", {u"127.0.0.2"_s}, 30000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    const auto r = results(c);
    ASSERT_EQ(r.size(), 1);
    EXPECT_NE(r[0].status, u"listed"_s);
    EXPECT_EQ(r[0].status, u"error"_s);
    EXPECT_TRUE(r[0].answers.isEmpty());
    EXPECT_TRUE(r[0].detail.contains(u"evil.example"_s)) << r[0].detail.toStdString();
    EXPECT_TRUE(c.report.newListings.isEmpty());
}

// A listing with another transaction id, then the right answer (NXDOMAIN): the first is
// dropped, the second read.
TEST_F(ReputationDns, AnAnswerWithAnotherTransactionIdIsIgnored)
{
    HostileDns dns(u"wrong-id"_s);
    const Checked c = check(dns.port, "timeout=2\n", {u"127.0.0.2"_s}, 30000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    const auto r = results(c);
    ASSERT_EQ(r.size(), 1);
    EXPECT_EQ(r[0].status, u"clear"_s) << r[0].detail.toStdString();
}

// The right id, but a question (and a listing) about evil.example, then the right answer.
TEST_F(ReputationDns, AnAnswerToAnotherQuestionIsIgnored)
{
    HostileDns dns(u"wrong-question"_s);
    const Checked c = check(dns.port, "timeout=2\n", {u"127.0.0.2"_s}, 30000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    const auto r = results(c);
    ASSERT_EQ(r.size(), 1);
    EXPECT_EQ(r[0].status, u"clear"_s) << r[0].detail.toStdString();
}

// A CNAME chain is followed link by link: the address of the name it ends at counts.
TEST_F(ReputationDns, ACnameChainIsFollowedToItsAddress)
{
    HostileDns dns(u"cname"_s);
    const Checked c = check(dns.port, "timeout=2\n", {u"127.0.0.2"_s}, 30000);
    ASSERT_EQ(c.exitCode, 0) << c.output.toStdString();
    const auto r = results(c);
    ASSERT_EQ(r.size(), 1);
    EXPECT_EQ(r[0].status, u"listed"_s) << r[0].detail.toStdString();
    EXPECT_EQ(r[0].answers, QStringList{u"127.0.0.2"_s});
}

} // namespace
