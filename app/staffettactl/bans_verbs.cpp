#include "bans_verbs.h"

#include "api/bans.h"
#include "api/verbs.h"

#include "common/files.h"
#include "fail2ban/fail2ban.h"
#include "policy/policy.h"
#include "postfix/postfix.h"
#include "queue_verbs.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;
using fail2ban::Ban;
using fail2ban::FailureKind;
using fail2ban::WhitelistEntry;

namespace {

// Lines of evidence kept per address and log: enough to see the pattern, not the whole file.
constexpr int MaxLinesPerSource = 200;

fail2ban::Fail2ban f2bOf(const Context &ctx)
{
    return fail2ban::Fail2ban(ctx.config.fail2banSocket, ctx.config.fail2banClient);
}

QString whitelistFile(const Context &ctx)
{
    return statePath(ctx, u"whitelist.json"_s);
}

// What the logs say about some addresses: the lines naming them and their failure kinds.
struct Evidence
{
    QList<api::LogLine> lines;
    QList<FailureKind> failures; // in log order

    // The kind of most of the latest three failures (a ban needs three) that the jail counts,
    // the latest on a tie. Each jail reads its own log: staffetta-sender counts unauthorized
    // senders, the others the authentication failures.
    FailureKind reason(const QString &jail = {}) const
    {
        QList<FailureKind> counted;
        for (FailureKind k : failures) {
            const bool senderKind = k == FailureKind::UnauthorizedSender;
            if (jail.isEmpty() || senderKind == (jail == u"staffetta-sender"_s))
                counted.append(k);
        }
        QHash<FailureKind, int> count;
        FailureKind latest = FailureKind::None;
        for (qsizetype i = qMax<qsizetype>(0, counted.size() - 3); i < counted.size(); ++i) {
            ++count[counted[i]];
            latest = counted[i];
        }
        FailureKind best = latest;
        for (auto it = count.cbegin(); it != count.cend(); ++it) {
            if (it.value() > count.value(best))
                best = it.key();
        }
        return best;
    }

