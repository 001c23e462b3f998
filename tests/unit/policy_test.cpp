#include "engine_rig.h"
#include "policy/engine.h"
#include "policy/pattern.h"
#include "policy/policy.h"
#include "policy/protocol.h"
#include "stats/stats_store.h"

#include "test_support.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::policy;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray basePolicy = R"({
  "schema_version": 1,
  "local_domains": ["lab.test"],
  "limits": {"daily_quota": 3, "max_recipients": 4, "max_message_size": 1000},
  "blacklist": [{"pattern": "*@spammer.example", "message": "known spam source"}],
  "accounts": [
    {"login": "alice", "senders": ["alice@lab.test", "*@*.shop.example"]},
    {"login": "bob", "senders": ["bob@lab.test"], "daily_quota": 5,
     "blacklist": [{"pattern": "ceo@lab.test"}]}
  ]
})";

std::shared_ptr<const Policy> load(const QByteArray &json = basePolicy)
{
    auto p = Policy::fromJson(json);
    EXPECT_TRUE(p.ok()) << (p ? "" : p.error().message.toStdString());
    return std::make_shared<const Policy>(std::move(p).value());
}

QStringList errorPaths(const Error &e)
{
    QStringList paths;
    for (const auto &v : e.details.value(u"errors"_s).toArray())
        paths.append(v.toObject().value(u"path"_s).toString());
    return paths;
}

Request rcpt(const QString &login, const QString &sender, const QString &to,
             const QByteArray &instance = "i1")
{
    Request r;
    r.state = "RCPT";
    r.login = login;
    r.sender = sender;
    r.recipient = to;
    r.client = u"192.0.2.7"_s;
    r.instance = instance;
    return r;
}

Request eom(const QString &login, const QString &sender, int recipients, qint64 size = 100,
            const QByteArray &instance = "i1")
{
    Request r;
    r.state = "END-OF-MESSAGE";
    r.login = login;
    r.sender = sender;
    r.recipientCount = recipients;
    r.size = size;
    r.instance = instance;
    return r;
}

const QDateTime noon(QDate(2026, 11, 22), QTime(12, 0));

} // namespace

TEST(Pattern, MatchesAddressesDomainsAndGlobs)
{
    auto exact = SenderPattern::parse(u"Alice@Lab.Test"_s);
    ASSERT_TRUE(exact);
    EXPECT_TRUE(exact->matches(u"alice@lab.test"_s));
    EXPECT_FALSE(exact->matches(u"alice@lab.test.evil"_s));
    auto domain = SenderPattern::parse(u"*@example.com"_s);
    EXPECT_TRUE(domain->matches(u"anyone@EXAMPLE.com"_s));
    EXPECT_FALSE(domain->matches(u"a@sub.example.com"_s));
    EXPECT_FALSE(domain->matches(u"a@badexample.com"_s));
    auto sub = SenderPattern::parse(u"*@*.example.com"_s);
    EXPECT_TRUE(sub->matches(u"a@mail.example.com"_s));
    EXPECT_FALSE(sub->matches(u"a@example.com"_s));
    auto glob = SenderPattern::parse(u"news-??@*.example.com"_s);
    EXPECT_TRUE(glob->matches(u"news-it@www.example.com"_s));
    EXPECT_FALSE(glob->matches(u"news-ita@www.example.com"_s));
}

TEST(Pattern, RefusesWhatIsNotAPattern)
{
    for (const QString &bad :
         {u"*@"_s, u"@example.com"_s, u"a@b@c"_s, u"*@*"_s, u"nodomain"_s, u"a b@c.d"_s, u""_s}) {
        PatternProblem why;
        EXPECT_FALSE(SenderPattern::parse(bad, &why)) << bad.toStdString();
        EXPECT_FALSE(why.message().isEmpty());
    }
}

