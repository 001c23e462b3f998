// The event index's parts on their own: Postfix lines captured from the lab relay, the
// follower over a real file rotated by rename and by copytruncate, the index resuming.
#include "api/trace.h"
#include "events/follower.h"
#include "events/index.h"
#include "events/parser.h"

#include "test_support.h"

#include <gmock/gmock.h>

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>

#include <sqlite3.h>

using namespace staffetta;
using namespace staffetta::events;
using namespace Qt::Literals::StringLiterals;
using K = Event::Kind;

namespace {

const QDateTime Now = QDateTime(QDate(2026, 12, 2), QTime(1, 0), Qt::LocalTime);

Event parse(const char *line)
{
    return parsePostfixLine(QByteArray(line), Now);
}

} // namespace

TEST(EventParser, ReadsAMessageLifeAsTheLabRelayLogsIt)
{
    const Event client = parse("Dec 02 00:18:57 relay postfix/submission/smtpd[15768]: "
                               "0346C546168: client=localhost[127.0.0.1], sasl_method=PLAIN, "
                               "sasl_username=bob");
    EXPECT_EQ(client.kind, K::Client);
    EXPECT_EQ(client.queueId, u"0346C546168"_s);
    EXPECT_EQ(client.clientHost, u"localhost"_s);
    EXPECT_EQ(client.clientIp, u"127.0.0.1"_s);
    EXPECT_EQ(client.account, u"bob"_s);
    EXPECT_EQ(client.time,
              QDateTime(QDate(2026, 12, 2), QTime(0, 18, 57), Qt::LocalTime).toSecsSinceEpoch());

    const Event id = parse("Dec 02 00:18:57 relay postfix/cleanup[16473]: 0346C546168: "
                           "message-id=<20261202001856.016479@vm>");
    EXPECT_EQ(id.kind, K::MessageId);
    EXPECT_EQ(id.messageId, u"20261202001856.016479@vm"_s);

    const Event from = parse("Dec 02 00:18:57 relay postfix/qmgr[15765]: 0346C546168: "
                             "from=<bob@lab.test>, size=457, nrcpt=1 (queue active)");
    EXPECT_EQ(from.kind, K::From);
    EXPECT_EQ(from.sender, u"bob@lab.test"_s);
    EXPECT_EQ(from.size, 457);
    EXPECT_EQ(from.nrcpt, 1);

    const Event bounced =
        parse("Dec 02 00:18:57 relay postfix/smtp[16474]: 0346C546168: to=<t3@bounce.example>, "
              "relay=127.0.0.1[127.0.0.1]:27029, delay=0.01, delays=0/0/0/0.01, dsn=5.3.0, "
              "status=bounced (host 127.0.0.1[127.0.0.1] said: 500 5.3.0 Error: command failed "
              "(in reply to RCPT TO command))");
    EXPECT_EQ(bounced.kind, K::Delivery);
    EXPECT_EQ(bounced.recipient, u"t3@bounce.example"_s);
    EXPECT_EQ(bounced.relay, u"127.0.0.1[127.0.0.1]:27029"_s);
    EXPECT_DOUBLE_EQ(bounced.delay, 0.01);
    EXPECT_EQ(bounced.dsn, u"5.3.0"_s);
    EXPECT_EQ(bounced.status, u"bounced"_s);
    EXPECT_EQ(bounced.reply, u"host 127.0.0.1[127.0.0.1] said: 500 5.3.0 Error: command failed "
                             u"(in reply to RCPT TO command)"_s);

    const Event deferred =
        parse("Dec 02 00:18:56 relay postfix/smtp[16474]: E4307546161: "
              "to=<t2@unreachable.example>, relay=none, delay=0.01, delays=0/0/0/0, dsn=4.4.1, "
              "status=deferred (connect to 127.0.0.1[127.0.0.1]:27027: Connection refused)");
    EXPECT_EQ(deferred.status, u"deferred"_s);
    EXPECT_EQ(deferred.relay, u"none"_s);
    EXPECT_EQ(deferred.reply, u"connect to 127.0.0.1[127.0.0.1]:27027: Connection refused"_s);

    const Event discarded = parse("Dec 01 23:48:24 relay postfix/discard[12164]: 005C2534681: "
                                  "to=<bob@lab.test>, relay=none, delay=0.01, "
                                  "delays=0/0/0/0, dsn=2.0.0, status=sent (lab.test)");
    EXPECT_EQ(discarded.kind, K::Delivery);
    EXPECT_EQ(discarded.transport, u"discard"_s);
    EXPECT_EQ(discarded.status, u"sent"_s);

    const Event removed = parse("Dec 02 00:18:57 relay postfix/qmgr[15765]: 0346C546168: removed");
    EXPECT_EQ(removed.kind, K::Removed);

    // Postfix 3.7's qmgr when the queue lifetime is over (not reached in the lab's time).
    const Event expired = parse("Dec 02 00:30:00 relay postfix/qmgr[15765]: E4307546161: "
                                "from=<bob@lab.test>, status=expired, returned to sender");
    EXPECT_EQ(expired.kind, K::Expired);
    EXPECT_EQ(expired.reply, u"returned to sender"_s);
}

