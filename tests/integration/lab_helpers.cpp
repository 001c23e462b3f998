#include "lab_helpers.h"

#include "api/api.h"

namespace staffetta::test {

using namespace Qt::Literals::StringLiterals;

api::RelayInfo localInfo()
{
    const Lab &lab = Lab::get();
    const auto out =
        run(u"/usr/bin/env"_s, {u"STAFFETTA_CONF="_s + lab.value(u"LAB_STAFFETTA_CONF"_s),
                                qEnvironmentVariable("STAFFETTACTL"), u"info"_s, u"--json"_s});
    auto parsed = api::parseResponse(out.out, out.err, out.exitCode);
    EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message.toStdString());
    if (!parsed)
        return {};
    auto info = api::RelayInfo::fromJson(parsed.value());
    EXPECT_TRUE(info.ok());
    return info ? info.value() : api::RelayInfo{};
}

QStringList bannedIps(const QString &jail)
{
    for (const auto &j : localInfo().jails) {
        if (j.name == jail)
            return j.bannedIps;
    }
    return {};
}

void unban(const QString &jail, const QString &ip)
{
    // Not banned is fine: fail2ban-client then exits non-zero, which is not a failure here.
    runProcess(u"fail2ban-client"_s, {u"-s"_s, Lab::get().value(u"LAB_FAIL2BAN_SOCKET"_s), u"set"_s,
                                      jail, u"unbanip"_s, ip});
}

void labCommand(const QString &verb)
{
    const auto out = run(qEnvironmentVariable("STAFFETTA_SOURCE_DIR") + u"/tests/lab/lab"_s,
                         {verb, u"--dir"_s, Lab::get().value(u"LAB_DIR"_s)});
    EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
}

QString labPostfixVersion()
{
    const auto out = run(u"postconf"_s, {u"-c"_s, Lab::get().value(u"LAB_POSTFIX_CONFIG"_s),
                                         u"-h"_s, u"mail_version"_s});
    return QString::fromUtf8(out.out).trimmed();
}

} // namespace staffetta::test
