#include "ctl.h"

#include "accounts_verbs.h"
#include "api/api.h"
#include "api/info.h"
#include "api/verbs.h"
#include "bans_verbs.h"
#include "common/limits.h"
#include "common/relay_config.h"
#include "common/strict_json.h"
#include "fail2ban/fail2ban.h"
#include "policy/policy.h"
#include "policy_verbs.h"
#include "postfix/postfix.h"
#include "queue_verbs.h"
#include "services.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTextStream>

#include <optional>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

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

// The routing warnings, as staffettad last found them (it reads Postfix's settings at start,
// after each policy load and every minute): `info` runs at every fleet refresh and asks
// Postfix nothing for them. A report that is missing or old says so (staffettad_stale).
QList<api::RelayWarning> routingWarnings(const Config &config)
{
    const QString path =
        QDir(config.stateDir).filePath(QString::fromLatin1(api::RoutingReport::FileName));
    QFile file(path);
    std::optional<api::RoutingReport> report;
    if (file.open(QIODevice::ReadOnly)) {
        if (auto read =
                api::RoutingReport::fromJson(QJsonDocument::fromJson(file.readAll()).object()))
            report = read.value();
    }
    QList<api::RelayWarning> warnings = report ? report->warnings : QList<api::RelayWarning>();
    const qint64 age = report ? report->time.secsTo(QDateTime::currentDateTimeUtc()) : -1;
    if (!report || age > api::RoutingReport::MaxAgeSecs)
        warnings.append({u"staffettad_stale"_s, path, report ? QString::number(age) : QString(),
                         QString::number(api::RoutingReport::MaxAgeSecs)});
    return warnings;
}

// The policy's test domains (read-only, no lock: `info` never waits for an editor). An
// unreadable policy has none here; `policy get` says why.
QList<api::TestDomainInfo> testDomains(const Config &config)
{
    QFile file(config.policyFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto policy = policy::Policy::fromJson(file.read(16 * limits::MiB));
    QList<api::TestDomainInfo> out;
    if (policy) {
        for (const auto &t : policy.value().testDomains)
            out.append({t.domain, t.addresses});
    }
    return out;
}

Result<QJsonObject> infoVerb(const Context &ctx, const api::NoRequest &)
{
    const Config &config = ctx.config;
    const Access &access = ctx.access;
    api::RelayInfo info;
    info.apiVersion = api::Version;
    info.staffettaVersion = QStringLiteral(STAFFETTA_VERSION);
    info.hostname = QSysInfo::machineHostName();
    info.role = roleName(access.role);
    info.accounts = access.accounts;
    info.permissions = permissionNames(access.role);

    const postfix::Postfix pf(config.postfixConfigDir, config.postfixCommandDir);
    auto version = pf.version();
    if (!version)
        return version.error();
    info.postfixVersion = version.value();
    auto queues = pf.queueCounts();
    if (!queues)
        return queues.error();
    info.queues = queues.value();
    info.warnings = routingWarnings(config);
    info.unacknowledgedAlerts = unacknowledgedAlerts(ctx);
    info.testDomains = testDomains(config);

    const fail2ban::Fail2ban f2b(config.fail2banSocket, config.fail2banClient);
    auto jails = f2b.allJails();
    info.fail2banAvailable = jails.ok();
    if (jails) {
        info.jails = jails.value();
        // Without ReadBans the counts stay (the sidebar), the addresses do not.
        if (!access.can(Permission::ReadBans)) {
            for (auto &j : info.jails)
                j.bannedIps.clear();
        }
    } else
        info.fail2banError = jails.error().message;
    info.services = relayServices(config, info.fail2banAvailable, info.fail2banError);
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
      << "role:       " << i.role << " (" << i.permissions.join(u", "_s) << ")\n"
      << "queues:    ";
    for (auto it = i.queues.cbegin(); it != i.queues.cend(); ++it)
        s << ' ' << it.key() << '=' << it.value();
    s << '\n';
    if (!i.fail2banAvailable)
        s << "fail2ban:   unavailable: " << i.fail2banError << '\n';
    for (const auto &w : i.warnings) {
        if (w.code == u"postfix_routing"_s)
            s << "warning:    Postfix " << w.parameter << " = " << w.value << " (a relay needs "
              << w.expected << "; such addresses are charged to the quota)\n";
        else if (w.code == u"unlisted_table"_s)
            s << "warning:    " << w.parameter
              << " cannot be listed: every local recipient counts against the quota\n";
        else if (w.code == u"local_domain_not_delivered"_s)
            s << "warning:    local domain " << w.value
              << " is not delivered by this Postfix: its recipients count against the quota\n";
        else if (w.code == u"milter_not_wired"_s)
            s << "warning:    Postfix service " << w.parameter
              << " offers AUTH without staffetta-milter: no content rule applies there "
                 "(its mail is still charged to the quota)\n";
        else if (w.code == u"staffettad_stale"_s)
            s << "warning:    "
              << (w.value.isEmpty() ? u"there is no "_s + w.parameter
                                    : w.parameter + u" is "_s + w.value + u" s old (more than "_s +
                                          w.expected + u" s)"_s)
              << ": staffettad is not running or cannot read Postfix's settings; the routing "
                 "warnings may be out of date\n";
    }
    for (const auto &service : i.services)
        s << "service:    " << service.name << (service.up ? ": up" : ": DOWN")
          << (service.detail.isEmpty() ? QString() : u" ("_s + service.detail + u')') << '\n';
    for (const auto &t : i.testDomains)
        s << "test:       " << t.domain << " (" << t.address(1) << " … " << t.address(t.addresses)
          << ": black hole, checked by every rule, free of quota)\n";
    if (i.unacknowledgedAlerts >= 0)
        s << "alerts:     " << i.unacknowledgedAlerts << " not acknowledged\n";
    for (const auto &j : i.jails)
        s << "jail " << j.name << ": " << j.currentlyBanned << " banned (" << j.totalBanned
          << " in total)\n";
    return text;
}

// Every verb, in the order the usage lists them.
const QList<Verb> &registry()
{
    static const QList<Verb> verbs = [] {
        QList<Verb> all{
            verb<api::NoRequest>(api::verbs::Info, {}, Permission::ReadStatus, infoVerb, infoText)};
        all += policyVerbs();
        all += queueVerbs();
        all += bansVerbs();
        all += traceVerbs();
        all += statsVerbs();
        all += accountsVerbs();
        all += suspendVerbs();
        all += alertsVerbs();
        all += reputationVerbs();
        return all;
    }();
    return verbs;
}

// The words a refusal of an unknown verb is audited under: the first two at most.
QString wordsName(const QStringList &words)
{
    return words.mid(0, 2).join(u' ');
}

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
        else if (a == u"--stream"_s)
            inv.stream = true;
        else
            inv.words.append(a);
    }
    return inv;
}

