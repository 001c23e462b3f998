// The console's SSH transport against the lab relay's real sshd and staffettactl.
#include "client/relay_client.h"
#include "transport/ssh_transport.h"

#include "lab_helpers.h"

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

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

    auto first = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    QMap<int, QList<qint64>> kept = sshConnections();
    for (int port : before.keys())
        kept.remove(port);
    ASSERT_EQ(kept.size(), 1) << "the session stays open after the call";
    ASSERT_FALSE(kept.first().isEmpty()) << "the sshd serving it is known";

    // The second call goes through the same connection: no new one is opened.
    auto second = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    QMap<int, QList<qint64>> after = sshConnections();
    for (int port : before.keys())
        after.remove(port);
    EXPECT_EQ(after, kept);

    // The relay drops the idle session (its sshd dies): the next call opens a new one.
    for (qint64 pid : kept.first())
        ASSERT_EQ(::kill(pid_t(pid), SIGKILL), 0);
    ASSERT_TRUE(waitUntil([&] { return !sshConnections().contains(kept.firstKey()); }, 5000));
    auto third = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_TRUE(third.ok()) << third.error().message.toStdString();
    EXPECT_EQ(third.value().exitStatus, 0);
    QMap<int, QList<qint64>> replaced = sshConnections();
    for (int port : before.keys())
        replaced.remove(port);
    ASSERT_EQ(replaced.size(), 1);
    EXPECT_NE(replaced.firstKey(), kept.firstKey());
}
