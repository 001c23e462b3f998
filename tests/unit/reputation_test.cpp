// The reputation check's settings (staffetta.conf's [reputation] and its lists), checked key
// by key; its answer codes; the names it asks; and the history store: a listing is new once,
// a delisting is recorded, a timeout in between does not make the same listing new again.
#include "reputation/reputation.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

class ReputationSettings : public ::testing::Test
{
protected:
    Result<reputation::Settings> load(const QByteArray &text)
    {
        QFile f(dir.filePath(u"staffetta.conf"_s));
        EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        return reputation::Settings::load(f.fileName(), dir.path());
    }
    // The key a config error names, "" when it loaded.
    QString badKey(const QByteArray &text)
    {
        auto s = load(text);
        if (s)
            return {};
        EXPECT_EQ(s.error().code, ErrorCode::Config);
        return s.error().details.value(u"section"_s).toString() + u'/' +
               s.error().details.value(u"key"_s).toString();
    }
    QTemporaryDir dir;
};

const QByteArray Good = "[reputation]\n"
                        "resolver=127.0.0.1:27053\n"
                        "public_ips=203.0.113.25 2001:db8::25\n"
                        "timeout=3\n"
                        "deadline=120\n"
                        "[reputation.list.zen]\n"
                        "zone=zen.spamhaus.org\n"
                        "kind=ip\n"
                        "listed=127.0.0.2-127.0.0.11\n"
                        "removal=https://check.spamhaus.org/\n"
                        "[reputation.list.dbl]\n"
                        "zone=dbl.spamhaus.org.\n"
                        "kind=domain\n"
                        "listed=\"127.0.1.2-127.0.1.99, 127.0.1.102\"\n";

TEST_F(ReputationSettings, AGoodConfigurationLoads)
{
    auto s = load(Good);
    ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
    EXPECT_EQ(s.value().resolverAddress, u"127.0.0.1"_s);
    EXPECT_EQ(s.value().resolverPort, 27053);
    EXPECT_EQ(s.value().timeoutSecs, 3);
    EXPECT_EQ(s.value().deadlineSecs, 120);
    EXPECT_EQ(s.value().publicIps, (QStringList{u"203.0.113.25"_s, u"2001:db8::25"_s}));
    EXPECT_EQ(s.value().database, dir.filePath(u"reputation.sqlite"_s));
    ASSERT_EQ(s.value().lists.size(), 2);
    const auto &dbl = s.value().lists[0].name == u"dbl"_s ? s.value().lists[0] : s.value().lists[1];
    EXPECT_EQ(dbl.zone, u"dbl.spamhaus.org"_s);
    EXPECT_EQ(dbl.listed, (QStringList{u"127.0.1.2-127.0.1.99"_s, u"127.0.1.102"_s}));
}

TEST_F(ReputationSettings, NoSectionMeansNoListsAndTheSystemResolver)
{
    auto s = load("[state]\ndir=/tmp\n");
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(s.value().lists.isEmpty());
    EXPECT_TRUE(s.value().resolverAddress.isEmpty());
    EXPECT_EQ(s.value().deadlineSecs, 300);
}

TEST_F(ReputationSettings, EveryBadValueIsRefusedNamingItsKey)
{
    EXPECT_EQ(badKey("[reputation]\nresolver=localhost\n"), u"reputation/resolver"_s);
    EXPECT_EQ(badKey("[reputation]\nresolver=127.0.0.1:99999\n"), u"reputation/resolver"_s);
    EXPECT_EQ(badKey("[reputation]\npublic_ips=203.0.113.0/24\n"), u"reputation/public_ips"_s);
    EXPECT_EQ(badKey("[reputation]\npublic_ips=relay.example\n"), u"reputation/public_ips"_s);
    EXPECT_EQ(badKey("[reputation]\ntimeout=0\n"), u"reputation/timeout"_s);
    EXPECT_EQ(badKey("[reputation]\ndeadline=0\n"), u"reputation/deadline"_s);
    EXPECT_EQ(badKey("[reputation]\ndeadline=901\n"), u"reputation/deadline"_s); // the unit's
    EXPECT_EQ(badKey("[reputation]\ndeadline=soon\n"), u"reputation/deadline"_s);
    EXPECT_EQ(badKey("[reputation]\nresolvr=127.0.0.1\n"), u"reputation/resolvr"_s);
    const QByteArray list = "[reputation.list.x]\nzone=bl.example\nkind=ip\n";
    EXPECT_EQ(badKey(list), u"reputation.list.x/listed"_s); // required: codes that mean listed
    EXPECT_EQ(badKey(list + "listed=10.0.0.2\n"), u"reputation.list.x/listed"_s); // not 127/8
    EXPECT_EQ(badKey(list + "listed=127.0.0.11-127.0.0.2\n"), u"reputation.list.x/listed"_s);
    EXPECT_EQ(badKey(list + "listed=any\n"), u"reputation.list.x/listed"_s);
    EXPECT_EQ(badKey(list + "listed=127.0.0.2\nremoval=ftp://x.example/\n"),
              u"reputation.list.x/removal"_s);
    EXPECT_EQ(badKey(list + "listed=127.0.0.2\ncolour=red\n"), u"reputation.list.x/colour"_s);
    EXPECT_EQ(badKey("[reputation.list.x]\nzone=not a zone\nkind=ip\nlisted=127.0.0.2\n"),
              u"reputation.list.x/zone"_s);
    EXPECT_EQ(badKey("[reputation.list.x]\nzone=bl.example\nkind=url\nlisted=127.0.0.2\n"),
              u"reputation.list.x/kind"_s);
    EXPECT_EQ(badKey("[reputation.list.x]\nkind=ip\nlisted=127.0.0.2\n"),
              u"reputation.list.x/zone"_s);
    EXPECT_EQ(badKey(list + "listed=127.0.0.2\n"), QString()); // the fixed one loads
}

