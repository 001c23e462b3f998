// The console's SSH transport against the lab relay's real sshd and staffettactl.
#include "client/relay_client.h"
#include "transport/ssh_transport.h"

#include "lab_helpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>

#include <atomic>
#include <csignal>

using namespace staffetta;
using namespace staffetta::test;
using namespace staffetta::transport;
using namespace Qt::Literals::StringLiterals;

namespace {

// "SHA256:..." of a public key file, as OpenSSH computes it.
QString fingerprintOf(const QString &publicKeyFile)
{
    const auto out = run(u"ssh-keygen"_s, {u"-l"_s, u"-E"_s, u"sha256"_s, u"-f"_s, publicKeyFile});
    return QString::fromUtf8(out.out).section(u' ', 1, 1);
}

QString newKey(const QTemporaryDir &dir, const QString &name, const QString &passphrase = {})
{
    const QString path = dir.filePath(name);
    run(u"ssh-keygen"_s, {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, passphrase, u"-f"_s, path});
    return path;
}

// A call to `e` is still waiting after a second; canceled, it ends within one more.
void expectACancelStopsItAtOnce(const SshEndpoint &e)
{
    SshTransport transport(e);
    auto cancel = makeCancelToken();
    auto future = transport.run({u"info"_s}, {}, cancel);
    ASSERT_FALSE(waitUntil([&] { return future.isFinished(); }, 1000)) << "nothing to wait for?";
    cancel->store(true);
    QElapsedTimer clock;
    clock.start();
    auto canceled = await(future, 5000);
    EXPECT_LT(clock.elapsed(), 1000);
    ASSERT_FALSE(canceled.ok());
    EXPECT_EQ(canceled.error().code, ErrorCode::Canceled) << canceled.error().message.toStdString();
}

class SshLab : public LabTest
{};

} // namespace

TEST_F(SshLab, KnownHostInfoReturnsThePostfixVersion)
{
    client::RelayClient client(std::make_shared<SshTransport>(labEndpoint(), SshCredentials{}));
    auto info = await(client.info());
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_EQ(info.value().postfixVersion, labPostfixVersion());
    EXPECT_FALSE(info.value().postfixVersion.isEmpty());
    EXPECT_EQ(info.value().apiVersion, 1);
    EXPECT_TRUE(info.value().queues.contains(u"deferred"_s));
    ASSERT_TRUE(info.value().fail2banAvailable) << info.value().fail2banError.toStdString();
    QStringList jails;
    for (const auto &j : info.value().jails)
        jails.append(j.name);
    jails.sort();
    QStringList expected{Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s),
                         Lab::get().value(u"LAB_SENDER_JAIL"_s)};
    expected.sort();
    EXPECT_EQ(jails, expected);
}

TEST_F(SshLab, ChangedHostKeyIsRefused)
{
    QTemporaryDir dir;
    const QString impostor = newKey(dir, u"impostor"_s);
    SshEndpoint e = labEndpoint();
    e.knownHostsFile = dir.filePath(u"known_hosts"_s);
    QFile kh(e.knownHostsFile);
    ASSERT_TRUE(kh.open(QIODevice::WriteOnly));
    QFile pub(impostor + u".pub"_s);
    ASSERT_TRUE(pub.open(QIODevice::ReadOnly));
    const QByteArray line = "[127.0.0.1]:" + QByteArray::number(e.port) + ' ' +
                            pub.readAll().split(' ').mid(0, 2).join(' ') + '\n';
    kh.write(line);
    kh.close();

    const QString realFingerprint = fingerprintOf(Lab::get().value(u"LAB_SSH_HOST_KEY_PUB"_s));
    // Even a user's "approval" of the new key does not override a changed key.
    auto r = SshTransport::runBlocking(e, SshCredentials{{}, realFingerprint}, {u"info"_s}, {},
                                       makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::HostKeyChanged) << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"fingerprint"_s).toString(), realFingerprint);
    EXPECT_TRUE(r.error().message.contains(u"changed"_s));
    // known_hosts is left as it was.
    ASSERT_TRUE(kh.open(QIODevice::ReadOnly));
    EXPECT_EQ(kh.readAll(), line);
}

TEST_F(SshLab, WrongKeyIsRefused)
{
    QTemporaryDir dir;
    SshEndpoint e = labEndpoint();
    e.keyFile = newKey(dir, u"stranger"_s);
    auto r = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::AuthFailed) << r.error().message.toStdString();
}

