#include "secrets/secret_store.h"

#include "test_support.h"

#include <QUuid>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

// Run by with-keyring: a real gnome-keyring Secret Service in a private D-Bus session.
TEST(Keyring, WriteReadRemove)
{
    secrets::SecretStore store(u"staffetta-test"_s);
    const QString key =
        u"relay/%1/secret"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    auto written = test::await(store.write(key, u"s3cr3t passphrase"_s));
    ASSERT_TRUE(written.ok()) << written.error().message.toStdString();
    auto read = test::await(store.read(key));
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read.value(), u"s3cr3t passphrase"_s);
    auto removed = test::await(store.remove(key));
    ASSERT_TRUE(removed.ok()) << removed.error().message.toStdString();
    auto gone = test::await(store.read(key));
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
}

// Run with no D-Bus session: a clear error, never a silent plaintext fallback.
TEST(NoKeychain, FailsClearly)
{
    secrets::SecretStore store(u"staffetta-test"_s);
    auto written = test::await(store.write(u"relay/x/secret"_s, u"pw"_s));
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, ErrorCode::KeychainUnavailable)
        << written.error().message.toStdString();
    EXPECT_TRUE(written.error().message.contains(u"plain text"_s));
    // Words for people: what to expect, not what the keychain library said.
    EXPECT_TRUE(written.error().message.startsWith(
        u"No keychain is available: the password will be asked each time"_s))
        << written.error().message.toStdString();
    EXPECT_FALSE(written.error().message.contains(u"dbus"_s, Qt::CaseInsensitive));
    auto read = test::await(store.read(u"relay/x/secret"_s));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::KeychainUnavailable);
}
