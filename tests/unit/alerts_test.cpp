// The abuse alerts on synthetic index data: each rule's thresholds, the 14-day baseline, once
// per account and rule per day (also across a restart), the partner's scope, the e-mail; and
// the policy's alerts section (validation with paths, diff).
#include "alerts/alert_mail.h"
#include "alerts/alerts.h"
#include "api/alerts.h"
#include "events/index.h"
#include "notify/notify.h"
#include "policy/diff.h"
#include "policy/policy.h"

#include "test_support.h"

#include <gmock/gmock.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;
using events::Event;
using K = Event::Kind;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 12, 2), QTime(12, 0), Qt::UTC);
const qint64 T = Now.toSecsSinceEpoch();

policy::Policy policyFrom(const QByteArray &json)
{
    auto p = policy::Policy::fromJson(json);
    EXPECT_TRUE(p.ok()) << (p ? std::string() : p.error().message.toStdString());
    return p ? p.value() : policy::Policy{};
}

// An index with the tables, and the alerts beside it; events go in through the index.
class Rig
{
public:
    Rig()
    {
        db = dir.filePath(u"events.sqlite"_s);
        index = std::move(events::Index::open(db)).value();
        reopen();
    }
    void reopen() { store = std::move(alerts::AlertStore::open(db)).value(); }

    // One accepted message of `account` at `time` from `ip`; its queue id.
    QString message(const QString &account, qint64 time, const QString &ip = u"192.0.2.1"_s)
    {
        const QString id = u"A%1"_s.arg(++m_next, 9, 16, QChar(u'0')).toUpper();
        Event c;
        c.kind = K::Client;
        c.time = time;
        c.queueId = id;
        c.clientHost = u"client"_s;
        c.clientIp = ip;
        c.account = account;
        Event f;
        f.kind = K::From;
        f.time = time;
        f.queueId = id;
        f.sender = account + u"@lab.test"_s;
        f.size = 400;
        f.nrcpt = 1;
        pending << c << f;
        return id;
    }
    void delivery(const QString &queueId, qint64 time, const QString &status)
    {
        Event d;
        d.kind = K::Delivery;
        d.time = time;
        d.queueId = queueId;
        d.recipient = u"x@customer.example"_s;
        d.transport = u"smtp"_s;
        d.status = status;
        d.dsn = status == u"sent"_s ? u"2.0.0"_s : u"5.1.1"_s;
        pending << d;
    }
    void refusal(const QString &account, qint64 time, const QString &reason,
                 const QString &sender = u"ceo@elsewhere.example"_s)
    {
        Event r;
        r.kind = K::Refusal;
        r.time = time;
        r.source = u"staffettad"_s;
        r.reason = reason;
        r.account = account;
        r.sender = sender;
        r.clientIp = u"192.0.2.9"_s;
        pending << r;
    }
    void commit()
    {
        ASSERT_TRUE(index->record(u"mail"_s, pending, {1, ++m_offset, "x"}).ok());
        pending.clear();
    }
    QList<api::Alert> evaluate(const policy::Policy &p, const QDateTime &at = Now)
    {
        commit();
        auto raised = store->evaluate(p, at);
        EXPECT_TRUE(raised.ok()) << (raised ? std::string() : raised.error().message.toStdString());
        return raised ? raised.value() : QList<api::Alert>{};
    }

    QTemporaryDir dir;
    QString db;
    std::unique_ptr<events::Index> index;
    std::unique_ptr<alerts::AlertStore> store;
    QList<Event> pending;

private:
    qint64 m_next = 0;
    qint64 m_offset = 0;
};

