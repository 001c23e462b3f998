#include "diff.h"

#include "common/names.h"
#include "content_json.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {

using Section = Change::Section;
using Op = Change::Op;

// The policy flattened into the items people edit, in document order.
struct Entry
{
    Section section;
    QString account;
    QString field;
    QString item;
    QJsonValue value;

    QString key() const
    {
        return QString::number(int(section)) + u'\x1f' + account + u'\x1f' + field + u'\x1f' + item;
    }
};

const std::array<std::pair<Section, QLatin1StringView>, 12> &sectionNames()
{
    static const std::array<std::pair<Section, QLatin1StringView>, 12> names{{
        {Section::LocalDomain, "local_domain"_L1},
        {Section::Limit, "limit"_L1},
        {Section::Blacklist, "blacklist"_L1},
        {Section::Content, "content"_L1},
        {Section::Account, "account"_L1},
        {Section::AccountSender, "account_sender"_L1},
        {Section::AccountBlacklist, "account_blacklist"_L1},
        {Section::AccountLimit, "account_limit"_L1},
        {Section::AccountContent, "account_content"_L1},
        {Section::Alerts, "alerts"_L1},
        {Section::AccountAlerts, "account_alerts"_L1},
        {Section::TestDomain, "test_domain"_L1},
    }};
    return names;
}

const std::array<std::pair<Op, QLatin1StringView>, 3> &opNames()
{
    static const std::array<std::pair<Op, QLatin1StringView>, 3> names{{
        {Op::Add, "add"_L1},
        {Op::Remove, "remove"_L1},
        {Op::Modify, "modify"_L1},
    }};
    return names;
}

// Numbers read back from JSON may be integers or doubles; compare them as numbers.
bool same(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

bool isAccountSection(Section s)
{
    return s == Section::Account || s == Section::AccountSender || s == Section::AccountBlacklist ||
           s == Section::AccountLimit || s == Section::AccountContent ||
           s == Section::AccountAlerts;
}

// A JSON object's fields by dotted path ("attachments.notice.it"), leaves only.
void leaves(const QJsonObject &o, const QString &prefix, QList<std::pair<QString, QJsonValue>> &out,
            const QStringList &whole)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it->isObject() && !whole.contains(path))
            leaves(it->toObject(), path, out, whole);
        else
            out.append({path, *it});
    }
}

void setPath(QJsonObject &o, QStringView path, const QJsonValue &v)
{
    const qsizetype dot = path.indexOf(u'.');
    if (dot < 0) {
        o.insert(path.toString(), v);
        return;
    }
    const QString key = path.left(dot).toString();
    QJsonObject inner = o.value(key).toObject();
    setPath(inner, path.mid(dot + 1), v);
    o.insert(key, inner);
}

// The content rules as the fields people edit; a BCC setting is one field (its mode and
// target change together).
QList<std::pair<QString, QJsonValue>> contentFields(const QJsonObject &content)
{
    QList<std::pair<QString, QJsonValue>> out;
    leaves(content, {}, out, {u"bcc"_s});
    return out;
}

// The alert settings as the fields people edit: each rule is one field (its thresholds go
// together), and so is the list of recipients.
QList<std::pair<QString, QJsonValue>> alertFields(const QJsonObject &alerts)
{
    QList<std::pair<QString, QJsonValue>> out;
    QStringList whole;
    for (AlertRule r : AllAlertRules)
        whole.append(u"rules."_s + toName(r));
    leaves(alerts, {}, out, whole);
    return out;
}

