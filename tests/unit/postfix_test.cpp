#include "postfix/postfix.h"

#include "test_support.h"

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

// Lines as Postfix 3.7's `postqueue -j` prints them.
static const QByteArray sample =
    R"({"queue_name": "deferred", "queue_id": "4F2A1B3C9D", "arrival_time": 1700000000, "message_size": 512, "forced_expire": false, "sender": "bob@lab.test", "recipients": [{"address": "x@nowhere.invalid", "delay_reason": "Host or domain name not found"}]}
{"queue_name": "deferred", "queue_id": "5A2A1B3C9E", "arrival_time": 1700000001, "message_size": 700, "forced_expire": false, "sender": "bob@lab.test", "recipients": [{"address": "y@nowhere.invalid"}]}
{"queue_name": "hold", "queue_id": "6B2A1B3C9F", "arrival_time": 1700000002, "message_size": 300, "forced_expire": false, "sender": "carol@lab.test", "recipients": [{"address": "z@example.com"}]}
)";

TEST(Postfix, CountsQueues)
{
    auto r = postfix::countQueues(sample);
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r.value().value(u"deferred"_s), 2);
    EXPECT_EQ(r.value().value(u"hold"_s), 1);
    EXPECT_EQ(r.value().value(u"active"_s), 0);
}

TEST(Postfix, EmptyQueueIsEmpty)
{
    auto r = postfix::countQueues({});
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value().isEmpty());
}

TEST(Postfix, MalformedLineNamesItsNumber)
{
    auto r = postfix::countQueues(sample + "postqueue: fatal: Queue report unavailable\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
    EXPECT_EQ(r.error().details.value(u"line"_s).toInt(), 4);
}

TEST(Postfix, MissingToolIsUnavailable)
{
    const postfix::Postfix pf(u"/nonexistent"_s, u"/nonexistent/sbin"_s);
    auto r = pf.version();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
}

TEST(Postfix, BadConfigDirIsUnavailableWithReason)
{
    const postfix::Postfix pf(u"/nonexistent-postfix-config"_s);
    auto r = pf.version();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
    EXPECT_TRUE(r.error().message.contains(u"nonexistent-postfix-config"_s))
        << r.error().message.toStdString();
}

// The services of a master.cf with Debian's blocks: which offer AUTH, on which ports, with which
// milters (overrides expanded by postconf -x; relative unix sockets under queue_directory).
TEST(Postfix, SmtpdServicesAreReadFromMasterCf)
{
    const QByteArray master =
        "smtp      inet  n       -       y       -       1       postscreen\n"
        "smtpd     pass  -       -       y       -       -       smtpd\n"
        "pickup    unix  n       -       y       60      1       pickup\n"
        "submission inet  n       -       y       -       -       smtpd -o "
        "smtpd_milters=$mua_milters -o smtpd_sasl_auth_enable=yes\n"
        "127.0.0.1:30001 inet n   -       n       -       -       smtpd -o "
        "smtpd_sasl_auth_enable=yes -o {smtpd_recipient_restrictions=check_policy_service "
        "unix:/x, permit_sasl_authenticated, reject}\n"
        "465       inet  n       -       y       -       -       smtpd -o "
        "smtpd_sasl_auth_enable=yes -o smtpd_milters=\n";
    const QByteArray params =
        "submission/inet/smtpd_milters = { unix:private/staffetta-milter, connect_timeout=10s }, "
        "inet:127.0.0.1:8891\n"
        "submission/inet/smtpd_sasl_auth_enable = yes\n"
        "127.0.0.1:30001/inet/smtpd_sasl_auth_enable = yes\n"
        "127.0.0.1:30001/inet/smtpd_recipient_restrictions = check_policy_service unix:/x, "
        "permit_sasl_authenticated, reject\n"
        "465/inet/smtpd_sasl_auth_enable = yes\n"
        "465/inet/smtpd_milters =\n";
    const auto services = postfix::parseSmtpdServices(master, params, u"unix:/run/main.sock"_s,
                                                      u"no"_s, u"/var/spool/postfix"_s);
    ASSERT_EQ(services.size(), 4);
    EXPECT_EQ(services[0].name, u"submission"_s);
    EXPECT_EQ(services[0].ports, QList<int>{587});
    EXPECT_TRUE(services[0].sasl);
    EXPECT_EQ(services[0].milters,
              QStringList({u"unix:/var/spool/postfix/private/staffetta-milter"_s,
                           u"inet:127.0.0.1:8891"_s}));
    EXPECT_EQ(services[1].ports, QList<int>{30001});
    EXPECT_EQ(services[1].milters, QStringList{u"unix:/run/main.sock"_s}); // main.cf's
    EXPECT_EQ(services[2].name, u"465"_s);
    EXPECT_TRUE(services[2].milters.isEmpty()); // overridden to nothing
    EXPECT_EQ(services[3].name, u"smtpd"_s);    // behind postscreen: its port
    EXPECT_EQ(services[3].ports, QList<int>{25});
    EXPECT_FALSE(services[3].sasl);
}

TEST(Postfix, MilterAddressesMatchWhatLibmilterListensOn)
{
    EXPECT_EQ(postfix::milterAddresses(u"{ unix:/a, connect_timeout=10s },inet:h:1 unix:/b"_s),
              QStringList({u"unix:/a"_s, u"inet:h:1"_s, u"unix:/b"_s}));
    EXPECT_TRUE(postfix::sameMilter(u"unix:/var/spool/postfix/private/m"_s,
                                    u"local:/var/spool/postfix/private//m"_s));
    EXPECT_FALSE(postfix::sameMilter(u"unix:/var/spool/postfix/private/m"_s, u"unix:/run/m"_s));
    EXPECT_TRUE(postfix::sameMilter(u"inet:127.0.0.1:8892"_s, u"inet:8892@localhost"_s));
    EXPECT_FALSE(postfix::sameMilter(u"inet:127.0.0.1:8892"_s, u"inet:8891@127.0.0.1"_s));
    EXPECT_FALSE(postfix::sameMilter(u"inet:127.0.0.1:8892"_s, u"unix:/run/m"_s));
}
