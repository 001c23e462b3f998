#pragma once

#include "common/access.h"
#include "common/relay_config.h"
#include "common/result.h"

#include <QJsonObject>
#include <QStringList>

namespace staffetta::ctl {

// What every verb gets: the relay's config, its words, the JSON request, and who calls.
struct Context
{
    const Config &config;
    QStringList words; // after the verb
    QJsonObject request;
    Caller caller;
    Access access;
};

// policy get | apply | diff | history | rollback
Result<QJsonObject> policyVerb(const Context &ctx);
QString policyText(const QString &sub, const QJsonObject &result);

// usage: today's quota use per account against its limit.
Result<QJsonObject> usage(const Context &ctx);
QString usageText(const QJsonObject &result);

// audit [N]: the latest N writes (default 100).
Result<QJsonObject> audit(const Context &ctx);
QString auditText(const QJsonObject &result);

Error forbidden(const Context &ctx, const QString &what);

} // namespace staffetta::ctl
