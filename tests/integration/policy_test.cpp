// staffettad through the lab relay, with a real SMTP client (swaks): one test per rule.
#include "api/api.h"
#include "api/info.h"

#include "lab_helpers.h"

#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QString domain(const char *key)
{
    return Lab::get().value(QString::fromLatin1(key));
}

QStringList externals(int from, int count)
{
    QStringList to;
    for (int i = from; i < from + count; ++i)
        to.append(u"q%1@%2"_s.arg(i).arg(domain("LAB_BLACKHOLE_DOMAIN")));
    return to;
}

class Policy : public LabTest
{};

} // namespace

TEST_F(Policy, AuthorizedSenderPassesUnauthorizedIs553)
{
    const QString local = domain("LAB_LOCAL_DOMAIN");
    const auto ok = send({u"bob"_s, u"bob@"_s + local, externals(9000, 1), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(ok, u"250 2.0.0 Ok: queued"_s)) << ok.out.toStdString();
    const auto no = send({u"bob"_s, u"carol@"_s + local, externals(9001, 1), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(no, u"553 5.7.1"_s)) << no.out.toStdString();
    EXPECT_FALSE(anyReplyStartsWith(no, u"250 2.0.0 Ok: queued"_s));
}

TEST_F(Policy, UnauthorizedSenderThreeTimesIsBanned)
{
    const Lab &lab = Lab::get();
    const QString jail = lab.value(u"LAB_SENDER_JAIL"_s);
    const QString client = lab.value(u"LAB_BANNED_CLIENT"_s);
    unban(jail, client);
    for (int i = 0; i < 3; ++i) {
        const auto out = send(
            {u"bob"_s, u"ceo-%1@elsewhere.example"_s.arg(i), externals(9100 + i, 1), {}, client});
        EXPECT_TRUE(anyReplyStartsWith(out, u"553 5.7.1"_s)) << out.out.toStdString();
    }
    EXPECT_TRUE(waitUntil([&] { return bannedIps(jail).contains(client); }, 30000))
        << "staffetta-sender did not ban " << client.toStdString();
    unban(jail, client);
}

TEST_F(Policy, BlacklistedSenderIs554WithTheEntrysMessage)
{
    const auto out =
        send({u"bob"_s, u"ceo@"_s + domain("LAB_LOCAL_DOMAIN"), externals(9200, 1), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(out, u"554 5.7.1"_s)) << out.out.toStdString();
    EXPECT_TRUE(out.out.contains("impersonation attempt")) << out.out.toStdString();
}

// Postfix asks no RCPT restriction for a bare `postmaster`: the sender is judged again at
// the end of the message, so a forged or blacklisted one is not queued to postmaster either.
TEST_F(Policy, ASenderToABarePostmasterIsStillJudged)
{
    const QString local = domain("LAB_LOCAL_DOMAIN");
    const auto forged = send({u"bob"_s, u"carol@"_s + local, {u"postmaster"_s}, {}, {}});
    EXPECT_TRUE(anyReplyWith(forged, u"553 5.7.1"_s, u"not authorized"_s))
        << forged.out.toStdString();
    EXPECT_FALSE(anyReplyStartsWith(forged, u"250 2.0.0 Ok: queued"_s)) << forged.out.toStdString();
    const auto blacklisted = send({u"bob"_s, u"ceo@"_s + local, {u"postmaster"_s}, {}, {}});
    EXPECT_TRUE(anyReplyWith(blacklisted, u"554 5.7.1"_s, u"blacklisted"_s))
        << blacklisted.out.toStdString();
    EXPECT_FALSE(anyReplyStartsWith(blacklisted, u"250 2.0.0 Ok: queued"_s));
    // bob's own sender still reaches postmaster.
    const auto own = send({u"bob"_s, u"bob@"_s + local, {u"postmaster"_s}, {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(own, u"250 2.0.0 Ok: queued"_s)) << own.out.toStdString();
}

TEST_F(Policy, TooManyRecipientsIs452)
{
    // carol may address at most 5 recipients per message.
    const auto out =
        send({u"carol"_s, u"carol@"_s + domain("LAB_LOCAL_DOMAIN"), externals(9300, 6), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(out, u"452 4.5.3"_s)) << out.out.toStdString();
}

TEST_F(Policy, TooBigIs552)
{
    // carol's messages may be at most 20000 bytes.
    QTemporaryDir dir;
    QFile big(dir.filePath(u"big.bin"_s));
    ASSERT_TRUE(big.open(QIODevice::WriteOnly));
    big.write(QByteArray(40000, 'x'));
    big.close();
    const auto out = send({u"carol"_s,
                           u"carol@"_s + domain("LAB_LOCAL_DOMAIN"),
                           externals(9400, 1),
                           {u"--attach-type"_s, u"application/octet-stream"_s, u"--attach"_s,
                            u"@"_s + big.fileName()},
                           {}});
    EXPECT_TRUE(anyReplyStartsWith(out, u"552 5.3.4"_s)) << out.out.toStdString();
}

// alice keeps the default policy: 300 external recipients a day. Local ones never count;
// a restart of staffettad keeps the count.
TEST_F(Policy, The301stExternalRecipientIsRefusedLocalStillPass)
{
    const QString alice = u"alice@"_s + domain("LAB_LOCAL_DOMAIN");
    for (int m = 0; m < 3; ++m) {
        QStringList to = externals(m * 100, 100);
        to.append(u"bob@"_s + domain("LAB_LOCAL_DOMAIN"));
        const auto out = send({u"alice"_s, alice, to, {}, {}});
        ASSERT_TRUE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s))
            << "message " << m << ": " << out.out.toStdString();
        ASSERT_FALSE(anyReplyStartsWith(out, u"450"_s)) << out.out.toStdString();
    }
    labCommand(u"policy-restart"_s);
    const auto over = send({u"alice"_s,
                            alice,
                            {externals(300, 1).first(), u"carol@"_s + domain("LAB_LOCAL_DOMAIN")},
                            {},
                            {}});
    // Postfix puts "<rcpt>: Recipient address rejected:" before a policy service's text.
    const QString expected = u"<%1> has exceeded 300 messages per 1 day"_s.arg(alice);
    EXPECT_TRUE(anyReplyStartsWith(over, u"450 4.7.1"_s)) << over.out.toStdString();
    EXPECT_TRUE(over.out.contains(expected.toUtf8())) << over.out.toStdString();
    // The local recipient of the same message is accepted, and so the message.
    EXPECT_TRUE(anyReplyStartsWith(over, u"250 2.0.0 Ok: queued"_s)) << over.out.toStdString();
}

TEST_F(Policy, WithoutStaffettadMailIsDeferredNeverAccepted)
{
    labCommand(u"policy-stop"_s);
    const auto out =
        send({u"bob"_s, u"bob@"_s + domain("LAB_LOCAL_DOMAIN"), externals(9500, 1), {}, {}});
    labCommand(u"policy-restart"_s);
    EXPECT_TRUE(anyReplyStartsWith(out, u"451 4.3.5"_s)) << out.out.toStdString();
    EXPECT_FALSE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s)) << out.out.toStdString();
    // Back up: the same message passes.
    const auto again =
        send({u"bob"_s, u"bob@"_s + domain("LAB_LOCAL_DOMAIN"), externals(9500, 1), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(again, u"250 2.0.0 Ok: queued"_s)) << again.out.toStdString();
}

TEST_F(Policy, InvalidPolicyFileIsRefusedAndTheOldOneStays)
{
    const Lab &lab = Lab::get();
    QFile file(lab.value(u"LAB_POLICY_FILE"_s));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray good = file.readAll();
    file.close();
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"schema_version": 1, "accounts": [{"login": "bob", "senders": ["*@"]}]})");
    file.close();
    QFile log(lab.value(u"LAB_STAFFETTAD_LOG"_s));
    EXPECT_TRUE(waitUntil(
        [&] {
            log.open(QIODevice::ReadOnly);
            const bool refused = log.readAll().contains("accounts[0].senders[0]");
            log.close();
            return refused;
        },
        10000))
        << "staffettad did not refuse the invalid file";
    const auto out =
        send({u"bob"_s, u"bob@"_s + domain("LAB_LOCAL_DOMAIN"), externals(9600, 1), {}, {}});
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(good);
    file.close();
    EXPECT_TRUE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s)) << out.out.toStdString();
}
