// The event index through the lab relay: real mail delivered, deferred and bounced, followed
// from Postfix's own log by staffetta-events, traced with staffettactl as admin and as the
// lab's partner (partner of bob); the log rotated during traffic; the indexer restarted.
#include "api/stats.h"
#include "api/trace.h"
#include "client/relay_client.h"
#include "common/access.h"

#include "lab_helpers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

#include <thread>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class Events : public LabTest
{
protected:
    static QString tag(const QString &prefix)
    {
        return prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(12);
    }
    static QString at(const QString &local, const QString &domainKey)
    {
        return local + u'@' + Lab::get().value(domainKey);
    }
    static QString bob() { return u"bob@"_s + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s); }

    // `staffettactl trace` as admin (on the relay host, as root).
    static api::TraceResult trace(const QJsonObject &request)
    {
        const QJsonObject answer =
            ctl({u"trace"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact));
        auto r = api::TraceResult::fromJson(answer);
        EXPECT_TRUE(r.ok());
        // The api type reads the whole answer: written again, it is the same.
        if (r) {
            EXPECT_EQ(r.value().toJson(), answer);
        }
        return r ? r.value() : api::TraceResult{};
    }

    // Waits until the recipient's message is traced with a last attempt of `status`.
    static api::TraceMessage traced(const QString &recipient, const QString &status)
    {
        api::TraceMessage found;
        const bool ok = waitUntil(
            [&] {
                const auto r = trace({{u"recipient"_s, recipient}});
                if (r.messages.size() != 1 || r.messages.front().recipients.isEmpty() ||
                    r.messages.front().recipients.front().status != status)
                    return false;
                found = r.messages.front();
                return true;
            },
            30000);
        EXPECT_TRUE(ok) << recipient.toStdString() << " never traced as " << status.toStdString();
        return found;
    }

    // One message, queued. A Dovecot reload (the Content tests reload it just before these)
    // leaves each smtpd that had an AUTH connection with a dead one: its next AUTH is
    // "454 4.7.0 ... Connection lost to authentication server", the one after works.
    static bool queued(const Send &s)
    {
        for (int attempt = 0; attempt < 10; ++attempt) {
            const auto sent = send(s);
            if (anyReplyStartsWith(sent, u"250 2.0.0 Ok: queued"_s))
                return true;
            if (!anyReplyStartsWith(sent, u"454 4.7.0"_s)) {
                ADD_FAILURE() << sent.out.toStdString();
                return false;
            }
        }
        ADD_FAILURE() << "AUTH failed 10 times in a row";
        return false;
    }
    static void sendAsBob(const QString &to, const QStringList &extra = {})
    {
        ASSERT_TRUE(queued({u"bob"_s, bob(), {to}, extra, {}}));
    }

    // One message sent with Python's smtplib (tests/integration/smtp_sessions.py), which
    // writes the addresses as given: swaks splits its recipients at commas, and these are in
    // quoted local parts. Without `user` on LAB_SMTP_PORT (mynetworks, no AUTH), else on the
    // submission port; `mailOptions` go on MAIL FROM. Retries the 454 of queued() above.
    static bool queuedBySmtplib(const QString &user, const QString &sender, const QStringList &to,
                                const QStringList &mailOptions = {})
    {
        const QJsonObject spec{
            {u"host"_s, labValue("LAB_SMTP_HOST")},
            {u"port"_s,
             Lab::get().port(user.isEmpty() ? u"LAB_SMTP_PORT"_s : u"LAB_SUBMISSION_PORT"_s)},
            {u"user"_s, user},
            {u"password"_s, Lab::get().accounts().value(user)},
            {u"sender"_s, sender},
            {u"sessions"_s, QJsonArray{QJsonObject{
                                {u"rcpts"_s, QJsonArray::fromStringList(to)},
                                {u"mail_options"_s, QJsonArray::fromStringList(mailOptions)}}}}};
        for (int attempt = 0; attempt < 10; ++attempt) {
            const auto out = run(u"python3"_s,
                                 {qEnvironmentVariable("STAFFETTA_SOURCE_DIR") +
                                  u"/tests/integration/smtp_sessions.py"_s},
                                 QJsonDocument(spec).toJson(), 120000);
            if (out.exitCode == 0) {
                const QJsonObject session = QJsonDocument::fromJson(out.out)
                                                .object()
                                                .value(u"sessions"_s)
                                                .toArray()
                                                .first()
                                                .toObject();
                EXPECT_EQ(session.value(u"data"_s).toInt(), 250) << out.out.toStdString();
                return session.value(u"data"_s).toInt() == 250;
            }
            if (!out.err.contains("454")) {
                ADD_FAILURE() << out.err.toStdString();
                return false;
            }
        }
        ADD_FAILURE() << "AUTH failed 10 times in a row";
        return false;
    }

    // Messages traced for `recipient`, every one with exactly one attempt (none doubled).
    static qint64 tracedOnce(const QString &recipient)
    {
        const auto r = trace({{u"recipient"_s, recipient}, {u"limit"_s, 1000}});
        for (const auto &m : r.messages) {
            EXPECT_EQ(m.recipients.size(), 1) << m.queueId.toStdString();
            if (!m.recipients.isEmpty()) {
                EXPECT_EQ(m.recipients.front().attempts.size(), 1) << m.queueId.toStdString();
            }
        }
        return r.matched;
    }
};

