#include "policy.h"

#include "common/limits.h"
#include "common/strict_json.h"
#include "content_json.h"
#include "reader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {

using detail::Reader;

// A SASL login as Postfix passes it on: no whitespace, no control characters.
bool isLogin(const QString &login)
{
    return !login.isEmpty() && login.size() <= limits::MaxLoginLength &&
           std::none_of(login.begin(), login.end(), [](QChar c) {
               return c.isSpace() || c.category() == QChar::Other_Control;
           });
}

QJsonArray patternsJson(const QList<SenderPattern> &patterns)
{
    QJsonArray a;
    for (const auto &p : patterns)
        a.append(p.text());
    return a;
}

QJsonArray blacklistJson(const QList<BlacklistEntry> &entries)
{
    QJsonArray a;
    for (const auto &e : entries) {
        QJsonObject o{{u"pattern"_s, e.pattern.text()}};
        if (!e.message.isEmpty())
            o.insert(u"message"_s, e.message);
        a.append(o);
    }
    return a;
}

} // namespace

QString TestDomain::address(int n) const
{
    return u"test%1@"_s.arg(n, 3, 10, QChar(u'0')) + domain;
}

bool TestDomain::contains(const QString &recipient) const
{
    const qsizetype at = recipient.lastIndexOf(u'@');
    if (at != 7 || recipient.mid(at + 1).toLower() != domain ||
        !recipient.startsWith(u"test"_s, Qt::CaseInsensitive))
        return false;
    bool ok = false;
    const int n = QStringView(recipient).mid(4, 3).toInt(&ok);
    return ok && recipient[4].isDigit() && n >= 1 && n <= addresses;
}

QJsonArray detail::trustedJson(const QList<TrustedNet> &nets)
{
    QJsonArray a;
    for (const TrustedNet &n : nets)
        a.append(n.text());
    return a;
}

QJsonObject detail::suspensionJson(const Suspension &s)
{
    QJsonObject o{{u"reason"_s, s.reason},
                  {u"by"_s, s.by},
                  {u"role"_s, s.role},
                  {u"at"_s, s.at.toUTC().toString(Qt::ISODate)}};
    if (!s.message.isEmpty())
        o.insert(u"message"_s, s.message);
    return o;
}

namespace {

// The reply of a suspended account goes into an SMTP line: printable ASCII only.
bool isReplyText(const QString &text)
{
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

std::optional<Suspension> readSuspension(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject()) {
        r.fail(path, u"must be an object {reason, message?, by, role, at}"_s);
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"reason"_s, u"message"_s, u"by"_s, u"role"_s, u"at"_s});
    Suspension s;
    const qsizetype problems = r.problems.size();
    auto text = [&](const QString &key, qsizetype max, bool required) {
        const QJsonValue value = o.value(key);
        if (value.isUndefined() && !required)
            return QString();
        const QString t = value.toString();
        if (!value.isString() || (required && t.trimmed().isEmpty()) || t.size() > max ||
            !detail::isPrintable(t))
            r.fail(Reader::join(path, key),
                   u"must be %1 to %2 printable characters (no line breaks)"_s.arg(required ? 1 : 0)
                       .arg(max));
        return t;
    };
    s.reason = text(u"reason"_s, limits::MaxCommentLength, true);
    s.message = text(u"message"_s, limits::MaxBlacklistMessageLength, false);
    if (!isReplyText(s.message))
        r.fail(Reader::join(path, u"message"_s),
               u"goes into the SMTP reply: ASCII letters, digits and punctuation only"_s);
    s.by = text(u"by"_s, limits::MaxLoginLength, true);
    s.role = text(u"role"_s, 16, true);
    s.at = QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODate);
    if (!s.at.isValid())
        r.fail(Reader::join(path, u"at"_s), u"must be an ISO 8601 date and time"_s);
    if (r.problems.size() != problems)
        return std::nullopt;
    return s;
}