TEST(Pattern, RefusesADomainThatCouldMatchEveryDomain)
{
    for (const QString &every : {u"*@**"_s, u"*@?*"_s, u"*@*?"_s, u"*@*.*"_s, u"x@?.*"_s}) {
        PatternProblem why;
        EXPECT_FALSE(SenderPattern::parse(every, &why)) << every.toStdString();
        EXPECT_EQ(why.code, PatternProblem::Code::MatchesEveryDomain) << every.toStdString();
        EXPECT_TRUE(why.message().contains(u"every domain"_s)) << why.message().toStdString();
    }
    EXPECT_TRUE(SenderPattern::parse(u"*@*.example"_s));
    EXPECT_TRUE(SenderPattern::parse(u"*@?.example"_s));
}

TEST(Glob, BacktracksCorrectly)
{
    EXPECT_TRUE(globMatch(u"*a*b", u"xxaxxab"));
    EXPECT_TRUE(globMatch(u"a*", u"a"));
    EXPECT_FALSE(globMatch(u"a*b", u"a"));
    EXPECT_TRUE(globMatch(u"**", u""));
    EXPECT_FALSE(globMatch(u"?", u""));
}

TEST(PolicyJson, RoundTrips)
{
    auto p = load();
    auto again = Policy::fromJson(p->toJson());
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again.value().toJson(), p->toJson());
    EXPECT_EQ(again.value().account(u"BOB"_s)->dailyQuota, 5);
    EXPECT_EQ(again.value().dailyQuota(again.value().account(u"alice"_s)), 3);
}

TEST(PolicyJson, NamesEveryErrorPath)
{
    const QByteArray bad = R"({
      "schema_version": 1, "colour": "blue",
      "limits": {"daily_quota": -1, "max_recipients": 2.5, "quota_window": "weekly", "burst": 1},
      "blacklist": [{"pattern": "*@", "message": "x"}, {"pattern": "a@b.c", "message": "two\nlines"}],
      "local_domains": ["lab.test", "*@x"],
      "accounts": [
        {"login": "alice", "senders": ["alice@lab.test", "*@"]},
        {"login": "ALICE", "senders": "alice@lab.test"},
        {"login": "", "sendrs": []},
        "carol"
      ]
    })";
    auto r = Policy::fromJson(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
    const QStringList paths = errorPaths(r.error());
    for (const QString &expected :
         {u"colour"_s, u"limits.daily_quota"_s, u"limits.max_recipients"_s,
          u"limits.quota_window"_s, u"limits.burst"_s, u"blacklist[0].pattern"_s,
          u"blacklist[1].message"_s, u"local_domains[1]"_s, u"accounts[0].senders[1]"_s,
          u"accounts[1].login"_s, u"accounts[1].senders"_s, u"accounts[2].login"_s,
          u"accounts[2].sendrs"_s, u"accounts[3]"_s}) {
        EXPECT_TRUE(paths.contains(expected))
            << "missing " << expected.toStdString() << " in " << paths.join(u", "_s).toStdString();
    }
    EXPECT_EQ(paths.size(), 14) << paths.join(u", "_s).toStdString();
    EXPECT_TRUE(r.error().message.startsWith(u"colour: unknown key"_s))
        << r.error().message.toStdString();
    const auto first = r.error().details.value(u"errors"_s).toArray();
    bool found = false;
    for (const auto &e : first) {
        if (e.toObject().value(u"path"_s).toString() == u"accounts[0].senders[1]"_s) {
            EXPECT_EQ(e.toObject().value(u"reason"_s).toString(),
                      u"\"*@\" is not a valid pattern: has no domain after the @"_s);
            found = true;
        }
    }
    EXPECT_TRUE(found);
}

TEST(PolicyJson, RefusesWrongSchemaAndGarbage)
{
    auto v2 = Policy::fromJson(R"({"schema_version": 2})");
    ASSERT_FALSE(v2.ok());
    EXPECT_EQ(errorPaths(v2.error()), QStringList{u"schema_version"_s});
    auto garbage = Policy::fromJson("{not json");
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().code, ErrorCode::InvalidPolicy);
}

TEST(Engine, UnauthenticatedIsNotJudged)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    EXPECT_EQ(e.evaluate(rcpt({}, u"x@y.z"_s, u"a@b.c"_s), noon).action, "DUNNO");
}

