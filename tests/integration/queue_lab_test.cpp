// The queue verbs over SSH through the console's client, against the lab's real Postfix:
// mail to a domain whose server is down is deferred with the reason Postfix gave; hold,
// release, delete and flush move it as they say, reported per message.
#include "api/api.h"
#include "client/ops_client.h"
#include "client/relay_client.h"
#include "common/process.h"

#include "lab_helpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;
using api::QueueAction;

namespace {

class QueueLab : public LabTest
{
protected:
    // Sends one message (as bob: alice keeps a clean quota day for the quota tests) to the
    // unreachable domain and waits until it is deferred.
    client::QueueRow deferredMessage()
    {
        const Lab &lab = Lab::get();
        const QString tag = u"q-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        const QString to = tag + u'@' + lab.value(u"LAB_UNREACHABLE_DOMAIN"_s);
        const auto sent =
            send({u"bob"_s, u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s), {to}, {}, {}});
        EXPECT_TRUE(anyReplyStartsWith(sent, u"250 2.0.0 Ok: queued"_s)) << sent.out.toStdString();
        client::QueueRow found;
        waitUntil(
            [&] {
                auto listing =
                    await(client::queueList(admin, api::QueueListRequest{{.recipient = to}}));
                if (!listing || listing.value().rows.empty())
                    return false;
                found = listing.value().rows.front();
                return found.queue == u"deferred"_s;
            },
            30000);
        return found;
    }

    QString queueOf(const QString &id)
    {
        auto listing = await(client::queueList(admin, api::QueueListRequest{{.ids = {id}}}));
        EXPECT_TRUE(listing.ok());
        return listing && !listing.value().rows.empty() ? listing.value().rows.front().queue
                                                        : QString();
    }

    client::RelayClient admin = clientAs();
};

} // namespace

TEST_F(QueueLab, MailToAnUnreachableDomainIsDeferredWithItsReason)
{
    const client::QueueRow row = deferredMessage();
    ASSERT_EQ(row.queue, u"deferred"_s) << "never deferred";
    EXPECT_EQ(row.sender, u"bob@"_s + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s));
    EXPECT_TRUE(row.reason.contains(u"Connection refused"_s)) << row.reason.toStdString();
    EXPECT_TRUE(row.reason.contains(Lab::get().value(u"LAB_UNREACHABLE_PORT"_s)))
        << row.reason.toStdString();

    // info counts the queue directories; the listing is showq's: they agree. (A retry moves
    // the message between deferred and active, never out of the total.)
    auto info = await(admin.info());
    auto listing = await(client::queueList(admin, {}));
    ASSERT_TRUE(info.ok() && listing.ok());
    EXPECT_EQ(info.value().queuedTotal(), listing.value().total);
    EXPECT_GE(info.value().queues.value(u"deferred"_s) + info.value().queues.value(u"active"_s), 1);

    // show: the envelope names the SASL account; the headers and the reason are there.
    auto shown = await(client::queueShow(admin, row.id));
    ASSERT_TRUE(shown.ok()) << shown.error().message.toStdString();
    EXPECT_EQ(shown.value().account, u"bob"_s);
    EXPECT_EQ(shown.value().id, row.id);
    ASSERT_FALSE(shown.value().recipients.isEmpty());
    EXPECT_TRUE(shown.value().recipients[0].delayReason.contains(u"Connection refused"_s))
        << shown.value().recipients[0].delayReason.toStdString();
    EXPECT_FALSE(shown.value().headers.isEmpty());

    auto deleted = await(client::queueAction(admin, QueueAction::Delete, {row.id}));
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(deleted.value().value(0).outcome, u"deleted"_s);
}

TEST_F(QueueLab, HoldReleaseDeleteAndFlushDoWhatTheySay)
{
    const client::QueueRow row = deferredMessage();
    ASSERT_EQ(row.queue, u"deferred"_s);

    auto held = await(client::queueAction(admin, QueueAction::Hold, {row.id, u"ABCDEF123"_s}));
    ASSERT_TRUE(held.ok()) << held.error().message.toStdString();
    ASSERT_EQ(held.value().size(), 2);
    EXPECT_EQ(held.value()[0].outcome, u"held"_s);
    EXPECT_EQ(held.value()[1].outcome, u"not_found"_s);
    EXPECT_EQ(queueOf(row.id), u"hold"_s);
    // Holding again changes nothing, and says so.
    auto again = await(client::queueAction(admin, QueueAction::Hold, {row.id}));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value().value(0).outcome, u"unchanged"_s);
    // Flush does not touch mail on hold.
    auto flushHeld = await(client::queueAction(admin, QueueAction::Flush, {row.id}));
    ASSERT_TRUE(flushHeld.ok());
    EXPECT_EQ(flushHeld.value().value(0).outcome, u"unchanged"_s);

    auto released = await(client::queueAction(admin, QueueAction::Release, {row.id}));
    ASSERT_TRUE(released.ok());
    EXPECT_EQ(released.value().value(0).outcome, u"released"_s);
    EXPECT_NE(queueOf(row.id), u"hold"_s);

    // The unreachable server comes up; flush delivers the message now, not in an hour.
    const Lab &lab = Lab::get();
    QTemporaryDir sinkDir;
    QFile::setPermissions(sinkDir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::WriteOther | QFileDevice::ExeOther);
    QProcess sink;
    sink.start(u"smtp-sink"_s, {u"-u"_s, u"nobody"_s, u"-d"_s, sinkDir.path() + u"/%M."_s,
                                u"127.0.0.1:"_s + lab.value(u"LAB_UNREACHABLE_PORT"_s), u"10"_s});
    ASSERT_TRUE(sink.waitForStarted());
    ASSERT_TRUE(waitUntil([&] { return queueOf(row.id) == u"deferred"_s; }, 10000));
    auto flushed = await(client::queueAction(admin, QueueAction::Flush, {row.id}));
    ASSERT_TRUE(flushed.ok()) << flushed.error().message.toStdString();
    EXPECT_EQ(flushed.value().value(0).outcome, u"scheduled"_s);
    EXPECT_TRUE(waitUntil([&] { return queueOf(row.id).isEmpty(); }, 30000))
        << "still queued after flush";
    EXPECT_TRUE(waitUntil([&] { return !QDir(sinkDir.path()).isEmpty(); }, 10000))
        << "the sink received nothing";
    sink.kill();
    sink.waitForFinished();

    // delete: gone from the queue, and the report says so.
    const client::QueueRow other = deferredMessage();
    auto deleted = await(client::queueAction(admin, QueueAction::Delete, {other.id}));
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(deleted.value().value(0).outcome, u"deleted"_s);
    EXPECT_TRUE(queueOf(other.id).isEmpty());
}

