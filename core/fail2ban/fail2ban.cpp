#include "fail2ban.h"

#include "common/process.h"

#include <QRegularExpression>

#include <optional>

namespace staffetta::fail2ban {

using namespace Qt::Literals::StringLiterals;

namespace {

// lupdate and the runtime agree on this context for every message of this file.
// The value after "<label>:" on a line of fail2ban-client's tree output.
std::optional<QString> field(const QString &output, const QString &label)
{
    const QRegularExpression re(u"^[\\s|`-]*"_s + QRegularExpression::escape(label) +
                                    u":[ \\t]*(.*)$"_s,
                                QRegularExpression::MultilineOption);
    const auto m = re.match(output);
    if (!m.hasMatch())
        return std::nullopt;
    return m.captured(1).trimmed();
}

} // namespace

QStringList parseJailList(const QString &statusOutput)
{
    QStringList jails;
    const auto list = field(statusOutput, u"Jail list"_s);
    if (!list)
        return jails;
    for (const QString &j : list->split(u',', Qt::SkipEmptyParts))
        jails.append(j.trimmed());
    return jails;
}

Result<QStringList> parseBannedIn(const QString &bannedOutput)
{
    // A Python list of one list of quoted jail names; jail names are [A-Za-z0-9_.-].
    static const QRegularExpression whole(u"^\\[\\[((?:'[A-Za-z0-9_.-]+'(?:, )?)*)\\]\\]$"_s);
    static const QRegularExpression name(u"'([A-Za-z0-9_.-]+)'"_s);
    const QString text = bannedOutput.trimmed();
    const auto m = whole.match(text);
    if (!m.hasMatch())
        return Error(ErrorCode::Unavailable,
                     u"fail2ban-client banned: unexpected answer: %1"_s.arg(text.left(200)));
    QStringList jails;
    for (auto it = name.globalMatch(m.captured(1)); it.hasNext();)
        jails.append(it.next().captured(1));
    return jails;
}

Result<api::JailStatus> parseJailStatus(const QString &jail, const QString &statusOutput)
{
    api::JailStatus s;
    s.name = jail;
    const auto banned = field(statusOutput, u"Currently banned"_s);
    const auto total = field(statusOutput, u"Total banned"_s);
    const auto failed = field(statusOutput, u"Currently failed"_s);
    bool ok1 = false, ok2 = false, ok3 = false;
    if (banned)
        s.currentlyBanned = banned->toInt(&ok1);
    if (total)
        s.totalBanned = total->toInt(&ok2);
    if (failed)
        s.currentlyFailed = failed->toInt(&ok3);
    if (!ok1 || !ok2 || !ok3) {
        return Error(ErrorCode::BadResponse,
                     u"Unexpected output of fail2ban-client status %1"_s.arg(jail),
                     {{u"jail"_s, jail}});
    }
    if (const auto ips = field(statusOutput, u"Banned IP list"_s))
        s.bannedIps = ips->split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    return s;
}

Fail2ban::Fail2ban(QString socketPath, QString client)
    : m_socket(std::move(socketPath))
    , m_client(std::move(client))
{}

Result<QString> Fail2ban::call(const QStringList &arguments) const
{
    QStringList args;
    if (!m_socket.isEmpty())
        args << u"-s"_s << m_socket;
    args << arguments;
    auto run = runProcess(m_client, args, {}, 15000);
    if (!run)
        return run.error();
    if (run.value().exitCode != 0) {
        QString why = QString::fromUtf8(run.value().err + run.value().out).trimmed();
        return Error(ErrorCode::Unavailable,
                     u"fail2ban-client %1 failed: %2"_s.arg(arguments.join(u' '), why.left(500)),
                     {{u"socket"_s, m_socket}});
    }
    return QString::fromUtf8(run.value().out);
}

Result<QStringList> Fail2ban::jails() const
{
    auto out = call({u"status"_s});
    if (!out)
        return out.error();
    return parseJailList(out.value());
}

Result<api::JailStatus> Fail2ban::status(const QString &jail) const
{
    auto out = call({u"status"_s, jail});
    if (!out)
        return out.error();
    return parseJailStatus(jail, out.value());
}

Result<QList<api::JailStatus>> Fail2ban::allJails() const
{
    auto names = jails();
    if (!names)
        return names.error();
    QList<api::JailStatus> all;
    for (const QString &name : names.value()) {
        auto s = status(name);
        if (!s)
            return s.error();
        all.append(s.value());
    }
    return all;
}

Result<QStringList> Fail2ban::jailsBanning(const QString &address) const
{
    auto out = call({u"banned"_s, address});
    if (!out)
        return out.error();
    return parseBannedIn(out.value());
}

Result<QList<Ban>> Fail2ban::bans(const QString &jail) const
{
    auto out = call({u"get"_s, jail, u"banip"_s, u"--with-time"_s});
    if (!out)
        return out.error();
    return parseBanList(jail, out.value());
}

Result<bool> Fail2ban::unban(const QString &jail, const QString &address) const
{
    auto out = call({u"set"_s, jail, u"unbanip"_s, address});
    if (!out)
        return out.error();
    return out.value().trimmed() != u"0"_s;
}

Result<QStringList> Fail2ban::ignoreList(const QString &jail) const
{
    auto out = call({u"get"_s, jail, u"ignoreip"_s});
    if (!out)
        return out.error();
    // "These IP addresses/networks are ignored:\n|- 192.0.2.9\n`- 127.0.0.1"
    static const QRegularExpression item(u"^[|`]- (\\S+)\\s*$"_s,
                                         QRegularExpression::MultilineOption);
    QStringList list;
    auto it = item.globalMatch(out.value());
    while (it.hasNext())
        list.append(it.next().captured(1));
    return list;
}

Result<bool> Fail2ban::addIgnore(const QString &jail, const QString &address) const
{
    auto out = call({u"set"_s, jail, u"addignoreip"_s, address});
    if (!out)
        return out.error();
    return true;
}

Result<bool> Fail2ban::removeIgnore(const QString &jail, const QString &address) const
{
    auto out = call({u"set"_s, jail, u"delignoreip"_s, address});
    if (!out)
        return out.error();
    return true;
}

Result<Done> Fail2ban::testConfig(const QString &configDir) const
{
    auto run = runProcess(m_client, {u"-c"_s, configDir, u"-t"_s}, {}, 30000);
    if (!run)
        return run.error();
    if (run.value().exitCode == 0)
        return Done{};
    // "2026-12-01 20:42:47,571 fail2ban [14253]: ERROR   Failed during configuration: ..."
    // and the lines that continue it; the final "ERROR: test configuration failed" adds
    // nothing.
    QStringList said;
    bool inError = false;
    const QString output = QString::fromUtf8(run.value().err + run.value().out);
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype at = line.indexOf(u"ERROR"_s);
        if (at >= 0) {
            const QString text = line.mid(at + 5).trimmed();
            inError = !text.startsWith(u"ERROR: test configuration failed"_s);
            if (inError)
                said.append(text);
        } else if (inError && (line.startsWith(u'\t') || line.startsWith(u' '))) {
            said.append(line.trimmed());
        } else {
            inError = false;
        }
    }
    if (said.isEmpty())
        said.append(output.trimmed().right(500));
    return Error(ErrorCode::Config,
                 u"fail2ban refuses the configuration in %1: %2"_s.arg(configDir,
                                                                       said.join(u' ').left(1000)),
                 {{u"config_dir"_s, configDir}, {u"fail2ban"_s, said.join(u'\n')}});
}

Result<QString> Fail2ban::logFile() const
{
    auto out = call({u"get"_s, u"logtarget"_s});
    if (!out)
        return out.error();
    // "Current logging target is:\n`- /var/log/fail2ban.log"
    static const QRegularExpression target(u"^`- (/\\S+)\\s*$"_s,
                                           QRegularExpression::MultilineOption);
    const auto m = target.match(out.value());
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace staffetta::fail2ban
