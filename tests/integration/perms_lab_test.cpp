// Permissions on the lab relay, over SSH as its real partner and helpdesk users: the bans
// verbs keep partners out and keep the whitelist narrow and safe for fail2ban (checked with
// the real fail2ban), and a partner stays inside its accounts and its grants in every answer
// and every write (checked with the real queue, policy and audit).
#include "api/accounts.h"
#include "api/verbs.h"
#include "client/ops_client.h"
#include "client/policy_client.h"
#include "client/relay_client.h"
#include "common/access.h"
#include "common/files.h"
#include "common/limits.h"
#include "policy/store.h"

#include "lab_helpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QUuid>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString whitelistJail()
{
    return QDir(Lab::get().value(u"LAB_FAIL2BAN_CONFIG"_s))
        .filePath(u"jail.d/staffetta-whitelist.local"_s);
}

// fail2ban re-reads its whole configuration: what a broken jail.d file would stop.
ProcessOutput reloadFail2ban()
{
    return run(u"fail2ban-client"_s, {u"-c"_s, Lab::get().value(u"LAB_FAIL2BAN_CONFIG"_s), u"-s"_s,
                                      Lab::get().value(u"LAB_FAIL2BAN_SOCKET"_s), u"reload"_s});
}

QStringList ignored(const QString &jail)
{
    const auto out = run(u"fail2ban-client"_s, {u"-s"_s, Lab::get().value(u"LAB_FAIL2BAN_SOCKET"_s),
                                                u"get"_s, jail, u"ignoreip"_s});
    return QString::fromUtf8(out.out).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
}

class PermsLab : public LabTest
{
protected:
    void SetUp() override
    {
        LabTest::SetUp();
        auto got = await(client::policyGet(admin));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        whitelistBefore = readFile(whitelistJail());
    }
    void TearDown() override
    {
        auto now = await(client::policyGet(admin));
        ASSERT_TRUE(now.ok());
        if (now.value().policy.toJson() != original.policy.toJson()) {
            auto restored = await(client::policyApply(admin, now.value().revision, original.policy,
                                                      u"test cleanup"_s));
            ASSERT_TRUE(restored.ok()) << restored.error().message.toStdString();
        }
    }

    Result<QJsonObject> call(client::RelayClient &c, const QStringList &words,
                             const QJsonObject &request = {})
    {
        return await(c.call(words, request.isEmpty() ? QByteArray() : json(request)));
    }

    // The partner's own view (`policy get`), with bob's JSON object edited, applied raw: the
    // relay must judge it, not the console's parser.
    Result<QJsonObject> partnerAppliesToBob(const std::function<void(QJsonObject &)> &edit)
    {
        auto got = call(partner, {u"policy"_s, u"get"_s});
        if (!got)
            return got.error();
        QJsonObject p = got.value().value(u"policy"_s).toObject();
        QJsonArray accounts = p.value(u"accounts"_s).toArray();
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            QJsonObject a = accounts[i].toObject();
            if (a.value(u"login"_s).toString() == u"bob"_s) {
                edit(a);
                accounts[i] = a;
            }
        }
        p.insert(u"accounts"_s, accounts);
        return call(partner, {u"policy"_s, u"apply"_s},
                    {{u"base_revision"_s, got.value().value(u"revision"_s)}, {u"policy"_s, p}});
    }

    static void addSender(QJsonObject &account, const QString &sender)
    {
        QJsonArray senders = account.value(u"senders"_s).toArray();
        senders.append(sender);
        account.insert(u"senders"_s, senders);
    }

    client::RelayClient admin = clientAs();
    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    client::RelayClient helpdesk = clientAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    client::PolicySnapshot original;
    QByteArray whitelistBefore;
};

} // namespace

