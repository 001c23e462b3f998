#pragma once

#include "policy/diff.h"
#include "policy/policy.h"
#include "transport/transport.h"

#include <QDateTime>
#include <QFuture>

namespace staffetta::client {

class RelayClient;

// `policy get`: the relay's policy, its revision, and what the caller may do with it.
struct PolicySnapshot
{
    int revision = 0;
    policy::Policy policy;
    QString role;         // the caller's role on the relay
    QStringList accounts; // a partner's accounts

    bool canWrite() const { return role == u"admin" || role == u"partner"; }
    static Result<PolicySnapshot> fromJson(const QJsonObject &o);
};

// `policy apply`: the new revision and whether staffettad has it in force.
struct ApplyResult
{
    int revision = 0;
    bool changed = false;
    QList<policy::Change> changes;
    bool reloaded = false;
    QString reloadCode;    // why not: staffettad_not_running, reload_timeout (client::reloadText)
    QString reloadMessage; // the relay's English sentence
};

// A `conflict` error's details, typed.
struct Conflict
{
    int currentRevision = 0;
    policy::Policy current;
    QList<policy::Change> theirChanges;
    QStringList theirAuthors; // "user (role) at time" per revision in between

    static Result<Conflict> fromError(const Error &e);
};

struct AccountUsage
{
    QString login;
    qint64 used = 0;
    int quota = 0;
};

struct Usage
{
    QDateTime time;
    QString window;
    QList<AccountUsage> accounts;
};

QFuture<Result<PolicySnapshot>> policyGet(RelayClient &client);
QFuture<Result<ApplyResult>>
policyApply(RelayClient &client, int baseRevision, const policy::Policy &policy,
            const QString &comment = {},
            transport::CancelToken cancel = transport::makeCancelToken());
QFuture<Result<Usage>> usage(RelayClient &client);

} // namespace staffetta::client
