#include "transport/ssh_transport.h"

#include "test_support.h"

using namespace staffetta;
using namespace staffetta::transport;
using namespace Qt::Literals::StringLiterals;

TEST(SshCommand, BuildsFromSafeWordsOnly)
{
    SshEndpoint e;
    auto cmd = SshTransport::remoteCommandLine(e, {u"queue"_s, u"show"_s, u"4F2A1B3C9D"_s});
    ASSERT_TRUE(cmd.ok());
    EXPECT_EQ(cmd.value(), u"staffettactl queue show 4F2A1B3C9D --json"_s);

    auto evil = SshTransport::remoteCommandLine(e, {u"info"_s, u"; rm -rf /"_s});
    ASSERT_FALSE(evil.ok());
    EXPECT_EQ(evil.error().code, ErrorCode::BadRequest);

    e.remoteCommand = u"/usr/sbin/staffettactl; id"_s;
    auto badPath = SshTransport::remoteCommandLine(e, {u"info"_s});
    ASSERT_FALSE(badPath.ok());
    EXPECT_EQ(badPath.error().code, ErrorCode::BadRequest);
}

TEST(SshTransport, UnreachableHostIsHostUnreachable)
{
    SshEndpoint e;
    e.host = u"127.0.0.1"_s;
    e.port = 1; // nothing listens there
    e.user = u"nobody"_s;
    e.connectTimeoutMs = 3000;
    auto r = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, makeCancelToken());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::HostUnreachable);
    EXPECT_TRUE(r.error().message.contains(u"127.0.0.1"_s)) << r.error().message.toStdString();
}

TEST(SshTransport, CanceledBeforeStartDoesNothing)
{
    SshEndpoint e;
    e.host = u"127.0.0.1"_s;
    e.port = 1;
    auto cancel = makeCancelToken();
    cancel->store(true);
    auto r = SshTransport::runBlocking(e, {}, {u"info"_s}, {}, cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Canceled);
}
