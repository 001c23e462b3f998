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
    for (qsizetype i = 0; i < accountList.size(); ++i) {
        const QString path = u"accounts[%1]"_s.arg(i);
        if (!accountList[i].isObject()) {
            r.fail(path, u"must be an object"_s);
            continue;
        }
        const QJsonObject ao = accountList[i].toObject();
        r.onlyKeys(ao, path,
                   {u"login"_s, u"senders"_s, u"blacklist"_s, u"daily_quota"_s, u"max_recipients"_s,
                    u"max_message_size"_s, u"language"_s, u"content"_s, u"alerts"_s});
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
        a.language = detail::readLanguage(r, ao.value(u"language"_s), path + u".language"_s);
        a.content = detail::readAccountContent(r, ao.value(u"content"_s), path + u".content"_s);
        a.alerts = detail::readAccountAlerts(r, ao.value(u"alerts"_s), path + u".alerts"_s);
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
        if (a.language)
            o.insert(u"language"_s, toName(*a.language));
        if (!a.content.isEmpty())
            o.insert(u"content"_s, detail::accountContentJson(a.content));
        if (!a.alerts.isEmpty())
            o.insert(u"alerts"_s, detail::accountAlertsJson(a.alerts));
        accountsJson.append(o);
    }
    QJsonObject root{
        {u"schema_version"_s, SchemaVersion},
        {u"local_domains"_s, QJsonArray::fromStringList(localDomains)},
        {u"limits"_s, QJsonObject{{u"daily_quota"_s, limits.dailyQuota},
                                  {u"max_recipients"_s, limits.maxRecipients},
                                  {u"max_message_size"_s, limits.maxMessageSize},
                                  {u"quota_window"_s, limits.window == QuotaWindow::Rolling24h
                                                          ? u"rolling_24h"_s
                                                          : u"calendar_day"_s}}},
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
    for (qsizetype i = 0; i < accounts.size(); ++i)
        m_byLogin.insert(accounts[i].login.toLower(), i);
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
