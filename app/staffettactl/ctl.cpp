#include "ctl.h"

#include "api/api.h"
#include "api/info.h"
#include "bans_verbs.h"
#include "common/limits.h"
#include "common/relay_config.h"
#include "common/strict_json.h"
#include "fail2ban/fail2ban.h"
#include "policy/policy.h"
#include "policy_verbs.h"
#include "postfix/postfix.h"
#include "queue_verbs.h"

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

// What in Postfix's settings lets mail leave the relay unseen by the quota's idea of
// "local" (staffettad counts such recipients anyway; the admin should still fix them).
QList<api::RelayWarning> routingWarnings(const Config &config, const postfix::Postfix &pf)
{
    QList<api::RelayWarning> warnings;
    if (auto settings = pf.routingSettings()) {
        for (auto it = settings.value().cbegin(); it != settings.value().cend(); ++it)
            warnings.append({u"postfix_routing"_s, it.key(), it.value(), u"no"_s});
    }
    QFile file(config.policyFile);
    if (!file.open(QIODevice::ReadOnly))
        return warnings;
    auto policy = policy::Policy::fromJson(file.readAll());
    if (!policy)
        return warnings;
    auto delivery = pf.delivery(&policy.value());
    if (!delivery)
        return warnings;
    for (const QString &table : delivery.value().unlisted)
        warnings.append({u"unlisted_table"_s, table, {}, {}});
    for (const QString &domain : policy.value().localDomains) {
        if (!delivery.value().domains.contains(domain))
            warnings.append({u"local_domain_not_delivered"_s, {}, domain, {}});
    }
    return warnings;
}

Result<QJsonObject> info(const Config &config, const Access &access)
{
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
    info.warnings = routingWarnings(config, pf);

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
    }
    for (const auto &j : i.jails)
        s << "jail " << j.name << ": " << j.currentlyBanned << " banned (" << j.totalBanned
          << " in total)\n";
    return text;
}

// The permission each verb declares (a verb registry will hold these). Subverbs that do
// not exist declare none: their verb answers with its usage.
std::optional<Permission> declaredPermission(const QStringList &words)
{
    const QString verb = words.value(0), sub = words.value(1);
    if (verb == u"info"_s)
        return Permission::ReadStatus;
    if (verb == u"usage"_s || verb == u"audit"_s)
        return Permission::ReadPolicy;
    if (verb == u"search"_s)
        return Permission::ReadQueue; // an IP needs ReadBans too (search checks)
    if (verb == u"policy"_s) {
        if (sub == u"get"_s || sub == u"diff"_s || sub == u"history"_s)
            return Permission::ReadPolicy;
        if (sub == u"apply"_s || sub == u"rollback"_s)
            return Permission::EditOwnAccounts; // anything beyond: EditPolicy (the write checks)
    }
    if (verb == u"queue"_s) {
        if (sub == u"list"_s || sub == u"show"_s)
            return Permission::ReadQueue;
        if (postfix::queueActionFromName(sub))
            return Permission::ChangeQueue;
    }
    if (verb == u"bans"_s) {
        const QString third = words.value(2);
        if (sub == u"list"_s || sub == u"log"_s ||
            (sub == u"whitelist"_s && (third.isEmpty() || third == u"list"_s)))
            return Permission::ReadBans;
        if (sub == u"unban"_s)
            return Permission::Unban;
        if (sub == u"whitelist"_s && (third == u"add"_s || third == u"remove"_s))
            return Permission::Whitelist; // wider networks: WhitelistWide (the verb checks)
    }
    return std::nullopt;
}

// The verb as the audit names it: "bans unban", "bans whitelist add", "info".
QString verbName(const QStringList &words)
{
    static const QStringList withSub{u"policy"_s, u"queue"_s, u"bans"_s};
    if (!withSub.contains(words.value(0)))
        return words.value(0);
    QStringList named = words.mid(0, 2);
    if (words.value(1) == u"whitelist"_s && words.size() > 2)
        named.append(words[2]);
    return named.join(u' ');
}

const char *usageHelp =
    "usage: staffettactl VERB [WORDS...] [--json]  (JSON request on stdin)\n"
    "verbs: info\n"
    "       policy get | apply | diff [FROM [TO]] | history [N] | rollback REV\n"
    "       usage\n"
    "       audit [N]\n"
    "       queue list [QUEUE] [--stream] | show ID | delete|hold|release|requeue|flush [ID...]\n"
    "       bans list | unban IP | whitelist list|add IP [--note TEXT]|remove IP | log IP\n"
    "       search TERM\n";

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

Outcome run(const Invocation &inv, const QByteArray &input, const QString &configPath,
            const Caller &caller)
{
    if (inv.words.isEmpty()) {
        const Error e(ErrorCode::BadRequest, u"no verb given"_s);
        return Outcome{2, inv.json ? api::errorResponse(e) : QByteArray(),
                       inv.json ? QByteArray() : QByteArray(usageHelp)};
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

    const QString verb = inv.words.first();
    Context ctx{config.value(), inv.words.mid(1), request, caller,
                Access::resolve(config.value().access, caller)};
    QByteArray streamed; // the streamed lines, when nobody takes them as they come
    if (inv.stream && inv.json) {
        ctx.emitLine = inv.sink ? inv.sink : [&streamed](const QByteArray &line) {
            streamed += line;
            streamed += '\n';
        };
    }
    if (ctx.access.role == Role::None) {
        recordAudit(ctx, verbName(inv.words), u"permission_denied"_s, 0,
                    u"refused: no [access] rule for this user"_s);
        return respond(inv, forbidden(ctx, u"use staffettactl"_s), {});
    }
    if (const auto needed = declaredPermission(inv.words)) {
        if (auto refused = require(ctx, *needed, verbName(inv.words)))
            return respond(inv, *refused, {});
    }
    if (verb == u"info"_s)
        return respond(inv, info(config.value(), ctx.access), infoText);
    if (verb == u"policy"_s) {
        const QString sub = ctx.words.value(0);
        return respond(inv, policyVerb(ctx),
                       [sub](const QJsonObject &r) { return policyText(sub, r); });
    }
    if (verb == u"usage"_s)
        return respond(inv, usage(ctx), usageText);
    if (verb == u"audit"_s)
        return respond(inv, audit(ctx), auditText);
    if (verb == u"queue"_s || verb == u"bans"_s) {
        const QString sub = ctx.words.value(0);
        Outcome o = verb == u"queue"_s
                        ? respond(inv, queueVerb(ctx),
                                  [sub](const QJsonObject &r) { return queueText(sub, r); })
                        : respond(inv, bansVerb(ctx),
                                  [sub](const QJsonObject &r) { return bansText(sub, r); });
        o.out.prepend(streamed);
        return o;
    }
    if (verb == u"search"_s)
        return respond(inv, search(ctx), searchText);

    const Error unknown(ErrorCode::UnknownVerb, u"unknown verb '%1'"_s.arg(verb),
                        {{u"verb"_s, verb}});
    Outcome o = respond(inv, unknown, {});
    o.exitCode = 2;
    if (!inv.json)
        o.err += usageHelp;
    return o;
}

} // namespace staffetta::ctl