TEST_F(QueueLab, OnlyAdminsChangeTheQueue)
{
    const client::QueueRow row = deferredMessage();
    auto helpdesk = clientAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    // Helpdesk reads the queue...
    auto listing = await(client::queueList(helpdesk, api::QueueListRequest{{.ids = {row.id}}}));
    ASSERT_TRUE(listing.ok()) << listing.error().message.toStdString();
    EXPECT_EQ(listing.value().rows.size(), 1u);
    // ...but may not delete from it.
    auto refused = await(client::queueAction(helpdesk, QueueAction::Delete, {row.id}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(queueOf(row.id), u"deferred"_s);
    ASSERT_TRUE(await(client::queueAction(admin, QueueAction::Delete, {row.id})).ok());
}

TEST_F(QueueLab, NamedMessagesAreReadFromTheirOwnFilesNeverByListingTheQueue)
{
    // Every Postfix tool staffettactl runs goes through a wrapper that writes down its call:
    // a listing of the queue (`postqueue -j`/`-p`, showq) would show up there.
    const client::QueueRow row = deferredMessage();
    ASSERT_EQ(row.queue, u"deferred"_s);
    QTemporaryDir dir;
    const QString log = dir.filePath(u"calls.log"_s);
    for (const QString &tool : {u"postcat"_s, u"postconf"_s, u"postqueue"_s, u"postsuper"_s,
                                u"postmap"_s, u"postfix"_s, u"sendmail"_s}) {
        QFile wrapper(dir.filePath(tool));
        ASSERT_TRUE(wrapper.open(QIODevice::WriteOnly));
        wrapper.write(("#!/bin/sh\necho \"" + tool.toUtf8() + " $*\" >>'" + log.toUtf8() +
                       "'\nexec /usr/sbin/" + tool.toUtf8() + " \"$@\"\n"));
        wrapper.close();
        wrapper.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ExeOwner);
    }
    QByteArray conf = readFile(Lab::get().value(u"LAB_STAFFETTA_CONF"_s));
    conf.replace("[postfix]\n", "[postfix]\ncommand_dir=" + dir.path().toUtf8() + '\n');
    const QString confPath = dir.filePath(u"staffetta.conf"_s);
    QFile confFile(confPath);
    ASSERT_TRUE(confFile.open(QIODevice::WriteOnly));
    confFile.write(conf);
    confFile.close();
    const auto ctlWrapped = [&](const QStringList &words) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"STAFFETTA_CONF"_s, confPath);
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("STAFFETTACTL"), words + QStringList{u"--json"_s});
        p.closeWriteChannel(); // no request on stdin
        p.waitForFinished(60000);
        return api::parseResponse(p.readAllStandardOutput(), p.readAllStandardError(),
                                  p.exitCode());
    };

    auto shown = ctlWrapped({u"queue"_s, u"show"_s, row.id, u"ABCDEF123"_s});
    ASSERT_TRUE(shown.ok()) << shown.error().message.toStdString();
    const QJsonArray messages = shown.value().value(u"messages"_s).toArray();
    ASSERT_EQ(messages.size(), 1);
    // The same object showq lists for it, the delay reason included.
    const QJsonObject m = messages[0].toObject().value(u"message"_s).toObject();
    EXPECT_EQ(m.value(u"queue_id"_s).toString(), row.id);
    EXPECT_EQ(m.value(u"queue_name"_s).toString(), u"deferred"_s);
    EXPECT_EQ(m.value(u"sender"_s).toString(), row.sender);
    EXPECT_EQ(qint64(m.value(u"arrival_time"_s).toDouble()), row.arrival);
    EXPECT_EQ(m.value(u"message_size"_s).toInteger(), row.size);
    EXPECT_TRUE(m.value(u"recipients"_s)[0][u"delay_reason"_s].toString().contains(
        u"Connection refused"_s));
    EXPECT_EQ(shown.value().value(u"not_found"_s).toArray(), QJsonArray{u"ABCDEF123"_s});

    for (const QString &action : {u"hold"_s, u"release"_s, u"requeue"_s, u"delete"_s}) {
        auto acted = ctlWrapped({u"queue"_s, action, row.id});
        ASSERT_TRUE(acted.ok()) << action.toStdString() << acted.error().message.toStdString();
        EXPECT_NE(acted.value()[u"results"_s][0][u"outcome"_s].toString(), u"not_found"_s)
            << action.toStdString();
    }
    const QString calls = QString::fromUtf8(readFile(log));
    EXPECT_TRUE(calls.contains(u"postcat "_s)) << calls.toStdString();
    EXPECT_TRUE(calls.contains(u"postsuper "_s)) << calls.toStdString();
    EXPECT_FALSE(calls.contains(u"postqueue"_s)) << calls.toStdString();
}
