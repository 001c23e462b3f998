// The policy API of staffettactl, run in-process against a temporary relay state:
// revisions, conflicts, roles, validation, history, rollback and the audit log.
#include "api/accounts.h"
#include "api/api.h"
#include "api/policy.h"
#include "common/files.h"
#include "common/limits.h"
#include "common/relay_config.h"
#include "ctl.h"
#include "fail2ban/bans.h"
#include "policy/diff.h"
#include "policy/store.h"
#include "policy_verbs.h"

#include "test_support.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

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
        stateDir = dir.filePath(u"state"_s);
        writeConf();
    }

    void writeConf()
    {
        conf = dir.filePath(u"staffetta.conf"_s);
        QFile c(conf);
        ASSERT_TRUE(c.open(QIODevice::WriteOnly | QIODevice::Truncate));
        c.write(QStringLiteral("[policy]\nfile=%1\n[state]\ndir=%2\n[access]\n"
                               "user.root=admin\nuser.acme=partner bob, dave*\n"
                               "group.helpdesk=helpdesk\ngroup.staff=viewer\n"
                               "[grants.user.acme]\ndomains=bob.example\n")
                    .arg(policyFile, stateDir)
                    .toUtf8());
    }

    // [accounts] credentials=local with a passwd-file of its own, which starts with a line
    // Staffetta does not manage; returns its path.
    QString useLocalCredentials()
    {
        const QString passwd = dir.filePath(u"passwd"_s);
        QFile c(conf);
        EXPECT_TRUE(c.open(QIODevice::Append));
        c.write(u"[accounts]\ncredentials=local\npasswd_file=%1\npasswd_group=root\n"_s.arg(passwd)
                    .toUtf8());
        QFile p(passwd);
        EXPECT_TRUE(p.open(QIODevice::WriteOnly));
        p.write("archive:{PLAIN}archive-secret\n");
        return passwd;
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
    QString stateDir;
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

// The front-end's wait for staffettad fills the write's ApplyResult (after the store's lock
// is released: another write gets through meanwhile); the answer is that type, written once.
TEST_F(PolicyApi, AWritesReloadStateIsFilledByItsFrontEnd)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    ctl::FrontEnd frontEnd(Caller{u"root"_s, {}, u"192.0.2.7"_s});
    QString waitedFor;
    Result<QJsonObject> during = Error(ErrorCode::Internal, u"not called"_s);
    frontEnd.awaitReload = [&](const Config &, api::ApplyResult &r) {
        waitedFor = r.sha256;
        EXPECT_TRUE(r.reloadPending);
        during = call({u"policy"_s, u"apply"_s},
                      {{u"base_revision"_s, 2}, {u"policy"_s, edited(got, [](QJsonObject &p) {
                                                     addSender(p, 2, u"*@during.example"_s);
                                                 })}});
        r.reloadPending = false;
        r.reloadCode = u"reload_timeout"_s;
        r.reloadMessage = u"staffettad did not confirm"_s;
    };
    const QJsonObject request{
        {u"base_revision"_s, 1},
        {u"policy"_s, edited(got, [](QJsonObject &p) { addSender(p, 1, u"*@shop.example"_s); })}};
    const auto o = ctl::run(ctl::parseArguments({u"policy"_s, u"apply"_s, u"--json"_s}),
                            QJsonDocument(request).toJson(), conf, frontEnd);
    auto answer = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_TRUE(answer.ok()) << answer.error().message.toStdString();
    EXPECT_EQ(answer.value(), api::ApplyResult::fromJson(answer.value()).toJson());
    EXPECT_EQ(answer.value()[u"reloaded"_s], QJsonValue(false));
    EXPECT_EQ(answer.value()[u"reload_code"_s].toString(), u"reload_timeout"_s);
    EXPECT_EQ(answer.value()[u"reload_message"_s].toString(), u"staffettad did not confirm"_s);
    EXPECT_EQ(waitedFor, answer.value()[u"sha256"_s].toString());
    EXPECT_TRUE(during.ok()) << during.error().message.toStdString();
    EXPECT_EQ(during.value()[u"reloaded"_s].toString(), u"pending"_s);

    // The CLI's words come from the same fields.
    frontEnd.awaitReload = [](const Config &, api::ApplyResult &r) {
        r.reloadPending = false;
        r.reloadMessage = u"staffettad did not confirm"_s;
    };
    const auto human =
        ctl::run(ctl::parseArguments({u"policy"_s, u"rollback"_s, u"1"_s}), {}, conf, frontEnd);
    EXPECT_EQ(human.exitCode, 0) << human.err.toStdString();
    EXPECT_TRUE(human.out.contains("warning: staffettad did not confirm"))
        << human.out.toStdString();
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

// A BCC to an archive mailbox needs the relay's archive (Dovecot's LMTP, [archive] domain):
// refused with its path on a relay without one; an address works anywhere.
TEST_F(PolicyApi, AnArchiveMailboxNeedsTheRelaysArchive)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    auto withBcc = [&](const QJsonObject &bcc) {
        return edited(got, [&](QJsonObject &p) {
            QJsonArray accounts = p[u"accounts"_s].toArray();
            QJsonObject a = accounts[1].toObject();
            a[u"content"_s] = QJsonObject{{u"bcc"_s, bcc}};
            accounts[1] = a;
            p[u"accounts"_s] = accounts;
        });
    };
    const QByteArray before = liveBytes();
    auto r =
        call({u"policy"_s, u"apply"_s},
             {{u"base_revision"_s, 1},
              {u"policy"_s, withBcc({{u"mode"_s, u"mailbox"_s}, {u"mailbox"_s, u"archivio"_s}})}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
    EXPECT_EQ(r.error().details[u"errors"_s][0][u"path"_s].toString(),
              u"accounts[bob].content.bcc.mailbox"_s);
    EXPECT_EQ(liveBytes(), before);
    auto address =
        call({u"policy"_s, u"apply"_s},
             {{u"base_revision"_s, 1},
              {u"policy"_s,
               withBcc({{u"mode"_s, u"address"_s}, {u"address"_s, u"copies@archive.example"_s}})}});
    EXPECT_TRUE(address.ok()) << address.error().message.toStdString();
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
    EXPECT_FALSE(r.problems[0].problem.message().isEmpty());
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

// ---- what a crashed writer leaves, and what the next reader does with it
// Each test lays out on disk what a staffettactl killed (kill -9, power loss) at one point of
// a commit leaves: revision files written by hand in the store's format, the live file.

namespace {

class PolicyCrash : public PolicyApi
{
protected:
    QString revisionFile(int n, const QString &suffix) const
    {
        return QDir(stateDir).filePath(
            u"policy/revisions/%1%2"_s.arg(n, 6, 10, QLatin1Char('0')).arg(suffix));
    }
    // The bytes staffettactl writes for `p`.
    static QByteArray storedBytes(const QJsonObject &p)
    {
        return policy::Policy::fromJson(QJsonDocument(p).toJson()).value().toJson();
    }
    // A commit by mallory, written as pending: the state between "revision written" and
    // "marked done".
    void writePendingRevision(int n, const QByteArray &bytes)
    {
        ASSERT_TRUE(writeFileAtomically(revisionFile(n, u".json"_s), bytes).ok());
        const QJsonObject meta{{u"revision"_s, n},
                               {u"base"_s, n - 1},
                               {u"time"_s, u"2026-01-02T03:04:05Z"_s},
                               {u"kind"_s, u"apply"_s},
                               {u"user"_s, u"mallory"_s},
                               {u"role"_s, u"partner"_s},
                               {u"origin"_s, u"198.51.100.9"_s},
                               {u"comment"_s, u"the crashed commit"_s},
                               {u"sha256"_s, policy::sha256Hex(bytes)},
                               {u"changes"_s, QJsonArray()},
                               {u"pending"_s, true}};
        ASSERT_TRUE(
            writeFileAtomically(revisionFile(n, u".meta.json"_s), QJsonDocument(meta).toJson())
                .ok());
    }
    QJsonArray revisions()
    {
        return call({u"policy"_s, u"history"_s}).value()[u"revisions"_s].toArray();
    }
    QList<QJsonObject> auditRows(const QString &verb)
    {
        QList<QJsonObject> rows;
        for (const auto &e : call({u"audit"_s}).value()[u"entries"_s].toArray()) {
            if (e[u"verb"_s].toString() == verb)
                rows.append(e.toObject());
        }
        return rows;
    }
};

} // namespace

TEST_F(PolicyCrash, ACommitKilledBeforeItWentLiveLeavesNoTrace)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next =
        edited(got, [](QJsonObject &p) { addSender(p, 1, u"x@bob.example"_s); });
    const QByteArray before = liveBytes();
    writePendingRevision(2, storedBytes(next)); // killed before the rename of the live file

    // The next reader drops it: not "external", not attributed to anyone.
    auto again = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again.value()[u"revision"_s].toInt(), 1);
    EXPECT_EQ(liveBytes(), before);
    const QJsonArray revs = revisions();
    ASSERT_EQ(revs.size(), 1);
    EXPECT_EQ(revs[0][u"kind"_s].toString(), u"initial"_s);
    EXPECT_FALSE(QFile::exists(revisionFile(2, u".json"_s)));
    EXPECT_FALSE(QFile::exists(revisionFile(2, u".meta.json"_s)));
    EXPECT_TRUE(auditRows(u"policy apply"_s).isEmpty());

    // The number is free again for the next real commit.
    auto applied = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, next}});
    ASSERT_TRUE(applied.ok()) << applied.error().message.toStdString();
    EXPECT_EQ(applied.value()[u"revision"_s].toInt(), 2);
    EXPECT_EQ(revisions()[0][u"user"_s].toString(), u"root"_s);
}