TEST_F(SshLab, EncryptedKeyAsksForItsPassphrase)
{
    QTemporaryDir dir;
    SshEndpoint e = labEndpoint();
    e.keyFile = newKey(dir, u"locked"_s, u"open sesame"_s);
    auto r = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::CredentialsNeeded);
    EXPECT_EQ(r.error().details.value(u"secret"_s).toString(), u"passphrase"_s);
    // With its passphrase the key is read; the relay does not know it, so: refused.
    auto withPassphrase = SshTransport::runBlocking(e, SshCredentials{u"open sesame"_s, {}},
                                                    {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(withPassphrase.ok());
    EXPECT_EQ(withPassphrase.error().code, ErrorCode::AuthFailed);
}

TEST_F(SshLab, UnknownHostIsAskedThenRemembered)
{
    QTemporaryDir dir;
    SshEndpoint e = labEndpoint();
    e.knownHostsFile = dir.filePath(u"ssh/known_hosts"_s); // does not exist yet
    const QString fingerprint = fingerprintOf(Lab::get().value(u"LAB_SSH_HOST_KEY_PUB"_s));
    ASSERT_TRUE(fingerprint.startsWith(u"SHA256:"_s));

    auto first = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().code, ErrorCode::HostKeyUnknown);
    EXPECT_EQ(first.error().details.value(u"fingerprint"_s).toString(), fingerprint);
    EXPECT_EQ(first.error().details.value(u"key_type"_s).toString(), u"ssh-ed25519"_s);
    EXPECT_FALSE(QFile::exists(e.knownHostsFile));

    // Approving some other fingerprint trusts nothing.
    auto other = SshTransport::runBlocking(e, SshCredentials{{}, u"SHA256:AAAA"_s}, {u"info"_s}, {},
                                           makeCancelToken());
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::HostKeyUnknown);

    auto approved = SshTransport::runBlocking(e, SshCredentials{{}, fingerprint}, {u"info"_s}, {},
                                              makeCancelToken());
    ASSERT_TRUE(approved.ok()) << approved.error().message.toStdString();
    EXPECT_EQ(approved.value().exitStatus, 0);
    ASSERT_TRUE(QFile::exists(e.knownHostsFile));

    auto again = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
}

TEST_F(SshLab, UnknownVerbComesBackAsTheRelaysError)
{
    client::RelayClient client(std::make_shared<SshTransport>(labEndpoint(), SshCredentials{}));
    auto r = await(client.call({u"frobnicate"_s}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::UnknownVerb);
}

TEST_F(SshLab, CancelStopsTheCall)
{
    SshTransport transport(labEndpoint(), {});
    auto cancel = makeCancelToken();
    auto future = transport.run({u"info"_s}, {}, cancel);
    cancel->store(true);
    auto r = await(future);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Canceled);
}

// A host that accepts the connection and never sends its SSH banner: the connect timeout ends
// the call (HostUnreachable, saying so), and a cancel ends it at once while it waits.
TEST(SshSilentHost, TheConnectTimeoutEndsItAndACancelStopsItWhileWaiting)
{
    QTcpServer silent; // the kernel accepts; nobody ever writes
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost));
    SshEndpoint e;
    e.host = u"127.0.0.1"_s;
    e.port = silent.serverPort();
    e.user = u"nobody"_s;
    e.connectTimeoutMs = 1000;
    auto r = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::HostUnreachable);
    EXPECT_TRUE(r.error().message.contains(u"no SSH answer within 1 s"_s))
        << r.error().message.toStdString();

    // Not the 60 s of the connect timeout: the connect itself sees the cancel.
    e.connectTimeoutMs = 60000;
    expectACancelStopsItAtOnce(e);
}

namespace {
// Between the console and the lab's sshd: passes everything until the client's NEWKEYS (the end
// of the key exchange, the last packet in clear), then swallows what the client sends. The
// relay has completed the connection and sent its host key, and never hears the login.
constexpr const char *StallAtLogin = R"py(
import socket, sys, threading
target = int(sys.argv[1])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
print(listener.getsockname()[1], flush=True)
def forward(src, dst):
    while (data := src.recv(65536)):
        dst.sendall(data)
def client_side(src, dst):
    buf = b""
    def need(n):
        nonlocal buf
        while len(buf) < n:
            data = src.recv(65536)
            if not data:
                raise EOFError
            buf += data
    try:
        while b"\n" not in buf:
            need(len(buf) + 1)
        banner, buf = buf.split(b"\n", 1)
        dst.sendall(banner + b"\n")
        while True:  # binary packets: uint32 length, padding length, message type
            need(6)
            size = 4 + int.from_bytes(buf[:4], "big")
            need(size)
            packet, buf = buf[:size], buf[size:]
            dst.sendall(packet)
            if packet[5] == 21:  # SSH_MSG_NEWKEYS
                break
        while src.recv(65536):
            pass
    except (EOFError, OSError):
        pass
while True:
    client, _ = listener.accept()
    server = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=forward, args=(server, client), daemon=True).start()
    threading.Thread(target=client_side, args=(client, server), daemon=True).start()
)py";

