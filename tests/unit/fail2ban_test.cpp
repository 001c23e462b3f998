#include "fail2ban/fail2ban.h"

#include "test_support.h"

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

// Output of fail2ban 1.0.2's fail2ban-client, captured on Debian 12.
static const QString statusOutput = uR"(Status
|- Number of jail:	2
`- Jail list:	postfix-sasl, staffetta-sender
)"_s;

static const QString jailOutput = uR"(Status for the jail: postfix-sasl
|- Filter
|  |- Currently failed:	1
|  |- Total failed:	4
|  `- File list:	/tmp/lab1/log/mail.log
`- Actions
   |- Currently banned:	2
   |- Total banned:	3
   `- Banned IP list:	127.0.0.2 127.0.0.3
)"_s;

TEST(Fail2ban, ParsesJailList)
{
    EXPECT_EQ(fail2ban::parseJailList(statusOutput),
              (QStringList{u"postfix-sasl"_s, u"staffetta-sender"_s}));
    EXPECT_TRUE(
        fail2ban::parseJailList(u"Status\n|- Number of jail:\t0\n`- Jail list:\t\n"_s).isEmpty());
}

TEST(Fail2ban, ParsesJailStatus)
{
    auto r = fail2ban::parseJailStatus(u"postfix-sasl"_s, jailOutput);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value().currentlyBanned, 2);
    EXPECT_EQ(r.value().totalBanned, 3);
    EXPECT_EQ(r.value().currentlyFailed, 1);
    EXPECT_EQ(r.value().bannedIps, (QStringList{u"127.0.0.2"_s, u"127.0.0.3"_s}));
}

TEST(Fail2ban, NoBansMeansEmptyList)
{
    QString out = jailOutput;
    out.replace(u"Currently banned:\t2"_s, u"Currently banned:\t0"_s)
        .replace(u"127.0.0.2 127.0.0.3"_s, QString());
    auto r = fail2ban::parseJailStatus(u"postfix-sasl"_s, out);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().currentlyBanned, 0);
    EXPECT_TRUE(r.value().bannedIps.isEmpty());
}

TEST(Fail2ban, UnexpectedOutputIsAnError)
{
    auto r = fail2ban::parseJailStatus(u"postfix-sasl"_s, u"ERROR  NOK: ('postfix-sasl',)"_s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
}

TEST(Fail2ban, DeadSocketIsUnavailable)
{
    const fail2ban::Fail2ban f2b(u"/nonexistent/fail2ban.sock"_s);
    auto r = f2b.jails();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
}

// `fail2ban-client banned ADDRESS` as fail2ban 1.0 prints it: the jails that ban it, none, and
// an answer of another shape (an error, a later version) refused rather than read as "none".
TEST(Fail2banParse, TheJailsThatBanAnAddress)
{
    EXPECT_EQ(fail2ban::parseBannedIn(u"[['postfix-sasl', 'staffetta-sender']]\n"_s).value(),
              (QStringList{u"postfix-sasl"_s, u"staffetta-sender"_s}));
    EXPECT_EQ(fail2ban::parseBannedIn(u"[['postfix-sasl']]"_s).value(),
              QStringList{u"postfix-sasl"_s});
    EXPECT_TRUE(fail2ban::parseBannedIn(u"[[]]\n"_s).value().isEmpty());
    EXPECT_FALSE(fail2ban::parseBannedIn(u"Sorry but the command is invalid"_s).ok());
    EXPECT_FALSE(fail2ban::parseBannedIn(u"[{'postfix-sasl': []}]"_s).ok());
    EXPECT_FALSE(fail2ban::parseBannedIn(u"[['a'; rm -rf']]"_s).ok());
}
