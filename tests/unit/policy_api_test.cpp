// The policy API of staffettactl, run in-process against a temporary relay state:
// revisions, conflicts, roles, validation, history, rollback and the audit log.
#include "api/api.h"
#include "common/files.h"
#include "common/relay_config.h"
#include "ctl.h"
#include "fail2ban/bans.h"
#include "policy/diff.h"
#include "policy/store.h"

#include "test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

const char *basePolicy = R"({
  "schema_version": 1,
  "local_domains": ["lab.test"],
  "limits": {"daily_quota": 300, "max_recipients": 100, "max_message_size": 1000000},
  "blacklist": [],
  "accounts": [
    {"login": "alice", "senders": ["alice@lab.test"]},
    {"login": "bob", "senders": ["bob@lab.test"]},
    {"login": "carol", "senders": ["carol@lab.test"]}
  ]
})";

class PolicyApi : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        policyFile = dir.filePath(u"policy.json"_s);
        QFile f(policyFile);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(basePolicy);
        f.close();
        conf = dir.filePath(u"staffetta.conf"_s);
        QFile c(conf);
        ASSERT_TRUE(c.open(QIODevice::WriteOnly));
        c.write(QStringLiteral("[policy]\nfile=%1\n[state]\ndir=%2\n[access]\n"
                               "user.root=admin\nuser.acme=partner bob, dave*\n"
                               "group.helpdesk=helpdesk\ngroup.staff=viewer\n"
                               "[grants.user.acme]\ndomains=bob.example\n")
                    .arg(policyFile, dir.filePath(u"state"_s))
                    .toUtf8());
    }

    Result<QJsonObject> call(const QStringList &words, const QJsonObject &request = {},
                             const Caller &caller = {u"root"_s, {}, u"192.0.2.7"_s})
    {
        QStringList args = words;
        args.append(u"--json"_s);
        const auto o = ctl::run(ctl::parseArguments(args),
                                request.isEmpty() ? QByteArray() : QJsonDocument(request).toJson(),
                                conf, caller);
        return api::parseResponse(o.out, o.err, o.exitCode);
    }

    // The current policy with `edit` applied to its JSON object.
    QJsonObject edited(const QJsonObject &got, const std::function<void(QJsonObject &)> &edit)
    {
        QJsonObject p = got.value(u"policy"_s).toObject();
        edit(p);
        return p;
    }

    static void addSender(QJsonObject &p, int account, const QString &sender)
    {
        QJsonArray accounts = p[u"accounts"_s].toArray();
        QJsonObject a = accounts[account].toObject();
        QJsonArray senders = a[u"senders"_s].toArray();
        senders.append(sender);
        a[u"senders"_s] = senders;
        accounts[account] = a;
        p[u"accounts"_s] = accounts;
    }

    QByteArray liveBytes() const
    {
        QFile f(policyFile);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir dir;
    QString policyFile;
    QString conf;
};

} // namespace

TEST_F(PolicyApi, GetRecordsTheFoundPolicyAsRevisionOne)
{
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
    EXPECT_EQ(got.value().value(u"revision"_s).toInt(), 1);
    EXPECT_EQ(got.value().value(u"role"_s).toString(), u"admin"_s);
    EXPECT_EQ(got.value()[u"policy"_s][u"accounts"_s].toArray().size(), 3);
    // Reading again does not create revisions.
    EXPECT_EQ(call({u"policy"_s, u"get"_s}).value().value(u"revision"_s).toInt(), 1);
}

