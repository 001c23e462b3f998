#include "reputation.h"

#include "events/statement.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <sqlite3.h>

#include <cstring>

namespace staffetta::reputation {

using namespace Qt::Literals::StringLiterals;
using events::detail::Statement;

namespace {

const QString Section = u"reputation"_s;
const QString ListPrefix = u"reputation.list."_s;

Error configError(const QString &section, const QString &key, const QString &why)
{
    return Error(ErrorCode::Config, u"[%1] %2: %3"_s.arg(section, key, why),
                 {{u"section"_s, section}, {u"key"_s, key}});
}

// A value that may read back as a list (it had commas) as one string.
QString stringValue(const QSettings &s, const QString &key)
{
    const QVariant v = s.value(key);
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
}

QStringList words(const QString &value)
{
    return value.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
}

bool isDomain(const QString &d)
{
    static const QRegularExpression re(
        u"^([a-z0-9_]([a-z0-9_-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    return d.size() <= 253 && re.match(d).hasMatch();
}

// A listing code's IPv4 address as a number; nullopt when it is not one inside 127.0.0.0/8
// (every DNS blacklist answers there).
std::optional<quint32> code(const QString &text)
{
    QHostAddress a;
    if (!a.setAddress(text.trimmed()) || a.protocol() != QAbstractSocket::IPv4Protocol)
        return std::nullopt;
    const quint32 v = a.toIPv4Address();
    if ((v >> 24) != 127)
        return std::nullopt;
    return v;
}

std::optional<std::pair<quint32, quint32>> range(const QString &word)
{
    const QStringList ends = word.split(u'-');
    if (ends.size() > 2)
        return std::nullopt;
    const auto from = code(ends.first());
    const auto to = code(ends.last());
    if (!from || !to || *from > *to)
        return std::nullopt;
    return std::pair{*from, *to};
}

Result<api::ReputationList> parseList(QSettings &s, const QString &section)
{
    api::ReputationList list;
    list.name = section.mid(ListPrefix.size());
    static const QRegularExpression nameRe(u"^[A-Za-z0-9_-]{1,64}$"_s);
    if (!nameRe.match(list.name).hasMatch())
        return Error(ErrorCode::Config,
                     u"[%1]: a list's name is 1 to 64 letters, digits, '-' or '_'"_s.arg(section),
                     {{u"section"_s, section}});
    s.beginGroup(section);
    const QStringList keys = s.childKeys();
    QMap<QString, QString> values;
    for (const QString &key : keys)
        values.insert(key, stringValue(s, key).trimmed());
    s.endGroup();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QString &value = it.value();
        if (key == u"zone"_s) {
            list.zone = value.toLower();
            if (list.zone.endsWith(u'.'))
                list.zone.chop(1);
            if (!isDomain(list.zone))
                return configError(section, key, u"'%1' is not a DNS zone"_s.arg(value));
        } else if (key == u"kind"_s) {
            if (value != u"ip"_s && value != u"domain"_s)
                return configError(section, key, u"must be ip or domain, not '%1'"_s.arg(value));
            list.kind = value;
        } else if (key == u"listed"_s) {
            for (const QString &w : words(value)) {
                if (!range(w))
                    return configError(section, key,
                                       u"'%1' is not an answer code or a range of them inside "
                                       u"127.0.0.0/8 (127.0.0.2, 127.0.0.2-127.0.0.11)"_s.arg(w));
                list.listed.append(w);
            }
        } else if (key == u"removal"_s) {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) ||
                url.host().isEmpty())
                return configError(section, key,
                                   u"'%1' is not an http or https address"_s.arg(value));
            list.removalUrl = url.toString();
        } else {
            return configError(section, key, u"unknown key (zone, kind, listed, removal)"_s);
        }
    }
    for (const QString &required : {u"zone"_s, u"kind"_s, u"listed"_s}) {
        if (!values.contains(required) || values.value(required).isEmpty())
            return configError(section, required,
                               required == u"listed"_s
                                   ? u"is required: the answers that mean listed (a list "
                                     u"without them would read a refusal as a listing)"_s
                                   : u"is required"_s);
    }
    return list;
}

} // namespace