QList<Entry> flatten(const Policy &p)
{
    QList<Entry> out;
    for (const QString &d : p.localDomains)
        out.append({Section::LocalDomain, {}, {}, d, true});
    for (const TestDomain &t : p.testDomains)
        out.append({Section::TestDomain, {}, {}, t.domain, t.addresses});
    out.append({Section::Limit, {}, u"daily_quota"_s, {}, p.limits.dailyQuota});
    out.append({Section::Limit, {}, u"max_recipients"_s, {}, p.limits.maxRecipients});
    out.append({Section::Limit, {}, u"max_message_size"_s, {}, double(p.limits.maxMessageSize)});
    out.append({Section::Limit, {}, u"blacklist_cap"_s, {}, p.limits.relayBlacklistCap});
    out.append({Section::Limit,
                {},
                u"blacklist_cap_per_account"_s,
                {},
                p.limits.relayBlacklistPerAccount});
    out.append({Section::Limit, {}, u"account_blacklist_cap"_s, {}, p.limits.accountBlacklistCap});
    if (p.limits.hourlyQuota)
        out.append({Section::Limit, {}, u"hourly_quota"_s, {}, *p.limits.hourlyQuota});
    if (p.limits.senderDailyQuota)
        out.append({Section::Limit, {}, u"sender_daily_quota"_s, {}, *p.limits.senderDailyQuota});
    out.append({Section::Limit,
                {},
                u"quota_window"_s,
                {},
                p.limits.window == QuotaWindow::Rolling24h ? u"rolling_24h"_s : u"calendar_day"_s});
    for (const BlacklistEntry &b : p.blacklist)
        out.append({Section::Blacklist, {}, {}, b.pattern.text(), b.message});
    QJsonObject content = detail::contentJson(p.content);
    // Both notices are fields even when they are the default wording.
    for (Language l : {Language::Italian, Language::English}) {
        QJsonObject attachments = content.value(u"attachments"_s).toObject();
        QJsonObject notice = attachments.value(u"notice"_s).toObject();
        notice.insert(toName(l), p.content.notice(l));
        attachments.insert(u"notice"_s, notice);
        content.insert(u"attachments"_s, attachments);
    }
    for (const auto &[field, value] : contentFields(content))
        out.append({Section::Content, {}, field, {}, value});
    for (const auto &[field, value] : alertFields(detail::alertsJson(p.alerts)))
        out.append({Section::Alerts, {}, field, {}, value});
    for (const Account &a : p.accounts) {
        out.append({Section::Account, a.login, {}, {}, true});
        for (const SenderPattern &s : a.senders)
            out.append({Section::AccountSender, a.login, {}, s.text(), true});
        for (const BlacklistEntry &b : a.blacklist)
            out.append({Section::AccountBlacklist, a.login, {}, b.pattern.text(), b.message});
        if (a.dailyQuota)
            out.append({Section::AccountLimit, a.login, u"daily_quota"_s, {}, *a.dailyQuota});
        if (a.maxRecipients)
            out.append({Section::AccountLimit, a.login, u"max_recipients"_s, {}, *a.maxRecipients});
        if (a.maxMessageSize)
            out.append({Section::AccountLimit,
                        a.login,
                        u"max_message_size"_s,
                        {},
                        double(*a.maxMessageSize)});
        if (a.hourlyQuota)
            out.append({Section::AccountLimit, a.login, u"hourly_quota"_s, {}, *a.hourlyQuota});
        if (a.senderDailyQuota)
            out.append(
                {Section::AccountLimit, a.login, u"sender_daily_quota"_s, {}, *a.senderDailyQuota});
        QJsonObject own = detail::accountContentJson(a.content);
        if (a.language)
            own.insert(u"language"_s, toName(*a.language));
        for (const auto &[field, value] : contentFields(own))
            out.append({Section::AccountContent, a.login, field, {}, value});
        for (const auto &[field, value] : alertFields(detail::accountAlertsJson(a.alerts)))
            out.append({Section::AccountAlerts, a.login, field, {}, value});
        if (a.suspended)
            out.append({Section::AccountLimit,
                        a.login,
                        u"suspended"_s,
                        {},
                        detail::suspensionJson(*a.suspended)});
        if (!a.trustedClients.isEmpty())
            out.append({Section::AccountLimit,
                        a.login,
                        u"trusted_clients"_s,
                        {},
                        detail::trustedJson(a.trustedClients)});
    }
    return out;
}