// "192.0.2.7", "198.51.100.0/24", "2001:db8::/64": a network address (no host bits set) of at
// least /16 (IPv4) or /48 (IPv6); a partner's are narrower still (staffettactl's grants).
std::optional<TrustedNet> parseTrustedNet(const QString &text, QString *why)
{
    const QString t = text.trimmed();
    QHostAddress address;
    int prefix = -1;
    if (t.contains(u'/')) {
        bool ok = false;
        prefix = t.section(u'/', 1).toInt(&ok);
        if (!ok || !address.setAddress(t.section(u'/', 0, 0))) {
            *why = u"is not an address or a network (192.0.2.0/24, 2001:db8::/64)"_s;
            return std::nullopt;
        }
    } else if (!address.setAddress(t)) {
        *why = u"is not an address or a network (192.0.2.0/24, 2001:db8::/64)"_s;
        return std::nullopt;
    }
    // An IPv4 address written as IPv4-mapped IPv6 (::ffff:192.0.2.7) is the IPv4 address:
    // staffettad sees the client as IPv4, and the overlap check must compare it as one.
    bool mapped = false;
    const quint32 v4Address =
        address.protocol() == QAbstractSocket::IPv6Protocol ? address.toIPv4Address(&mapped) : 0;
    // (A network wider than the mapped range stays IPv6, as it always was: it holds no
    // IPv4 client.)
    if (mapped && (prefix < 0 || prefix >= 96 + 16)) {
        address = QHostAddress(v4Address);
        if (prefix >= 0)
            prefix -= 96;
    }
    const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    const int full = v4 ? 32 : 128;
    if (prefix < 0)
        prefix = full;
    const int widest = v4 ? 16 : 48;
    if (prefix < widest || prefix > full) {
        *why = u"must be a /%1 to /%2 network"_s.arg(widest).arg(full);
        return std::nullopt;
    }
    if (QHostAddress::parseSubnet(address.toString() + u'/' + QString::number(prefix)).first !=
        address) {
        *why =
            u"has host bits set: write its network (%1/%2)"_s
                .arg(QHostAddress::parseSubnet(address.toString() + u'/' + QString::number(prefix))
                         .first.toString())
                .arg(prefix);
        return std::nullopt;
    }
    return TrustedNet{address, prefix};
}

} // namespace

QString TrustedNet::text() const
{
    const int full = network.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    return prefix == full ? network.toString()
                          : network.toString() + u'/' + QString::number(prefix);
}

QByteArray suspendedReply(const Suspension &s, Language language)
{
    if (!s.message.isEmpty())
        return "550 5.7.1 " + s.message.toLatin1();
    if (language == Language::English)
        return "550 5.7.1 Account suspended for suspected abuse: contact support";
    return "550 5.7.1 Account sospeso per sospetto abuso: contattare l'assistenza";
}

Result<Policy> Policy::fromJson(const QByteArray &json)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    std::optional<DuplicateKey> duplicate;
    if (parseError.error == QJsonParseError::NoError)
        duplicate = scanJsonKeys(json).duplicate;
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || duplicate) {
        const QString why = parseError.error != QJsonParseError::NoError
                                ? u"not JSON: %1 at offset %2"_s.arg(parseError.errorString())
                                      .arg(parseError.offset)
                            : duplicate ? duplicate->message()
                                        : u"the document must be a JSON object"_s;
        const QString path = duplicate ? duplicate->path : QString();
        return Error(
            ErrorCode::InvalidPolicy, why,
            {{u"errors"_s, QJsonArray{QJsonObject{{u"path"_s, path}, {u"reason"_s, why}}}}});
    }
    return fromJsonObject(doc.object());
}

Error invalidPolicy(const QJsonArray &problems)
{
    QStringList lines;
    for (qsizetype i = 0; i < std::min<qsizetype>(problems.size(), 5); ++i) {
        const QJsonObject p = problems[i].toObject();
        const QString path = p.value(u"path"_s).toString();
        lines.append((path.isEmpty() ? QString() : path + u": "_s) +
                     p.value(u"reason"_s).toString());
    }
    if (problems.size() > 5)
        lines.append(u"(%1 more)"_s.arg(problems.size() - 5));
    return Error(ErrorCode::InvalidPolicy, lines.join(u"; "_s), {{u"errors"_s, problems}});
}

std::optional<QString> newLoginProblem(const QString &login)
{
    const auto plain = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
    };
    if (login.isEmpty() || login.size() > limits::MaxLoginLength)
        return u"must have 1 to %1 characters"_s.arg(limits::MaxLoginLength);
    if (!plain(login.front()))
        return u"must start with a letter or a digit (a-z, 0-9)"_s;
    for (const QChar c : login) {
        if (!plain(c) && c != u'.' && c != u'_' && c != u'-' && c != u'+' && c != u'@')
            return u"may hold only the letters a-z, digits and . _ - + @"_s;
    }
    if (login.count(u'@') > 1)
        return u"may hold one @ at most"_s;
    return std::nullopt;
}