Result<Settings> Settings::load(const Config &config)
{
    return load(config.path, config.stateDir);
}

Result<Settings> Settings::load(const QString &path, const QString &stateDir)
{
    Settings settings;
    settings.database = stateDir + u"/reputation.sqlite"_s;
    if (path.isEmpty() || !QFileInfo::exists(path))
        return settings;
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError)
        return Error(ErrorCode::Config, u"the configuration %1 is malformed"_s.arg(path),
                     {{u"path"_s, path}});
    s.beginGroup(Section);
    const QStringList keys = s.childKeys();
    QMap<QString, QString> values;
    for (const QString &key : keys)
        values.insert(key, stringValue(s, key).trimmed());
    s.endGroup();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QString &value = it.value();
        if (key == u"resolver"_s) {
            if (value.isEmpty())
                continue;
            const qsizetype colon = value.lastIndexOf(u':');
            const QString host = colon < 0 ? value : value.left(colon);
            QHostAddress a;
            if (!a.setAddress(host) || a.protocol() != QAbstractSocket::IPv4Protocol)
                return configError(
                    Section, key,
                    u"'%1' is not an IPv4 address with an optional :port"_s.arg(value));
            settings.resolverAddress = a.toString();
            if (colon >= 0) {
                bool ok = false;
                settings.resolverPort = value.mid(colon + 1).toInt(&ok);
                if (!ok || settings.resolverPort < 1 || settings.resolverPort > 65535)
                    return configError(Section, key,
                                       u"'%1' has no valid port"_s.arg(value.mid(colon + 1)));
            }
        } else if (key == u"public_ips"_s) {
            for (const QString &w : words(value)) {
                QHostAddress a;
                if (w.contains(u'/') || w.contains(u'%') || !a.setAddress(w))
                    return configError(Section, key, u"'%1' is not an IP address"_s.arg(w));
                if (!settings.publicIps.contains(a.toString()))
                    settings.publicIps.append(a.toString());
            }
        } else if (key == u"database"_s) {
            if (!value.isEmpty())
                settings.database = value;
        } else if (key == u"timeout"_s) {
            bool ok = false;
            settings.timeoutSecs = value.toInt(&ok);
            if (!ok || settings.timeoutSecs < 1 || settings.timeoutSecs > 60)
                return configError(Section, key, u"must be a number of seconds from 1 to 60"_s);
        } else {
            return configError(Section, key,
                               u"unknown key (resolver, public_ips, database, timeout)"_s);
        }
    }
    const QStringList sections = s.childGroups();
    for (const QString &section : sections) {
        if (!section.startsWith(ListPrefix))
            continue;
        auto list = parseList(s, section);
        if (!list)
            return list.error();
        settings.lists.append(list.value());
    }
    return settings;
}

bool isListingCode(const QStringList &listed, const QString &answer)
{
    const auto a = code(answer);
    if (!a)
        return false;
    for (const QString &w : listed) {
        if (const auto r = range(w); r && *a >= r->first && *a <= r->second)
            return true;
    }
    return false;
}

QString queryName(const api::ReputationList &list, const QString &target)
{
    if (list.kind == u"domain"_s)
        return target + u'.' + list.zone;
    QHostAddress a(target);
    QStringList labels;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = a.toIPv4Address();
        for (int shift = 0; shift < 32; shift += 8)
            labels.append(QString::number((v >> shift) & 0xff));
    } else {
        const Q_IPV6ADDR v6 = a.toIPv6Address();
        for (int i = 15; i >= 0; --i) {
            labels.append(QString::number(v6[i] & 0x0f, 16));
            labels.append(QString::number(v6[i] >> 4, 16));
        }
    }
    return labels.join(u'.') + u'.' + list.zone;
}