TEST_F(PolicyCrash, ACommitKilledAfterItWentLiveIsAuditedOnceUnderItsAuthor)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next =
        edited(got, [](QJsonObject &p) { addSender(p, 1, u"x@bob.example"_s); });
    const QByteArray bytes = storedBytes(next);
    writePendingRevision(2, bytes);
    ASSERT_TRUE(writeFileAtomically(policyFile, bytes).ok()); // live, then killed: no audit row

    // A helpdesk read finishes the commit: revision 2 is mallory's, not an "external" edit
    // by the reader, and its audit row is there with mallory's origin and time.
    const Caller helpdesk{u"hd"_s, {u"hd"_s, u"helpdesk"_s}, u"203.0.113.5"_s};
    auto read = call({u"policy"_s, u"get"_s}, {}, helpdesk);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read.value()[u"revision"_s].toInt(), 2);
    const QJsonArray revs = revisions();
    ASSERT_EQ(revs.size(), 2);
    EXPECT_EQ(revs[0][u"kind"_s].toString(), u"apply"_s);
    EXPECT_EQ(revs[0][u"user"_s].toString(), u"mallory"_s);
    EXPECT_FALSE(revs[0][u"pending"_s].toBool());
    auto rows = auditRows(u"policy apply"_s);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0][u"revision"_s].toInt(), 2);
    EXPECT_EQ(rows[0][u"user"_s].toString(), u"mallory"_s);
    EXPECT_EQ(rows[0][u"role"_s].toString(), u"partner"_s);
    EXPECT_EQ(rows[0][u"origin"_s].toString(), u"198.51.100.9"_s);
    EXPECT_EQ(rows[0][u"time"_s].toString(), u"2026-01-02T03:04:05Z"_s);
    EXPECT_EQ(rows[0][u"summary"_s].toString(), u"the crashed commit"_s);

    // Killed after the audit row, before "done": finishing again records nothing twice.
    writePendingRevision(2, bytes);
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    EXPECT_EQ(auditRows(u"policy apply"_s).size(), 1);
    EXPECT_FALSE(revisions()[0][u"pending"_s].toBool());
}

TEST_F(PolicyCrash, HalfWrittenFilesAreRemoved)
{
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    const QByteArray before = liveBytes();
    // Killed between a revision's bytes and its meta, and in the middle of two writes.
    QByteArray other = before;
    other.replace("carol@lab.test", "carol@lab.test\", \"c9@lab.test");
    ASSERT_TRUE(writeFileAtomically(revisionFile(2, u".json"_s), other).ok());
    const QString tmpRevision =
        revisionFile(3, u".json"_s).replace(u"/000003"_s, u"/.000003"_s) + u".tmp.Ab12Cd"_s;
    const QString tmpLive = dir.filePath(u".policy.json.tmp.Xy34Zw"_s);
    for (const QString &f : {tmpRevision, tmpLive}) {
        QFile torn(f);
        ASSERT_TRUE(torn.open(QIODevice::WriteOnly));
        torn.write("{\"schema_ver");
    }

    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
    EXPECT_EQ(got.value()[u"revision"_s].toInt(), 1);
    EXPECT_EQ(revisions().size(), 1);
    EXPECT_EQ(liveBytes(), before);
    EXPECT_FALSE(QFile::exists(revisionFile(2, u".json"_s)));
    EXPECT_FALSE(QFile::exists(tmpRevision));
    EXPECT_FALSE(QFile::exists(tmpLive));
}

TEST_F(PolicyApi, RollbackRestoresARevisionOverABrokenLiveFile)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next = edited(got, [](QJsonObject &p) { addSender(p, 0, u"a2@lab.test"_s); });
    ASSERT_TRUE(
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, next}}).ok());
    const QByteArray revision2 = liveBytes();
    {
        QFile torn(policyFile); // what a full disk made of it
        ASSERT_TRUE(torn.open(QIODevice::WriteOnly | QIODevice::Truncate));
        torn.write(revision2.left(100));
    }

    // Reads and applies refuse it, and say the way out.
    auto read = call({u"policy"_s, u"get"_s});
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(read.error().message.contains(u"policy rollback"_s))
        << read.error().message.toStdString();
    EXPECT_FALSE(
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 2}, {u"policy"_s, next}}).ok());
    // The history and the diff between revisions still answer: they are where a rollback is
    // chosen (the console's History view), and the history says what is wrong.
    auto listed = call({u"policy"_s, u"history"_s});
    ASSERT_TRUE(listed.ok()) << listed.error().message.toStdString();
    EXPECT_EQ(listed.value()[u"current_revision"_s].toInt(), 2);
    EXPECT_EQ(listed.value()[u"revisions"_s].toArray().size(), 2);
    EXPECT_FALSE(listed.value()[u"live_problem"_s].toString().isEmpty());
    auto preview = call({u"policy"_s, u"diff"_s, u"1"_s});
    ASSERT_TRUE(preview.ok()) << preview.error().message.toStdString();
    EXPECT_EQ(preview.value()[u"changes"_s].toArray().size(), 1);

    // Rolling back to the latest revision restores it (nothing differs from it but the file).
    auto r = call({u"policy"_s, u"rollback"_s, u"2"_s});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value()[u"revision"_s].toInt(), 3);
    EXPECT_TRUE(r.value()[u"changed"_s].toBool());
    EXPECT_TRUE(r.value()[u"replaced_broken_live_file"_s].toString().contains(u"invalid"_s));
    EXPECT_EQ(liveBytes(), revision2);
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    const QJsonArray revs = call({u"policy"_s, u"history"_s}).value()[u"revisions"_s].toArray();
    EXPECT_EQ(revs[0][u"kind"_s].toString(), u"rollback"_s);
    const QJsonObject audit = call({u"audit"_s}).value()[u"entries"_s][0].toObject();
    EXPECT_EQ(audit[u"verb"_s].toString(), u"policy rollback"_s);
    EXPECT_EQ(audit[u"revision"_s].toInt(), 3);
    EXPECT_TRUE(audit[u"summary"_s].toString().contains(u"could not be used"_s))
        << audit[u"summary"_s].toString().toStdString();

    // A missing live file too, to an older revision.
    ASSERT_TRUE(QFile::remove(policyFile));
    r = call({u"policy"_s, u"rollback"_s, u"1"_s});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_FALSE(liveBytes().contains("a2@lab.test"));
    EXPECT_TRUE(policy::Policy::fromJson(liveBytes()).ok());
}

