// staffettad as a process: unix socket, SIGHUP reload, refusal to start on a bad policy, its
// listen backlog.
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>
#include <memory>
#include <vector>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// One RCPT request; `instance` names the message (Postfix's instance attribute).
QByteArray request(const QByteArray &sender, const QByteArray &instance = "t1")
{
    return "request=smtpd_access_policy\nprotocol_state=RCPT\nsasl_username=alice\nsender=" +
           sender + "\nrecipient=x@ext.example\nclient_address=192.0.2.7\ninstance=" + instance +
           "\n\n";
}

class Daemon : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        writeFile(u"staffetta.conf"_s,
                  u"[policy]\nfile=%1\n[state]\ndir=%2\n[staffettad]\nlisten=unix:%3\nlog=%4\n"_s
                      .arg(path(u"policy.json"_s), path(u"state"_s), path(u"policy.sock"_s),
                           path(u"staffettad.log"_s))
                      .toUtf8());
        process.setProcessEnvironment([this] {
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(u"STAFFETTA_CONF"_s, path(u"staffetta.conf"_s));
            return env;
        }());
    }
    void TearDown() override
    {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGCONT); // a test may have stopped it
            process.terminate();
            process.waitForFinished(5000);
        }
    }
    QString path(const QString &name) const { return dir.filePath(name); }
    void writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(path(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }
    // Starts staffettad and waits until its log says it listens on `on` (inet: or unix:).
    bool startedListening(const QByteArray &on)
    {
        process.start(qEnvironmentVariable("STAFFETTAD"), {});
        return process.waitForStarted() &&
               waitUntil([&] { return log().contains("listening on " + on); }, 10000);
    }
    QByteArray log() const
    {
        QFile f(path(u"staffettad.log"_s));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QByteArray ask(const QByteArray &sender)
    {
        QLocalSocket s;
        s.connectToServer(path(u"policy.sock"_s));
        EXPECT_TRUE(s.waitForConnected(5000)) << s.errorString().toStdString();
        s.write(request(sender));
        QByteArray answer;
        while (!answer.endsWith("\n\n") && s.waitForReadyRead(5000))
            answer += s.readAll();
        return answer;
    }

    QTemporaryDir dir;
    QProcess process;
};

const QByteArray policy = R"({"schema_version": 1, "local_domains": ["lab.test"],
  "accounts": [{"login": "alice", "senders": ["alice@lab.test"]}]})";

} // namespace

TEST_F(Daemon, ServesOnAUnixSocketAndReloadsOnSighup)
{
    writeFile(u"policy.json"_s, policy);
    process.start(qEnvironmentVariable("STAFFETTAD"), {});
    ASSERT_TRUE(process.waitForStarted());
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(path(u"policy.sock"_s)); }, 10000))
        << log().toStdString();

    EXPECT_EQ(ask("alice@lab.test"), "action=DUNNO\n\n");
    EXPECT_TRUE(ask("bob@lab.test").startsWith("action=553 5.7.1 <bob@lab.test>"));
    // The state database is where the config says.
    EXPECT_TRUE(QFile::exists(path(u"state/state.sqlite"_s)));

    EXPECT_EQ(log().count("policy loaded"), 1);
    ::kill(pid_t(process.processId()), SIGHUP);
    EXPECT_TRUE(waitUntil([&] { return log().count("policy loaded") == 2; }, 5000))
        << log().toStdString();

    process.terminate();
    ASSERT_TRUE(process.waitForFinished(5000));
    EXPECT_EQ(process.exitCode(), 0);
    EXPECT_TRUE(log().contains("stopping"));
}

TEST_F(Daemon, RefusesToStartWithoutAValidPolicy)
{
    writeFile(u"policy.json"_s,
              R"({"schema_version": 1, "accounts": [{"login": "alice", "senders": ["*@"]}]})");
    process.start(qEnvironmentVariable("STAFFETTAD"), {});
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_NE(process.exitCode(), 0);
    EXPECT_TRUE(log().contains("accounts[0].senders[0]")) << log().toStdString();
    EXPECT_FALSE(QFile::exists(path(u"policy.sock"_s)));
}

