// staffettactl killed (SIGKILL) at the real points of a policy commit, by strace's fault
// injection (no hook in the program): before the live file is replaced, after it is replaced
// but before the audit row, after the audit row but before the revision is marked done. The
// next reader must leave either no trace of the commit or a complete one under its author.
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QByteArray initialPolicy =
    R"({"schema_version": 1, "local_domains": ["lab.test"], "accounts": [{"login": "alice", "senders": ["alice@lab.test"]}]})";
const QByteArray applyRequest =
    R"({"base_revision": 1, "policy": {"schema_version": 1, "local_domains": ["lab.test"], "accounts": [{"login": "alice", "senders": ["alice@lab.test", "a2@lab.test"]}]}})";
const QString writerOrigin = u"198.51.100.9"_s;

// A relay state of its own: policy.json at revision 1, the state directory beside it.
class Relay
{
public:
    Relay()
    {
        EXPECT_TRUE(m_dir.isValid());
        write(u"staffetta.conf"_s,
              u"[policy]\nfile=%1\n[state]\ndir=%2\n[accounts]\ncredentials=local\n"
              u"passwd_file=%3\npasswd_group=root\n"_s
                  .arg(path(u"policy.json"_s), path(u"state"_s), path(u"passwd"_s))
                  .toUtf8());
        write(u"policy.json"_s, initialPolicy);
        EXPECT_EQ(ctl({u"policy"_s, u"get"_s}).exitCode, 0);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(path(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    QByteArray readPasswd() const
    {
        QFile f(path(u"passwd"_s));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QByteArray live() const
    {
        QFile f(path(u"policy.json"_s));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // staffettactl VERB --json as root from `origin`, under strace with `strace` arguments.
    ProcessOutput ctl(const QStringList &words, const QByteArray &input = {},
                      const QString &origin = u"203.0.113.5"_s, const QStringList &strace = {})
    {
        QStringList args{u"STAFFETTA_CONF="_s + path(u"staffetta.conf"_s),
                         u"SSH_CLIENT=%1 40000 22"_s.arg(origin)};
        if (!strace.isEmpty())
            args += QStringList{QStandardPaths::findExecutable(u"strace"_s), u"-qq"_s} + strace;
        args +=
            QStringList{qEnvironmentVariable("STAFFETTACTL")} + words + QStringList{u"--json"_s};
        return run(u"env"_s, args, input);
    }
    QJsonObject result(const QStringList &words)
    {
        const auto out = ctl(words);
        EXPECT_EQ(out.exitCode, 0) << out.out.toStdString() << out.err.toStdString();
        return QJsonDocument::fromJson(out.out).object().value(u"result"_s).toObject();
    }
    QList<QJsonObject> applyRows()
    {
        QList<QJsonObject> rows;
        for (const auto &e : result({u"audit"_s}).value(u"entries"_s).toArray()) {
            if (e[u"verb"_s].toString() == u"policy apply"_s)
                rows.append(e.toObject());
        }
        return rows;
    }
    QStringList leftovers() const
    {
        return QDir(m_dir.path()).entryList({u".*.tmp.*"_s}, QDir::Files | QDir::Hidden) +
               QDir(path(u"state/policy/revisions"_s))
                   .entryList({u".*.tmp.*"_s}, QDir::Files | QDir::Hidden);
    }

private:
    QTemporaryDir m_dir;
};

// Where in an apply the crash points are, as the n-th call of a syscall: found by tracing a
// whole apply on a relay of its own (so the test follows the program, not a hard-coded count).
struct CrashPoints
{
    int liveRename = 0; // rename(…, policy.json): the commit goes live
    int doneRename = 0; // the next rename: the revision marked done, after the audit row
    int auditOpen = 0;  // openat(state.sqlite): the audit row is about to be written
};

CrashPoints findCrashPoints()
{
    Relay scratch;
    const QString trace = scratch.path(u"trace"_s);
    const auto out = scratch.ctl({u"policy"_s, u"apply"_s}, applyRequest, writerOrigin,
                                 {u"-o"_s, trace, u"-e"_s, u"trace=rename,openat"_s});
    EXPECT_EQ(out.exitCode, 0) << out.out.toStdString() << out.err.toStdString();
    QFile f(trace);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    CrashPoints points;
    int renames = 0, openats = 0;
    const QString live = scratch.path(u"policy.json"_s);
    const QString db = scratch.path(u"state/state.sqlite"_s);
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u"rename("_s)) {
            ++renames;
            if (line.contains(u", \"%1\")"_s.arg(live)))
                points.liveRename = renames;
            else if (points.liveRename && !points.doneRename)
                points.doneRename = renames;
        } else if (line.startsWith(u"openat("_s)) {
            ++openats;
            if (!points.auditOpen && line.contains(u"\"%1\""_s.arg(db)))
                points.auditOpen = openats;
        }
    }
    EXPECT_TRUE(points.liveRename && points.auditOpen) << f.fileName().toStdString();
    return points;
}

class KilledCommit : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        ASSERT_FALSE(QStandardPaths::findExecutable(u"strace"_s).isEmpty())
            << "strace is missing (installer/install-deps installs it)";
        points = findCrashPoints();
    }
    // An apply from writerOrigin killed at the n-th call of `syscall`.
    void killedApply(const QString &syscall, int n)
    {
        const auto out =
            relay.ctl({u"policy"_s, u"apply"_s}, applyRequest, writerOrigin,
                      {u"-o"_s, u"/dev/null"_s, u"-e"_s, u"trace="_s + syscall, u"-e"_s,
                       u"inject=%1:signal=KILL:when=%2"_s.arg(syscall).arg(n)});
        // strace dies of the signal its tracee died of: a crash exit (-1), and no answer.
        ASSERT_EQ(out.exitCode, -1) << "not killed: " << out.out.toStdString();
        ASSERT_TRUE(out.out.isEmpty()) << out.out.toStdString();
    }