TEST(Reputation, OnlyTheListsCodesAreListingsARefusedAnswerIsNot)
{
    const QStringList listed{u"127.0.0.2-127.0.0.11"_s, u"127.0.1.2"_s};
    EXPECT_TRUE(reputation::isListingCode(listed, u"127.0.0.2"_s));
    EXPECT_TRUE(reputation::isListingCode(listed, u"127.0.0.11"_s));
    EXPECT_TRUE(reputation::isListingCode(listed, u"127.0.1.2"_s));
    EXPECT_FALSE(reputation::isListingCode(listed, u"127.255.255.254"_s)); // query refused
    EXPECT_FALSE(reputation::isListingCode(listed, u"127.255.255.252"_s)); // typo in the zone
    EXPECT_FALSE(reputation::isListingCode(listed, u"127.0.0.12"_s));
    EXPECT_FALSE(reputation::isListingCode(listed, u"garbage"_s));
}

TEST(Reputation, TheNamesAskedAreTheReversedAddressOrTheDomainThenTheZone)
{
    const api::ReputationList ip{u"zen"_s, u"zen.example"_s, u"ip"_s, {u"127.0.0.2"_s}, {}};
    const api::ReputationList domain{u"dbl"_s, u"dbl.example"_s, u"domain"_s, {}, {}};
    EXPECT_EQ(reputation::queryName(ip, u"203.0.113.25"_s), u"25.113.0.203.zen.example"_s);
    EXPECT_EQ(reputation::queryName(ip, u"2001:db8::1"_s),
              u"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.example"_s);
    EXPECT_EQ(reputation::queryName(domain, u"shop.example"_s), u"shop.example.dbl.example"_s);
    EXPECT_EQ(reputation::senderDomain(u"*@Shop.Example"_s), u"shop.example"_s);
    EXPECT_EQ(reputation::senderDomain(u"*@*.shop.example"_s), u"shop.example"_s);
    EXPECT_EQ(reputation::senderDomain(u"bob@lab.test"_s), u"lab.test"_s);
    EXPECT_EQ(reputation::senderDomain(u"*@shop-*.example"_s), QString());
}

api::ReputationTarget target(const QString &status)
{
    return {u"203.0.113.25"_s, u"ip"_s, {}, {{u"zen"_s, status, {}, {}, {}}}};
}