    QMap<QString, int> reasonCounts() const
    {
        QMap<QString, int> counts;
        for (FailureKind k : failures)
            ++counts[fail2ban::failureKindName(k)];
        return counts;
    }
};

Result<QHash<QString, Evidence>> gatherEvidence(const Context &ctx, const QStringList &addresses)
{
    const postfix::Postfix pf(ctx.config.postfixConfigDir, ctx.config.postfixCommandDir);
    QList<std::pair<QString, QString>> sources{
        {u"mail"_s, ctx.config.mailLog.isEmpty() ? pf.logFile() : ctx.config.mailLog},
        {u"staffettad"_s, ctx.config.daemonLog}};
    if (auto f2bLog = f2bOf(ctx).logFile(); f2bLog && !f2bLog.value().isEmpty())
        sources.append({u"fail2ban"_s, f2bLog.value()});
    QHash<QString, Evidence> evidence;
    for (const auto &[source, path] : sources) {
        auto found = fail2ban::linesMentioning(path, addresses);
        if (!found)
            return found.error();
        for (auto it = found.value().cbegin(); it != found.value().cend(); ++it) {
            Evidence &e = evidence[it.key()];
            const QStringList &lines = it.value();
            for (qsizetype i = qMax<qsizetype>(0, lines.size() - MaxLinesPerSource);
                 i < lines.size(); ++i) {
                // fail2ban's own lines ("Found", "Ban") repeat what the others say.
                const FailureKind kind =
                    source == u"fail2ban"_s ? FailureKind::None : fail2ban::classifyLine(lines[i]);
                if (kind != FailureKind::None)
                    e.failures.append(kind);
                e.lines.append({source, lines[i], kind});
            }
        }
    }
    return evidence;
}

// The address: the verb's word at `index`, or the request's.
Result<fail2ban::NetworkAddress> addressWord(const Context &ctx, int index, const QString &usage,
                                             const QString &requested)
{
    QString text = ctx.words.value(index);
    if (text.isEmpty())
        text = requested;
    if (text.isEmpty())
        return Error(ErrorCode::BadRequest, u"usage: %1"_s.arg(usage));
    return fail2ban::parseNetworkAddress(text);
}

// Every ban of every jail (or of one address), with the reason the logs give; the logs are
// read once, for every banned address and for `onlyAddress` even when it is not banned.
struct BanListing
{
    QList<api::JailBans> jails;
    QHash<QString, Evidence> evidence;
};

Result<BanListing> jailsWithBans(const Context &ctx, const QString &onlyAddress = {})
{
    const auto f2b = f2bOf(ctx);
    // One address: only the jails that ban it (one call) are asked for their bans.
    Result<QList<api::JailStatus>> jails = QList<api::JailStatus>();
    if (onlyAddress.isEmpty()) {
        jails = f2b.allJails();
    } else if (auto banning = f2b.jailsBanning(onlyAddress)) {
        for (const QString &name : banning.value()) {
            api::JailStatus j;
            j.name = name;
            jails.value().append(j);
        }
    } else {
        jails = banning.error();
    }
    if (!jails)
        return jails.error();
    QList<std::pair<api::JailStatus, QList<Ban>>> all;
    QStringList addresses;
    if (!onlyAddress.isEmpty())
        addresses.append(onlyAddress);
    for (const auto &jail : jails.value()) {
        auto bans = f2b.bans(jail.name);
        if (!bans)
            return bans.error();
        QList<Ban> kept;
        for (const Ban &b : bans.value()) {
            if (!onlyAddress.isEmpty() && b.address != onlyAddress)
                continue;
            kept.append(b);
            if (!addresses.contains(b.address))
                addresses.append(b.address);
        }
        all.append({jail, kept});
    }
    auto evidence = gatherEvidence(ctx, addresses);
    if (!evidence)
        return evidence.error();
    QList<api::JailBans> out;
    for (auto &[jail, bans] : all) {
        for (Ban &b : bans)
            b.reason = evidence.value().value(b.address).reason(b.jail);
        api::JailBans j;
        static_cast<api::JailStatus &>(j) = jail;
        j.bans = bans;
        out.append(j);
    }
    return BanListing{out, evidence.value()};
}

Result<QJsonObject> list(const Context &ctx, const api::NoRequest &)
{
    auto listing = jailsWithBans(ctx);
    if (!listing)
        return listing.error();
    auto whitelist = fail2ban::loadWhitelist(whitelistFile(ctx));
    if (!whitelist)
        return whitelist.error();
    return api::BansSnapshot{listing.value().jails, whitelist.value()}.toJson(
        QDateTime::currentDateTime());
}

Result<api::AddressReport> addressReport(const Context &ctx, const QString &requested)
{
    auto parsed = addressWord(ctx, 1, u"bans log IP"_s, requested);
    if (!parsed)
        return parsed.error();
    const Result<QString> address = parsed.value().text;
    auto listing = jailsWithBans(ctx, address.value());
    if (!listing)
        return listing.error();
    api::AddressReport result;
    result.address = address.value();
    for (const api::JailBans &j : listing.value().jails)
        result.bans += j.bans;
    const Evidence e = listing.value().evidence.value(address.value());
    // Banned: the reason of the (first) ban; otherwise what the latest failures were.
    result.reason = result.bans.isEmpty() ? e.reason() : result.bans.first().reason;
    result.lines = e.lines;
    result.reasonCounts = e.reasonCounts();
    auto whitelist = fail2ban::loadWhitelist(whitelistFile(ctx));
    if (!whitelist)
        return whitelist.error();
    for (const auto &w : whitelist.value()) {
        if (w.address == address.value())
            result.whitelisted = w;
    }
    return result;
}

Result<QJsonObject> log(const Context &ctx, const api::AddressRequest &request)
{
    auto report = addressReport(ctx, request.address);
    if (!report)
        return report.error();
    return report.value().toJson(QDateTime::currentDateTime());
}

// Lifts every ban of the address: the jails it was banned in, and the others.
Result<api::UnbanResult> unbanEverywhere(const Context &ctx, const QString &address)
{
    const auto f2b = f2bOf(ctx);
    auto jails = f2b.allJails();
    if (!jails)
        return jails.error();
    api::UnbanResult result;
    result.address = address;
    for (const auto &jail : jails.value()) {
        if (!jail.bannedIps.contains(address)) {
            result.notBanned.append(jail.name);
            continue;
        }
        auto done = f2b.unban(jail.name, address);
        if (!done)
            return done.error();
        result.jails.append(jail.name);
    }
    return result;
}

Result<QJsonObject> unban(const Context &ctx, const api::AddressRequest &request)
{
    const QString verb = u"bans unban"_s;
    auto parsed = addressWord(ctx, 1, u"bans unban IP"_s, request.address);
    if (!parsed)
        return parsed.error();
    const QString address = parsed.value().text;
    auto lifted = unbanEverywhere(ctx, address);
    if (!lifted)
        return lifted.error();
    api::UnbanResult result = lifted.value();
    if (result.jails.isEmpty()) {
        return Error(ErrorCode::NotFound, u"%1 is not banned in any jail"_s.arg(address),
                     {{u"address"_s, address}, {u"reason"_s, u"not_banned"_s}});
    }
    result.auditError = recordAudit(ctx, verb, u"done"_s, 0,
                                    u"unbanned %1 (%2)"_s.arg(address, result.jails.join(u", "_s)));
    return result.toJson();
}

// Copies what fail2ban reads of its configuration tree (*.conf, *.local and their
// directories: a few hundred small files; not the sockets, databases or logs a lab keeps
// there) so a candidate file can be tested in place without fail2ban ever reading it from
// the live tree. Hand-written: Qt has no recursive copy.
Result<Done> copyTree(const QString &from, const QString &to)
{
    QDir source(from);
    if (!QDir().mkpath(to))
        return Error(ErrorCode::Internal, u"cannot create %1"_s.arg(to), {{u"path"_s, to}});
    const auto entries =
        source.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    for (const QFileInfo &e : entries) {
        const QString target = QDir(to).filePath(e.fileName());
        if (e.isDir() && !e.isSymLink()) {
            if (auto copied = copyTree(e.filePath(), target); !copied)
                return copied;
        } else if (e.isFile() && (e.suffix() == u"conf"_s || e.suffix() == u"local"_s) &&
                   !QFile::copy(e.filePath(), target)) {
            return Error(ErrorCode::Internal, u"cannot copy %1 to %2"_s.arg(e.filePath(), target),
                         {{u"path"_s, e.filePath()}});
        }
    }
    return Done{};
}

// Rewrites jail.d/staffetta-whitelist.local so fail2ban keeps the list after a restart. The
// new file is first tested with `fail2ban-client -t` in a copy of the configuration; the
// live file is replaced (by rename) only when fail2ban accepts it, so a bad file can never
// keep fail2ban from reloading or starting.
Result<Done> persistForFail2ban(const Context &ctx, const QDir &jailDir, const QStringList &jails,
                                const QList<WhitelistEntry> &entries)
{
    const QString name = u"staffetta-whitelist.local"_s;
    const QByteArray bytes = fail2ban::whitelistJailConfig(jails, entries);
    QTemporaryDir scratch(QDir(ctx.config.stateDir).filePath(u"fail2ban-test-XXXXXX"_s));
    if (!scratch.isValid())
        return Error(ErrorCode::Internal,
                     u"cannot create a directory to test fail2ban's configuration in %1: %2"_s.arg(
                         ctx.config.stateDir, scratch.errorString()));
    const QString copy = scratch.filePath(u"fail2ban"_s);
    if (auto copied = copyTree(ctx.config.fail2banConfigDir, copy); !copied)
        return copied.error();
    QFile candidate(QDir(copy).filePath(u"jail.d/"_s + name));
    if (!candidate.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        candidate.write(bytes) != bytes.size())
        return Error(ErrorCode::Internal,
                     u"cannot write %1: %2"_s.arg(candidate.fileName(), candidate.errorString()));
    candidate.close();
    if (auto tested = f2bOf(ctx).testConfig(copy); !tested) {
        Error e = tested.error();
        e.message =
            u"the whitelist was not written to %1: %2"_s.arg(jailDir.filePath(name), e.message);
        return e;
    }
    return writeFileAtomically(jailDir.filePath(name), bytes);
}

Result<QJsonObject> whitelistList(const Context &ctx, const api::NoRequest &)
{
    const QString sub = ctx.words.value(1);
    if (sub != u"list"_s && !sub.isEmpty())
        return Error(ErrorCode::BadRequest, u"usage: bans whitelist list|add IP|remove IP"_s);
    auto list = fail2ban::loadWhitelist(whitelistFile(ctx));
    if (!list)
        return list.error();
    api::WhitelistResult result;
    result.whitelist = list.value();
    return result.toJson();
}

// add (with its note) or remove.
Result<QJsonObject> whitelistChange(const Context &ctx, const QString &sub,
                                    const QString &requestedAddress, QString note)
{
    const QString verb = u"bans whitelist "_s + sub;
    auto parsed = addressWord(ctx, 2, u"bans whitelist %1 IP"_s.arg(sub), requestedAddress);
    if (!parsed)
        return parsed.error();
    const Result<QString> address = parsed.value().text;
    if (sub == u"add"_s && parsed.value().isWide() && !ctx.access.can(Permission::WhitelistWide)) {
        Error e = forbidden(ctx, u"whitelist %1: %2"_s.arg(
                                     address.value(), permissionAction(Permission::WhitelistWide)));
        e.details.insert(u"address"_s, address.value());
        e.details.insert(u"permission"_s, permissionName(Permission::WhitelistWide));
        return e;
    }
    // --note TEXT on the command line (words), or "note" in the request.
    if (const qsizetype at = ctx.words.indexOf(u"--note"_s); at >= 0)
        note = ctx.words.mid(at + 1).join(u' ');
    if (auto checked = checkComment(u"note"_s, note); !checked)
        return checked.error();

    QDir().mkpath(ctx.config.stateDir);
    auto entries = fail2ban::loadWhitelist(whitelistFile(ctx));
    if (!entries)
        return entries.error();
    QList<WhitelistEntry> list = entries.value();
    const auto existing = std::find_if(list.begin(), list.end(), [&](const WhitelistEntry &e) {
        return e.address == address.value();
    });
    if (sub == u"add"_s) {
        const WhitelistEntry entry{address.value(), note.trimmed(), ctx.caller.user,
                                   QDateTime::currentDateTimeUtc()};
        if (existing != list.end())
            *existing = entry;
        else
            list.append(entry);
    } else {
        if (existing == list.end()) {
            return Error(ErrorCode::NotFound, u"%1 is not on the whitelist"_s.arg(address.value()),
                         {{u"address"_s, address.value()}, {u"reason"_s, u"not_whitelisted"_s}});
        }
        list.erase(existing);
    }
    const auto f2b = f2bOf(ctx);
    auto jails = f2b.jails();
    if (!jails)
        return jails.error();
    // fail2ban's file first: what it refuses is not written anywhere.
    api::WhitelistResult result;
    result.address = address.value();
    const QDir jailDir(QDir(ctx.config.fail2banConfigDir).filePath(u"jail.d"_s));
    if (!jailDir.exists()) {
        result.warning = u"fail2ban's %1 does not exist (set [fail2ban] config_dir): the "
                         u"whitelist holds until fail2ban restarts"_s.arg(jailDir.path());
    } else if (auto persisted = persistForFail2ban(ctx, jailDir, jails.value(), list); !persisted) {
        recordAudit(ctx, verb, persisted.error().name(), 0,
                    u"refused: "_s + persisted.error().message);
        return persisted.error();
    }
    auto saved = fail2ban::saveWhitelist(whitelistFile(ctx), list);
    if (!saved)
        return saved.error();
    for (const QString &jail : jails.value()) {
        auto changed = sub == u"add"_s ? f2b.addIgnore(jail, address.value())
                                       : f2b.removeIgnore(jail, address.value());
        if (!changed && sub == u"add"_s)
            return changed.error();
    }
    QString summary =
        u"%1 %2"_s.arg(sub == u"add"_s ? u"whitelisted"_s : u"unlisted"_s, address.value());
    if (sub == u"add"_s) {
        // Whitelisted means "never banned": a ban in force goes too.
        auto lifted = unbanEverywhere(ctx, address.value());
        if (!lifted)
            return lifted.error();
        result.unbanned = lifted.value().jails;
        if (!note.isEmpty())
            summary += u" ("_s + note + u')';
    }
    result.auditError = recordAudit(ctx, verb, u"done"_s, 0, summary);
    result.whitelist = list;
    return result.toJson();
}

Result<QJsonObject> whitelistAdd(const Context &ctx, const api::WhitelistAddRequest &request)
{
    return whitelistChange(ctx, u"add"_s, request.address, request.note);
}

Result<QJsonObject> whitelistRemove(const Context &ctx, const api::AddressRequest &request)
{
    return whitelistChange(ctx, u"remove"_s, request.address, {});
}

void banLine(QTextStream &s, const Ban &b, const QDateTime &now)
{
    s << "  " << b.address << "  since " << b.since.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)
      << "  remaining " << b.remaining(now) << " s";
    if (b.reason != FailureKind::None)
        s << "  (" << fail2ban::failureKindName(b.reason) << ')';
    s << '\n';
}