TEST_F(PermsLab, APartnerMayNeitherUnbanNorWhitelist)
{
    const QString client = Lab::get().value(u"LAB_BANNED_CLIENT"_s);
    // This test's rows: those after the newest one now.
    auto before = call(admin, {u"audit"_s, u"1"_s});
    ASSERT_TRUE(before.ok());
    const qint64 last = before.value()[u"entries"_s][0][u"id"_s].toInteger();
    auto unban = call(partner, {u"bans"_s, u"unban"_s, client});
    ASSERT_FALSE(unban.ok());
    EXPECT_EQ(unban.error().code, ErrorCode::PermissionDenied)
        << unban.error().message.toStdString();
    EXPECT_EQ(unban.error().details.value(u"permission"_s).toString(), u"unban"_s);

    auto add = call(partner, {u"bans"_s, u"whitelist"_s, u"add"_s, u"0.0.0.0/0"_s});
    ASSERT_FALSE(add.ok());
    EXPECT_EQ(add.error().code, ErrorCode::PermissionDenied) << add.error().message.toStdString();
    EXPECT_FALSE(ignored(Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s)).contains(u"0.0.0.0/0"_s));
    EXPECT_EQ(readFile(whitelistJail()), whitelistBefore);

    // Both refusals are in the audit, with who tried.
    auto audit = call(admin, {u"audit"_s, u"5"_s});
    ASSERT_TRUE(audit.ok());
    int refused = 0;
    for (const auto &e : audit.value().value(u"entries"_s).toArray()) {
        refused += e[u"user"_s].toString() == Lab::get().value(u"LAB_PARTNER_USER"_s) &&
                   e[u"outcome"_s].toString() == u"permission_denied"_s &&
                   e[u"id"_s].toInteger() > last;
    }
    EXPECT_EQ(refused, 2) << json(audit.value()).toStdString();
}

TEST_F(PermsLab, HelpdeskWhitelistsOnlyAddressesAndNarrowNetworks)
{
    const QString jail = Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s);
    for (const QString &wide : {u"::/0"_s, u"0.0.0.0/0"_s, u"10.0.0.0/8"_s, u"2001:db8::/32"_s}) {
        auto r = call(helpdesk, {u"bans"_s, u"whitelist"_s, u"add"_s}, {{u"address"_s, wide}});
        ASSERT_FALSE(r.ok()) << wide.toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::PermissionDenied) << wide.toStdString();
        EXPECT_EQ(r.error().details.value(u"permission"_s).toString(), u"whitelist_wide"_s);
        EXPECT_FALSE(ignored(jail).contains(wide)) << wide.toStdString();
    }
    EXPECT_EQ(readFile(whitelistJail()), whitelistBefore);

    // A /24 is fine, stored in its normal form (the network's own address).
    auto narrow = call(helpdesk, {u"bans"_s, u"whitelist"_s, u"add"_s, u"198.51.100.77/24"_s});
    ASSERT_TRUE(narrow.ok()) << narrow.error().message.toStdString();
    EXPECT_EQ(narrow.value().value(u"address"_s).toString(), u"198.51.100.0/24"_s);
    EXPECT_TRUE(ignored(jail).contains(u"198.51.100.0/24"_s));
    EXPECT_TRUE(readFile(whitelistJail()).contains("198.51.100.0/24"));
    ASSERT_TRUE(
        call(helpdesk, {u"bans"_s, u"whitelist"_s, u"remove"_s, u"198.51.100.0/24"_s}).ok());

    // The admin may whitelist wider networks.
    auto wide = call(admin, {u"bans"_s, u"whitelist"_s, u"add"_s, u"10.0.0.0/8"_s});
    ASSERT_TRUE(wide.ok()) << wide.error().message.toStdString();
    ASSERT_TRUE(call(admin, {u"bans"_s, u"whitelist"_s, u"remove"_s, u"10.0.0.0/8"_s}).ok());
    EXPECT_EQ(reloadFail2ban().exitCode, 0);
}

TEST_F(PermsLab, ScopeIdsAndNewlinesNeverReachFail2ban)
{
    const QJsonObject bad[] = {
        {{u"address"_s, u"fe80::1%eth0"_s}},
        {{u"address"_s, u"192.0.2.9\n[postfix-sasl]\nenabled = false"_s}},
        {{u"address"_s, u"192.0.2.9"_s}, {u"note"_s, u"ticket\n[postfix-sasl]\nenabled = false"_s}},
    };
    for (const QJsonObject &request : bad) {
        auto r = call(admin, {u"bans"_s, u"whitelist"_s, u"add"_s}, request);
        ASSERT_FALSE(r.ok()) << json(request).toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::BadRequest) << r.error().message.toStdString();
    }
    auto scoped =
        call(admin, {u"bans"_s, u"whitelist"_s, u"add"_s}, {{u"address"_s, u"fe80::1%eth0"_s}});
    ASSERT_FALSE(scoped.ok());
    EXPECT_TRUE(scoped.error().message.contains(u"scope id"_s))
        << scoped.error().message.toStdString();
    EXPECT_EQ(readFile(whitelistJail()), whitelistBefore);
    const auto reload = reloadFail2ban();
    EXPECT_EQ(reload.exitCode, 0) << reload.err.toStdString();
}