TEST_F(PolicyApi, ApplyWritesANewRevisionAndKeepsTheOldOne)
{
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    const QJsonObject next =
        edited(got.value(), [](QJsonObject &p) { addSender(p, 1, u"*@shop.example"_s); });
    auto applied = call({u"policy"_s, u"apply"_s},
                        {{u"base_revision"_s, 1}, {u"policy"_s, next}, {u"comment"_s, u"shop"_s}});
    ASSERT_TRUE(applied.ok()) << applied.error().message.toStdString();
    EXPECT_EQ(applied.value().value(u"revision"_s).toInt(), 2);
    EXPECT_TRUE(applied.value().value(u"changed"_s).toBool());
    // staffettad is not running here: the answer says so instead of pretending.
    EXPECT_FALSE(applied.value().value(u"reloaded"_s).toBool());
    const auto changes = policy::changesFromJson(applied.value()[u"changes"_s].toArray()).value();
    ASSERT_EQ(changes.size(), 1);
    EXPECT_EQ(changes[0].text(), u"+ accounts[bob].senders: *@shop.example"_s);

    EXPECT_TRUE(liveBytes().contains("*@shop.example"));
    auto parsed = policy::Policy::fromJson(liveBytes());
    ASSERT_TRUE(parsed.ok());

    auto history = call({u"policy"_s, u"history"_s});
    ASSERT_TRUE(history.ok());
    const QJsonArray revs = history.value()[u"revisions"_s].toArray();
    ASSERT_EQ(revs.size(), 2);
    EXPECT_EQ(revs[0][u"revision"_s].toInt(), 2);
    EXPECT_EQ(revs[0][u"user"_s].toString(), u"root"_s);
    EXPECT_EQ(revs[0][u"origin"_s].toString(), u"192.0.2.7"_s);
    EXPECT_EQ(revs[0][u"comment"_s].toString(), u"shop"_s);
    EXPECT_EQ(revs[1][u"kind"_s].toString(), u"initial"_s);

    auto diff = call({u"policy"_s, u"diff"_s, u"1"_s, u"2"_s});
    ASSERT_TRUE(diff.ok());
    EXPECT_EQ(diff.value()[u"changes"_s].toArray().size(), 1);

    auto audit = call({u"audit"_s});
    ASSERT_TRUE(audit.ok());
    const QJsonArray entries = audit.value()[u"entries"_s].toArray();
    ASSERT_FALSE(entries.isEmpty());
    EXPECT_EQ(entries[0][u"verb"_s].toString(), u"policy apply"_s);
    EXPECT_EQ(entries[0][u"outcome"_s].toString(), u"done"_s);
    EXPECT_EQ(entries[0][u"origin"_s].toString(), u"192.0.2.7"_s);
    EXPECT_EQ(entries[0][u"revision"_s].toInt(), 2);
}

TEST_F(PolicyApi, StaleRevisionIsAConflictWithTheOtherChange)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject mine = edited(got, [](QJsonObject &p) { addSender(p, 0, u"a2@lab.test"_s); });
    const QJsonObject theirs =
        edited(got, [](QJsonObject &p) { addSender(p, 2, u"c2@lab.test"_s); });
    ASSERT_TRUE(
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, theirs}}).ok());
    const QByteArray before = liveBytes();

    auto second = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, mine}});
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Conflict);
    EXPECT_EQ(second.error().details.value(u"current_revision"_s).toInt(), 2);
    const auto their =
        policy::changesFromJson(second.error().details.value(u"their_changes"_s).toArray()).value();
    ASSERT_EQ(their.size(), 1);
    EXPECT_EQ(their[0].text(), u"+ accounts[carol].senders: c2@lab.test"_s);
    EXPECT_EQ(second.error().details[u"their_revisions"_s][0][u"user"_s].toString(), u"root"_s);
    EXPECT_EQ(liveBytes(), before); // nothing overwritten
}

TEST_F(PolicyApi, MalformedPolicyIsRefusedWithItsPathAndNothingChanges)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QByteArray before = liveBytes();
    const QJsonObject bad = edited(got, [](QJsonObject &p) { addSender(p, 1, u"*@"_s); });
    auto r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, bad}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
    EXPECT_EQ(r.error().details[u"errors"_s][0][u"path"_s].toString(), u"accounts[1].senders[1]"_s);
    EXPECT_EQ(liveBytes(), before);
    EXPECT_EQ(call({u"policy"_s, u"get"_s}).value()[u"revision"_s].toInt(), 1);

    auto notJson = ctl::run(ctl::parseArguments({u"policy"_s, u"apply"_s, u"--json"_s}), "{\"base",
                            conf, Caller{u"root"_s, {}, u"local"_s});
    auto parsed = api::parseResponse(notJson.out, notJson.err, notJson.exitCode);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::BadRequest);
    EXPECT_EQ(liveBytes(), before);
}