TEST(Engine, UnauthorizedSenderIs553AndFlagged)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    const Verdict v = e.evaluate(rcpt(u"alice"_s, u"bob@lab.test"_s, u"x@ext.example"_s), noon);
    EXPECT_TRUE(v.action.startsWith("553 5.7.1 <bob@lab.test>")) << v.action.toStdString();
    EXPECT_TRUE(v.unauthorizedSender);
    EXPECT_EQ(rig.stats.sum(u"alice"_s, metric::RejectedSender, 0, hourOf(noon)), 1);
    EXPECT_EQ(
        e.evaluate(rcpt(u"alice"_s, u"news@www.shop.example"_s, u"x@ext.example"_s), noon).action,
        "DUNNO");
    // An unknown account has no declared senders.
    EXPECT_TRUE(e.evaluate(rcpt(u"mallory"_s, u"mallory@lab.test"_s, u"x@e.x"_s), noon)
                    .action.startsWith("553 5.7.1"));
}

TEST(Engine, BlacklistIs554WithItsMessage)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    const Verdict relayWide =
        e.evaluate(rcpt(u"alice"_s, u"x@spammer.example"_s, u"x@e.x"_s), noon);
    EXPECT_EQ(relayWide.action,
              "554 5.7.1 <x@spammer.example>: Sender address is blacklisted: known spam source");
    const Verdict own = e.evaluate(rcpt(u"bob"_s, u"ceo@lab.test"_s, u"x@e.x"_s), noon);
    EXPECT_EQ(own.action, "554 5.7.1 <ceo@lab.test>: Sender address is blacklisted");
}

TEST(Engine, SuspendedAccountIs550AtEveryRcptAndNotAFail2banLine)
{
    auto p = Policy::fromJson(basePolicy);
    ASSERT_TRUE(p.ok());
    Policy policy = p.value();
    Suspension s{u"phishing run from a stolen password"_s,
                 {},
                 u"alice"_s,
                 u"admin"_s,
                 QDateTime(QDate(2026, 12, 3), QTime(8, 0), Qt::UTC)};
    policy.account(u"bob"_s)->suspended = s;
    // Through the file's parser: what is written is what is read.
    auto reread = Policy::fromJson(policy.toJson());
    ASSERT_TRUE(reread.ok()) << reread.error().message.toStdString();
    ASSERT_TRUE(reread.value().account(u"bob"_s)->suspended);
    EXPECT_EQ(*reread.value().account(u"bob"_s)->suspended, s);

    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(std::make_shared<const Policy>(reread.value()));
    // Even an authorized sender to a local recipient: nothing leaves a suspended account.
    const Verdict v = e.evaluate(rcpt(u"bob"_s, u"bob@lab.test"_s, u"x@lab.test"_s), noon);
    EXPECT_EQ(v.action, "550 5.7.1 Account sospeso per sospetto abuso: contattare l'assistenza");
    EXPECT_FALSE(v.unauthorizedSender); // no fail2ban line: the client is not banned
    EXPECT_EQ(v.rejectMetric, metric::RejectedSuspended);
    EXPECT_EQ(rig.stats.sum(u"bob"_s, metric::RejectedSuspended, 0, hourOf(noon)), 1);
    // Another account is untouched.
    EXPECT_EQ(e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"x@ext.example"_s), noon).action,
              "DUNNO");

    // The admin's own words, and a message in flight when the suspension came is refused at
    // its end with its reservation given back.
    policy.account(u"bob"_s)->suspended.reset();
    e.setPolicy(std::make_shared<const Policy>(policy));
    ASSERT_EQ(e.evaluate(rcpt(u"bob"_s, u"bob@lab.test"_s, u"x@ext.example"_s, "m2"), noon).action,
              "DUNNO");
    EXPECT_EQ(e.reserved(u"bob"_s), 1);
    s.message = u"Account suspended: call +39 055 000000"_s;
    policy.account(u"bob"_s)->suspended = s;
    e.setPolicy(std::make_shared<const Policy>(policy));
    EXPECT_EQ(e.evaluate(eom(u"bob"_s, u"bob@lab.test"_s, 1, 100, "m2"), noon).action,
              "550 5.7.1 Account suspended: call +39 055 000000");
    EXPECT_EQ(e.reserved(u"bob"_s), 0);
    EXPECT_EQ(e.quotaUsed(u"bob"_s, noon), 0);
}

