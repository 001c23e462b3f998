// The content milter through the lab relay, with real clients (swaks, Python's smtplib and
// email, poplib): forbidden attachments refused with the customers' notice, the BCC archive,
// the quota charged only for what the milter passed, a stopped milter tempfailing.
#include "lab_helpers.h"
#include "policy/engine.h"
#include "stats/stats_store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QString blackhole(const QString &local)
{
    return local + u'@' + labValue("LAB_BLACKHOLE_DOMAIN");
}

QString senderOf(const QString &login)
{
    return login + u'@' + labValue("LAB_LOCAL_DOMAIN");
}

// tests/integration/content_mail.py: a message built the way mail clients build it.
QJsonObject mail(const QStringList &args, const QJsonObject &spec)
{
    const auto out = run(u"python3"_s,
                         QStringList{qEnvironmentVariable("STAFFETTA_SOURCE_DIR") +
                                     u"/tests/integration/content_mail.py"_s} +
                             args,
                         QJsonDocument(spec).toJson(), 120000);
    EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
    return QJsonDocument::fromJson(out.out).object();
}

QJsonObject submit(const QString &kind, const QString &login, const QStringList &to)
{
    return mail({u"send"_s, kind}, {{u"host"_s, labValue("LAB_SMTP_HOST")},
                                    {u"port"_s, Lab::get().port(u"LAB_SUBMISSION_PORT"_s)},
                                    {u"user"_s, login},
                                    {u"password"_s, Lab::get().accounts().value(login)},
                                    {u"sender"_s, senderOf(login)},
                                    {u"to"_s, QJsonArray::fromStringList(to)}});
}

QStringList archived()
{
    const QJsonObject r = mail({u"pop3"_s}, {{u"host"_s, labValue("LAB_SMTP_HOST")},
                                             {u"port"_s, Lab::get().port(u"LAB_POP3_PORT"_s)},
                                             {u"user"_s, labValue("LAB_ARCHIVE_MAILBOX")},
                                             {u"password"_s, labValue("LAB_ARCHIVE_PASSWORD")}});
    QStringList out;
    for (const auto &m : r.value(u"messages"_s).toArray())
        out.append(m.toString());
    return out;
}

QString milterLoadedSha()
{
    const QByteArray m =
        readFile(QDir(labValue("LAB_STATE_DIR")).filePath(u"staffetta-milter.loaded"_s));
    return QJsonDocument::fromJson(m).object().value(u"sha256"_s).toString();
}

// Sets an account's content override (empty: none) through `policy apply`, and waits until
// the milter has it in force too.
void setAccountContent(const QString &login, const QJsonObject &content)
{
    const QJsonObject applied =
        setAccountKey(login, u"content"_s,
                      content.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(content),
                      u"content test"_s);
    ASSERT_TRUE(applied.value(u"reloaded"_s).toBool());
    const QString sha = applied.value(u"sha256"_s).toString();
    ASSERT_TRUE(waitUntil([&] { return milterLoadedSha() == sha; }, 15000))
        << "the milter never loaded it";
}

class Content : public LabTest
{};

} // namespace

TEST_F(Content, AForbiddenAttachmentIsRefusedWithTheNoticeNamingItAndLogged)
{
    QFile zip(QDir::temp().filePath(u"esempio.zip"_s));
    ASSERT_TRUE(zip.open(QIODevice::WriteOnly));
    zip.write("PK\x03\x04 not really a zip");
    zip.close();
    const int before = quotaUsed(u"bob"_s);
    const auto out = send({u"bob"_s,
                           senderOf(u"bob"_s),
                           {blackhole(u"zip-victim"_s)},
                           {u"--attach"_s, u"@"_s + zip.fileName()},
                           {}});
    const QStringList r = replies(out);
    EXPECT_TRUE(r.contains(u"554-5.7.1 L'allegato \"esempio.zip\" ha violato la politica di "
                           u"sicurezza della vostra azienda."_s))
        << r.join(u"\n"_s).toStdString();
    EXPECT_TRUE(r.contains(u"554 5.7.1 La spedizione e' stata bloccata. Per ulteriori "
                           u"informazioni, contattare l'Amministratore IT"_s))
        << r.join(u"\n"_s).toStdString();
    // Never charged: the milter refused it after the policy service had said yes.
    EXPECT_EQ(quotaUsed(u"bob"_s), before);
    EXPECT_TRUE(sinkFilesWith(blackhole(u"zip-victim"_s)).isEmpty());
    const QByteArray log = readFile(labValue("LAB_MILTER_LOG"));
    EXPECT_TRUE(log.contains("reject: attachment account bob sender <bob@lab.test> attachment "
                             "\"esempio.zip\" queue id "))
        << log.right(500).toStdString();
    // Counted as a refusal for the attachment in the account's hourly stats (SQLite, written
    // by staffettad's writer thread).
    const qint64 hour = QDateTime::currentSecsSinceEpoch() / 3600;
    EXPECT_TRUE(waitUntil(
        [&] {
            auto store = stats::StatsStore::open(
                QDir(labValue("LAB_STATE_DIR")).filePath(u"state.sqlite"_s));
            return store && store.value()->sum(u"bob"_s, policy::metric::RejectedAttachment,
                                               hour - 1, hour + 1) > 0;
        },
        15000));
}

