#pragma once

#include "common/result.h"
#include "diff.h"
#include "policy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace staffetta::policy {

// Who made a change, as the relay saw it.
struct Author
{
    QString user;   // the calling Unix user
    QString role;   // admin, partner, ...
    QString origin; // the SSH client's address, or "local"
};

struct RevisionInfo
{
    int number = 0;
    int base = 0; // the revision it was based on (0 for the first)
    QDateTime time;
    QString kind; // "apply", "rollback", "external" (edited outside Staffetta), "initial"
    Author author;
    QString comment;
    QString sha256;
    QList<Change> changes; // from `base` to this revision

    QJsonObject toJson() const;
    static RevisionInfo fromJson(const QJsonObject &o);
};

// The relay's policy file and every revision of it. The live file (the one staffettad
// reads) is only ever replaced by rename, after the new revision is safely on disk, so a
// reader or a crash sees the old or the new policy, never a torn one.
//
// Layout under STATE_DIR/policy: revisions/NNNNNN.json (the exact bytes),
// revisions/NNNNNN.meta.json (RevisionInfo), lock (flock for writers).
class PolicyStore
{
public:
    PolicyStore(QString policyFile, QString stateDir);

    // An exclusive lock held for a read-check-write sequence; released on destruction.
    class Lock
    {
    public:
        Lock(Lock &&other) noexcept;
        Lock &operator=(Lock &&) = delete;
        ~Lock();

    private:
        friend class PolicyStore;
        explicit Lock(int fd)
            : m_fd(fd)
        {}
        int m_fd = -1;
    };
    Result<Lock> lock(int timeoutMs = 10000) const;

    struct Current
    {
        int revision = 0;
        QByteArray bytes;
        Policy policy;
    };
    // The live policy and its revision. A live file that matches no revision (edited by
    // hand, or a relay that predates Staffetta's revisions) is recorded as a new revision
    // first, so every state the relay was in stays in the history. Hold the lock.
    Result<Current> current(const Author &reader);

    // Records `next` as revision current.revision + 1 and makes it live. Hold the lock.
    Result<RevisionInfo> commit(const Current &current, const Policy &next, RevisionInfo info);

    Result<Policy> revision(int number) const;
    Result<RevisionInfo> revisionInfo(int number) const;
    // Newest first; at most `limit` entries (0 = all).
    Result<QList<RevisionInfo>> history(int limit = 0) const;

    QString revisionsDir() const;

private:
    int latestNumber() const;
    QString revisionPath(int number, const QString &suffix) const;
    Result<Done> writeRevision(const QByteArray &bytes, const RevisionInfo &info);

    QString m_policyFile;
    QString m_dir;
};

QString sha256Hex(const QByteArray &bytes);

} // namespace staffetta::policy