TEST(EventParser, ReadsRefusalsOfPostfixAndStaffettad)
{
    const Event noqueue =
        parse("Dec 02 00:18:57 relay postfix/submission/smtpd[15768]: NOQUEUE: reject: RCPT from "
              "localhost[127.0.0.1]: 553 5.7.1 <x@blackhole.example>: Recipient address rejected: "
              "<carol@lab.test>: Sender address not authorized for account bob; "
              "from=<carol@lab.test> to=<x@blackhole.example> proto=ESMTP helo=<vm>");
    EXPECT_EQ(noqueue.kind, K::Refusal);
    EXPECT_EQ(noqueue.source, u"postfix"_s);
    EXPECT_EQ(noqueue.reason, u"rcpt"_s);
    EXPECT_EQ(noqueue.clientIp, u"127.0.0.1"_s);
    EXPECT_EQ(noqueue.sender, u"carol@lab.test"_s);
    EXPECT_EQ(noqueue.recipient, u"x@blackhole.example"_s);
    EXPECT_EQ(noqueue.dsn, u"5.7.1"_s);

    const Event milter = parse(
        "Dec 02 00:09:05 relay postfix/cleanup[26374]: EC5CE542164: milter-reject: "
        "END-OF-MESSAGE from localhost[127.0.0.1]: 5.7.1 L'allegato \"fattura.pdf\" ha violato "
        "la politica di sicurezza della vostra azienda.; from=<alice@lab.test> "
        "to=<content-view@blackhole.example> proto=ESMTP helo=<vm>");
    EXPECT_EQ(milter.kind, K::Refusal);
    EXPECT_EQ(milter.queueId, u"EC5CE542164"_s);
    EXPECT_EQ(milter.reason, u"milter"_s);
    EXPECT_EQ(milter.clientIp, u"127.0.0.1"_s);
    EXPECT_EQ(milter.dsn, u"5.7.1"_s);
    EXPECT_EQ(milter.sender, u"alice@lab.test"_s);
    EXPECT_EQ(milter.recipient, u"content-view@blackhole.example"_s);

    const Event unauthorized = parseStaffettadLine(
        "2026-12-01 20:44:15 staffettad[15845]: reject: unauthorized sender <carol@lab.test> for "
        "account bob from 127.0.0.1");
    EXPECT_EQ(unauthorized.kind, K::Refusal);
    EXPECT_EQ(unauthorized.source, u"staffettad"_s);
    EXPECT_EQ(unauthorized.reason, u"unauthorized_sender"_s);
    EXPECT_EQ(unauthorized.account, u"bob"_s);
    EXPECT_EQ(unauthorized.sender, u"carol@lab.test"_s);

    const Event blacklisted = parseStaffettadLine(
        "2026-12-01 20:44:16 staffettad[15845]: reject: rejected_blacklist account bob sender "
        "<ceo@lab.test> from 127.0.0.1: 554 5.7.1 <ceo@lab.test>: Sender address is "
        "blacklisted: impersonation attempt");
    EXPECT_EQ(blacklisted.reason, u"rejected_blacklist"_s);
    EXPECT_EQ(blacklisted.clientIp, u"127.0.0.1"_s);
    EXPECT_EQ(blacklisted.dsn, u"5.7.1"_s);

    EXPECT_EQ(parse("Dec 02 00:18:56 relay postfix/smtp[16474]: connect to "
                    "127.0.0.1[127.0.0.1]:27027: Connection refused")
                  .kind,
              K::None);
    EXPECT_EQ(parseStaffettadLine("2026-12-01 20:44:15 staffettad[1]: listening on unix:x").kind,
              K::None);
}

TEST(EventParser, ASyslogTimeInTheFutureIsLastYears)
{
    const Event e = parse("Dec 31 23:59:59 relay postfix/qmgr[1]: 0346C546168: removed");
    const QDateTime january(QDate(2027, 1, 1), QTime(0, 0, 5), Qt::LocalTime);
    EXPECT_EQ(
        parsePostfixLine("Dec 31 23:59:59 relay postfix/qmgr[1]: 0346C546168: removed", january)
            .time,
        QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::LocalTime).toSecsSinceEpoch());
    EXPECT_EQ(e.time,
              QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59), Qt::LocalTime).toSecsSinceEpoch());
}

// A quoted local part may hold anything but an unescaped quote, and Postfix logs it as the
// client wrote it (to=<"a, status=sent (x)"@d>): the address is read first, honouring its
// quotes, and the fields after it in the order Postfix writes them. Whatever the address or
// the remote reply says, the index keeps what Postfix said.
TEST(EventParser, AQuotedRecipientCannotChangeItsStatus)
{
    // Delivered, though the address says bounced.
    const Event sent =
        parse("Dec 02 00:18:57 relay postfix/smtp[16474]: 0346C546168: "
              "to=<\"q, status=bounced (550 5.1.1 no such user)\"@outside.example>, "
              "relay=127.0.0.1[127.0.0.1]:31026, delay=0.05, delays=0.01/0/0.02/0.02, dsn=2.0.0, "
              "status=sent (250 2.0.0 Ok: queued as 4F2B1)");
    EXPECT_EQ(sent.kind, K::Delivery);
    EXPECT_EQ(sent.recipient, u"\"q, status=bounced (550 5.1.1 no such user)\"@outside.example"_s);
    EXPECT_EQ(sent.status, u"sent"_s);
    EXPECT_EQ(sent.dsn, u"2.0.0"_s);
    EXPECT_EQ(sent.relay, u"127.0.0.1[127.0.0.1]:31026"_s);
    EXPECT_DOUBLE_EQ(sent.delay, 0.05);
    EXPECT_EQ(sent.reply, u"250 2.0.0 Ok: queued as 4F2B1"_s);

    // Bounced, though the address says sent.
    const Event bounced =
        parse("Dec 02 00:18:57 relay postfix/smtp[16474]: 0346C546168: "
              "to=<\"b, status=sent (250 2.0.0 Ok)\"@bounce.example>, "
              "relay=127.0.0.1[127.0.0.1]:31027, delay=0.02, delays=0/0/0.01/0.01, dsn=5.3.0, "
              "status=bounced (host 127.0.0.1[127.0.0.1] said: 500 5.3.0 Error: command failed (in "
              "reply to RCPT TO command))");
    EXPECT_EQ(bounced.recipient, u"\"b, status=sent (250 2.0.0 Ok)\"@bounce.example"_s);
    EXPECT_EQ(bounced.status, u"bounced"_s);
    EXPECT_EQ(bounced.dsn, u"5.3.0"_s);
    EXPECT_EQ(bounced.reply, u"host 127.0.0.1[127.0.0.1] said: 500 5.3.0 Error: command failed "
                             u"(in reply to RCPT TO command)"_s);

    // A '>' and ", " inside the quotes do not end the address; nor does an escaped quote.
    const Event angle =
        parse("Dec 02 00:18:57 relay postfix/smtp[1]: 0346C546168: "
              "to=<\"a>, relay=x, dsn=2.0.0, status=sent (y)\"@d.example>, relay=none, "
              "delay=1.5, delays=0/0/1.5/0, dsn=4.4.1, status=deferred (connect to d.example: "
              "Connection refused)");
    EXPECT_EQ(angle.kind, K::Delivery);
    EXPECT_EQ(angle.recipient, u"\"a>, relay=x, dsn=2.0.0, status=sent (y)\"@d.example"_s);
    EXPECT_EQ(angle.relay, u"none"_s);
    EXPECT_EQ(angle.dsn, u"4.4.1"_s);
    EXPECT_DOUBLE_EQ(angle.delay, 1.5);
    EXPECT_EQ(angle.status, u"deferred"_s);
    EXPECT_EQ(angle.reply, u"connect to d.example: Connection refused"_s);

    const Event escaped =
        parse("Dec 02 00:18:57 relay postfix/smtp[1]: 0346C546168: "
              "to=<\"a\\\">, dsn=2.0.0, status=sent (\\\\\"@d.example>, relay=none, delay=1, "
              "delays=0/0/1/0, dsn=5.1.2, status=bounced (Host or domain name not found)");
    EXPECT_EQ(escaped.recipient, u"\"a\\\">, dsn=2.0.0, status=sent (\\\\\"@d.example"_s);
    EXPECT_EQ(escaped.dsn, u"5.1.2"_s);
    EXPECT_EQ(escaped.status, u"bounced"_s);

    // orig_to= is an address too.
    const Event forwarded =
        parse("Dec 02 00:18:57 relay postfix/smtp[1]: 0346C546168: to=<x@d.example>, "
              "orig_to=<\"o>, relay=evil, status=sent (z)\"@lab.test>, relay=none, delay=1, "
              "delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to d.example: refused)");
    EXPECT_EQ(forwarded.recipient, u"x@d.example"_s);
    EXPECT_EQ(forwarded.origRecipient, u"\"o>, relay=evil, status=sent (z)\"@lab.test"_s);
    EXPECT_EQ(forwarded.relay, u"none"_s);
    EXPECT_EQ(forwarded.status, u"deferred"_s);

    // The remote reply comes last and may say anything, to=< and status= too.
    const Event reply = parse(
        "Dec 02 00:18:57 relay postfix/smtp[1]: 0346C546168: to=<x@d.example>, "
        "relay=mx.d.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.7.1, status=bounced "
        "(host mx.d.example[192.0.2.1] said: 550 5.7.1 to=<y@e.example>, relay=none, "
        "dsn=2.0.0, status=sent (ok) (in reply to RCPT TO command))");
    EXPECT_EQ(reply.recipient, u"x@d.example"_s);
    EXPECT_EQ(reply.relay, u"mx.d.example[192.0.2.1]:25"_s);
    EXPECT_EQ(reply.dsn, u"5.7.1"_s);
    EXPECT_EQ(reply.status, u"bounced"_s);
    EXPECT_EQ(reply.reply, u"host mx.d.example[192.0.2.1] said: 550 5.7.1 to=<y@e.example>, "
                           u"relay=none, dsn=2.0.0, status=sent (ok) (in reply to RCPT TO "
                           u"command)"_s);

    // Fields a quoted address holds are not the line's: without its own status=, no delivery.
    EXPECT_EQ(parse("Dec 02 00:18:57 relay postfix/smtp[1]: 0346C546168: "
                    "to=<\"a, relay=none, dsn=2.0.0, status=sent (y)\"@d.example>, relay=none")
                  .kind,
              K::None);
}