TEST_F(Content, NamesAreReadTheWayMailClientsReadThem)
{
    for (const QString &kind : {u"rfc2231_exe"_s, u"nested_exe"_s, u"upper_pdf_exe"_s}) {
        const QJsonObject r = submit(kind, u"bob"_s, {blackhole(u"names"_s)});
        EXPECT_EQ(r.value(u"code"_s).toInt(), 554) << kind.toStdString();
        EXPECT_TRUE(r.value(u"reply"_s).toString().contains(u"L'allegato"_s))
            << kind.toStdString() << ": " << r.value(u"reply"_s).toString().toStdString();
    }
    const QJsonObject r = submit(u"rfc2231_exe"_s, u"bob"_s, {blackhole(u"names"_s)});
    // The decoded name, made plain ASCII for the reply.
    EXPECT_TRUE(r.value(u"reply"_s).toString().contains(u"\"fattura-?.exe\""_s))
        << r.value(u"reply"_s).toString().toStdString();
}

TEST_F(Content, AllowedAttachmentsAndPlainMailPassUnchanged)
{
    const QJsonObject pdf = submit(u"pdf"_s, u"bob"_s, {blackhole(u"pdf-ok"_s)});
    EXPECT_EQ(pdf.value(u"code"_s).toInt(), 250) << pdf.value(u"reply"_s).toString().toStdString();
    const QJsonObject plain = submit(u"plain"_s, u"bob"_s, {blackhole(u"plain-ok"_s)});
    ASSERT_EQ(plain.value(u"code"_s).toInt(), 250);
    const QString id = plain.value(u"message_id"_s).toString();
    QStringList files;
    ASSERT_TRUE(waitUntil(
        [&] {
            files = sinkFilesWith(id);
            return !files.isEmpty();
        },
        15000));
    // Byte-identical body at the sink (smtp-sink's dumps end lines with LF and end with an
    // empty line of their own, with or without a milter on the path).
    const QByteArray dump = readFile(files.first());
    const QByteArray body = dump.mid(dump.indexOf("\n\n") + 2);
    EXPECT_EQ(body, plain.value(u"body"_s).toString().toUtf8().replace("\r\n", "\n") + '\n');
    EXPECT_FALSE(sinkFilesWith(u"fattura.pdf"_s).isEmpty());
}

// A message larger than the milter keeps in memory (about 9 MB: past 8 MiB it goes on in a
// spool file) is checked the same: the .zip after the large pdf is refused naming it, the pdf
// alone passes to the sink.
TEST_F(Content, AMessageLargerThanTheMilterKeepsInMemoryIsCheckedTheSame)
{
    const QJsonObject zip = submit(u"big_pdf_zip"_s, u"bob"_s, {blackhole(u"big-zip"_s)});
    EXPECT_EQ(zip.value(u"code"_s).toInt(), 554) << zip.value(u"reply"_s).toString().toStdString();
    EXPECT_TRUE(zip.value(u"reply"_s).toString().contains(u"\"esempio.zip\""_s))
        << zip.value(u"reply"_s).toString().toStdString();
    const QJsonObject pdf = submit(u"big_pdf"_s, u"bob"_s, {blackhole(u"big-pdf"_s)});
    ASSERT_EQ(pdf.value(u"code"_s).toInt(), 250) << pdf.value(u"reply"_s).toString().toStdString();
    const QString id = pdf.value(u"message_id"_s).toString();
    EXPECT_TRUE(waitUntil([&] { return !sinkFilesWith(id).isEmpty(); }, 30000));
    EXPECT_TRUE(sinkFilesWith(blackhole(u"big-zip"_s)).isEmpty());
}