// Back from entries to a validated policy (the same checks as a file from disk).
Result<Policy> rebuild(const QList<Entry> &entries)
{
    QJsonArray domains, testDomains, blacklist, accounts;
    QJsonObject limits, content, alerts;
    QHash<QString, qsizetype> accountIndex;
    QList<QJsonObject> accountObjects;
    auto account = [&](const QString &login) -> QJsonObject & {
        auto it = accountIndex.constFind(login);
        if (it == accountIndex.cend()) {
            it = accountIndex.insert(login, accountObjects.size());
            accountObjects.append(QJsonObject{{u"login"_s, login}, {u"senders"_s, QJsonArray()}});
        }
        return accountObjects[*it];
    };
    auto append = [](QJsonObject &o, const QString &key, const QJsonValue &v) {
        QJsonArray a = o.value(key).toArray();
        a.append(v);
        o.insert(key, a);
    };
    for (const Entry &e : entries) {
        switch (e.section) {
        case Section::LocalDomain:
            domains.append(e.item);
            break;
        case Section::TestDomain:
            testDomains.append(QJsonObject{{u"domain"_s, e.item}, {u"addresses"_s, e.value}});
            break;
        case Section::Limit:
            limits.insert(e.field, e.value);
            break;
        case Section::Blacklist:
            blacklist.append(QJsonObject{{u"pattern"_s, e.item}, {u"message"_s, e.value}});
            break;
        case Section::Account:
            account(e.account);
            break;
        case Section::AccountSender:
            append(account(e.account), u"senders"_s, e.item);
            break;
        case Section::AccountBlacklist:
            append(account(e.account), u"blacklist"_s,
                   QJsonObject{{u"pattern"_s, e.item}, {u"message"_s, e.value}});
            break;
        case Section::AccountLimit:
            account(e.account).insert(e.field, e.value);
            break;
        case Section::Content:
            setPath(content, e.field, e.value);
            break;
        case Section::AccountContent:
            if (e.field == u"language"_s) {
                account(e.account).insert(e.field, e.value);
            } else {
                QJsonObject c = account(e.account).value(u"content"_s).toObject();
                setPath(c, e.field, e.value);
                account(e.account).insert(u"content"_s, c);
            }
            break;
        case Section::Alerts:
            setPath(alerts, e.field, e.value);
            break;
        case Section::AccountAlerts: {
            QJsonObject al = account(e.account).value(u"alerts"_s).toObject();
            setPath(al, e.field, e.value);
            account(e.account).insert(u"alerts"_s, al);
            break;
        }
        }
    }
    for (const QJsonObject &o : std::as_const(accountObjects))
        accounts.append(o);
    QJsonObject root{{u"schema_version"_s, SchemaVersion},
                     {u"local_domains"_s, domains},
                     {u"limits"_s, limits},
                     {u"blacklist"_s, blacklist},
                     {u"accounts"_s, accounts},
                     {u"content"_s, content},
                     {u"alerts"_s, alerts}};
    if (!testDomains.isEmpty())
        root.insert(u"test_domains"_s, testDomains);
    return Policy::fromJsonObject(root);
}

QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

} // namespace

QString Change::path() const
{
    switch (section) {
    case Section::LocalDomain:
        return u"local_domains"_s;
    case Section::TestDomain:
        return u"test_domains"_s;
    case Section::Limit:
        return u"limits."_s + field;
    case Section::Blacklist:
        return u"blacklist"_s;
    case Section::Account:
        return u"accounts"_s;
    case Section::AccountSender:
        return u"accounts[%1].senders"_s.arg(account);
    case Section::AccountBlacklist:
        return u"accounts[%1].blacklist"_s.arg(account);
    case Section::AccountLimit:
        return u"accounts[%1].%2"_s.arg(account, field);
    case Section::Content:
        return u"content."_s + field;
    case Section::AccountContent:
        return field == u"language"_s ? u"accounts[%1].language"_s.arg(account)
                                      : u"accounts[%1].content.%2"_s.arg(account, field);
    case Section::Alerts:
        return u"alerts."_s + field;
    case Section::AccountAlerts:
        return u"accounts[%1].alerts.%2"_s.arg(account, field);
    }
    return {};
}

QString Change::text() const
{
    return text([](const char *sentence) { return QString::fromUtf8(sentence); });
}

