#include "requests.h"

#include "queue.h"

#include <QJsonArray>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

Result<Done> onlyKeys(const QJsonObject &o, const QStringList &allowed, const QString &path)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (allowed.contains(it.key()))
            continue;
        const QString at = path.isEmpty() ? it.key() : path + u'.' + it.key();
        return Error(ErrorCode::BadRequest,
                     allowed.isEmpty()
                         ? u"the request has an unknown key \"%1\" (this verb takes none)"_s.arg(at)
                         : u"the request has an unknown key \"%1\" (it takes: %2)"_s.arg(
                               at, allowed.join(u", "_s)),
                     {{u"key"_s, it.key()}, {u"path"_s, at}});
    }
    return Done{};
}

Error badField(const QString &path, const QString &why)
{
    return Error(ErrorCode::BadRequest, u"Field '%1': %2"_s.arg(path, why),
                 {{u"field"_s, path}, {u"path"_s, path}});
}

Result<QString> stringField(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return QString();
    if (!v.isString())
        return badField(key, u"must be a string"_s);
    return v.toString();
}

Result<NoRequest> NoRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {}); !only)
        return only.error();
    return NoRequest{};
}

QJsonObject AddressRequest::toJson() const
{
    return {{u"address"_s, address}};
}

Result<AddressRequest> AddressRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"address"_s}); !only)
        return only.error();
    auto address = stringField(o, u"address"_s);
    if (!address)
        return address.error();
    return AddressRequest{address.value()};
}

QJsonObject WhitelistAddRequest::toJson() const
{
    QJsonObject o{{u"address"_s, address}};
    if (!note.isEmpty())
        o.insert(u"note"_s, note);
    return o;
}

Result<WhitelistAddRequest> WhitelistAddRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"address"_s, u"note"_s}); !only)
        return only.error();
    auto address = stringField(o, u"address"_s);
    if (!address)
        return address.error();
    auto note = stringField(o, u"note"_s);
    if (!note)
        return note.error();
    return WhitelistAddRequest{address.value(), note.value()};
}

QJsonObject SearchRequest::toJson() const
{
    return {{u"term"_s, term}};
}

Result<SearchRequest> SearchRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"term"_s}); !only)
        return only.error();
    auto term = stringField(o, u"term"_s);
    if (!term)
        return term.error();
    return SearchRequest{term.value()};
}

bool QueueSelection::isEmpty() const
{
    return queue.isEmpty() && ids.isEmpty() && sender.isEmpty() && recipient.isEmpty() &&
           reason.isEmpty() && minAge < 0 && maxAge < 0 && account.isEmpty();
}

QStringList QueueSelection::keys()
{
    return {u"queue"_s,  u"ids"_s,     u"sender"_s,  u"recipient"_s,
            u"reason"_s, u"min_age"_s, u"max_age"_s, u"account"_s};
}

void QueueSelection::addTo(QJsonObject &o) const
{
    for (const auto &[key, value] :
         {std::pair{u"queue"_s, queue}, std::pair{u"sender"_s, sender},
          std::pair{u"recipient"_s, recipient}, std::pair{u"reason"_s, reason},
          std::pair{u"account"_s, account}}) {
        if (!value.isEmpty())
            o.insert(key, value);
    }
    if (!ids.isEmpty())
        o.insert(u"ids"_s, QJsonArray::fromStringList(ids));
    if (minAge >= 0)
        o.insert(u"min_age"_s, minAge);
    if (maxAge >= 0)
        o.insert(u"max_age"_s, maxAge);
}

