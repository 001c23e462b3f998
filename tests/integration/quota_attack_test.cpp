// The hardening issue's attacks on the quota and the policy service, reproduced through the
// lab relay with real clients: routed addresses, parallel sessions, an abandoned session,
// pathological senders, forged requests on the policy socket, a sender that hides from
// fail2ban.
#include "api/api.h"
#include "api/info.h"

#include "lab_helpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QTime>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QString external(int n)
{
    return u"p%1@%2"_s.arg(n).arg(labValue("LAB_BLACKHOLE_DOMAIN"));
}

struct Session
{
    QStringList rcpts;
    QString end = u"data"_s; // data | kill | quit
    QString sender = {};     // empty: the account's own address
};
struct SessionResult
{
    QList<int> rcpt;
    int data = 0;
};

// Interleaved sessions of one account (tests/integration/smtp_sessions.py).
QList<SessionResult> sessions(const QString &user, const QList<Session> &list,
                              const QString &password = {})
{
    QJsonArray specs;
    for (const auto &s : list) {
        QJsonObject o{{u"rcpts"_s, QJsonArray::fromStringList(s.rcpts)}, {u"end"_s, s.end}};
        if (!s.sender.isEmpty())
            o.insert(u"sender"_s, s.sender);
        specs.append(o);
    }
    const QJsonObject spec{
        {u"host"_s, labValue("LAB_SMTP_HOST")},
        {u"port"_s, Lab::get().port(u"LAB_SUBMISSION_PORT"_s)},
        {u"user"_s, user},
        {u"password"_s, password.isEmpty() ? Lab::get().accounts().value(user) : password},
        {u"sender"_s, u"%1@%2"_s.arg(user, labValue("LAB_LOCAL_DOMAIN"))},
        {u"sessions"_s, specs}};
    const auto out = run(
        u"python3"_s,
        {qEnvironmentVariable("STAFFETTA_SOURCE_DIR") + u"/tests/integration/smtp_sessions.py"_s},
        QJsonDocument(spec).toJson(), 120000);
    EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
    QList<SessionResult> results;
    for (const auto &v : QJsonDocument::fromJson(out.out).object().value(u"sessions"_s).toArray()) {
        SessionResult r;
        for (const auto &c : v.toObject().value(u"rcpt"_s).toArray())
            r.rcpt.append(c.toInt());
        r.data = v.toObject().value(u"data"_s).toInt();
        results.append(r);
    }
    EXPECT_EQ(results.size(), list.size()) << out.out.toStdString() << out.err.toStdString();
    return results;
}

// Brings `login` to `target` external recipients charged today (one message).
void useUpTo(const QString &login, int target, int firstRecipient)
{
    const int now = quotaUsed(login);
    ASSERT_LE(now, target) << login.toStdString() << " has used more than the test expects";
    if (now == target)
        return;
    QStringList to;
    for (int i = now; i < target; ++i)
        to.append(external(firstRecipient + i));
    const auto out = send({login, login + u'@' + labValue("LAB_LOCAL_DOMAIN"), to, {}, {}});
    ASSERT_TRUE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s)) << out.out.toStdString();
    ASSERT_EQ(quotaUsed(login), target);
}

bool mailLogHas(const QByteArray &text)
{
    QFile log(labValue("LAB_MAIL_LOG"));
    return log.open(QIODevice::ReadOnly) && log.readAll().contains(text);
}

class QuotaAttack : public LabTest
{};

} // namespace

