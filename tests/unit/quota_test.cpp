// The quota's two attacks, as units: addresses Postfix may route outside (percent hack, bang
// paths, quoted local parts, aliases) and parallel sessions; and the pattern matcher, which
// must stay linear whatever a partner writes.
#include "engine_rig.h"
#include "policy/engine.h"
#include "policy/pattern.h"
#include "policy/routing.h"
#include "stats/stats_store.h"

#include "test_support.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::policy;
using namespace Qt::Literals::StringLiterals;

namespace {

// The textbook recursive glob, exponential but obviously right: the reference.
bool referenceGlob(QStringView p, QStringView t)
{
    if (p.isEmpty())
        return t.isEmpty();
    if (p[0] == u'*')
        return referenceGlob(p.mid(1), t) || (!t.isEmpty() && referenceGlob(p, t.mid(1)));
    return !t.isEmpty() && (p[0] == u'?' || p[0] == t[0]) && referenceGlob(p.mid(1), t.mid(1));
}

Policy labPolicy()
{
    auto p = Policy::fromJson(R"({"schema_version": 1, "local_domains": ["lab.test", "localhost"],
        "accounts": [{"login": "alice", "senders": ["alice@lab.test"]}]})");
    EXPECT_TRUE(p.ok());
    return p.value();
}

Request request(const QByteArray &state, const QString &to, const QByteArray &instance,
                int recipients = 0)
{
    Request r;
    r.state = state;
    r.login = u"alice"_s;
    r.sender = u"alice@lab.test"_s;
    r.recipient = to;
    r.client = u"192.0.2.7"_s;
    r.instance = instance;
    r.recipientCount = recipients;
    r.size = 100;
    return r;
}

} // namespace

TEST(Glob, AgreesWithTheReferenceOnRandomPatterns)
{
    QRandomGenerator random(20261201);
    const QString alphabet = u"ab@.*?"_s;
    for (int i = 0; i < 20000; ++i) {
        QString pattern, text;
        for (int n = int(random.bounded(9)); n > 0; --n)
            pattern += alphabet[random.bounded(int(alphabet.size()))];
        for (int n = int(random.bounded(12)); n > 0; --n)
            text += alphabet[random.bounded(4)];
        ASSERT_EQ(globMatch(pattern, text), referenceGlob(pattern, text))
            << pattern.toStdString() << " on " << text.toStdString();
    }
    // Patterns longer than one machine word of states, and characters outside ASCII.
    const QString longPattern = QString(100, u'a') + u"*è?"_s + QString(80, u'b');
    EXPECT_TRUE(globMatch(longPattern, QString(100, u'a') + u"xxèz"_s + QString(80, u'b')));
    EXPECT_FALSE(globMatch(longPattern, QString(100, u'a') + u"xxez"_s + QString(80, u'b')));
    EXPECT_TRUE(globMatch(u"*a*b", u"xxaxxab"));
    EXPECT_FALSE(globMatch(u"a*b", u"a"));
    EXPECT_TRUE(globMatch(u"**", u""));
    EXPECT_FALSE(globMatch(u"?", u""));
}

TEST(Glob, PathologicalPatternsGiveTheRightAnswer)
{
    // The attack's shape: `*aaaa…a<tail>` against a long run of a. A backtracking matcher
    // needs length² steps per pattern; the answer must still be exact.
    const QString pattern = u"*"_s + QString(250, u'a') + u"x"_s;
    EXPECT_FALSE(globMatch(pattern, QString(254, u'a')));
    EXPECT_TRUE(globMatch(pattern, QString(3, u'b') + QString(250, u'a') + u"x"_s));
    EXPECT_TRUE(globMatch(u"*a*a*a*a*a*b"_s, QString(200, u'a') + u"b"_s));
    EXPECT_FALSE(globMatch(u"*a*a*a*a*a*b"_s, QString(200, u'a')));
}