// ---- a full disk: a real tmpfs (root only) with about 4 KiB left

namespace {

struct DiskLayout
{
    const char *name;
    bool stateOnDisk; // the state directory (revisions, state.sqlite) on the full disk too
};
void PrintTo(const DiskLayout &layout, std::ostream *os)
{
    *os << layout.name;
}

class PolicyFullDisk : public PolicyApi, public ::testing::WithParamInterface<DiskLayout>
{
protected:
    void SetUp() override
    {
        if (geteuid() != 0)
            GTEST_SKIP() << "needs root to mount a tmpfs";
        PolicyApi::SetUp();
        disk = dir.filePath(u"disk"_s);
        ASSERT_TRUE(QDir().mkpath(disk));
        ASSERT_EQ(
            test::run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=1m"_s, u"tmpfs"_s, disk})
                .exitCode,
            0);
        mounted = true;
        const QByteArray policy = liveBytes();
        policyFile = QDir(disk).filePath(u"policy.json"_s);
        ASSERT_TRUE(writeFileAtomically(policyFile, policy).ok());
        if (GetParam().stateOnDisk)
            stateDir = QDir(disk).filePath(u"state"_s);
        writeConf();
    }
    void TearDown() override
    {
        if (mounted) {
            EXPECT_EQ(test::run(u"umount"_s, {disk}).exitCode, 0);
        }
    }
    qint64 available() const
    {
        struct statvfs s
        {};
        return ::statvfs(QFile::encodeName(disk).constData(), &s) == 0
                   ? qint64(s.f_bavail) * qint64(s.f_frsize)
                   : -1;
    }
    // Fills the disk until `left` bytes are free.
    void fillLeaving(qint64 left)
    {
        QFile filler(QDir(disk).filePath(u"filler"_s));
        ASSERT_TRUE(filler.open(QIODevice::WriteOnly | QIODevice::Append));
        ASSERT_EQ(filler.write(QByteArray(available() - left, 'x')), available() - left);
        ASSERT_TRUE(filler.flush());
        ASSERT_EQ(available(), left);
    }
    QStringList filesOnDisk() const
    {
        QStringList out;
        QDirIterator it(disk, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            out.append(QDir(disk).relativeFilePath(it.next()));
        out.sort();
        return out;
    }

    QString disk;
    bool mounted = false;
};

} // namespace

TEST_P(PolicyFullDisk, AnApplyThatDoesNotFitIsAnErrorAndChangesNothing)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    ASSERT_EQ(got[u"revision"_s].toInt(), 1);
    const QByteArray before = liveBytes();
    // About 20 KiB: more than is left.
    const QJsonObject big = edited(got, [](QJsonObject &p) {
        for (int i = 0; i < 500; ++i)
            addSender(p, 1, u"sender-%1@bob-shop.example"_s.arg(i));
    });
    fillLeaving(4096);
    const QStringList filesBefore = filesOnDisk();

    auto r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, big}});
    ASSERT_FALSE(r.ok()) << "an apply on a full disk reported success";
    EXPECT_TRUE(r.error().message.contains(u"No space left on device"_s))
        << r.error().message.toStdString();
    // The live file is the old one, whole; no half revision, no temporary file left.
    EXPECT_EQ(policy::sha256Hex(liveBytes()), policy::sha256Hex(before));
    EXPECT_TRUE(policy::Policy::fromJson(liveBytes()).ok());
    EXPECT_EQ(filesOnDisk(), filesBefore);
    const QJsonArray revs = call({u"policy"_s, u"history"_s}).value()[u"revisions"_s].toArray();
    ASSERT_EQ(revs.size(), 1);
    EXPECT_EQ(revs[0][u"revision"_s].toInt(), 1);

    // With room again the same apply works.
    ASSERT_TRUE(QFile::remove(QDir(disk).filePath(u"filler"_s)));
    r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, big}});
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value()[u"revision"_s].toInt(), 2);
    EXPECT_TRUE(liveBytes().contains("sender-499@bob-shop.example"));
}

// A removal that fails before its commit leaves the account whole: still in the policy, its
// password still there, no intent left for a later call, and a read commits nothing.
TEST_P(PolicyFullDisk, ARemovalThatDoesNotFitLeavesTheAccountWhole)
{
    const QString passwd = useLocalCredentials();
    ASSERT_TRUE(call({u"accounts"_s, u"add"_s, u"victim"_s},
                     {{u"senders"_s, QJsonArray{u"victim@lab.test"_s}}})
                    .ok());
    const auto hashOf = [&passwd] {
        QFile p(passwd);
        return p.open(QIODevice::ReadOnly) ? p.readAll() : QByteArray();
    };
    ASSERT_TRUE(hashOf().contains("\nvictim:{ARGON2ID}"));
    const QByteArray passwdBefore = hashOf();
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    const int revision = got.value()[u"revision"_s].toInt();
    QJsonObject policy = got.value()[u"policy"_s].toObject();
    QJsonArray accounts = policy[u"accounts"_s].toArray();
    accounts.removeLast(); // victim
    policy[u"accounts"_s] = accounts;
    // The removal's revision is bigger than what is left: padded with senders of bob's.
    policy = edited({{u"policy"_s, policy}}, [](QJsonObject &p) {
        for (int i = 0; i < 300; ++i)
            addSender(p, 1, u"sender-%1@bob-shop.example"_s.arg(i));
    });
    fillLeaving(4096);

    auto r =
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, revision}, {u"policy"_s, policy}});
    ASSERT_FALSE(r.ok()) << "a removal on a full disk reported success";
    EXPECT_TRUE(r.error().message.contains(u"No space left on device"_s))
        << r.error().message.toStdString();
    EXPECT_EQ(hashOf(), passwdBefore) << "the password went before the commit";
    EXPECT_TRUE(liveBytes().contains("victim@lab.test"));
    EXPECT_FALSE(QFile::exists(stateDir + u"/accounts-removing.json"_s));

    // A read afterwards (room again or not) shows the account whole and commits nothing.
    auto listed = call({u"accounts"_s, u"list"_s});
    ASSERT_TRUE(listed.ok()) << listed.error().message.toStdString();
    bool victimListed = false;
    for (const auto &a : listed.value()[u"accounts"_s].toArray()) {
        if (a[u"login"_s].toString() == u"victim"_s) {
            victimListed = true;
            EXPECT_TRUE(a[u"has_password"_s].toBool());
        }
    }
    EXPECT_TRUE(victimListed);
    EXPECT_EQ(listed.value()[u"revision"_s].toInt(), revision);
    EXPECT_EQ(hashOf(), passwdBefore);
}

INSTANTIATE_TEST_SUITE_P(, PolicyFullDisk,
                         ::testing::Values(DiskLayout{"PolicyFileOnly", false},
                                           DiskLayout{"PolicyFileAndState", true}),
                         [](const ::testing::TestParamInfo<DiskLayout> &p) {
                             return std::string(p.param.name);
                         });