// A file uuencoded in the text of a message (no MIME part, no name header: what old clients
// send, and clients still offer as an attachment) is refused by its name with the attachment
// notice, logged and counted the same; an allowed one passes (issue 36, item 4).
TEST_F(Content, AUuencodedProgramInTheTextIsRefusedLikeAnAttachment)
{
    const QJsonObject exe = submit(u"uuencode_exe"_s, u"bob"_s, {blackhole(u"uu-exe"_s)});
    EXPECT_EQ(exe.value(u"code"_s).toInt(), 554) << exe.value(u"reply"_s).toString().toStdString();
    // smtplib's text of the multi-line 554 5.7.1 reply: its lines, each after the status code.
    EXPECT_EQ(exe.value(u"reply"_s).toString(),
              u"5.7.1 L'allegato \"evil.exe\" ha violato la politica di sicurezza della vostra "
              u"azienda.\n5.7.1 La spedizione e' stata bloccata. Per ulteriori informazioni, "
              u"contattare l'Amministratore IT"_s);
    EXPECT_TRUE(sinkFilesWith(exe.value(u"message_id"_s).toString()).isEmpty());
    const QByteArray log = readFile(labValue("LAB_MILTER_LOG"));
    EXPECT_TRUE(log.contains("reject: attachment account bob sender <bob@lab.test> attachment "
                             "\"evil.exe\" queue id "))
        << log.right(500).toStdString();

    const QJsonObject pdf = submit(u"uuencode_pdf"_s, u"bob"_s, {blackhole(u"uu-pdf"_s)});
    ASSERT_EQ(pdf.value(u"code"_s).toInt(), 250) << pdf.value(u"reply"_s).toString().toStdString();
    const QString id = pdf.value(u"message_id"_s).toString();
    EXPECT_TRUE(waitUntil([&] { return !sinkFilesWith(id).isEmpty(); }, 15000));
}

// A multipart/signed whose "signature" part is a 300 KB invoice.exe is refused naming it; a
// message signed the usual way (signature.asc) is delivered (issue 36, item 4).
TEST_F(Content, ASignaturePartThatIsAProgramIsRefusedAndASignedMessagePasses)
{
    const QJsonObject exe =
        submit(u"signed_exe_signature"_s, u"bob"_s, {blackhole(u"signed-exe"_s)});
    EXPECT_EQ(exe.value(u"code"_s).toInt(), 554) << exe.value(u"reply"_s).toString().toStdString();
    EXPECT_TRUE(exe.value(u"reply"_s)
                    .toString()
                    .contains(u"L'allegato \"invoice.exe\" ha violato la politica di sicurezza"_s))
        << exe.value(u"reply"_s).toString().toStdString();
    EXPECT_TRUE(sinkFilesWith(exe.value(u"message_id"_s).toString()).isEmpty());
    EXPECT_TRUE(readFile(labValue("LAB_MILTER_LOG"))
                    .contains("reject: attachment account bob sender <bob@lab.test> attachment "
                              "\"invoice.exe\" queue id "));

    const QJsonObject good = submit(u"signed"_s, u"bob"_s, {blackhole(u"signed-ok"_s)});
    ASSERT_EQ(good.value(u"code"_s).toInt(), 250)
        << good.value(u"reply"_s).toString().toStdString();
    const QString id = good.value(u"message_id"_s).toString();
    QStringList files;
    ASSERT_TRUE(waitUntil(
        [&] {
            files = sinkFilesWith(id);
            return !files.isEmpty();
        },
        15000));
    EXPECT_TRUE(readFile(files.first()).contains("filename=\"signature.asc\""));
}

TEST_F(Content, TheSizeRefusalHasTheCustomersWording)
{
    // carol's limit is 20000 bytes.
    const auto out = send({u"carol"_s,
                           senderOf(u"carol"_s),
                           {blackhole(u"big"_s)},
                           {u"--body"_s, QString(30000, u'x')},
                           {}});
    EXPECT_TRUE(replies(out).contains(
        u"552 5.3.4 La dimensione del messaggio che si sta tentando di inviare supera il "
        u"limite di dimensione globale (20000 byte) del server. Il messaggio non e' stato "
        u"inviato; ridurre la dimensione del messaggio e riprovare."_s))
        << replies(out).join(u"\n"_s).toStdString();
}