    static inline CrashPoints points;
    Relay relay;
};

} // namespace

TEST_F(KilledCommit, BeforeGoingLiveLeavesNoTrace)
{
    const QByteArray before = relay.live();
    killedApply(u"rename"_s, points.liveRename);
    EXPECT_EQ(relay.live(), before);

    // The next reader: revision 1, nothing "external", nothing audited, nothing left over.
    const QJsonObject history = relay.result({u"policy"_s, u"history"_s});
    EXPECT_EQ(history[u"current_revision"_s].toInt(), 1);
    EXPECT_EQ(history[u"revisions"_s].toArray().size(), 1);
    EXPECT_TRUE(relay.applyRows().isEmpty());
    EXPECT_EQ(relay.leftovers(), QStringList());
    EXPECT_FALSE(QFile::exists(relay.path(u"state/policy/revisions/000002.json"_s)));
}

TEST_F(KilledCommit, AfterGoingLiveBeforeTheAuditIsCompletedUnderItsAuthor)
{
    killedApply(u"openat"_s, points.auditOpen);
    EXPECT_TRUE(relay.live().contains("a2@lab.test"));
    EXPECT_TRUE(relay.applyRows().isEmpty()); // the crash left it unaudited

    // The next reader (another origin) completes it: the writer's revision and audit row.
    const QJsonObject history = relay.result({u"policy"_s, u"history"_s});
    EXPECT_EQ(history[u"current_revision"_s].toInt(), 2);
    const QJsonObject latest = history[u"revisions"_s][0].toObject();
    EXPECT_EQ(latest[u"kind"_s].toString(), u"apply"_s);
    EXPECT_EQ(latest[u"origin"_s].toString(), writerOrigin);
    EXPECT_FALSE(latest[u"pending"_s].toBool());
    const auto rows = relay.applyRows();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0][u"revision"_s].toInt(), 2);
    EXPECT_EQ(rows[0][u"origin"_s].toString(), writerOrigin);
    EXPECT_EQ(relay.leftovers(), QStringList());
}

TEST_F(KilledCommit, AfterTheAuditIsNotAuditedTwice)
{
    ASSERT_GT(points.doneRename, 0) << "nothing is written after the audit row";
    killedApply(u"rename"_s, points.doneRename);
    EXPECT_EQ(relay.applyRows().size(), 1);
    const QJsonObject history = relay.result({u"policy"_s, u"history"_s});
    EXPECT_EQ(history[u"current_revision"_s].toInt(), 2);
    EXPECT_EQ(history[u"revisions"_s][0][u"origin"_s].toString(), writerOrigin);
    EXPECT_FALSE(history[u"revisions"_s][0][u"pending"_s].toBool());
    EXPECT_EQ(relay.applyRows().size(), 1);
}

