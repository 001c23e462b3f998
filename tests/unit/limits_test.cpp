// The size limits of core/common/limits.h as the policy enforces them, and the strict JSON
// key scan that refuses duplicate keys (in policy.json and in every staffettactl request).
#include "common/limits.h"
#include "common/strict_json.h"
#include "policy/policy.h"

#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace staffetta;
using namespace staffetta::policy;
using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject account(const QString &login, const QJsonArray &senders = {})
{
    return {{u"login"_s, login}, {u"senders"_s, senders}};
}

QByteArray policyWith(const QJsonArray &accounts, const QJsonArray &blacklist = {})
{
    return QJsonDocument(QJsonObject{{u"schema_version"_s, 1},
                                     {u"accounts"_s, accounts},
                                     {u"blacklist"_s, blacklist}})
        .toJson(QJsonDocument::Compact);
}

QJsonArray senders(int n)
{
    QJsonArray a;
    for (int i = 0; i < n; ++i)
        a.append(u"s%1@shop.example"_s.arg(i));
    return a;
}

QJsonArray blacklist(int n)
{
    QJsonArray a;
    for (int i = 0; i < n; ++i)
        a.append(
            QJsonObject{{u"pattern"_s, u"*@spam%1.example"_s.arg(i)}, {u"message"_s, u"no"_s}});
    return a;
}

// {path: reason} of a refusal.
QMap<QString, QString> problems(const Result<Policy> &r)
{
    QMap<QString, QString> out;
    if (r.ok())
        return out;
    for (const auto &e : r.error().details.value(u"errors"_s).toArray())
        out.insert(e.toObject().value(u"path"_s).toString(),
                   e.toObject().value(u"reason"_s).toString());
    return out;
}

} // namespace

TEST(StrictJson, FindsADuplicateKeyWithItsPathAndOffset)
{
    const QByteArray json = R"({"accounts": [{"login": "a"}, {"login": "b", "login": "c"}]})";
    const KeyScan scan = scanJsonKeys(json);
    ASSERT_TRUE(scan.duplicate.has_value());
    EXPECT_EQ(scan.duplicate->key, u"login"_s);
    EXPECT_EQ(scan.duplicate->path, u"accounts[1].login"_s);
    EXPECT_EQ(scan.duplicate->offset, json.lastIndexOf("\"login\""));
    EXPECT_TRUE(scan.duplicate->message().contains(u"\"login\""_s))
        << scan.duplicate->message().toStdString();
    EXPECT_EQ(scan.keys, 4);
}

TEST(StrictJson, EscapesAreDecodedAndStringsAreNotKeys)
{
    // "a" and "\u0061" are one key; a value that looks like keys is only a value.
    auto escaped = scanJsonKeys(R"({"a": 1, "\u0061": 2})");
    ASSERT_TRUE(escaped.duplicate.has_value());
    EXPECT_EQ(escaped.duplicate->path, u"a"_s);
    EXPECT_FALSE(scanJsonKeys(R"({"x": "\"a\": 1, \"a\"", "a": ["a", "a"], "b": {"a": 1}})")
                     .duplicate.has_value());
    EXPECT_FALSE(scanJsonKeys(R"({"\\": 1, "\\\\": 2, "\"": 3})").duplicate.has_value());
    // QJsonDocument reads an unknown escape as the character itself: "\q" is "q".
    const QByteArray unknown = R"({"\q": 1, "q": 2})";
    ASSERT_EQ(QJsonDocument::fromJson(unknown).object().size(), 1);
    EXPECT_TRUE(scanJsonKeys(unknown).duplicate.has_value());
    // The same key in sibling objects is no duplicate; in the root after a nested one, it is.
    EXPECT_FALSE(scanJsonKeys(R"([{"a": 1}, {"a": 2}])").duplicate.has_value());
    auto root = scanJsonKeys(R"({"a": {"a": 1}, "b": [], "a": 2})");
    ASSERT_TRUE(root.duplicate.has_value());
    EXPECT_EQ(root.duplicate->path, u"a"_s);
    auto surrogate = scanJsonKeys("{\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}");
    ASSERT_TRUE(surrogate.duplicate.has_value()); // the same emoji, escaped and in UTF-8
    EXPECT_EQ(surrogate.duplicate->key, u"\U0001F600"_s);
}

TEST(StrictJson, ARawControlCharacterDoesNotHideALaterDuplicate)
{
    // QJsonDocument accepts raw control characters in strings; the scan must read past them.
    const QByteArray json("{\"a\x01\": 1, \"b\": 2, \"b\": 3}");
    ASSERT_FALSE(QJsonDocument::fromJson(json).isNull());
    auto scan = scanJsonKeys(json);
    ASSERT_TRUE(scan.duplicate.has_value());
    EXPECT_EQ(scan.duplicate->key, u"b"_s);
}

