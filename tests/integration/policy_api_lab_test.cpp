// The policy API over SSH against the lab relay, through the console's own client, with the
// effect checked by real mail (swaks through the lab's submission port).
#include "client/policy_client.h"
#include "client/relay_client.h"
#include "policy/store.h"

#include "lab_helpers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QString local(const QString &user)
{
    return user + u'@' + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s);
}

QStringList external(const QString &tag)
{
    return {u"%1@%2"_s.arg(tag, Lab::get().value(u"LAB_BLACKHOLE_DOMAIN"_s))};
}

policy::Account &accountIn(policy::Policy &p, const QString &login)
{
    for (auto &a : p.accounts) {
        if (a.login == login)
            return a;
    }
    ADD_FAILURE() << "no account " << login.toStdString();
    return p.accounts.first();
}

QByteArray livePolicyBytes()
{
    QFile f(Lab::get().value(u"LAB_POLICY_FILE"_s));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every test starts from the lab's policy and puts it back afterwards.
class PolicyApiLab : public LabTest
{
protected:
    void SetUp() override
    {
        LabTest::SetUp();
        auto got = await(client::policyGet(admin));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
    }
    void TearDown() override
    {
        auto now = await(client::policyGet(admin));
        ASSERT_TRUE(now.ok());
        auto restored = await(
            client::policyApply(admin, now.value().revision, original.policy, u"test cleanup"_s));
        ASSERT_TRUE(restored.ok()) << restored.error().message.toStdString();
    }

    Result<client::ApplyResult> applyEdit(client::RelayClient &c,
                                          const std::function<void(policy::Policy &)> &edit)
    {
        auto got = await(client::policyGet(c));
        if (!got)
            return got.error();
        policy::Policy p = got.value().policy;
        edit(p);
        p.reindex();
        return await(client::policyApply(c, got.value().revision, p));
    }

    client::RelayClient admin = clientAs();
    client::PolicySnapshot original;
};

} // namespace

TEST_F(PolicyApiLab, AnAppliedSenderPassesAndARemovedOneIsRefused)
{
    const Send mail{u"bob"_s, u"news@bob-news.example"_s, external(u"api-sender"_s), {}, {}};
    const auto before = send(mail);
    EXPECT_TRUE(anyReplyStartsWith(before, u"553 5.7.1"_s)) << before.out.toStdString();

    auto added = applyEdit(admin, [](policy::Policy &p) {
        accountIn(p, u"bob"_s)
            .senders.append(*policy::SenderPattern::parse(u"news@bob-news.example"_s));
    });
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_EQ(added.value().revision, original.revision + 1);
    EXPECT_TRUE(added.value().reloaded) << added.value().reloadMessage.toStdString();
    const auto passes = send(mail);
    EXPECT_TRUE(anyReplyStartsWith(passes, u"250 2.0.0 Ok: queued"_s)) << passes.out.toStdString();

    auto removed = applyEdit(admin, [](policy::Policy &p) {
        accountIn(p, u"bob"_s).senders.removeIf([](const auto &s) {
            return s.text() == u"news@bob-news.example"_s;
        });
    });
    ASSERT_TRUE(removed.ok()) << removed.error().message.toStdString();
    const auto refused = send(mail);
    EXPECT_TRUE(anyReplyStartsWith(refused, u"553 5.7.1"_s)) << refused.out.toStdString();
}