QString Change::text(const std::function<QString(const char *)> &word) const
{
    // QT_TRANSLATE_NOOP: the CLI says these in English, the console translates the same
    // words (client::changeText), so each sentence is written once.
    const QString subject = section == Section::Account ? account : item;
    const bool message = section == Section::Blacklist || section == Section::AccountBlacklist;
    const bool hasField = section == Section::Limit || section == Section::AccountLimit ||
                          section == Section::Content || section == Section::AccountContent ||
                          section == Section::Alerts || section == Section::AccountAlerts;
    auto withMessage = [&](const QJsonValue &m) {
        return m.toString().isEmpty()
                   ? subject
                   : word(QT_TRANSLATE_NOOP("PolicyChange", "%1 (message: \"%2\")"))
                         .arg(subject, m.toString());
    };
    if (section == Section::AccountLimit && field == u"suspended"_s) {
        const QJsonObject s = (op == Op::Remove ? before : after).toObject();
        if (op == Op::Remove)
            return word(QT_TRANSLATE_NOOP("PolicyChange", "- %1: resumed")).arg(path());
        return word(QT_TRANSLATE_NOOP("PolicyChange", "+ %1: suspended by %2 (%3): %4"))
            .arg(path(), s.value(u"by"_s).toString(), s.value(u"role"_s).toString(),
                 s.value(u"reason"_s).toString());
    }
    switch (op) {
    case Op::Add:
        if (hasField)
            return word(QT_TRANSLATE_NOOP("PolicyChange", "+ %1: %2"))
                .arg(path(), valueText(after));
        return word(QT_TRANSLATE_NOOP("PolicyChange", "+ %1: %2"))
            .arg(path(), message ? withMessage(after) : subject);
    case Op::Remove:
        if (hasField)
            return word(QT_TRANSLATE_NOOP("PolicyChange", "- %1: %2 (back to the default)"))
                .arg(path(), valueText(before));
        return word(QT_TRANSLATE_NOOP("PolicyChange", "- %1: %2"))
            .arg(path(), message ? withMessage(before) : subject);
    case Op::Modify:
        if (message)
            return word(QT_TRANSLATE_NOOP("PolicyChange", "~ %1: %2: message \"%3\" → \"%4\""))
                .arg(path(), subject, before.toString(), after.toString());
        return word(QT_TRANSLATE_NOOP("PolicyChange", "~ %1: %2 → %3"))
            .arg(path(), valueText(before), valueText(after));
    }
    return {};
}

QJsonObject Change::toJson() const
{
    QJsonObject o{{u"op"_s, nameOf(opNames(), op)},
                  {u"section"_s, nameOf(sectionNames(), section)},
                  {u"path"_s, path()}};
    if (!account.isEmpty())
        o.insert(u"account"_s, account);
    if (!field.isEmpty())
        o.insert(u"field"_s, field);
    if (!item.isEmpty())
        o.insert(u"item"_s, item);
    if (!before.isUndefined())
        o.insert(u"before"_s, before);
    if (!after.isUndefined())
        o.insert(u"after"_s, after);
    return o;
}

Result<Change> Change::fromJson(const QJsonObject &o)
{
    const auto op = valueOf(opNames(), o.value(u"op"_s).toString());
    const auto section = valueOf(sectionNames(), o.value(u"section"_s).toString());
    if (!op || !section)
        return Error(ErrorCode::BadResponse, u"a policy change has an unknown op or section"_s,
                     {{u"change"_s, o}});
    Change c;
    c.op = *op;
    c.section = *section;
    c.account = o.value(u"account"_s).toString();
    c.field = o.value(u"field"_s).toString();
    c.item = o.value(u"item"_s).toString();
    c.before = o.value(u"before"_s);
    c.after = o.value(u"after"_s);
    return c;
}

QJsonArray changesToJson(const QList<Change> &changes)
{
    QJsonArray a;
    for (const Change &c : changes)
        a.append(c.toJson());
    return a;
}

Result<QList<Change>> changesFromJson(const QJsonArray &array)
{
    QList<Change> out;
    for (const QJsonValue &v : array) {
        auto c = Change::fromJson(v.toObject());
        if (!c)
            return c.error();
        out.append(c.value());
    }
    return out;
}

