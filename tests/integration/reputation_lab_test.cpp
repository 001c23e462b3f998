// The reputation check against the lab's own DNS (a private unbound whose local zones stand in
// for an IP and a domain blacklist): the listed IP and the listed sender domain are reported,
// the "query refused" answer (127.255.255.254) is not a listing, a listing raises its alert
// once across two checks (naming the list and its removal page), and the lab's partner sees
// only its accounts' domains, never the relay's IPs, and may not run a check.
#include "api/alerts.h"
#include "api/reputation.h"
#include "api/verbs.h"
#include "client/relay_client.h"

#include "lab_helpers.h"

#include <QJsonDocument>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class Reputation : public LabTest
{
protected:
    static api::ReputationReport check()
    {
        auto r = api::ReputationReport::fromJson(ctl(api::verbs::ReputationCheck));
        EXPECT_TRUE(r.ok());
        return r ? r.value() : api::ReputationReport{};
    }
    static const api::ReputationResult *result(const api::ReputationReport &r,
                                               const QString &target, const QString &list)
    {
        for (const auto &t : r.targets) {
            if (t.target != target)
                continue;
            for (const auto &x : t.results) {
                if (x.list == list)
                    return &x;
            }
        }
        return nullptr;
    }
    static QString status(const api::ReputationReport &r, const QString &target,
                          const QString &list)
    {
        const auto *x = result(r, target, list);
        return x ? x->status : u"(missing)"_s;
    }
    // The reputation alerts about `target`, as admin.
    static QList<api::Alert> alertsAbout(const QString &target)
    {
        auto r = api::AlertsListResult::fromJson(
            ctl(api::verbs::AlertsList, R"({"rule": "reputation_listed", "limit": 1000})"));
        EXPECT_TRUE(r.ok());
        QList<api::Alert> out;
        for (const api::Alert &a : r ? r.value().alerts : QList<api::Alert>{}) {
            if (a.samples.value(0) == target)
                out.append(a);
        }
        return out;
    }
};

TEST_F(Reputation, ListedAreReportedARefusedAnswerIsNotAListingAndTheAlertIsRaisedOnce)
{
    const QString listedIp = labValue("LAB_REPUTATION_LISTED_IP");
    const QString refusedIp = labValue("LAB_REPUTATION_REFUSED_IP");
    const QString clearIp = labValue("LAB_REPUTATION_CLEAR_IP");
    const QString listedDomain = labValue("LAB_REPUTATION_LISTED_DOMAIN");
    const QString refusedDomain = labValue("LAB_REPUTATION_REFUSED_DOMAIN");

    const api::ReputationReport first = check();
    ASSERT_TRUE(first.checked.isValid());
    ASSERT_EQ(first.lists.size(), 2);
    EXPECT_EQ(status(first, listedIp, u"lab-zen"_s), u"listed"_s);
    ASSERT_NE(result(first, listedIp, u"lab-zen"_s), nullptr);
    EXPECT_EQ(result(first, listedIp, u"lab-zen"_s)->answers, QStringList{u"127.0.0.2"_s});
    EXPECT_EQ(status(first, refusedIp, u"lab-zen"_s), u"refused"_s);
    EXPECT_EQ(result(first, refusedIp, u"lab-zen"_s)->answers, QStringList{u"127.255.255.254"_s});
    EXPECT_EQ(status(first, clearIp, u"lab-zen"_s), u"clear"_s);
    EXPECT_EQ(status(first, listedDomain, u"lab-dbl"_s), u"listed"_s);
    EXPECT_EQ(status(first, refusedDomain, u"lab-dbl"_s), u"refused"_s);
    // An IP is asked of the IP lists only, a domain of the domain lists only.
    EXPECT_EQ(result(first, listedIp, u"lab-dbl"_s), nullptr);
    EXPECT_EQ(result(first, listedDomain, u"lab-zen"_s), nullptr);
    for (const auto &t : first.targets) {
        if (t.target == listedDomain) {
            EXPECT_EQ(t.accounts, QStringList{u"bob"_s}); // *@*.bob-shop.example
        }
        if (t.target == refusedIp || t.target == clearIp || t.target == refusedDomain) {
            EXPECT_FALSE(t.listed()) << t.target.toStdString();
        }
    }

    const api::ReputationReport second = check();
    EXPECT_TRUE(second.newListings.isEmpty()); // the same listings: nothing new
    EXPECT_TRUE(second.alerts.isEmpty());
    EXPECT_EQ(status(second, listedIp, u"lab-zen"_s), u"listed"_s);
    // `since` is the check the listing was first seen at, not this one.
    EXPECT_LE(result(second, listedIp, u"lab-zen"_s)->since, first.checked);

    // One alert for each listing across both checks, naming the list and its removal page.
    const QList<api::Alert> ipAlerts = alertsAbout(listedIp);
    ASSERT_EQ(ipAlerts.size(), 1);
    EXPECT_EQ(ipAlerts[0].account, QString()); // the relay's own address
    EXPECT_EQ(ipAlerts[0].samples.value(1), u"lab-zen"_s);
    EXPECT_EQ(ipAlerts[0].samples.value(2), labValue("LAB_DNS_IP_ZONE"));
    EXPECT_EQ(ipAlerts[0].samples.value(3), u"https://removal.lab.test/zen"_s);
    const QList<api::Alert> domainAlerts = alertsAbout(listedDomain);
    ASSERT_EQ(domainAlerts.size(), 1);
    EXPECT_EQ(domainAlerts[0].account, u"bob"_s);
    EXPECT_EQ(domainAlerts[0].samples.value(3), u"https://removal.lab.test/dbl"_s);
    EXPECT_TRUE(alertsAbout(refusedIp).isEmpty());
    EXPECT_TRUE(alertsAbout(refusedDomain).isEmpty());
    EXPECT_TRUE(alertsAbout(clearIp).isEmpty());

    // The history has the first status of each, once (the second check changed nothing).
    auto history = api::ReputationHistory::fromJson(
        ctl(api::verbs::ReputationHistory + QStringList{listedIp}));
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history.value().changes.size(), 1);
    EXPECT_EQ(history.value().changes[0].status, u"listed"_s);
    EXPECT_EQ(history.value().changes[0].previous, QString());

    // `show` is the last check.
    auto shown = api::ReputationReport::fromJson(ctl(api::verbs::ReputationShow));
    ASSERT_TRUE(shown.ok());
    EXPECT_EQ(shown.value().checked, second.checked);
    EXPECT_EQ(status(shown.value(), listedDomain, u"lab-dbl"_s), u"listed"_s);
}