void whitelistLines(QTextStream &s, const api::WhitelistResult &r)
{
    if (r.whitelist) {
        s << "whitelist:\n";
        for (const WhitelistEntry &w : *r.whitelist)
            s << "  " << w.address << "  " << w.note << "  (" << w.addedBy << ", "
              << w.addedAt.toLocalTime().toString(Qt::ISODate) << ")\n";
    }
    if (!r.warning.isEmpty())
        s << "warning: " << r.warning << '\n';
}

QString listText(const QJsonObject &o)
{
    const auto r = api::BansSnapshot::fromJson(o).valueOr({});
    const QDateTime now = QDateTime::currentDateTime();
    QString text;
    QTextStream s(&text);
    for (const api::JailBans &j : r.jails) {
        s << "jail " << j.name << ": " << j.bans.size() << " banned\n";
        for (const Ban &b : j.bans)
            banLine(s, b, now);
    }
    whitelistLines(s, api::WhitelistResult{{}, {}, {}, {}, r.whitelist});
    return text;
}

void reportLines(QTextStream &s, const api::AddressReport &r)
{
    const QDateTime now = QDateTime::currentDateTime();
    for (const Ban &b : r.bans)
        banLine(s, b, now);
    for (const api::LogLine &l : r.lines)
        s << l.source << ": " << l.text << '\n';
    if (r.reason != FailureKind::None)
        s << "reason: " << fail2ban::failureKindName(r.reason) << '\n';
}