TEST_F(PermsLab, AWhitelistFileFail2banRefusesIsNeverWritten)
{
    // A whitelist.json edited by hand with an entry fail2ban cannot read: the next change is
    // refused with what fail2ban said, and its live configuration stays as it was.
    const QString path = QDir(Lab::get().value(u"LAB_STATE_DIR"_s)).filePath(u"whitelist.json"_s);
    const QByteArray saved = readFile(path);
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"entries": [{"address": "192.0.2.5%x", "note": "edited by hand"}]})");
    }
    auto r = call(admin, {u"bans"_s, u"whitelist"_s, u"add"_s, u"192.0.2.6"_s});
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(saved);
    }
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Config) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(u"fail2ban refuses"_s))
        << r.error().message.toStdString();
    EXPECT_FALSE(r.error().details.value(u"fail2ban"_s).toString().isEmpty());
    EXPECT_EQ(readFile(whitelistJail()), whitelistBefore);
    EXPECT_FALSE(ignored(Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s)).contains(u"192.0.2.6"_s));
    const auto reload = reloadFail2ban();
    EXPECT_EQ(reload.exitCode, 0) << reload.err.toStdString();
}

TEST_F(PermsLab, APartnerCannotAuthorizeEveryDomainNorOthersDomains)
{
    for (const QString &every : {u"*@**"_s, u"*@?*"_s, u"*@*?"_s, u"*@*.*"_s}) {
        auto r = partnerAppliesToBob([&](QJsonObject &bob) { addSender(bob, every); });
        ASSERT_FALSE(r.ok()) << every.toStdString();
        EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy) << every.toStdString();
        EXPECT_TRUE(r.error().message.contains(u"every domain"_s))
            << r.error().message.toStdString();
    }
    // A domain the admin did not grant it.
    auto other =
        partnerAppliesToBob([](QJsonObject &bob) { addSender(bob, u"*@other-shop.example"_s); });
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::PermissionDenied)
        << other.error().message.toStdString();
    EXPECT_EQ(other.error().details.value(u"sender"_s).toString(), u"*@other-shop.example"_s);
    EXPECT_EQ(other.error().details.value(u"grant"_s).toString(), u"domains"_s);
    // A granted one (a subdomain of *.bob-shop.example).
    auto granted =
        partnerAppliesToBob([](QJsonObject &bob) { addSender(bob, u"*@eu.bob-shop.example"_s); });
    EXPECT_TRUE(granted.ok()) << granted.error().message.toStdString();
}

// The BCC archive is a partner's to set for its accounts, within its domains: a copy of its
// customers' mail to anywhere else is refused; the relay-wide setting is not its to touch.
TEST_F(PermsLab, APartnersArchiveAddressStaysInItsDomains)
{
    auto outside = partnerAppliesToBob([](QJsonObject &bob) {
        bob[u"content"_s] =
            QJsonObject{{u"bcc"_s, QJsonObject{{u"mode"_s, u"address"_s},
                                               {u"address"_s, u"drop@evil.example"_s}}}};
    });
    ASSERT_FALSE(outside.ok());
    EXPECT_EQ(outside.error().code, ErrorCode::PermissionDenied)
        << outside.error().message.toStdString();
    EXPECT_EQ(outside.error().details.value(u"address"_s).toString(), u"drop@evil.example"_s);
    auto own = partnerAppliesToBob([](QJsonObject &bob) {
        bob[u"content"_s] =
            QJsonObject{{u"bcc"_s, QJsonObject{{u"mode"_s, u"address"_s},
                                               {u"address"_s, u"archive@bob.example"_s}}},
                        {u"attachments"_s, QJsonObject{{u"mode"_s, u"off"_s}}}};
    });
    EXPECT_TRUE(own.ok()) << own.error().message.toStdString();
    auto back = partnerAppliesToBob([](QJsonObject &bob) { bob.remove(u"content"_s); });
    EXPECT_TRUE(back.ok()) << back.error().message.toStdString();
}