// Postfix asks no RCPT restriction for a bare `postmaster`: the sender is judged at the end
// of the message too, counted and logged for fail2ban once a message.
TEST(Engine, TheSenderIsJudgedAgainAtTheEndOfTheMessageOnce)
{
    auto p = Policy::fromJson(basePolicy);
    ASSERT_TRUE(p.ok());
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(std::make_shared<const Policy>(p.value()));
    // Only `postmaster`: no RCPT request came; the end of the message refuses.
    Verdict v = e.evaluate(eom(u"bob"_s, u"carol@lab.test"_s, 1, 100, "pm1"), noon);
    EXPECT_TRUE(v.action.startsWith("553 5.7.1 <carol@lab.test>: Sender address not authorized"))
        << v.action.toStdString();
    EXPECT_TRUE(v.unauthorizedSender);
    EXPECT_EQ(rig.stats.sum(u"bob"_s, metric::RejectedSender, 0, hourOf(noon)), 1);
    // An outside recipient refused, then `postmaster`: refused at the end, not counted again.
    v = e.evaluate(rcpt(u"bob"_s, u"carol@lab.test"_s, u"x@ext.example"_s, "pm2"), noon);
    EXPECT_TRUE(v.unauthorizedSender);
    v = e.evaluate(eom(u"bob"_s, u"carol@lab.test"_s, 1, 100, "pm2"), noon);
    EXPECT_TRUE(v.action.startsWith("553 5.7.1")) << v.action.toStdString();
    EXPECT_FALSE(v.unauthorizedSender);
    EXPECT_EQ(rig.stats.sum(u"bob"_s, metric::RejectedSender, 0, hourOf(noon)), 2);
    // A blacklisted sender likewise; an authorized one passes and is charged nothing local.
    v = e.evaluate(eom(u"bob"_s, u"ceo@lab.test"_s, 1, 100, "pm3"), noon);
    EXPECT_TRUE(v.action.startsWith("554 5.7.1")) << v.action.toStdString();
    EXPECT_EQ(e.evaluate(eom(u"bob"_s, u"bob@lab.test"_s, 0, 100, "pm4"), noon).action, "DUNNO");
    EXPECT_EQ(e.reserved(u"bob"_s), 0);
}

// Relaying by trusted address: on the trusted port only, a client of an account's
// trusted_clients is judged as that account (IPv4 mapped into IPv6 too); anyone else there is
// refused; elsewhere, unauthenticated mail is not judged.
TEST(Engine, ATrustedClientIsJudgedAsItsAccountOnTheTrustedPortOnly)
{
    QByteArray json = basePolicy;
    json.replace(R"("daily_quota": 5,)",
                 R"("daily_quota": 5, "trusted_clients": ["192.0.2.0/28", "2001:db8:1::/64"],)");
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load(json));
    e.setTrustedPort(2525);
    Request r = rcpt({}, u"bob@lab.test"_s, u"x@ext.example"_s);
    r.client = u"192.0.2.9"_s;
    EXPECT_EQ(e.evaluate(r, noon).action, "DUNNO"); // no port: not the trusted service
    r.serverPort = 2525;
    const Verdict v = e.evaluate(r, noon);
    EXPECT_EQ(v.action, "DUNNO");
    EXPECT_EQ(e.reserved(u"bob"_s), 1) << "charged to bob";
    r.sender = u"alice@lab.test"_s;
    r.instance = "i2";
    const Verdict stranger = e.evaluate(r, noon);
    EXPECT_TRUE(stranger.action.startsWith("553 5.7.1")) << stranger.action.toStdString();
    EXPECT_EQ(stranger.login, u"bob"_s); // logged as bob's, for fail2ban's filter
    r.client = u"::ffff:192.0.2.10"_s;
    r.sender = u"bob@lab.test"_s;
    EXPECT_EQ(e.evaluate(r, noon).action, "DUNNO");
    for (const QString &other : {u"192.0.2.16"_s, u"2001:db8:2::1"_s, u"garbage"_s}) {
        r.client = other;
        EXPECT_TRUE(e.evaluate(r, noon).action.startsWith("554 5.7.1 Client address not trusted"))
            << other.toStdString();
    }
    // Overlapping networks, host bits, too wide: refused with their paths.
    QByteArray bad = basePolicy;
    bad.replace(
        R"("senders": ["alice@lab.test", "*@*.shop.example"])",
        R"("senders": ["alice@lab.test"], "trusted_clients": ["192.0.2.8/29", "10.0.0.1/8", "198.51.100.7/24"])");
    bad.replace(R"("daily_quota": 5,)",
                R"("daily_quota": 5, "trusted_clients": ["192.0.2.0/28"],)");
    auto p = Policy::fromJson(bad);
    ASSERT_FALSE(p.ok());
    const QStringList paths = errorPaths(p.error());
    EXPECT_TRUE(paths.contains(u"accounts[0].trusted_clients[1]"_s))
        << paths.join(u' ').toStdString();
    EXPECT_TRUE(paths.contains(u"accounts[0].trusted_clients[2]"_s));
    EXPECT_TRUE(paths.contains(u"accounts[1].trusted_clients[0]"_s)) << "overlaps alice's /29";
}