// Item 1: "local" means what Postfix delivers here. erin may send 2 a day; a forward of the
// local domain and the percent hack are charged, and at quota every routed form is refused.
TEST_F(QuotaAttack, AddressesPostfixRoutesOutsideAreCharged)
{
    const QString erin = u"erin@"_s + labValue("LAB_LOCAL_DOMAIN");
    ASSERT_EQ(quotaUsed(u"erin"_s), 0);
    const auto forwarded = send({u"erin"_s, erin, {labValue("LAB_FORWARD_ADDRESS")}, {}, {}});
    ASSERT_TRUE(anyReplyStartsWith(forwarded, u"250 2.0.0 Ok: queued"_s))
        << forwarded.out.toStdString();
    // Postfix really delivers it outside (to the blackhole) ...
    EXPECT_TRUE(waitUntil(
        [] {
            return mailLogHas("to=<" + labValue("LAB_FORWARD_TARGET").toUtf8() + ">, orig_to=<" +
                              labValue("LAB_FORWARD_ADDRESS").toUtf8() + ">");
        },
        20000));
    EXPECT_EQ(quotaUsed(u"erin"_s), 1); // ... and so it is charged
    const QString percent = u"v3%blackhole.example@"_s + labValue("LAB_LOCAL_DOMAIN");
    const auto hack = send({u"erin"_s, erin, {percent}, {}, {}});
    ASSERT_TRUE(anyReplyStartsWith(hack, u"250 2.0.0 Ok: queued"_s)) << hack.out.toStdString();
    EXPECT_EQ(quotaUsed(u"erin"_s), 2);

    for (const QString &routed :
         {u"v3%blackhole.example@lab.test"_s, u"blackhole.example!v5@lab.test"_s,
          u"\"v7@blackhole.example\"@lab.test"_s, u"v11%blackhole.example@localhost"_s,
          labValue("LAB_FORWARD_ADDRESS")}) {
        const auto out = send({u"erin"_s, erin, {routed}, {}, {}});
        EXPECT_TRUE(anyReplyStartsWith(out, u"450 4.7.1"_s)) << routed.toStdString() << "\n"
                                                             << out.out.toStdString();
        EXPECT_FALSE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s)) << out.out.toStdString();
    }
    // A plain local recipient is still free.
    const auto local = send({u"erin"_s, erin, {u"bob@"_s + labValue("LAB_LOCAL_DOMAIN")}, {}, {}});
    EXPECT_TRUE(anyReplyStartsWith(local, u"250 2.0.0 Ok: queued"_s)) << local.out.toStdString();
    EXPECT_EQ(quotaUsed(u"erin"_s), 2);
}

// A SASL service the milter is not wired into (the lab's second submission port, like a 465
// left unwired): its mail is charged by staffettad at END-OF-MESSAGE — held for a milter that
// never comes, it would never be charged — its size is judged there, and `info` names it.
TEST_F(QuotaAttack, AServiceWithoutTheMilterIsStillCharged)
{
    const QString port = labValue("LAB_SUBMISSION_NOMILTER_PORT");
    QStringList warned;
    for (const auto &w : localInfo().warnings)
        warned.append(w.code + u' ' + w.parameter);
    EXPECT_TRUE(warned.contains(u"milter_not_wired 127.0.0.1:"_s + port))
        << warned.join(u"; "_s).toStdString();
    EXPECT_FALSE(
        warned.contains(u"milter_not_wired 127.0.0.1:"_s + labValue("LAB_SUBMISSION_PORT")));

    const QString carol = u"carol@"_s + labValue("LAB_LOCAL_DOMAIN");
    const int before = quotaUsed(u"carol"_s);
    const auto out = send({u"carol"_s, carol, {external(901), external(902)}, {}, {}, {}, port});
    ASSERT_TRUE(anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s)) << out.out.toStdString();
    EXPECT_EQ(quotaUsed(u"carol"_s), before + 2);
    // carol's 20000-byte limit, judged by the policy service with the customers' wording.
    const auto big = send(
        {u"carol"_s, carol, {external(903)}, {u"--body"_s, QString(30000, u'x')}, {}, {}, port});
    EXPECT_TRUE(anyReplyStartsWith(big, u"552 5.3.4"_s)) << big.out.toStdString();
    EXPECT_EQ(quotaUsed(u"carol"_s), before + 2);
}