TEST_F(PermsLab, APartnersLimitsAreCappedByItsGrants)
{
    auto quota = partnerAppliesToBob([](QJsonObject &bob) { bob[u"daily_quota"_s] = 10000000; });
    ASSERT_FALSE(quota.ok());
    EXPECT_EQ(quota.error().code, ErrorCode::PermissionDenied)
        << quota.error().message.toStdString();
    EXPECT_EQ(quota.error().details.value(u"grant"_s).toString(), u"max_daily_quota"_s);
    EXPECT_EQ(quota.error().details.value(u"maximum"_s).toInteger(), 5000);
    EXPECT_TRUE(quota.error().message.contains(u"5000"_s)) << quota.error().message.toStdString();

    auto size = partnerAppliesToBob(
        [](QJsonObject &bob) { bob[u"max_message_size"_s] = 1099511627776.0; }); // 1 TiB
    ASSERT_FALSE(size.ok());
    EXPECT_EQ(size.error().code, ErrorCode::PermissionDenied) << size.error().message.toStdString();
    EXPECT_EQ(size.error().details.value(u"grant"_s).toString(), u"max_message_size"_s);

    // No max_recipients grant: the relay default (100) is the cap.
    auto recipients = partnerAppliesToBob([](QJsonObject &bob) { bob[u"max_recipients"_s] = 101; });
    ASSERT_FALSE(recipients.ok());
    EXPECT_EQ(recipients.error().details.value(u"maximum"_s).toInteger(), 100);

    auto within = partnerAppliesToBob([](QJsonObject &bob) { bob[u"daily_quota"_s] = 4000; });
    EXPECT_TRUE(within.ok()) << within.error().message.toStdString();
    EXPECT_EQ(await(client::policyGet(admin)).value().policy.account(u"bob"_s)->dailyQuota, 4000);
}

