#pragma once

#include "common/result.h"
#include "diff.h"
#include "policy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>

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
    // Written but not yet known to be live and audited (see PolicyStore::commit).
    bool pending = false;

    QJsonObject toJson() const;
    static RevisionInfo fromJson(const QJsonObject &o);
};

// The relay's policy file and every revision of it. The live file (the one staffettad
// reads) is only ever replaced by rename, after the new revision is safely on disk, so a
// reader or a crash sees the old or the new policy, never a torn one.
//
// Layout under STATE_DIR/policy: revisions/NNNNNN.json (the exact bytes),
// revisions/NNNNNN.meta.json (RevisionInfo; a revision exists once its meta does), lock
// (flock for writers).
//
// A commit and its audit row are one step, whatever point a crash (kill -9, power) stops it
// at: the revision is written as *pending* (bytes, then meta), made live (rename), audited
// (the Recorder), then marked done. The next holder of the lock finishes or undoes what a
// crash left (see recover()):
// - bytes without a meta, or a temporary file: a write that never finished, removed;
// - a pending revision whose sha256 is the live file's: it was made live, so its audit row is
//   recorded (the Recorder is idempotent) with its own author and time, and it is marked done;
// - a pending revision whose sha256 is not the live file's: it never became live, removed
//   (no trace), so it is never mistaken for an edit made outside Staffetta.
class PolicyStore
{
public:
    // Records the audit row of a revision made live. It may run again for a revision it
    // already recorded (after a crash before the revision was marked done): it must then
    // record nothing new.
    using Recorder = std::function<Result<Done>(const RevisionInfo &)>;

    PolicyStore(QString policyFile, QString stateDir, Recorder recorder);

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
        // With Live::MayBeBroken, why the live file could not be used (missing, unreadable,
        // invalid); `policy` is then revision `revision`'s and `bytes` what the file held.
        QString liveProblem;
        // A revision that is live but whose audit row could not be recorded (it stays
        // pending and is recorded again by the next holder of the lock).
        QString unrecorded;
    };
    enum class Live {
        MustParse,  // a broken live file is an error (reads, apply)
        MayBeBroken // a broken live file is reported in liveProblem (rollback restores one)
    };
    // The live policy and its revision, after recover(). A live file that matches no
    // revision (edited by hand, or a relay that predates Staffetta's revisions) is recorded
    // as a new revision first, so every state the relay was in stays in the history. Hold
    // the lock.
    Result<Current> current(const Author &reader, Live live = Live::MustParse);

    struct Committed
    {
        RevisionInfo info;
        QString unrecorded; // the Recorder's error: the revision is live, its audit row not yet
    };
    // Records `next` as revision current.revision + 1, makes it live and has it audited
    // (see the class comment). On an error the live file is what it was. Hold the lock.
    Result<Committed> commit(const Current &current, const Policy &next, RevisionInfo info);

    Result<Policy> revision(int number) const;
    Result<RevisionInfo> revisionInfo(int number) const;
    // Newest first; at most `limit` entries (0 = all).
    Result<QList<RevisionInfo>> history(int limit = 0) const;

    QString revisionsDir() const;

private:
    int latestNumber() const;
    QString revisionPath(int number, const QString &suffix) const;
    Result<Done> writeRevision(const QByteArray &bytes, const RevisionInfo &info);
    Result<Done> removeRevision(int number) const;
    // Finishes or undoes what a crashed writer left (see the class comment). A Recorder
    // failure is not an error here: it is returned in `unrecorded`.
    Result<Done> recover(QString *unrecorded);

    QString m_policyFile;
    QString m_dir;
    Recorder m_recorder;
};

QString sha256Hex(const QByteArray &bytes);

} // namespace staffetta::policy
