#include "common/relay_config.h"
#include "ctl.h"

#include "api/api.h"
#include "test_support.h"

#include <QSettings>
#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {
const Caller root{u"root"_s, {u"root"_s}, u"local"_s};
}

TEST(Ctl, SshOriginalCommandIsSplitWithoutAShell)
{
    auto w = ctl::wordsFromSshCommand(u"staffettactl info --json"_s);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(*w, (QStringList{u"info"_s, u"--json"_s}));
    EXPECT_TRUE(ctl::wordsFromSshCommand(u"/usr/sbin/staffettactl  info\t--json"_s).has_value());
    EXPECT_FALSE(ctl::wordsFromSshCommand(u"staffettactl info; rm -rf /"_s).has_value());
    EXPECT_FALSE(ctl::wordsFromSshCommand(u"sh -c id"_s).has_value());
    EXPECT_FALSE(ctl::wordsFromSshCommand(u"staffettactl $(id)"_s).has_value());
    EXPECT_FALSE(ctl::wordsFromSshCommand(QString()).has_value());
}

TEST(Ctl, UnknownVerbIsAStableError)
{
    const auto o = ctl::run(ctl::parseArguments({u"frobnicate"_s, u"--json"_s}), {}, {}, root);
    EXPECT_EQ(o.exitCode, 2);
    auto r = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::UnknownVerb);
}

TEST(Ctl, MissingExplicitConfigIsConfigError)
{
    const auto o = ctl::run(ctl::parseArguments({u"info"_s, u"--json"_s}), {},
                            u"/nonexistent/staffetta.conf"_s, root);
    EXPECT_EQ(o.exitCode, 1);
    auto r = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Config);
    EXPECT_EQ(r.error().details.value(u"path"_s).toString(), u"/nonexistent/staffetta.conf"_s);
}

TEST(Ctl, PostfixMissingIsUnavailable)
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(u"staffetta.conf"_s);
    {
        QSettings s(conf, QSettings::IniFormat);
        s.setValue(u"postfix/config_dir"_s, dir.filePath(u"no-postfix-here"_s));
    }
    const auto o = ctl::run(ctl::parseArguments({u"info"_s, u"--json"_s}), {}, conf, root);
    auto r = api::parseResponse(o.out, o.err, o.exitCode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
}

TEST(Ctl, ConfigIsRead)
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(u"staffetta.conf"_s);
    {
        QSettings s(conf, QSettings::IniFormat);
        s.setValue(u"postfix/config_dir"_s, u"/srv/pf"_s);
        s.setValue(u"fail2ban/socket"_s, u"/srv/f2b.sock"_s);
    }
    auto c = Config::load(conf);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.value().postfixConfigDir, u"/srv/pf"_s);
    EXPECT_EQ(c.value().fail2banSocket, u"/srv/f2b.sock"_s);
    EXPECT_EQ(c.value().postfixCommandDir, u"/usr/sbin"_s);
}