TEST_F(PermsLab, APartnerSeesOnlyItsAccounts)
{
    // Something about carol in the history and the audit first.
    {
        policy::Policy p = original.policy;
        p.account(u"carol"_s)->senders.append(*policy::SenderPattern::parse(u"x@carol.example"_s));
        ASSERT_TRUE(
            await(client::policyApply(admin, original.revision, p, u"carol's shop"_s)).ok());
    }
    const QStringList others{u"alice"_s, u"carol"_s};
    auto got = call(partner, {u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
    QStringList logins;
    for (const auto &a : got.value()[u"policy"_s][u"accounts"_s].toArray())
        logins.append(a[u"login"_s].toString());
    EXPECT_EQ(logins, QStringList{u"bob"_s});

    auto usage = call(partner, {u"usage"_s});
    ASSERT_TRUE(usage.ok()) << usage.error().message.toStdString();
    logins.clear();
    for (const auto &a : usage.value()[u"accounts"_s].toArray())
        logins.append(a[u"login"_s].toString());
    EXPECT_EQ(logins, QStringList{u"bob"_s});

    for (const QStringList &verb :
         {QStringList{u"audit"_s}, QStringList{u"policy"_s, u"history"_s}}) {
        auto r = call(partner, verb);
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        const QByteArray text = json(r.value());
        for (const QString &o : others)
            EXPECT_FALSE(text.contains(o.toUtf8()))
                << verb.join(u' ').toStdString() << ": " << text.toStdString();
    }
    auto diff = call(partner, {u"policy"_s, u"diff"_s, QString::number(original.revision)});
    ASSERT_TRUE(diff.ok()) << diff.error().message.toStdString();
    EXPECT_EQ(diff.value()[u"changes"_s].toArray().size(), 0);

    // Its apply of its own view changes bob and leaves every other account as it is.
    auto mine = partnerAppliesToBob([](QJsonObject &bob) { addSender(bob, u"y@bob.example"_s); });
    ASSERT_TRUE(mine.ok()) << mine.error().message.toStdString();
    const auto after = await(client::policyGet(admin));
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after.value().policy.accounts.size(), original.policy.accounts.size());
    EXPECT_EQ(after.value().policy.account(u"carol"_s)->senders.size(),
              original.policy.account(u"carol"_s)->senders.size() + 1);
    EXPECT_EQ(after.value().policy.account(u"alice"_s)->senders.size(), 1);
    EXPECT_EQ(after.value().policy.account(u"bob"_s)->senders.size(),
              original.policy.account(u"bob"_s)->senders.size() + 1);
}

TEST_F(PermsLab, APartnerCannotReadAnotherAccountsQueuedMail)
{
    const Lab &lab = Lab::get();
    const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(12);
    auto queued = [&](const QString &user) {
        const QString to =
            u"perm-%1-%2@%3"_s.arg(user, tag, lab.value(u"LAB_UNREACHABLE_DOMAIN"_s));
        const auto sent = send({user,
                                user + u'@' + lab.value(u"LAB_LOCAL_DOMAIN"_s),
                                {to},
                                {u"--header"_s, u"Subject: secret of "_s + user},
                                {}});
        EXPECT_TRUE(anyReplyStartsWith(sent, u"250 2.0.0 Ok: queued"_s)) << sent.out.toStdString();
        QString id;
        waitUntil([&] {
            auto l = await(client::queueList(admin, api::QueueListRequest{{.recipient = to}}));
            if (l && !l.value().rows.empty())
                id = l.value().rows.front().id;
            return !id.isEmpty();
        });
        return id;
    };
    // carol, not alice: alice keeps a clean quota day.
    const QString carols = queued(u"carol"_s);
    const QString bobs = queued(u"bob"_s);
    ASSERT_FALSE(carols.isEmpty());
    ASSERT_FALSE(bobs.isEmpty());

    auto shown = call(partner, {u"queue"_s, u"show"_s, carols});
    ASSERT_FALSE(shown.ok());
    EXPECT_EQ(shown.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(shown.error().message.contains(u"secret"_s));
    auto own = call(partner, {u"queue"_s, u"show"_s, bobs});
    ASSERT_TRUE(own.ok()) << own.error().message.toStdString();

    auto listing = await(client::queueList(partner, {}));
    ASSERT_TRUE(listing.ok()) << listing.error().message.toStdString();
    QStringList ids;
    for (const auto &row : listing.value().rows)
        ids.append(row.id);
    EXPECT_TRUE(ids.contains(bobs));
    EXPECT_FALSE(ids.contains(carols));
    auto found = call(partner, {u"search"_s}, {{u"term"_s, u"perm-carol-"_s + tag}});
    ASSERT_TRUE(found.ok()) << found.error().message.toStdString();
    EXPECT_EQ(found.value()[u"queue"_s][u"matched"_s].toInteger(), 0);

    ASSERT_TRUE(await(client::queueAction(admin, api::QueueAction::Delete, {carols, bobs})).ok());
}

TEST_F(PermsLab, InfoListsTheCallersPermissions)
{
    auto hd = await(helpdesk.info());
    ASSERT_TRUE(hd.ok()) << hd.error().message.toStdString();
    EXPECT_TRUE(hd.value().permissions.contains(u"unban"_s));
    EXPECT_TRUE(hd.value().permissions.contains(u"whitelist"_s));
    EXPECT_FALSE(hd.value().permissions.contains(u"whitelist_wide"_s));
    EXPECT_FALSE(hd.value().permissions.contains(u"edit_own_accounts"_s));

    auto p = await(partner.info());
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    EXPECT_TRUE(p.value().permissions.contains(u"edit_own_accounts"_s));
    EXPECT_FALSE(p.value().permissions.contains(u"unban"_s));
    EXPECT_FALSE(p.value().permissions.contains(u"read_all_accounts"_s));

    auto a = await(admin.info());
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a.value().permissions.size(), qsizetype(allPermissions().size()));
}

TEST_F(PermsLab, APartnersRollbackRestoresOnlyItsAccounts)
{
    // The admin changes bob and carol; the partner rolls back to before: bob is restored,
    // carol keeps the admin's change.
    policy::Policy p = original.policy;
    p.account(u"bob"_s)->senders.append(*policy::SenderPattern::parse(u"r@bob.example"_s));
    p.account(u"carol"_s)->senders.append(*policy::SenderPattern::parse(u"r@carol.example"_s));
    auto changed = await(client::policyApply(admin, original.revision, p));
    ASSERT_TRUE(changed.ok()) << changed.error().message.toStdString();

    auto rolled = call(partner, {u"policy"_s, u"rollback"_s, QString::number(original.revision)},
                       {{u"base_revision"_s, changed.value().revision}});
    ASSERT_TRUE(rolled.ok()) << rolled.error().message.toStdString();
    const auto after = await(client::policyGet(admin));
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().policy.account(u"bob"_s)->senders.size(),
              original.policy.account(u"bob"_s)->senders.size());
    EXPECT_EQ(after.value().policy.account(u"carol"_s)->senders.size(),
              original.policy.account(u"carol"_s)->senders.size() + 1);
}