TEST(EventParser, AQuotedSenderCannotChangeItsSizeOrExpireItsMessage)
{
    const Event sized =
        parse("Dec 02 00:18:57 relay postfix/qmgr[15765]: 0346C546168: "
              "from=<\"s, size=999999999, nrcpt=77\"@shop.bob-shop.example>, size=512, "
              "nrcpt=1 (queue active)");
    EXPECT_EQ(sized.kind, K::From);
    EXPECT_EQ(sized.sender, u"\"s, size=999999999, nrcpt=77\"@shop.bob-shop.example"_s);
    EXPECT_EQ(sized.size, 512);
    EXPECT_EQ(sized.nrcpt, 1);

    // Not an expiry: the message is active, and its sender is kept.
    const Event active =
        parse("Dec 02 00:18:57 relay postfix/qmgr[15765]: 0346C546168: "
              "from=<\"e, status=expired, returned to sender\"@shop.bob-shop.example>, "
              "size=600, nrcpt=1 (queue active)");
    EXPECT_EQ(active.kind, K::From);
    EXPECT_EQ(active.sender, u"\"e, status=expired, returned to sender\"@shop.bob-shop.example"_s);
    EXPECT_EQ(active.size, 600);

    // A '>' in the quotes; and the expiry of a message whose sender says size=.
    const Event angle = parse("Dec 02 00:18:57 relay postfix/qmgr[1]: 0346C546168: "
                              "from=<\"a>, size=1\"@d.example>, size=2048, nrcpt=3 (queue active)");
    EXPECT_EQ(angle.sender, u"\"a>, size=1\"@d.example"_s);
    EXPECT_EQ(angle.size, 2048);
    EXPECT_EQ(angle.nrcpt, 3);
    const Event expired = parse("Dec 02 00:30:00 relay postfix/qmgr[1]: 0346C546168: "
                                "from=<\"x, size=5, nrcpt=9\"@d.example>, status=expired, "
                                "returned to sender");
    EXPECT_EQ(expired.kind, K::Expired);
    EXPECT_EQ(expired.sender, u"\"x, size=5, nrcpt=9\"@d.example"_s);
    EXPECT_EQ(expired.reply, u"returned to sender"_s);
}

// A reject line is "TEXT; from=<S> to=<R> proto=P helo=<H>": the text holds the client's and a
// remote's words, S and R are quoted as the client wrote them; only the HELO name is cleaned
// by Postfix (no space, <, > or ;).
TEST(EventParser, ARefusalsEnvelopeIsReadAsPostfixWroteIt)
{
    // As the lab relay logged it: Postfix's reply names the addresses unquoted, and the
    // recipient's quotes hold a second envelope (the last "; from=<" of the line).
    const Event rcpt = parse(
        "Dec 02 00:18:57 relay postfix/submission/smtpd[19720]: NOQUEUE: reject: RCPT from "
        "localhost[127.0.0.1]: 553 5.7.1 <r; from=<ceo@lab.test> to=<z@d.example>@blackhole."
        "example>: Recipient address rejected: <x; from=<ceo@lab.test> to=<y@d.example>@evil."
        "example>: Sender address not authorized for account bob; from=<\"x; from=<ceo@lab.test> "
        "to=<y@d.example>\"@evil.example> to=<\"r; from=<ceo@lab.test> to=<z@d.example>\"@"
        "blackhole.example> proto=ESMTP helo=<probe.example>");
    EXPECT_EQ(rcpt.kind, K::Refusal);
    EXPECT_EQ(rcpt.reason, u"rcpt"_s);
    EXPECT_EQ(rcpt.sender, u"\"x; from=<ceo@lab.test> to=<y@d.example>\"@evil.example"_s);
    EXPECT_EQ(rcpt.recipient, u"\"r; from=<ceo@lab.test> to=<z@d.example>\"@blackhole.example"_s);
    EXPECT_EQ(rcpt.dsn, u"5.7.1"_s);
    EXPECT_EQ(rcpt.reply, u"553 5.7.1 <r; from=<ceo@lab.test> to=<z@d.example>@blackhole.example>: "
                          u"Recipient address rejected: <x; from=<ceo@lab.test> "
                          u"to=<y@d.example>@evil.example>: Sender address not authorized for "
                          u"account bob"_s);

    // The milter's text names the attachment the client chose; the sender's quotes hold a
    // second envelope.
    const Event milter =
        parse("Dec 02 00:09:05 relay postfix/cleanup[26374]: EC5CE542164: milter-reject: "
              "END-OF-MESSAGE from localhost[127.0.0.1]: 5.7.1 L'allegato \"a; from=<ceo@lab.test> "
              "to=<z@d.example> proto=ESMTP helo=<vm>.exe\" ha violato la politica; "
              "from=<\"s\\\"> to=<w@d.example> proto=ESMTP helo=<vm\"@shop.bob-shop.example> "
              "to=<r@d.example> proto=ESMTP helo=<vm>");
    EXPECT_EQ(milter.kind, K::Refusal);
    EXPECT_EQ(milter.sender,
              u"\"s\\\"> to=<w@d.example> proto=ESMTP helo=<vm\"@shop.bob-shop.example"_s);
    EXPECT_EQ(milter.recipient, u"r@d.example"_s);
    EXPECT_EQ(milter.dsn, u"5.7.1"_s);

    // The null sender, and an address without a domain.
    const Event bare = parse("Dec 02 00:18:57 relay postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
                             "h[192.0.2.7]: 550 5.1.1 <postmaster>: Recipient address rejected: "
                             "no; from=<> to=<postmaster> proto=SMTP helo=<h.example>");
    EXPECT_EQ(bare.sender, QString());
    EXPECT_EQ(bare.recipient, u"postmaster"_s);
    EXPECT_EQ(bare.clientIp, u"192.0.2.7"_s);
    EXPECT_EQ(bare.reply, u"550 5.1.1 <postmaster>: Recipient address rejected: no"_s);
}