TEST_F(QuotaAttack, InfoWarnsAboutPostfixRoutingSettings)
{
    // The lab keeps Postfix's defaults (yes), which a relay should turn off.
    const api::RelayInfo info = localInfo();
    QStringList flagged;
    for (const auto &w : info.warnings) {
        if (w.code == u"postfix_routing"_s && w.expected == u"no"_s)
            flagged.append(w.parameter);
    }
    flagged.sort();
    EXPECT_EQ(flagged, QStringList({u"allow_percent_hack"_s, u"resolve_dequoted_address"_s,
                                    u"swap_bangpath"_s}));
}

// `info` (every fleet refresh) shows the routing warnings staffettad found, from its report in
// the state directory: it runs no postmap (strace sees every program it starts), and a report
// that is missing or old is a staffettad_stale warning, not a reason to ask Postfix itself.
TEST_F(QuotaAttack, InfoShowsStaffettadsRoutingReportAndRunsNoPostmap)
{
    QTemporaryDir scratch;
    ASSERT_TRUE(scratch.isValid());
    const QString trace = scratch.filePath(u"trace"_s);
    const auto infoWith = [&](const QString &conf) {
        const auto out =
            run(u"strace"_s, {u"-f"_s, u"-qq"_s, u"-e"_s, u"trace=execve"_s, u"-o"_s, trace,
                              u"/usr/bin/env"_s, u"STAFFETTA_CONF="_s + conf,
                              qEnvironmentVariable("STAFFETTACTL"), u"info"_s, u"--json"_s});
        auto parsed = api::parseResponse(out.out, out.err, out.exitCode);
        EXPECT_TRUE(parsed.ok()) << out.out.toStdString() << out.err.toStdString();
        auto info = api::RelayInfo::fromJson(parsed.valueOr({}));
        return info ? info.value() : api::RelayInfo{};
    };
    const auto codes = [](const api::RelayInfo &info) {
        QStringList list;
        for (const auto &w : info.warnings)
            list.append(w.code + u' ' + w.parameter);
        list.sort();
        return list;
    };
    const api::RelayInfo live = infoWith(labValue("LAB_STAFFETTA_CONF"));
    EXPECT_EQ(codes(live), QStringList({u"milter_not_wired 127.0.0.1:"_s +
                                            labValue("LAB_SUBMISSION_NOMILTER_PORT"),
                                        u"postfix_routing allow_percent_hack"_s,
                                        u"postfix_routing resolve_dequoted_address"_s,
                                        u"postfix_routing swap_bangpath"_s}));
    QFile traced(trace);
    ASSERT_TRUE(traced.open(QIODevice::ReadOnly));
    const QByteArray execs = traced.readAll();
    EXPECT_TRUE(execs.contains("staffettactl")) << execs.toStdString(); // strace did see it
    EXPECT_FALSE(execs.contains("postmap")) << execs.toStdString();

    // The same relay with a state directory staffettad does not write to: no report ...
    QFile labConf(labValue("LAB_STAFFETTA_CONF"));
    ASSERT_TRUE(labConf.open(QIODevice::ReadOnly));
    const QString state = scratch.filePath(u"state"_s);
    ASSERT_TRUE(QDir().mkpath(state));
    QString text = QString::fromUtf8(labConf.readAll());
    text.replace(QRegularExpression(u"^dir=.*$"_s, QRegularExpression::MultilineOption),
                 u"dir="_s + state);
    const QString conf = scratch.filePath(u"staffetta.conf"_s);
    {
        QFile f(conf);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
    }
    api::RelayInfo missing = infoWith(conf);
    ASSERT_EQ(missing.warnings.size(), 1) << codes(missing).join(u"; "_s).toStdString();
    EXPECT_EQ(missing.warnings[0].code, u"staffettad_stale"_s);
    EXPECT_TRUE(missing.warnings[0].value.isEmpty());
    // ... and one ten minutes old: its warnings, and that they are old.
    api::RoutingReport old;
    old.time = QDateTime::currentDateTimeUtc().addSecs(-600);
    old.warnings = {{u"unlisted_table"_s, u"alias_maps = ldap:x"_s, {}, {}}};
    {
        QFile f(QDir(state).filePath(QString::fromLatin1(api::RoutingReport::FileName)));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(old.toJson()).toJson());
    }
    const api::RelayInfo stale = infoWith(conf);
    EXPECT_EQ(codes(stale),
              QStringList({u"staffettad_stale "_s + QDir(state).filePath(QString::fromLatin1(
                                                        api::RoutingReport::FileName)),
                           u"unlisted_table alias_maps = ldap:x"_s}));
    for (const auto &w : stale.warnings) {
        if (w.code == u"staffettad_stale"_s) {
            EXPECT_GE(w.value.toInt(), 600);
        }
    }
}