// Only the hourly rate on, with a factor and a minimum.
policy::Policy rateOnly(double factor, int minCount)
{
    return policyFrom(
        QJsonDocument(
            QJsonObject{
                {u"schema_version"_s, 1},
                {u"alerts"_s,
                 QJsonObject{{u"rules"_s,
                              QJsonObject{
                                  {u"quota_reached"_s, QJsonObject{{u"enabled"_s, false}}},
                                  {u"hourly_rate"_s,
                                   QJsonObject{{u"factor"_s, factor}, {u"min_count"_s, minCount}}},
                                  {u"bounce_rate"_s, QJsonObject{{u"enabled"_s, false}}},
                                  {u"unauthorized_sender"_s, QJsonObject{{u"enabled"_s, false}}},
                                  {u"client_ips"_s, QJsonObject{{u"enabled"_s, false}}},
                              }}}}})
            .toJson());
}

QStringList rulesOf(const QList<api::Alert> &alerts)
{
    QStringList out;
    for (const auto &a : alerts)
        out.append(a.rule + u':' + a.account);
    return out;
}

} // namespace

TEST(AlertRules, HourlyRateIsOverFactorTimesTheAccountsOwnBaseline)
{
    Rig rig;
    // 14 days of one message an hour (336 before the last hour): a baseline of 1 per hour.
    for (qint64 h = 2; h <= 14 * 24 + 1; ++h)
        rig.message(u"bob"_s, T - h * 3600 + 60);
    // The last hour: 5 messages; factor 4, minimum 3: the threshold is max(3, 4 × 1) = 4.
    QStringList burst;
    for (int i = 0; i < 4; ++i)
        burst.append(rig.message(u"bob"_s, T - 600 + i));
    const policy::Policy p = rateOnly(4, 3);
    EXPECT_TRUE(rig.evaluate(p).isEmpty()) << "4 is not over 4";
    burst.append(rig.message(u"bob"_s, T - 100));
    const auto raised = rig.evaluate(p);
    ASSERT_EQ(raised.size(), 1);
    const api::Alert &a = raised.front();
    EXPECT_EQ(a.rule, u"hourly_rate"_s);
    EXPECT_EQ(a.account, u"bob"_s);
    EXPECT_EQ(a.observed, 5);
    EXPECT_DOUBLE_EQ(a.baseline, 1.0);
    EXPECT_DOUBLE_EQ(a.threshold, 4.0);
    EXPECT_EQ(a.windowFrom, Now.addSecs(-3600));
    EXPECT_EQ(a.windowTo, Now);
    EXPECT_THAT(a.queueIds, ::testing::UnorderedElementsAreArray(burst));
    EXPECT_GT(a.id, 0);
}

TEST(AlertRules, AQuietAccountsFirstMailsStayUnderTheMinimum)
{
    Rig rig;
    for (int i = 0; i < 10; ++i)
        rig.message(u"carol"_s, T - 300 + i);
    // No history at all: factor × 0 = 0, so only the minimum stands.
    EXPECT_TRUE(rig.evaluate(rateOnly(5, 10)).isEmpty());
    rig.message(u"carol"_s, T - 10);
    EXPECT_EQ(rulesOf(rig.evaluate(rateOnly(5, 10))), QStringList{u"hourly_rate:carol"_s});
}

TEST(AlertRules, RaisedOncePerAccountAndRulePerUtcDayAlsoAfterARestart)
{
    Rig rig;
    for (int i = 0; i < 3; ++i)
        rig.message(u"bob"_s, T - 100 + i);
    const policy::Policy p = rateOnly(1, 2);
    EXPECT_EQ(rig.evaluate(p).size(), 1);
    for (int i = 0; i < 5; ++i)
        rig.message(u"bob"_s, T - 50 + i);
    EXPECT_TRUE(rig.evaluate(p, Now.addSecs(60)).isEmpty()) << "a second burst the same day";
    rig.reopen(); // staffetta-events restarted
    EXPECT_TRUE(rig.evaluate(p, Now.addSecs(120)).isEmpty());
    // Another account the same day has its own alert.
    for (int i = 0; i < 3; ++i)
        rig.message(u"carol"_s, T - 100 + i);
    EXPECT_EQ(rulesOf(rig.evaluate(p, Now.addSecs(180))), QStringList{u"hourly_rate:carol"_s});
    // The next UTC day bob's burst is news again.
    const QDateTime tomorrow = QDateTime(QDate(2026, 12, 3), QTime(0, 30), Qt::UTC);
    for (int i = 0; i < 3; ++i)
        rig.message(u"bob"_s, tomorrow.toSecsSinceEpoch() - 100 + i);
    EXPECT_EQ(rulesOf(rig.evaluate(p, tomorrow)), QStringList{u"hourly_rate:bob"_s});
    auto all = rig.store->list({}, std::nullopt);
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all.value().matched, 3);
    EXPECT_EQ(all.value().unacknowledged, 3);
}

