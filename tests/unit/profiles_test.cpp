#include "settings/profiles.h"

#include "test_support.h"

#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

TEST(ProfileStore, SavesLoadsUpdatesRemoves)
{
    QTemporaryDir dir;
    QSettings s(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    settings::ProfileStore store(s);
    EXPECT_TRUE(store.load().isEmpty());

    settings::RelayProfile p;
    p.id = QUuid::createUuid();
    p.name = u"Relay Milano"_s;
    p.ssh.host = u"relay.example.net"_s;
    p.ssh.port = 2222;
    p.ssh.user = u"partner"_s;
    p.ssh.auth = transport::SshAuth::KeyFile;
    p.ssh.keyFile = u"/home/x/.ssh/id_ed25519"_s;
    store.save(p);

    // A fresh QSettings on the same file sees it: it was written through.
    QSettings again(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    auto loaded = settings::ProfileStore(again).load();
    ASSERT_EQ(loaded.size(), 1);
    EXPECT_EQ(loaded.first(), p);

    p.name = u"Relay Milano 1"_s;
    p.secretInKeychain = true;
    store.save(p);
    loaded = store.load();
    ASSERT_EQ(loaded.size(), 1);
    EXPECT_EQ(loaded.first().name, u"Relay Milano 1"_s);
    EXPECT_TRUE(loaded.first().secretInKeychain);

    store.remove(p.id);
    EXPECT_TRUE(store.load().isEmpty());
}

TEST(ProfileStore, NeverStoresSecrets)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"s.ini"_s);
    {
        QSettings s(path, QSettings::IniFormat);
        settings::RelayProfile p;
        p.id = QUuid::createUuid();
        p.name = u"r"_s;
        p.secretInKeychain = true;
        settings::ProfileStore(s).save(p);
        EXPECT_TRUE(p.keychainKey().startsWith(u"relay/"_s));
    }
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    EXPECT_FALSE(text.contains("password"));
    EXPECT_FALSE(text.contains("passphrase"));
}

TEST(Preferences, LanguageAndRefresh)
{
    QTemporaryDir dir;
    QSettings s(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    settings::Preferences prefs(s);
    EXPECT_EQ(prefs.language(), QString());
    prefs.setLanguage(u"it"_s);
    EXPECT_EQ(prefs.language(), u"it"_s);
    s.setValue(u"ui/refresh_seconds"_s, 1);
    EXPECT_EQ(prefs.refreshSeconds(), 5); // never hammer a relay
}

// A profile names its transport; one this console does not know (written by a newer one) is
// left in the settings and not shown, never read as SSH.
TEST(ProfileStore, KeepsTheTransportKindAndSkipsAnUnknownOne)
{
    QTemporaryDir dir;
    QSettings s(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    settings::ProfileStore store(s);
    settings::RelayProfile p;
    p.id = QUuid::createUuid();
    p.name = u"Relay Torino"_s;
    p.ssh.host = u"relay.example.net"_s;
    store.save(p);
    EXPECT_EQ(s.value(u"relays/%1/transport"_s.arg(p.id.toString(QUuid::WithoutBraces))), u"ssh"_s);
    ASSERT_EQ(store.load().size(), 1);
    EXPECT_EQ(store.load().first().transport, transport::Kind::Ssh);

    const QString key = u"relays/%1/transport"_s.arg(p.id.toString(QUuid::WithoutBraces));
    s.setValue(key, u"https"_s);
    EXPECT_TRUE(store.load().isEmpty());
    EXPECT_EQ(s.value(key).toString(), u"https"_s);
}