TEST_F(Daemon, ARollbackRepairsATornPolicyFileItRefused)
{
    writeFile(u"policy.json"_s, policy);
    const auto ctl = [this](const QStringList &args) {
        return run(u"env"_s, QStringList{u"STAFFETTA_CONF="_s + path(u"staffetta.conf"_s),
                                         qEnvironmentVariable("STAFFETTACTL")} +
                                 args + QStringList{u"--json"_s});
    };
    ASSERT_EQ(ctl({u"policy"_s, u"get"_s}).exitCode, 0); // revision 1
    writeFile(u"policy.json"_s, policy.left(60));        // torn
    process.start(qEnvironmentVariable("STAFFETTAD"), {});
    ASSERT_TRUE(process.waitForFinished(10000));
    ASSERT_NE(process.exitCode(), 0) << "staffettad started on a torn policy file";

    const auto rolledBack = ctl({u"policy"_s, u"rollback"_s, u"1"_s});
    ASSERT_EQ(rolledBack.exitCode, 0)
        << rolledBack.out.toStdString() << rolledBack.err.toStdString();
    EXPECT_TRUE(rolledBack.out.contains("\"replaced_broken_live_file\""))
        << rolledBack.out.toStdString();

    process.start(qEnvironmentVariable("STAFFETTAD"), {});
    ASSERT_TRUE(process.waitForStarted());
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(path(u"policy.sock"_s)); }, 10000))
        << log().toStdString();
    EXPECT_EQ(ask("alice@lab.test"), "action=DUNNO\n\n");
}

// Hardening item 7: idle connections are closed, and past max_connections new ones are
// refused at once (1,057 idle connections used to exhaust the file limit: all mail 451).
TEST_F(Daemon, ClosesIdleConnectionsAndCapsTheirNumber)
{
    writeFile(u"staffetta.conf"_s,
              u"[policy]\nfile=%1\n[state]\ndir=%2\n[staffettad]\nlisten=unix:%3\nlog=%4\n"
              "max_connections=3\nidle_timeout=2\n"_s
                  .arg(path(u"policy.json"_s), path(u"state"_s), path(u"policy.sock"_s),
                       path(u"staffettad.log"_s))
                  .toUtf8());
    writeFile(u"policy.json"_s, policy);
    process.start(qEnvironmentVariable("STAFFETTAD"), {});
    ASSERT_TRUE(process.waitForStarted());
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(path(u"policy.sock"_s)); }, 10000))
        << log().toStdString();

    std::vector<std::unique_ptr<QLocalSocket>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<QLocalSocket>());
        idle.back()->connectToServer(path(u"policy.sock"_s));
        ASSERT_TRUE(idle.back()->waitForConnected(3000));
    }
    // The fourth is closed by the server without an answer.
    QLocalSocket extra;
    extra.connectToServer(path(u"policy.sock"_s));
    ASSERT_TRUE(extra.waitForConnected(3000));
    EXPECT_TRUE(waitUntil([&] { return extra.state() == QLocalSocket::UnconnectedState; }, 5000));
    EXPECT_TRUE(log().contains("connection refused: 3 connections open (max_connections)"))
        << log().toStdString();
    // After the idle timeout the server closes the idle ones, and new clients are served.
    EXPECT_TRUE(waitUntil(
        [&] {
            for (const auto &s : idle) {
                if (s->state() != QLocalSocket::UnconnectedState)
                    return false;
            }
            return true;
        },
        10000));
    EXPECT_EQ(ask("alice@lab.test"), "action=DUNNO\n\n");
}

// Issue 43: Postfix runs up to 100 smtpd processes, and all of them reconnect at once after
// staffettad restarts. With Qt's default listen backlog of 50 the kernel dropped the SYNs
// past it (TCP retries them a second later) and held unix connects back. Here staffettad is
// stopped (SIGSTOP), so it accepts nothing: a connection completes only if its listen
// backlog has room for it. Then it runs again and must answer every one of them.
template<typename Socket> using Sockets = std::vector<std::unique_ptr<Socket>>;

