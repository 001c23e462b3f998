#include "queue_verbs.h"

#include "api/api.h"
#include "api/info.h"
#include "api/verbs.h"
#include "postfix/postfix.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;
using postfix::QueueAction;
using postfix::QueueFilter;

namespace {

postfix::Postfix postfixOf(const Context &ctx)
{
    return postfix::Postfix(ctx.config.postfixConfigDir, ctx.config.postfixCommandDir);
}

// `"queue_name": "hold"` without parsing the whole line: the pass-through path of a list.
QString queueNameOf(const QByteArray &line)
{
    static const QByteArray key = "\"queue_name\": \"";
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return QJsonDocument::fromJson(line).object().value(u"queue_name"_s).toString();
    const qsizetype start = at + key.size();
    return QString::fromLatin1(line.mid(start, line.indexOf('"', start) - start));
}

// `"queue_id": "ABC"` without parsing the whole line.
QString queueIdOf(const QByteArray &line)
{
    static const QByteArray key = "\"queue_id\": \"";
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return QJsonDocument::fromJson(line).object().value(u"queue_id"_s).toString();
    const qsizetype start = at + key.size();
    return QString::fromLatin1(line.mid(start, line.indexOf('"', start) - start));
}

} // namespace

Result<std::optional<QSet<QString>>> visibleMessages(const Context &ctx)
{
    if (ctx.access.can(Permission::ReadAllAccounts))
        return std::optional<QSet<QString>>();
    const auto pf = postfixOf(ctx);
    QStringList ids;
    auto scanned = pf.scanQueue([&](const QByteArray &line) {
        ids.append(queueIdOf(line));
        return true;
    });
    if (!scanned)
        return scanned.error();
    auto accounts = pf.accountsOf(ids);
    if (!accounts)
        return accounts.error();
    QSet<QString> visible;
    for (auto it = accounts.value().cbegin(); it != accounts.value().cend(); ++it) {
        if (!it.value().isEmpty() && ctx.access.seesAccount(it.value()))
            visible.insert(it.key());
    }
    return std::optional<QSet<QString>>(visible);
}