TEST_F(Content, TheArchiveMailboxGetsATransparentUnchargedCopy)
{
    setAccountContent(u"carol"_s,
                      {{u"bcc"_s, QJsonObject{{u"mode"_s, u"mailbox"_s},
                                              {u"mailbox"_s, labValue("LAB_ARCHIVE_MAILBOX")}}}});
    const int before = quotaUsed(u"carol"_s);
    const qsizetype archivedBefore = archived().size();
    const QJsonObject sent = submit(u"plain"_s, u"carol"_s, {blackhole(u"bcc-mailbox"_s)});
    ASSERT_EQ(sent.value(u"code"_s).toInt(), 250)
        << sent.value(u"reply"_s).toString().toStdString();
    const QString id = sent.value(u"message_id"_s).toString();
    QStringList copies;
    ASSERT_TRUE(waitUntil(
        [&] {
            copies = archived();
            return copies.size() > archivedBefore;
        },
        15000))
        << "no copy reached the archive mailbox";
    EXPECT_TRUE(copies.last().contains(id)) << copies.last().toStdString();
    // The recipient's copy shows no trace of the archive; only the real recipient is charged.
    QStringList files;
    ASSERT_TRUE(waitUntil(
        [&] {
            files = sinkFilesWith(id);
            return !files.isEmpty();
        },
        15000));
    EXPECT_FALSE(readFile(files.first()).contains(labValue("LAB_ARCHIVE_DOMAIN").toUtf8()));
    EXPECT_EQ(quotaUsed(u"carol"_s), before + 1);

    setAccountContent(u"carol"_s,
                      {{u"bcc"_s, QJsonObject{{u"mode"_s, u"address"_s},
                                              {u"address"_s, blackhole(u"archive-copies"_s)}}}});
    const QJsonObject again = submit(u"plain"_s, u"carol"_s, {blackhole(u"bcc-address"_s)});
    ASSERT_EQ(again.value(u"code"_s).toInt(), 250);
    // The sink received the copy under the archive address (its dump names each RCPT).
    EXPECT_TRUE(waitUntil(
        [&] {
            for (const QString &f : sinkFilesWith(again.value(u"message_id"_s).toString())) {
                if (readFile(f).contains(blackhole(u"archive-copies"_s).toUtf8()))
                    return true;
            }
            return false;
        },
        15000));
    EXPECT_EQ(quotaUsed(u"carol"_s), before + 2);
    setAccountContent(u"carol"_s, {});
}

TEST_F(Content, AStoppedMilterTempfailsAndTheRetryIsChargedOnce)
{
    labCommand(u"milter-stop"_s);
    const int before = quotaUsed(u"bob"_s);
    auto queued = [&] {
        const auto out = run(u"postqueue"_s, {u"-c"_s, labValue("LAB_POSTFIX_CONFIG"), u"-j"_s});
        return out.out.count("milter-down");
    };
    const QJsonObject down = submit(u"plain"_s, u"bob"_s, {blackhole(u"milter-down"_s)});
    EXPECT_EQ(down.value(u"code"_s).toInt() / 100, 4)
        << down.value(u"reply"_s).toString().toStdString();
    EXPECT_EQ(queued(), 0);
    labCommand(u"milter-start"_s);
    const QJsonObject up = submit(u"plain"_s, u"bob"_s, {blackhole(u"milter-down"_s)});
    EXPECT_EQ(up.value(u"code"_s).toInt(), 250) << up.value(u"reply"_s).toString().toStdString();
    // Charged once: the tempfailed attempt gave its reservation back.
    EXPECT_EQ(quotaUsed(u"bob"_s), before + 1);
}

