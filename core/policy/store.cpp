#include "store.h"

#include "common/files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject RevisionInfo::toJson() const
{
    return QJsonObject{{u"revision"_s, number},
                       {u"base"_s, base},
                       {u"time"_s, time.toUTC().toString(Qt::ISODate)},
                       {u"kind"_s, kind},
                       {u"user"_s, author.user},
                       {u"role"_s, author.role},
                       {u"origin"_s, author.origin},
                       {u"comment"_s, comment},
                       {u"sha256"_s, sha256},
                       {u"changes"_s, changesToJson(changes)},
                       {u"pending"_s, pending}};
}

RevisionInfo RevisionInfo::fromJson(const QJsonObject &o)
{
    RevisionInfo r;
    r.number = o.value(u"revision"_s).toInt();
    r.base = o.value(u"base"_s).toInt();
    r.time = QDateTime::fromString(o.value(u"time"_s).toString(), Qt::ISODate);
    r.kind = o.value(u"kind"_s).toString();
    r.author = {o.value(u"user"_s).toString(), o.value(u"role"_s).toString(),
                o.value(u"origin"_s).toString()};
    r.comment = o.value(u"comment"_s).toString();
    r.sha256 = o.value(u"sha256"_s).toString();
    r.changes = changesFromJson(o.value(u"changes"_s).toArray()).valueOr({});
    r.pending = o.value(u"pending"_s).toBool();
    return r;
}

PolicyStore::PolicyStore(QString policyFile, QString stateDir, Recorder recorder)
    : m_policyFile(std::move(policyFile))
    , m_dir(QDir(stateDir).filePath(u"policy"_s))
    , m_recorder(std::move(recorder))
{}

PolicyStore::Lock::Lock(Lock &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
{}

PolicyStore::Lock::~Lock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

QString PolicyStore::revisionsDir() const
{
    return QDir(m_dir).filePath(u"revisions"_s);
}

Result<PolicyStore::Lock> PolicyStore::lock(int timeoutMs) const
{
    if (!QDir().mkpath(revisionsDir()))
        return ioError(u"cannot create"_s, revisionsDir(), u"mkdir failed"_s);
    const QString path = QDir(m_dir).filePath(u"lock"_s);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(u"cannot open"_s, path, QString::fromLocal8Bit(std::strerror(errno)));
    for (int waited = 0;; waited += 20) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return Lock(fd);
        if (errno != EWOULDBLOCK || waited >= timeoutMs) {
            ::close(fd);
            return Error(ErrorCode::Unavailable,
                         u"another change to the policy is in progress; try again"_s);
        }
        QThread::msleep(20);
    }
}

QString PolicyStore::revisionPath(int number, const QString &suffix) const
{
    return QDir(revisionsDir())
        .filePath(u"%1%2"_s.arg(number, 6, 10, QLatin1Char('0')).arg(suffix));
}

int PolicyStore::latestNumber() const
{
    static const QRegularExpression name(u"^(\\d+)\\.json$"_s);
    int latest = 0;
    const QStringList files = QDir(revisionsDir()).entryList({u"*.json"_s}, QDir::Files);
    for (const QString &f : files) {
        const auto m = name.match(f);
        if (m.hasMatch())
            latest = std::max(latest, m.captured(1).toInt());
    }
    return latest;
}

Result<Done> PolicyStore::writeRevision(const QByteArray &bytes, const RevisionInfo &info)
{
    // The bytes first: a revision exists once its meta does, so a crash in between leaves
    // bytes without a meta, which recover() removes.
    auto written = writeFileAtomically(revisionPath(info.number, u".json"_s), bytes);
    if (!written)
        return written;
    written = writeFileAtomically(revisionPath(info.number, u".meta.json"_s),
                                  QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented));
    if (!written)
        (void)removeRevision(info.number); // the write's error is the one to report
    return written;
}