TEST_F(Events, TraceShowsDeliveredDeferredAndBouncedMailWithTheRemoteWords)
{
    const QString id = tag(u"trace"_s);
    const QString delivered = at(id, u"LAB_BLACKHOLE_DOMAIN"_s);
    const QString deferred = at(id, u"LAB_UNREACHABLE_DOMAIN"_s);
    const QString bounced = at(id, u"LAB_BOUNCE_DOMAIN"_s);
    const QString messageId = id + u"@events.lab.test"_s;
    sendAsBob(delivered);
    sendAsBob(deferred);
    sendAsBob(bounced, {u"--header"_s, u"Message-Id: <"_s + messageId + u'>'});

    const auto sent = traced(delivered, u"sent"_s);
    ASSERT_FALSE(sent.recipients.isEmpty());
    EXPECT_EQ(sent.account, u"bob"_s);
    EXPECT_EQ(sent.sender, bob());
    EXPECT_EQ(sent.clientIp, u"127.0.0.1"_s);
    EXPECT_GT(sent.size, 0);
    EXPECT_EQ(sent.recipients.front().attempts.front().dsn, u"2.0.0"_s);
    EXPECT_TRUE(sent.recipients.front().attempts.front().reply.contains(u"250 2.0.0 Ok"_s));

    const auto waiting = traced(deferred, u"deferred"_s);
    ASSERT_FALSE(waiting.recipients.isEmpty());
    EXPECT_TRUE(waiting.recipients.front().attempts.front().reply.contains(u"Connection refused"_s))
        << waiting.recipients.front().attempts.front().reply.toStdString();
    EXPECT_FALSE(waiting.removed.isValid()); // still in the queue

    const auto refused = traced(bounced, u"bounced"_s);
    ASSERT_FALSE(refused.recipients.isEmpty());
    const api::TraceAttempt &attempt = refused.recipients.front().attempts.front();
    EXPECT_EQ(attempt.dsn, u"5.3.0"_s);
    // The remote server's own words, and which server said them.
    EXPECT_TRUE(attempt.reply.contains(u"said: 500 5.3.0 Error: command failed"_s))
        << attempt.reply.toStdString();
    EXPECT_TRUE(attempt.relay.contains(u"127.0.0.1"_s)) << attempt.relay.toStdString();

    // The same message by its queue id and by its message-id (with or without <>).
    for (const QJsonObject &request :
         {QJsonObject{{u"queue_id"_s, refused.queueId}}, QJsonObject{{u"message_id"_s, messageId}},
          QJsonObject{{u"message_id"_s, u"<"_s + messageId + u'>'}}}) {
        const auto r = trace(request);
        ASSERT_EQ(r.messages.size(), 1) << QJsonDocument(request).toJson().toStdString();
        EXPECT_EQ(r.messages.front().queueId, refused.queueId);
        EXPECT_EQ(r.messages.front().messageId, messageId);
        ASSERT_FALSE(r.messages.front().recipients.isEmpty());
        EXPECT_EQ(r.messages.front().recipients.front().status, u"bounced"_s);
    }
    // Newest first, and the status filter is the last attempt's.
    const auto bobs = trace({{u"sender"_s, bob()}, {u"status"_s, u"bounced"_s}, {u"limit"_s, 1}});
    ASSERT_EQ(bobs.messages.size(), 1);
    EXPECT_EQ(bobs.messages.front().queueId, refused.queueId);
}