TEST(Reputation, AListingIsNewOnceADelistingIsRecordedAndATimeoutChangesNeither)
{
    QTemporaryDir dir;
    auto store = reputation::Store::open(dir.filePath(u"reputation.sqlite"_s));
    ASSERT_TRUE(store.ok()) << store.error().message.toStdString();
    QDateTime t = QDateTime::fromString(u"2026-12-01T06:00:00Z"_s, Qt::ISODate);
    auto record = [&](const QString &status) {
        QList<api::ReputationTarget> targets{target(status)};
        t = t.addDays(1);
        auto fresh = store.value()->record(t, u"root"_s, targets);
        EXPECT_TRUE(fresh.ok());
        return fresh ? fresh.value().size() : -1;
    };
    EXPECT_EQ(record(u"clear"_s), 0);
    EXPECT_EQ(record(u"listed"_s), 1); // new
    const QDateTime listedAt = t;
    EXPECT_EQ(record(u"listed"_s), 0); // the same listing
    EXPECT_EQ(record(u"error"_s), 0);  // a timeout: not checked
    EXPECT_EQ(record(u"listed"_s), 0); // still the same listing
    auto latest = store.value()->latest();
    ASSERT_TRUE(latest.ok());
    ASSERT_EQ(latest.value().targets.size(), 1);
    EXPECT_EQ(latest.value().targets[0].results[0].status, u"listed"_s);
    EXPECT_EQ(latest.value().checked, t);
    EXPECT_EQ(record(u"clear"_s), 0); // delisted
    EXPECT_EQ(record(u"refused"_s), 0);
    EXPECT_EQ(record(u"listed"_s), 1); // listed again: new again

    auto history = store.value()->history(u"203.0.113.25"_s, 100);
    ASSERT_TRUE(history.ok());
    QStringList steps;
    for (const auto &c : history.value())
        steps.prepend(c.previous + u'>' + c.status);
    EXPECT_EQ(steps,
              (QStringList{u">clear"_s, u"clear>listed"_s, u"listed>error"_s, u"error>listed"_s,
                           u"listed>clear"_s, u"clear>refused"_s, u"refused>listed"_s}));
    EXPECT_EQ(history.value().last().time, listedAt.addDays(-1)); // the first check
}

} // namespace

namespace {

// A resolver that does not answer (nothing listens on its port): the first queries are
// errors, never listings, and a list that failed 3 times in a row is not asked again.
TEST(Reputation, AResolverThatDoesNotAnswerIsAnErrorNeverAListing)
{
    reputation::Settings s;
    s.resolverAddress = u"127.0.0.1"_s;
    s.resolverPort = 9; // discard: nothing listens there
    s.timeoutSecs = 1;
    s.lists = {{u"zen"_s, u"zen.example"_s, u"ip"_s, {u"127.0.0.2"_s}, {}}};
    QList<api::ReputationTarget> targets;
    for (const QString &ip : {u"192.0.2.1"_s, u"192.0.2.2"_s, u"192.0.2.3"_s, u"192.0.2.4"_s})
        targets.append({ip, u"ip"_s, {}, {}});
    targets.append({u"shop.example"_s, u"domain"_s, {u"bob"_s}, {}}); // no domain list
    const auto checked = reputation::check(s, targets);
    ASSERT_EQ(checked.size(), 5);
    for (int i = 0; i < 4; ++i) {
        ASSERT_EQ(checked[i].results.size(), 1);
        EXPECT_EQ(checked[i].results[0].status, u"error"_s);
        EXPECT_FALSE(checked[i].listed());
    }
    EXPECT_TRUE(checked[3].results[0].detail.startsWith(u"not asked"_s));
    EXPECT_TRUE(checked[4].results.isEmpty());
}

} // namespace

namespace {

// DNS messages built by hand: what a resolver must not send, and what it may.
QByteArray dnsName(const QByteArray &name)
{
    QByteArray out;
    for (const QByteArray &label : name.split('.'))
        out.append(char(label.size())).append(label);
    return out.append('\0');
}

QByteArray u16(int v)
{
    return QByteArray(1, char((v >> 8) & 0xff)) + QByteArray(1, char(v & 0xff));
}

QByteArray record(const QByteArray &owner, int type, const QByteArray &rdata)
{
    return dnsName(owner) + u16(type) + u16(1) + u16(0) + u16(60) + u16(int(rdata.size())) + rdata;
}

QByteArray a(const QByteArray &owner, const QByteArray &address)
{
    QByteArray rdata;
    for (const QByteArray &octet : address.split('.'))
        rdata.append(char(octet.toInt()));
    return record(owner, 1, rdata);
}

QByteArray cname(const QByteArray &owner, const QByteArray &target)
{
    return record(owner, 5, dnsName(target));
}

struct Message
{
    int id = 0x1234;
    int flags = 0x8180; // QR, RD, RA, NOERROR
    QByteArray question = "2.0.0.127.zen.example";
    int qtype = 1, qclass = 1;
    QList<QByteArray> answers;
    QByteArray bytes() const
    {
        return u16(id) + u16(flags) + u16(1) + u16(int(answers.size())) + u16(0) + u16(0) +
               dnsName(question) + u16(qtype) + u16(qclass) + answers.join();
    }
};

const QString Asked = u"2.0.0.127.zen.example"_s;

std::optional<reputation::Answer> read(const Message &m, bool *truncated = nullptr)
{
    return reputation::readResponse(m.bytes(), 0x1234, Asked, truncated);
}

TEST(ReputationAnswer, OnlyTheQuestionsOwnARecordsCountCaseInsensitively)
{
    Message m;
    m.answers = {a("2.0.0.127.ZEN.Example", "127.0.0.2"), a("evil.example", "127.0.0.3")};
    auto r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Addresses);
    EXPECT_EQ(r->addresses, QStringList{u"127.0.0.2"_s}); // never evil.example's
}