Result<Done> PolicyStore::removeRevision(int number) const
{
    // The meta first: without it the revision no longer exists, whatever else remains.
    for (const QString &suffix : {u".meta.json"_s, u".json"_s}) {
        QFile f(revisionPath(number, suffix));
        if (f.exists() && !f.remove())
            return ioError(u"cannot remove"_s, f.fileName(), f.errorString());
    }
    return Done{};
}

Result<Done> PolicyStore::recover(QString *unrecorded)
{
    // Temporary files of writes killed half-way (writeFileAtomically's names). Under the lock
    // no other writer of these files runs.
    const QFileInfo live(m_policyFile);
    const QList<std::pair<QString, QString>> leftovers{
        {revisionsDir(), u".*.tmp.??????"_s},
        {live.absolutePath(), u"."_s + live.fileName() + u".tmp.??????"_s}};
    for (const auto &[dir, pattern] : leftovers) {
        const QDir d(dir);
        for (const QString &name : d.entryList({pattern}, QDir::Files | QDir::Hidden)) {
            QFile leftover(d.filePath(name));
            if (!leftover.remove())
                return ioError(u"cannot remove"_s, leftover.fileName(), leftover.errorString());
        }
    }

    for (int n = latestNumber(); n > 0; n = latestNumber()) {
        auto info = revisionInfo(n);
        if (info && !info.value().pending)
            return Done{};
        if (info) {
            QFile f(m_policyFile);
            const QByteArray bytes = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
            if (sha256Hex(bytes) == info.value().sha256) {
                // Made live before the crash: finish its commit under its own author.
                RevisionInfo done = info.value();
                if (auto recorded = m_recorder(done); !recorded) {
                    *unrecorded = recorded.error().message;
                    return Done{};
                }
                done.pending = false;
                return writeFileAtomically(revisionPath(n, u".meta.json"_s),
                                           QJsonDocument(done.toJson()).toJson());
            }
        }
        // Bytes without a meta, or pending and never made live: no trace of it may remain.
        if (auto removed = removeRevision(n); !removed)
            return removed;
    }
    return Done{};
}

Result<PolicyStore::Current> PolicyStore::current(const Author &reader, Live mode)
{
    Current cur;
    if (auto recovered = recover(&cur.unrecorded); !recovered)
        return recovered.error();
    cur.revision = latestNumber();

    // A live file that is missing or broken: with Live::MayBeBroken (rollback, an admin's
    // account verbs) the newest revision that is a valid policy stands in for it, with why the
    // file is unusable: what staffettad still enforces (it never loads an invalid file). The
    // latest revision itself may be invalid: written by a version that did not check the whole
    // policy, or by hand.
    auto broken = [&](Error e) -> Result<Current> {
        constexpr int searched = 100;
        int good = cur.revision;
        Result<Policy> valid = Error(ErrorCode::InvalidPolicy, {});
        for (; good > 0 && good > cur.revision - searched; --good) {
            if ((valid = revision(good)))
                break;
        }
        if (mode == Live::MustParse || !valid) {
            if (valid)
                e.message +=
                    u"; `staffettactl policy rollback %1` restores revision %1, the newest valid "
                    u"one"_s.arg(good);
            e.details.insert(u"live_file"_s, m_policyFile); // what a front-end may hide
            return e;
        }
        cur.policy = std::move(valid).value();
        cur.liveProblem = good == cur.revision ? e.message
                                               : u"%1 (revision %2 is the newest valid one)"_s.arg(
                                                     e.message, QString::number(good));
        return cur;
    };

    QFile live(m_policyFile);
    if (!live.exists()) {
        if (cur.revision == 0)
            return cur; // a new relay: the empty policy, revision 0
        return broken(
            Error(ErrorCode::NotFound,
                  u"the policy file %1 is missing (revision %2 is the latest)"_s.arg(m_policyFile)
                      .arg(cur.revision),
                  {{u"path"_s, m_policyFile}}));
    }
    if (!live.open(QIODevice::ReadOnly))
        return broken(ioError(u"cannot read"_s, m_policyFile, live.errorString()));
    cur.bytes = live.readAll();
    auto parsed = Policy::fromJson(cur.bytes);
    if (!parsed) {
        Error e = parsed.error();
        e.message =
            u"the policy file on the relay (%1) is invalid: %2"_s.arg(m_policyFile, e.message);
        return broken(e);
    }
    cur.policy = std::move(parsed).value();

    QByteArray latest;
    if (cur.revision > 0) {
        QFile f(revisionPath(cur.revision, u".json"_s));
        if (f.open(QIODevice::ReadOnly))
            latest = f.readAll();
    }
    if (cur.revision > 0 && latest == cur.bytes)
        return cur;

    // The live file is not the latest revision: keep it as one.
    RevisionInfo info;
    info.number = cur.revision + 1;
    info.base = cur.revision;
    info.time = QDateTime::currentDateTimeUtc();
    info.kind = cur.revision == 0 ? u"initial"_s : u"external"_s;
    info.author = reader;
    info.comment = cur.revision == 0 ? u"the policy found on the relay"_s
                                     : u"the policy file was changed outside Staffetta"_s;
    info.sha256 = sha256Hex(cur.bytes);
    if (cur.revision > 0) {
        if (auto previous = revision(cur.revision))
            info.changes = diff(previous.value(), cur.policy);
    }
    auto written = writeRevision(cur.bytes, info);
    if (!written)
        return written.error();
    cur.revision = info.number;
    return cur;
}