TEST(StrictJson, MalformedTextStopsQuietly)
{
    for (const char *bad : {"{\"a", "{\"a\\", "{\"\\u12", "}}]]", "{\"a\":1]", "\"\\q\""})
        EXPECT_FALSE(scanJsonKeys(bad).duplicate.has_value()) << bad;
}

TEST(PolicyLimits, DuplicateKeyInPolicyJsonIsRefusedWithTheKey)
{
    const QByteArray json =
        R"({"schema_version": 1, "accounts": [{"login": "alice", "senders": [], "login": "bob"}]})";
    auto r = Policy::fromJson(json);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidPolicy);
    EXPECT_TRUE(r.error().message.contains(u"duplicate key \"login\""_s))
        << r.error().message.toStdString();
    EXPECT_TRUE(problems(r).contains(u"accounts[0].login"_s));
}

TEST(PolicyLimits, SendersAndBlacklistsAreCounted)
{
    const QJsonArray ok{account(u"alice"_s, senders(limits::MaxSendersPerAccount))};
    EXPECT_TRUE(Policy::fromJson(policyWith(ok, blacklist(limits::MaxRelayBlacklist))).ok());

    auto many = Policy::fromJson(policyWith({account(u"alice"_s, senders(1001))}));
    EXPECT_EQ(problems(many).value(u"accounts[0].senders"_s),
              u"has 1001 patterns; at most 1000 are allowed"_s);
    EXPECT_EQ(problems(many).size(), 1); // one reason, not one per pattern

    QJsonObject a = account(u"alice"_s);
    a.insert(u"blacklist"_s, blacklist(1001));
    EXPECT_EQ(problems(Policy::fromJson(policyWith({a}))).value(u"accounts[0].blacklist"_s),
              u"has 1001 entries; at most 1000 are allowed"_s);
    EXPECT_TRUE(
        problems(Policy::fromJson(policyWith({}, blacklist(10001)))).contains(u"blacklist"_s));
}

// The hosting panel's caps: 50 relay-wide entries plus 5 per account, 20 per account, set by
// the admin in limits.
TEST(PolicyLimits, BlacklistCapsAreTheHostingPanelsAndTheAdminMovesThem)
{
    QJsonObject a = account(u"alice"_s);
    a.insert(u"blacklist"_s, blacklist(20));
    auto twenty = Policy::fromJson(policyWith({a}));
    ASSERT_TRUE(twenty.ok()) << twenty.error().message.toStdString();
    EXPECT_EQ(twenty.value().limits.accountBlacklistCap, 20);

    a.insert(u"blacklist"_s, blacklist(21));
    EXPECT_EQ(problems(Policy::fromJson(policyWith({a}))).value(u"accounts[0].blacklist"_s),
              u"has 21 entries; at most 20 per account are allowed "
              u"(limits.account_blacklist_cap)"_s);

    // The relay-wide list: 50 + 5 for each of two accounts = 60. The parser reads partners'
    // views too (only their accounts), so the whole policy is checked apart.
    QJsonArray two{account(u"alice"_s), account(u"bob"_s)};
    auto sixty = Policy::fromJson(policyWith(two, blacklist(60)));
    ASSERT_TRUE(sixty.ok());
    EXPECT_FALSE(policy::relayBlacklistProblem(sixty.value()).has_value());
    auto over = Policy::fromJson(policyWith(two, blacklist(61)));
    ASSERT_TRUE(over.ok());
    EXPECT_EQ(policy::relayBlacklistProblem(over.value()).value_or(QString()),
              u"has 61 entries; at most 60 are allowed (limits.blacklist_cap 50 + "
              u"limits.blacklist_cap_per_account 5 for each of the 2 accounts)"_s);

    // Raised by the admin; written back as set; 0 is allowed (no list at all).
    QJsonObject doc = QJsonDocument::fromJson(policyWith(two, blacklist(61))).object();
    doc.insert(u"limits"_s, QJsonObject{{u"blacklist_cap"_s, 100},
                                        {u"blacklist_cap_per_account"_s, 0},
                                        {u"account_blacklist_cap"_s, 0}});
    auto raised = Policy::fromJsonObject(doc);
    ASSERT_TRUE(raised.ok()) << raised.error().message.toStdString();
    EXPECT_FALSE(policy::relayBlacklistProblem(raised.value()).has_value());
    const QJsonObject limits = raised.value().toJsonObject().value(u"limits"_s).toObject();
    EXPECT_EQ(limits.value(u"blacklist_cap"_s).toInt(), 100);
    EXPECT_EQ(limits.value(u"account_blacklist_cap"_s).toInt(), 0);
    doc.insert(u"limits"_s, QJsonObject{{u"account_blacklist_cap"_s, -1}});
    EXPECT_EQ(problems(Policy::fromJsonObject(doc)).value(u"limits.account_blacklist_cap"_s),
              u"must be a whole number from 0 to 1000"_s);
}