QString quotedLogin(const QString &login)
{
    QString out = u"\""_s;
    for (const uint c : login.toUcs4()) {
        if (c < 0x80 && QChar::isPrint(char32_t(c)) && c != '"' && c != '\\')
            out += QChar(char16_t(c));
        else
            out += u"\\u%1"_s.arg(c, 4, 16, QLatin1Char('0'));
    }
    return out + u'"';
}

std::optional<QString> relayBlacklistProblem(const Policy &p)
{
    const int cap = p.limits.relayBlacklistCapFor(p.accounts.size());
    if (p.blacklist.size() <= cap)
        return std::nullopt;
    return u"has %1 entries; at most %2 are allowed (limits.blacklist_cap %3 + "
           u"limits.blacklist_cap_per_account %4 for each of the %5 accounts)"_s
               .arg(p.blacklist.size())
               .arg(cap)
               .arg(p.limits.relayBlacklistCap)
               .arg(p.limits.relayBlacklistPerAccount)
               .arg(p.accounts.size());
}

Result<Policy> Policy::fromJsonObject(const QJsonObject &root)
{
    Reader r;
    r.onlyKeys(root, {},
               {u"schema_version"_s, u"local_domains"_s, u"test_domains"_s, u"limits"_s,
                u"blacklist"_s, u"accounts"_s, u"content"_s, u"alerts"_s});
    if (root.value(u"schema_version"_s).toInt(-1) != SchemaVersion)
        r.fail(u"schema_version"_s, u"must be %1"_s.arg(SchemaVersion));

    Policy policy;
    const QJsonValue domains = root.value(u"local_domains"_s);
    if (!domains.isUndefined() && !domains.isArray())
        r.fail(u"local_domains"_s, u"must be a list of domain names"_s);
    const QJsonArray domainList = domains.toArray();
    for (qsizetype i = 0; i < domainList.size(); ++i) {
        const QString d = domainList[i].toString().trimmed().toLower();
        if (d.isEmpty() || d.contains(u'@') || d.contains(u' ') || d.contains(u'*'))
            r.fail(u"local_domains[%1]"_s.arg(i), u"must be a domain name"_s);
        else
            policy.localDomains.append(d);
    }

    const QJsonValue tests = root.value(u"test_domains"_s);
    if (!tests.isUndefined() && !tests.isArray())
        r.fail(u"test_domains"_s, u"must be a list of {domain, addresses}"_s);
    const QJsonArray testList = tests.toArray();
    if (testList.size() > TestDomain::MaxDomains)
        r.fail(u"test_domains"_s, u"at most %1 test domains"_s.arg(TestDomain::MaxDomains));
    for (qsizetype i = 0; i < testList.size() && i < TestDomain::MaxDomains; ++i) {
        const QString path = u"test_domains[%1]"_s.arg(i);
        if (!testList[i].isObject()) {
            r.fail(path, u"must be an object"_s);
            continue;
        }
        const QJsonObject to = testList[i].toObject();
        r.onlyKeys(to, path, {u"domain"_s, u"addresses"_s});
        TestDomain t;
        t.domain = to.value(u"domain"_s).toString().trimmed().toLower();
        if (t.domain.isEmpty() || t.domain.size() > 253 || t.domain.contains(u'@') ||
            t.domain.contains(u' ') || t.domain.contains(u'*') || !t.domain.contains(u'.'))
            r.fail(path + u".domain"_s, u"must be a domain name"_s);
        else if (policy.localDomains.contains(t.domain))
            r.fail(
                path + u".domain"_s,
                u"\"%1\" is a local domain: a test domain leads to the black hole"_s.arg(t.domain));
        else if (std::any_of(policy.testDomains.cbegin(), policy.testDomains.cend(),
                             [&t](const TestDomain &o) { return o.domain == t.domain; }))
            r.fail(path + u".domain"_s, u"\"%1\" is listed twice"_s.arg(t.domain));
        if (auto v = r.positive(to, path, u"addresses"_s, TestDomain::MaxAddresses))
            t.addresses = int(*v);
        policy.testDomains.append(t);
    }

    const QJsonValue limits = root.value(u"limits"_s);
    if (!limits.isUndefined() && !limits.isObject())
        r.fail(u"limits"_s, u"must be an object"_s);
    const QJsonObject lo = limits.toObject();
    r.onlyKeys(lo, u"limits"_s,
               {u"daily_quota"_s, u"max_recipients"_s, u"max_message_size"_s, u"quota_window"_s,
                u"hourly_quota"_s, u"sender_daily_quota"_s, u"blacklist_cap"_s,
                u"blacklist_cap_per_account"_s, u"account_blacklist_cap"_s});
    if (auto v = r.whole(lo, u"limits"_s, u"blacklist_cap"_s, 0, limits::MaxRelayBlacklist))
        policy.limits.relayBlacklistCap = int(*v);
    if (auto v =
            r.whole(lo, u"limits"_s, u"blacklist_cap_per_account"_s, 0, limits::MaxRelayBlacklist))
        policy.limits.relayBlacklistPerAccount = int(*v);
    if (auto v =
            r.whole(lo, u"limits"_s, u"account_blacklist_cap"_s, 0, limits::MaxBlacklistPerAccount))
        policy.limits.accountBlacklistCap = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"daily_quota"_s, 10'000'000))
        policy.limits.dailyQuota = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"max_recipients"_s, 100'000))
        policy.limits.maxRecipients = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"max_message_size"_s, limits::MaxMessageSizeLimit))
        policy.limits.maxMessageSize = *v;
    if (auto v = r.positive(lo, u"limits"_s, u"hourly_quota"_s, 10'000'000))
        policy.limits.hourlyQuota = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"sender_daily_quota"_s, 10'000'000))
        policy.limits.senderDailyQuota = int(*v);
    const QString window = lo.value(u"quota_window"_s).toString(u"calendar_day"_s);
    if (window == u"rolling_24h"_s)
        policy.limits.window = QuotaWindow::Rolling24h;
    else if (window != u"calendar_day"_s)
        r.fail(u"limits.quota_window"_s, u"must be \"calendar_day\" or \"rolling_24h\""_s);

    policy.content = detail::readContent(r, root.value(u"content"_s), u"content"_s);
    policy.alerts = detail::readAlerts(r, root.value(u"alerts"_s), u"alerts"_s);
    policy.blacklist =
        r.blacklist(root.value(u"blacklist"_s), u"blacklist"_s, limits::MaxRelayBlacklist);

    const QJsonValue accounts = root.value(u"accounts"_s);
    if (!accounts.isUndefined() && !accounts.isArray())
        r.fail(u"accounts"_s, u"must be a list of accounts"_s);
    QJsonArray accountList = accounts.toArray();
    if (r.tooLong(accountList, u"accounts"_s, limits::MaxAccounts, u"accounts"_s))
        accountList = {};
    QHash<QString, qsizetype> seen;
    struct TrustedAt
    {
        TrustedNet net;
        QString path;
        QString login;
    };
    QList<TrustedAt> trustedAt;
    for (qsizetype i = 0; i < accountList.size(); ++i) {
        const QString path = u"accounts[%1]"_s.arg(i);
        if (!accountList[i].isObject()) {
            r.fail(path, u"must be an object"_s);
            continue;
        }
        const QJsonObject ao = accountList[i].toObject();
        r.onlyKeys(ao, path,
                   {u"login"_s, u"senders"_s, u"blacklist"_s, u"daily_quota"_s, u"max_recipients"_s,
                    u"max_message_size"_s, u"hourly_quota"_s, u"sender_daily_quota"_s,
                    u"language"_s, u"content"_s, u"alerts"_s, u"suspended"_s,
                    u"trusted_clients"_s});
        Account a;
        a.login = ao.value(u"login"_s).toString().trimmed();
        if (!isLogin(a.login)) {
            r.fail(path + u".login"_s,
                   u"must be the account's SASL login: 1 to %1 characters, no spaces or control "
                   u"characters"_s.arg(limits::MaxLoginLength));
        } else if (seen.contains(a.login.toLower())) {
            r.fail(path + u".login"_s,
                   u"\"%1\" is already defined at accounts[%2]"_s.arg(a.login).arg(
                       seen.value(a.login.toLower())));
        }
        seen.insert(a.login.toLower(), i);
        a.senders =
            r.patterns(ao.value(u"senders"_s), path + u".senders"_s, limits::MaxSendersPerAccount);
        a.blacklist = r.blacklist(ao.value(u"blacklist"_s), path + u".blacklist"_s,
                                  limits::MaxBlacklistPerAccount);
        if (auto v = r.positive(ao, path, u"daily_quota"_s, 10'000'000))
            a.dailyQuota = int(*v);
        if (auto v = r.positive(ao, path, u"max_recipients"_s, 100'000))
            a.maxRecipients = int(*v);
        if (auto v = r.positive(ao, path, u"max_message_size"_s, limits::MaxMessageSizeLimit))
            a.maxMessageSize = *v;
        if (auto v = r.positive(ao, path, u"hourly_quota"_s, 10'000'000))
            a.hourlyQuota = int(*v);
        if (auto v = r.positive(ao, path, u"sender_daily_quota"_s, 10'000'000))
            a.senderDailyQuota = int(*v);
        a.language = detail::readLanguage(r, ao.value(u"language"_s), path + u".language"_s);
        a.content = detail::readAccountContent(r, ao.value(u"content"_s), path + u".content"_s);
        a.alerts = detail::readAccountAlerts(r, ao.value(u"alerts"_s), path + u".alerts"_s);
        a.suspended = readSuspension(r, ao.value(u"suspended"_s), path + u".suspended"_s);
        const QJsonValue trusted = ao.value(u"trusted_clients"_s);
        if (!trusted.isUndefined() && !trusted.isArray())
            r.fail(path + u".trusted_clients"_s, u"must be a list of addresses or networks"_s);
        const QJsonArray nets = trusted.toArray();
        if (!r.tooLong(nets, path + u".trusted_clients"_s, limits::MaxTrustedClients,
                       u"networks"_s)) {
            for (qsizetype j = 0; j < nets.size(); ++j) {
                const QString p = u"%1.trusted_clients[%2]"_s.arg(path).arg(j);
                QString why;
                const auto net = parseTrustedNet(nets[j].toString(), &why);
                if (!nets[j].isString())
                    r.fail(p, u"must be a string"_s);
                else if (!net)
                    r.fail(p, Reader::quoted(nets[j].toString()) + u' ' + why);
                else
                    trustedAt.append({*net, p, a.login});
                if (net)
                    a.trustedClients.append(*net);
            }
        }
        policy.accounts.append(a);
    }

    // The cap the admin set for each account's list (limits.account_blacklist_cap); the
    // relay-wide one depends on every account, see relayBlacklistProblem.
    for (qsizetype i = 0; i < policy.accounts.size(); ++i) {
        const qsizetype n = policy.accounts[i].blacklist.size();
        if (n > policy.limits.accountBlacklistCap)
            r.fail(u"accounts[%1].blacklist"_s.arg(i),
                   u"has %1 entries; at most %2 per account are allowed "
                   u"(limits.account_blacklist_cap)"_s.arg(n)
                       .arg(policy.limits.accountBlacklistCap));
    }

    // A client address relays for one account only: no two networks overlap (one contains
    // the other's address).
    // (Within one account an overlap is only a repetition: 127.0.0.3 and ::ffff:127.0.0.3.)
    for (qsizetype i = 0; i < trustedAt.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            const TrustedNet &x = trustedAt[i].net, &y = trustedAt[j].net;
            if (trustedAt[i].login == trustedAt[j].login)
                continue;
            if (x.contains(y.network) || y.contains(x.network)) {
                // Both sides, so a caller that sees only one account can be told of its own
                // side without the other's (staffettactl's partner writes).
                r.problems.append(QJsonObject{
                    {u"path"_s, trustedAt[i].path},
                    {u"reason"_s,
                     u"%1 overlaps %2 of %3 (%4): a client relays for one account only"_s.arg(
                         x.text(), y.text(), trustedAt[j].login, trustedAt[j].path)},
                    {u"network"_s, x.text()},
                    {u"overlaps"_s, QJsonObject{{u"path"_s, trustedAt[j].path},
                                                {u"account"_s, trustedAt[j].login},
                                                {u"network"_s, y.text()}}}});
                break;
            }
        }
    }
    if (!r.problems.isEmpty())
        return invalidPolicy(r.problems);
    policy.index();
    return policy;
}

