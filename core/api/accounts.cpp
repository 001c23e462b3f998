#include "accounts.h"

#include "requests.h"

#include <QJsonArray>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

Result<QStringList> stringList(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return QStringList();
    if (!v.isArray())
        return badField(key, u"must be a list of strings"_s);
    QStringList out;
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a[i].isString())
            return badField(u"%1[%2]"_s.arg(key).arg(i), u"must be a string"_s);
        out.append(a[i].toString());
    }
    return out;
}

} // namespace

QJsonObject AccountAddRequest::toJson() const
{
    QJsonObject o{{u"login"_s, login}, {u"senders"_s, QJsonArray::fromStringList(senders)}};
    if (!password.isEmpty())
        o.insert(u"password"_s, password);
    if (!comment.isEmpty())
        o.insert(u"comment"_s, comment);
    return o;
}

Result<AccountAddRequest> AccountAddRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"login"_s, u"senders"_s, u"password"_s, u"comment"_s}); !only)
        return only.error();
    AccountAddRequest r;
    for (auto [key, target] :
         {std::pair{u"login"_s, &r.login}, std::pair{u"password"_s, &r.password},
          std::pair{u"comment"_s, &r.comment}}) {
        auto value = stringField(o, key);
        if (!value)
            return value.error();
        *target = value.value();
    }
    auto senders = stringList(o, u"senders"_s);
    if (!senders)
        return senders.error();
    r.senders = senders.value();
    return r;
}

QJsonObject AccountRemoveRequest::toJson() const
{
    return {{u"login"_s, login}};
}

Result<AccountRemoveRequest> AccountRemoveRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"login"_s}); !only)
        return only.error();
    auto login = stringField(o, u"login"_s);
    if (!login)
        return login.error();
    return AccountRemoveRequest{login.value()};
}

QJsonObject AccountPasswdRequest::toJson() const
{
    QJsonObject o{{u"login"_s, login}};
    if (!password.isEmpty())
        o.insert(u"password"_s, password);
    return o;
}

Result<AccountPasswdRequest> AccountPasswdRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"login"_s, u"password"_s}); !only)
        return only.error();
    auto login = stringField(o, u"login"_s);
    if (!login)
        return login.error();
    auto password = stringField(o, u"password"_s);
    if (!password)
        return password.error();
    return AccountPasswdRequest{login.value(), password.value()};
}

QJsonObject AccountWriteResult::toJson() const
{
    QJsonObject o{{u"login"_s, login}, {u"revision"_s, revision}, {u"has_password"_s, hasPassword}};
    if (!password.isEmpty())
        o.insert(u"password"_s, password);
    if (!auditError.isEmpty())
        o.insert(u"audit_error"_s, auditError);
    return o;
}

AccountWriteResult AccountWriteResult::fromJson(const QJsonObject &o)
{
    return {o.value(u"login"_s).toString(), o.value(u"revision"_s).toInt(),
            o.value(u"password"_s).toString(), o.value(u"has_password"_s).toBool(),
            o.value(u"audit_error"_s).toString()};
}

QJsonObject AccountSuspendRequest::toJson() const
{
    QJsonObject o{{u"login"_s, login}, {u"reason"_s, reason}};
    if (!message.isEmpty())
        o.insert(u"message"_s, message);
    return o;
}

Result<AccountSuspendRequest> AccountSuspendRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"login"_s, u"reason"_s, u"message"_s}); !only)
        return only.error();
    AccountSuspendRequest r;
    for (auto [key, target] : {std::pair{u"login"_s, &r.login}, std::pair{u"reason"_s, &r.reason},
                               std::pair{u"message"_s, &r.message}}) {
        auto value = stringField(o, key);
        if (!value)
            return value.error();
        *target = value.value();
    }
    return r;
}

QJsonObject AccountSuspendResult::toJson() const
{
    QJsonObject o{{u"login"_s, login},
                  {u"revision"_s, revision},
                  {u"suspended"_s, suspended},
                  {u"queue_ids"_s, QJsonArray::fromStringList(held)},
                  {u"notified"_s, QJsonArray::fromStringList(notified)}};
    for (auto [key, value] :
         {std::pair{u"queue_error"_s, &queueError}, std::pair{u"notify_error"_s, &notifyError},
          std::pair{u"audit_error"_s, &auditError}}) {
        if (!value->isEmpty())
            o.insert(key, *value);
    }
    return o;
}

AccountSuspendResult AccountSuspendResult::fromJson(const QJsonObject &o)
{
    auto strings = [&](const QString &key) {
        QStringList out;
        for (const auto &v : o.value(key).toArray())
            out.append(v.toString());
        return out;
    };
    AccountSuspendResult r;
    r.login = o.value(u"login"_s).toString();
    r.revision = o.value(u"revision"_s).toInt();
    r.suspended = o.value(u"suspended"_s).toBool();
    r.held = strings(u"queue_ids"_s);
    r.queueError = o.value(u"queue_error"_s).toString();
    r.notified = strings(u"notified"_s);
    r.notifyError = o.value(u"notify_error"_s).toString();
    r.auditError = o.value(u"audit_error"_s).toString();
    return r;
}

QJsonObject AccountsList::toJson() const
{
    QJsonArray list;
    for (const AccountEntry &a : accounts) {
        QJsonObject o{
            {u"login"_s, a.login}, {u"senders"_s, a.senders}, {u"has_password"_s, a.hasPassword}};
        if (a.suspended)
            o.insert(u"suspended"_s, QJsonObject{{u"reason"_s, a.suspendedReason}});
        list.append(o);
    }
    return {{u"credentials"_s, credentials}, {u"revision"_s, revision}, {u"accounts"_s, list}};
}

AccountsList AccountsList::fromJson(const QJsonObject &o)
{
    AccountsList r;
    r.credentials = o.value(u"credentials"_s).toString();
    r.revision = o.value(u"revision"_s).toInt();
    for (const auto &v : o.value(u"accounts"_s).toArray()) {
        const QJsonObject a = v.toObject();
        r.accounts.append({a.value(u"login"_s).toString(), a.value(u"senders"_s).toInt(),
                           a.value(u"has_password"_s).toBool(), a.contains(u"suspended"_s),
                           a.value(u"suspended"_s).toObject().value(u"reason"_s).toString()});
    }
    return r;
}

} // namespace staffetta::api