QString senderDomain(const QString &pattern)
{
    const qsizetype at = pattern.lastIndexOf(u'@');
    QString domain = (at < 0 ? pattern : pattern.mid(at + 1)).toLower();
    if (domain.startsWith(u"*."_s))
        domain = domain.mid(2);
    return isDomain(domain) ? domain : QString();
}

QList<api::ReputationTarget> targetsOf(const Settings &settings, const policy::Policy &policy)
{
    QList<api::ReputationTarget> out;
    for (const QString &ip : settings.publicIps)
        out.append({ip, u"ip"_s, {}, {}});
    QMap<QString, QStringList> domains;
    for (const policy::Account &account : policy.accounts) {
        for (const policy::SenderPattern &p : account.senders) {
            const QString d = senderDomain(p.text());
            if (!d.isEmpty() && !domains[d].contains(account.login))
                domains[d].append(account.login);
        }
    }
    for (auto it = domains.begin(); it != domains.end(); ++it) {
        it.value().sort();
        out.append({it.key(), u"domain"_s, it.value(), {}});
    }
    return out;
}

Answer lookup(const Settings &settings, const QString &name)
{
    Answer answer;
    struct __res_state state;
    std::memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0) {
        answer.detail = u"the resolver could not be set up (res_ninit)"_s;
        return answer;
    }
    if (!settings.resolverAddress.isEmpty()) {
        state.nsaddr_list[0].sin_family = AF_INET;
        state.nsaddr_list[0].sin_port = htons(quint16(settings.resolverPort));
        inet_pton(AF_INET, settings.resolverAddress.toLatin1().constData(),
                  &state.nsaddr_list[0].sin_addr);
        state.nscount = 1;
    }
    state.retrans = settings.timeoutSecs;
    state.retry = 2;
    unsigned char buffer[NS_PACKETSZ * 4];
    const QByteArray query = name.toLatin1();
    const int n = res_nquery(&state, query.constData(), ns_c_in, ns_t_a, buffer, sizeof buffer);
    if (n < 0) {
        const int error = state.res_h_errno;
        res_nclose(&state);
        if (error == HOST_NOT_FOUND || error == NO_DATA) {
            answer.kind = Answer::Kind::NoSuchName;
            return answer;
        }
        answer.detail = error == TRY_AGAIN
                            ? u"no answer from the resolver (timeout or server failure)"_s
                            : u"the resolver refused the query or could not answer it"_s;
        return answer;
    }
    ns_msg message;
    if (ns_initparse(buffer, n, &message) != 0) {
        res_nclose(&state);
        answer.detail = u"the answer could not be parsed"_s;
        return answer;
    }
    for (int i = 0; i < ns_msg_count(message, ns_s_an); ++i) {
        ns_rr rr;
        if (ns_parserr(&message, ns_s_an, i, &rr) != 0 || ns_rr_type(rr) != ns_t_a ||
            ns_rr_rdlen(rr) != 4)
            continue;
        char text[INET_ADDRSTRLEN] = {};
        inet_ntop(AF_INET, ns_rr_rdata(rr), text, sizeof text);
        answer.addresses.append(QString::fromLatin1(text));
    }
    res_nclose(&state);
    answer.kind = answer.addresses.isEmpty() ? Answer::Kind::NoSuchName : Answer::Kind::Addresses;
    return answer;
}

