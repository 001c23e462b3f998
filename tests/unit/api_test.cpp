#include "api/api.h"
#include "api/bans.h"
#include "api/info.h"
#include "client/relay_client.h"

#include "test_support.h"

#include <cstring>

#include <QJsonArray>
#include <QJsonDocument>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

TEST(Api, SuccessResponseParsesBack)
{
    const QByteArray out = api::successResponse({{u"x"_s, 1}});
    auto r = api::parseResponse(out, {}, 0);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().value(u"x"_s).toInt(), 1);
    EXPECT_EQ(QJsonDocument::fromJson(out).object().value(u"api_version"_s).toInt(), api::Version);
}

TEST(Api, ErrorResponseKeepsCodeAndDetails)
{
    const QByteArray out =
        api::errorResponse(Error(ErrorCode::Conflict, u"stale"_s, {{u"revision"_s, 7}}));
    auto r = api::parseResponse(out, {}, 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_EQ(r.error().message, u"stale"_s);
    EXPECT_EQ(r.error().details.value(u"revision"_s).toInt(), 7);
}

TEST(Api, GarbageIsBadResponseWithStderr)
{
    auto r = api::parseResponse("bash: staffettactl: command not found\n",
                                "sh: 1: staffettactl: not found", 127);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
    EXPECT_TRUE(r.error().message.contains(u"not found"_s)) << r.error().message.toStdString();
    EXPECT_EQ(r.error().details.value(u"exit_status"_s).toInt(), 127);
}

TEST(Api, JsonWithoutEnvelopeIsBadResponse)
{
    auto r = api::parseResponse(R"({"hello": 1})", {}, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
}

TEST(Api, SafeWords)
{
    for (const QString &w :
         {u"info"_s, u"queue"_s, u"4F2A1B3C9D"_s, u"127.0.0.2"_s, u"alice@lab.test"_s})
        EXPECT_TRUE(api::isSafeWord(w)) << w.toStdString();
    for (const QString &w : {u""_s, u"a b"_s, u"x;rm"_s, u"$(id)"_s, u"`id`"_s, u"a|b"_s, u"-rf"_s,
                             u"a'b"_s, u"a\"b"_s, u"a\nb"_s, u"*"_s, u"~root"_s})
        EXPECT_FALSE(api::isSafeWord(w)) << w.toStdString();
}

TEST(RelayInfo, RoundTripAndTotals)
{
    api::RelayInfo i;
    i.apiVersion = 1;
    i.staffettaVersion = u"0.1.0"_s;
    i.hostname = u"relay1"_s;
    i.postfixVersion = u"3.7.11"_s;
    i.queues = {{u"active"_s, 2}, {u"deferred"_s, 5}, {u"hold"_s, 0}};
    i.fail2banAvailable = true;
    i.jails = {api::JailStatus{u"postfix-sasl"_s, 2, 9, 1, {u"127.0.0.2"_s, u"127.0.0.3"_s}}};
    auto back = api::RelayInfo::fromJson(i.toJson());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().postfixVersion, u"3.7.11"_s);
    EXPECT_EQ(back.value().queues, i.queues);
    EXPECT_EQ(back.value().jails, i.jails);
    EXPECT_EQ(back.value().queuedTotal(), 7);
    EXPECT_EQ(back.value().bannedTotal(), 2);
}

TEST(UnbanResult, RoundTrip)
{
    const api::UnbanResult r{
        u"192.0.2.1"_s, {u"postfix-sasl"_s}, {u"staffetta-sender"_s}, u"the audit log is full"_s};
    EXPECT_EQ(api::UnbanResult::fromJson(r.toJson()), r);
    EXPECT_EQ(r.toJson().value(u"not_banned"_s).toArray().size(), 1);
    // No audit problem: no audit_error key.
    const api::UnbanResult clean{u"192.0.2.1"_s, {u"postfix-sasl"_s}, {}, {}};
    EXPECT_FALSE(clean.toJson().contains(u"audit_error"_s));
}

TEST(RelayInfo, MissingPostfixVersionIsRefused)
{
    auto r = api::RelayInfo::fromJson({{u"api_version"_s, 1}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::BadResponse);
}

namespace {

// A transport that "runs" a verb by writing the given stdout chunks to the sink, at once.
class ScriptedTransport : public transport::Transport
{
public:
    explicit ScriptedTransport(QList<QByteArray> chunks)
        : m_chunks(std::move(chunks))
    {}
    void setCredentials(const transport::Credentials &) override {}
    QFuture<Result<transport::ExecOutput>> run(const QStringList &, const QByteArray &,
                                               transport::CancelToken,
                                               transport::OutputSink sink) override
    {
        transport::ExecOutput out;
        out.exitStatus = 0;
        for (const QByteArray &c : m_chunks) {
            if (sink)
                sink(c);
            else
                out.out += c;
        }
        return QtFuture::makeReadyFuture(Result<transport::ExecOutput>(out));
    }

private:
    QList<QByteArray> m_chunks;
};

struct Streamed
{
    QList<QJsonObject> items;
    Result<QJsonObject> response;
};

Streamed streamOf(QList<QByteArray> chunks)
{
    client::RelayClient relay(std::make_shared<ScriptedTransport>(std::move(chunks)));
    auto items = std::make_shared<QList<QJsonObject>>();
    auto f = relay.stream({u"queue"_s, u"list"_s}, {},
                          [items](const QJsonObject &item) { items->append(item); });
    f.waitForFinished();
    return {*items, f.result()};
}

} // namespace

// The framing rule (api.h): an item line is an object without a top-level "api_version";
// the response is the first line whose parsed object has one, whatever its key order or
// spacing.
TEST(ApiStream, ResponseIsRecognisedByItsParsedKeysNotItsText)
{
    const auto s = streamOf({"{\"queue_id\":\"A1\"}\n", "{\"a\":{\"api_version\":1}}\n",
                             "{ \"ok\": true, \"result\": {\"total\": 2}, \"api_version\": 1 }\n"});
    ASSERT_TRUE(s.response.ok()) << s.response.error().message.toStdString();
    EXPECT_EQ(s.response.value().value(u"total"_s).toInt(), 2);
    ASSERT_EQ(s.items.size(), 2);
    EXPECT_EQ(s.items[0].value(u"queue_id"_s).toString(), u"A1"_s);
    // The key nested in an item does not make it the response.
    EXPECT_TRUE(s.items[1].value(u"a"_s).toObject().contains(u"api_version"_s));
}

TEST(ApiStream, LinesSplitAcrossChunksAndAResponseWithoutNewline)
{
    const QByteArray response = api::successResponse({{u"n"_s, 1}}).trimmed();
    const auto s = streamOf({"{\"queue_", "id\":\"B2\"}\n{\"queue_id\"", ":\"C3\"}\n", response});
    ASSERT_TRUE(s.response.ok());
    ASSERT_EQ(s.items.size(), 2);
    EXPECT_EQ(s.items[1].value(u"queue_id"_s).toString(), u"C3"_s);
}

// The transport hands each chunk over in a buffer it reuses for the next read: lines are parsed
// where they lie, so nothing kept may point into it (a line completed across three chunks, the
// response line among items in one chunk, the buffer overwritten before finish()).
TEST(ApiStream, NothingKeptPointsIntoTheReadBuffer)
{
    QList<QJsonObject> items;
    api::StreamReader reader([&](const QJsonObject &o) { items.append(o); });
    char buffer[256];
    const auto feed = [&](const QByteArray &text) {
        std::memcpy(buffer, text.constData(), size_t(text.size()));
        reader.feed(QByteArray::fromRawData(buffer, text.size()));
        std::memset(buffer, 'x', sizeof buffer);
    };
    feed("{\"queue");
    feed("_id\":");
    feed("\"D4\"}\n  \n{\"queue_id\":\"E5\"}\n");
    feed(api::successResponse({{u"n"_s, 2}}).trimmed() + "\n");
    const Result<QJsonObject> response = reader.finish({}, 0);
    ASSERT_TRUE(response.ok()) << response.error().message.toStdString();
    EXPECT_EQ(response.value().value(u"n"_s).toInt(), 2);
    ASSERT_EQ(items.size(), 2);
    EXPECT_EQ(items[0].value(u"queue_id"_s).toString(), u"D4"_s);
    EXPECT_EQ(items[1].value(u"queue_id"_s).toString(), u"E5"_s);
}

TEST(ApiStream, AnErrorResponseKeepsItsCode)
{
    const auto s = streamOf({api::errorResponse(Error(ErrorCode::NotFound, u"gone"_s))});
    ASSERT_FALSE(s.response.ok());
    EXPECT_EQ(s.response.error().code, ErrorCode::NotFound);
}

TEST(ApiStream, AnItemThatIsNotAnObjectOrALineAfterTheResponseIsABadResponse)
{
    const QByteArray response = api::successResponse({});
    auto s = streamOf({"[1,2]\n", response});
    ASSERT_FALSE(s.response.ok());
    EXPECT_EQ(s.response.error().code, ErrorCode::BadResponse);
    s = streamOf({response, "{\"queue_id\":\"late\"}\n"});
    ASSERT_FALSE(s.response.ok());
    EXPECT_EQ(s.response.error().code, ErrorCode::BadResponse);
    s = streamOf({"{\"queue_id\":\"A1\"}\n"});
    ASSERT_FALSE(s.response.ok());
    EXPECT_EQ(s.response.error().code, ErrorCode::BadResponse);
}