// Hardening, round 2: a partner's write is checked as the whole relay policy it would make
// live. A network that holds another tenant's trusted address is refused in the partner's own
// terms (written as IPv4 or as IPv4-mapped IPv6 alike), naming nothing of that tenant, and
// nothing is written: every verb keeps working.
TEST_F(PermsLab, APartnersNetworkThatClashesWithAnotherTenantIsRefusedNamingNothingOfIt)
{
    setAccountKey(u"alice"_s, u"trusted_clients"_s, QJsonArray{u"127.0.77.3"_s},
                  u"alice's office"_s);
    const int revision = await(client::policyGet(admin)).value().revision;
    for (const QString &net :
         {u"127.0.77.0/24"_s, u"::ffff:127.0.77.0/120"_s, u"::ffff:127.0.77.3"_s}) {
        auto r = partnerAppliesToBob(
            [&net](QJsonObject &bob) { bob[u"trusted_clients"_s] = QJsonArray{net}; });
        ASSERT_FALSE(r.ok()) << net.toStdString() << " was accepted";
        EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(u"overlaps an address another account uses"_s))
            << r.error().message.toStdString();
        const QJsonArray errors = r.error().details.value(u"errors"_s).toArray();
        ASSERT_EQ(errors.size(), 1) << json(r.error().details).toStdString();
        EXPECT_EQ(errors[0][u"path"_s].toString(), u"accounts[0].trusted_clients[0]"_s);
        const QByteArray said = r.error().message.toUtf8() + json(r.error().details);
        EXPECT_FALSE(said.contains("alice")) << said.toStdString();
        if (!net.endsWith(u".3"_s)) { // the partner's own address is its to read
            EXPECT_FALSE(said.contains("127.0.77.3")) << said.toStdString();
        }
    }
    const auto after = await(client::policyGet(admin));
    ASSERT_TRUE(after.ok()) << after.error().message.toStdString();
    EXPECT_EQ(after.value().revision, revision);
    EXPECT_TRUE(after.value().policy.account(u"bob"_s)->trustedClients.isEmpty());
    // Its own office elsewhere is fine, written either way (kept as IPv4).
    auto own = partnerAppliesToBob([](QJsonObject &bob) {
        bob[u"trusted_clients"_s] = QJsonArray{u"::ffff:127.0.78.0/120"_s};
    });
    ASSERT_TRUE(own.ok()) << own.error().message.toStdString();
    EXPECT_EQ(
        await(client::policyGet(admin)).value().policy.account(u"bob"_s)->trustedClients[0].text(),
        u"127.0.78.0/24"_s);
}

