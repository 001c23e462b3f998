#include "store.h"

#include "common/files.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
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
                       {u"changes"_s, changesToJson(changes)}};
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
    return r;
}

PolicyStore::PolicyStore(QString policyFile, QString stateDir)
    : m_policyFile(std::move(policyFile))
    , m_dir(QDir(stateDir).filePath(u"policy"_s))
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
    // The meta file first: a revision file without its meta is never listed as written.
    auto meta = writeFileAtomically(revisionPath(info.number, u".meta.json"_s),
                                    QJsonDocument(info.toJson()).toJson(QJsonDocument::Indented));
    if (!meta)
        return meta;
    return writeFileAtomically(revisionPath(info.number, u".json"_s), bytes);
}

Result<PolicyStore::Current> PolicyStore::current(const Author &reader)
{
    Current cur;
    cur.revision = latestNumber();
    QFile live(m_policyFile);
    if (!live.exists()) {
        if (cur.revision == 0)
            return cur; // a new relay: the empty policy, revision 0
        return Error(
            ErrorCode::NotFound,
            u"the policy file %1 is missing (revision %2 is the latest)"_s.arg(m_policyFile)
                .arg(cur.revision),
            {{u"path"_s, m_policyFile}});
    }
    if (!live.open(QIODevice::ReadOnly))
        return ioError(u"cannot read"_s, m_policyFile, live.errorString());
    cur.bytes = live.readAll();
    auto parsed = Policy::fromJson(cur.bytes);
    if (!parsed) {
        Error e = parsed.error();
        e.message =
            u"the policy file on the relay (%1) is invalid: %2"_s.arg(m_policyFile, e.message);
        return e;
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

Result<RevisionInfo> PolicyStore::commit(const Current &current, const Policy &next,
                                         RevisionInfo info)
{
    const QByteArray bytes = next.toJson();
    info.number = current.revision + 1;
    info.base = current.revision;
    info.time = QDateTime::currentDateTimeUtc();
    info.sha256 = sha256Hex(bytes);
    info.changes = diff(current.policy, next);
    auto written = writeRevision(bytes, info);
    if (!written)
        return written.error();
    auto live = writeFileAtomically(m_policyFile, bytes);
    if (!live) {
        // Not live: the revision must not claim to be the latest.
        QFile::remove(revisionPath(info.number, u".json"_s));
        QFile::remove(revisionPath(info.number, u".meta.json"_s));
        return live.error();
    }
    return info;
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