namespace {

// What a staffettactl process did with a big stdin: its answer, its peak memory (from
// wait4, so it is this process's own) and how much of stdin it took before it exited.
struct BigInput
{
    int exitCode = -1;
    QByteArray out;
    long maxRssKb = 0;
    qint64 written = 0; // bytes of stdin the program accepted before it closed its end
};

BigInput runWithInput(const QStringList &args, const QString &conf, const QByteArray &head,
                      qint64 fill, const QByteArray &tail)
{
    BigInput result;
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
        ADD_FAILURE() << "pipe2 failed";
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    const QByteArray program = qgetenv("STAFFETTACTL");
    QList<QByteArray> argv8{program};
    for (const QString &a : args)
        argv8.append(a.toUtf8());
    std::vector<char *> argv;
    for (QByteArray &a : argv8)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QByteArray confVar = "STAFFETTA_CONF=" + conf.toUtf8();
    QByteArray path = "PATH=" + qgetenv("PATH");
    char *envp[] = {confVar.data(), path.data(), nullptr};
    pid_t pid = -1;
    const int spawned =
        posix_spawn(&pid, program.constData(), &actions, nullptr, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(in[1]);
        ::close(out[0]);
        ADD_FAILURE() << "cannot start STAFFETTACTL=" << program.toStdString();
        return result;
    }
    // Writes until everything is written or the program has closed stdin (EPIPE).
    std::thread writer([&] {
        const auto put = [&](const char *data, qint64 size) {
            while (size > 0) {
                const ssize_t n = ::write(in[1], data, size_t(std::min<qint64>(size, 65536)));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    return false;
                result.written += n;
                data += n;
                size -= n;
            }
            return true;
        };
        const QByteArray chunk(1 << 20, 'x');
        bool open = put(head.constData(), head.size());
        for (qint64 left = fill; open && left > 0; left -= chunk.size())
            open = put(chunk.constData(), std::min<qint64>(left, chunk.size()));
        if (open)
            put(tail.constData(), tail.size());
        ::close(in[1]);
    });
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(out[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
        result.out.append(buffer, qsizetype(std::max<ssize_t>(n, 0)));
    ::close(out[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    writer.join();
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.maxRssKb = usage.ru_maxrss;
    return result;
}

} // namespace

TEST_F(PolicyApi, AnOversizedRequestIsRefusedUnreadWithLittleMemory)
{
    ASSERT_FALSE(qEnvironmentVariable("STAFFETTACTL").isEmpty());
    const QStringList args{u"policy"_s, u"apply"_s, u"--json"_s};
    const QByteArray head = R"({"base_revision": 1, "comment": ")";
    // signal() is process-wide: a write to the pipe staffettactl closed must fail, not kill.
    const auto previous = signal(SIGPIPE, SIG_IGN);
    const BigInput small = runWithInput(args, conf, head, 100, "\"}");
    const BigInput big = runWithInput(args, conf, head, 64 * limits::MiB, "\"}");
    signal(SIGPIPE, previous);

    auto answer = api::parseResponse(big.out, {}, big.exitCode);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::RequestTooLarge) << big.out.toStdString();
    EXPECT_TRUE(answer.error().message.contains(u"1048576"_s)) << big.out.toStdString();
    EXPECT_EQ(big.exitCode, 1);
    // It read 1 MiB + 1 byte and no more: what was written beyond that is the pipe's buffer.
    EXPECT_LT(big.written, 4 * limits::MiB);
    // Its peak memory is the small request's, not 64 MiB more (Qt's own is most of either).
    EXPECT_LT(big.maxRssKb, small.maxRssKb + 8 * 1024)
        << "small " << small.maxRssKb << " KiB, big " << big.maxRssKb << " KiB";
    EXPECT_EQ(liveBytes(), QByteArray(basePolicy)); // nothing happened
}

TEST_F(PolicyApi, ARequestJustOverTheLimitIsRefusedBeforeAnythingHappens)
{
    QByteArray request = R"({"base_revision": 1, "comment": ")";
    request += QByteArray(limits::MaxRequestBytes - request.size() - 1, 'x') + "\"}";
    ASSERT_EQ(request.size(), limits::MaxRequestBytes + 1);
    const auto o = ctl::run(ctl::parseArguments({u"policy"_s, u"apply"_s, u"--json"_s}), request,
                            conf, Caller{u"root"_s, {}, u"192.0.2.7"_s});
    auto r = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::RequestTooLarge);
    EXPECT_EQ(r.error().details.value(u"limit"_s).toInteger(), limits::MaxRequestBytes);
    EXPECT_FALSE(QFile::exists(dir.filePath(u"state/state.sqlite"_s))); // not even an audit row
}

// `queue show` reads each named message's files: a thousand at most, and nothing but queue ids
// (they become postcat's arguments), refused before any Postfix tool runs.
TEST_F(PolicyApi, QueueShowTakesAtMostAThousandQueueIds)
{
    QJsonArray ids;
    for (int i = 0; i < 1001; ++i)
        ids.append(u"4ABC%1"_s.arg(i, 6, 16, QChar(u'0')).toUpper());
    const auto show = [&](const QJsonObject &request) {
        const auto o =
            ctl::run(ctl::parseArguments({u"queue"_s, u"show"_s, u"--json"_s}),
                     QJsonDocument(request).toJson(), conf, Caller{u"root"_s, {}, u"local"_s});
        return api::parseResponse(o.out, o.err, o.exitCode);
    };
    auto many = show({{u"ids"_s, ids}});
    ASSERT_FALSE(many.ok());
    EXPECT_EQ(many.error().code, ErrorCode::BadRequest);
    EXPECT_TRUE(many.error().message.contains(u"1000"_s)) << many.error().message.toStdString();
    auto odd = show({{u"ids"_s, QJsonArray{u"4ABC123"_s, u"../../etc/passwd"_s}}});
    ASSERT_FALSE(odd.ok());
    EXPECT_EQ(odd.error().code, ErrorCode::BadRequest);
    EXPECT_EQ(odd.error().details.value(u"path"_s).toString(), u"ids[1]"_s);
    auto none = show({});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::BadRequest);
}

TEST_F(PolicyApi, ALongCommentIsRefusedAndKeptNowhere)
{
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    const QJsonObject next =
        edited(got.value(), [](QJsonObject &p) { addSender(p, 1, u"*@shop.example"_s); });
    for (const QString &comment : {QString(100'000, u'c'), u"two\nlines"_s}) {
        auto applied =
            call({u"policy"_s, u"apply"_s},
                 {{u"base_revision"_s, 1}, {u"policy"_s, next}, {u"comment"_s, comment}});
        ASSERT_FALSE(applied.ok());
        EXPECT_EQ(applied.error().code, ErrorCode::BadRequest);
        EXPECT_EQ(applied.error().details.value(u"field"_s).toString(), u"comment"_s);
    }
    EXPECT_EQ(liveBytes(), QByteArray(basePolicy));
    auto rollback = call({u"policy"_s, u"rollback"_s, u"1"_s},
                         {{u"base_revision"_s, 1}, {u"comment"_s, QString(1001, u'c')}});
    ASSERT_FALSE(rollback.ok());
    EXPECT_EQ(rollback.error().code, ErrorCode::BadRequest);
    // The refusals are audited as summaries.
    auto audit = call({u"audit"_s});
    ASSERT_TRUE(audit.ok());
    EXPECT_LT(QJsonDocument(audit.value()).toJson().size(), 4096);
    // The limit itself is accepted.
    auto applied =
        call({u"policy"_s, u"apply"_s},
             {{u"base_revision"_s, 1}, {u"policy"_s, next}, {u"comment"_s, QString(1000, u'c')}});
    EXPECT_TRUE(applied.ok()) << applied.error().message.toStdString();
}

TEST_F(PolicyApi, ADuplicateKeyInARequestIsRefusedWithTheKey)
{
    // The last "base_revision" would win: 1 (a stale base) would be read as 2.
    const QByteArray request = R"({"base_revision": 1, "comment": "x", "base_revision": 2})";
    const auto o = ctl::run(ctl::parseArguments({u"policy"_s, u"apply"_s, u"--json"_s}), request,
                            conf, Caller{u"root"_s, {}, u"192.0.2.7"_s});
    auto r = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadRequest);
    EXPECT_TRUE(r.error().message.contains(u"duplicate key \"base_revision\""_s))
        << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"path"_s).toString(), u"base_revision"_s);
    // Inside the policy too, which staffettactl would otherwise re-serialize with one login.
    const QByteArray nested = R"({"base_revision": 1, "policy": {"schema_version": 1,
        "accounts": [{"login": "bob", "senders": [], "login": "alice"}]}})";
    const auto n = ctl::run(ctl::parseArguments({u"policy"_s, u"apply"_s, u"--json"_s}), nested,
                            conf, Caller{u"acme"_s, {}, u"192.0.2.7"_s});
    auto rn = api::parseResponse(n.out, n.err, n.exitCode);
    ASSERT_FALSE(rn.ok());
    EXPECT_EQ(rn.error().details.value(u"path"_s).toString(), u"policy.accounts[0].login"_s);
    EXPECT_EQ(liveBytes(), QByteArray(basePolicy));
}