TEST(Routing, AddressesPostfixMayRouteOutsideCount)
{
    const Policy policy = labPolicy();
    // Without Postfix's settings: the policy's local domains, and only plain local parts.
    for (const QString &external :
         {u"v3%blackhole.example@lab.test"_s, u"blackhole.example!v5@lab.test"_s,
          u"\"v7@blackhole.example\"@lab.test"_s, u"v7@blackhole.example@lab.test"_s,
          u"v11%blackhole.example@localhost"_s, u"a\\@b@lab.test"_s, u"@x:v@lab.test"_s,
          u"v@blackhole.example"_s, u"v@lab.test.evil.example"_s, u"v@[127.0.0.1]"_s,
          u".v@lab.test"_s, u"bare"_s})
        EXPECT_EQ(route(external, policy, nullptr), Route::External) << external.toStdString();
    for (const QString &local : {u"bob@lab.test"_s, u"Bob.Smith+tag@LAB.test"_s, u"x@localhost"_s})
        EXPECT_EQ(route(local, policy, nullptr), Route::Local) << local.toStdString();
}

TEST(Routing, AliasesThatLeaveTheRelayCount)
{
    const Policy policy = labPolicy();
    LocalDelivery d;
    d.known = true;
    d.domains = {u"lab.test"_s, u"localhost"_s};
    d.aliasDomains = d.domains;
    d.myorigin = u"lab.test"_s;
    d.recipientDelimiter = u"+"_s;
    resolveLeaving(d,
                   {{u"fwd@lab.test"_s, u"v13@blackhole.example"_s},
                    {u"chain@lab.test"_s, u"fwd@lab.test"_s},
                    {u"team@lab.test"_s, u"bob@lab.test, carol@lab.test"_s},
                    {u"@old.lab.test"_s, u"@elsewhere.example"_s}},
                   {{u"postmaster"_s, u"root"_s},
                    {u"root"_s, u"admin@outside.example"_s},
                    {u"pipe"_s, u"|/usr/bin/forward"_s}},
                   &policy);
    for (const QString &external :
         {u"fwd@lab.test"_s, u"FWD+x@lab.test"_s, u"chain@lab.test"_s, u"postmaster@lab.test"_s,
          u"root@localhost"_s, u"pipe@lab.test"_s})
        EXPECT_EQ(route(external, policy, &d), Route::External) << external.toStdString();
    for (const QString &local : {u"team@lab.test"_s, u"bob@lab.test"_s})
        EXPECT_EQ(route(local, policy, &d), Route::Local) << local.toStdString();
    // A local domain of the policy that Postfix does not deliver here is outside.
    d.domains.remove(u"localhost"_s);
    EXPECT_EQ(route(u"x@localhost"_s, policy, &d), Route::External);
    // A table Postfix cannot list (pcre, ldap): nothing is known to stay.
    d.everythingLeaves = true;
    EXPECT_EQ(route(u"bob@lab.test"_s, policy, &d), Route::External);
}

TEST(Engine, RoutedAddressesAreChargedAtQuota)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 1;
    e.setPolicy(std::make_shared<const Policy>(p));
    const QDateTime now = QDateTime::currentDateTime();
    EXPECT_EQ(e.evaluate(request("RCPT", u"v1@blackhole.example"_s, "m1"), now).action, "DUNNO");
    EXPECT_EQ(e.evaluate(request("END-OF-MESSAGE", {}, "m1", 1), now).action, "DUNNO");
    for (const QString &routed :
         {u"v3%blackhole.example@lab.test"_s, u"blackhole.example!v5@lab.test"_s,
          u"v7@blackhole.example@lab.test"_s, u"v11%blackhole.example@localhost"_s})
        EXPECT_TRUE(e.evaluate(request("RCPT", routed, "m2"), now).action.startsWith("450 4.7.1"))
            << routed.toStdString();
    EXPECT_EQ(e.evaluate(request("RCPT", u"bob@lab.test"_s, "m2"), now).action, "DUNNO");
}