Caller callerFromSystem()
{
    Caller caller;
    uid_t uid = getuid();
    const QByteArray sudoUser = qgetenv("SUDO_USER");
    const passwd *pw = nullptr;
    if (uid == 0 && !sudoUser.isEmpty())
        pw = getpwnam(sudoUser.constData());
    if (!pw)
        pw = getpwuid(uid);
    if (pw) {
        caller.user = QString::fromLocal8Bit(pw->pw_name);
        int count = 64;
        QList<gid_t> gids(count);
        if (getgrouplist(pw->pw_name, pw->pw_gid, gids.data(), &count) < 0) {
            gids.resize(count);
            getgrouplist(pw->pw_name, pw->pw_gid, gids.data(), &count);
        }
        gids.resize(count);
        for (gid_t gid : gids) {
            if (const group *g = getgrgid(gid))
                caller.groups.append(QString::fromLocal8Bit(g->gr_name));
        }
    } else {
        caller.user = QString::number(uid);
    }
    // sshd sets SSH_CLIENT="ADDRESS PORT LOCALPORT"; sudo passes it only when told to.
    const QString ssh = qEnvironmentVariable("SSH_CLIENT");
    caller.origin = ssh.isEmpty() ? u"local"_s : ssh.section(u' ', 0, 0);
    return caller;
}

const Verb *findVerb(const QStringList &words)
{
    // The longest path that starts the words: `bans whitelist add` before `bans whitelist`.
    const Verb *found = nullptr;
    for (const Verb &v : registry()) {
        if (words.mid(0, v.path.size()) == v.path && (!found || v.path.size() > found->path.size()))
            found = &v;
    }
    return found;
}

QString usageText()
{
    QString text = u"usage: staffettactl VERB [WORDS...] [--json] [--stream]  (JSON request on "
                   u"stdin)\nverbs:\n"_s;
    for (const Verb &v : registry()) {
        QString line = u"  "_s + v.name();
        if (!v.arguments.isEmpty())
            line += u' ' + v.arguments;
        line = line.leftJustified(38);
        line += u' ' + permissionName(v.permission);
        if (!v.request.isEmpty())
            line += u"  stdin "_s + v.request;
        text += line + u'\n';
    }
    return text;
}

