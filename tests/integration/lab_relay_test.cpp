// The lab relay itself, driven by real clients: swaks, raw SMTP, fail2ban, staffettactl.
#include "api/api.h"
#include "api/info.h"

#include "lab_helpers.h"

#include <QDir>
#include <QTcpSocket>
#include <QUuid>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString bannedClient = u"127.0.0.2"_s;

QStringList swaksBase(const Lab &lab)
{
    return {u"--server"_s,  lab.value(u"LAB_SMTP_HOST"_s),
            u"--port"_s,    lab.value(u"LAB_SUBMISSION_PORT"_s),
            u"--timeout"_s, u"20"_s};
}

// Can `from` open a TCP connection to the submission port?
class LabRelay : public LabTest
{};

} // namespace

TEST_F(LabRelay, AuthenticatedSubmissionReachesTheBlackhole)
{
    const Lab &lab = Lab::get();
    const QString to = u"it-%1@%2"_s.arg(QUuid::createUuid().toString(QUuid::Id128),
                                         lab.value(u"LAB_BLACKHOLE_DOMAIN"_s));
    const auto out =
        run(u"swaks"_s,
            swaksBase(lab) << u"-tls"_s << u"--auth"_s << u"PLAIN"_s << u"--auth-user"_s << u"bob"_s
                           << u"--auth-password"_s << lab.accounts().value(u"bob"_s) << u"--from"_s
                           << u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s) << u"--to"_s << to);
    ASSERT_EQ(out.exitCode, 0) << out.out.toStdString();
    EXPECT_TRUE(out.out.contains("<~  250 2.0.0 Ok: queued as")) << out.out.toStdString();

    // smtp-sink dumps every message it receives as a file: the recipient must show up there.
    const QDir sink(lab.value(u"LAB_SINK_DIR"_s));
    const bool delivered = waitUntil(
        [&] {
            for (const QString &name : sink.entryList(QDir::Files)) {
                QFile f(sink.filePath(name));
                if (f.open(QIODevice::ReadOnly) && f.readAll().contains(to.toUtf8()))
                    return true;
            }
            return false;
        },
        30000);
    EXPECT_TRUE(delivered) << "no message for " << to.toStdString() << " in "
                           << sink.path().toStdString();
}

TEST_F(LabRelay, AuthWithoutTlsIsRefused)
{
    const Lab &lab = Lab::get();
    QTcpSocket s;
    s.connectToHost(lab.value(u"LAB_SMTP_HOST"_s), quint16(lab.port(u"LAB_SUBMISSION_PORT"_s)));
    ASSERT_TRUE(s.waitForConnected(5000));
    auto readReply = [&s] {
        QByteArray reply;
        while (s.waitForReadyRead(5000)) {
            reply += s.readAll();
            // The last line of a reply has a space after the code.
            const QList<QByteArray> lines = reply.trimmed().split('\n');
            if (!lines.isEmpty() && lines.last().size() >= 4 && lines.last().at(3) == ' ')
                break;
        }
        return reply;
    };
    EXPECT_TRUE(readReply().startsWith("220"));
    s.write("EHLO test.invalid\r\n");
    const QByteArray ehlo = readReply();
    EXPECT_TRUE(ehlo.startsWith("250")) << ehlo.toStdString();
    EXPECT_FALSE(ehlo.contains("AUTH")) << "AUTH offered before STARTTLS: " << ehlo.toStdString();
    s.write("AUTH PLAIN AGJvYgBib2Itc2VjcmV0\r\n"); // \0bob\0bob-secret
    const QByteArray auth = readReply();
    EXPECT_TRUE(auth.startsWith("530 5.7.0"))
        << "expected Must issue a STARTTLS command first: " << auth.toStdString();
    s.write("QUIT\r\n");
}

TEST_F(LabRelay, ThreeFailedLoginsBanTheClientVisiblyInInfo)
{
    const Lab &lab = Lab::get();
    const QString jail = lab.value(u"LAB_FAIL2BAN_JAIL"_s);
    unban(jail, bannedClient);
    ASSERT_FALSE(bannedIps(jail).contains(bannedClient));
    ASSERT_TRUE(canConnect(bannedClient));

    for (int i = 0; i < 3; ++i) {
        const auto out = run(
            u"swaks"_s, swaksBase(lab)
                            << u"--local-interface"_s << bannedClient << u"-tls"_s << u"--auth"_s
                            << u"PLAIN"_s << u"--auth-user"_s << u"alice"_s << u"--auth-password"_s
                            << u"wrong-password"_s << u"--quit-after"_s << u"AUTH"_s);
        EXPECT_TRUE(out.out.contains("535 5.7.8")) << out.out.toStdString();
    }
    const bool banned = waitUntil([&] { return bannedIps(jail).contains(bannedClient); }, 30000);
    EXPECT_TRUE(banned) << "fail2ban did not ban " << bannedClient.toStdString();
    // The ban is real: nftables rejects the address on the relay's ports (fail2ban lists the
    // ban a moment before its nftables action has run)...
    EXPECT_TRUE(waitUntil([] { return !canConnect(bannedClient); }, 10000));
    // ...but only that address.
    EXPECT_TRUE(canConnect(u"127.0.0.1"_s));

    unban(jail, bannedClient);
    EXPECT_TRUE(waitUntil([] { return canConnect(bannedClient); }, 10000));
}