TEST(PolicyJson, SuspensionIsValidatedWithItsPaths)
{
    QByteArray json = basePolicy;
    json.replace(R"("daily_quota": 5,)",
                 R"("daily_quota": 5, "suspended": {"reason": "", "message": "sospeso è",
                    "by": "alice", "role": "admin", "at": "yesterday", "extra": 1},)");
    auto p = Policy::fromJson(json);
    ASSERT_FALSE(p.ok());
    const QStringList paths = errorPaths(p.error());
    EXPECT_TRUE(paths.contains(u"accounts[1].suspended.reason"_s))
        << paths.join(u' ').toStdString();
    EXPECT_TRUE(paths.contains(u"accounts[1].suspended.message"_s));
    EXPECT_TRUE(paths.contains(u"accounts[1].suspended.at"_s));
    EXPECT_TRUE(paths.contains(u"accounts[1].suspended.extra"_s));
}

TEST(Engine, TooManyRecipientsIs452)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(
            e.evaluate(rcpt(u"bob"_s, u"bob@lab.test"_s, u"l%1@lab.test"_s.arg(i)), noon).action,
            "DUNNO");
    EXPECT_TRUE(e.evaluate(rcpt(u"bob"_s, u"bob@lab.test"_s, u"l5@lab.test"_s), noon)
                    .action.startsWith("452 4.5.3"));
}

TEST(Engine, QuotaCountsExternalAcceptedRecipientsOnly)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    // Message 1: two external, one local -> accepted, charges 2.
    EXPECT_EQ(e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"a@ext.example"_s), noon).action,
              "DUNNO");
    EXPECT_EQ(e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"b@ext.example"_s), noon).action,
              "DUNNO");
    EXPECT_EQ(e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"bob@lab.test"_s), noon).action,
              "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, noon), 0); // nothing charged before END-OF-MESSAGE
    EXPECT_EQ(e.evaluate(eom(u"alice"_s, u"alice@lab.test"_s, 3), noon).action, "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, noon), 2);
    // Message 2 is rejected at END-OF-MESSAGE (too big): not charged.
    EXPECT_EQ(
        e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"c@ext.example"_s, "i2"), noon).action,
        "DUNNO");
    EXPECT_TRUE(e.evaluate(eom(u"alice"_s, u"alice@lab.test"_s, 1, 5000, "i2"), noon)
                    .action.startsWith("552 5.3.4"));
    EXPECT_EQ(e.quotaUsed(u"alice"_s, noon), 2);
    // Message 3: the 3rd external passes, the 4th is over quota; local still passes.
    EXPECT_EQ(
        e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"d@ext.example"_s, "i3"), noon).action,
        "DUNNO");
    EXPECT_EQ(
        e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"e@ext.example"_s, "i3"), noon).action,
        "450 4.7.1 <alice@lab.test> has exceeded 3 messages per 1 day");
    EXPECT_EQ(
        e.evaluate(rcpt(u"alice"_s, u"alice@lab.test"_s, u"carol@LAB.test"_s, "i3"), noon).action,
        "DUNNO");
    EXPECT_EQ(e.evaluate(eom(u"alice"_s, u"alice@lab.test"_s, 2, 100, "i3"), noon).action, "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, noon), 3);
    EXPECT_EQ(rig.stats.sum(u"alice"_s, metric::AcceptedLocal, 0, hourOf(noon)), 2);
    EXPECT_EQ(e.inFlight(), 0);
}