// The property: whatever the interleaving of many sessions' RCPTs, ends, refusals and
// abandons, the charged count never exceeds the quota, and a reservation given up comes back.
TEST(Engine, ParallelSessionsNeverExceedTheQuota)
{
    QRandomGenerator random(4711);
    for (int round = 0; round < 300; ++round) {
        test::EngineRig rig;
        Engine &e = rig.engine;
        auto p = labPolicy();
        p.limits.dailyQuota = 1 + int(random.bounded(30));
        p.limits.maxRecipients = 1000;
        p.limits.maxMessageSize = 1000;
        e.setPolicy(std::make_shared<const Policy>(p));
        e.setReservationTimeout(5);
        QDateTime now = QDateTime::currentDateTime();
        const int sessions = 2 + int(random.bounded(40));
        QList<int> accepted(sessions, 0);
        for (int step = 0; step < 400; ++step) {
            const int s = int(random.bounded(sessions));
            const QByteArray instance =
                "s" + QByteArray::number(s) + "-" + QByteArray::number(round);
            const int what = int(random.bounded(10));
            if (what < 6) {
                const QString to =
                    random.bounded(4) == 0 ? u"bob@lab.test"_s : u"r%1@ext.example"_s.arg(step);
                if (e.evaluate(request("RCPT", to, instance), now).action == "DUNNO")
                    ++accepted[s];
            } else if (what < 8) {
                // The end of the message: accepted, or too big.
                Request end = request("END-OF-MESSAGE", {}, instance, accepted[s]);
                end.size = random.bounded(5) == 0 ? 5000 : 100;
                e.evaluate(end, now);
                accepted[s] = 0;
            } else if (what == 8) {
                now = now.addSecs(random.bounded(7)); // time passes: reservations may expire
            }
            // what == 9: the session goes quiet (its client was killed)
            ASSERT_LE(e.quotaUsed(u"alice"_s, now), p.limits.dailyQuota) << "round " << round;
            ASSERT_LE(e.quotaUsed(u"alice"_s, now) + e.reserved(u"alice"_s), p.limits.dailyQuota);
        }
    }
}

TEST(Engine, AnAbandonedReservationComesBackAfterTheTimeout)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 4;
    e.setPolicy(std::make_shared<const Policy>(p));
    e.setReservationTimeout(10);
    const QDateTime t0 = QDateTime::currentDateTime();
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(e.evaluate(request("RCPT", u"a%1@ext.example"_s.arg(i), "gone"), t0).action,
                  "DUNNO");
    EXPECT_TRUE(
        e.evaluate(request("RCPT", u"b@ext.example"_s, "other"), t0).action.startsWith("450"));
    EXPECT_EQ(e.reserved(u"alice"_s), 4);
    const QDateTime later = t0.addSecs(11);
    EXPECT_EQ(e.evaluate(request("RCPT", u"b@ext.example"_s, "other"), later).action, "DUNNO");
    EXPECT_EQ(e.evaluate(request("END-OF-MESSAGE", {}, "other", 1), later).action, "DUNNO");
    // The slow message ends after all: it no longer fits (3 left, it wants 4) and is refused.
    EXPECT_TRUE(
        e.evaluate(request("END-OF-MESSAGE", {}, "gone", 4), later).action.startsWith("450 4.7.1"));
    EXPECT_EQ(e.quotaUsed(u"alice"_s, later), 1);
}