// Items 2 and the corrections: a client killed after its RCPTs holds its reservation only
// until the stated timeout (reservation_timeout = 6 s in the lab), then it comes back; and
// parallel sessions never get past the quota (dave: 10 a day, 6 used, 5 × 4 RCPTs).
TEST_F(QuotaAttack, ReservationsHoldAcrossSessionsAndComeBack)
{
    const int before = quotaUsed(u"dave"_s);
    ASSERT_LE(before, 5);
    const int left = 10 - before;
    QStringList all;
    for (int i = 0; i < left; ++i)
        all.append(external(100 + i));
    // The killed client reserved everything that was left.
    auto killed = sessions(u"dave"_s, {{all, u"kill"_s}});
    ASSERT_EQ(killed.size(), 1);
    EXPECT_EQ(killed[0].rcpt, QList<int>(left, 250));
    auto blocked = sessions(u"dave"_s, {{{external(200)}, u"quit"_s}});
    ASSERT_EQ(blocked.size(), 1);
    EXPECT_EQ(blocked[0].rcpt, QList<int>({450}));
    // After the timeout the reservation is back: the same RCPT passes and is delivered.
    QThread::sleep(8);
    auto back = sessions(u"dave"_s, {{{external(201)}, u"data"_s}});
    ASSERT_EQ(back.size(), 1);
    EXPECT_EQ(back[0].rcpt, QList<int>({250}));
    EXPECT_EQ(back[0].data, 250);
    EXPECT_EQ(quotaUsed(u"dave"_s), before + 1);

    useUpTo(u"dave"_s, 6, 300);
    QList<Session> parallel;
    for (int s = 0; s < 5; ++s)
        parallel.append({{external(400 + 4 * s), external(401 + 4 * s), external(402 + 4 * s),
                          external(403 + 4 * s)},
                         u"data"_s});
    const auto results = sessions(u"dave"_s, parallel);
    int accepted = 0;
    for (const auto &r : results)
        accepted += int(r.rcpt.count(250));
    EXPECT_EQ(accepted, 4) << "the reservations let more RCPTs through than the quota leaves";
    EXPECT_EQ(quotaUsed(u"dave"_s), 10);
}