// accounts remove killed before its policy goes live, and after it went live but before the
// password is removed: the account is whole in the first case, gone in the second, and the
// next accounts verb (any caller, a read) commits nothing itself.
namespace {

void addGone(Relay &relay)
{
    const auto out =
        relay.ctl({u"accounts"_s, u"add"_s, u"gone"_s},
                  R"({"senders": ["gone@lab.test"], "password": "a-long-password-1"})");
    ASSERT_EQ(out.exitCode, 0) << out.out.toStdString() << out.err.toStdString();
    ASSERT_TRUE(relay.readPasswd().contains("gone:{ARGON2ID}"));
}

// The n-th rename of a whole `accounts remove` whose target is the file `name` of the relay.
int removalRenameOf(const QString &name)
{
    Relay scratch;
    addGone(scratch);
    const QString trace = scratch.path(u"trace"_s);
    const auto out = scratch.ctl({u"accounts"_s, u"remove"_s, u"gone"_s}, {}, writerOrigin,
                                 {u"-o"_s, trace, u"-e"_s, u"trace=rename"_s});
    EXPECT_EQ(out.exitCode, 0) << out.out.toStdString() << out.err.toStdString();
    QFile f(trace);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    int renames = 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.startsWith("rename("))
            continue;
        ++renames;
        if (line.contains(", \"" + scratch.path(name).toUtf8() + "\")"))
            return renames;
    }
    return 0;
}

void killedRemoval(Relay &relay, int rename)
{
    const auto out = relay.ctl({u"accounts"_s, u"remove"_s, u"gone"_s}, {}, writerOrigin,
                               {u"-o"_s, u"/dev/null"_s, u"-e"_s, u"trace=rename"_s, u"-e"_s,
                                u"inject=rename:signal=KILL:when=%1"_s.arg(rename)});
    ASSERT_EQ(out.exitCode, -1) << "not killed: " << out.out.toStdString();
}

int revisionCount(Relay &relay)
{
    return int(QDir(relay.path(u"state/policy/revisions"_s)).entryList({u"*.meta.json"_s}).size());
}

} // namespace

TEST(KilledAccountRemoval, BeforeThePolicyWentLiveTheAccountStaysWhole)
{
    const int liveRename = removalRenameOf(u"policy.json"_s);
    ASSERT_GT(liveRename, 0);
    Relay relay;
    addGone(relay);
    const int revisions = revisionCount(relay);
    killedRemoval(relay, liveRename);
    EXPECT_TRUE(relay.live().contains("gone@lab.test"));
    EXPECT_TRUE(relay.readPasswd().contains("gone:{ARGON2ID}")) << "the password went first";

    // The next call, a read from elsewhere: the account is listed with its password, the
    // intent is dropped, no revision is committed.
    const QJsonObject list = relay.result({u"accounts"_s, u"list"_s});
    EXPECT_TRUE(QJsonDocument(list).toJson().contains("gone"));
    EXPECT_TRUE(relay.live().contains("gone@lab.test"));
    EXPECT_TRUE(relay.readPasswd().contains("gone:{ARGON2ID}"));
    EXPECT_FALSE(QFile::exists(relay.path(u"state/accounts-removing.json"_s)));
    EXPECT_EQ(revisionCount(relay), revisions);
}

TEST(KilledAccountRemoval, AfterThePolicyWentLiveThePasswordIsRemovedByTheNextCall)
{
    const int passwdRename = removalRenameOf(u"passwd"_s);
    ASSERT_GT(passwdRename, removalRenameOf(u"policy.json"_s))
        << "the password is removed before the policy is committed";
    Relay relay;
    addGone(relay);
    const int revisions = revisionCount(relay);
    killedRemoval(relay, passwdRename);
    EXPECT_FALSE(relay.live().contains("gone@lab.test"));
    EXPECT_TRUE(relay.readPasswd().contains("gone:{ARGON2ID}"));

    // The next call (a list, from elsewhere) removes the password of the account the policy
    // no longer lists; the removal was audited once, under the remover's origin.
    const QJsonObject list = relay.result({u"accounts"_s, u"list"_s});
    EXPECT_FALSE(QJsonDocument(list).toJson().contains("gone"));
    EXPECT_FALSE(relay.readPasswd().contains("gone:"));
    EXPECT_FALSE(QFile::exists(relay.path(u"state/accounts-removing.json"_s)));
    int removals = 0;
    for (const auto &e : relay.result({u"audit"_s}).value(u"entries"_s).toArray()) {
        if (e[u"verb"_s].toString() != u"accounts remove"_s)
            continue;
        ++removals;
        EXPECT_EQ(e[u"origin"_s].toString(), writerOrigin);
    }
    EXPECT_EQ(removals, 1);
    EXPECT_EQ(revisionCount(relay), revisions + 1);
}