// The hourly limit and the per-sender limit are reserved like the quota: random parallel
// sessions of two senders never exceed either, and the refusal names the limit it hit.
TEST(Engine, HourlyAndPerSenderLimitsHoldUnderParallelSessions)
{
    QRandomGenerator random(20261203);
    auto p = Policy::fromJson(R"({"schema_version": 1, "local_domains": ["lab.test"],
        "limits": {"daily_quota": 1000, "max_recipients": 1000},
        "accounts": [{"login": "alice", "senders": ["*@lab.test"], "hourly_quota": 9,
                      "sender_daily_quota": 6}]})");
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    const auto policy = std::make_shared<const Policy>(p.value());
    for (int round = 0; round < 200; ++round) {
        test::EngineRig rig;
        Engine &e = rig.engine;
        e.setPolicy(policy);
        e.setReservationTimeout(5);
        QDateTime now(QDate(2026, 12, 3), QTime(10, 0), Qt::UTC);
        const int sessions = 2 + int(random.bounded(20));
        QList<int> accepted(sessions, 0);
        QHash<QString, int> charged; // sender -> recipients accepted at END-OF-MESSAGE
        for (int step = 0; step < 300; ++step) {
            const int s = int(random.bounded(sessions));
            const QString sender = s % 2 ? u"a@lab.test"_s : u"b@lab.test"_s;
            const QByteArray instance =
                "s" + QByteArray::number(s) + "-" + QByteArray::number(round);
            const int what = int(random.bounded(10));
            Request r = request(what < 6 ? "RCPT" : "END-OF-MESSAGE",
                                u"r%1@ext.example"_s.arg(step), instance, accepted[s]);
            r.sender = sender;
            if (what < 6) {
                const QByteArray action = e.evaluate(r, now).action;
                if (action == "DUNNO")
                    ++accepted[s];
                else
                    ASSERT_TRUE(action == "450 4.7.1 <" + sender.toUtf8() +
                                              "> has exceeded 6 messages per 1 day" ||
                                action == "450 4.7.1 <" + sender.toUtf8() +
                                              "> has exceeded 9 messages per 1 hour")
                        << action.toStdString();
            } else if (what < 9) {
                if (e.evaluate(r, now).action == "DUNNO")
                    charged[sender] += accepted[s];
                accepted[s] = 0;
            } else {
                now = now.addSecs(random.bounded(4)); // within the hour; reservations expire
            }
            ASSERT_LE(charged.value(u"a@lab.test"_s), 6) << "round " << round;
            ASSERT_LE(charged.value(u"b@lab.test"_s), 6) << "round " << round;
            ASSERT_LE(e.quotaUsed(u"alice"_s, now), 9) << "round " << round;
            ASSERT_LE(e.quotaUsed(u"alice"_s, now) + e.reserved(u"alice"_s), 9);
        }
    }
    // A new clock hour starts the hourly count again; the sender's day goes on.
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(policy);
    const QDateTime ten(QDate(2026, 12, 3), QTime(10, 30), Qt::UTC);
    for (int i = 0; i < 6; ++i) {
        Request r = request("RCPT", u"x%1@ext.example"_s.arg(i), "m1");
        r.sender = u"a@lab.test"_s;
        ASSERT_EQ(e.evaluate(r, ten).action, "DUNNO");
    }
    Request end = request("END-OF-MESSAGE", {}, "m1", 6);
    end.sender = u"a@lab.test"_s;
    ASSERT_EQ(e.evaluate(end, ten).action, "DUNNO");
    Request more = request("RCPT", u"y@ext.example"_s, "m2");
    more.sender = u"a@lab.test"_s;
    EXPECT_EQ(e.evaluate(more, ten.addSecs(3600)).action,
              "450 4.7.1 <a@lab.test> has exceeded 6 messages per 1 day");
    Request other = request("RCPT", u"y@ext.example"_s, "m3");
    other.sender = u"b@lab.test"_s;
    EXPECT_EQ(e.evaluate(other, ten.addSecs(3600)).action, "DUNNO");
    // The sender's count is written as its own key (staffettad loads it back at start).
    EXPECT_EQ(rig.stats.sum(senderKey(u"alice"_s, u"A@lab.test"_s), metric::AcceptedSender, 0,
                            hourOf(ten)),
              6);
}

// staffettad's counter as it is wired: commits in memory, written to SQLite by the writer's
// thread; after a restart the counter loads them again and the quota still holds.
TEST(QuotaCounter, CommitsReachSqliteAndSurviveARestart)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"state.sqlite"_s);
    const QDateTime now = QDateTime::currentDateTime();
    auto policy = std::make_shared<const Policy>([] {
        auto p = labPolicy();
        p.limits.dailyQuota = 3;
        return p;
    }());
    {
        auto writer = stats::StatsWriter::open(path);
        ASSERT_TRUE(writer.ok()) << writer.error().message.toStdString();
        LocalQuotaCounter counter(*writer.value());
        Engine e(counter, *writer.value());
        e.setPolicy(policy);
        for (int i = 0; i < 2; ++i)
            EXPECT_EQ(e.evaluate(request("RCPT", u"x%1@ext.example"_s.arg(i), "m1"), now).action,
                      "DUNNO");
        EXPECT_EQ(e.evaluate(request("END-OF-MESSAGE", {}, "m1", 2), now).action, "DUNNO");
        writer.value()->flush();
        auto reader = stats::StatsStore::open(path);
        ASSERT_TRUE(reader.ok());
        EXPECT_EQ(
            reader.value()->sum(u"alice"_s, metric::AcceptedExternal, hourOf(now), hourOf(now)), 2);
    }
    auto store = stats::StatsStore::open(path);
    ASSERT_TRUE(store.ok());
    test::MemoryStats sink;
    LocalQuotaCounter counter(sink);
    for (const auto &c : store.value()->since(metric::AcceptedExternal, hourOf(now) - 48))
        counter.load(c.login, c.hour, c.count);
    Engine e(counter, sink);
    e.setPolicy(policy);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, now), 2);
    EXPECT_EQ(e.evaluate(request("RCPT", u"y@ext.example"_s, "m2"), now).action, "DUNNO");
    EXPECT_TRUE(
        e.evaluate(request("RCPT", u"z@ext.example"_s, "m2"), now).action.startsWith("450"));
}