// The hourly limit and the per-sender daily limit (issue 24), against parallel sessions of a
// fresh account: four sessions of one sender get exactly its 3, then four of another sender
// exactly the 2 the hourly 5 leaves; the refusals name the sender and the limit.
TEST_F(QuotaAttack, HourlyAndPerSenderLimitsHoldAcrossParallelSessions)
{
    // The hourly count starts again with the clock hour: not across one.
    const QTime now = QTime::currentTime();
    if (now.minute() == 59 && now.second() > 30)
        QThread::sleep(61 - now.second());
    const QString login = u"limits-"_s + QString::number(QCoreApplication::applicationPid());
    const QString domain = labValue("LAB_LOCAL_DOMAIN");
    const QString a = u"a-"_s + login + u'@' + domain, b = u"b-"_s + login + u'@' + domain;
    const QJsonObject added =
        ctl({u"accounts"_s, u"add"_s, login},
            QJsonDocument(QJsonObject{{u"senders"_s, QJsonArray{a, b}}}).toJson());
    const QString password = added.value(u"password"_s).toString();
    ASSERT_FALSE(password.isEmpty());
    setAccountKey(login, u"hourly_quota"_s, 5, u"limits test"_s);
    setAccountKey(login, u"sender_daily_quota"_s, 3, u"limits test"_s);

    const auto parallel = [&](const QString &sender, int first) {
        QList<Session> list;
        for (int s = 0; s < 4; ++s)
            list.append(
                {{external(first + 2 * s), external(first + 2 * s + 1)}, u"data"_s, sender});
        int accepted = 0;
        for (const auto &r : sessions(login, list, password))
            accepted += int(r.rcpt.count(250));
        return accepted;
    };
    const auto refusal = [&](const QString &sender) {
        const ProcessOutput out = send({login, sender, {external(800)}, {}, {}, password});
        return replies(out).filter(u"450 4.7.1"_s).join(u' ');
    };
    EXPECT_EQ(parallel(a, 600), 3) << "the per-sender limit let more through";
    EXPECT_TRUE(refusal(a).contains(u"<%1> has exceeded 3 messages per 1 day"_s.arg(a)))
        << refusal(a).toStdString();
    EXPECT_EQ(parallel(b, 700), 2) << "the hourly limit let more through";
    EXPECT_TRUE(refusal(b).contains(u"<%1> has exceeded 5 messages per 1 hour"_s.arg(b)))
        << refusal(b).toStdString();
    EXPECT_EQ(quotaUsed(login), 5);
    // `usage` says how near each wall the account is: this hour's use, the busiest sender.
    QJsonObject usage;
    for (const auto &v : ctl({u"usage"_s}).value(u"accounts"_s).toArray()) {
        if (v[u"login"_s].toString() == login)
            usage = v.toObject();
    }
    EXPECT_EQ(usage[u"hourly"_s][u"used"_s].toInt(), 5);
    EXPECT_EQ(usage[u"hourly"_s][u"quota"_s].toInt(), 5);
    EXPECT_EQ(usage[u"top_sender"_s][u"address"_s].toString(), a.toLower());
    EXPECT_EQ(usage[u"top_sender"_s][u"used"_s].toInt(), 3);
    EXPECT_EQ(usage[u"top_sender"_s][u"quota"_s].toInt(), 3);
    ctl({u"accounts"_s, u"remove"_s, login});
}