QList<api::ReputationTarget> check(const Settings &settings, QList<api::ReputationTarget> targets)
{
    // A list (or the resolver) that does not answer MaxFailures queries in a row is not asked
    // about the rest: a relay with many domains would otherwise wait out every timeout.
    constexpr int MaxFailures = 3;
    QMap<QString, int> failures;
    for (api::ReputationTarget &t : targets) {
        t.results.clear();
        for (const api::ReputationList &list : settings.lists) {
            if (list.kind != t.kind)
                continue;
            api::ReputationResult r;
            r.list = list.name;
            if (failures.value(list.name) >= MaxFailures) {
                r.status = u"error"_s;
                r.detail =
                    u"not asked: the list did not answer %1 queries in a row"_s.arg(MaxFailures);
                t.results.append(r);
                continue;
            }
            const Answer a = lookup(settings, queryName(list, t.target));
            failures[list.name] =
                a.kind == Answer::Kind::Failure ? failures.value(list.name) + 1 : 0;
            r.answers = a.addresses;
            switch (a.kind) {
            case Answer::Kind::NoSuchName:
                r.status = u"clear"_s;
                break;
            case Answer::Kind::Failure:
                r.status = u"error"_s;
                r.detail = a.detail;
                break;
            case Answer::Kind::Addresses:
                r.status =
                    std::any_of(a.addresses.cbegin(), a.addresses.cend(),
                                [&](const QString &x) { return isListingCode(list.listed, x); })
                        ? u"listed"_s
                        : u"refused"_s;
                break;
            }
            t.results.append(r);
        }
    }
    return targets;
}

// ------------------------------------------------------------------------------ the store

namespace {

const char *const Schema =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS checks(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    " checked_by TEXT NOT NULL, lists TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS results(check_id INTEGER NOT NULL, target TEXT NOT NULL,"
    " kind TEXT NOT NULL, accounts TEXT NOT NULL, list TEXT NOT NULL, status TEXT NOT NULL,"
    " answers TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY(check_id, target, list));"
    "CREATE INDEX IF NOT EXISTS results_target ON results(target, list, check_id);"
    "CREATE TABLE IF NOT EXISTS changes(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    " target TEXT NOT NULL, kind TEXT NOT NULL, list TEXT NOT NULL, previous TEXT NOT NULL,"
    " status TEXT NOT NULL, answers TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS changes_target ON changes(target, list, time);";

QString jsonList(const QStringList &l)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact));
}

QStringList listJson(const QString &s)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(s.toUtf8()).array())
        out.append(v.toString());
    return out;
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

Store::~Store()
{
    sqlite3_close(m_db);
}

Error Store::failure(const QString &what) const
{
    return Error(ErrorCode::Unavailable,
                 u"reputation %1: %2: %3"_s.arg(
                     m_path, what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString()),
                 {{u"path"_s, m_path}});
}