TEST(ReputationAnswer, RecordsAboutAnotherNameOnlyAreNeitherAListingNorClear)
{
    Message m;
    m.answers = {a("evil.example", "127.0.0.2")};
    auto r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Failure);
    EXPECT_TRUE(r->addresses.isEmpty());
    EXPECT_TRUE(r->detail.contains(u"evil.example"_s)) << r->detail.toStdString();
    // Another type for the right name (a TXT) is no address either: the name has none.
    m.answers = {record(Asked.toLatin1(), 16, "\x04text")};
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::NoSuchName);
}

TEST(ReputationAnswer, WhatDoesNotAnswerTheQuestionIsNoAnswer)
{
    Message m;
    m.answers = {a(Asked.toLatin1(), "127.0.0.2")};
    ASSERT_TRUE(read(m)); // the right one
    Message other = m;
    other.id = 0x4321; // another transaction
    EXPECT_FALSE(read(other));
    other = m;
    other.question = "evil.example"; // another question
    other.answers = {a("evil.example", "127.0.0.2")};
    EXPECT_FALSE(read(other));
    other = m;
    other.qtype = 28; // AAAA
    EXPECT_FALSE(read(other));
    other = m;
    other.qclass = 3; // CHAOS
    EXPECT_FALSE(read(other));
    other = m;
    other.flags = 0x0100; // a query, not a response
    EXPECT_FALSE(read(other));
    EXPECT_FALSE(reputation::readResponse(m.bytes().left(20), 0x1234, Asked)); // cut short
    EXPECT_FALSE(reputation::readResponse(QByteArray(), 0x1234, Asked));
}

TEST(ReputationAnswer, TheResponseCodesAndTheTruncationFlag)
{
    Message m;
    m.flags = 0x8183; // NXDOMAIN
    auto r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::NoSuchName);
    m.flags = 0x8182; // SERVFAIL
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Failure);
    EXPECT_TRUE(r->detail.contains(u"SERVFAIL"_s));
    m.flags = 0x8185; // REFUSED
    EXPECT_TRUE(read(m)->detail.contains(u"REFUSED"_s));
    m.flags = 0x8380; // TC
    bool truncated = false;
    ASSERT_TRUE(read(m, &truncated));
    EXPECT_TRUE(truncated);
}

TEST(ReputationAnswer, ACnameChainIsFollowedLinkByLinkOrRefused)
{
    Message m;
    m.answers = {a("listed.example", "127.0.0.2"), cname(Asked.toLatin1(), "alias.example"),
                 cname("ALIAS.example", "listed.example"), a("evil.example", "127.0.0.3")};
    auto r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Addresses);
    EXPECT_EQ(r->addresses, QStringList{u"127.0.0.2"_s});

    // The address of a name the chain does not lead to is not the answer.
    m.answers = {cname(Asked.toLatin1(), "alias.example"), a("listed.example", "127.0.0.2")};
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Failure);
    EXPECT_TRUE(r->addresses.isEmpty());
    // An address beside the CNAME, owned by the alias itself, is not followed either.
    m.answers = {cname(Asked.toLatin1(), "alias.example"), a(Asked.toLatin1(), "127.0.0.2")};
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->addresses.isEmpty());

    m.answers = {cname(Asked.toLatin1(), "alias.example"), cname("alias.example", Asked.toLatin1()),
                 a(Asked.toLatin1(), "127.0.0.2")};
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Failure);
    EXPECT_TRUE(r->detail.contains(u"loop"_s)) << r->detail.toStdString();

    m.answers.clear();
    QByteArray from = Asked.toLatin1();
    for (int i = 0; i < 12; ++i) {
        const QByteArray to = "hop" + QByteArray::number(i) + ".example";
        m.answers.append(cname(from, to));
        from = to;
    }
    m.answers.append(a(from, "127.0.0.2"));
    r = read(m);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, reputation::Answer::Kind::Failure);
    EXPECT_TRUE(r->detail.contains(u"longer"_s)) << r->detail.toStdString();
}

} // namespace