Result<QueueSelection> QueueSelection::read(const QJsonObject &o)
{
    QueueSelection f;
    if (o.contains(u"ids"_s)) {
        const QJsonValue v = o.value(u"ids"_s);
        if (!v.isArray())
            return badField(u"ids"_s, u"must be a list of queue ids"_s);
        const QJsonArray ids = v.toArray();
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (!isQueueId(ids[i].toString()))
                return badField(u"ids[%1]"_s.arg(i),
                                u"'%1' is not a queue id"_s.arg(ids[i].toString()));
            f.ids.append(ids[i].toString());
        }
    }
    for (const QString &key : {u"min_age"_s, u"max_age"_s}) {
        if (!o.contains(key))
            continue;
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() < 0)
            return badField(key, u"must be a number of seconds, 0 or more"_s);
        (key == u"min_age"_s ? f.minAge : f.maxAge) = qint64(v.toDouble());
    }
    for (const auto &[key, field] :
         {std::pair{u"queue"_s, &f.queue}, std::pair{u"sender"_s, &f.sender},
          std::pair{u"recipient"_s, &f.recipient}, std::pair{u"reason"_s, &f.reason},
          std::pair{u"account"_s, &f.account}}) {
        auto text = stringField(o, key);
        if (!text)
            return text.error();
        *field = text.value().trimmed();
    }
    if (!f.queue.isEmpty() && !queueNames().contains(f.queue))
        return badField(u"queue"_s,
                        u"'%1' is not a queue (%2)"_s.arg(f.queue, queueNames().join(u", "_s)));
    return f;
}

QString QueueListRequest::fields()
{
    return u"{"_s + QueueSelection::keys().join(u", "_s) + u", limit?, offset?}"_s;
}

QJsonObject QueueListRequest::toJson() const
{
    QJsonObject o;
    addTo(o);
    if (limit)
        o.insert(u"limit"_s, *limit);
    if (offset)
        o.insert(u"offset"_s, *offset);
    return o;
}

Result<QueueListRequest> QueueListRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, QueueSelection::keys() + QStringList{u"limit"_s, u"offset"_s});
        !only)
        return only.error();
    auto selection = QueueSelection::read(o);
    if (!selection)
        return selection.error();
    QueueListRequest r;
    static_cast<QueueSelection &>(r) = selection.value();
    for (const auto &[key, field] :
         {std::pair{u"limit"_s, &r.limit}, std::pair{u"offset"_s, &r.offset}}) {
        if (!o.contains(key))
            continue;
        const QJsonValue v = o.value(key);
        if (!v.isDouble() || v.toDouble() < 0)
            return badField(key, u"must be a number, 0 or more"_s);
        *field = qint64(v.toDouble());
    }
    return r;
}

QString QueueActionRequest::fields()
{
    return u"{ids} or a selection (as queue list) or {all: true}"_s;
}

QJsonObject QueueActionRequest::toJson() const
{
    QJsonObject o;
    addTo(o);
    if (all)
        o.insert(u"all"_s, true);
    return o;
}

Result<QueueActionRequest> QueueActionRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, QueueSelection::keys() + QStringList{u"all"_s}); !only)
        return only.error();
    auto selection = QueueSelection::read(o);
    if (!selection)
        return selection.error();
    QueueActionRequest r;
    static_cast<QueueSelection &>(r) = selection.value();
    if (o.contains(u"all"_s)) {
        if (!o.value(u"all"_s).isBool())
            return badField(u"all"_s, u"must be true or false"_s);
        r.all = o.value(u"all"_s).toBool();
    }
    return r;
}

QJsonObject QueueShowRequest::toJson() const
{
    return {{u"ids"_s, QJsonArray::fromStringList(ids)}};
}

Result<QueueShowRequest> QueueShowRequest::fromJson(const QJsonObject &o)
{
    if (auto only = onlyKeys(o, {u"ids"_s}); !only)
        return only.error();
    auto selection = QueueSelection::read(o);
    if (!selection)
        return selection.error();
    if (selection.value().ids.size() > MaxIds)
        return badField(u"ids"_s, u"at most %1 queue ids at once"_s.arg(MaxIds));
    return QueueShowRequest{selection.value().ids};
}

} // namespace staffetta::api