TEST_F(PolicyApiLab, AChangedQuotaIsEnforcedAndShownInUsage)
{
    auto before = await(client::usage(admin));
    ASSERT_TRUE(before.ok()) << before.error().message.toStdString();
    qint64 used = -1;
    for (const auto &a : before.value().accounts) {
        if (a.login == u"carol"_s)
            used = a.used;
    }
    ASSERT_GE(used, 0);
    const int quota = int(used) + 1;
    ASSERT_TRUE(applyEdit(admin, [quota](policy::Policy &p) {
                    accountIn(p, u"carol"_s).dailyQuota = quota;
                }).ok());

    const auto last = send({u"carol"_s, local(u"carol"_s), external(u"quota-last"_s), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(last, u"250 2.0.0 Ok: queued"_s)) << last.out.toStdString();
    const auto over = send({u"carol"_s, local(u"carol"_s), external(u"quota-over"_s), {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(over, u"450 4.7.1"_s)) << over.out.toStdString();
    EXPECT_TRUE(over.out.contains(u"has exceeded %1 messages per 1 day"_s.arg(quota).toUtf8()))
        << over.out.toStdString();

    auto after = await(client::usage(admin));
    ASSERT_TRUE(after.ok());
    for (const auto &a : after.value().accounts) {
        if (a.login == u"carol"_s) {
            EXPECT_EQ(a.used, used + 1);
            EXPECT_EQ(a.quota, quota);
        }
    }
}

TEST_F(PolicyApiLab, TwoClientsOnTheSameRevisionTheSecondGetsAConflict)
{
    client::RelayClient colleague = clientAs();
    auto mine = await(client::policyGet(admin));
    auto theirs = await(client::policyGet(colleague));
    ASSERT_TRUE(mine.ok() && theirs.ok());
    ASSERT_EQ(mine.value().revision, theirs.value().revision);

    policy::Policy theirPolicy = theirs.value().policy;
    accountIn(theirPolicy, u"carol"_s)
        .senders.append(*policy::SenderPattern::parse(u"c2@x.example"_s));
    auto first = await(client::policyApply(colleague, theirs.value().revision, theirPolicy));
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    const QByteArray afterFirst = livePolicyBytes();

    policy::Policy myPolicy = mine.value().policy;
    accountIn(myPolicy, u"bob"_s).senders.append(*policy::SenderPattern::parse(u"b2@x.example"_s));
    auto second = await(client::policyApply(admin, mine.value().revision, myPolicy));
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Conflict);
    auto conflict = client::Conflict::fromError(second.error());
    ASSERT_TRUE(conflict.ok()) << conflict.error().message.toStdString();
    EXPECT_EQ(conflict.value().currentRevision, first.value().revision);
    ASSERT_EQ(conflict.value().theirChanges.size(), 1);
    EXPECT_EQ(conflict.value().theirChanges[0].text(),
              u"+ accounts[carol].senders: c2@x.example"_s);
    EXPECT_EQ(livePolicyBytes(), afterFirst);
}

TEST_F(PolicyApiLab, RolesComeFromTheUnixUserOnTheRelay)
{
    client::RelayClient helpdesk = clientAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    auto seen = await(client::policyGet(helpdesk));
    ASSERT_TRUE(seen.ok()) << seen.error().message.toStdString();
    EXPECT_EQ(seen.value().role, u"helpdesk"_s);
    EXPECT_FALSE(seen.value().canWrite());
    auto refused = applyEdit(helpdesk, [](policy::Policy &p) { p.limits.dailyQuota = 1; });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);

    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    // The partner's view holds only its accounts: sending carol anyway is a change to carol.
    auto notTheirs = applyEdit(partner, [](policy::Policy &p) {
        policy::Account carol;
        carol.login = u"carol"_s;
        carol.senders.append(*policy::SenderPattern::parse(u"x@carol.example"_s));
        p.accounts.append(carol);
    });
    ASSERT_FALSE(notTheirs.ok());
    EXPECT_EQ(notTheirs.error().code, ErrorCode::PermissionDenied);
    auto theirs = applyEdit(partner, [](policy::Policy &p) {
        accountIn(p, u"bob"_s).senders.append(*policy::SenderPattern::parse(u"x@bob.example"_s));
    });
    EXPECT_TRUE(theirs.ok()) << theirs.error().message.toStdString();
    EXPECT_EQ(await(client::policyGet(admin)).value().revision, original.revision + 1);
}

TEST_F(PolicyApiLab, AMalformedPolicyIsRefusedWithItsPathAndNothingChanges)
{
    const QByteArray before = livePolicyBytes();
    QJsonObject p = QJsonDocument::fromJson(original.policy.toJson()).object();
    p.insert(u"local_domains"_s, QJsonArray{u"lab.test"_s, 7});
    const QJsonObject request{{u"base_revision"_s, original.revision}, {u"policy"_s, p}};
    auto r = await(admin.call({u"policy"_s, u"apply"_s}, QJsonDocument(request).toJson()));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
    EXPECT_EQ(r.error().details[u"errors"_s][0][u"path"_s].toString(), u"local_domains[1]"_s);
    EXPECT_EQ(livePolicyBytes(), before);
    EXPECT_EQ(await(client::policyGet(admin)).value().revision, original.revision);
}

TEST_F(PolicyApiLab, ADroppedLinkMidApplyLeavesTheOldOrTheNewPolicy)
{
    // Cut the SSH link at increasing moments of an apply: before the request is sent,
    // while staffettactl writes, after. Each time the live file must be one of the two.
    int applied = 0;
    for (int i = 0; i < 10; ++i) {
        auto got = await(client::policyGet(admin));
        ASSERT_TRUE(got.ok());
        policy::Policy next = got.value().policy;
        accountIn(next, u"bob"_s)
            .senders.append(*policy::SenderPattern::parse(u"drop%1@bob-drop.example"_s.arg(i)));
        const QByteArray oldBytes = got.value().policy.toJson();
        const QByteArray newBytes = next.toJson();

        auto cancel = transport::makeCancelToken();
        auto future = client::policyApply(admin, got.value().revision, next, {}, cancel);
        QThread::msleep(ulong(i * 40));
        cancel->store(true);
        future.waitForFinished();

        auto after = await(client::policyGet(admin));
        ASSERT_TRUE(after.ok()) << after.error().message.toStdString();
        const QByteArray live = livePolicyBytes();
        ASSERT_TRUE(policy::Policy::fromJson(live).ok()) << "torn policy file after a drop";
        const QByteArray now = after.value().policy.toJson();
        ASSERT_TRUE(now == oldBytes || now == newBytes) << "round " << i;
        EXPECT_EQ(after.value().revision, got.value().revision + (now == newBytes ? 1 : 0));
        applied += now == newBytes;
    }
    RecordProperty("applied_of_10", applied);
}

// The blacklists' caps (50 relay-wide + 5 per account, 20 per account unless the admin moves
// them) are the relay's: an apply past them is refused with its path, for an admin as for a
// partner, and nothing is written.
TEST_F(PolicyApiLab, BlacklistsPastTheirCapsAreRefusedByTheRelay)
{
    const auto entries = [](int n, const QString &tag) {
        QList<policy::BlacklistEntry> out;
        for (int i = 0; i < n; ++i)
            out.append({*policy::SenderPattern::parse(u"*@%1%2.example"_s.arg(tag).arg(i)), {}});
        return out;
    };
    const QByteArray before = livePolicyBytes();
    const int cap = original.policy.limits.relayBlacklistCapFor(original.policy.accounts.size());
    ASSERT_EQ(cap, 50 + 5 * int(original.policy.accounts.size()));
    auto relayWide =
        applyEdit(admin, [&](policy::Policy &p) { p.blacklist = entries(cap + 1, u"wide"_s); });
    ASSERT_FALSE(relayWide.ok());
    EXPECT_EQ(relayWide.error().code, ErrorCode::InvalidPolicy);
    EXPECT_EQ(relayWide.error().details[u"errors"_s][0][u"path"_s].toString(), u"blacklist"_s);
    EXPECT_TRUE(relayWide.error().message.contains(u"at most %1"_s.arg(cap)))
        << relayWide.error().message.toStdString();
    EXPECT_EQ(livePolicyBytes(), before);

    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto own = applyEdit(partner, [&](policy::Policy &p) {
        accountIn(p, u"bob"_s).blacklist = entries(21, u"bob"_s);
    });
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code, ErrorCode::InvalidPolicy);
    EXPECT_TRUE(own.error().message.contains(u"at most 20 per account"_s))
        << own.error().message.toStdString();
    EXPECT_EQ(livePolicyBytes(), before);
    auto twenty = applyEdit(partner, [&](policy::Policy &p) {
        accountIn(p, u"bob"_s).blacklist = entries(20, u"bob"_s);
    });
    ASSERT_TRUE(twenty.ok()) << twenty.error().message.toStdString();

    // The partner may not raise its own cap (relay-wide); the admin may, and then the list fits.
    auto raise = applyEdit(partner, [](policy::Policy &p) { p.limits.accountBlacklistCap = 30; });
    ASSERT_FALSE(raise.ok());
    EXPECT_EQ(raise.error().code, ErrorCode::PermissionDenied);
    auto raised = applyEdit(admin, [&](policy::Policy &p) {
        p.limits.relayBlacklistCap = cap + 1;
        p.blacklist = entries(cap + 1, u"wide"_s);
    });
    ASSERT_TRUE(raised.ok()) << raised.error().message.toStdString();
    EXPECT_EQ(await(client::policyGet(admin)).value().policy.blacklist.size(), cap + 1);
}
