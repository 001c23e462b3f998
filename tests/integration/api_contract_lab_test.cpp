// The relay API's contract, on the lab relay over SSH: every answer staffettactl sends for a
// typed verb is exactly what its core/api type writes (fromJson then toJson gives the answer
// back: no field the console's type drops, none it invents), and the type reads what the
// relay did.
#include "api/bans.h"
#include "api/policy.h"
#include "api/verbs.h"
#include "client/ops_client.h"
#include "client/relay_client.h"

#include "lab_helpers.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString bannedClient = u"127.0.0.2"_s;

client::RelayClient admin()
{
    return client::RelayClient(
        std::make_shared<transport::SshTransport>(labEndpoint(), transport::SshCredentials{}));
}

QJsonObject call(client::RelayClient &c, const QStringList &words, const QJsonObject &request = {})
{
    auto r = await(c.call(words, request.isEmpty()
                                     ? QByteArray()
                                     : QJsonDocument(request).toJson(QJsonDocument::Compact)));
    EXPECT_TRUE(r.ok()) << words.join(u' ').toStdString() << ": "
                        << (r ? "" : r.error().message.toStdString());
    return r ? r.value() : QJsonObject();
}

// A ban's `remaining` is counted from the moment it is written: the relay's and this side's
// differ by the call's time.
QJsonValue withoutRemaining(const QJsonValue &v)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            out.append(withoutRemaining(e));
        return out;
    }
    if (!v.isObject())
        return v;
    QJsonObject out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != u"remaining"_s)
            out.insert(it.key(), withoutRemaining(it.value()));
    }
    return out;
}

// Three wrong passwords from bannedClient: a real ban in the SASL jail, which it returns.
QString banBannedClient()
{
    const QString jail = Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s);
    unban(jail, bannedClient);
    for (int i = 0; i < 3; ++i) {
        send({.user = u"alice"_s,
              .from = u"alice@lab.test"_s,
              .to = {u"x@blackhole.test"_s},
              .extra = {u"--quit-after"_s, u"AUTH"_s},
              .localInterface = bannedClient,
              .password = u"wrong-password"_s});
    }
    waitUntil([&] { return bannedIps(jail).contains(bannedClient); }, 30000);
    return jail;
}

#define EXPECT_SAME_JSON(got, expected)                                                            \
    EXPECT_EQ(QJsonDocument(withoutRemaining(got).toObject()).toJson().toStdString(),              \
              QJsonDocument(withoutRemaining(expected).toObject()).toJson().toStdString())

} // namespace

TEST_F(LabTest, PolicyAnswersAreTheirApiTypes)
{
    client::RelayClient c = admin();
    const QJsonObject got = call(c, api::verbs::PolicyGet);
    auto snapshot = api::PolicySnapshot::fromJson(got);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message.toStdString();
    EXPECT_SAME_JSON(snapshot.value().toJson(), got);
    EXPECT_EQ(snapshot.value().role, u"admin"_s);
    EXPECT_EQ(snapshot.value().sha256.size(), 64);

    // A change (carol gets a sender), then the original back: both are ApplyResults.
    policy::Policy edited = snapshot.value().policy;
    edited.account(u"carol"_s)
        ->senders.append(*policy::SenderPattern::parse(u"contract@carol.example"_s));
    edited.reindex();
    const QJsonObject applied = call(
        c, api::verbs::PolicyApply,
        {{u"base_revision"_s, snapshot.value().revision}, {u"policy"_s, edited.toJsonObject()}});
    const api::ApplyResult result = api::ApplyResult::fromJson(applied);
    EXPECT_SAME_JSON(result.toJson(), applied);
    EXPECT_TRUE(result.changed);
    EXPECT_EQ(result.revision, snapshot.value().revision + 1);
    EXPECT_TRUE(result.reloaded) << result.reloadMessage.toStdString();
    EXPECT_FALSE(result.reloadPending);
    EXPECT_EQ(result.changes.size(), 1);

    const QJsonObject back = call(c, api::verbs::PolicyApply,
                                  {{u"base_revision"_s, result.revision},
                                   {u"policy"_s, snapshot.value().policy.toJsonObject()}});
    EXPECT_SAME_JSON(api::ApplyResult::fromJson(back).toJson(), back);
    EXPECT_TRUE(api::ApplyResult::fromJson(back).changed);

    const QJsonObject usage = call(c, api::verbs::Usage);
    const api::Usage u = api::Usage::fromJson(usage);
    EXPECT_SAME_JSON(u.toJson(), usage);
    EXPECT_TRUE(u.time.isValid());
    EXPECT_EQ(u.accounts.size(), snapshot.value().policy.accounts.size());
}