class SshSilentLogin : public LabTest
{
protected:
    void SetUp() override
    {
        LabTest::SetUp();
        if (HasFatalFailure())
            return;
        proxy.start(u"python3"_s, {u"-c"_s, QString::fromUtf8(StallAtLogin),
                                   QString::number(labEndpoint().port)});
        ASSERT_TRUE(proxy.waitForReadyRead(10000)) << proxy.readAllStandardError().toStdString();
        endpoint = labEndpoint();
        endpoint.port = quint16(proxy.readLine().trimmed().toUInt());
        ASSERT_NE(endpoint.port, 0);
        // The lab's host key, known under the proxy's port.
        endpoint.knownHostsFile = dir.filePath(u"known_hosts"_s);
        QFile pub(Lab::get().value(u"LAB_SSH_HOST_KEY_PUB"_s));
        QFile kh(endpoint.knownHostsFile);
        ASSERT_TRUE(pub.open(QIODevice::ReadOnly) && kh.open(QIODevice::WriteOnly));
        kh.write("[127.0.0.1]:" + QByteArray::number(endpoint.port) + ' ' +
                 pub.readAll().split(' ').mid(0, 2).join(' ') + '\n');
    }
    void TearDown() override
    {
        proxy.kill();
        proxy.waitForFinished();
    }

    QTemporaryDir dir;
    QProcess proxy;
    SshEndpoint endpoint;
};

} // namespace

// A relay that stops answering after the key exchange (the host key is checked, the login
// waits): the connect timeout ends the call saying so, and a cancel ends it at once.
TEST_F(SshSilentLogin, TheConnectTimeoutEndsTheLoginAndACancelStopsIt)
{
    endpoint.connectTimeoutMs = 1000;
    QElapsedTimer clock;
    clock.start();
    auto r = SshTransport::runBlocking(endpoint, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Timeout) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(u"login"_s)) << r.error().message.toStdString();
    EXPECT_LT(clock.elapsed(), 5000);

    // Not the 20 s of the connect timeout: the login itself sees the cancel.
    endpoint.connectTimeoutMs = 20000;
    expectACancelStopsItAtOnce(endpoint);
}

TEST_F(SshLab, AgentAuthenticationUsesTheAgentsKeys)
{
    QTemporaryDir dir;
    const QString socket = dir.filePath(u"agent.sock"_s);
    QProcess agent;
    agent.start(u"ssh-agent"_s, {u"-D"_s, u"-a"_s, socket});
    ASSERT_TRUE(agent.waitForStarted());
    ASSERT_TRUE(waitUntil([&] { return QFile::exists(socket); }, 5000));
    const QByteArray previous = qgetenv("SSH_AUTH_SOCK");
    qputenv("SSH_AUTH_SOCK", socket.toUtf8());

    SshEndpoint e = labEndpoint();
    e.auth = SshAuth::Agent;
    auto empty = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::AuthFailed) << empty.error().message.toStdString();

    const auto added =
        run(u"/usr/bin/env"_s, {u"SSH_AUTH_SOCK="_s + socket, u"ssh-add"_s, e.keyFile});
    ASSERT_EQ(added.exitCode, 0) << added.err.toStdString();
    auto withKey = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    EXPECT_TRUE(withKey.ok()) << withKey.error().message.toStdString();

    qputenv("SSH_AUTH_SOCK", previous);
    agent.kill();
    agent.waitForFinished();
}

TEST_F(SshLab, PasswordAuthenticationAsksThenReportsRefusal)
{
    SshEndpoint e = labEndpoint();
    e.auth = SshAuth::Password;
    auto none = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::CredentialsNeeded);
    EXPECT_EQ(none.error().details.value(u"secret"_s).toString(), u"password"_s);
    // The lab's sshd accepts keys only.
    auto wrong = SshTransport::runBlocking(e, SshCredentials{u"guess"_s, {}}, {u"info"_s}, {},
                                           makeCancelToken());
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::AuthFailed);
}

