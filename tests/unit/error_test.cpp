#include "common/error.h"
#include "common/result.h"

#include "test_support.h"

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

TEST(Error, CodeNamesRoundTrip)
{
    for (ErrorCode c : {ErrorCode::BadRequest, ErrorCode::HostKeyChanged,
                        ErrorCode::KeychainUnavailable, ErrorCode::Conflict, ErrorCode::Canceled}) {
        EXPECT_EQ(codeFromName(codeName(c)), c) << codeName(c).toStdString();
    }
    EXPECT_EQ(codeName(ErrorCode::HostKeyChanged), u"host_key_changed"_s);
    EXPECT_EQ(codeFromName(u"something_new"_s), ErrorCode::Unknown);
}

TEST(Error, JsonKeepsUnknownCodes)
{
    const Error e =
        Error::fromJson(QJsonObject{{u"code"_s, u"quota_exploded"_s}, {u"message"_s, u"m"_s}});
    EXPECT_EQ(e.code, ErrorCode::Unknown);
    EXPECT_EQ(e.name(), u"quota_exploded"_s);
    EXPECT_EQ(e.toJson().value(u"code"_s).toString(), u"quota_exploded"_s);
    EXPECT_FALSE(e.toJson().contains(u"details"_s));
}

TEST(Result, HoldsValueOrError)
{
    Result<int> good(3);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good.value(), 3);
    Result<int> bad(Error(ErrorCode::Timeout, u"late"_s));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::Timeout);
}
