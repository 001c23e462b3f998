#include "ctl.h"

#include "api/api.h"
#include "api/info.h"
#include "common/relay_config.h"
#include "fail2ban/fail2ban.h"
#include "postfix/postfix.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTextStream>

#include <optional>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

Outcome respond(const Invocation &inv, const Result<QJsonObject> &result,
                const std::function<QString(const QJsonObject &)> &human)
{
    Outcome o;
    if (result.ok()) {
        o.out = inv.json ? api::successResponse(result.value()) : human(result.value()).toUtf8();
        return o;
    }
    o.exitCode = 1;
    if (inv.json)
        o.out = api::errorResponse(result.error());
    else
        o.err = (u"staffettactl: "_s + result.error().message + u" ["_s + result.error().name() +
                 u"]\n"_s)
                    .toUtf8();
    return o;
}

Result<QJsonObject> info(const Config &config)
{
    api::RelayInfo info;
    info.apiVersion = api::Version;
    info.staffettaVersion = QStringLiteral(STAFFETTA_VERSION);
    info.hostname = QSysInfo::machineHostName();

    const postfix::Postfix pf(config.postfixConfigDir, config.postfixCommandDir);
    auto version = pf.version();
    if (!version)
        return version.error();
    info.postfixVersion = version.value();
    auto queues = pf.queueCounts();
    if (!queues)
        return queues.error();
    info.queues = queues.value();

    const fail2ban::Fail2ban f2b(config.fail2banSocket, config.fail2banClient);
    auto jails = f2b.allJails();
    info.fail2banAvailable = jails.ok();
    if (jails)
        info.jails = jails.value();
    else
        info.fail2banError = jails.error().message;
    return info.toJson();
}

QString infoText(const QJsonObject &o)
{
    auto parsed = api::RelayInfo::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    const api::RelayInfo &i = parsed.value();
    QString text;
    QTextStream s(&text);
    s << "host:       " << i.hostname << '\n'
      << "postfix:    " << i.postfixVersion << '\n'
      << "staffetta:  " << i.staffettaVersion << " (api " << i.apiVersion << ")\n"
      << "queues:    ";
    for (auto it = i.queues.cbegin(); it != i.queues.cend(); ++it)
        s << ' ' << it.key() << '=' << it.value();
    s << '\n';
    if (!i.fail2banAvailable)
        s << "fail2ban:   unavailable: " << i.fail2banError << '\n';
    for (const auto &j : i.jails)
        s << "jail " << j.name << ": " << j.currentlyBanned << " banned (" << j.totalBanned
          << " in total)\n";
    return text;
}

const char *usage = "usage: staffettactl VERB [WORDS...] [--json]\n"
                    "verbs: info\n";

} // namespace

std::optional<QStringList> wordsFromSshCommand(const QString &command)
{
    QStringList words = command.split(QRegularExpression(u"[ \\t]+"_s), Qt::SkipEmptyParts);
    if (words.isEmpty() || QFileInfo(words.first()).fileName() != u"staffettactl"_s)
        return std::nullopt;
    words.removeFirst();
    for (const QString &w : words) {
        if (!api::isSafeWord(w) && !(w.startsWith(u"--"_s) && api::isSafeWord(w.mid(2))))
            return std::nullopt;
    }
    return words;
}

Invocation parseArguments(const QStringList &arguments)
{
    Invocation inv;
    for (const QString &a : arguments) {
        if (a == u"--json"_s)
            inv.json = true;
        else
            inv.words.append(a);
    }
    return inv;
}

Outcome run(const Invocation &inv, const QByteArray &input, const QString &configPath)
{
    Q_UNUSED(input) // the verbs so far take no request body
    if (inv.words.isEmpty()) {
        const Error e(ErrorCode::BadRequest, u"no verb given"_s);
        return Outcome{2, inv.json ? api::errorResponse(e) : QByteArray(),
                       inv.json ? QByteArray() : QByteArray(usage)};
    }
    auto config = Config::load(configPath);
    if (!config)
        return respond(inv, config.error(), {});

    const QString verb = inv.words.first();
    if (verb == u"info"_s)
        return respond(inv, info(config.value()), infoText);

    const Error unknown(ErrorCode::UnknownVerb, u"unknown verb '%1'"_s.arg(verb),
                        {{u"verb"_s, verb}});
    Outcome o = respond(inv, unknown, {});
    o.exitCode = 2;
    if (!inv.json)
        o.err += usage;
    return o;
}

} // namespace staffetta::ctl