// The review's attacks on the counting itself.
TEST(Engine, ATransactionKeptOpenPastTheStaleLimitIsNotForgotten)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 100;
    e.setPolicy(std::make_shared<const Policy>(p));
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 99; ++i)
        ASSERT_EQ(e.evaluate(request("RCPT", u"v%1@ext.example"_s.arg(i), "open"), t0).action,
                  "DUNNO");
    // NOOPs keep the session alive for an hour and more; Postfix asks nothing meanwhile.
    const QDateTime later = t0.addSecs(3700);
    e.evaluate(request("RCPT", u"x@ext.example"_s, "other"), later); // staffettad prunes
    EXPECT_TRUE(e.evaluate(request("RCPT", u"bob@lab.test"_s, "open"), later)
                    .action.startsWith("451 4.7.1"));
    // If it ends anyway, every recipient Postfix counts is charged (and must fit).
    EXPECT_EQ(e.evaluate(request("END-OF-MESSAGE", {}, "open", 99), later).action, "DUNNO");
    EXPECT_GE(e.quotaUsed(u"alice"_s, later), 99);
}

TEST(Engine, ChargesNoMoreThanPostfixAccepted)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    e.setPolicy(std::make_shared<const Policy>(labPolicy()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 3; ++i)
        e.evaluate(request("RCPT", u"v%1@ext.example"_s.arg(i), "m"), now);
    // A later restriction refused two of them: Postfix accepted one.
    EXPECT_EQ(e.evaluate(request("END-OF-MESSAGE", {}, "m", 1), now).action, "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, now), 1);
}

TEST(Engine, NothingIsLocalUntilPostfixsDeliveryIsKnown)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 0;
    e.setPolicy(std::make_shared<const Policy>(p));
    e.setDeliveryRequired(true);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    EXPECT_TRUE(e.evaluate(request("RCPT", u"bob@lab.test"_s, "m"), now).action.startsWith("450"));
    LocalDelivery d;
    d.known = true;
    d.domains = {u"lab.test"_s};
    e.setDelivery(std::make_shared<const LocalDelivery>(d));
    EXPECT_EQ(e.evaluate(request("RCPT", u"bob@lab.test"_s, "m"), now).action, "DUNNO");
}

TEST(Routing, QuotedCommandsBareKeysAndLongChainsLeave)
{
    const Policy policy = labPolicy();
    LocalDelivery d;
    d.known = true;
    d.domains = {u"lab.test"_s, u"localhost"_s};
    d.aliasDomains = {u"localhost"_s};
    d.myorigin = u"lab.test"_s;
    d.aliasDomains.insert(d.myorigin);
    QList<std::pair<QString, QString>> virtualEntries{{u"info"_s, u"x@gmail.example"_s}};
    // A chain of 40 aliases listed in the worst order (the end first).
    for (int i = 0; i < 40; ++i)
        virtualEntries.append({u"c%1@lab.test"_s.arg(i), u"c%1@lab.test"_s.arg(i + 1)});
    virtualEntries.append({u"c40@lab.test"_s, u"out@gmail.example"_s});
    resolveLeaving(d, virtualEntries,
                   {{u"list"_s, u"\"|/var/lib/mailman/mail/mailman post list\""_s}}, &policy);
    for (const QString &external :
         {u"list@localhost"_s, u"info@lab.test"_s, u"info@localhost"_s, u"c0@lab.test"_s})
        EXPECT_EQ(route(external, policy, &d), Route::External) << external.toStdString();
}