TEST(AlertRules, QuotaBouncesUnauthorizedSendersAndClientAddresses)
{
    Rig rig;
    // dave: the daily quota refused one message today (yesterday's does not count).
    rig.message(u"dave"_s, T - 4000);
    rig.refusal(u"dave"_s, T - 30, u"rejected_quota"_s);
    // erin: 10 deliveries, 3 bounced: 30 % > 20 % of the last 10.
    for (int i = 0; i < 10; ++i) {
        const QString id = rig.message(u"erin"_s, T - 5000 + i);
        rig.delivery(id, T - 4000 + i, i < 3 ? u"bounced"_s : u"sent"_s);
    }
    // frank: 4 refused senders in the hour, 3 allowed.
    for (int i = 0; i < 4; ++i)
        rig.refusal(u"frank"_s, T - 100 + i, u"unauthorized_sender"_s,
                    u"boss%1@elsewhere.example"_s.arg(i));
    // gina: mail from 3 addresses in the hour, 2 allowed.
    for (int i = 0; i < 3; ++i)
        rig.message(u"gina"_s, T - 200 + i, u"198.51.100.%1"_s.arg(i + 1));
    const policy::Policy p = policyFrom(R"({"schema_version": 1, "alerts": {"rules": {
        "hourly_rate": {"enabled": false},
        "bounce_rate": {"percent": 20, "last": 10},
        "unauthorized_sender": {"per_hour": 3},
        "client_ips": {"per_hour": 2}}},
        "accounts": [{"login": "dave", "senders": [], "daily_quota": 40}]})");
    const auto raised = rig.evaluate(p);
    EXPECT_THAT(rulesOf(raised), ::testing::UnorderedElementsAre(
                                     u"quota_reached:dave"_s, u"bounce_rate:erin"_s,
                                     u"unauthorized_sender:frank"_s, u"client_ips:gina"_s));
    for (const api::Alert &a : raised) {
        if (a.rule == u"quota_reached"_s) {
            EXPECT_EQ(a.observed, 1);
            EXPECT_EQ(a.threshold, 40);
        } else if (a.rule == u"bounce_rate"_s) {
            EXPECT_DOUBLE_EQ(a.observed, 30.0);
            EXPECT_EQ(a.threshold, 20);
            EXPECT_EQ(a.baseline, 10);
            EXPECT_EQ(a.queueIds.size(), 3);
        } else if (a.rule == u"unauthorized_sender"_s) {
            EXPECT_EQ(a.observed, 4);
            EXPECT_EQ(a.samples.size(), 4);
            EXPECT_TRUE(a.samples.contains(u"boss0@elsewhere.example"_s));
        } else {
            EXPECT_EQ(a.observed, 3);
            EXPECT_THAT(a.samples, ::testing::UnorderedElementsAre(
                                       u"198.51.100.1"_s, u"198.51.100.2"_s, u"198.51.100.3"_s));
        }
    }
}