Result<std::unique_ptr<Store>> Store::open(const QString &path)
{
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    if (sqlite3_open(path.toUtf8().constData(), &store->m_db) != SQLITE_OK)
        return store->failure(u"cannot open"_s);
    // Before the schema: switching to WAL takes a lock a reader may hold for a moment.
    sqlite3_busy_timeout(store->m_db, 5000);
    if (sqlite3_exec(store->m_db, Schema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return store->failure(u"cannot create the schema"_s);
    return store;
}

Result<QList<api::ReputationChange>> Store::record(const QDateTime &now, const QString &by,
                                                   QList<api::ReputationTarget> &targets)
{
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(u"cannot start a check"_s);
    auto rollback = [this](const QString &what) {
        Error e = failure(what);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    };
    const qint64 t = now.toSecsSinceEpoch();
    QStringList lists;
    for (const api::ReputationTarget &target : targets) {
        for (const api::ReputationResult &r : target.results) {
            if (!lists.contains(r.list))
                lists.append(r.list);
        }
    }
    {
        Statement s(m_db, "INSERT INTO checks(time, checked_by, lists) VALUES(?1, ?2, ?3)",
                    {t, by, jsonList(lists)});
        if (!s.run())
            return rollback(u"cannot record a check"_s);
    }
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    QList<api::ReputationChange> fresh;
    for (api::ReputationTarget &target : targets) {
        for (api::ReputationResult &r : target.results) {
            QString previous;
            {
                Statement s(m_db,
                            "SELECT status FROM results WHERE target = ?1 AND list = ?2"
                            " AND check_id < ?3 ORDER BY check_id DESC LIMIT 1",
                            {target.target, r.list, id});
                if (s.step())
                    previous = s.text(0);
            }
            QString answered; // the last status that was an answer: listed or clear
            {
                Statement s(m_db,
                            "SELECT status FROM results WHERE target = ?1 AND list = ?2"
                            " AND check_id < ?3 AND status IN ('listed', 'clear')"
                            " ORDER BY check_id DESC LIMIT 1",
                            {target.target, r.list, id});
                if (s.step())
                    answered = s.text(0);
            }
            {
                Statement s(m_db,
                            "INSERT INTO results(check_id, target, kind, accounts, list, status,"
                            " answers, detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                            {id, target.target, target.kind, jsonList(target.accounts), r.list,
                             r.status, jsonList(r.answers), r.detail});
                if (!s.run())
                    return rollback(u"cannot record a result"_s);
            }
            if (previous != r.status) {
                Statement s(m_db,
                            "INSERT INTO changes(time, target, kind, list, previous, status,"
                            " answers) VALUES(?1,?2,?3,?4,?5,?6,?7)",
                            {t, target.target, target.kind, r.list, previous, r.status,
                             jsonList(r.answers)});
                if (!s.run())
                    return rollback(u"cannot record a change"_s);
                r.since = now.toUTC();
            } else {
                Statement s(m_db, "SELECT MAX(time) FROM changes WHERE target = ?1 AND list = ?2",
                            {target.target, r.list});
                r.since = s.step() && !s.isNull(0) ? utc(s.integer(0)) : now.toUTC();
            }
            if (r.status == u"listed"_s && answered != u"listed"_s)
                fresh.append({now.toUTC(), target.target, target.kind, r.list, previous, r.status,
                              r.answers});
        }
    }
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(u"cannot commit a check"_s);
    return fresh;
}

Result<api::ReputationReport> Store::latest()
{
    api::ReputationReport report;
    qint64 id = 0;
    {
        Statement s(m_db, "SELECT id, time, checked_by FROM checks ORDER BY id DESC LIMIT 1");
        if (!s.ok())
            return failure(u"cannot read the checks"_s);
        if (!s.step())
            return report;
        id = s.integer(0);
        report.checked = utc(s.integer(1));
        report.checkedBy = s.text(2);
    }
    Statement s(m_db,
                "SELECT r.target, r.kind, r.accounts, r.list, r.status, r.answers, r.detail,"
                " (SELECT MAX(time) FROM changes c WHERE c.target = r.target AND c.list = r.list)"
                " FROM results r WHERE r.check_id = ?1 ORDER BY r.kind DESC, r.rowid",
                {id});
    if (!s.ok())
        return failure(u"cannot read the results"_s);
    while (s.step()) {
        const QString target = s.text(0);
        if (report.targets.isEmpty() || report.targets.last().target != target)
            report.targets.append({target, s.text(1), listJson(s.text(2)), {}});
        report.targets.last().results.append(
            {s.text(3), s.text(4), listJson(s.text(5)), s.text(6), utc(s.integer(7))});
    }
    return report;
}

Result<QList<api::ReputationChange>> Store::history(const QString &target, qint64 limit)
{
    Statement s(m_db,
                target.isEmpty()
                    ? "SELECT time, target, kind, list, previous, status, answers FROM changes"
                      " WHERE ?1 = '' ORDER BY time DESC, id DESC LIMIT ?2"
                    : "SELECT time, target, kind, list, previous, status, answers FROM changes"
                      " WHERE target = ?1 ORDER BY time DESC, id DESC LIMIT ?2",
                {target, limit});
    if (!s.ok())
        return failure(u"cannot read the history"_s);
    QList<api::ReputationChange> out;
    while (s.step())
        out.append({utc(s.integer(0)), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                    listJson(s.text(6))});
    return out;
}

} // namespace staffetta::reputation