TEST_F(PolicyApi, RolesAreEnforcedOnTheRelay)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const Caller helpdesk{u"hd"_s, {u"hd"_s, u"helpdesk"_s}, u"local"_s};
    const Caller partner{u"acme"_s, {u"acme"_s}, u"local"_s};
    const Caller stranger{u"nobody"_s, {u"nogroup"_s}, u"local"_s};
    const QJsonObject bobChange =
        edited(got, [](QJsonObject &p) { addSender(p, 1, u"x@bob.example"_s); });
    const QJsonObject carolChange =
        edited(got, [](QJsonObject &p) { addSender(p, 2, u"x@carol.example"_s); });

    // helpdesk: reads, never writes.
    EXPECT_TRUE(call({u"policy"_s, u"get"_s}, {}, helpdesk).ok());
    auto r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, bobChange}},
                  helpdesk);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);

    // partner: its own accounts only.
    r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, carolChange}},
             partner);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(r.error().details[u"accounts"_s].toArray(), QJsonArray{u"carol"_s});
    QJsonObject quota = got.value(u"policy"_s).toObject();
    QJsonObject limits = quota[u"limits"_s].toObject();
    limits[u"daily_quota"_s] = 5000;
    quota[u"limits"_s] = limits;
    r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, quota}}, partner);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().details[u"relay_wide"_s].toBool());
    r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, bobChange}},
             partner);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();

    // No rule: nothing at all, not even reading.
    r = call({u"policy"_s, u"get"_s}, {}, stranger);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);

    // The refusals are audited with who tried (the stranger's too).
    const QJsonArray entries = call({u"audit"_s}).value()[u"entries"_s].toArray();
    int denied = 0;
    for (const auto &e : entries)
        denied += e[u"outcome"_s].toString() == u"permission_denied"_s;
    EXPECT_EQ(denied, 4);
}

TEST_F(PolicyApi, RollbackRestoresAnEarlierRevisionAsANewOne)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next = edited(got, [](QJsonObject &p) { addSender(p, 0, u"a2@lab.test"_s); });
    ASSERT_TRUE(
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, next}}).ok());
    auto r = call({u"policy"_s, u"rollback"_s, u"1"_s}, {{u"base_revision"_s, 2}});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value()[u"revision"_s].toInt(), 3);
    EXPECT_FALSE(liveBytes().contains("a2@lab.test"));
    EXPECT_EQ(call({u"policy"_s, u"rollback"_s, u"9"_s}, {{u"base_revision"_s, 3}}).error().code,
              ErrorCode::NotFound);
}

TEST_F(PolicyApi, AnOutsideEditBecomesItsOwnRevision)
{
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    QByteArray bytes = liveBytes();
    bytes.replace("carol@lab.test", "carol@lab.test\", \"c3@lab.test");
    ASSERT_TRUE(writeFileAtomically(policyFile, bytes).ok());
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got.value()[u"revision"_s].toInt(), 2);
    const QJsonArray revs = call({u"policy"_s, u"history"_s}).value()[u"revisions"_s].toArray();
    EXPECT_EQ(revs[0][u"kind"_s].toString(), u"external"_s);
    EXPECT_EQ(revs[0][u"changes"_s].toArray().size(), 1);
}

TEST(PolicyDiff, RebaseKeepsBothSidesAndReportsRealConflicts)
{
    auto base = policy::Policy::fromJson(basePolicy).value();
    auto theirs = base;
    theirs.accounts[2].senders.append(*policy::SenderPattern::parse(u"c2@lab.test"_s));
    theirs.limits.dailyQuota = 500;
    theirs.reindex();
    auto mine = base;
    mine.accounts[0].senders.append(*policy::SenderPattern::parse(u"a2@lab.test"_s));
    mine.accounts[1].dailyQuota = 50;
    mine.reindex();

    auto merged = policy::rebase(theirs, policy::diff(base, mine));
    EXPECT_TRUE(merged.conflicts.isEmpty());
    EXPECT_EQ(merged.policy.limits.dailyQuota, 500);
    EXPECT_EQ(merged.policy.accounts[0].senders.size(), 2);
    EXPECT_EQ(merged.policy.accounts[2].senders.size(), 2);
    EXPECT_EQ(merged.policy.dailyQuota(merged.policy.account(u"bob"_s)), 50);

    // Both changed the same limit differently: that one is a conflict, the rest merges.
    mine.limits.dailyQuota = 400;
    merged = policy::rebase(theirs, policy::diff(base, mine));
    ASSERT_EQ(merged.conflicts.size(), 1);
    EXPECT_EQ(merged.conflicts[0].path(), u"limits.daily_quota"_s);
    EXPECT_EQ(merged.policy.limits.dailyQuota, 500);

    // A sender for an account the colleague removed cannot be merged.
    auto removed = base;
    removed.accounts.removeAt(0);
    removed.reindex();
    merged = policy::rebase(removed, policy::diff(base, mine));
    bool orphan = false;
    for (const auto &c : merged.conflicts)
        orphan |= c.account == u"alice"_s && c.section == policy::Change::Section::AccountSender;
    EXPECT_TRUE(orphan);
}

