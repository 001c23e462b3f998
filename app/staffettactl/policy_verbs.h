#pragma once

#include "common/access.h"
#include "common/relay_config.h"
#include "common/result.h"
#include "policy/diff.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace staffetta::ctl {

// What every verb gets: the relay's config, its words, the JSON request, and who calls.
struct Context
{
    const Config &config;
    QStringList words; // after the verb
    QJsonObject request;
    Caller caller;
    Access access;
    // Set when the caller asked for --stream: verbs that list many items write them here,
    // one JSON object per line, before their final response line.
    std::function<void(const QByteArray &line)> emitLine = {};
};

// A file in the relay's state directory.
QString statePath(const Context &ctx, const QString &name);

// Every write and every refused write goes to the audit log. A write that cannot be audited
// still happened: the returned message (empty when recorded) is reported beside the result.
QString recordAudit(const Context &ctx, const QString &verb, const QString &outcome, int revision,
                    const QString &summary, const QList<policy::Change> &changes = {});

// A free-text field that is kept in the revisions and the audit log (a change's comment, a
// whitelist note): at most limits::MaxCommentLength characters, no control characters.
Result<Done> checkComment(const QString &field, const QString &text);

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
// The check every verb makes for the permission it declares: nothing when the caller's
// role allows it, else a permission_denied error, recorded in the audit log.
std::optional<Error> require(const Context &ctx, Permission permission, const QString &verb);

} // namespace staffetta::ctl
