#include "policy.h"

#include "common/limits.h"
#include "common/strict_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {

// Printable text by code point (a character beyond U+FFFF is two QChars, both "surrogates").
bool isPrintable(const QString &text)
{
    const QList<uint> points = text.toUcs4();
    return std::all_of(points.begin(), points.end(),
                       [](uint c) { return QChar::isPrint(char32_t(c)); });
}

// A SASL login as Postfix passes it on: no whitespace, no control characters.
bool isLogin(const QString &login)
{
    return !login.isEmpty() && login.size() <= limits::MaxLoginLength &&
           std::none_of(login.begin(), login.end(), [](QChar c) {
               return c.isSpace() || c.category() == QChar::Other_Control;
           });
}

// Collects validation problems with their paths while the document is read.
class Reader
{
public:
    QJsonArray problems;

    void fail(const QString &path, const QString &reason)
    {
        problems.append(QJsonObject{{u"path"_s, path}, {u"reason"_s, reason}});
    }

    // A pattern that does not parse: the English reason, and the problem's code for the
    // console to word (client::errorText).
    void failPattern(const QString &path, const QString &text, const PatternProblem &why)
    {
        QJsonObject entry{
            {u"path"_s, path},
            {u"reason"_s, u"%1 is not a valid pattern: %2"_s.arg(quoted(text), why.message())},
            {u"pattern"_s, quoted(text)}};
        why.addTo(entry);
        problems.append(entry);
    }

    void onlyKeys(const QJsonObject &o, const QString &path, const QStringList &allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!allowed.contains(it.key()))
                fail(join(path, it.key()), u"unknown key"_s);
        }
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

    // User text quoted in a reason, cut short: a refusal stays small whatever it refuses.
    static QString quoted(const QString &text)
    {
        return u'"' + (text.size() > 64 ? text.left(64) + u"…"_s : text) + u'"';
    }

    // A list longer than its limit is refused as a whole, without a reason per item.
    bool tooLong(const QJsonArray &a, const QString &path, qsizetype max, const QString &what)
    {
        if (a.size() <= max)
            return false;
        fail(path, u"has %1 %2; at most %3 are allowed"_s.arg(a.size()).arg(what).arg(max));
        return true;
    }

    std::optional<qint64> positive(const QJsonObject &o, const QString &path, const QString &key,
                                   qint64 max)
    {
        if (!o.contains(key))
            return std::nullopt;
        const QJsonValue v = o.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < 1 || d > double(max)) {
            fail(join(path, key), u"must be a whole number from 1 to %1"_s.arg(max));
            return std::nullopt;
        }
        return qint64(d);
    }

    QList<SenderPattern> patterns(const QJsonValue &v, const QString &path, qsizetype max)
    {
        QList<SenderPattern> out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            fail(path, u"must be a list of address patterns"_s);
            return out;
        }
        const QJsonArray a = v.toArray();
        if (tooLong(a, path, max, u"patterns"_s))
            return out;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            if (!a[i].isString()) {
                fail(p, u"must be a string"_s);
                continue;
            }
            PatternProblem why;
            if (auto sp = SenderPattern::parse(a[i].toString(), &why))
                out.append(*sp);
            else
                failPattern(p, a[i].toString(), why);
        }
        return out;
    }

    QList<BlacklistEntry> blacklist(const QJsonValue &v, const QString &path, qsizetype max)
    {
        QList<BlacklistEntry> out;
        if (v.isUndefined())
            return out;
        if (!v.isArray()) {
            fail(path, u"must be a list of {pattern, message}"_s);
            return out;
        }
        const QJsonArray a = v.toArray();
        if (tooLong(a, path, max, u"entries"_s))
            return out;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            const QJsonObject e = a[i].toObject();
            if (!a[i].isObject()) {
                fail(p, u"must be an object {pattern, message}"_s);
                continue;
            }
            onlyKeys(e, p, {u"pattern"_s, u"message"_s});
            const QString text = e.value(u"pattern"_s).toString();
            PatternProblem why;
            auto sp = SenderPattern::parse(text, &why);
            if (!sp) {
                failPattern(join(p, u"pattern"_s), text, why);
                continue;
            }
            const QJsonValue message = e.value(u"message"_s);
            if (!message.isUndefined() && !message.isString()) {
                fail(join(p, u"message"_s), u"must be a string"_s);
                continue;
            }
            if (!isPrintable(message.toString()) ||
                message.toString().size() > limits::MaxBlacklistMessageLength) {
                // It goes into the SMTP reply line.
                fail(join(p, u"message"_s),
                     u"must be at most %1 printable characters (no line breaks or control "
                     u"characters)"_s.arg(limits::MaxBlacklistMessageLength));
                continue;
            }
            out.append(BlacklistEntry{*sp, message.toString()});
        }
        return out;
    }
};

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