// A partner's view that would take the relay past its account cap is refused as such, without
// the relay's count or any other account.
TEST_F(PermsLab, APartnersViewOverTheRelaysAccountCapIsRefused)
{
    auto got = call(partner, {u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
    QJsonObject p = got.value().value(u"policy"_s).toObject();
    QJsonArray accounts = p.value(u"accounts"_s).toArray();
    const qsizetype extra = limits::MaxAccounts + 1 - original.policy.accounts.size();
    for (qsizetype i = 0; i < extra; ++i)
        accounts.append(QJsonObject{{u"login"_s, u"bob-cap%1"_s.arg(i, 5, 10, QLatin1Char('0'))}});
    p.insert(u"accounts"_s, accounts);
    auto r = call(partner, {u"policy"_s, u"apply"_s},
                  {{u"base_revision"_s, got.value().value(u"revision"_s)}, {u"policy"_s, p}});
    ASSERT_FALSE(r.ok()) << "the relay took " << limits::MaxAccounts + 1 << " accounts";
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(u"at most %1 accounts"_s.arg(limits::MaxAccounts)))
        << r.error().message.toStdString();
    const QByteArray said = r.error().message.toUtf8() + json(r.error().details);
    for (const char *other : {"alice", "carol", "10001"})
        EXPECT_FALSE(said.contains(other)) << said.toStdString();
    const auto after = await(client::policyGet(admin));
    ASSERT_TRUE(after.ok()) << after.error().message.toStdString();
    EXPECT_EQ(after.value().revision, original.revision);
}

// What an earlier version let a partner write: the latest revision, live, invalid as a whole.
// The reads say which rollback restores the newest valid revision; that rollback and the
// admin's account verbs work over it.
TEST_F(PermsLab, AnInvalidLatestRevisionDoesNotWedgeRollbackNorTheAdminsVerbs)
{
    const QString revisions = labValue("LAB_STATE_DIR") + u"/policy/revisions"_s;
    const auto makeInvalidLatest = [&]() -> int {
        const auto now = await(client::policyGet(admin));
        EXPECT_TRUE(now.ok()) << now.error().message.toStdString();
        QJsonObject o = now.value().policy.toJsonObject();
        QJsonArray accounts = o.value(u"accounts"_s).toArray();
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            QJsonObject a = accounts[i].toObject();
            const QString login = a.value(u"login"_s).toString();
            if (login == u"alice"_s)
                a[u"trusted_clients"_s] = QJsonArray{u"127.0.79.3"_s};
            if (login == u"bob"_s)
                a[u"trusted_clients"_s] = QJsonArray{u"127.0.79.0/24"_s};
            accounts[i] = a;
        }
        o.insert(u"accounts"_s, accounts);
        const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
        EXPECT_FALSE(policy::Policy::fromJson(bytes).ok());
        policy::RevisionInfo info;
        info.number = now.value().revision + 1;
        info.base = now.value().revision;
        info.time = QDateTime::currentDateTimeUtc();
        info.kind = u"apply"_s;
        info.author = {labValue("LAB_PARTNER_USER"), u"partner"_s, u"127.0.0.1"_s};
        info.sha256 = policy::sha256Hex(bytes);
        const QString base = u"%1/%2"_s.arg(revisions).arg(info.number, 6, 10, QLatin1Char('0'));
        EXPECT_TRUE(writeFileAtomically(base + u".json"_s, bytes).ok());
        EXPECT_TRUE(
            writeFileAtomically(base + u".meta.json"_s, QJsonDocument(info.toJson()).toJson())
                .ok());
        EXPECT_TRUE(writeFileAtomically(labValue("LAB_POLICY_FILE"), bytes).ok());
        return info.number;
    };

    // Whatever fails below, the shared lab is left valid and carol not suspended.
    const auto repair = qScopeGuard([&, this] {
        if (!await(client::policyGet(admin)).ok())
            call(admin, {u"policy"_s, u"rollback"_s, QString::number(original.revision)});
        const auto now = await(client::policyGet(admin));
        if (now.ok() && now.value().policy.account(u"carol"_s)->suspended)
            call(admin, api::verbs::AccountsResume + QStringList{u"carol"_s},
                 {{u"reason"_s, u"test cleanup"_s}});
    });
    int invalid = makeInvalidLatest();
    auto read = await(client::policyGet(admin));
    ASSERT_FALSE(read.ok());
    EXPECT_TRUE(read.error().message.contains(u"policy rollback %1"_s.arg(invalid - 1)))
        << read.error().message.toStdString();

    // The admin suspends an account at once: on the newest valid revision, which replaces the
    // invalid file.
    auto suspended = call(admin, api::verbs::AccountsSuspend + QStringList{u"carol"_s},
                          {{u"reason"_s, u"hardening test"_s}});
    ASSERT_TRUE(suspended.ok()) << suspended.error().message.toStdString();
    auto now = await(client::policyGet(admin));
    ASSERT_TRUE(now.ok()) << now.error().message.toStdString();
    EXPECT_TRUE(now.value().policy.account(u"carol"_s)->suspended.has_value());
    EXPECT_TRUE(now.value().policy.account(u"bob"_s)->trustedClients.isEmpty());
    auto resumed = call(admin, api::verbs::AccountsResume + QStringList{u"carol"_s},
                        {{u"reason"_s, u"hardening test over"_s}});
    ASSERT_TRUE(resumed.ok()) << resumed.error().message.toStdString();

    // Again, and the rollback the error names restores it; the invalid revision itself is
    // refused as a target, clearly.
    invalid = makeInvalidLatest();
    auto bad = call(admin, {u"policy"_s, u"rollback"_s, QString::number(invalid)});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::InvalidPolicy) << bad.error().message.toStdString();
    auto rolled = call(admin, {u"policy"_s, u"rollback"_s, QString::number(invalid - 1)});
    ASSERT_TRUE(rolled.ok()) << rolled.error().message.toStdString();
    EXPECT_FALSE(rolled.value()[u"replaced_broken_live_file"_s].toString().isEmpty());
    now = await(client::policyGet(admin));
    ASSERT_TRUE(now.ok()) << now.error().message.toStdString();
    EXPECT_TRUE(now.value().policy.account(u"bob"_s)->trustedClients.isEmpty());
    EXPECT_TRUE(call(partner, {u"policy"_s, u"get"_s}).ok());
}