QByteArray Policy::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Indented);
}

QJsonObject Policy::toJsonObject() const
{
    QJsonArray accountsJson;
    for (const Account &a : accounts) {
        QJsonObject o{{u"login"_s, a.login}, {u"senders"_s, patternsJson(a.senders)}};
        if (!a.blacklist.isEmpty())
            o.insert(u"blacklist"_s, blacklistJson(a.blacklist));
        if (a.dailyQuota)
            o.insert(u"daily_quota"_s, *a.dailyQuota);
        if (a.maxRecipients)
            o.insert(u"max_recipients"_s, *a.maxRecipients);
        if (a.maxMessageSize)
            o.insert(u"max_message_size"_s, *a.maxMessageSize);
        if (a.hourlyQuota)
            o.insert(u"hourly_quota"_s, *a.hourlyQuota);
        if (a.senderDailyQuota)
            o.insert(u"sender_daily_quota"_s, *a.senderDailyQuota);
        if (a.language)
            o.insert(u"language"_s, toName(*a.language));
        if (!a.content.isEmpty())
            o.insert(u"content"_s, detail::accountContentJson(a.content));
        if (!a.alerts.isEmpty())
            o.insert(u"alerts"_s, detail::accountAlertsJson(a.alerts));
        if (a.suspended)
            o.insert(u"suspended"_s, detail::suspensionJson(*a.suspended));
        if (!a.trustedClients.isEmpty())
            o.insert(u"trusted_clients"_s, detail::trustedJson(a.trustedClients));
        accountsJson.append(o);
    }
    QJsonObject limitsJson{{u"daily_quota"_s, limits.dailyQuota},
                           {u"max_recipients"_s, limits.maxRecipients},
                           {u"max_message_size"_s, limits.maxMessageSize},
                           {u"quota_window"_s, limits.window == QuotaWindow::Rolling24h
                                                   ? u"rolling_24h"_s
                                                   : u"calendar_day"_s},
                           {u"blacklist_cap"_s, limits.relayBlacklistCap},
                           {u"blacklist_cap_per_account"_s, limits.relayBlacklistPerAccount},
                           {u"account_blacklist_cap"_s, limits.accountBlacklistCap}};
    if (limits.hourlyQuota)
        limitsJson.insert(u"hourly_quota"_s, *limits.hourlyQuota);
    if (limits.senderDailyQuota)
        limitsJson.insert(u"sender_daily_quota"_s, *limits.senderDailyQuota);
    QJsonObject root{{u"schema_version"_s, SchemaVersion},
                     {u"local_domains"_s, QJsonArray::fromStringList(localDomains)},
                     {u"limits"_s, limitsJson},
                     {u"blacklist"_s, blacklistJson(blacklist)},
                     {u"accounts"_s, accountsJson},
                     {u"content"_s, detail::contentJson(content)},
                     {u"alerts"_s, detail::alertsJson(alerts)}};
    if (!testDomains.isEmpty()) {
        QJsonArray tests;
        for (const TestDomain &t : testDomains)
            tests.append(QJsonObject{{u"domain"_s, t.domain}, {u"addresses"_s, t.addresses}});
        root.insert(u"test_domains"_s, tests);
    }
    return root;
}