// Dovecot forgets archived copies by itself (autoexpunge, checked when the mailbox is
// accessed, LMTP deliveries included). The lab keeps them 7 days; for the test the same
// setting is shortened to 4 seconds, then restored.
TEST_F(Content, TheArchiveForgetsCopiesOlderThanItsRetention)
{
    const QString conf = labValue("LAB_DOVECOT_CONFIG");
    const QByteArray original = readFile(conf);
    ASSERT_TRUE(original.contains("autoexpunge = 7d"));
    auto configure = [&](const QByteArray &text) {
        QFile f(conf);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
        f.close();
        EXPECT_EQ(run(u"doveadm"_s, {u"-c"_s, conf, u"reload"_s}).exitCode, 0);
        // Dovecot's reload restarts its auth service: Postfix's smtpd processes would answer
        // their next AUTH with 454 (connection to the auth server lost). New ones reconnect.
        EXPECT_EQ(
            run(u"postfix"_s, {u"-c"_s, labValue("LAB_POSTFIX_CONFIG"), u"reload"_s}).exitCode, 0);
        QThread::msleep(1000);
    };
    configure(QByteArray(original).replace("autoexpunge = 7d", "autoexpunge = 4s"));
    setAccountContent(u"carol"_s,
                      {{u"bcc"_s, QJsonObject{{u"mode"_s, u"mailbox"_s},
                                              {u"mailbox"_s, labValue("LAB_ARCHIVE_MAILBOX")}}}});
    const QJsonObject old = submit(u"plain"_s, u"carol"_s, {blackhole(u"retention-old"_s)});
    ASSERT_EQ(old.value(u"code"_s).toInt(), 250);
    ASSERT_TRUE(waitUntil(
        [&] { return archived().join(u""_s).contains(old.value(u"message_id"_s).toString()); },
        15000));
    QThread::sleep(5);
    const QJsonObject fresh = submit(u"plain"_s, u"carol"_s, {blackhole(u"retention-new"_s)});
    ASSERT_EQ(fresh.value(u"code"_s).toInt(), 250);
    QString mailbox;
    EXPECT_TRUE(waitUntil(
        [&] {
            mailbox = archived().join(u"\n"_s);
            return mailbox.contains(fresh.value(u"message_id"_s).toString());
        },
        3000));
    EXPECT_FALSE(mailbox.contains(old.value(u"message_id"_s).toString()));
    configure(original);
    setAccountContent(u"carol"_s, {});
}

// The archive copy's recipient is added with NOTIFY=NEVER: an archive address that fails
// never sends the customer a bounce (corrections: Postfix gives an smfi_addrcpt recipient the
// default DSN notification).
TEST_F(Content, AFailingArchiveAddressNeverBouncesToTheCustomer)
{
    const QString failing = u"archive@"_s + labValue("LAB_BOUNCE_DOMAIN");
    ASSERT_FALSE(labValue("LAB_BOUNCE_DOMAIN").isEmpty());
    setAccountContent(
        u"carol"_s, {{u"bcc"_s, QJsonObject{{u"mode"_s, u"address"_s}, {u"address"_s, failing}}}});
    const QJsonObject sent = submit(u"plain"_s, u"carol"_s, {blackhole(u"dsn-check"_s)});
    ASSERT_EQ(sent.value(u"code"_s).toInt(), 250)
        << sent.value(u"reply"_s).toString().toStdString();
    // The queue id, from the sink's copy of the real recipient's message.
    QString queueId;
    const QByteArray log = [&] {
        QByteArray text;
        waitUntil(
            [&] {
                text = readFile(labValue("LAB_MAIL_LOG"));
                const QByteArray marker =
                    "message-id=" + sent.value(u"message_id"_s).toString().toUtf8();
                const qsizetype at = text.indexOf(marker);
                if (at < 0)
                    return false;
                const qsizetype lineStart = text.lastIndexOf('\n', at) + 1;
                const QList<QByteArray> words = text.mid(lineStart, at - lineStart).split(' ');
                queueId = QString::fromUtf8(words.value(words.size() - 2)).remove(u':');
                // Done with it (any notification is logged before it is removed).
                return text.contains(queueId.toUtf8() + ": removed");
            },
            15000);
        return text;
    }();
    ASSERT_FALSE(queueId.isEmpty());
    EXPECT_TRUE(log.contains(queueId.toUtf8() + ": to=<" + failing.toUtf8() + ">"))
        << "the archive copy was not even tried";
    EXPECT_TRUE(log.contains("status=bounced")) << log.right(2000).toStdString();
    EXPECT_FALSE(log.contains(queueId.toUtf8() + ": sender non-delivery notification"))
        << log.right(2000).toStdString();
    setAccountContent(u"carol"_s, {});
}