template<typename Socket> qsizetype connectedCount(const Sockets<Socket> &sockets)
{
    return std::count_if(sockets.cbegin(), sockets.cend(),
                         [](const auto &s) { return s->state() == Socket::ConnectedState; });
}

template<typename Socket, typename Connect> Sockets<Socket> burst(int count, Connect connectOne)
{
    Sockets<Socket> sockets;
    for (int i = 0; i < count; ++i) {
        sockets.push_back(std::make_unique<Socket>());
        connectOne(*sockets.back());
    }
    // A dropped SYN is retried after 1 s and dropped again (nothing is accepted): 3 s is
    // plenty for every connection the backlog holds, and no wait completes the others.
    waitUntil([&] { return connectedCount(sockets) == qsizetype(sockets.size()); }, 3000);
    return sockets;
}

// Sends one request (a message of its own) on each connection; how many got their answer.
template<typename Socket> qsizetype answered(const Sockets<Socket> &sockets)
{
    std::vector<QByteArray> answers(sockets.size());
    for (size_t i = 0; i < sockets.size(); ++i) {
        if (sockets[i]->state() == Socket::ConnectedState)
            sockets[i]->write(
                request("alice@lab.test", "burst" + QByteArray::number(qulonglong(i))));
    }
    const auto done = [&] {
        qsizetype n = 0;
        for (size_t i = 0; i < sockets.size(); ++i) {
            if (sockets[i]->isOpen())
                answers[i] += sockets[i]->readAll();
            n += answers[i] == "action=DUNNO\n\n";
        }
        return n;
    };
    waitUntil([&] { return done() == qsizetype(sockets.size()); }, 10000);
    return done();
}

constexpr int Burst = 256;

TEST_F(Daemon, ItsTcpListenerAndQuotaChannelHoldABurstOfConnections)
{
    QTcpServer probe; // a free loopback port
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    writeFile(u"staffetta.conf"_s,
              u"[policy]\nfile=%1\n[state]\ndir=%2\n[staffettad]\nlisten=inet:127.0.0.1:%3\n"
              "log=%4\nquota_commit=milter\nquota_socket=%5\n"_s
                  .arg(path(u"policy.json"_s), path(u"state"_s), QString::number(port),
                       path(u"staffettad.log"_s), path(u"quota.sock"_s))
                  .toUtf8());
    writeFile(u"policy.json"_s, policy);
    ASSERT_TRUE(startedListening("inet:")) << log().toStdString();

    ::kill(pid_t(process.processId()), SIGSTOP);
    const auto tcp = burst<QTcpSocket>(
        Burst, [&](QTcpSocket &s) { s.connectToHost(QHostAddress::LocalHost, port); });
    const auto quota = burst<QLocalSocket>(
        Burst, [&](QLocalSocket &s) { s.connectToServer(path(u"quota.sock"_s)); });
    EXPECT_EQ(connectedCount(tcp), Burst);
    EXPECT_EQ(connectedCount(quota), Burst);
    ::kill(pid_t(process.processId()), SIGCONT);
    EXPECT_EQ(answered(tcp), Burst) << log().toStdString();
}

TEST_F(Daemon, ItsUnixListenerHoldsABurstOfConnections)
{
    writeFile(u"policy.json"_s, policy);
    ASSERT_TRUE(startedListening("unix:")) << log().toStdString();

    ::kill(pid_t(process.processId()), SIGSTOP);
    const auto local = burst<QLocalSocket>(
        Burst, [&](QLocalSocket &s) { s.connectToServer(path(u"policy.sock"_s)); });
    EXPECT_EQ(connectedCount(local), Burst);
    ::kill(pid_t(process.processId()), SIGCONT);
    EXPECT_EQ(answered(local), Burst) << log().toStdString();
}