// With the content milter, END-OF-MESSAGE only holds the recipients under the queue id: the
// milter's verdict charges them or gives them back, and a message refused by a content rule,
// or tempfailed and retried, is never charged twice.
TEST(Engine, WithTheMilterOnlyItsVerdictCharges)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 3;
    e.setPolicy(std::make_shared<const Policy>(p));
    e.setCommitAtMilter(true);
    e.setReservationTimeout(10);
    const QDateTime t0 = QDateTime::currentDateTime();
    auto message = [&](const QByteArray &instance, const QByteArray &queueId, int n) {
        for (int i = 0; i < n; ++i)
            EXPECT_EQ(e.evaluate(request("RCPT", u"r%1@ext.example"_s.arg(i), instance), t0).action,
                      "DUNNO");
        Request end = request("END-OF-MESSAGE", {}, instance, n);
        end.queueId = queueId;
        return e.evaluate(end, t0).action;
    };
    // Refused by the milter: held, then released, nothing charged.
    EXPECT_EQ(message("m1", "Q1", 2), "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 0);
    EXPECT_EQ(e.reserved(u"alice"_s), 2);
    e.milterRelease("Q1");
    EXPECT_EQ(e.reserved(u"alice"_s), 0);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 0);
    // Passed: charged once, with what the policy service counted as external.
    EXPECT_EQ(message("m2", "Q2", 2), "DUNNO");
    EXPECT_TRUE(e.milterCommit("Q2", u"alice"_s, 2, t0).ok);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    EXPECT_EQ(e.reserved(u"alice"_s), 0);
    // A second verdict for the same queue id is unknown to the policy service: it is charged
    // only if it fits (here 2 more do not), never silently.
    EXPECT_FALSE(e.milterCommit("Q2", u"alice"_s, 2, t0).ok);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    // A held message keeps its place against other sessions until the verdict.
    EXPECT_EQ(message("m3", "Q3", 1), "DUNNO");
    EXPECT_TRUE(
        e.evaluate(request("RCPT", u"x@ext.example"_s, "m4"), t0).action.startsWith("450 4.7.1"));
    // No verdict within the timeout (the milter died): the reservation comes back; a verdict
    // after that must fit again.
    const QDateTime later = t0.addSecs(11);
    EXPECT_EQ(e.evaluate(request("RCPT", u"x@ext.example"_s, "m4"), later).action, "DUNNO");
    EXPECT_FALSE(e.milterCommit("Q3", u"alice"_s, 1, later).ok);
    EXPECT_EQ(e.quotaUsed(u"alice"_s, later), 2);
}

// A SASL service the milter is not wired into (Postfix says which, LocalDelivery::milterPorts)
// is charged, and has its size judged, at END-OF-MESSAGE: held for a milter that never comes,
// its mail would never be charged at all. A COMMIT the milter sends anyway charges nothing more.
TEST(Engine, AServiceWithoutTheMilterIsChargedAtEndOfMessage)
{
    test::EngineRig rig;
    Engine &e = rig.engine;
    auto p = labPolicy();
    p.limits.dailyQuota = 3;
    p.limits.maxMessageSize = 1000;
    e.setPolicy(std::make_shared<const Policy>(p));
    e.setCommitAtMilter(true);
    LocalDelivery d;
    d.known = true;
    d.domains = {u"lab.test"_s};
    d.milterPorts = QSet<int>{587};
    e.setDelivery(std::make_shared<const LocalDelivery>(d));
    const QDateTime t0 = QDateTime::currentDateTime();
    auto message = [&](const QByteArray &instance, const QByteArray &queueId, int port, int n,
                       qint64 size = 100) {
        for (int i = 0; i < n; ++i) {
            Request rcpt = request("RCPT", u"r%1@ext.example"_s.arg(i), instance);
            rcpt.serverPort = port;
            EXPECT_EQ(e.evaluate(rcpt, t0).action, "DUNNO");
        }
        Request end = request("END-OF-MESSAGE", {}, instance, n);
        end.queueId = queueId;
        end.serverPort = port;
        end.size = size;
        return e.evaluate(end, t0).action;
    };
    // Port 465, no milter there: charged at once.
    EXPECT_EQ(message("m1", "Q1", 465, 2), "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    EXPECT_EQ(e.awaitingMilter(), 0);
    EXPECT_TRUE(e.milterCommit("Q1", u"alice"_s, 2, t0).ok); // no second charge
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    // Too big on 465: the policy service refuses it with the customers' wording.
    EXPECT_TRUE(message("m2", "Q2", 465, 1, 5000).startsWith("552 5.3.4"));
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    // Port 587 has the milter: held, and the size is the milter's to judge.
    EXPECT_EQ(message("m3", "Q3", 587, 1, 5000), "DUNNO");
    EXPECT_EQ(e.quotaUsed(u"alice"_s, t0), 2);
    EXPECT_EQ(e.awaitingMilter(), 1);
    e.milterRelease("Q3");
    // A request without server_port (an older Postfix) is left to the milter, as before.
    EXPECT_EQ(message("m4", "Q4", 0, 1), "DUNNO");
    EXPECT_EQ(e.awaitingMilter(), 1);
}
