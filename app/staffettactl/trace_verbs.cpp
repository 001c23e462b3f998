#include "api/trace.h"
#include "api/verbs.h"
#include "events/index.h"
#include "policy_verbs.h"

#include <QFileInfo>
#include <QTextStream>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

// A partner sees only its accounts' messages: the accounts of the index it may see.
Result<QJsonObject> trace(const Context &ctx, const api::TraceRequest &request)
{
    const QString path = events::databasePath(ctx.config);
    if (!QFileInfo::exists(path))
        return Error(ErrorCode::Unavailable,
                     u"there is no event index at %1: is staffetta-events running?"_s.arg(path),
                     {{u"path"_s, path}});
    auto index = events::Index::open(path);
    if (!index)
        return index.error();
    std::optional<QStringList> scope;
    if (!ctx.access.can(Permission::ReadAllAccounts)) {
        auto all = index.value()->accounts();
        if (!all)
            return all.error();
        QStringList visible;
        for (const QString &a : all.value()) {
            if (ctx.access.seesAccount(a))
                visible.append(a);
        }
        scope = visible;
    }
    auto result = index.value()->trace(request, scope);
    if (!result)
        return result.error();
    return result.value().toJson();
}

QString traceText(const QJsonObject &o)
{
    auto parsed = api::TraceResult::fromJson(o);
    if (!parsed)
        return parsed.error().message + u'\n';
    QString text;
    QTextStream s(&text);
    s << parsed.value().matched << " message(s)\n";
    for (const auto &m : parsed.value().messages) {
        s << m.accepted.toString(Qt::ISODate) << ' ' << m.queueId << " from <" << m.sender
          << "> account " << (m.account.isEmpty() ? u"-"_s : m.account) << " client " << m.clientIp
          << '\n';
        for (const auto &r : m.recipients) {
            for (const auto &a : r.attempts)
                s << "  " << a.time.toString(Qt::ISODate) << " <" << r.address << "> " << a.status
                  << ' ' << a.dsn << " relay=" << a.relay << " (" << a.reply << ")\n";
        }
    }
    return text;
}

} // namespace

QList<Verb> traceVerbs()
{
    return {
        verb<api::TraceRequest>(api::verbs::Trace, {}, Permission::ReadQueue, trace, traceText)};
}

} // namespace staffetta::ctl