TEST(Access, RulesParseAndResolve)
{
    EXPECT_FALSE(AccessRule::parse(u"user.x"_s, u"superuser"_s).ok());
    EXPECT_FALSE(AccessRule::parse(u"user.x"_s, u"partner"_s).ok()); // no accounts
    EXPECT_FALSE(AccessRule::parse(u"user.x"_s, u"viewer bob"_s).ok());
    EXPECT_FALSE(AccessRule::parse(u"x"_s, u"viewer"_s).ok());
    const QList<AccessRule> rules{AccessRule::parse(u"group.staff"_s, u"viewer"_s).value(),
                                  AccessRule::parse(u"group.hd"_s, u"helpdesk"_s).value(),
                                  AccessRule::parse(u"user.acme"_s, u"partner acme-*"_s).value(),
                                  AccessRule::parse(u"user.root"_s, u"viewer"_s).value()};
    EXPECT_EQ(Access::resolve(rules, {u"u"_s, {u"staff"_s, u"hd"_s}, {}}).role, Role::Helpdesk);
    const Access acme = Access::resolve(rules, {u"acme"_s, {u"staff"_s}, {}});
    EXPECT_EQ(acme.role, Role::Partner);
    EXPECT_TRUE(acme.ownsAccount(u"acme-shop"_s));
    EXPECT_FALSE(acme.ownsAccount(u"other"_s));
    EXPECT_EQ(Access::resolve(rules, {u"root"_s, {}, {}}).role, Role::Viewer); // a rule wins
    EXPECT_EQ(Access::resolve({}, {u"root"_s, {}, {}}).role, Role::Admin);
    EXPECT_EQ(Access::resolve(rules, {u"eve"_s, {u"eve"_s}, {}}).role, Role::None);
}

TEST(Access, PermissionsAreATableNotAnOrder)
{
    // The partner ranked above helpdesk in the Role enum; it has none of helpdesk's bans
    // permissions, and helpdesk none of the partner's.
    EXPECT_FALSE(allows(Role::Partner, Permission::Unban));
    EXPECT_FALSE(allows(Role::Partner, Permission::Whitelist));
    EXPECT_FALSE(allows(Role::Partner, Permission::ReadAllAccounts));
    EXPECT_TRUE(allows(Role::Partner, Permission::EditOwnAccounts));
    EXPECT_TRUE(allows(Role::Helpdesk, Permission::Unban));
    EXPECT_FALSE(allows(Role::Helpdesk, Permission::WhitelistWide));
    EXPECT_FALSE(allows(Role::Helpdesk, Permission::EditOwnAccounts));
    EXPECT_FALSE(allows(Role::Viewer, Permission::Unban));
    for (Permission p : allPermissions()) {
        EXPECT_TRUE(allows(Role::Admin, p)) << permissionName(p).toStdString();
        EXPECT_FALSE(allows(Role::None, p)) << permissionName(p).toStdString();
        EXPECT_EQ(permissionFromName(permissionName(p)), p);
        EXPECT_FALSE(permissionAction(p).isEmpty());
    }
}

TEST(Access, PartnerGrantsComeFromTheConfigWithPreciseErrors)
{
    QTemporaryDir dir;
    auto load = [&](const QByteArray &text) {
        const QString path = dir.filePath(u"staffetta.conf"_s);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[access]\nuser.acme=partner acme-*\nuser.hd=helpdesk\n" + text);
        f.close();
        return Config::load(path);
    };
    auto good = load("[grants.user.acme]\ndomains=Acme.example, *.acme.example\n"
                     "max_daily_quota=5000\nmax_message_size=1000000\n");
    ASSERT_TRUE(good.ok()) << good.error().message.toStdString();
    const Access acme = Access::resolve(good.value().access, {u"acme"_s, {}, {}});
    EXPECT_EQ(acme.grants.domains, (QStringList{u"acme.example"_s, u"*.acme.example"_s}));
    EXPECT_EQ(acme.grants.maxDailyQuota, 5000);
    EXPECT_FALSE(acme.grants.maxRecipients.has_value());
    EXPECT_EQ(acme.grants.maxMessageSize, 1000000);

    auto unknown = load("[grants.user.acme]\nmax_quota=5\n");
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(u"max_quota"_s));
    auto badDomain = load("[grants.user.acme]\ndomains=*\n");
    ASSERT_FALSE(badDomain.ok());
    EXPECT_TRUE(badDomain.error().message.contains(u"'*' is not a domain"_s));
    auto badNumber = load("[grants.user.acme]\nmax_recipients=-3\n");
    ASSERT_FALSE(badNumber.ok());
    EXPECT_TRUE(badNumber.error().message.contains(u"max_recipients"_s));
    auto notPartner = load("[grants.user.hd]\ndomains=x.example\n");
    ASSERT_FALSE(notPartner.ok());
    EXPECT_TRUE(notPartner.error().message.contains(u"no partner rule user.hd"_s));
}