TEST(AlertRules, BounceRateWaitsForNDeliveriesAndAnAccountMayTurnARuleOff)
{
    Rig rig;
    for (int i = 0; i < 4; ++i) {
        const QString id = rig.message(u"erin"_s, T - 500 + i);
        rig.delivery(id, T - 400 + i, u"bounced"_s);
    }
    const policy::Policy p = policyFrom(R"({"schema_version": 1, "alerts": {"rules": {
        "bounce_rate": {"percent": 20, "last": 5}}}})");
    EXPECT_TRUE(rig.evaluate(p).isEmpty()) << "4 deliveries are fewer than the last 5";
    const QString id = rig.message(u"erin"_s, T - 300);
    rig.delivery(id, T - 200, u"sent"_s);
    const policy::Policy off = policyFrom(R"({"schema_version": 1, "alerts": {"rules": {
        "bounce_rate": {"percent": 20, "last": 5}}},
        "accounts": [{"login": "erin", "senders": [],
                      "alerts": {"rules": {"bounce_rate": {"enabled": false}}}}]})");
    EXPECT_TRUE(rig.evaluate(off).isEmpty());
    EXPECT_EQ(rulesOf(rig.evaluate(p)), QStringList{u"bounce_rate:erin"_s});
}

TEST(AlertStore, APartnerListsItsAccountsAndAnAcknowledgementIsKept)
{
    Rig rig;
    for (const QString &who : {u"bob"_s, u"carol"_s}) {
        for (int i = 0; i < 3; ++i)
            rig.message(who, T - 100 + i);
    }
    ASSERT_EQ(rig.evaluate(rateOnly(1, 2)).size(), 2);
    auto mine = rig.store->list({}, QStringList{u"bob"_s});
    ASSERT_TRUE(mine.ok());
    ASSERT_EQ(mine.value().alerts.size(), 1);
    EXPECT_EQ(mine.value().alerts.front().account, u"bob"_s);
    EXPECT_EQ(mine.value().unacknowledged, 1);
    EXPECT_EQ(rig.store->list({}, QStringList{}).value().matched, 0);

    const qint64 id = mine.value().alerts.front().id;
    auto acked = rig.store->acknowledge(id, u"anna"_s, u"customer called"_s, Now);
    ASSERT_TRUE(acked.ok());
    EXPECT_TRUE(acked.value().acknowledged);
    EXPECT_EQ(acked.value().acknowledgedBy, u"anna"_s);
    EXPECT_EQ(acked.value().comment, u"customer called"_s);
    auto again = rig.store->acknowledge(id, u"bert"_s, {}, Now);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_EQ(rig.store->acknowledge(999, u"anna"_s, {}, Now).error().code, ErrorCode::NotFound);

    rig.reopen();
    api::AlertsListRequest open;
    open.acknowledged = false;
    auto left = rig.store->list(open, std::nullopt);
    ASSERT_TRUE(left.ok());
    EXPECT_EQ(rulesOf(left.value().alerts), QStringList{u"hourly_rate:carol"_s});
    EXPECT_EQ(left.value().unacknowledged, 1);
}

TEST(AlertMail, GoesToTheContactAndAbuseInTheAccountsLanguageWithTheEvidence)
{
    const policy::Policy p = policyFrom(R"({"schema_version": 1,
        "alerts": {"abuse": "abuse@provider.example"},
        "accounts": [
          {"login": "bob", "senders": [], "alerts": {"contact": "it@bob.example"}},
          {"login": "carol", "senders": [], "language": "en",
           "alerts": {"contact": "it@carol.example", "notify": ["contact"]}},
          {"login": "dave", "senders": [], "alerts": {"notify": ["contact"]}}]})");
    api::Alert a;
    a.id = 7;
    a.rule = u"hourly_rate"_s;
    a.account = u"bob"_s;
    a.windowFrom = Now.addSecs(-3600);
    a.windowTo = Now;
    a.observed = 120;
    a.threshold = 50;
    a.baseline = 2.5;
    a.queueIds = {u"4F1A2B3C4D"_s, u"5E6F7A8B9C"_s};
    auto mail = alerts::alertMail(a, p, u"relay1.provider.example"_s);
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->to, (QStringList{u"it@bob.example"_s, u"abuse@provider.example"_s}));
    EXPECT_EQ(mail->from, u"abuse@provider.example"_s);
    EXPECT_TRUE(mail->subject.startsWith(u"Avviso"_s)) << mail->subject.toStdString();
    EXPECT_TRUE(mail->body.contains(u"4F1A2B3C4D, 5E6F7A8B9C"_s));
    EXPECT_TRUE(mail->body.contains(u"Valore osservato: 120 (soglia: 50"_s));
    EXPECT_TRUE(mail->body.contains(u"2.50"_s));

    a.account = u"carol"_s;
    mail = alerts::alertMail(a, p, u"relay1.provider.example"_s);
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->to, QStringList{u"it@carol.example"_s});
    EXPECT_TRUE(mail->body.contains(u"Observed: 120 (threshold: 50"_s));
    a.account = u"dave"_s; // nobody to tell
    EXPECT_FALSE(alerts::alertMail(a, p, u"relay1"_s));

    const QByteArray bytes = notify::compose({u"abuse@provider.example"_s,
                                              {u"it@bob.example"_s},
                                              u"Avviso: attività\r\nBcc: x@y"_s,
                                              u"riga\n"_s},
                                             Now, u"provider.example"_s);
    EXPECT_TRUE(bytes.contains("\nSubject: =?UTF-8?B?"));
    EXPECT_FALSE(bytes.contains("\nBcc:")) << "a header cannot be injected";
    EXPECT_TRUE(bytes.contains("\nAuto-Submitted: auto-generated\n"));
    EXPECT_TRUE(bytes.endsWith("\n\nriga\n"));
}