TEST_F(LabTest, BansAnswersAreTheirApiTypes)
{
    const QString jail = banBannedClient();
    ASSERT_TRUE(bannedIps(jail).contains(bannedClient));

    client::RelayClient c = admin();
    const QJsonObject list = call(c, api::verbs::BansList);
    auto snapshot = api::BansSnapshot::fromJson(list);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message.toStdString();
    EXPECT_SAME_JSON(snapshot.value().toJson(QDateTime::currentDateTime()), list);
    bool listed = false;
    for (const api::JailBans &j : snapshot.value().jails) {
        for (const api::Ban &b : j.bans)
            listed = listed || (j.name == jail && b.address == bannedClient &&
                                b.reason == api::FailureKind::WrongCredentials);
    }
    EXPECT_TRUE(listed) << QJsonDocument(list).toJson().toStdString();

    const QJsonObject log = call(c, api::verbs::BansLog + QStringList{bannedClient});
    const api::AddressReport report = api::AddressReport::fromJson(log);
    EXPECT_SAME_JSON(report.toJson(QDateTime::currentDateTime()), log);
    EXPECT_EQ(report.reason, api::FailureKind::WrongCredentials);
    EXPECT_GE(report.reasonCounts.value(u"wrong_credentials"_s), 3);
    EXPECT_FALSE(report.lines.isEmpty());

    const QJsonObject search = call(c, api::verbs::Search, {{u"term"_s, bannedClient}});
    const api::SearchResult hit = api::SearchResult::fromJson(search);
    EXPECT_SAME_JSON(hit.toJson(QDateTime::currentDateTime()), search);
    ASSERT_TRUE(hit.ip.has_value());
    EXPECT_LE(hit.ip->lines.size(), api::SearchResult::MaxIpLines);

    // Whitelisting lifts the ban; the answer says where from.
    const QJsonObject added = call(c, api::verbs::BansWhitelistAdd + QStringList{bannedClient},
                                   {{u"note"_s, u"contract test"_s}});
    const api::WhitelistResult add = api::WhitelistResult::fromJson(added);
    EXPECT_SAME_JSON(add.toJson(), added);
    EXPECT_EQ(add.address, bannedClient);
    EXPECT_EQ(add.unbanned, QStringList{jail});
    ASSERT_TRUE(add.whitelist.has_value());
    EXPECT_TRUE(
        std::any_of(add.whitelist->begin(), add.whitelist->end(),
                    [](const api::WhitelistEntry &w) { return w.address == bannedClient; }));

    const QJsonObject removed =
        call(c, api::verbs::BansWhitelistRemove + QStringList{bannedClient});
    const api::WhitelistResult remove = api::WhitelistResult::fromJson(removed);
    EXPECT_SAME_JSON(remove.toJson(), removed);
    EXPECT_FALSE(remove.unbanned.has_value());
    ASSERT_TRUE(remove.whitelist.has_value());
    EXPECT_TRUE(
        std::none_of(remove.whitelist->begin(), remove.whitelist->end(),
                     [](const api::WhitelistEntry &w) { return w.address == bannedClient; }));
}

// `bans unban`: the address, the jails the ban was lifted from, and those it was not banned in.
TEST_F(LabTest, UnbanAnswerIsItsApiType)
{
    const QString jail = banBannedClient();
    ASSERT_TRUE(bannedIps(jail).contains(bannedClient));
    client::RelayClient c = admin();
    const QJsonObject unbanned = call(c, api::verbs::BansUnban + QStringList{bannedClient});
    const api::UnbanResult result = api::UnbanResult::fromJson(unbanned);
    EXPECT_SAME_JSON(result.toJson(), unbanned);
    EXPECT_EQ(result.address, bannedClient);
    EXPECT_EQ(result.jails, QStringList{jail});
    EXPECT_TRUE(result.notBanned.contains(Lab::get().value(u"LAB_SENDER_JAIL"_s)))
        << QJsonDocument(unbanned).toJson().toStdString();
    EXPECT_FALSE(result.notBanned.contains(jail));
    EXPECT_FALSE(bannedIps(jail).contains(bannedClient));

    // The console's call reads the same: banned nowhere now, it is not_banned.
    auto again = await(client::unban(c, bannedClient));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::NotFound);
    EXPECT_EQ(again.error().details.value(u"reason"_s).toString(), u"not_banned"_s);
}