// client= is followed by the SASL method and login, then the AUTH= sender the client gave in
// MAIL FROM (its own words): the account is the sasl_username where Postfix puts it, or none.
TEST(EventParser, OnlyTheLoginIsTheAccountOfAClient)
{
    // As the lab relay logged them, MAIL FROM:<bob@lab.test> AUTH=<x, sasl_method=PLAIN,
    // sasl_username=carol> from a client in mynetworks without a login, and from bob.
    const Event anonymous =
        parse("Dec 02 00:18:57 relay postfix/smtpd[20158]: 7EDAD51E1B5: client=localhost"
              "[127.0.0.1], sasl_sender=<x, sasl_method=PLAIN, sasl_username=carol>");
    EXPECT_EQ(anonymous.kind, K::Client);
    EXPECT_EQ(anonymous.clientHost, u"localhost"_s);
    EXPECT_EQ(anonymous.clientIp, u"127.0.0.1"_s);
    EXPECT_EQ(anonymous.account, QString());

    const Event bob = parse("Dec 02 00:18:57 relay postfix/submission/smtpd[19720]: A315351E1AB: "
                            "client=localhost[127.0.0.1], sasl_method=PLAIN, sasl_username=bob, "
                            "sasl_sender=<x, sasl_username=carol>");
    EXPECT_EQ(bob.account, u"bob"_s);
    const Event forwarded = parse("Dec 02 00:18:57 relay postfix/smtpd[1]: A315351E1AB: "
                                  "client=localhost[127.0.0.1], sasl_method=PLAIN, "
                                  "sasl_username=bob, orig_queue_id=8E2B1, "
                                  "orig_client=h[192.0.2.7]");
    EXPECT_EQ(forwarded.account, u"bob"_s);
}

namespace {

void append(const QString &path, const QByteArray &text)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::Append));
    f.write(text);
}

// Everything the follower reads now, its position kept as a caller would.
QList<QByteArray> readAll(Follower &f)
{
    QList<QByteArray> all;
    f.poll([&](const QList<QByteArray> &lines, const Position &) {
        all += lines;
        return true;
    });
    return all;
}

} // namespace

TEST(EventFollower, ReadsWholeLinesAcrossRenameAndCopytruncate)
{
    QTemporaryDir dir;
    const QString log = dir.filePath(u"mail.log"_s);
    append(log, "one\ntwo\npart");
    Follower f(log);
    EXPECT_EQ(readAll(f), (QList<QByteArray>{"one", "two"}));
    append(log, "ial\n");
    EXPECT_EQ(readAll(f), (QList<QByteArray>{"partial"}));

    // Rename: what the old file still gets is read before the new file.
    ASSERT_TRUE(QFile::rename(log, log + u".1"_s));
    append(log + u".1"_s, "late\n");
    append(log, "new\n");
    EXPECT_EQ(readAll(f), (QList<QByteArray>{"late", "new"}));

    // copytruncate, then more lines than were there before: what the copy has that was not
    // read yet, then the log from its start.
    append(log, "copied, unread\n");
    ASSERT_TRUE(QFile::copy(log, log + u".2"_s));
    ASSERT_TRUE(QFile::resize(log, 0));
    append(log, "after truncate, a longer line\n");
    EXPECT_EQ(readAll(f), (QList<QByteArray>{"copied, unread", "after truncate, a longer line"}));
    EXPECT_TRUE(readAll(f).isEmpty());

    // A follower started at the kept position reads only what came after it.
    append(log, "later\n");
    Follower resumed(log, f.position());
    EXPECT_EQ(readAll(resumed), (QList<QByteArray>{"later"}));
    // ... and one whose position names another file reads the file from its start.
    Follower other(log, Position{f.position().inode + 1, f.position().offset, {}});
    EXPECT_EQ(readAll(other).size(), 2);

    // Rotated by rename while no follower ran: the rest of the renamed file, then the new one.
    const Position stopped = resumed.position();
    append(log, "before the rename\n");
    ASSERT_TRUE(QFile::rename(log, log + u".3"_s));
    append(log, "in the new file\n");
    Follower restarted(log, stopped);
    EXPECT_EQ(readAll(restarted), (QList<QByteArray>{"before the rename", "in the new file"}));
}

TEST(EventIndex, KeepsThePositionWithTheEventsAndPrunesOldMessages)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"events.sqlite"_s);
    const QByteArray lines[] = {
        "Dec 02 00:18:57 relay postfix/submission/smtpd[1]: 0346C546168: client=localhost"
        "[127.0.0.1], sasl_method=PLAIN, sasl_username=bob",
        "Dec 02 00:18:57 relay postfix/qmgr[2]: 0346C546168: from=<bob@lab.test>, size=457, "
        "nrcpt=1 (queue active)",
        "Dec 02 00:18:57 relay postfix/smtp[3]: 0346C546168: to=<t3@bounce.example>, relay=none, "
        "delay=0.01, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to x: Connection "
        "refused)",
        "Dec 02 00:30:00 relay postfix/qmgr[2]: 0346C546168: from=<bob@lab.test>, "
        "status=expired, returned to sender",
        "Dec 02 00:30:00 relay postfix/qmgr[2]: 0346C546168: removed"};
    {
        auto index = Index::open(db);
        ASSERT_TRUE(index.ok()) << index.error().message.toStdString();
        QList<Event> events;
        for (const QByteArray &l : lines)
            events.append(parsePostfixLine(l, Now));
        ASSERT_TRUE(index.value()->record(u"mail"_s, events, {7, 1234, "abc"}).ok());
    }
    auto index = Index::open(db);
    ASSERT_TRUE(index.ok());
    const auto pos = index.value()->position(u"mail"_s);
    ASSERT_TRUE(pos);
    EXPECT_EQ(pos->inode, 7u);
    EXPECT_EQ(pos->offset, 1234);
    EXPECT_EQ(pos->firstLine, "abc");

    api::TraceRequest r;
    r.status = u"expired"_s;
    auto found = index.value()->trace(r, std::nullopt);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found.value().messages.size(), 1);
    const auto &m = found.value().messages.front();
    EXPECT_EQ(m.account, u"bob"_s);
    ASSERT_EQ(m.recipients.size(), 1);
    EXPECT_EQ(m.recipients.front().status, u"expired"_s);
    EXPECT_EQ(m.recipients.front().attempts.size(), 2);
    // A partner whose accounts have no mail here sees nothing.
    EXPECT_TRUE(index.value()->trace({}, QStringList{}).value().messages.isEmpty());

    const qint64 accepted = m.accepted.toSecsSinceEpoch();
    EXPECT_EQ(index.value()->prune(accepted).value(), 0);
    EXPECT_EQ(index.value()->prune(accepted + 1).value(), 1);
    EXPECT_EQ(index.value()->count(u"attempts"_s), 0);
}