TEST(AlertsPolicy, DefaultsValidationPathsAndDiff)
{
    const policy::Policy d = policyFrom(R"({"schema_version": 1})");
    using policy::AlertRule;
    EXPECT_TRUE(d.alerts.rule(AlertRule::QuotaReached).enabled);
    EXPECT_EQ(d.alerts.rule(AlertRule::HourlyRate).factor, 5);
    EXPECT_EQ(d.alerts.rule(AlertRule::HourlyRate).minCount, 50);
    EXPECT_EQ(d.alerts.rule(AlertRule::BounceRate).percent, 20);
    EXPECT_EQ(d.alerts.rule(AlertRule::ClientIps).perHour, 5);
    // Written and read back the same.
    EXPECT_EQ(policyFrom(d.toJson()).toJsonObject(), d.toJsonObject());

    auto bad = policy::Policy::fromJson(R"({"schema_version": 1, "alerts": {
        "abuse": "not an address", "notify": ["contact", "boss"],
        "rules": {"hourly_rate": {"factor": 0, "speed": 3}, "nope": {}}},
        "accounts": [{"login": "bob", "senders": [],
                      "alerts": {"contact": "a@b", "rules": {"bounce_rate": {"percent": 101}}}}]})");
    ASSERT_FALSE(bad.ok());
    QStringList paths;
    for (const QJsonValue &e : bad.error().details.value(u"errors"_s).toArray())
        paths.append(e.toObject().value(u"path"_s).toString());
    EXPECT_THAT(paths, ::testing::UnorderedElementsAre(
                           u"alerts.abuse"_s, u"alerts.notify[1]"_s, u"alerts.rules.nope"_s,
                           u"alerts.rules.hourly_rate.factor"_s,
                           u"alerts.rules.hourly_rate.speed"_s, u"accounts[0].alerts.contact"_s,
                           u"accounts[0].alerts.rules.bounce_rate.percent"_s));

    const policy::Policy e = policyFrom(R"({"schema_version": 1,
        "alerts": {"abuse": "abuse@provider.example", "rules": {"hourly_rate": {"factor": 3}}},
        "accounts": [{"login": "bob", "senders": [], "alerts": {"contact": "it@bob.example"}}]})");
    QStringList lines;
    for (const policy::Change &c : policy::diff(d, e))
        lines.append(c.text());
    EXPECT_THAT(lines, ::testing::Contains(u"+ alerts.abuse: abuse@provider.example"_s));
    EXPECT_EQ(lines.filter(u"~ alerts.rules.hourly_rate: "_s).size(), 1)
        << lines.join(u'\n').toStdString();
    EXPECT_THAT(lines, ::testing::Contains(u"+ accounts[bob].alerts.contact: it@bob.example"_s));
    // The account's part is its own: a partner's change to it touches only bob.
    QList<policy::Change> bobs;
    for (const policy::Change &c : policy::diff(d, e)) {
        if (c.section == policy::Change::Section::AccountAlerts)
            bobs.append(c);
    }
    EXPECT_EQ(policy::reach(bobs).accounts, QStringList{u"bob"_s});
    EXPECT_FALSE(policy::reach(bobs).relayWide);
    // The review's changes replay onto the old policy.
    const auto rebased = policy::rebase(d, policy::diff(d, e));
    EXPECT_TRUE(rebased.conflicts.isEmpty());
    EXPECT_EQ(rebased.policy.toJsonObject(), e.toJsonObject());
}