TEST_F(PolicyApi, ALongWhitelistNoteIsRefused)
{
    auto r = call({u"bans"_s, u"whitelist"_s, u"add"_s, u"192.0.2.9"_s},
                  {{u"note"_s, QString(100'000, u'n')}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadRequest);
    EXPECT_EQ(r.error().details.value(u"field"_s).toString(), u"note"_s);
}

// ---- the verb registry (app/staffettactl/ctl.cpp)

// Every verb's request is its core/api type: a key the type does not have, or a value of the
// wrong kind, is refused with its path before the verb does anything (a misspelt "coment"
// is not silently dropped from a revision, an unbanned address is not guessed at).
TEST_F(PolicyApi, ARequestKeyItsTypeDoesNotHaveIsRefusedWithItsPath)
{
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next =
        edited(got, [](QJsonObject &p) { addSender(p, 1, u"*@typo.example"_s); });
    const auto refused = [&](const QStringList &words, const QJsonObject &request,
                             const QString &path) {
        auto r = call(words, request);
        ASSERT_FALSE(r.ok()) << words.join(u' ').toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::BadRequest) << r.error().message.toStdString();
        EXPECT_EQ(r.error().details.value(u"path"_s).toString(), path)
            << words.join(u' ').toStdString() << ": " << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(path)) << r.error().message.toStdString();
    };
    refused({u"policy"_s, u"apply"_s},
            {{u"base_revision"_s, 1}, {u"policy"_s, next}, {u"coment"_s, u"why"_s}}, u"coment"_s);
    EXPECT_EQ(liveBytes(), QByteArray(basePolicy)); // nothing written
    refused({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, u"1"_s}, {u"policy"_s, next}},
            u"base_revision"_s);
    refused({u"policy"_s, u"rollback"_s, u"1"_s}, {{u"base"_s, 1}}, u"base"_s);
    refused({u"info"_s}, {{u"verbose"_s, true}}, u"verbose"_s);
    refused({u"bans"_s, u"unban"_s}, {{u"adress"_s, u"192.0.2.1"_s}}, u"adress"_s);
    refused({u"bans"_s, u"whitelist"_s, u"add"_s}, {{u"address"_s, u"192.0.2.1"_s}, {u"note"_s, 7}},
            u"note"_s);
    refused({u"search"_s}, {{u"query"_s, u"alice"_s}}, u"query"_s);
    refused({u"queue"_s, u"list"_s}, {{u"limit"_s, -1}}, u"limit"_s);
    refused({u"queue"_s, u"hold"_s}, {{u"ids"_s, QJsonArray{u"ABCDEF123"_s, u"no id"_s}}},
            u"ids[1]"_s);
    refused({u"queue"_s, u"delete"_s}, {{u"all"_s, u"yes"_s}}, u"all"_s);
    EXPECT_EQ(liveBytes(), QByteArray(basePolicy));
    // A write's refused request is audited, like every refused write.
    bool audited = false;
    for (const auto &e : call({u"audit"_s}).value()[u"entries"_s].toArray())
        audited = audited || (e[u"verb"_s] == u"policy apply"_s &&
                              e[u"summary"_s].toString().contains(u"coment"_s));
    EXPECT_TRUE(audited);
    // The usage lists each verb's request from its type.
    EXPECT_TRUE(ctl::usageText().contains((u"  policy apply"_s).leftJustified(38) +
                                          u" edit_own_accounts  stdin "_s +
                                          api::PolicyApplyRequest::fields()))
        << ctl::usageText().toStdString();
}

// The console's requests are the same types' toJson, and read back as they were built.
TEST(ApiRequests, RoundTrip)
{
    api::QueueListRequest list;
    list.recipient = u"bob@lab.test"_s;
    list.ids = {u"ABCDEF123"_s};
    list.minAge = 60;
    list.limit = 10;
    auto back = api::QueueListRequest::fromJson(list.toJson());
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_EQ(back.value().toJson(), list.toJson());
    EXPECT_EQ(back.value().limit, 10);
    EXPECT_FALSE(back.value().offset.has_value());

    const api::QueueActionRequest action{{.ids = {u"ABCDEF123"_s}}, true};
    EXPECT_EQ(api::QueueActionRequest::fromJson(action.toJson()).value().toJson(), action.toJson());
    const api::WhitelistAddRequest add{u"192.0.2.0/24"_s, u"office"_s};
    EXPECT_EQ(api::WhitelistAddRequest::fromJson(add.toJson()).value().note, u"office"_s);
    EXPECT_EQ(api::SearchRequest::fromJson(api::SearchRequest{u"x"_s}.toJson()).value().term,
              u"x"_s);

    auto policy = policy::Policy::fromJson(basePolicy);
    ASSERT_TRUE(policy.ok());
    const api::PolicyApplyRequest apply{3, policy.value(), u"why"_s};
    auto applied = api::PolicyApplyRequest::fromJson(apply.toJson());
    ASSERT_TRUE(applied.ok()) << applied.error().message.toStdString();
    EXPECT_EQ(applied.value().toJson(), apply.toJson());
    EXPECT_EQ(applied.value().baseRevision, 3);
    const api::PolicyRollbackRequest rollback{2, std::nullopt};
    EXPECT_EQ(api::PolicyRollbackRequest::fromJson(rollback.toJson()).value().baseRevision, 2);
    EXPECT_EQ(api::PolicyRollbackRequest::fromJson(rollback.toJson()).value().comment,
              std::nullopt);
}

TEST_F(PolicyApi, TheGeneratedUsageListsEveryVerbAndEachLineNamesARegisteredVerb)
{
    const auto o = ctl::run(ctl::parseArguments({}), {}, conf, Caller{u"root"_s, {}, u"local"_s});
    EXPECT_EQ(o.exitCode, 2);
    const QString usage = QString::fromUtf8(o.err);
    EXPECT_EQ(usage, ctl::usageText());
    for (const QString &verb : {u"info"_s,
                                u"policy get"_s,
                                u"policy apply"_s,
                                u"policy diff"_s,
                                u"policy history"_s,
                                u"policy rollback"_s,
                                u"usage"_s,
                                u"audit"_s,
                                u"queue list"_s,
                                u"queue show"_s,
                                u"queue delete"_s,
                                u"queue hold"_s,
                                u"queue release"_s,
                                u"queue requeue"_s,
                                u"queue flush"_s,
                                u"bans list"_s,
                                u"bans log"_s,
                                u"bans unban"_s,
                                u"bans whitelist"_s,
                                u"bans whitelist add"_s,
                                u"bans whitelist remove"_s,
                                u"search"_s,
                                u"trace"_s,
                                u"stats"_s,
                                u"accounts list"_s,
                                u"accounts add"_s,
                                u"accounts remove"_s,
                                u"accounts passwd"_s}) {
        EXPECT_TRUE(usage.contains(u"\n  "_s + verb + u' ')) << verb.toStdString();
    }
    // Every verb line of the usage is found by the dispatch under the name it shows, with
    // the permission it declares.
    int lines = 0;
    for (const QString &line : usage.split(u'\n').mid(2)) {
        if (line.trimmed().isEmpty())
            continue;
        ++lines;
        const QStringList words = line.trimmed().split(u' ', Qt::SkipEmptyParts);
        QStringList path;
        for (const QString &w : words) {
            if (!w.at(0).isLower())
                break;
            path.append(w);
        }
        const ctl::Verb *v = ctl::findVerb(path);
        ASSERT_NE(v, nullptr) << line.toStdString();
        EXPECT_TRUE(line.contains(permissionName(v->permission))) << line.toStdString();
    }
    EXPECT_EQ(lines, 35); // ... alerts list|ack, reputation check|show|history
}

TEST_F(PolicyApi, AnUnknownVerbOrSubverbIsUnknownVerbWithTheUsage)
{
    for (const QStringList &words : {QStringList{u"frobnicate"_s},
                                     {u"policy"_s, u"frob"_s},
                                     {u"queue"_s},
                                     {u"bans"_s, u"nope"_s}}) {
        const auto o = ctl::run(ctl::parseArguments(words + QStringList{u"--json"_s}), {}, conf,
                                Caller{u"root"_s, {}, u"local"_s});
        EXPECT_EQ(o.exitCode, 2) << words.join(u' ').toStdString();
        auto r = api::parseResponse(o.out, o.err, o.exitCode);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::UnknownVerb) << words.join(u' ').toStdString();
        const auto human =
            ctl::run(ctl::parseArguments(words), {}, conf, Caller{u"root"_s, {}, u"local"_s});
        EXPECT_TRUE(human.err.contains("usage: staffettactl")) << human.err.toStdString();
    }
}