// Item 5: a 1,900-character sender against a partner's worst patterns is refused at once, and
// the other tenants' mail is answered meanwhile (not 451 after the policy timeout).
TEST_F(QuotaAttack, PathologicalSendersDoNotStallOtherTenants)
{
    auto current = ctl({u"policy"_s, u"get"_s});
    QJsonObject policy = current.value(u"policy"_s).toObject();
    QJsonArray accounts = policy.value(u"accounts"_s).toArray();
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        QJsonObject a = accounts[i].toObject();
        if (a.value(u"login"_s).toString() != u"carol"_s)
            continue;
        QJsonArray senders = a.value(u"senders"_s).toArray();
        // As many as an account may hold (1,000 with its own address).
        for (int n = 0; n < 999; ++n)
            senders.append(u"*"_s + QString(230, u'a') + u"%1@x.example"_s.arg(n));
        a.insert(u"senders"_s, senders);
        accounts[i] = a;
    }
    policy.insert(u"accounts"_s, accounts);
    const QJsonObject applied =
        ctl({u"policy"_s, u"apply"_s},
            QJsonDocument(QJsonObject{{u"base_revision"_s, current.value(u"revision"_s)},
                                      {u"policy"_s, policy},
                                      {u"comment"_s, u"pathological patterns"_s}})
                .toJson());
    ASSERT_TRUE(applied.value(u"reloaded"_s).toBool());

    const QString longSender = QString(1900, u'a') + u"@x.example"_s;
    QList<ProcessOutput> attacks(4);
    QList<QThread *> threads;
    for (int i = 0; i < 4; ++i) {
        threads.append(QThread::create([&attacks, i, longSender] {
            attacks[i] = send({u"carol"_s, longSender, {external(500 + i)}, {}, {}});
        }));
    }
    for (auto *t : threads)
        t->start();
    const auto alice = send({u"alice"_s,
                             u"alice@"_s + labValue("LAB_LOCAL_DOMAIN"),
                             {u"bob@"_s + labValue("LAB_LOCAL_DOMAIN")},
                             {},
                             {}});
    for (auto *t : threads) {
        t->wait();
        delete t;
    }
    EXPECT_TRUE(anyReplyStartsWith(alice, u"250 2.0.0 Ok: queued"_s)) << alice.out.toStdString();
    for (const auto &a : attacks) {
        EXPECT_TRUE(anyReplyStartsWith(a, u"553 5.7.1"_s)) << a.out.left(2000).toStdString();
        EXPECT_FALSE(anyReplyStartsWith(a, u"451"_s));
    }
    // Restore carol's senders.
    const auto now = ctl({u"policy"_s, u"get"_s});
    ctl({u"policy"_s, u"apply"_s},
        QJsonDocument(QJsonObject{{u"base_revision"_s, now.value(u"revision"_s)},
                                  {u"policy"_s, current.value(u"policy"_s)}})
            .toJson());
}

// Item 7: only Postfix's group may talk to the policy service.
TEST_F(QuotaAttack, OtherLocalUsersCannotReachThePolicySocket)
{
    const QString socketPath = labValue("LAB_POLICY_SOCKET");
    const auto nobody = run(u"runuser"_s, {u"-u"_s, u"nobody"_s, u"--"_s, u"python3"_s, u"-c"_s,
                                           u"import socket,sys; s=socket.socket(socket.AF_UNIX); "
                                           "s.connect(sys.argv[1])"_s,
                                           socketPath});
    EXPECT_NE(nobody.exitCode, 0);
    EXPECT_TRUE(nobody.err.contains("Permission denied")) << nobody.err.toStdString();
    const auto mode = run(u"stat"_s, {u"-c"_s, u"%a %U %G"_s, socketPath});
    EXPECT_EQ(mode.out.trimmed(), "660 root postfix");
    // Postfix (and root) can: a forged-looking but valid request gets an answer.
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    ASSERT_TRUE(socket.waitForConnected(3000));
    socket.write("request=smtpd_access_policy\nprotocol_state=RCPT\nsender=a@b.example\n\n");
    ASSERT_TRUE(socket.waitForReadyRead(3000));
    EXPECT_EQ(socket.readAll(), "action=DUNNO\n\n");
}

// Item 9: a > in the sender no longer hides the line from the staffetta-sender jail.
TEST_F(QuotaAttack, ASenderWithAngleBracketsIsStillBanned)
{
    const QString jail = labValue("LAB_SENDER_JAIL");
    const QString client = labValue("LAB_BANNED_CLIENT");
    unban(jail, client);
    for (int i = 0; i < 3; ++i) {
        const auto out = send(
            {u"bob"_s, u"\"x>%1\"@elsewhere.example"_s.arg(i), {external(600 + i)}, {}, client});
        EXPECT_TRUE(anyReplyStartsWith(out, u"553 5.7.1"_s)) << out.out.toStdString();
    }
    EXPECT_TRUE(waitUntil([&] { return bannedIps(jail).contains(client); }, 30000))
        << "staffetta-sender did not ban " << client.toStdString();
    unban(jail, client);
}