// The writer keeps the open messages and writes each message once per batch: a message whose
// lines fall in two batches, across a restart of the index, and a queue id Postfix gives again
// after the first message was removed are still what the log says.
TEST(EventIndex, AMessageAcrossBatchesAndARestartIsOneMessage)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"events.sqlite"_s);
    const auto batch = [](std::initializer_list<const char *> lines) {
        QList<Event> events;
        for (const char *l : lines)
            events.append(parse(l));
        return events;
    };
    {
        auto index = Index::open(db);
        ASSERT_TRUE(index.ok());
        ASSERT_TRUE(index.value()
                        ->record(u"mail"_s,
                                 batch({"Dec 02 00:18:57 relay postfix/submission/smtpd[1]: "
                                        "0346C546168: client=localhost[127.0.0.1], "
                                        "sasl_method=PLAIN, sasl_username=bob",
                                        "Dec 02 00:18:57 relay postfix/cleanup[2]: 0346C546168: "
                                        "message-id=<first@vm>"}),
                                 {7, 100, "abc"})
                        .ok());
    }
    auto reopened = Index::open(db); // staffetta-events restarted
    ASSERT_TRUE(reopened.ok());
    Index &index = *reopened.value();
    ASSERT_TRUE(
        index
            .record(
                u"mail"_s,
                batch({"Dec 02 00:18:58 relay postfix/qmgr[3]: 0346C546168: "
                       "from=<bob@lab.test>, size=457, nrcpt=1 (queue active)",
                       "Dec 02 00:18:58 relay postfix/smtp[4]: 0346C546168: to=<x@sink.example>, "
                       "relay=127.0.0.1[127.0.0.1]:25, delay=0.5, delays=0/0/0/0.5, dsn=2.0.0, "
                       "status=sent (250 2.0.0 Ok)",
                       "Dec 02 00:18:58 relay postfix/qmgr[3]: 0346C546168: removed",
                       "Dec 02 03:00:00 relay postfix/submission/smtpd[5]: 0346C546168: "
                       "client=localhost[127.0.0.1], sasl_method=PLAIN, sasl_username=carol",
                       "Dec 02 03:00:00 relay postfix/qmgr[3]: 0346C546168: "
                       "from=<carol@lab.test>, size=900, nrcpt=1 (queue active)"}),
                {7, 200, "abc"})
            .ok());
    ASSERT_TRUE(
        index
            .record(u"mail"_s,
                    batch({"Dec 02 03:00:01 relay postfix/smtp[4]: 0346C546168: "
                           "to=<y@sink.example>, relay=none, delay=1, delays=0/0/1/0, "
                           "dsn=4.4.1, status=deferred (connect to y: Connection refused)"}),
                    {7, 300, "abc"})
            .ok());
    api::TraceRequest r;
    r.queueId = u"0346C546168"_s;
    const auto found = index.trace(r, std::nullopt);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found.value().messages.size(), 2);
    const api::TraceMessage &second = found.value().messages[0], &first = found.value().messages[1];
    EXPECT_EQ(first.account, u"bob"_s);
    EXPECT_EQ(first.messageId, u"first@vm"_s);
    EXPECT_EQ(first.sender, u"bob@lab.test"_s);
    EXPECT_EQ(first.size, 457);
    EXPECT_TRUE(first.removed.isValid());
    ASSERT_EQ(first.recipients.size(), 1);
    EXPECT_EQ(first.recipients[0].address, u"x@sink.example"_s);
    EXPECT_EQ(first.recipients[0].status, u"sent"_s);
    EXPECT_EQ(second.account, u"carol"_s);
    EXPECT_EQ(second.sender, u"carol@lab.test"_s);
    EXPECT_FALSE(second.removed.isValid());
    ASSERT_EQ(second.recipients.size(), 1);
    EXPECT_EQ(second.recipients[0].status, u"deferred"_s);
    EXPECT_EQ(index.count(u"messages"_s), 2);
    EXPECT_EQ(index.position(u"mail"_s)->offset, 300);
}