TEST_F(PolicyApi, ARefusedVerbIsAuditedOnceWhereverItIsRefused)
{
    const Caller viewer{u"vera"_s, {u"staff"_s}, u"192.0.2.9"_s};
    const Caller helpdesk{u"hugo"_s, {u"helpdesk"_s}, u"192.0.2.8"_s};
    // Refused by the dispatch (the declared permission) ...
    auto r = call({u"bans"_s, u"unban"_s, u"192.0.2.1"_s}, {}, viewer);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(r.error().details.value(u"permission"_s).toString(), u"unban"_s);
    // ... by the handler (a network too wide for helpdesk) ...
    r = call({u"bans"_s, u"whitelist"_s, u"add"_s, u"10.0.0.0/8"_s}, {}, helpdesk);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);
    // ... and a partner's change outside its accounts, with the change it tried.
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    QJsonObject p = got.value(u"policy"_s).toObject();
    QJsonObject limits = p[u"limits"_s].toObject();
    limits[u"daily_quota"_s] = 5000;
    p[u"limits"_s] = limits;
    r = call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, p}},
             Caller{u"acme"_s, {}, u"192.0.2.7"_s});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied);

    const QJsonArray entries = call({u"audit"_s}).value()[u"entries"_s].toArray();
    QStringList refused;
    for (const auto &e : entries) {
        if (e[u"outcome"_s].toString() == u"permission_denied"_s)
            refused.append(e[u"user"_s].toString() + u' ' + e[u"verb"_s].toString());
    }
    refused.sort();
    EXPECT_EQ(refused, (QStringList{u"acme policy apply"_s, u"hugo bans whitelist add"_s,
                                    u"vera bans unban"_s}));
    for (const auto &e : entries) {
        if (e[u"user"_s].toString() == u"acme"_s) {
            EXPECT_EQ(e[u"changes"_s].toArray().size(), 1);
        }
    }
}

// The CLI front-end (main) keeps termination out of a write until its answer is written:
// here staffettad is "running" but never confirms, so the write's answer waits up to 5 s
// for it, and a SIGTERM in that time neither stops the write nor loses its answer.
TEST_F(PolicyApi, ATerminatedWriteStillEndsWithItsAnswer)
{
    ASSERT_FALSE(qEnvironmentVariable("STAFFETTACTL").isEmpty());
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject next =
        edited(got, [](QJsonObject &p) { addSender(p, 1, u"*@terminated.example"_s); });
    // A staffettad stand-in that outlives the SIGHUP nudge and never writes the marker.
    QProcess daemon;
    daemon.start(u"sh"_s, {u"-c"_s, u"trap '' HUP; exec sleep 30"_s});
    ASSERT_TRUE(daemon.waitForStarted());
    {
        QFile marker(QDir(stateDir).filePath(u"staffettad.loaded"_s));
        ASSERT_TRUE(marker.open(QIODevice::WriteOnly | QIODevice::Truncate));
        marker.write(QJsonDocument(
                         QJsonObject{{u"sha256"_s, u"0"_s}, {u"pid"_s, qint64(daemon.processId())}})
                         .toJson());
    }
    QProcess ctl;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STAFFETTA_CONF"_s, conf);
    env.remove(u"SSH_ORIGINAL_COMMAND"_s);
    ctl.setProcessEnvironment(env);
    ctl.start(qEnvironmentVariable("STAFFETTACTL"), {u"policy"_s, u"apply"_s, u"--json"_s});
    ASSERT_TRUE(ctl.waitForStarted());
    ctl.write(QJsonDocument(QJsonObject{{u"base_revision"_s, 1}, {u"policy"_s, next}}).toJson());
    ASSERT_TRUE(ctl.waitForBytesWritten(5000));
    ctl.closeWriteChannel();
    QThread::msleep(1500); // committed by now, waiting for the reload
    ASSERT_EQ(ctl.state(), QProcess::Running);
    ::kill(pid_t(ctl.processId()), SIGTERM);
    ASSERT_TRUE(ctl.waitForFinished(15000));
    daemon.kill();
    daemon.waitForFinished();

    const QByteArray out = ctl.readAllStandardOutput();
    auto answer = api::parseResponse(out, ctl.readAllStandardError(), 0);
    ASSERT_TRUE(answer.ok()) << "stdout: " << out.toStdString() << " "
                             << answer.error().message.toStdString();
    EXPECT_EQ(answer.value()[u"revision"_s].toInt(), 2);
    EXPECT_EQ(answer.value()[u"reloaded"_s], QJsonValue(false));
    EXPECT_EQ(answer.value()[u"reload_code"_s].toString(), u"reload_timeout"_s);
    // The pending SIGTERM ends it once the answer is out.
    EXPECT_EQ(ctl.exitStatus(), QProcess::CrashExit);
    EXPECT_TRUE(liveBytes().contains("*@terminated.example"));
}

// ---- accounts list|add|remove|passwd (local credentials: Dovecot's passwd-file)

// The abuse switch's roles: a partner suspends and resumes its own account, but not the
// admin's suspension, not by a policy write, not by removing the account; helpdesk never.
TEST_F(PolicyApi, ASuspensionIsUndoneOnlyByWhoMayUndoIt)
{
    const Caller acme{u"acme"_s, {}, u"192.0.2.5"_s};
    const Caller hugo{u"hugo"_s, {u"helpdesk"_s}, u"192.0.2.8"_s};
    const Caller root{u"root"_s, {}, u"192.0.2.7"_s};
    const QStringList suspend{u"accounts"_s, u"suspend"_s, u"bob"_s};
    const QStringList resume{u"accounts"_s, u"resume"_s, u"bob"_s};
    const auto suspension = [&] {
        auto got = call({u"policy"_s, u"get"_s});
        EXPECT_TRUE(got.ok());
        return got.value()[u"policy"_s][u"accounts"_s][1][u"suspended"_s].toObject();
    };
    const auto refusedAs = [&](const QStringList &words, const QJsonObject &request,
                               const Caller &caller, const QString &code) {
        auto r = call(words, request, caller);
        ASSERT_FALSE(r.ok()) << words.join(u' ').toStdString();
        EXPECT_EQ(r.error().name(), code) << r.error().message.toStdString();
    };

    refusedAs(suspend, {}, root, u"bad_request"_s); // no reason
    refusedAs(suspend, {{u"reason"_s, u"x"_s}}, hugo, u"permission_denied"_s);
    refusedAs({u"accounts"_s, u"suspend"_s, u"carol"_s}, {{u"reason"_s, u"x"_s}}, acme,
              u"permission_denied"_s);
    // The reply goes into an SMTP line: no line break, nothing beyond ASCII.
    refusedAs(suspend, {{u"reason"_s, u"x"_s}, {u"message"_s, u"sospeso è"_s}}, root,
              u"invalid_policy"_s);
    EXPECT_TRUE(suspension().isEmpty());

    auto own = call(suspend, {{u"reason"_s, u"my customer asked"_s}}, acme);
    ASSERT_TRUE(own.ok()) << own.error().message.toStdString();
    EXPECT_EQ(suspension()[u"role"_s].toString(), u"partner"_s);
    EXPECT_EQ(suspension()[u"by"_s].toString(), u"acme"_s);
    refusedAs(suspend, {{u"reason"_s, u"again"_s}}, acme, u"conflict"_s);
    auto undone = call(resume, {{u"reason"_s, u"fixed"_s}}, acme);
    ASSERT_TRUE(undone.ok()) << undone.error().message.toStdString();
    EXPECT_TRUE(suspension().isEmpty());

    ASSERT_TRUE(call(suspend, {{u"reason"_s, u"abuse ticket 12"_s}}, root).ok());
    refusedAs(resume, {{u"reason"_s, u"it was not me"_s}}, acme, u"permission_denied"_s);
    auto got = call({u"policy"_s, u"get"_s}, {}, acme);
    ASSERT_TRUE(got.ok());
    QJsonObject mine = got.value()[u"policy"_s].toObject();
    QJsonArray accounts = mine[u"accounts"_s].toArray();
    QJsonObject bob = accounts[0].toObject();
    ASSERT_EQ(bob[u"login"_s].toString(), u"bob"_s);
    bob.remove(u"suspended"_s);
    accounts[0] = bob;
    mine[u"accounts"_s] = accounts;
    refusedAs({u"policy"_s, u"apply"_s},
              {{u"base_revision"_s, got.value()[u"revision"_s]}, {u"policy"_s, mine}}, acme,
              u"permission_denied"_s);
    refusedAs({u"accounts"_s, u"remove"_s, u"bob"_s}, {}, acme, u"permission_denied"_s);
    EXPECT_EQ(suspension()[u"reason"_s].toString(), u"abuse ticket 12"_s);
    // The admin's own apply keeps it (a round trip changes nothing); the admin resumes it.
    ASSERT_TRUE(call(resume, {{u"reason"_s, u"ticket 12 closed"_s}}, root).ok());
    EXPECT_TRUE(suspension().isEmpty());
}