TEST(AlertsRequests, RefuseWhatIsNotAFilter)
{
    EXPECT_FALSE(api::AlertsListRequest::fromJson({{u"acount"_s, u"bob"_s}}).ok());
    EXPECT_FALSE(api::AlertsListRequest::fromJson({{u"rule"_s, u"fast"_s}}).ok());
    EXPECT_FALSE(api::AlertsListRequest::fromJson({{u"acknowledged"_s, u"yes"_s}}).ok());
    EXPECT_FALSE(api::AlertsListRequest::fromJson({{u"limit"_s, 5000}}).ok());
    EXPECT_FALSE(api::AlertsAckRequest::fromJson({{u"id"_s, -1}}).ok());
    EXPECT_FALSE(api::AlertsAckRequest::fromJson({{u"id"_s, 1}, {u"note"_s, u"x"_s}}).ok());
    auto ok = api::AlertsListRequest::fromJson(
        {{u"account"_s, u"bob"_s}, {u"rule"_s, u"hourly_rate"_s}, {u"acknowledged"_s, false}});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.value().acknowledged, std::optional<bool>(false));
    auto round = api::AlertsListRequest::fromJson(ok.value().toJson());
    ASSERT_TRUE(round.ok());
    EXPECT_EQ(round.value().toJson(), ok.value().toJson());
}

namespace {

// A blacklist listing's alert (`reputation check` decides when it is new): recorded every
// time it is asked, the same day too, never folded by the once-a-day rule; its mail names
// the list and the removal page, a relay IP's goes to the relay's abuse address.
TEST(AlertMail, AReputationListingIsRecordedEachTimeAndItsMailNamesTheListAndRemovalPage)
{
    Rig rig;
    api::Alert a;
    a.rule = u"reputation_listed"_s;
    a.raised = a.windowFrom = a.windowTo = Now;
    a.observed = 1;
    a.samples = {u"203.0.113.25"_s, u"zen"_s, u"zen.spamhaus.org"_s,
                 u"https://check.spamhaus.org/"_s};
    auto first = rig.store->record(a);
    ASSERT_TRUE(first.ok());
    a.samples[1] = u"other"_s;
    auto second = rig.store->record(a);
    ASSERT_TRUE(second.ok());
    EXPECT_NE(first.value().id, second.value().id);
    api::AlertsListRequest request;
    request.rule = u"reputation_listed"_s;
    auto listed = rig.store->list(request, std::nullopt);
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed.value().alerts.size(), 2);

    const policy::Policy p = policyFrom(R"({"schema_version": 1, "content": {"language": "en"},
        "alerts": {"abuse": "abuse@provider.example"}, "accounts": []})");
    auto mail = alerts::alertMail(first.value(), p, u"relay1.provider.example"_s);
    ASSERT_TRUE(mail);
    EXPECT_EQ(mail->to, QStringList{u"abuse@provider.example"_s});
    EXPECT_TRUE(mail->subject.contains(u"203.0.113.25"_s)) << mail->subject.toStdString();
    EXPECT_TRUE(mail->body.contains(u"zen (zen.spamhaus.org)"_s)) << mail->body.toStdString();
    EXPECT_TRUE(mail->body.contains(u"https://check.spamhaus.org/"_s));
}

} // namespace