namespace {

// This process's TCP connections to the lab's sshd: local port -> the sshd processes serving it.
QMap<int, QList<qint64>> sshConnections()
{
    const int sshPort = Lab::get().port(u"LAB_SSH_PORT"_s);
    // Server side of each connection: "127.0.0.1:SSH 127.0.0.1:CLIENT users:(("sshd",pid=N..."
    const auto out = run(
        u"ss"_s, {u"-tnpH"_s, u"state"_s, u"established"_s, u"sport"_s, u"= :%1"_s.arg(sshPort)});
    const auto mine = run(
        u"ss"_s, {u"-tnpH"_s, u"state"_s, u"established"_s, u"dport"_s, u"= :%1"_s.arg(sshPort)});
    QSet<int> ours;
    const QString pid = u"pid=%1,"_s.arg(QCoreApplication::applicationPid());
    for (const QString &line : QString::fromUtf8(mine.out).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.contains(pid))
            ours.insert(line.simplified().section(u' ', 2, 2).section(u':', -1).toInt());
    }
    static const QRegularExpression sshdPid(u"\"sshd\",pid=(\\d+)"_s);
    QMap<int, QList<qint64>> connections;
    for (const QString &line : QString::fromUtf8(out.out).split(u'\n', Qt::SkipEmptyParts)) {
        const int clientPort = line.simplified().section(u' ', 3, 3).section(u':', -1).toInt();
        if (!ours.contains(clientPort))
            continue;
        QList<qint64> &pids = connections[clientPort];
        for (auto it = sshdPid.globalMatch(line); it.hasNext();)
            pids.append(it.next().captured(1).toLongLong());
    }
    return connections;
}

} // namespace

TEST_F(SshLab, ASessionIsReusedAndADroppedOneIsReplaced)
{
    // A known_hosts of its own: no session of another test can be reused here.
    QTemporaryDir dir;
    SshEndpoint e = labEndpoint();
    const QString knownHosts = dir.filePath(u"known_hosts"_s);
    ASSERT_TRUE(QFile::copy(e.knownHostsFile, knownHosts));
    e.knownHostsFile = knownHosts;
    const QMap<int, QList<qint64>> before = sshConnections();
    // Sessions are kept by the transport that opened them.
    SshTransport transport(e);
    const auto info = [&] {
        return await(transport.run({u"info"_s}, {}, makeCancelToken()));
    };

    auto first = info();
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    QMap<int, QList<qint64>> kept = sshConnections();
    for (int port : before.keys())
        kept.remove(port);
    ASSERT_EQ(kept.size(), 1) << "the session stays open after the call";
    ASSERT_FALSE(kept.first().isEmpty()) << "the sshd serving it is known";

    // The second call goes through the same connection: no new one is opened.
    auto second = info();
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    QMap<int, QList<qint64>> after = sshConnections();
    for (int port : before.keys())
        after.remove(port);
    EXPECT_EQ(after, kept);

    // The relay drops the idle session (its sshd dies): the next call opens a new one.
    for (qint64 pid : kept.first())
        ASSERT_EQ(::kill(pid_t(pid), SIGKILL), 0);
    ASSERT_TRUE(waitUntil([&] { return !sshConnections().contains(kept.firstKey()); }, 5000));
    auto third = info();
    ASSERT_TRUE(third.ok()) << third.error().message.toStdString();
    EXPECT_EQ(third.value().exitStatus, 0);
    QMap<int, QList<qint64>> replaced = sshConnections();
    for (int port : before.keys())
        replaced.remove(port);
    ASSERT_EQ(replaced.size(), 1);
    EXPECT_NE(replaced.firstKey(), kept.firstKey());
}

namespace {

// A relay that misbehaves: a second key for the lab's admin user, without the forced command, runs
// a script in place of staffettactl that writes without end (endless lines, one endless line,
// or endless stderr). The lab's authorized_keys is put back afterwards.
class SshLimits : public LabTest
{
protected:
    void SetUp() override
    {
        LabTest::SetUp();
        ASSERT_TRUE(dir.isValid());
        key = newKey(dir, u"unforced"_s);
        authorizedKeys = Lab::get().value(u"LAB_SSH_AUTHORIZED_KEYS"_s);
        QFile keys(authorizedKeys);
        ASSERT_TRUE(keys.open(QIODevice::ReadOnly)) << authorizedKeys.toStdString();
        original = keys.readAll();
        keys.close();
        QFile pub(key + u".pub"_s);
        ASSERT_TRUE(pub.open(QIODevice::ReadOnly));
        writeKeys(original + "restrict " + pub.readAll());

        script = dir.filePath(u"endless"_s);
        QFile f(script);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\n"
                "case \"$1\" in\n"
                "  lines) exec yes '{\"queue_id\": \"4BQ2Z1C3XF\", \"queue_name\": \"hold\"}' ;;\n"
                "  line) exec cat /dev/zero ;;\n"
                "  stderr) exec cat /dev/zero >&2 ;;\n"
                "esac\n");
        f.close();
        // The lab's console user (not root) runs it: readable and runnable by others.
        const auto runnable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                              QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                              QFile::ExeOther;
        f.setPermissions(runnable);
        QFile::setPermissions(dir.path(), runnable);
    }

