#include "policy_client.h"

#include "api/verbs.h"
#include "relay_client.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace staffetta::client {

using namespace Qt::Literals::StringLiterals;

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PolicyClient)
};

Result<policy::Policy> policyFrom(const QJsonValue &v)
{
    if (!v.isObject())
        return Error(ErrorCode::BadResponse, Tr::tr("The relay's answer has no policy."));
    auto p = policy::Policy::fromJsonObject(v.toObject());
    if (!p)
        return Error(
            ErrorCode::BadResponse,
            Tr::tr("The relay sent a policy this console cannot read: %1").arg(p.error().message));
    return p;
}
} // namespace

Result<Conflict> Conflict::fromError(const Error &e)
{
    if (e.code != ErrorCode::Conflict)
        return e;
    auto p = policyFrom(e.details.value(u"current_policy"_s));
    if (!p)
        return p.error();
    Conflict c;
    c.currentRevision = e.details.value(u"current_revision"_s).toInt();
    c.current = std::move(p).value();
    c.theirChanges =
        policy::changesFromJson(e.details.value(u"their_changes"_s).toArray()).valueOr({});
    for (const auto &r : e.details.value(u"their_revisions"_s).toArray()) {
        const QJsonObject o = r.toObject();
        // "local": written on the relay itself (staffettactl at its terminal), not over SSH.
        const QString origin = o.value(u"origin"_s).toString();
        const QString where = origin.isEmpty() || origin == u"local"_s
                                  ? Tr::tr("on the relay itself")
                                  : Tr::tr("from %1").arg(origin);
        // In the console's language (QLocale's default follows it), not ISO.
        const QString when = QLocale().toString(
            QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate).toLocalTime(),
            QLocale::ShortFormat);
        c.theirAuthors.append(
            Tr::tr("revision %1: %2 (%3) %4, %5")
                .arg(o.value(u"revision"_s).toInt())
                .arg(o.value(u"user"_s).toString(), o.value(u"role"_s).toString(), where, when));
    }
    return c;
}

QFuture<Result<PolicySnapshot>> policyGet(RelayClient &client)
{
    return client.call(api::verbs::PolicyGet)
        .then([](const Result<QJsonObject> &r) -> Result<PolicySnapshot> {
            if (!r)
                return r.error();
            return api::PolicySnapshot::fromJson(r.value());
        });
}

QFuture<Result<ApplyResult>> policyApply(RelayClient &client, int baseRevision,
                                         const policy::Policy &policy, const QString &comment,
                                         transport::CancelToken cancel)
{
    const api::PolicyApplyRequest request{baseRevision, policy, comment};
    // Compact: a policy of limits::MaxAccounts accounts fits in a request only so.
    return client
        .call(api::verbs::PolicyApply,
              QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact), std::move(cancel))
        .then([](const Result<QJsonObject> &r) -> Result<ApplyResult> {
            if (!r)
                return r.error();
            return api::ApplyResult::fromJson(r.value());
        });
}

QFuture<Result<Usage>> usage(RelayClient &client)
{
    return client.call(api::verbs::Usage).then([](const Result<QJsonObject> &r) -> Result<Usage> {
        if (!r)
            return r.error();
        return api::Usage::fromJson(r.value());
    });
}

QFuture<Result<api::PolicyHistory>> policyHistory(RelayClient &client, int limit)
{
    return client.call(api::verbs::PolicyHistory + QStringList{QString::number(limit)})
        .then([](const Result<QJsonObject> &r) -> Result<api::PolicyHistory> {
            if (!r)
                return r.error();
            return api::PolicyHistory::fromJson(r.value());
        });
}

QFuture<Result<api::PolicyDiff>> policyDiff(RelayClient &client, int from, int to)
{
    return client
        .call(api::verbs::PolicyDiff + QStringList{QString::number(from), QString::number(to)})
        .then([](const Result<QJsonObject> &r) -> Result<api::PolicyDiff> {
            if (!r)
                return r.error();
            return api::PolicyDiff::fromJson(r.value());
        });
}

QFuture<Result<ApplyResult>> policyRollback(RelayClient &client, int revision, int baseRevision,
                                            const QString &comment, transport::CancelToken cancel)
{
    api::PolicyRollbackRequest request;
    request.baseRevision = baseRevision;
    if (!comment.isEmpty())
        request.comment = comment;
    return client
        .call(api::verbs::PolicyRollback + QStringList{QString::number(revision)},
              QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact), std::move(cancel))
        .then([](const Result<QJsonObject> &r) -> Result<ApplyResult> {
            if (!r)
                return r.error();
            return api::ApplyResult::fromJson(r.value());
        });
}

QFuture<Result<api::AuditLog>> audit(RelayClient &client, int limit)
{
    return client.call(api::verbs::Audit + QStringList{QString::number(limit)})
        .then([](const Result<QJsonObject> &r) -> Result<api::AuditLog> {
            if (!r)
                return r.error();
            return api::AuditLog::fromJson(r.value());
        });
}

} // namespace staffetta::client
