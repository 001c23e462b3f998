#include "alerts.h"

#include "common/names.h"
#include "content_json.h"
#include "reader.h"

#include <QJsonArray>

#include <cmath>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {
const std::array<std::pair<AlertRule, QLatin1StringView>, 5> RuleNames{{
    {AlertRule::QuotaReached, "quota_reached"_L1},
    {AlertRule::HourlyRate, "hourly_rate"_L1},
    {AlertRule::BounceRate, "bounce_rate"_L1},
    {AlertRule::UnauthorizedSender, "unauthorized_sender"_L1},
    {AlertRule::ClientIps, "client_ips"_L1},
}};
const std::array<std::pair<AlertRecipient, QLatin1StringView>, 2> RecipientNames{
    {{AlertRecipient::Contact, "contact"_L1}, {AlertRecipient::Abuse, "abuse"_L1}}};

constexpr qint64 MaxCount = 1'000'000;
constexpr double MaxFactor = 1000;
} // namespace

QString toName(AlertRule r)
{
    return nameOf(RuleNames, r);
}
std::optional<AlertRule> alertRuleNamed(const QString &name)
{
    return valueOf(RuleNames, name);
}
QString toName(AlertRecipient r)
{
    return nameOf(RecipientNames, r);
}

AlertThresholds AlertThresholds::defaults(AlertRule r)
{
    // What a hosting provider expects out of the box: a customer's script gone wild (five
    // times its usual hour, and at least 50 messages), a list of dead addresses (a fifth of
    // the last 50 deliveries bounced), someone trying addresses it may not use (10 refusals
    // an hour), a stolen password used from many places (5 client addresses in an hour).
    AlertThresholds t;
    switch (r) {
    case AlertRule::QuotaReached:
        break;
    case AlertRule::HourlyRate:
        t.factor = 5;
        t.minCount = 50;
        break;
    case AlertRule::BounceRate:
        t.percent = 20;
        t.last = 50;
        break;
    case AlertRule::UnauthorizedSender:
        t.perHour = 10;
        break;
    case AlertRule::ClientIps:
        t.perHour = 5;
        break;
    }
    return t;
}

namespace detail {

namespace {

std::optional<QList<AlertRecipient>> readNotify(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isArray()) {
        r.fail(path, u"must be a list of \"contact\" and \"abuse\""_s);
        return std::nullopt;
    }
    QList<AlertRecipient> out;
    const QJsonArray a = v.toArray();
    if (r.tooLong(a, path, 2, u"recipients"_s))
        return std::nullopt;
    for (qsizetype i = 0; i < a.size(); ++i) {
        auto who = valueOf(RecipientNames, a[i].toString());
        if (!who)
            r.fail(u"%1[%2]"_s.arg(path).arg(i), u"must be \"contact\" or \"abuse\""_s);
        else if (out.contains(*who))
            r.fail(u"%1[%2]"_s.arg(path).arg(i), u"is already in the list"_s);
        else
            out.append(*who);
    }
    return out;
}

QString readAddress(Reader &r, const QJsonObject &o, const QString &path, const QString &key)
{
    if (!o.contains(key))
        return {};
    const QJsonValue v = o.value(key);
    const QString a = v.toString().trimmed();
    if (!v.isString() || !isPlainAddress(a)) {
        r.fail(Reader::join(path, key),
               u"%1 is not an e-mail address (user@domain, a plain local part)"_s.arg(
                   Reader::quoted(v.toString())));
        return {};
    }
    return a;
}

std::optional<AlertThresholds> readRule(Reader &r, AlertRule rule, const QJsonValue &v,
                                        const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject()) {
        r.fail(path, u"must be an object"_s);
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    QStringList keys{u"enabled"_s, u"suspend"_s};
    switch (rule) {
    case AlertRule::QuotaReached:
        break;
    case AlertRule::HourlyRate:
        keys << u"factor"_s << u"min_count"_s;
        break;
    case AlertRule::BounceRate:
        keys << u"percent"_s << u"last"_s;
        break;
    case AlertRule::UnauthorizedSender:
    case AlertRule::ClientIps:
        keys << u"per_hour"_s;
        break;
    }
    r.onlyKeys(o, path, keys);
    // A field left out is the rule's default (not the relay's setting): an account's rule
    // reads the same whatever the relay's is.
    AlertThresholds t = AlertThresholds::defaults(rule);
    if (o.contains(u"enabled"_s)) {
        if (!o.value(u"enabled"_s).isBool())
            r.fail(Reader::join(path, u"enabled"_s), u"must be true or false"_s);
        t.enabled = o.value(u"enabled"_s).toBool();
    }
    if (o.contains(u"suspend"_s)) {
        if (!o.value(u"suspend"_s).isBool())
            r.fail(Reader::join(path, u"suspend"_s), u"must be true or false"_s);
        t.suspend = o.value(u"suspend"_s).toBool();
    }
    if (o.contains(u"factor"_s)) {
        const QJsonValue f = o.value(u"factor"_s);
        const double d = f.toDouble(-1);
        if (!f.isDouble() || !std::isfinite(d) || d < 1 || d > MaxFactor)
            r.fail(Reader::join(path, u"factor"_s),
                   u"must be a number from 1 to %1"_s.arg(MaxFactor));
        else
            t.factor = d;
    }
    if (auto n = r.positive(o, path, u"min_count"_s, MaxCount))
        t.minCount = int(*n);
    if (auto n = r.positive(o, path, u"percent"_s, 100))
        t.percent = int(*n);
    if (auto n = r.positive(o, path, u"last"_s, 100'000))
        t.last = int(*n);
    if (auto n = r.positive(o, path, u"per_hour"_s, MaxCount))
        t.perHour = int(*n);
    return t;
}

QJsonArray notifyJson(const QList<AlertRecipient> &notify)
{
    QJsonArray a;
    for (AlertRecipient who : notify)
        a.append(toName(who));
    return a;
}

bool objectOrAbsent(Reader &r, const QJsonValue &v, const QString &path)
{
    if (!v.isUndefined() && !v.isObject()) {
        r.fail(path, u"must be an object"_s);
        return false;
    }
    return true;
}

} // namespace

QJsonObject alertThresholdsJson(AlertRule rule, const AlertThresholds &t)
{
    QJsonObject o{{u"enabled"_s, t.enabled}};
    if (t.suspend)
        o.insert(u"suspend"_s, true);
    switch (rule) {
    case AlertRule::QuotaReached:
        break;
    case AlertRule::HourlyRate:
        o.insert(u"factor"_s, t.factor);
        o.insert(u"min_count"_s, t.minCount);
        break;
    case AlertRule::BounceRate:
        o.insert(u"percent"_s, t.percent);
        o.insert(u"last"_s, t.last);
        break;
    case AlertRule::UnauthorizedSender:
    case AlertRule::ClientIps:
        o.insert(u"per_hour"_s, t.perHour);
        break;
    }
    return o;
}

AlertRules readAlerts(Reader &r, const QJsonValue &v, const QString &path)
{
    AlertRules a;
    if (!objectOrAbsent(r, v, path))
        return a;
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"abuse"_s, u"notify"_s, u"rules"_s});
    a.abuse = readAddress(r, o, path, u"abuse"_s);
    if (auto n = readNotify(r, o.value(u"notify"_s), Reader::join(path, u"notify"_s)))
        a.notify = *n;
    const QString rp = Reader::join(path, u"rules"_s);
    if (objectOrAbsent(r, o.value(u"rules"_s), rp)) {
        const QJsonObject rules = o.value(u"rules"_s).toObject();
        QStringList names;
        for (AlertRule rule : AllAlertRules)
            names.append(toName(rule));
        r.onlyKeys(rules, rp, names);
        for (AlertRule rule : AllAlertRules) {
            if (auto t =
                    readRule(r, rule, rules.value(toName(rule)), Reader::join(rp, toName(rule))))
                a.rule(rule) = *t;
        }
    }
    return a;
}