QList<Change> diff(const Policy &from, const Policy &to)
{
    const QList<Entry> before = flatten(from);
    const QList<Entry> after = flatten(to);
    QHash<QString, const Entry *> beforeByKey, afterByKey;
    for (const Entry &e : before)
        beforeByKey.insert(e.key(), &e);
    for (const Entry &e : after)
        afterByKey.insert(e.key(), &e);

    QStringList logins; // accounts in document order: the old ones, then the new ones
    for (const Account &a : from.accounts)
        logins.append(a.login);
    for (const Account &a : to.accounts) {
        if (!logins.contains(a.login))
            logins.append(a.login);
    }

    QList<Change> changes;
    auto make = [](Op op, const Entry &e) {
        Change c;
        c.op = op;
        c.section = e.section;
        c.account = e.account;
        c.field = e.field;
        c.item = e.item;
        return c;
    };
    for (const Entry &e : after) {
        const Entry *old = beforeByKey.value(e.key());
        if (!old) {
            Change c = make(Op::Add, e);
            c.after = e.value;
            changes.append(c);
        } else if (!same(old->value, e.value)) {
            Change c = make(Op::Modify, e);
            c.before = old->value;
            c.after = e.value;
            changes.append(c);
        }
    }
    for (const Entry &e : before) {
        if (!afterByKey.contains(e.key())) {
            Change c = make(Op::Remove, e);
            c.before = e.value;
            changes.append(c);
        }
    }
    // Relay-wide settings first, then account by account, each account's presence before
    // its details.
    auto rank = [&](const Change &c) {
        const int top = isAccountSection(c.section) ? 100 : int(c.section);
        const qsizetype account = isAccountSection(c.section) ? logins.indexOf(c.account) : 0;
        return std::tuple(top, account, int(c.section));
    };
    std::stable_sort(changes.begin(), changes.end(),
                     [&](const Change &a, const Change &b) { return rank(a) < rank(b); });
    return changes;
}

Reach reach(const QList<Change> &changes)
{
    Reach r;
    for (const Change &c : changes) {
        if (!isAccountSection(c.section))
            r.relayWide = true;
        else if (!r.accounts.contains(c.account))
            r.accounts.append(c.account);
    }
    return r;
}

Rebased rebase(const Policy &target, const QList<Change> &changes)
{
    QList<Entry> entries = flatten(target);
    auto find = [&](const QString &key) {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (entries[i].key() == key)
                return i;
        }
        return qsizetype(-1);
    };
    auto hasAccount = [&](const QString &login) {
        return find(Entry{Section::Account, login, {}, {}, {}}.key()) >= 0;
    };

    Rebased out;
    for (const Change &c : changes) {
        const Entry wanted{c.section, c.account, c.field, c.item, c.after};
        const qsizetype at = find(wanted.key());
        const bool orphan = c.section != Section::Account && isAccountSection(c.section) &&
                            c.op != Op::Remove && !hasAccount(c.account);
        switch (c.op) {
        case Op::Add:
            if (orphan || (at >= 0 && !same(entries[at].value, c.after)))
                out.conflicts.append(c);
            else if (at < 0)
                entries.append(wanted);
            break;
        case Op::Remove:
            if (at >= 0 && !same(entries[at].value, c.before))
                out.conflicts.append(c);
            else if (at >= 0)
                entries.removeAt(at);
            break;
        case Op::Modify:
            if (orphan || at < 0 ||
                (!same(entries[at].value, c.before) && !same(entries[at].value, c.after)))
                out.conflicts.append(c);
            else
                entries[at].value = c.after;
            break;
        }
    }
    // Removing an account removes what belongs to it.
    for (const Change &c : changes) {
        if (c.section == Section::Account && c.op == Op::Remove && !out.conflicts.contains(c)) {
            entries.removeIf([&](const Entry &e) {
                return isAccountSection(e.section) && e.account == c.account;
            });
        }
    }
    auto rebuilt = rebuild(entries);
    if (!rebuilt) {
        out.policy = target;
        out.conflicts = changes;
        return out;
    }
    out.policy = std::move(rebuilt).value();
    return out;
}

} // namespace staffetta::policy
