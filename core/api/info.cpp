#include "info.h"
#include "api.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

QJsonObject JailStatus::toJson() const
{
    return {{u"name"_s, name},
            {u"currently_banned"_s, currentlyBanned},
            {u"total_banned"_s, totalBanned},
            {u"currently_failed"_s, currentlyFailed},
            {u"banned_ips"_s, QJsonArray::fromStringList(bannedIps)}};
}

JailStatus JailStatus::fromJson(const QJsonObject &o)
{
    JailStatus j;
    j.name = o.value(u"name"_s).toString();
    j.currentlyBanned = o.value(u"currently_banned"_s).toInt();
    j.totalBanned = o.value(u"total_banned"_s).toInt();
    j.currentlyFailed = o.value(u"currently_failed"_s).toInt();
    for (const auto &ip : o.value(u"banned_ips"_s).toArray())
        j.bannedIps.append(ip.toString());
    return j;
}

QString TestDomainInfo::address(int n) const
{
    return u"test%1@"_s.arg(n, 3, 10, QChar(u'0')) + domain;
}

QJsonObject TestDomainInfo::toJson() const
{
    return {{u"domain"_s, domain},
            {u"addresses"_s, addresses},
            {u"first"_s, address(1)},
            {u"last"_s, address(addresses)}};
}

TestDomainInfo TestDomainInfo::fromJson(const QJsonObject &o)
{
    return {o.value(u"domain"_s).toString(), o.value(u"addresses"_s).toInt()};
}

int RelayInfo::queuedTotal() const
{
    int total = 0;
    for (int n : queues)
        total += n;
    return total;
}

int RelayInfo::bannedTotal() const
{
    int total = 0;
    for (const auto &j : jails)
        total += j.currentlyBanned;
    return total;
}

QJsonObject RelayWarning::toJson() const
{
    QJsonObject o{{u"code"_s, code}};
    for (const auto &[key, text] :
         {std::pair{u"parameter"_s, &parameter}, std::pair{u"value"_s, &value},
          std::pair{u"expected"_s, &expected}}) {
        if (!text->isEmpty())
            o.insert(key, *text);
    }
    return o;
}

RelayWarning RelayWarning::fromJson(const QJsonObject &o)
{
    return {o.value(u"code"_s).toString(), o.value(u"parameter"_s).toString(),
            o.value(u"value"_s).toString(), o.value(u"expected"_s).toString()};
}

QJsonObject RoutingReport::toJson() const
{
    QJsonArray list;
    for (const RelayWarning &w : warnings)
        list.append(w.toJson());
    return {
        {u"time"_s, time.toUTC().toString(Qt::ISODate)}, {u"pid"_s, pid}, {u"warnings"_s, list}};
}

Result<RoutingReport> RoutingReport::fromJson(const QJsonObject &o)
{
    RoutingReport r;
    r.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    if (!r.time.isValid() || !o.value(u"warnings"_s).isArray())
        return Error(ErrorCode::BadResponse,
                     u"not a report of staffettad's (no time or warnings)"_s);
    r.pid = o.value(u"pid"_s).toInteger();
    for (const QJsonValue &w : o.value(u"warnings"_s).toArray())
        r.warnings.append(RelayWarning::fromJson(w.toObject()));
    return r;
}

QJsonObject ServiceStatus::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"up"_s, up}};
    if (!detail.isEmpty())
        o.insert(u"detail"_s, detail);
    return o;
}

ServiceStatus ServiceStatus::fromJson(const QJsonObject &o)
{
    return {o.value(u"name"_s).toString(), o.value(u"up"_s).toBool(),
            o.value(u"detail"_s).toString()};
}

QStringList RelayInfo::servicesDown() const
{
    QStringList down;
    for (const ServiceStatus &s : services) {
        if (!s.up)
            down.append(s.name);
    }
    return down;
}

QJsonObject RelayInfo::toJson() const
{
    QJsonObject q;
    for (auto it = queues.cbegin(); it != queues.cend(); ++it)
        q.insert(it.key(), it.value());
    QJsonArray j;
    for (const auto &jail : jails)
        j.append(jail.toJson());
    QJsonObject f2b{{u"available"_s, fail2banAvailable}, {u"jails"_s, j}};
    if (!fail2banError.isEmpty())
        f2b.insert(u"error"_s, fail2banError);
    QJsonArray w;
    for (const auto &warning : warnings)
        w.append(warning.toJson());
    QJsonObject o{{u"warnings"_s, w},
                  {u"api_version"_s, apiVersion},
                  {u"staffetta_version"_s, staffettaVersion},
                  {u"hostname"_s, hostname},
                  {u"postfix"_s, QJsonObject{{u"version"_s, postfixVersion}, {u"queues"_s, q}}},
                  {u"fail2ban"_s, f2b},
                  {u"role"_s, role},
                  {u"accounts"_s, QJsonArray::fromStringList(accounts)},
                  {u"permissions"_s, QJsonArray::fromStringList(permissions)}};
    if (unacknowledgedAlerts >= 0)
        o.insert(u"alerts"_s, QJsonObject{{u"unacknowledged"_s, unacknowledgedAlerts}});
    QJsonArray s;
    for (const auto &service : services)
        s.append(service.toJson());
    o.insert(u"services"_s, s);
    QJsonArray tests;
    for (const TestDomainInfo &t : testDomains)
        tests.append(t.toJson());
    o.insert(u"test_domains"_s, tests);
    return o;
}

Result<RelayInfo> RelayInfo::fromJson(const QJsonObject &o)
{
    const QJsonObject postfix = o.value(u"postfix"_s).toObject();
    if (!o.value(u"api_version"_s).isDouble() || !postfix.value(u"version"_s).isString()) {
        return Error(ErrorCode::BadResponse,
                     QCoreApplication::translate("staffetta::api",
                                                 "The relay's info answer lacks its API or "
                                                 "Postfix version."));
    }
    RelayInfo info;
    info.apiVersion = o.value(u"api_version"_s).toInt();
    info.staffettaVersion = o.value(u"staffetta_version"_s).toString();
    info.hostname = o.value(u"hostname"_s).toString();
    info.postfixVersion = postfix.value(u"version"_s).toString();
    info.role = o.value(u"role"_s).toString();
    for (const auto &a : o.value(u"accounts"_s).toArray())
        info.accounts.append(a.toString());
    for (const auto &p : o.value(u"permissions"_s).toArray())
        info.permissions.append(p.toString());
    const QJsonObject q = postfix.value(u"queues"_s).toObject();
    for (auto it = q.begin(); it != q.end(); ++it)
        info.queues.insert(it.key(), it.value().toInt());
    const QJsonObject f2b = o.value(u"fail2ban"_s).toObject();
    info.fail2banAvailable = f2b.value(u"available"_s).toBool();
    info.fail2banError = f2b.value(u"error"_s).toString();
    for (const auto &j : f2b.value(u"jails"_s).toArray())
        info.jails.append(JailStatus::fromJson(j.toObject()));
    for (const auto &w : o.value(u"warnings"_s).toArray())
        info.warnings.append(RelayWarning::fromJson(w.toObject()));
    info.unacknowledgedAlerts =
        qint64(o.value(u"alerts"_s).toObject().value(u"unacknowledged"_s).toDouble(-1));
    for (const auto &s : o.value(u"services"_s).toArray())
        info.services.append(ServiceStatus::fromJson(s.toObject()));
    for (const auto &t : o.value(u"test_domains"_s).toArray())
        info.testDomains.append(TestDomainInfo::fromJson(t.toObject()));
    return info;
}

} // namespace staffetta::api