// A quoted local part may hold anything but a bare quote, and Postfix logs it as written:
// to=<"a, status=sent (x)"@d>, from=<"s, size=1"@d>. Each message says the opposite of what
// happened to it; trace shows what happened (Postfix's own fields, in their order).
TEST_F(Events, QuotedAddressesCannotLieToTheIndex)
{
    const QString id = tag(u"quoted"_s);
    const QString sink = Lab::get().value(u"LAB_BLACKHOLE_DOMAIN"_s);
    const QString bounce = Lab::get().value(u"LAB_BOUNCE_DOMAIN"_s);
    // Delivered (smtp-sink), bounced (the bounce domain's sink refuses every RCPT).
    const QString delivered = u"\"%1, status=bounced (550 5.1.1 no such user)\"@%2"_s.arg(id, sink);
    const QString bounced = u"\"%1, status=sent (250 2.0.0 Ok)\"@%2"_s.arg(id, bounce);
    // A '>' and an escaped quote in the quotes do not end the address.
    const QString angled = u"\"%1\\\">, dsn=2.0.0, status=sent (250 Ok)\"@%2"_s.arg(id, bounce);
    // bob may send as *@*.bob-shop.example: any local part, quoted too.
    const QString sized = u"\"%1, size=999999999, nrcpt=77\"@shop.bob-shop.example"_s.arg(id);
    const QString expiring =
        u"\"%1, status=expired, returned to sender\"@shop.bob-shop.example"_s.arg(id);
    ASSERT_TRUE(queuedBySmtplib(u"bob"_s, bob(), {delivered}));
    ASSERT_TRUE(queuedBySmtplib(u"bob"_s, bob(), {bounced}));
    ASSERT_TRUE(queuedBySmtplib(u"bob"_s, bob(), {angled}));
    ASSERT_TRUE(
        queuedBySmtplib(u"bob"_s, sized, {at(id + u"-sized"_s, u"LAB_BLACKHOLE_DOMAIN"_s)}));
    ASSERT_TRUE(
        queuedBySmtplib(u"bob"_s, expiring, {at(id + u"-expiring"_s, u"LAB_BLACKHOLE_DOMAIN"_s)}));

    const auto sent = traced(delivered, u"sent"_s);
    ASSERT_FALSE(sent.recipients.isEmpty());
    EXPECT_EQ(sent.recipients.front().address, delivered);
    EXPECT_EQ(sent.recipients.front().attempts.front().dsn, u"2.0.0"_s);
    EXPECT_EQ(sent.sender, bob());

    for (const QString &refusedRecipient : {bounced, angled}) {
        const auto refused = traced(refusedRecipient, u"bounced"_s);
        ASSERT_FALSE(refused.recipients.isEmpty()) << refusedRecipient.toStdString();
        EXPECT_EQ(refused.recipients.front().address, refusedRecipient);
        const api::TraceAttempt &attempt = refused.recipients.front().attempts.front();
        EXPECT_EQ(attempt.dsn, u"5.3.0"_s);
        EXPECT_TRUE(attempt.reply.contains(u"said: 500 5.3.0 Error: command failed"_s))
            << attempt.reply.toStdString();
    }

    // The size Postfix counted, not the sender's; a message that did not expire, traced by its
    // sender.
    const auto big = traced(at(id + u"-sized"_s, u"LAB_BLACKHOLE_DOMAIN"_s), u"sent"_s);
    EXPECT_EQ(big.sender, sized);
    EXPECT_GT(big.size, 0);
    EXPECT_LT(big.size, 100000);
    traced(at(id + u"-expiring"_s, u"LAB_BLACKHOLE_DOMAIN"_s), u"sent"_s);
    for (const QString &sender : {sized, expiring}) {
        const auto bySender = trace({{u"sender"_s, sender}});
        ASSERT_EQ(bySender.messages.size(), 1) << sender.toStdString();
        EXPECT_EQ(bySender.messages.front().sender, sender);
        EXPECT_EQ(bySender.messages.front().account, u"bob"_s);
        ASSERT_FALSE(bySender.messages.front().recipients.isEmpty());
        EXPECT_EQ(bySender.messages.front().recipients.front().status, u"sent"_s);
    }
}