namespace {

// Three weeks of a small relay's log up to Now, in time order: accounts whose logins differ in
// case only, mail with no account, recipients that differ in case only, message-ids given
// again in another case (weeks apart), and per recipient a
// delivery, a bounce, deferrals then a delivery hours later, or deferrals for days then the
// message's expiry; a queue id given again after its message was removed.
QList<std::pair<qint64, QByteArray>> historyLog()
{
    const qint64 end = Now.toSecsSinceEpoch(), start = end - 21 * 86400;
    const char *accounts[] = {"bob", "Bob", "carol", "dave", nullptr};
    const char *recipients[] = {"x@a.example", "X@A.example", "y@b.example", "z@c.example",
                                "w@d.example"};
    QList<std::pair<qint64, QByteArray>> lines;
    const auto line = [&](qint64 t, const QString &text) {
        if (t < end) // later lines would be read as last year's
            lines.append(
                {t, (QLocale::c().toString(QDateTime::fromSecsSinceEpoch(t), u"MMM dd HH:mm:ss"_s) +
                     u" relay "_s + text)
                        .toUtf8()});
    };
    quint32 seed = 43;
    const auto draw = [&seed](quint32 n) {
        return (seed = seed * 1103515245u + 12345u) / 65536 % n;
    };
    for (int i = 0; i < 600; ++i) {
        const qint64 t = start + qint64(i) * (21 * 86400) / 600 + draw(1800);
        const QString qid = u"%1"_s.arg(i % 550 + 0x1000, 11, 16, QChar(u'0')).toUpper();
        const char *account = accounts[draw(5)];
        line(t, u"postfix/submission/smtpd[1]: %1: client=localhost[127.0.0.1]%2"_s.arg(
                    qid, account ? u", sasl_method=PLAIN, sasl_username=%1"_s.arg(
                                       QLatin1StringView(account))
                                 : QString()));
        // Message-ids given again (a client resending), in any case.
        line(t, u"postfix/cleanup[4]: %1: message-id=<%2@lab.test>"_s.arg(
                    qid, (i % 2 ? u"M%1"_s : u"m%1"_s).arg(i % 290)));
        line(t, u"postfix/qmgr[2]: %1: from=<s%2@lab.test>, size=457, nrcpt=1 (queue active)"_s.arg(
                    qid, QString::number(draw(3))));
        qint64 last = t;
        bool expired = false;
        for (quint32 r = 0, n = 1 + draw(3); r < n; ++r) {
            const QString to = QLatin1StringView(recipients[draw(5)]);
            const QString deferred = u"postfix/smtp[3]: %1: to=<%2>, relay=none, delay=1, "
                                     u"delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to "
                                     u"x: Connection refused)"_s.arg(qid, to);
            qint64 at = t + 1;
            switch (draw(6)) {
            case 0: // deferred for days, then the message expires
                for (int k = 0; k < 4; ++k, at += 86400)
                    line(at, deferred);
                expired = true;
                break;
            case 1: // deferred for hours, then delivered
                for (int k = 0; k < 3; ++k, at += 3000)
                    line(at, deferred);
                [[fallthrough]];
            case 2:
            case 3:
                line(at,
                     u"postfix/smtp[3]: %1: to=<%2>, relay=127.0.0.1[127.0.0.1]:25, "
                     u"delay=0.5, delays=0/0/0/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)"_s.arg(
                         qid, to));
                break;
            default:
                line(at, u"postfix/smtp[3]: %1: to=<%2>, relay=127.0.0.1[127.0.0.1]:25, "
                         u"delay=0.5, delays=0/0/0/0.5, dsn=5.1.1, status=bounced (host said: "
                         u"550 5.1.1 no such user)"_s.arg(qid, to));
            }
            last = std::max(last, at);
        }
        if (expired)
            line(last + 1, u"postfix/qmgr[2]: %1: from=<s@lab.test>, status=expired, returned "
                           u"to sender"_s.arg(qid));
        line(last + 2, u"postfix/qmgr[2]: %1: removed"_s.arg(qid));
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    return lines;
}

// What the index answered before its derived tables: counted and traced from the attempts.
struct Reference
{
    sqlite3 *db = nullptr;
    explicit Reference(const QString &path) { sqlite3_open(path.toUtf8().constData(), &db); }
    ~Reference() { sqlite3_close(db); }
    QList<QVariantList> rows(const char *sql, const QVariantList &values)
    {
        sqlite3_stmt *s = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
        for (int i = 0; i < values.size(); ++i) {
            if (values[i].typeId() == QMetaType::QString)
                sqlite3_bind_text(s, i + 1, values[i].toString().toUtf8().constData(), -1,
                                  SQLITE_TRANSIENT);
            else
                sqlite3_bind_int64(s, i + 1, values[i].toLongLong());
        }
        QList<QVariantList> out;
        while (sqlite3_step(s) == SQLITE_ROW) {
            QVariantList row;
            for (int c = 0; c < sqlite3_column_count(s); ++c)
                row.append(sqlite3_column_type(s, c) == SQLITE_INTEGER
                               ? QVariant(sqlite3_column_int64(s, c))
                               : QVariant(QString::fromUtf8(
                                     reinterpret_cast<const char *>(sqlite3_column_text(s, c)))));
            out.append(row);
        }
        sqlite3_finalize(s);
        return out;
    }
};

// Every stats question (accounts in any case, hourly and daily windows of any length and
// place) and trace by recipient (with each other filter, paged) answer as the attempts say.
void expectTodaysAnswers(Index &index, const QString &path)
{
    Reference ref(path);
    const qint64 end = Now.toSecsSinceEpoch() / 3600 * 3600;
    int nonEmpty = 0;
    for (const QString &account : {u"bob"_s, u"BOB"_s, u"carol"_s, u"dave"_s, u"nobody"_s}) {
        for (const auto &[bucket, count] :
             {std::pair{qint64(3600), 24}, std::pair{qint64(3600), 72}, std::pair{qint64(86400), 7},
              std::pair{qint64(86400), 30}}) {
            for (qint64 back : {qint64(0), qint64(5 * 86400), qint64(12 * 86400)}) {
                const qint64 to = (end - back) / bucket * bucket + bucket,
                             from = to - count * bucket;
                const auto got = index.attemptCounts(account, from, to, bucket);
                ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
                QList<QVariantList> counted;
                for (const auto &c : got.value())
                    counted.append({c.bucket, c.status, c.count});
                const auto expected = ref.rows(
                    "SELECT ?2 + ((a.time - ?2) / ?4) * ?4, a.status, COUNT(*) FROM attempts a "
                    "JOIN messages m ON m.id = a.message WHERE m.account = ?1 COLLATE NOCASE "
                    "AND a.time >= ?2 AND a.time < ?3 GROUP BY 1, 2",
                    {account, from, to, bucket});
                EXPECT_EQ(counted, expected) << account.toStdString() << " " << from << " " << to;
                nonEmpty += !expected.isEmpty();
            }
        }
    }
    EXPECT_GT(nonEmpty, 20);

    for (const QString &rcpt : {u"x@a.example"_s, u"X@A.EXAMPLE"_s, u"z@c.example"_s}) {
        for (int variant = 0; variant < 5; ++variant) {
            api::TraceRequest r;
            r.recipient = rcpt;
            r.limit = 7;
            r.offset = variant == 1 ? 5 : 0;
            QString extra;
            QVariantList values{rcpt};
            if (variant == 2) {
                r.from = Now.addDays(-15);
                r.to = Now.addDays(-4);
                extra = u" AND m.accepted >= ?2 AND m.accepted <= ?3"_s;
                values << r.from.toSecsSinceEpoch() << r.to.toSecsSinceEpoch();
            } else if (variant == 3) {
                r.sender = u"S1@lab.test"_s;
                extra = u" AND m.sender = ?2 COLLATE NOCASE"_s;
                values << r.sender;
            } else if (variant == 4) {
                r.status = u"deferred"_s;
                extra = u" AND m.id IN (SELECT a.message FROM attempts a WHERE a.status = ?2 AND "
                        u"a.id = (SELECT MAX(b.id) FROM attempts b WHERE b.message = a.message AND "
                        u"b.recipient = a.recipient))"_s;
                values << r.status;
            }
            const auto got = index.trace(r, variant == 0 ? std::optional<QStringList>{{u"BOB"_s}}
                                                         : std::nullopt);
            ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
            if (variant == 0)
                extra += u" AND m.account = 'BOB' COLLATE NOCASE"_s;
            const QString filter =
                u" FROM messages m WHERE m.id IN (SELECT message FROM attempts WHERE recipient "
                u"= ?1 COLLATE NOCASE)"_s +
                extra;
            const auto matched =
                ref.rows((u"SELECT COUNT(*)"_s + filter).toUtf8().constData(), values);
            EXPECT_EQ(got.value().matched, matched.value(0).value(0).toLongLong());
            QVariantList paged = values;
            paged << r.limit << r.offset;
            const auto ids =
                ref.rows((u"SELECT m.queue_id"_s + filter +
                          u" ORDER BY m.accepted DESC, m.id DESC LIMIT ?%1 OFFSET ?%2"_s
                              .arg(values.size() + 1)
                              .arg(values.size() + 2))
                             .toUtf8()
                             .constData(),
                         paged);
            QStringList expected, traced;
            for (const auto &row : ids)
                expected.append(row.value(0).toString());
            for (const auto &m : got.value().messages)
                traced.append(m.queueId);
            EXPECT_EQ(traced, expected) << rcpt.toStdString() << " variant " << variant;
            EXPECT_FALSE(variant != 3 && expected.isEmpty()) << variant;
        }
    }

    // By queue id (given again after its message was removed), message-id (in any case),
    // sender, account and a partner's accounts, alone, paged: as the messages themselves say.
    int found = 0;
    const auto expectMessages = [&](const api::TraceRequest &r,
                                    const std::optional<QStringList> &scope, const QString &where,
                                    const QVariantList &values) {
        const auto got = index.trace(r, scope);
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        const QString filter = u" FROM messages m WHERE "_s + where;
        const auto matched = ref.rows((u"SELECT COUNT(*)"_s + filter).toUtf8().constData(), values);
        EXPECT_EQ(got.value().matched, matched.value(0).value(0).toLongLong())
            << where.toStdString();
        const auto ids =
            ref.rows((u"SELECT m.queue_id, m.accepted"_s + filter +
                      u" ORDER BY m.accepted DESC, m.id DESC LIMIT %1 OFFSET %2"_s.arg(r.limit).arg(
                          r.offset))
                         .toUtf8()
                         .constData(),
                     values);
        QStringList expected, traced;
        for (const auto &row : ids)
            expected.append(row.value(0).toString() + u' ' + row.value(1).toString());
        for (const auto &m : got.value().messages)
            traced.append(m.queueId + u' ' + QString::number(m.accepted.toSecsSinceEpoch()));
        EXPECT_EQ(traced, expected) << where.toStdString() << " " << r.offset;
        found += !expected.isEmpty();
    };
    for (int i = 0; i < 600; i += 7) {
        api::TraceRequest r;
        r.limit = 3;
        r.queueId = u"%1"_s.arg(i % 550 + 0x1000, 11, 16, QChar(u'0')).toUpper();
        expectMessages(r, std::nullopt, u"m.queue_id = ?1"_s, {r.queueId});
        r.queueId.clear();
        r.messageId = u"M%1@LAB.test"_s.arg(i % 290);
        expectMessages(r, std::nullopt, u"m.message_id = ?1 COLLATE NOCASE"_s, {r.messageId});
    }
    EXPECT_GT(found, 100);
    for (int offset : {0, 4, 40}) {
        api::TraceRequest r;
        r.limit = 5;
        r.offset = offset;
        r.sender = u"S1@LAB.test"_s;
        expectMessages(r, std::nullopt, u"m.sender = ?1 COLLATE NOCASE"_s, {r.sender});
        r.sender.clear();
        r.account = u"BOB"_s;
        expectMessages(r, std::nullopt, u"m.account = ?1 COLLATE NOCASE"_s, {r.account});
        r.account.clear();
        expectMessages(r, QStringList{u"BOB"_s, u"carol"_s},
                       u"m.account COLLATE NOCASE IN ('BOB', 'carol')"_s, {});
        expectMessages(r, QStringList{}, u"0"_s, {});
    }
}

// The indexes of messages before the day-led ones (main's version and user_version 1).
#define OLD_MESSAGE_INDEXES                                                                        \
    "DROP INDEX messages_day_sender; DROP INDEX messages_day_account; "                            \
    "CREATE INDEX messages_sender_accepted ON messages(sender COLLATE NOCASE, accepted); "         \
    "CREATE INDEX messages_account ON messages(account COLLATE NOCASE, accepted); "                \
    "CREATE INDEX messages_queue_id ON messages(queue_id); "                                       \
    "CREATE INDEX messages_message_id ON messages(message_id COLLATE NOCASE); "

// The indexes each version of the index left, by name (the day-led ones replace the others).
QStringList indexNames(const QString &path)
{
    QStringList names;
    for (const auto &row : Reference(path).rows(
             "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
             "ORDER BY name",
             {}))
        names.append(row.value(0).toString());
    return names;
}

void recordHistory(const QString &path, const QList<std::pair<qint64, QByteArray>> &lines,
                   qsizetype from, qsizetype to)
{
    auto index = Index::open(path);
    ASSERT_TRUE(index.ok()) << index.error().message.toStdString();
    for (qsizetype i = from; i < to; i += 37) {
        QList<Event> events;
        for (qsizetype j = i; j < std::min(to, i + 37); ++j)
            events.append(parse(lines[j].second.constData()));
        ASSERT_TRUE(index.value()->record(u"mail"_s, events, {7, i, "abc"}).ok());
    }
}

} // namespace

// stats and trace by recipient read the rows derived at ingest: they answer what the attempts
// themselves say, batch after batch across a restart, after a prune, and (an index written
// before the derived tables) after the migration that derives them from the attempts.
TEST(EventIndex, CountsAndRecipientsAnswerAsTheAttemptsDo)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"events.sqlite"_s);
    const auto lines = historyLog();
    ASSERT_GT(lines.size(), 3000);
    recordHistory(db, lines, 0, lines.size() / 2);
    recordHistory(db, lines, lines.size() / 2, lines.size()); // staffetta-events restarted
    {
        auto index = Index::open(db);
        ASSERT_TRUE(index.ok());
        expectTodaysAnswers(*index.value(), db);
        // Retention: the attempts of the pruned messages leave the counts with them.
        ASSERT_TRUE(index.value()->prune(Now.toSecsSinceEpoch() - 10 * 86400).ok());
        expectTodaysAnswers(*index.value(), db);
        EXPECT_FALSE(index.value()->attemptCounts(u"bob"_s, 1800, 7200, 3600).ok());
    }
    const QStringList current = indexNames(db);
    EXPECT_TRUE(current.contains(u"messages_day_queue_id"_s)) << current.join(u' ').toStdString();
    EXPECT_TRUE(current.contains(u"message_recipients_day"_s));
    EXPECT_FALSE(current.contains(u"messages_queue_id"_s));
    // The index as the version before the day-led indexes left it (user_version 1: the
    // derived tables, the recipients by recipient first)...
    {
        Reference old(db);
        ASSERT_EQ(sqlite3_exec(old.db,
                               "DROP INDEX messages_day_queue_id; DROP INDEX "
                               "messages_day_message_id; DROP INDEX message_recipients_day; "
                               "DROP INDEX messages_open; " OLD_MESSAGE_INDEXES
                               "CREATE INDEX message_recipients_recipient ON "
                               "message_recipients(recipient, accepted)",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    {
        auto migrated = Index::open(db);
        ASSERT_TRUE(migrated.ok()) << migrated.error().message.toStdString();
        expectTodaysAnswers(*migrated.value(), db);
        EXPECT_EQ(indexNames(db), current);
    }
    // ... and as the version before the derived tables left it (main's: user_version 0).
    {
        Reference old(db);
        ASSERT_EQ(
            sqlite3_exec(old.db,
                         "DROP TABLE message_recipients; DROP TABLE attempt_hours; "
                         "DROP TABLE attempt_days; CREATE INDEX attempts_recipient ON "
                         "attempts(recipient COLLATE NOCASE); "
                         "DROP INDEX messages_day_queue_id; DROP INDEX "
                         "messages_day_message_id; DROP INDEX messages_open; " OLD_MESSAGE_INDEXES
                         "PRAGMA user_version = 0",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    auto migrated = Index::open(db);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message.toStdString();
    expectTodaysAnswers(*migrated.value(), db);
    EXPECT_EQ(Reference(db).rows("PRAGMA user_version", {}), (QList<QVariantList>{{1}}));
    EXPECT_EQ(indexNames(db), current);
}

// Lines cut short, or shaped like Postfix's but not quite, say nothing (and never read past
// their end: the parser reads bytes by hand, fuzz_maillog runs it on anything).
TEST(EventParser, AMalformedLineIsNoEvent)
{
    for (const char *line :
         {"", "Dec", "Dec 02 00:18:57", "Dec 02 00:18:57 relay",
          "Dec 02 00:18:57 relay postfix/smtpd", "Dec 02 00:18:57 relay postfix/smtpd[1]:",
          "Dec 02 00:18:57 relay postfix/smtpd[x]: A1B2C3: "
          "client=h[1.2.3.4]",
          "Dec 02 00:18:57 relay smtpd[1]: A1B2C3: client=h[1.2.3.4]",
          "Dec 02 00:18:57 relay postfix/SMTPD[1]: A1B2C3: client=h[1.2.3.4]",
          "Dez 02 00:18:57 relay postfix/smtpd[1]: A1B2C3: client=h[1.2.3.4]",
          "Dec 02 00:18:57 relay postfix/smtpd[1]: A1B: client=h[1.2.3.4]",
          "Dec 02 00:18:57 relay postfix/smtpd[1]: A1B2C3-x: client=h[1.2.3.4]",
          "Dec 02 00:18:57 relay postfix/smtpd[1]: NOQUEUE: reject: "})
        EXPECT_EQ(parse(line).kind, K::None) << line;
    // Cut inside an address: the address is what there is, nothing is read past the line.
    const Event from = parse("Dec 02 00:18:57 relay postfix/qmgr[1]: A1B2C3: from=<");
    EXPECT_EQ(from.kind, K::From);
    EXPECT_EQ(from.sender, QString());
    // ", status=" inside an address cut short is not the line's status: no delivery.
    EXPECT_EQ(parse("Dec 02 00:18:57 relay postfix/smtp[1]: A1B2C3: to=<, status=").kind, K::None);
    EXPECT_EQ(parse("Dec 02 00:18:57 relay postfix/smtp[1]: A1B2C3: to=<\"a>, status=").kind,
              K::None);
    const Event to = parse("Dec 02 00:18:57 relay postfix/smtp[1]: A1B2C3: to=<a>, status=");
    EXPECT_EQ(to.kind, K::Delivery);
    EXPECT_EQ(to.recipient, u"a"_s);
    EXPECT_EQ(to.status, QString());
    // A reject line whose envelope is not Postfix's shape names no address.
    const Event cut = parse("Dec 02 00:18:57 relay postfix/smtpd[1]: NOQUEUE: reject: RCPT from "
                            "h[192.0.2.7]: 554 5.7.1 no; from=<a@b> to=<\"c@d> proto=ESMTP");
    EXPECT_EQ(cut.kind, K::Refusal);
    EXPECT_EQ(cut.sender, QString());
    EXPECT_EQ(cut.recipient, QString());
    // A UTF-8 address (SMTPUTF8) is kept as written.
    const Event utf8 = parse("Dec 02 00:18:57 relay postfix/qmgr[1]: A1B2C3: "
                             "from=<jos\xc3\xa9@lab.test>, size=1, nrcpt=1 (queue active)");
    EXPECT_EQ(utf8.sender, u"jos\u00e9@lab.test"_s);
}

TEST(TraceRequest, RefusesWhatIsNotAFilter)
{
    const auto refused = [](const QJsonObject &o) {
        auto r = api::TraceRequest::fromJson(o);
        return r.ok() ? QString() : r.error().message;
    };
    EXPECT_THAT(refused({{u"limit"_s, 1001}}).toStdString(), ::testing::HasSubstr("1 to 1000"));
    EXPECT_THAT(refused({{u"limit"_s, 0}}).toStdString(), ::testing::HasSubstr("1 to 1000"));
    EXPECT_THAT(refused({{u"offset"_s, -1}}).toStdString(), ::testing::HasSubstr("'offset'"));
    EXPECT_THAT(refused({{u"status"_s, u"lost"_s}}).toStdString(),
                ::testing::HasSubstr("not a status"));
    EXPECT_THAT(refused({{u"queue_id"_s, u"x; rm"_s}}).toStdString(),
                ::testing::HasSubstr("not a queue id"));
    EXPECT_THAT(refused({{u"client_ip"_s, u"localhost"_s}}).toStdString(),
                ::testing::HasSubstr("not an IP address"));
    EXPECT_THAT(refused({{u"from"_s, u"yesterday"_s}}).toStdString(),
                ::testing::HasSubstr("ISO 8601"));
    EXPECT_THAT(refused({{u"recipient"_s, u"a\nb"_s}}).toStdString(),
                ::testing::HasSubstr("control character"));
    EXPECT_THAT(refused({{u"recipients"_s, u"a"_s}}).toStdString(),
                ::testing::HasSubstr("unknown key"));
    auto ok = api::TraceRequest::fromJson(
        {{u"message_id"_s, u"<a@b>"_s}, {u"from"_s, u"2026-12-01T00:00:00Z"_s}, {u"limit"_s, 5}});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.value().messageId, u"a@b"_s);
    EXPECT_EQ(ok.value().limit, 5);
}