TEST(Engine, CalendarDayWindowStartsAtLocalMidnight)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(load());
    const QDateTime lateYesterday(QDate(2026, 11, 21), QTime(23, 30));
    rig.counter.load(u"alice"_s, hourOf(lateYesterday), 3);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, lateYesterday), 3);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, QDateTime(QDate(2026, 11, 22), QTime(0, 30))), 0);
}

TEST(Engine, RollingWindowSpans24Hours)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    QByteArray json = basePolicy;
    json.replace(R"("max_message_size": 1000})",
                 R"("max_message_size": 1000, "quota_window": "rolling_24h"})");
    e.setPolicy(load(json));
    const QDateTime lateYesterday(QDate(2026, 11, 21), QTime(23, 30));
    rig.counter.load(u"alice"_s, hourOf(lateYesterday), 3);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, QDateTime(QDate(2026, 11, 22), QTime(0, 30))), 3);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, lateYesterday.addSecs(25 * 3600)), 0);
}

TEST(Protocol, ParsesChunkedRequests)
{
    RequestParser p;
    QList<RequestParser::Attributes> out;
    EXPECT_TRUE(p.feed("request=smtpd_access_policy\nprotocol_state=RC", out));
    EXPECT_TRUE(out.isEmpty());
    EXPECT_TRUE(p.feed("PT\r\nsender=a@b.c\nrecipient=\n\nrequest=smtpd_access_policy\n\n", out));
    ASSERT_EQ(out.size(), 2);
    EXPECT_EQ(out[0].value("protocol_state"), "RCPT");
    EXPECT_EQ(out[0].value("sender"), "a@b.c");
    EXPECT_TRUE(out[0].contains("recipient"));
    EXPECT_EQ(formatAction("DUNNO"), "action=DUNNO\n\n");
}

TEST(Protocol, RefusesMalformedInput)
{
    {
        RequestParser p;
        QList<RequestParser::Attributes> out;
        EXPECT_FALSE(p.feed("no equals sign\n", out));
        EXPECT_TRUE(p.failed());
    }
    {
        RequestParser p;
        QList<RequestParser::Attributes> out;
        EXPECT_FALSE(p.feed(QByteArray(5000, 'x'), out)); // an endless line
    }
    {
        RequestParser p;
        QList<RequestParser::Attributes> out;
        QByteArray many;
        for (int i = 0; i < 70; ++i)
            many += "a" + QByteArray::number(i) + "=1\n";
        EXPECT_FALSE(p.feed(many, out));
    }
}

TEST(StatsStore, CountsSurviveReopening)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"state.sqlite"_s);
    const qint64 hour = hourOf(QDateTime::currentDateTime());
    {
        auto store = stats::StatsStore::open(path);
        ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
        store.value()->add(u"alice"_s, metric::AcceptedExternal, hour, 7);
        store.value()->add(u"alice"_s, metric::AcceptedExternal, hour, 3);
        store.value()->add(u"alice"_s, metric::AcceptedExternal, hour - 30,
                           100); // outside the window
        EXPECT_EQ(store.value()->sum(u"alice"_s, metric::AcceptedExternal, hour - 23, hour), 10);
    }
    auto reopened = stats::StatsStore::open(path);
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened.value()->sum(u"alice"_s, metric::AcceptedExternal, hour - 23, hour), 10);
    EXPECT_EQ(reopened.value()->sum(u"bob"_s, metric::AcceptedExternal, hour - 23, hour), 0);
}

TEST(StatsStore, UnwritablePathIsUnavailable)
{
    auto store = stats::StatsStore::open(u"/nonexistent/dir/state.sqlite"_s);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code, ErrorCode::Unavailable);
}