QString logText(const QJsonObject &o)
{
    QString text;
    QTextStream s(&text);
    reportLines(s, api::AddressReport::fromJson(o));
    return text;
}

QString unbanText(const QJsonObject &o)
{
    const api::UnbanResult r = api::UnbanResult::fromJson(o);
    QString text = u"unbanned %1 in %2\n"_s.arg(r.address, r.jails.join(u", "_s));
    if (!r.notBanned.isEmpty())
        text += u"not banned in %1\n"_s.arg(r.notBanned.join(u", "_s));
    if (!r.auditError.isEmpty())
        text += u"warning: "_s + r.auditError + u'\n';
    return text;
}

QString whitelistText(const QJsonObject &o)
{
    QString text;
    QTextStream s(&text);
    whitelistLines(s, api::WhitelistResult::fromJson(o));
    return text;
}

Result<QJsonObject> searchVerb(const Context &ctx, const api::SearchRequest &request)
{
    QString term = request.term.trimmed();
    if (term.isEmpty())
        term = ctx.words.value(0);
    if (term.isEmpty())
        return Error(ErrorCode::BadRequest, u"usage: search TERM (or {\"term\": ...})"_s);
    api::SearchResult result;
    result.term = term;
    const postfix::Postfix pf(ctx.config.postfixConfigDir, ctx.config.postfixCommandDir);

    if (const QString address = fail2ban::normalizeAddress(term); !address.isEmpty()) {
        if (auto refused = require(ctx, Permission::ReadBans, u"search"_s))
            return *refused;
        result.kind = u"ip"_s;
        Context sub = ctx;
        sub.words = {u"log"_s, address};
        auto found = addressReport(sub, {});
        if (!found)
            return found.error();
        // The console shows the latest lines; `bans log` has them all.
        api::AddressReport ip = found.value();
        if (ip.lines.size() > api::SearchResult::MaxIpLines)
            ip.lines = ip.lines.mid(ip.lines.size() - api::SearchResult::MaxIpLines);
        result.ip = ip;
        return result.toJson(QDateTime::currentDateTime());
    }

    // An address, a login or a queue id: the queue and the policy both may know it.
    const bool queueId = postfix::isQueueId(term) && !term.contains(u'@');
    result.kind = term.contains(u'@') ? u"address"_s : queueId ? u"queue_id_or_login"_s : u"text"_s;
    auto visible = visibleMessages(ctx);
    if (!visible)
        return visible.error();
    const std::optional<QSet<QString>> &only = visible.value();
    const QString needle = term.toLower();
    auto scanned = pf.scanQueue([&](const QByteArray &line) {
        // Byte pre-check before parsing: most lines do not mention the term at all.
        if (!line.toLower().contains(needle.toUtf8()))
            return true;
        const QJsonObject m = QJsonDocument::fromJson(line).object();
        if (only && !only->contains(m.value(u"queue_id"_s).toString()))
            return true;
        bool hit = m.value(u"queue_id"_s).toString() == term ||
                   m.value(u"sender"_s).toString().contains(term, Qt::CaseInsensitive);
        for (const QJsonValue &r : m.value(u"recipients"_s).toArray()) {
            hit = hit ||
                  r.toObject().value(u"address"_s).toString().contains(term, Qt::CaseInsensitive);
        }
        if (hit && result.messagesMatched++ < api::SearchResult::MaxMessages)
            result.messages.append(m);
        return true;
    });
    if (!scanned)
        return scanned.error();

    QFile policyFile(ctx.config.policyFile);
    if (policyFile.open(QIODevice::ReadOnly)) {
        auto policy = policy::Policy::fromJson(policyFile.readAll());
        if (policy) {
            QList<api::SearchResult::Account> accounts;
            for (const auto &a : policy.value().accounts) {
                if (!ctx.access.seesAccount(a.login))
                    continue;
                QStringList senders;
                for (const auto &p : a.senders) {
                    if (term.contains(u'@') ? p.matches(term)
                                            : p.text().contains(term, Qt::CaseInsensitive))
                        senders.append(p.text());
                }
                if (a.login.compare(term, Qt::CaseInsensitive) == 0 || !senders.isEmpty()) {
                    accounts.append({a.login, senders});
                }
            }
            result.accounts = accounts;
        }
    }
    return result.toJson(QDateTime::currentDateTime());
}