TEST_F(Reputation, APartnerSeesOnlyItsAccountsDomainsAndMayNotCheck)
{
    check();
    auto partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto shown = await(partner.call(api::verbs::ReputationShow));
    ASSERT_TRUE(shown.ok()) << shown.error().message.toStdString();
    auto report = api::ReputationReport::fromJson(shown.value());
    ASSERT_TRUE(report.ok());
    bool sawListedDomain = false;
    for (const auto &t : report.value().targets) {
        EXPECT_EQ(t.kind, u"domain"_s) << t.target.toStdString(); // never the relay's IPs
        for (const QString &a : t.accounts)
            EXPECT_TRUE(a == u"bob"_s || a.startsWith(u"bob-"_s)) << a.toStdString();
        sawListedDomain |= t.target == labValue("LAB_REPUTATION_LISTED_DOMAIN") && t.listed();
    }
    EXPECT_TRUE(sawListedDomain);
    for (const auto &l : report.value().lists)
        EXPECT_EQ(l.kind, u"domain"_s);

    auto history = await(partner.call(api::verbs::ReputationHistory, R"({"limit": 1000})"));
    ASSERT_TRUE(history.ok());
    auto changes = api::ReputationHistory::fromJson(history.value());
    ASSERT_TRUE(changes.ok());
    EXPECT_FALSE(changes.value().changes.isEmpty());
    for (const auto &c : changes.value().changes)
        EXPECT_EQ(c.kind, u"domain"_s) << c.target.toStdString();

    auto refused = await(partner.call(api::verbs::ReputationCheck));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);

    // Helpdesk reads everything, the relay's IPs too, and may not check either.
    auto helpdesk = clientAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    auto all = await(helpdesk.call(api::verbs::ReputationShow));
    ASSERT_TRUE(all.ok());
    auto full = api::ReputationReport::fromJson(all.value());
    ASSERT_TRUE(full.ok());
    EXPECT_TRUE(std::any_of(full.value().targets.cbegin(), full.value().targets.cend(),
                            [](const api::ReputationTarget &t) { return t.kind == u"ip"_s; }));
    auto byHelpdesk = await(helpdesk.call(api::verbs::ReputationCheck));
    ASSERT_FALSE(byHelpdesk.ok());
    EXPECT_EQ(byHelpdesk.error().code, ErrorCode::PermissionDenied);
}

} // namespace