// The relay's own mail goes to a partner's account contact: kept to its domains, like its
// archive address.
TEST_F(PermsLab, APartnersAlertAddressesStayInItsDomains)
{
    for (const QString &field : {u"contact"_s, u"abuse"_s}) {
        auto outside = partnerAppliesToBob([&field](QJsonObject &bob) {
            bob[u"alerts"_s] = QJsonObject{{field, u"anyone@elsewhere.example"_s}};
        });
        ASSERT_FALSE(outside.ok()) << field.toStdString();
        EXPECT_EQ(outside.error().code, ErrorCode::PermissionDenied)
            << outside.error().message.toStdString();
        EXPECT_EQ(outside.error().details.value(u"field"_s).toString(), u"alerts."_s + field);
    }
    auto own = partnerAppliesToBob([](QJsonObject &bob) {
        bob[u"alerts"_s] = QJsonObject{{u"contact"_s, u"owner@bob.example"_s}};
    });
    EXPECT_TRUE(own.ok()) << own.error().message.toStdString();
}

// Suspend and resume mail the contact; a loop of them does not make the relay a mailer.
TEST_F(PermsLab, SuspensionMailsToAContactAreRateLimited)
{
    const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(10);
    const LabAccount a = addAccount(
        u"bob"_s, {{u"alerts"_s, QJsonObject{{u"contact"_s, u"owner-%1@bob.example"_s.arg(tag)}}}});
    int mailed = 0, refused = 0;
    for (int i = 0; i < 4; ++i) {
        for (const QStringList &verb : {api::verbs::AccountsSuspend, api::verbs::AccountsResume}) {
            auto r =
                call(partner, verb + QStringList{a.login}, {{u"reason"_s, u"loop %1"_s.arg(i)}});
            ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
            const auto s = api::AccountSuspendResult::fromJson(r.value());
            if (!s.notified.isEmpty())
                ++mailed;
            else if (s.notifyError.contains(u"not mailed"_s))
                ++refused;
        }
    }
    EXPECT_EQ(mailed, 4);
    EXPECT_EQ(refused, 4);
    removeAccount(a.login);
}

// Texts people read (comments, reasons, notes) hold no direction overrides; new logins only
// what reads and travels unambiguously.
TEST_F(PermsLab, LookAlikeLoginsAndBidiTextsAreRefused)
{
    for (const QString &login : {u"bob-\u0430"_s, u"bob?x"_s, u"bob%u"_s, u"-bob"_s}) {
        auto r = call(admin, api::verbs::AccountsAdd, {{u"login"_s, login}});
        ASSERT_FALSE(r.ok()) << login.toStdString() << " was added";
        EXPECT_EQ(r.error().code, ErrorCode::BadRequest) << r.error().message.toStdString();
    }
    auto r = partnerAppliesToBob([](QJsonObject &) {});
    ASSERT_TRUE(r.ok());
    auto got = call(partner, {u"policy"_s, u"get"_s});
    ASSERT_TRUE(got.ok());
    auto bidi = call(partner, {u"policy"_s, u"apply"_s},
                     {{u"base_revision"_s, got.value().value(u"revision"_s)},
                      {u"policy"_s, got.value().value(u"policy"_s)},
                      {u"comment"_s, u"paid \u202Egnp.exe"_s}});
    ASSERT_FALSE(bidi.ok());
    EXPECT_EQ(bidi.error().code, ErrorCode::BadRequest) << bidi.error().message.toStdString();
}