    void TearDown() override
    {
        if (!original.isEmpty())
            writeKeys(original);
    }

    void writeKeys(const QByteArray &content)
    {
        QSaveFile f(authorizedKeys); // sshd reads either the old or the new file
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(content);
        ASSERT_TRUE(f.commit());
    }

    SshEndpoint misbehaving(const ResponseLimits &limits = {}) const
    {
        SshEndpoint e = labEndpoint();
        e.keyFile = key;
        e.remoteCommand = script;
        e.responseLimits = limits;
        e.commandTimeoutMs = 5000; // without limits it would run until this timeout
        return e;
    }

    QTemporaryDir dir;
    QString key, script, authorizedKeys;
    QByteArray original;
};

// The bytes read beyond a limit: at most one read of the transport (64 KiB).
constexpr qint64 kOneRead = 65536;

} // namespace

TEST_F(SshLimits, EndlessOutputStopsAtTheTotalLimit)
{
    ResponseLimits caps;
    caps.total = 8 * limits::MiB; // the default is 256 MiB: the same code, a faster test
    qint64 received = 0;
    auto r = SshTransport::runBlocking(misbehaving(caps), {}, {u"lines"_s}, {}, makeCancelToken(),
                                       [&](const QByteArray &chunk) { received += chunk.size(); });
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::ResponseTooLarge) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(u"8 MiB"_s)) << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), u"total"_s);
    EXPECT_LE(received, caps.total);
    EXPECT_GT(received, caps.total - kOneRead);
    EXPECT_LE(r.error().details.value(u"stdout_bytes"_s).toInteger(), caps.total + kOneRead);
}

TEST_F(SshLimits, AnEndlessLineStopsAtTheLineLimit)
{
    // The default limit: 16 MiB of a single line, not 256 MiB.
    auto r = SshTransport::runBlocking(misbehaving(), {}, {u"line"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::ResponseTooLarge) << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), u"line"_s);
    EXPECT_TRUE(r.error().message.contains(u"16 MiB"_s)) << r.error().message.toStdString();
    EXPECT_LE(r.error().details.value(u"stdout_bytes"_s).toInteger(),
              limits::MaxResponseLineBytes + kOneRead);
}

TEST_F(SshLimits, EndlessStderrStopsAtItsLimit)
{
    auto r = SshTransport::runBlocking(misbehaving(), {}, {u"stderr"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::ResponseTooLarge) << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"limit"_s).toString(), u"stderr"_s);
    EXPECT_LE(r.error().details.value(u"stderr_bytes"_s).toInteger(),
              limits::MaxStderrBytes + kOneRead);
}

TEST_F(SshLimits, AStreamedListingFromAnEndlessRelayFailsBounded)
{
    ResponseLimits caps;
    caps.total = 4 * limits::MiB;
    client::RelayClient client(std::make_shared<SshTransport>(misbehaving(caps), SshCredentials{}));
    std::atomic<qint64> lines = 0;
    auto r = await(client.stream({u"lines"_s}, {}, [&](const QJsonObject &) { ++lines; }));
    // Each line the script writes is this long, with its newline.
    const qint64 lineBytes =
        qint64(sizeof("{\"queue_id\": \"4BQ2Z1C3XF\", \"queue_name\": \"hold\"}"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::ResponseTooLarge) << r.error().message.toStdString();
    EXPECT_GT(lines.load(), 0);
    EXPECT_LE(lines.load() * lineBytes, caps.total);
}

TEST_F(SshLab, ARequestOverTheLimitIsNotSent)
{
    const QByteArray input(limits::MaxRequestBytes + 1, ' ');
    auto r = SshTransport::runBlocking(labEndpoint(), {}, {u"info"_s}, input, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::RequestTooLarge) << r.error().message.toStdString();
}