namespace {

Result<QJsonObject> list(const Context &ctx, const api::QueueListRequest &request)
{
    if (ctx.words.size() > 2)
        return Error(ErrorCode::BadRequest, u"usage: queue list [QUEUE]"_s);
    QueueFilter filter(request);
    if (ctx.words.size() == 2) {
        auto named = api::QueueSelection::read({{u"queue"_s, ctx.words[1]}});
        if (!named)
            return named.error();
        filter.queue = named.value().queue;
    }
    const bool streaming = bool(ctx.emitLine);
    // A whole response is paged (1000 by default); a stream sends everything unless limited.
    const qint64 limit = request.limit.value_or(streaming ? 0 : 1000);
    const qint64 offset = request.offset.value_or(0);

    // A partner sees only its accounts' messages (in the counts too).
    auto visible = visibleMessages(ctx);
    if (!visible)
        return visible.error();
    std::optional<QSet<QString>> only = visible.value();
    if (!filter.account.isEmpty()) {
        // One account's messages: by the queue files' sasl_username (a partner's must be its own
        // account anyway: `only` already holds its messages alone).
        const auto pf = postfixOf(ctx);
        QStringList ids;
        auto listed = pf.scanQueue([&](const QByteArray &line) {
            ids.append(queueIdOf(line));
            return true;
        });
        if (!listed)
            return listed.error();
        auto accounts = pf.accountsOf(ids);
        if (!accounts)
            return accounts.error();
        QSet<QString> ofAccount;
        for (auto it = accounts.value().cbegin(); it != accounts.value().cend(); ++it) {
            if (it.value().compare(filter.account, Qt::CaseInsensitive) == 0 &&
                (!only || only->contains(it.key())))
                ofAccount.insert(it.key());
        }
        only = ofAccount;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const bool passThrough = filter.isEmpty();
    qint64 total = 0;
    QMap<QString, int> counts;
    for (const QString &q : api::queueNames())
        counts.insert(q, 0);
    qint64 matched = 0;
    QJsonArray page;
    auto scanned = postfixOf(ctx).scanQueue([&](const QByteArray &line) {
        if (only && !only->contains(queueIdOf(line)))
            return true;
        ++total;
        QJsonObject m;
        QString queue;
        if (passThrough) {
            queue = queueNameOf(line);
        } else {
            m = QJsonDocument::fromJson(line).object();
            queue = m.value(u"queue_name"_s).toString();
        }
        ++counts[queue];
        if (!passThrough && !filter.matches(m, now))
            return true;
        const qint64 index = matched++;
        if (index < offset || (limit > 0 && index >= offset + limit))
            return true;
        if (streaming)
            ctx.emitLine(passThrough ? line : api::streamItemLine(m));
        else
            page.append(passThrough ? QJsonDocument::fromJson(line).object() : m);
        return true;
    });
    if (!scanned)
        return scanned.error();
    QJsonObject countsJson;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        countsJson.insert(it.key(), it.value());
    QJsonObject result{{u"total"_s, total}, {u"matched"_s, matched},   {u"offset"_s, offset},
                       {u"limit"_s, limit}, {u"counts"_s, countsJson}, {u"time"_s, now}};
    if (streaming)
        result.insert(u"streamed"_s, true);
    else
        result.insert(u"messages"_s, page);
    return result;
}

Result<QJsonObject> show(const Context &ctx, const api::QueueShowRequest &request)
{
    QStringList ids = request.ids;
    for (const QString &w : ctx.words.mid(1)) {
        if (!api::isQueueId(w))
            return api::badField(u"ids"_s, u"'%1' is not a queue id"_s.arg(w));
        ids.append(w);
    }
    if (ids.isEmpty())
        return Error(ErrorCode::BadRequest, u"usage: queue show ID [ID...]"_s);
    if (ids.size() > api::QueueShowRequest::MaxIds)
        return api::badField(u"ids"_s,
                             u"at most %1 queue ids at once"_s.arg(api::QueueShowRequest::MaxIds));
    auto details = postfixOf(ctx).details(ids);
    if (!details)
        return details.error();
    QJsonArray messages;
    QJsonArray notFound;
    QSet<QString> answered;
    for (const QString &id : std::as_const(ids)) {
        if (answered.contains(id))
            continue;
        answered.insert(id);
        const QJsonObject detail = details.value().value(id);
        // Another account's message is, for a partner, not in the queue (the same answer as
        // for an id that is not queued, so it learns nothing of other accounts' mail).
        const QString login = postfix::accountOf(detail);
        if (detail.isEmpty() || (!ctx.access.can(Permission::ReadAllAccounts) &&
                                 (login.isEmpty() || !ctx.access.seesAccount(login))))
            notFound.append(id);
        else
            messages.append(detail);
    }
    if (messages.isEmpty()) {
        return Error(ErrorCode::NotFound,
                     notFound.size() == 1
                         ? u"No message %1 in the queue"_s.arg(notFound.first().toString())
                         : u"None of these %1 messages is in the queue"_s.arg(notFound.size()),
                     {{u"ids"_s, notFound}});
    }
    return QJsonObject{{u"messages"_s, messages}, {u"not_found"_s, notFound}};
}

Result<QJsonObject> act(const Context &ctx, QueueAction action,
                        const api::QueueActionRequest &request)
{
    const QString name = postfix::queueActionName(action);
    QueueFilter filter(request);
    // Ids may come as words (`queue hold ID ID`) or in the request.
    for (const QString &w : ctx.words.mid(1)) {
        if (!api::isQueueId(w))
            return api::badField(u"ids"_s, u"'%1' is not a queue id"_s.arg(w));
        filter.ids.append(w);
    }
    if (filter.isEmpty() && !request.all) {
        return Error(ErrorCode::BadRequest,
                     u"name the messages: ids, a filter, or \"all\": true for the whole queue"_s);
    }
    const auto pf = postfixOf(ctx);
    auto targets = pf.messages(filter, QDateTime::currentSecsSinceEpoch());
    if (!targets)
        return targets.error();
    QSet<QString> found;
    for (const QJsonObject &m : targets.value())
        found.insert(m.value(u"queue_id"_s).toString());
    QStringList missing;
    for (const QString &id : filter.ids) {
        if (!found.contains(id))
            missing.append(id);
    }
    const auto results = pf.act(action, targets.value(), missing);
    QMap<QString, int> tally;
    QJsonArray out;
    for (const auto &r : results) {
        ++tally[r.outcome];
        out.append(r.toJson());
    }
    QStringList summary;
    QJsonObject tallyJson;
    for (auto it = tally.cbegin(); it != tally.cend(); ++it) {
        summary.append(u"%1 %2"_s.arg(it.value()).arg(it.key()));
        tallyJson.insert(it.key(), it.value());
    }
    const QString auditError =
        recordAudit(ctx, u"queue "_s + name, u"done"_s, 0,
                    summary.isEmpty() ? u"no message"_s : summary.join(u", "_s));
    QJsonObject result{{u"action"_s, name}, {u"results"_s, out}, {u"tally"_s, tallyJson}};
    if (!auditError.isEmpty())
        result.insert(u"audit_error"_s, auditError);
    return result;
}

QString age(qint64 seconds)
{
    if (seconds < 3600)
        return u"%1m"_s.arg(seconds / 60);
    if (seconds < 86400)
        return u"%1h"_s.arg(seconds / 3600);
    return u"%1d"_s.arg(seconds / 86400);
}

QString listText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    const qint64 now = qint64(r.value(u"time"_s).toDouble());
    for (const QJsonValue &v : r.value(u"messages"_s).toArray()) {
        const QJsonObject m = v.toObject();
        s << m.value(u"queue_id"_s).toString() << "  " << m.value(u"queue_name"_s).toString()
          << "  " << age(now - qint64(m.value(u"arrival_time"_s).toDouble())) << "  "
          << m.value(u"message_size"_s).toInteger() << "  <" << m.value(u"sender"_s).toString()
          << ">\n";
        for (const QJsonValue &rv : m.value(u"recipients"_s).toArray()) {
            const QJsonObject rc = rv.toObject();
            s << "    " << rc.value(u"address"_s).toString();
            if (rc.contains(u"delay_reason"_s))
                s << "  (" << rc.value(u"delay_reason"_s).toString() << ')';
            s << '\n';
        }
    }
    s << r.value(u"matched"_s).toInteger() << " of " << r.value(u"total"_s).toInteger()
      << " messages match";
    if (r.value(u"matched"_s).toInteger() > r.value(u"messages"_s).toArray().size())
        s << " (showing " << r.value(u"messages"_s).toArray().size() << " from offset "
          << r.value(u"offset"_s).toInteger() << ')';
    s << '\n';
    return text;
}

QString showText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    for (const QJsonValue &v : r.value(u"messages"_s).toArray()) {
        // The same type the console reads the answer into.
        const auto m = api::QueuedMessage::fromJson({}, v.toObject());
        if (!text.isEmpty())
            s << '\n';
        s << "id: " << m.id << '\n'
          << "queue: " << m.queue << '\n'
          << "sender: " << m.sender << '\n';
        if (!m.account.isEmpty())
            s << "account: " << m.account << '\n';
        for (const auto &rc : m.recipients) {
            s << "recipient: " << rc.address;
            if (!rc.delayReason.isEmpty())
                s << "  (" << rc.delayReason << ')';
            s << '\n';
        }
        s << '\n';
        for (const auto &[name, value] : m.headers)
            s << name << ": " << value << '\n';
    }
    for (const QJsonValue &id : r.value(u"not_found"_s).toArray())
        s << '\n' << id.toString() << ": not in the queue\n";
    return text;
}

QString actionText(const QJsonObject &r)
{
    QString text;
    QTextStream s(&text);
    for (const QJsonValue &v : r.value(u"results"_s).toArray()) {
        const auto a = postfix::ActionResult::fromJson(v.toObject());
        s << a.id << "  " << a.outcome;
        if (!a.detail.isEmpty())
            s << "  (" << a.detail << ')';
        s << '\n';
    }
    return text;
}

} // namespace

QList<Verb> queueVerbs()
{
    QList<Verb> verbs{
        verb<api::QueueListRequest>(api::verbs::QueueList, u"[QUEUE] [--stream]"_s,
                                    Permission::ReadQueue, list, listText, true),
        verb<api::QueueShowRequest>(api::verbs::QueueShow, u"ID [ID...]"_s, Permission::ReadQueue,
                                    show, showText),
    };
    for (const QueueAction action : postfix::queueActions()) {
        verbs.append(verb<api::QueueActionRequest>(
            {api::verbs::Queue, postfix::queueActionName(action)}, u"[ID...]"_s,
            Permission::ChangeQueue,
            [action](const Context &ctx, const api::QueueActionRequest &request) {
                return act(ctx, action, request);
            },
            actionText, false, true));
    }
    return verbs;
}

} // namespace staffetta::ctl
