// What the relay keeps on disk after real writes through SSH (an apply as the lab's partner
// under sudo, a whitelist change as admin): nothing is world-readable.
#include "client/ops_client.h"
#include "client/policy_client.h"
#include "client/relay_client.h"

#include "lab_helpers.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The file's mode as stat(2) gives it, or -1 when it does not exist.
int modeOf(const QString &path)
{
    struct stat st
    {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

TEST_F(LabTest, WrittenRelayFilesAreNotWorldReadable)
{
    client::RelayClient admin = clientAs(u"LAB_SSH_USER"_s, u"LAB_SSH_KEY"_s);
    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    // The whole policy, to put back at the end (the partner sees only its accounts).
    auto before = await(client::policyGet(admin));
    ASSERT_TRUE(before.ok()) << before.error().message.toStdString();
    auto got = await(client::policyGet(partner));
    ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
    const policy::Policy original = got.value().policy;
    policy::Policy edited = original;
    edited.account(u"bob"_s)->senders.append(*policy::SenderPattern::parse(u"modes@bob.example"_s));
    edited.reindex();
    auto applied = await(client::policyApply(partner, got.value().revision, edited));
    ASSERT_TRUE(applied.ok()) << applied.error().message.toStdString();
    EXPECT_TRUE(applied.value().reloaded) << applied.value().reloadMessage.toStdString();
    const QString address = u"192.0.2.141"_s;
    ASSERT_TRUE(await(client::whitelistAdd(admin, address, u"modes test"_s)).ok());

    const QDir state(Lab::get().value(u"LAB_STATE_DIR"_s));
    QStringList files{Lab::get().value(u"LAB_POLICY_FILE"_s),
                      Lab::get().value(u"LAB_STAFFETTAD_LOG"_s),
                      state.filePath(u"state.sqlite"_s),
                      state.filePath(u"staffettad.loaded"_s),
                      state.filePath(u"whitelist.json"_s),
                      QDir(Lab::get().value(u"LAB_FAIL2BAN_CONFIG"_s))
                          .filePath(u"jail.d/staffetta-whitelist.local"_s)};
    for (const QString &optional : {u"state.sqlite-wal"_s, u"state.sqlite-shm"_s}) {
        if (QFileInfo::exists(state.filePath(optional)))
            files.append(state.filePath(optional));
    }
    const QDir revisions(state.filePath(u"policy/revisions"_s));
    const QStringList revisionFiles = revisions.entryList(QDir::Files);
    EXPECT_GE(revisionFiles.size(), 4); // at least two revisions, bytes and meta
    for (const QString &name : revisionFiles)
        files.append(revisions.filePath(name));

    for (const QString &file : files) {
        const int mode = modeOf(file);
        EXPECT_NE(mode, -1) << file.toStdString() << " is missing";
        EXPECT_EQ(mode & 07, 0) << file.toStdString() << " has mode 0" << std::oct << mode;
    }
    for (const QString &dir : {state.path(), revisions.path()})
        EXPECT_EQ(modeOf(dir) & 07, 0) << dir.toStdString() << " is open to everyone";

    // Put the lab back.
    EXPECT_TRUE(await(client::whitelistRemove(admin, address)).ok());
    auto now = await(client::policyGet(admin));
    ASSERT_TRUE(now.ok());
    EXPECT_TRUE(
        await(client::policyApply(admin, now.value().revision, before.value().policy)).ok());
}