Result<PolicyStore::Committed> PolicyStore::commit(const Current &current, const Policy &next,
                                                   RevisionInfo info)
{
    const QByteArray bytes = next.toJson();
    info.number = current.revision + 1;
    info.base = current.revision;
    info.time = QDateTime::currentDateTimeUtc();
    info.sha256 = sha256Hex(bytes);
    info.changes = diff(current.policy, next);
    info.pending = true;
    auto written = writeRevision(bytes, info);
    if (!written)
        return written.error();
    if (auto live = writeFileAtomically(m_policyFile, bytes); !live) {
        // Not replaced: the pending revision is removed. Replaced but not synced: it is live
        // and recorded as such. recover() knows which from the live file's bytes.
        QString unrecorded;
        (void)recover(&unrecorded); // the write's error is the one to report
        return live.error();
    }
    Committed committed{info, {}};
    if (auto recorded = m_recorder(info); !recorded) {
        committed.unrecorded = recorded.error().message;
        return committed; // stays pending: the next holder of the lock records it
    }
    committed.info.pending = false;
    // If this fails the revision stays pending, live and recorded: the next holder of the
    // lock marks it done (the Recorder records nothing twice).
    (void)writeFileAtomically(revisionPath(info.number, u".meta.json"_s),
                              QJsonDocument(committed.info.toJson()).toJson());
    return committed;
}

Result<Policy> PolicyStore::revision(int number) const
{
    if (number == 0)
        return Policy{};
    QFile f(revisionPath(number, u".json"_s));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, u"there is no revision %1"_s.arg(number),
                     {{u"revision"_s, number}});
    return Policy::fromJson(f.readAll());
}

Result<RevisionInfo> PolicyStore::revisionInfo(int number) const
{
    QFile f(revisionPath(number, u".meta.json"_s));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, u"there is no revision %1"_s.arg(number),
                     {{u"revision"_s, number}});
    return RevisionInfo::fromJson(QJsonDocument::fromJson(f.readAll()).object());
}

Result<QList<RevisionInfo>> PolicyStore::history(int limit) const
{
    QList<RevisionInfo> out;
    for (int n = latestNumber(); n > 0 && (limit <= 0 || out.size() < limit); --n) {
        if (auto info = revisionInfo(n))
            out.append(info.value());
    }
    return out;
}

} // namespace staffetta::policy