TEST(PolicyLimits, PatternsAreAtMost254Characters)
{
    const QString at254 = QString(254 - 13, u'a') + u"@shop.example"_s;
    ASSERT_EQ(at254.size(), 254);
    EXPECT_TRUE(Policy::fromJson(policyWith({account(u"alice"_s, {at254})})).ok());
    auto longer = Policy::fromJson(policyWith({account(u"alice"_s, {u'a' + at254})}));
    EXPECT_TRUE(problems(longer)
                    .value(u"accounts[0].senders[0]"_s)
                    .contains(u"is longer than 254 characters"_s))
        << longer.error().message.toStdString();
    // A refusal quotes a huge pattern only in part: it goes to the audit log.
    auto huge = Policy::fromJson(policyWith({account(u"alice"_s, {QString(100000, u'x')})}));
    ASSERT_FALSE(huge.ok());
    EXPECT_LT(huge.error().message.size(), 300);
    EXPECT_LT(QJsonDocument(huge.error().details).toJson().size(), 500);
    EXPECT_FALSE(
        Policy::fromJson(policyWith({account(u"alice"_s, {u"a\u0001b@shop.example"_s})})).ok());
}

TEST(PolicyLimits, LoginsHaveNoControlCharactersOrSpaces)
{
    for (const QString &bad : {u"ali\u0007ce"_s, u"ali\tce"_s, u"ali ce"_s, u"al\nice"_s,
                               u"bob\u0000"_s, QString(65, u'a')}) {
        auto r = Policy::fromJson(policyWith({account(bad)}));
        EXPECT_TRUE(problems(r).contains(u"accounts[0].login"_s)) << bad.toStdString();
    }
    EXPECT_TRUE(Policy::fromJson(policyWith({account(QString(64, u'a'))})).ok());
    EXPECT_TRUE(Policy::fromJson(policyWith({account(u"info@shop.example"_s)})).ok());
}

TEST(PolicyLimits, BlacklistMessagesArePrintableAndShort)
{
    const auto entry = [](const QString &message) {
        return QJsonArray{
            QJsonObject{{u"pattern"_s, u"*@spam.example"_s}, {u"message"_s, message}}};
    };
    EXPECT_TRUE(Policy::fromJson(policyWith({}, entry(QString(200, u'm')))).ok());
    EXPECT_TRUE(Policy::fromJson(policyWith({}, entry(u"già segnalato \U0001F6AB"_s))).ok());
    for (const QString &bad :
         {QString(201, u'm'), u"two\nlines"_s, u"tab\there"_s, u"cr\r"_s, u"bell\u0007"_s})
        EXPECT_TRUE(problems(Policy::fromJson(policyWith({}, entry(bad))))
                        .contains(u"blacklist[0].message"_s))
            << bad.toStdString();
}

TEST(PolicyLimits, ARealisticPolicyOfMaxAccountsFitsInARequest)
{
    // The model of limits.h: login = the mailbox address, two senders, one account in ten
    // with a blacklist entry, one in five with a quota override; twenty relay-wide entries.
    QJsonArray accounts;
    for (int i = 0; i < limits::MaxAccounts; ++i) {
        const QString domain = u"shop%1.it"_s.arg(i, 5, 10, QChar(u'0'));
        QJsonObject a = account(u"info@"_s + domain, {u"info@"_s + domain, u"*@"_s + domain});
        if (i % 10 == 0)
            a.insert(u"blacklist"_s, QJsonArray{QJsonObject{{u"pattern"_s, u"ceo@"_s + domain},
                                                            {u"message"_s, u"impersonation"_s}}});
        if (i % 5 == 0)
            a.insert(u"daily_quota"_s, 1000);
        accounts.append(a);
    }
    auto policy = Policy::fromJson(policyWith(accounts, blacklist(20)));
    ASSERT_TRUE(policy.ok()) << policy.error().message.toStdString();
    // As the console sends it: {base_revision, comment, policy}, compact.
    const QJsonObject request{
        {u"base_revision"_s, 12},
        {u"comment"_s, QString(200, u'c')},
        {u"policy"_s, QJsonDocument::fromJson(policy.value().toJson()).object()}};
    const qsizetype size = QJsonDocument(request).toJson(QJsonDocument::Compact).size();
    EXPECT_LT(size, limits::MaxRequestBytes);
    EXPECT_GT(size, limits::MaxRequestBytes * 8 / 10); // the limit is not far off either
    accounts.append(account(u"one-more"_s));
    EXPECT_EQ(problems(Policy::fromJson(policyWith(accounts))).value(u"accounts"_s),
              u"has 10001 accounts; at most 10000 are allowed"_s);
}