Result<Policy> Policy::fromJsonObject(const QJsonObject &root)
{
    Reader r;
    r.onlyKeys(
        root, {},
        {u"schema_version"_s, u"local_domains"_s, u"limits"_s, u"blacklist"_s, u"accounts"_s});
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

    const QJsonValue limits = root.value(u"limits"_s);
    if (!limits.isUndefined() && !limits.isObject())
        r.fail(u"limits"_s, u"must be an object"_s);
    const QJsonObject lo = limits.toObject();
    r.onlyKeys(lo, u"limits"_s,
               {u"daily_quota"_s, u"max_recipients"_s, u"max_message_size"_s, u"quota_window"_s});
    if (auto v = r.positive(lo, u"limits"_s, u"daily_quota"_s, 10'000'000))
        policy.limits.dailyQuota = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"max_recipients"_s, 100'000))
        policy.limits.maxRecipients = int(*v);
    if (auto v = r.positive(lo, u"limits"_s, u"max_message_size"_s, limits::MaxMessageSizeLimit))
        policy.limits.maxMessageSize = *v;
    const QString window = lo.value(u"quota_window"_s).toString(u"calendar_day"_s);
    if (window == u"rolling_24h"_s)
        policy.limits.window = QuotaWindow::Rolling24h;
    else if (window != u"calendar_day"_s)
        r.fail(u"limits.quota_window"_s, u"must be \"calendar_day\" or \"rolling_24h\""_s);

    policy.blacklist =
        r.blacklist(root.value(u"blacklist"_s), u"blacklist"_s, limits::MaxRelayBlacklist);

    const QJsonValue accounts = root.value(u"accounts"_s);
    if (!accounts.isUndefined() && !accounts.isArray())
        r.fail(u"accounts"_s, u"must be a list of accounts"_s);
    QJsonArray accountList = accounts.toArray();
    if (r.tooLong(accountList, u"accounts"_s, limits::MaxAccounts, u"accounts"_s))
        accountList = {};
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < accountList.size(); ++i) {
        const QString path = u"accounts[%1]"_s.arg(i);
        if (!accountList[i].isObject()) {
            r.fail(path, u"must be an object"_s);
            continue;
        }
        const QJsonObject ao = accountList[i].toObject();
        r.onlyKeys(ao, path,
                   {u"login"_s, u"senders"_s, u"blacklist"_s, u"daily_quota"_s, u"max_recipients"_s,
                    u"max_message_size"_s});
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
        policy.accounts.append(a);
    }

    if (!r.problems.isEmpty()) {
        QStringList lines;
        for (qsizetype i = 0; i < std::min<qsizetype>(r.problems.size(), 5); ++i) {
            const QJsonObject p = r.problems[i].toObject();
            lines.append(p.value(u"path"_s).toString() + u": "_s + p.value(u"reason"_s).toString());
        }
        if (r.problems.size() > 5)
            lines.append(u"(%1 more)"_s.arg(r.problems.size() - 5));
        return Error(ErrorCode::InvalidPolicy, lines.join(u"; "_s), {{u"errors"_s, r.problems}});
    }
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
        accountsJson.append(o);
    }
    const QJsonObject root{
        {u"schema_version"_s, SchemaVersion},
        {u"local_domains"_s, QJsonArray::fromStringList(localDomains)},
        {u"limits"_s, QJsonObject{{u"daily_quota"_s, limits.dailyQuota},
                                  {u"max_recipients"_s, limits.maxRecipients},
                                  {u"max_message_size"_s, limits.maxMessageSize},
                                  {u"quota_window"_s, limits.window == QuotaWindow::Rolling24h
                                                          ? u"rolling_24h"_s
                                                          : u"calendar_day"_s}}},
        {u"blacklist"_s, blacklistJson(blacklist)},
        {u"accounts"_s, accountsJson}};
    return root;
}

void Policy::index()
{
    m_byLogin.clear();
    for (qsizetype i = 0; i < accounts.size(); ++i)
        m_byLogin.insert(accounts[i].login.toLower(), i);
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