TEST_F(PolicyApi, AccountsKeepOnlyHashesAndAPartnerOnlyItsOwnAccounts)
{
    const QString passwd = useLocalCredentials();
    const auto passwdBytes = [&] {
        QFile p(passwd);
        return p.open(QIODevice::ReadOnly) ? p.readAll() : QByteArray();
    };
    const Caller acme{u"acme"_s, {}, u"192.0.2.5"_s};
    const Caller hugo{u"hugo"_s, {u"helpdesk"_s}, u"192.0.2.8"_s};

    auto added = call({u"accounts"_s, u"add"_s, u"dave-1"_s},
                      {{u"senders"_s, QJsonArray{u"dave-1@bob.example"_s}}}, acme);
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    const QString password = added.value()[u"password"_s].toString();
    EXPECT_EQ(password.size(), 20);
    EXPECT_TRUE(passwdBytes().contains("\ndave-1:{ARGON2ID}$argon2id$"));
    EXPECT_FALSE(passwdBytes().contains(password.toUtf8()));
    EXPECT_TRUE(passwdBytes().startsWith("archive:{PLAIN}archive-secret\n"));
    EXPECT_EQ((QFileInfo(passwd).permissions() & (QFile::ReadOther | QFile::WriteOther)).toInt(),
              0);

    const auto refused = [&](const QStringList &words, const QJsonObject &request,
                             const Caller &caller, const QString &code) {
        const QByteArray before = passwdBytes();
        auto r = call(words, request, caller);
        ASSERT_FALSE(r.ok()) << words.join(u' ').toStdString();
        EXPECT_EQ(r.error().name(), code)
            << words.join(u' ').toStdString() << ": " << r.error().message.toStdString();
        EXPECT_EQ(passwdBytes(), before) << words.join(u' ').toStdString();
    };
    const QJsonObject pw{{u"password"_s, u"a-long-enough-one"_s}};
    // Outside the partner's accounts, a mailbox outside the policy, bad input.
    refused({u"accounts"_s, u"add"_s, u"eve"_s}, {}, acme, u"permission_denied"_s);
    refused({u"accounts"_s, u"passwd"_s, u"carol"_s}, pw, acme, u"permission_denied"_s);
    refused({u"accounts"_s, u"remove"_s, u"alice"_s}, {}, acme, u"permission_denied"_s);
    refused({u"accounts"_s, u"passwd"_s, u"archive"_s}, pw, acme, u"permission_denied"_s);
    refused({u"accounts"_s, u"passwd"_s, u"archive"_s}, pw, {u"root"_s, {}, u"local"_s},
            u"not_found"_s);
    refused({u"accounts"_s, u"add"_s, u"archive"_s}, {}, {u"root"_s, {}, u"local"_s},
            u"conflict"_s);
    refused({u"accounts"_s, u"add"_s, u"dave-2"_s},
            {{u"senders"_s, QJsonArray{u"x@elsewhere.example"_s}}}, acme, u"permission_denied"_s);
    refused({u"accounts"_s, u"passwd"_s, u"dave-1"_s}, {{u"password"_s, u"short"_s}}, acme,
            u"bad_request"_s);
    refused({u"accounts"_s, u"add"_s, u"x:y"_s}, {}, {u"root"_s, {}, u"local"_s}, u"bad_request"_s);
    refused({u"accounts"_s, u"add"_s}, {{u"login"_s, u"z"_s}, {u"passwrd"_s, u"x"_s}},
            {u"root"_s, {}, u"local"_s}, u"bad_request"_s);
    refused({u"accounts"_s, u"passwd"_s, u"dave-1"_s}, pw, hugo, u"permission_denied"_s);

    // A chosen password is not answered; the list shows who has one, never a hash.
    auto changed = call({u"accounts"_s, u"passwd"_s, u"dave-1"_s}, pw, acme);
    ASSERT_TRUE(changed.ok()) << changed.error().message.toStdString();
    EXPECT_FALSE(changed.value().contains(u"password"_s));
    auto list = call({u"accounts"_s, u"list"_s}, {}, hugo);
    ASSERT_TRUE(list.ok()) << list.error().message.toStdString();
    const api::AccountsList accounts = api::AccountsList::fromJson(list.value());
    EXPECT_EQ(accounts.accounts.size(), 4);
    EXPECT_FALSE(QJsonDocument(list.value()).toJson().contains("ARGON2ID"));
    auto partnerList = call({u"accounts"_s, u"list"_s}, {}, acme);
    ASSERT_TRUE(partnerList.ok());
    QStringList seen;
    for (const auto &a : api::AccountsList::fromJson(partnerList.value()).accounts)
        seen.append(a.login + (a.hasPassword ? u"+"_s : u""_s));
    EXPECT_EQ(seen, (QStringList{u"bob"_s, u"dave-1+"_s}));

    // Every refusal and write is audited; no row holds a password.
    auto audit = call({u"audit"_s}, {});
    ASSERT_TRUE(audit.ok());
    const QByteArray rows = QJsonDocument(audit.value()).toJson();
    EXPECT_FALSE(rows.contains(password.toUtf8()));
    EXPECT_FALSE(rows.contains("a-long-enough-one"));
    int denied = 0, done = 0;
    for (const auto &e : audit.value()[u"entries"_s].toArray()) {
        if (!e[u"verb"_s].toString().startsWith(u"accounts "_s))
            continue;
        denied += e[u"outcome"_s].toString() == u"permission_denied"_s;
        done += e[u"outcome"_s].toString() == u"done"_s;
    }
    EXPECT_EQ(denied, 6);
    EXPECT_EQ(done, 2);

    auto removed = call({u"accounts"_s, u"remove"_s, u"dave-1"_s}, {}, acme);
    ASSERT_TRUE(removed.ok()) << removed.error().message.toStdString();
    EXPECT_EQ(passwdBytes(), "archive:{PLAIN}archive-secret\n");
}

TEST_F(PolicyApi, ExternalCredentialsKeepNoPassword)
{
    auto passwd =
        call({u"accounts"_s, u"passwd"_s, u"bob"_s}, {{u"password"_s, u"long-enough-1"_s}});
    ASSERT_FALSE(passwd.ok());
    EXPECT_EQ(passwd.error().name(), u"bad_request"_s);
    auto withPassword =
        call({u"accounts"_s, u"add"_s, u"dan"_s}, {{u"password"_s, u"long-enough-1"_s}});
    ASSERT_FALSE(withPassword.ok());
    auto added = call({u"accounts"_s, u"add"_s, u"dan"_s});
    ASSERT_TRUE(added.ok()) << added.error().message.toStdString();
    EXPECT_FALSE(added.value().contains(u"password"_s));
    EXPECT_FALSE(added.value()[u"has_password"_s].toBool());
    EXPECT_EQ(api::AccountsList::fromJson(call({u"accounts"_s, u"list"_s}).value()).credentials,
              u"external"_s);
}