TEST(Access, GrantedDomainsCoverOnlyWhatTheyName)
{
    PartnerGrants g;
    g.domains = {u"acme.example"_s, u"*.shop.example"_s};
    EXPECT_TRUE(g.coversDomain(u"acme.example"_s));
    EXPECT_TRUE(g.coversDomain(u"ACME.example"_s));
    EXPECT_FALSE(g.coversDomain(u"sub.acme.example"_s));
    EXPECT_FALSE(g.coversDomain(u"acme.exampl?"_s));
    EXPECT_TRUE(g.coversDomain(u"*.shop.example"_s));
    EXPECT_TRUE(g.coversDomain(u"eu.shop.example"_s));
    EXPECT_TRUE(g.coversDomain(u"*eu.shop.example"_s)); // only subdomains can match it
    EXPECT_FALSE(g.coversDomain(u"shop.example"_s));
    EXPECT_FALSE(g.coversDomain(u"*shop.example"_s)); // would match evilshop.example
    EXPECT_FALSE(g.coversDomain(u"*.shop.exampl*"_s));
    EXPECT_FALSE(PartnerGrants{}.coversDomain(u"acme.example"_s));
}

TEST(Whitelist, AddressesAreNormalisedAndUnsafeTextRefused)
{
    using fail2ban::parseNetworkAddress;
    EXPECT_EQ(parseNetworkAddress(u"10.1.2.3/24"_s).value().text, u"10.1.2.0/24"_s);
    EXPECT_EQ(parseNetworkAddress(u"192.0.2.7/32"_s).value().text, u"192.0.2.7"_s);
    EXPECT_EQ(parseNetworkAddress(u"2001:DB8::1"_s).value().text, u"2001:db8::1"_s);
    EXPECT_FALSE(parseNetworkAddress(u"10.1.2.0/24"_s).value().isWide());
    EXPECT_TRUE(parseNetworkAddress(u"10.0.0.0/23"_s).value().isWide());
    EXPECT_FALSE(parseNetworkAddress(u"2001:db8::/64"_s).value().isWide());
    EXPECT_TRUE(parseNetworkAddress(u"2001:db8::/63"_s).value().isWide());
    EXPECT_TRUE(parseNetworkAddress(u"::/0"_s).value().isWide());
    for (const QString &bad :
         {u"fe80::1%eth0"_s, u"192.0.2.1\n"_s, u" 192.0.2.1"_s, u"192.0.2.1\t#"_s,
          u"::ffff:10.0.0.0/104"_s, u"example.com"_s, u"10.0.0.0/33"_s, u""_s}) {
        auto r = parseNetworkAddress(bad);
        EXPECT_FALSE(r.ok()) << bad.toStdString();
        if (!r) {
            EXPECT_EQ(r.error().code, ErrorCode::BadRequest);
        }
    }
    EXPECT_TRUE(parseNetworkAddress(u"fe80::1%eth0"_s).error().message.contains(u"scope id"_s));
}

TEST(PatternImport, ReportsBadLinesByNumber)
{
    const auto r = policy::parsePatternLines(
        u"alice@lab.test\n\n# comment\n*@\n  *@*.shop.example  \nno-at-sign\r\n"_s);
    ASSERT_EQ(r.patterns.size(), 2);
    EXPECT_EQ(r.patterns[1].text(), u"*@*.shop.example"_s);
    ASSERT_EQ(r.problems.size(), 2);
    EXPECT_EQ(r.problems[0].line, 4);
    EXPECT_EQ(r.problems[0].text, u"*@"_s);
    EXPECT_FALSE(r.problems[0].reason.isEmpty());
    EXPECT_EQ(r.problems[1].line, 6);
}

TEST(PolicyEdit, EditingACopyThroughAccountLeavesTheOriginal)
{
    const auto original = policy::Policy::fromJson(basePolicy).value();
    policy::Policy copy = original;
    copy.account(u"bob"_s)->dailyQuota = 7;
    EXPECT_FALSE(original.account(u"bob"_s)->dailyQuota.has_value());
    EXPECT_EQ(policy::diff(original, copy).size(), 1);
}
