#pragma once

#include "api/policy.h"
#include "policy/diff.h"
#include "policy/policy.h"
#include "transport/transport.h"

#include <QDateTime>
#include <QFuture>

namespace staffetta::client {

class RelayClient;

// The verbs' types are the API's (api/policy.h); these are the console's names for them.
using PolicySnapshot = api::PolicySnapshot;
using ApplyResult = api::ApplyResult;

// A `conflict` error's details, typed.
struct Conflict
{
    int currentRevision = 0;
    policy::Policy current;
    QList<policy::Change> theirChanges;
    QStringList theirAuthors; // "user (role) at time" per revision in between

    static Result<Conflict> fromError(const Error &e);
};

using AccountUsage = api::AccountUsage;
using Usage = api::Usage;

QFuture<Result<PolicySnapshot>> policyGet(RelayClient &client);
QFuture<Result<ApplyResult>>
policyApply(RelayClient &client, int baseRevision, const policy::Policy &policy,
            const QString &comment = {},
            transport::CancelToken cancel = transport::makeCancelToken());
QFuture<Result<Usage>> usage(RelayClient &client);

// `policy history [limit]`: the newest revisions first.
QFuture<Result<api::PolicyHistory>> policyHistory(RelayClient &client, int limit = 200);
// `policy diff FROM TO`: what turns revision `from` into revision `to`.
QFuture<Result<api::PolicyDiff>> policyDiff(RelayClient &client, int from, int to);
// `policy rollback REVISION`: the policy of `revision` again, as a new revision based on
// `baseRevision` (a colleague's write since: `conflict`, as for policyApply). An empty
// comment: the relay's own ("rollback to revision N").
QFuture<Result<ApplyResult>>
policyRollback(RelayClient &client, int revision, int baseRevision, const QString &comment = {},
               transport::CancelToken cancel = transport::makeCancelToken());
// `audit [limit]`: the newest writes and refused writes first.
QFuture<Result<api::AuditLog>> audit(RelayClient &client, int limit = 1000);

} // namespace staffetta::client