// An account removed by a policy write (the console's editor) loses its password with it.
// A partner's write is checked as the whole relay policy it makes live; a clash with an
// account it does not see is told from its own side, in its view's paths, naming nothing of
// the other account, wherever the relay's order puts the two.
TEST_F(PolicyApi, APartnersClashIsToldFromItsOwnSide)
{
    const Caller acme{u"acme"_s, {}, u"198.51.100.8"_s};
    const auto trust = [](QJsonObject &p, const QString &login, const QJsonArray &nets) {
        QJsonArray accounts = p[u"accounts"_s].toArray();
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            QJsonObject a = accounts[i].toObject();
            if (a[u"login"_s].toString() == login) {
                a[u"trusted_clients"_s] = nets;
                accounts[i] = a;
            }
        }
        p[u"accounts"_s] = accounts;
    };
    // alice comes before bob, carol after him: both sides of the overlap check.
    const QJsonObject got = call({u"policy"_s, u"get"_s}).value();
    const QJsonObject admins = edited(got, [&](QJsonObject &p) {
        trust(p, u"alice"_s, {u"192.0.2.3"_s});
        trust(p, u"carol"_s, {u"198.51.100.77"_s});
        QJsonArray accounts = p[u"accounts"_s].toArray();
        accounts.append(QJsonObject{{u"login"_s, u"dave1"_s}});
        p[u"accounts"_s] = accounts;
    });
    ASSERT_TRUE(
        call({u"policy"_s, u"apply"_s}, {{u"base_revision"_s, 1}, {u"policy"_s, admins}}).ok());

    for (const QString &net : {u"192.0.2.0/24"_s, u"198.51.100.0/24"_s}) {
        const QJsonObject view = call({u"policy"_s, u"get"_s}, {}, acme).value();
        const QJsonObject mine = edited(view, [&](QJsonObject &p) { trust(p, u"bob"_s, {net}); });
        auto r = call({u"policy"_s, u"apply"_s},
                      {{u"base_revision"_s, view[u"revision"_s]}, {u"policy"_s, mine}}, acme);
        ASSERT_FALSE(r.ok()) << net.toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
        const QJsonArray errors = r.error().details[u"errors"_s].toArray();
        ASSERT_EQ(errors.size(), 1);
        EXPECT_EQ(errors[0][u"path"_s].toString(), u"accounts[0].trusted_clients[0]"_s);
        EXPECT_EQ(errors[0][u"reason"_s].toString(),
                  net + u" overlaps an address another account uses: a client relays for one "
                        u"account only"_s);
        const QByteArray said =
            r.error().message.toUtf8() + QJsonDocument(r.error().details).toJson();
        for (const char *other : {"alice", "carol", "192.0.2.3", "198.51.100.77", "accounts[2]"})
            EXPECT_FALSE(said.contains(other)) << said.toStdString();
    }
    // Two of its own accounts: told in full, in its view's paths.
    const QJsonObject view = call({u"policy"_s, u"get"_s}, {}, acme).value();
    const QJsonObject both = edited(view, [&](QJsonObject &p) {
        trust(p, u"bob"_s, {u"203.0.113.0/25"_s});
        trust(p, u"dave1"_s, {u"203.0.113.9"_s});
    });
    auto r = call({u"policy"_s, u"apply"_s},
                  {{u"base_revision"_s, view[u"revision"_s]}, {u"policy"_s, both}}, acme);
    ASSERT_FALSE(r.ok());
    const QJsonArray errors = r.error().details[u"errors"_s].toArray();
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors[0][u"path"_s].toString(), u"accounts[1].trusted_clients[0]"_s);
    EXPECT_TRUE(errors[0][u"reason"_s].toString().contains(u"of bob (accounts[0]."_s))
        << errors[0][u"reason"_s].toString().toStdString();
    // Nothing of it was written.
    EXPECT_EQ(call({u"policy"_s, u"get"_s}).value()[u"revision"_s].toInt(), 2);
}

// A partner reads neither why the live file cannot be used (the parser names every tenant)
// nor may it roll back over it; the admin reads both and may.
TEST_F(PolicyApi, APartnerIsNotToldWhatMakesTheLiveFileInvalid)
{
    const Caller acme{u"acme"_s, {}, u"198.51.100.8"_s};
    ASSERT_TRUE(call({u"policy"_s, u"get"_s}).ok());
    QByteArray broken = basePolicy;
    broken.replace(
        R"("login": "carol", "senders": ["carol@lab.test"])",
        R"("login": "carol", "senders": ["carol@lab.test"], "trusted_clients": ["192.0.2.3"])");
    broken.replace(
        R"("login": "alice", "senders": ["alice@lab.test"])",
        R"("login": "alice", "senders": ["alice@lab.test"], "trusted_clients": ["192.0.2.0/24"])");
    ASSERT_TRUE(writeFileAtomically(policyFile, broken).ok());
    auto admin = call({u"policy"_s, u"get"_s});
    ASSERT_FALSE(admin.ok());
    EXPECT_TRUE(admin.error().message.contains(u"alice"_s)) << admin.error().message.toStdString();
    for (const QStringList &verb : {QStringList{u"policy"_s, u"get"_s}, QStringList{u"usage"_s},
                                    QStringList{u"accounts"_s, u"list"_s}}) {
        auto r = call(verb, {}, acme);
        ASSERT_FALSE(r.ok()) << verb.join(u' ').toStdString();
        const QByteArray said =
            r.error().message.toUtf8() + QJsonDocument(r.error().details).toJson();
        for (const char *other : {"alice", "carol", "192.0.2"})
            EXPECT_FALSE(said.contains(other)) << said.toStdString();
    }
    auto history = call({u"policy"_s, u"history"_s}, {}, acme);
    ASSERT_TRUE(history.ok()) << history.error().message.toStdString();
    EXPECT_FALSE(history.value()[u"live_problem"_s].toString().contains(u"carol"_s));
    EXPECT_FALSE(call({u"policy"_s, u"rollback"_s, u"1"_s}, {}, acme).ok());
    EXPECT_EQ(liveBytes(), broken);
    auto rolled = call({u"policy"_s, u"rollback"_s, u"1"_s});
    ASSERT_TRUE(rolled.ok()) << rolled.error().message.toStdString();
    EXPECT_TRUE(call({u"policy"_s, u"get"_s}, {}, acme).ok());
}

TEST_F(PolicyApi, APolicyApplyThatRemovesAnAccountRemovesItsPassword)
{
    const QString passwd = useLocalCredentials();
    ASSERT_TRUE(call({u"accounts"_s, u"add"_s, u"carla"_s},
                     {{u"senders"_s, QJsonArray{u"carla@lab.test"_s}}})
                    .ok());
    QFile p(passwd);
    ASSERT_TRUE(p.open(QIODevice::ReadOnly));
    ASSERT_TRUE(p.readAll().contains("\ncarla:{ARGON2ID}"));
    p.close();
    auto got = call({u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    QJsonObject policy = got.value()[u"policy"_s].toObject();
    QJsonArray accounts = policy[u"accounts"_s].toArray();
    accounts.removeLast(); // carla
    policy[u"accounts"_s] = accounts;
    auto applied = call({u"policy"_s, u"apply"_s},
                        {{u"base_revision"_s, got.value()[u"revision"_s]}, {u"policy"_s, policy}});
    ASSERT_TRUE(applied.ok()) << applied.error().message.toStdString();
    ASSERT_TRUE(p.open(QIODevice::ReadOnly));
    EXPECT_EQ(p.readAll(), "archive:{PLAIN}archive-secret\n");
    EXPECT_FALSE(QFile::exists(stateDir + u"/accounts-removing.json"_s));
}
