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