QString searchText(const QJsonObject &o)
{
    const api::SearchResult r = api::SearchResult::fromJson(o);
    QString text;
    QTextStream s(&text);
    s << r.term << " (" << r.kind << ")\n";
    if (r.ip)
        reportLines(s, *r.ip);
    for (const api::SearchResult::Account &a :
         r.accounts.value_or(QList<api::SearchResult::Account>()))
        s << "account " << a.login << ": " << a.senders.join(u", "_s) << '\n';
    for (const QJsonObject &m : r.messages) {
        s << "queued " << m.value(u"queue_id"_s).toString() << " ("
          << m.value(u"queue_name"_s).toString() << ") <" << m.value(u"sender"_s).toString()
          << ">\n";
    }
    return text;
}

} // namespace

QList<Verb> bansVerbs()
{
    return {
        verb<api::NoRequest>(api::verbs::BansList, {}, Permission::ReadBans, list, listText),
        verb<api::AddressRequest>(api::verbs::BansLog, u"IP"_s, Permission::ReadBans, log, logText),
        verb<api::AddressRequest>(api::verbs::BansUnban, u"IP"_s, Permission::Unban, unban,
                                  unbanText, false, true),
        verb<api::NoRequest>(api::verbs::BansWhitelist, u"[list]"_s, Permission::ReadBans,
                             whitelistList, whitelistText),
        // Wider networks need WhitelistWide (the verb checks).
        verb<api::WhitelistAddRequest>(api::verbs::BansWhitelistAdd, u"IP [--note TEXT]"_s,
                                       Permission::Whitelist, whitelistAdd, whitelistText, false,
                                       true),
        verb<api::AddressRequest>(api::verbs::BansWhitelistRemove, u"IP"_s, Permission::Whitelist,
                                  whitelistRemove, whitelistText, false, true),
        // An IP needs ReadBans too (search checks).
        verb<api::SearchRequest>(api::verbs::Search, u"TERM"_s, Permission::ReadQueue, searchVerb,
                                 searchText),
    };
}

} // namespace staffetta::ctl