void Policy::index()
{
    m_byLogin.clear();
    m_trusted.clear();
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        m_byLogin.insert(accounts[i].login.toLower(), i);
        for (const TrustedNet &n : accounts[i].trustedClients)
            m_trusted.append({n, i});
    }
}

const Account *Policy::accountForClient(const QString &address) const
{
    QHostAddress client;
    if (m_trusted.isEmpty() || !client.setAddress(address))
        return nullptr;
    // An IPv4 client of a dual-stack socket comes as ::ffff:192.0.2.7.
    bool mapped = false;
    const quint32 v4 = client.toIPv4Address(&mapped);
    if (mapped)
        client = QHostAddress(v4);
    for (const auto &[net, i] : m_trusted) {
        if (net.contains(client))
            return &accounts[i];
    }
    return nullptr;
}

const TestDomain *Policy::testDomain(const QString &recipient) const
{
    for (const TestDomain &t : testDomains) {
        if (t.contains(recipient))
            return &t;
    }
    return nullptr;
}

const Account *Policy::account(const QString &login) const
{
    const auto it = m_byLogin.constFind(login.toLower());
    return it == m_byLogin.cend() ? nullptr : &accounts[*it];
}

Account *Policy::account(const QString &login)
{
    const auto it = m_byLogin.constFind(login.toLower());
    return it == m_byLogin.cend() ? nullptr : &accounts[*it];
}

} // namespace staffetta::policy