// Postfix logs the AUTH= of MAIL FROM after the login, as the client wrote it
// ("client=..., sasl_sender=<x, sasl_method=PLAIN, sasl_username=carol>"): from a client that
// did not log in it names no account.
TEST_F(Events, AnAuthParameterCannotNameTheAccount)
{
    const QString anonymous = at(tag(u"auth-anonymous"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    const QString logged = at(tag(u"auth-bob"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    const QStringList claim{u"AUTH=<x, sasl_method=PLAIN, sasl_username=carol>"_s};
    ASSERT_TRUE(queuedBySmtplib({}, bob(), {anonymous}, claim));
    ASSERT_TRUE(queuedBySmtplib(u"bob"_s, bob(), {logged}, claim));
    EXPECT_EQ(traced(anonymous, u"sent"_s).account, QString());
    EXPECT_EQ(traced(logged, u"sent"_s).account, u"bob"_s);
}

TEST_F(Events, APartnersTraceOfAnotherAccountIsEmpty)
{
    const QString carols = at(tag(u"carol"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    const QString bobs = at(tag(u"bob"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    ASSERT_TRUE(queued(
        {u"carol"_s, u"carol@"_s + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s), {carols}, {}, {}}));
    sendAsBob(bobs);
    const auto carolsMessage = traced(carols, u"sent"_s); // the admin sees it
    traced(bobs, u"sent"_s);

    auto partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    const auto partnerTrace = [&](const QJsonObject &request) {
        auto r = await(
            partner.call({u"trace"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact)));
        EXPECT_TRUE(r.ok()) << (r ? std::string() : r.error().message.toStdString());
        auto parsed = api::TraceResult::fromJson(r ? r.value() : QJsonObject{});
        EXPECT_TRUE(parsed.ok());
        return parsed ? parsed.value() : api::TraceResult{};
    };
    EXPECT_EQ(partnerTrace({{u"recipient"_s, carols}}).matched, 0);
    EXPECT_EQ(partnerTrace({{u"queue_id"_s, carolsMessage.queueId}}).matched, 0);
    EXPECT_EQ(partnerTrace({{u"account"_s, u"carol"_s}}).matched, 0);
    const auto own = partnerTrace({{u"recipient"_s, bobs}});
    ASSERT_EQ(own.messages.size(), 1);
    EXPECT_EQ(own.messages.front().account, u"bob"_s);
    // Everything a partner sees is its accounts' (bob, and the bob-* the accounts tests add).
    const QStringList partnerAccounts = labValue("LAB_PARTNER_ACCOUNTS").split(u' ');
    for (const auto &m : partnerTrace({{u"limit"_s, 1000}}).messages)
        EXPECT_TRUE(Access::accountMatches(partnerAccounts, m.account))
            << m.account.toStdString() << " " << m.queueId.toStdString();
}

TEST_F(Events, RotationDuringTrafficLosesAndDoublesNothing)
{
    const QString to = at(tag(u"rotate"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    const QString log = Lab::get().value(u"LAB_MAIL_LOG"_s);
    constexpr int Count = 24;
    std::atomic<int> sentCount{0};
    std::thread traffic([&] {
        for (int i = 0; i < Count; ++i) {
            if (queued({u"bob"_s, bob(), {to}, {}, {}}))
                ++sentCount;
        }
    });
    waitUntil([&] { return sentCount >= Count / 3; }, 60000);
    // By rename, as Postfix's own `postfix logrotate` does (then it gzips the renamed file).
    const auto rotated =
        run(u"postfix"_s, {u"-c"_s, Lab::get().value(u"LAB_POSTFIX_CONFIG"_s), u"logrotate"_s});
    EXPECT_EQ(rotated.exitCode, 0) << rotated.err.toStdString();
    waitUntil([&] { return sentCount >= 2 * Count / 3; }, 60000);
    // By copytruncate, as logrotate's copytruncate does: the copy written, then the log
    // truncated (what Postfix appends between the last read and the truncation is lost to any
    // reader: the tail is read again just before, to keep that instant as short as it can be).
    {
        QFile live(log);
        QFile copy(log + u".copytruncate"_s);
        ASSERT_TRUE(live.open(QIODevice::ReadWrite));
        ASSERT_TRUE(copy.open(QIODevice::WriteOnly));
        copy.write(live.readAll());
        copy.flush();
        copy.write(live.readAll());
        copy.flush();
        ASSERT_TRUE(live.resize(0));
    }
    traffic.join();
    ASSERT_EQ(sentCount, Count);
    EXPECT_TRUE(waitUntil([&] { return tracedOnce(to) >= Count; }, 30000));
    std::this_thread::sleep_for(std::chrono::seconds(1)); // nothing more comes
    EXPECT_EQ(tracedOnce(to), Count);
    QFile::remove(log + u".copytruncate"_s);
}

TEST_F(Events, ARestartedIndexerResumesWhereItStopped)
{
    const QString before = at(tag(u"before"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    sendAsBob(before);
    traced(before, u"sent"_s);
    labCommand(u"events-stop"_s);
    const QString during = at(tag(u"during"_s), u"LAB_BLACKHOLE_DOMAIN"_s);
    for (int i = 0; i < 3; ++i)
        sendAsBob(during);
    // Delivered while the indexer is down; then it starts again.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(trace({{u"recipient"_s, during}}).matched, 0);
    labCommand(u"events-start"_s);
    EXPECT_TRUE(waitUntil([&] { return tracedOnce(during) == 3; }, 30000));
    // What it had read before was not read again.
    EXPECT_EQ(tracedOnce(before), 1);
}

// `staffettactl stats` of carol's current hour, before and after the test's mail: the
// difference is what was sent, accepted, refused and delivered (other tests send too).
TEST_F(Events, StatsOfAnAccountAreWhatItSentPerBucket)
{
    const QString carol = u"carol@"_s + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QJsonObject request{{u"accounts"_s, QJsonArray{u"carol"_s}},
                              {u"from"_s, now.addSecs(-3600).toString(Qt::ISODate)},
                              {u"to"_s, now.addSecs(3600).toString(Qt::ISODate)},
                              {u"bucket"_s, u"hour"_s}};
    const auto stats = [&] {
        const QJsonObject answer =
            ctl({u"stats"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact));
        auto r = api::StatsResult::fromJson(answer);
        EXPECT_TRUE(r.ok()) << QJsonDocument(answer).toJson().toStdString();
        return r ? r.value() : api::StatsResult{};
    };
    const auto before = stats();
    ASSERT_EQ(before.starts.size(), 3);
    ASSERT_EQ(before.accounts.size(), 1);
    EXPECT_EQ(before.accounts.front().quota, (QList<qint64>{300, 300, 300}));
    // The bucket of this hour is the middle one.
    EXPECT_EQ(before.starts[1], now.toSecsSinceEpoch() / 3600 * 3600);

    const QString id = tag(u"stats"_s);
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(queued({u"carol"_s, carol, {at(id, u"LAB_BLACKHOLE_DOMAIN"_s)}, {}, {}}));
    ASSERT_TRUE(queued({u"carol"_s, carol, {at(id, u"LAB_BOUNCE_DOMAIN"_s)}, {}, {}}));
    // Refused: a sender carol may not use, and a sixth recipient (she may have 5).
    const auto foreign = send({u"carol"_s,
                               u"mallory@"_s + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s),
                               {at(id, u"LAB_BLACKHOLE_DOMAIN"_s)},
                               {},
                               {}});
    EXPECT_TRUE(anyReplyStartsWith(foreign, u"553 5.7.1"_s)) << foreign.out.toStdString();
    QStringList six;
    for (int i = 0; i < 6; ++i)
        six.append(at(id + u"-"_s + QString::number(i), u"LAB_BLACKHOLE_DOMAIN"_s));
    const auto many = send({u"carol"_s, carol, six, {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(many, u"250 2.0.0 Ok: queued"_s)) << many.out.toStdString();

    // The hour the mail was sent in (should the hour have turned meanwhile, the next one).
    const auto delta = [&](const api::StatsResult &after, const QString &name) {
        qint64 total = 0;
        for (qsizetype i = 0; i < after.starts.size(); ++i) {
            total += after.accounts.front().series.value(name).value(i) -
                     before.accounts.front().series.value(name).value(i);
        }
        return total;
    };
    const std::map<QString, qint64> expected{{u"accepted_external"_s, 3 + 1 + 5},
                                             {u"accepted_local"_s, 0},
                                             {u"rejected_sender"_s, 1},
                                             {u"rejected_recipients"_s, 1},
                                             {u"rejected_quota"_s, 0},
                                             {u"rejected_blacklist"_s, 0},
                                             {u"rejected_size"_s, 0},
                                             {u"rejected_attachment"_s, 0},
                                             {u"delivered"_s, 3 + 5},
                                             {u"deferred"_s, 0},
                                             {u"bounced"_s, 1}};
    api::StatsResult after;
    waitUntil(
        [&] {
            after = stats();
            return delta(after, u"delivered"_s) >= 8 && delta(after, u"bounced"_s) >= 1;
        },
        30000);
    ASSERT_EQ(after.accounts.size(), 1);
    for (const auto &[name, count] : expected)
        EXPECT_EQ(delta(after, name), count) << name.toStdString();
    // Per bucket: all of it in the hour it was sent, none in the hour before or after.
    const qsizetype hour = std::min<qsizetype>(1, after.starts.size() - 1);
    EXPECT_EQ(after.accounts.front().series.value(u"accepted_external"_s).value(0),
              before.accounts.front().series.value(u"accepted_external"_s).value(0));
    if (QDateTime::currentSecsSinceEpoch() / 3600 == now.toSecsSinceEpoch() / 3600) {
        EXPECT_EQ(after.accounts.front().series.value(u"accepted_external"_s).value(hour) -
                      before.accounts.front().series.value(u"accepted_external"_s).value(hour),
                  9);
    }

    // Hours across a midnight: each hour has the quota of its day.
    QJsonObject longer = request;
    longer.insert(u"from"_s, now.addSecs(-36 * 3600).toString(Qt::ISODate));
    auto hours = api::StatsResult::fromJson(
        ctl({u"stats"_s}, QJsonDocument(longer).toJson(QJsonDocument::Compact)));
    ASSERT_TRUE(hours.ok());
    ASSERT_EQ(hours.value().accounts.size(), 1);
    EXPECT_EQ(hours.value().starts.size(), 38);
    EXPECT_EQ(hours.value().accounts.front().quota, QList<qint64>(38, 300));

    // A partner of bob asks for carol's: she is left out, as trace leaves out her mail.
    auto partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto other =
        await(partner.call({u"stats"_s}, QJsonDocument(request).toJson(QJsonDocument::Compact)));
    ASSERT_TRUE(other.ok()) << other.error().message.toStdString();
    auto parsed = api::StatsResult::fromJson(other.value());
    ASSERT_TRUE(parsed.ok());
    EXPECT_TRUE(parsed.value().accounts.isEmpty());
    QJsonObject bobs = request;
    bobs.insert(u"accounts"_s, QJsonArray{u"bob"_s, u"carol"_s});
    auto own =
        await(partner.call({u"stats"_s}, QJsonDocument(bobs).toJson(QJsonDocument::Compact)));
    ASSERT_TRUE(own.ok());
    parsed = api::StatsResult::fromJson(own.value());
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(parsed.value().accounts.size(), 1);
    EXPECT_EQ(parsed.value().accounts.front().account, u"bob"_s);
}

} // namespace

namespace {

// `stats {totals: true}`, the console's top senders: one bucket per account, the sums of the
// hourly answer's buckets; a partner's (no accounts named) has only its own accounts.
TEST_F(Events, StatsTotalsAreTheSumsOfTheBucketsAndPartnerScoped)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject request{{u"accounts"_s, QJsonArray{u"carol"_s, u"bob"_s}},
                        {u"from"_s, now.addSecs(-5 * 3600).toString(Qt::ISODate)},
                        {u"to"_s, now.toString(Qt::ISODate)},
                        {u"bucket"_s, u"hour"_s}};
    const auto ask = [&](const QJsonObject &r) {
        auto parsed = api::StatsResult::fromJson(
            ctl({u"stats"_s}, QJsonDocument(r).toJson(QJsonDocument::Compact)));
        EXPECT_TRUE(parsed.ok());
        return parsed ? parsed.value() : api::StatsResult{};
    };
    QJsonObject totalsRequest = request;
    totalsRequest.insert(u"totals"_s, true);
    // Mail may arrive between the two calls (other tests): ask until both agree.
    api::StatsResult hours, totals;
    const bool agree = waitUntil(
        [&] {
            hours = ask(request);
            totals = ask(totalsRequest);
            return hours.accounts.size() == 2 && totals.accounts.size() == 2 &&
                   hours.totalled().toJson() == totals.toJson();
        },
        30000);
    EXPECT_TRUE(agree) << QJsonDocument(totals.toJson()).toJson().toStdString();
    ASSERT_EQ(totals.starts.size(), 1);
    ASSERT_EQ(totals.accounts.size(), 2);
    EXPECT_EQ(totals.accounts[0].series.value(u"accepted_external"_s).size(), 1);
    EXPECT_EQ(totals.accounts[0].quota, QList<qint64>{hours.accounts[0].quota.last()});

    auto partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    QJsonObject everyone = totalsRequest;
    everyone.remove(u"accounts"_s);
    auto own =
        await(partner.call({u"stats"_s}, QJsonDocument(everyone).toJson(QJsonDocument::Compact)));
    ASSERT_TRUE(own.ok()) << own.error().message.toStdString();
    auto parsed = api::StatsResult::fromJson(own.value());
    ASSERT_TRUE(parsed.ok());
    // The partner's accounts: bob and the bob-* ones other tests of the run may have added.
    QStringList logins;
    for (const auto &a : parsed.value().accounts)
        logins.append(a.account);
    EXPECT_TRUE(logins.contains(u"bob"_s)) << logins.join(u' ').toStdString();
    for (const QString &login : std::as_const(logins))
        EXPECT_TRUE(login == u"bob"_s || login.startsWith(u"bob-"_s)) << login.toStdString();
}

} // namespace