AccountAlerts readAccountAlerts(Reader &r, const QJsonValue &v, const QString &path)
{
    AccountAlerts a;
    if (!objectOrAbsent(r, v, path))
        return a;
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"contact"_s, u"abuse"_s, u"notify"_s, u"rules"_s});
    a.contact = readAddress(r, o, path, u"contact"_s);
    a.abuse = readAddress(r, o, path, u"abuse"_s);
    a.notify = readNotify(r, o.value(u"notify"_s), Reader::join(path, u"notify"_s));
    const QString rp = Reader::join(path, u"rules"_s);
    if (objectOrAbsent(r, o.value(u"rules"_s), rp)) {
        const QJsonObject rules = o.value(u"rules"_s).toObject();
        QStringList names;
        for (AlertRule rule : AllAlertRules)
            names.append(toName(rule));
        r.onlyKeys(rules, rp, names);
        for (AlertRule rule : AllAlertRules)
            a.rules[size_t(rule)] =
                readRule(r, rule, rules.value(toName(rule)), Reader::join(rp, toName(rule)));
    }
    return a;
}

QJsonObject alertsJson(const AlertRules &a)
{
    QJsonObject rules;
    for (AlertRule rule : AllAlertRules)
        rules.insert(toName(rule), alertThresholdsJson(rule, a.rule(rule)));
    QJsonObject o{{u"notify"_s, notifyJson(a.notify)}, {u"rules"_s, rules}};
    if (!a.abuse.isEmpty())
        o.insert(u"abuse"_s, a.abuse);
    return o;
}

QJsonObject accountAlertsJson(const AccountAlerts &a)
{
    QJsonObject o;
    if (!a.contact.isEmpty())
        o.insert(u"contact"_s, a.contact);
    if (!a.abuse.isEmpty())
        o.insert(u"abuse"_s, a.abuse);
    if (a.notify)
        o.insert(u"notify"_s, notifyJson(*a.notify));
    QJsonObject rules;
    for (AlertRule rule : AllAlertRules) {
        if (const auto &t = a.rules[size_t(rule)])
            rules.insert(toName(rule), alertThresholdsJson(rule, *t));
    }
    if (!rules.isEmpty())
        o.insert(u"rules"_s, rules);
    return o;
}

} // namespace detail

} // namespace staffetta::policy