Outcome run(const Invocation &inv, const QByteArray &input, const QString &configPath,
            const FrontEnd &frontEnd)
{
    const Caller &caller = frontEnd.caller;
    if (inv.words.isEmpty()) {
        const Error e(ErrorCode::BadRequest, u"no verb given"_s);
        return Outcome{2, inv.json ? api::errorResponse(e) : QByteArray(),
                       inv.json ? QByteArray() : usageText().toUtf8()};
    }
    // Refused before anything else happens (main reads one byte more than the limit).
    if (input.size() > limits::MaxRequestBytes) {
        const Error e(ErrorCode::RequestTooLarge,
                      u"the request is larger than %1 bytes (1 MiB), the most staffettactl "
                      u"accepts; nothing was done"_s.arg(limits::MaxRequestBytes),
                      {{u"limit"_s, limits::MaxRequestBytes}});
        return respond(inv, e, {});
    }
    auto config = Config::load(configPath);
    if (!config)
        return respond(inv, config.error(), {});

    QJsonObject request;
    if (!input.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(input, &parseError);
        if (!doc.isObject()) {
            const Error e(ErrorCode::BadRequest,
                          doc.isNull() ? u"the request is not valid JSON: %1 at offset %2"_s
                                             .arg(parseError.errorString())
                                             .arg(parseError.offset)
                                       : u"the request must be a JSON object"_s);
            return respond(inv, e, {});
        }
        // QJsonDocument keeps the last of two equal keys; a request must not say two things.
        if (const auto duplicate = scanJsonKeys(input).duplicate) {
            const Error e(ErrorCode::BadRequest, u"the request has a "_s + duplicate->message(),
                          {{u"key"_s, duplicate->key},
                           {u"path"_s, duplicate->path},
                           {u"offset"_s, duplicate->offset}});
            return respond(inv, e, {});
        }
        request = doc.object();
    }

    const Verb *verb = findVerb(inv.words);
    const Access access = frontEnd.resolveAccess ? frontEnd.resolveAccess(config.value(), caller)
                                                 : Access::resolve(config.value().access, caller);
    Context ctx{config.value(), inv.words.mid(1), request, caller, access, {}, {}};
    // A write's reload is the front-end's to wait for (the write's lock released by then).
    if (frontEnd.awaitReload)
        ctx.awaitReload = [&frontEnd, &config](api::ApplyResult &r) {
            frontEnd.awaitReload(config.value(), r);
        };
    const QString name = verb ? verb->name() : wordsName(inv.words);
    // Every refusal is audited here, once: who tried, the verb, why.
    const auto refused = [&](const Error &e, const QString &summary) {
        recordAudit(ctx, name, u"permission_denied"_s, ctx.refusal.revision, summary,
                    ctx.refusal.changes);
        return respond(inv, e, {});
    };
    if (ctx.access.role == Role::None)
        return refused(forbidden(ctx, u"use staffettactl"_s),
                       u"refused: no [access] rule for this user"_s);
    if (!verb) {
        const Error unknown(ErrorCode::UnknownVerb,
                            u"unknown verb '%1'"_s.arg(inv.words.join(u' ')), {{u"verb"_s, name}});
        Outcome o = respond(inv, unknown, {});
        o.exitCode = 2;
        if (!inv.json)
            o.err += usageText().toUtf8();
        return o;
    }
    if (auto denied = require(ctx, verb->permission, name))
        return refused(*denied,
                       u"refused: %1 needs %2"_s.arg(name, permissionName(verb->permission)));

    QByteArray streamed; // the streamed lines, when nobody takes them as they come
    if (inv.stream && inv.json && verb->streams) {
        ctx.emitLine = frontEnd.sink ? frontEnd.sink : [&streamed](const QByteArray &line) {
            streamed += line;
            streamed += '\n';
        };
    }
    Result<QJsonObject> result = verb->handler(ctx);
    // The relay's policy file cannot be used: why (a parser's reason names accounts and
    // addresses of every tenant) is the admin's to read.
    if (!result && result.error().details.contains(u"live_file"_s) &&
        !ctx.access.can(Permission::ReadAllAccounts))
        result = Error(result.error().code, livePolicyUnusable(),
                       {{u"live_file"_s, result.error().details.value(u"live_file"_s)}});
    if (!result && result.error().code == ErrorCode::PermissionDenied)
        return refused(result.error(), ctx.refusal.summary.isEmpty()
                                           ? u"refused: "_s + result.error().message
                                           : ctx.refusal.summary);
    Outcome o = respond(inv, result, verb->human);
    o.out.prepend(streamed);
    return o;
}

} // namespace staffetta::ctl
