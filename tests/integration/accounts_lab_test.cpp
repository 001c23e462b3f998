// The accounts verbs on the lab relay with local credentials: an account added through the
// API logs in with swaks at once, a changed password refuses the old one, the passwd-file holds
// hashes only, a removed account cannot log in; a partner stays inside its own accounts.
// Accounts of their own (acct-PID, bob-PID for the partner): alice's day belongs to others.
#include "api/accounts.h"
#include "api/verbs.h"
#include "lab_helpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<QJsonObject> call(client::RelayClient &c, const QStringList &words,
                         const QJsonObject &request = {})
{
    return await(c.call(words, request.isEmpty() ? QByteArray() : json(request)));
}

QString passwdFile()
{
    return labValue("LAB_DIR") + u"/dovecot/passwd"_s;
}

// The refused logins come from an address of their own, not the lab's LAB_BANNED_CLIENT:
// Dovecot's auth penalty grows with every failure from one address (2 s doubling to 15 s) and
// the ban tests' failures from 127.0.0.2 would push it past Postfix's 10 s wait for the auth
// server, which then answers "454 4.7.0 Temporary authentication failure" instead of 535.
QString refusedClient()
{
    return u"127.0.0.3"_s;
}

// One message as `login` with `password` (from refusedClient() when it is expected to fail, so
// a refusal never bans 127.0.0.1; the jail ignores that address during these tests).
ProcessOutput sendAs(const QString &login, const QString &password, bool fromRefused = false)
{
    return send({login,
                 login + u'@' + labValue("LAB_LOCAL_DOMAIN"),
                 {u"someone@"_s + labValue("LAB_BLACKHOLE_DOMAIN")},
                 {},
                 fromRefused ? refusedClient() : QString(),
                 password});
}

bool accepted(const ProcessOutput &out)
{
    return anyReplyStartsWith(out, u"235"_s) && anyReplyStartsWith(out, u"250 2.0.0 Ok: queued"_s);
}

bool authRefused(const ProcessOutput &out)
{
    return anyReplyStartsWith(out, u"535"_s) && !anyReplyStartsWith(out, u"235"_s);
}

QString passwdLine(const QString &login)
{
    for (const QByteArray &line : readFile(passwdFile()).split('\n')) {
        if (line.startsWith(login.toUtf8() + ':'))
            return QString::fromUtf8(line);
    }
    return {};
}

// fail2ban's SASL jail, told at run time (never in its files) to leave an address alone.
ProcessOutput jailIgnore(const QString &verb, const QString &address)
{
    return run(u"fail2ban-client"_s, {u"-s"_s, labValue("LAB_FAIL2BAN_SOCKET"), u"set"_s,
                                      labValue("LAB_FAIL2BAN_JAIL"), verb, address});
}

class AccountsLab : public LabTest
{
protected:
    // The refused logins these tests make on purpose come from 127.0.0.2 and must not add up
    // to a ban over repeated runs (a ban would refuse the connection, not the login).
    void SetUp() override
    {
        LabTest::SetUp();
        unban(labValue("LAB_FAIL2BAN_JAIL"), refusedClient());
        const QString ignored = QString::fromUtf8(
            run(u"fail2ban-client"_s, {u"-s"_s, labValue("LAB_FAIL2BAN_SOCKET"), u"get"_s,
                                       labValue("LAB_FAIL2BAN_JAIL"), u"ignoreip"_s})
                .out);
        if (!ignored.contains(refusedClient())) {
            ASSERT_EQ(jailIgnore(u"addignoreip"_s, refusedClient()).exitCode, 0);
            ignoring = true;
        }
    }
    void TearDown() override
    {
        // Whatever a failed test left: its accounts removed, 127.0.0.2 counted again.
        for (const QString &login : created)
            (void)call(admin, api::verbs::AccountsRemove + QStringList{login});
        if (ignoring)
            jailIgnore(u"delignoreip"_s, refusedClient());
    }
    bool ignoring = false;
    QJsonObject add(client::RelayClient &c, const QString &login, const QJsonObject &extra = {})
    {
        QJsonObject request = extra;
        request.insert(u"senders"_s, QJsonArray{login + u'@' + labValue("LAB_LOCAL_DOMAIN")});
        auto added = call(c, api::verbs::AccountsAdd + QStringList{login}, request);
        EXPECT_TRUE(added.ok()) << added.error().message.toStdString();
        created.append(login);
        return added.ok() ? added.value() : QJsonObject();
    }

    client::RelayClient admin = clientAs();
    QStringList created;
    const QString pid = QString::number(QCoreApplication::applicationPid());
};

} // namespace

TEST_F(AccountsLab, AddedAccountLogsInAtOncePasswdRefusesTheOldOneRemovedCannot)
{
    const QString login = u"acct-"_s + pid;
    const api::AccountWriteResult added = api::AccountWriteResult::fromJson(add(admin, login));
    ASSERT_EQ(added.password.size(), 20) << "a generated password is answered once";
    EXPECT_TRUE(added.hasPassword);

    const ProcessOutput first = sendAs(login, added.password);
    EXPECT_TRUE(accepted(first)) << replies(first).join(u'\n').toStdString();

    // Only a hash, in the configured scheme; 0640 with Dovecot's group.
    const QString line = passwdLine(login);
    EXPECT_TRUE(line.startsWith(login + u":{ARGON2ID}$argon2id$"_s)) << line.toStdString();
    EXPECT_FALSE(readFile(passwdFile()).contains(added.password.toUtf8()));
    EXPECT_EQ(run(u"stat"_s, {u"-c"_s, u"%a %G"_s, passwdFile()}).out.trimmed(), "640 dovecot");

    // The password never comes back: not in the list, not in the policy.
    auto list = call(admin, api::verbs::AccountsList);
    ASSERT_TRUE(list.ok()) << list.error().message.toStdString();
    const api::AccountsList accounts = api::AccountsList::fromJson(list.value());
    EXPECT_EQ(accounts.credentials, u"local"_s);
    const auto entry = std::find_if(accounts.accounts.begin(), accounts.accounts.end(),
                                    [&](const api::AccountEntry &a) { return a.login == login; });
    ASSERT_NE(entry, accounts.accounts.end());
    EXPECT_TRUE(entry->hasPassword);
    EXPECT_FALSE(json(list.value()).contains(added.password.toUtf8()));
    auto policy = call(admin, api::verbs::PolicyGet);
    ASSERT_TRUE(policy.ok());
    EXPECT_FALSE(json(policy.value()).contains("argon2id"));

    // A password chosen by the admin: the old one is refused at once, the new one logs in.
    const QString chosen = u"chosen-pass-"_s + pid;
    auto changed =
        call(admin, api::verbs::AccountsPasswd + QStringList{login}, {{u"password"_s, chosen}});
    ASSERT_TRUE(changed.ok()) << changed.error().message.toStdString();
    EXPECT_FALSE(changed.value().contains(u"password"_s)) << "a chosen password is not answered";
    const ProcessOutput old = sendAs(login, added.password, true);
    EXPECT_TRUE(authRefused(old)) << replies(old).join(u'\n').toStdString();
    const ProcessOutput again = sendAs(login, chosen);
    EXPECT_TRUE(accepted(again)) << replies(again).join(u'\n').toStdString();

    // A short password, an unknown key: refused, nothing changed.
    auto weak =
        call(admin, api::verbs::AccountsPasswd + QStringList{login}, {{u"password"_s, u"short"_s}});
    ASSERT_FALSE(weak.ok());
    EXPECT_EQ(weak.error().name(), u"bad_request"_s);
    auto unknown =
        call(admin, api::verbs::AccountsAdd + QStringList{u"x-"_s + pid}, {{u"pasword"_s, chosen}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().name(), u"bad_request"_s);

    // Removed: its line and its policy go together; it cannot log in.
    auto removed = call(admin, api::verbs::AccountsRemove + QStringList{login});
    ASSERT_TRUE(removed.ok()) << removed.error().message.toStdString();
    created.removeAll(login);
    EXPECT_TRUE(passwdLine(login).isEmpty());
    auto after = call(admin, api::verbs::PolicyGet);
    ASSERT_TRUE(after.ok());
    EXPECT_FALSE(json(after.value()).contains(login.toUtf8()));
    const ProcessOutput gone = sendAs(login, chosen, true);
    EXPECT_TRUE(authRefused(gone)) << replies(gone).join(u'\n').toStdString();

    // Every write is audited, and no row holds a password.
    auto audit = call(admin, api::verbs::Audit + QStringList{u"20"_s});
    ASSERT_TRUE(audit.ok());
    QStringList verbs;
    for (const auto &e : audit.value().value(u"entries"_s).toArray()) {
        if (json(e.toObject()).contains(login.toUtf8()))
            verbs.append(e[u"verb"_s].toString());
    }
    EXPECT_TRUE(verbs.contains(u"accounts add"_s)) << verbs.join(u", "_s).toStdString();
    EXPECT_TRUE(verbs.contains(u"accounts passwd"_s)) << verbs.join(u", "_s).toStdString();
    EXPECT_TRUE(verbs.contains(u"accounts remove"_s)) << verbs.join(u", "_s).toStdString();
    EXPECT_FALSE(json(audit.value()).contains(chosen.toUtf8()));
    EXPECT_FALSE(json(audit.value()).contains(added.password.toUtf8()));
}

TEST_F(AccountsLab, APartnerChangesOnlyItsOwnAccounts)
{
    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    const QString own = u"bob-"_s + pid; // the lab's partner has bob and bob-*
    const QString foreign = u"acct-"_s + pid;
    add(admin, foreign);
    const QString carolLine = passwdLine(u"carol"_s);
    ASSERT_FALSE(carolLine.isEmpty());

    const auto refused = [&](const QStringList &words, const QJsonObject &request = {}) {
        auto r = call(partner, words, request);
        EXPECT_FALSE(r.ok()) << words.join(u' ').toStdString();
        if (!r.ok()) {
            EXPECT_EQ(r.error().name(), u"permission_denied"_s) << r.error().message.toStdString();
        }
    };
    const QString pw = u"partner-pass-"_s + pid;
    // Another partner's (or the admin's) account, a lab account, a mailbox Staffetta does not
    // manage (the archive): never.
    refused(api::verbs::AccountsPasswd + QStringList{foreign}, {{u"password"_s, pw}});
    refused(api::verbs::AccountsPasswd + QStringList{u"carol"_s}, {{u"password"_s, pw}});
    refused(api::verbs::AccountsPasswd + QStringList{labValue("LAB_ARCHIVE_MAILBOX")},
            {{u"password"_s, pw}});
    refused(api::verbs::AccountsRemove + QStringList{foreign});
    refused(api::verbs::AccountsRemove + QStringList{u"carol"_s});
    refused(api::verbs::AccountsAdd + QStringList{u"zed-"_s + pid},
            {{u"senders"_s, QJsonArray{u"zed@"_s + labValue("LAB_LOCAL_DOMAIN")}}});
    EXPECT_EQ(passwdLine(u"carol"_s), carolLine);
    EXPECT_FALSE(passwdLine(foreign).isEmpty());

    // Its own: added (within its sender domains), listed, logs in, removed.
    const api::AccountWriteResult mine = api::AccountWriteResult::fromJson(add(partner, own));
    ASSERT_FALSE(mine.password.isEmpty());
    EXPECT_TRUE(accepted(sendAs(own, mine.password)));
    auto list = call(partner, api::verbs::AccountsList);
    ASSERT_TRUE(list.ok());
    QStringList seen;
    for (const auto &a : api::AccountsList::fromJson(list.value()).accounts)
        seen.append(a.login);
    EXPECT_TRUE(seen.contains(own));
    EXPECT_FALSE(seen.contains(foreign));
    EXPECT_FALSE(seen.contains(u"carol"_s));
    // A sender outside its domains is refused even on its own account.
    refused(api::verbs::AccountsAdd + QStringList{own + u"x"_s},
            {{u"senders"_s, QJsonArray{u"x@elsewhere.example"_s}}});
    auto removed = call(partner, api::verbs::AccountsRemove + QStringList{own});
    EXPECT_TRUE(removed.ok()) << removed.error().message.toStdString();
    created.removeAll(own);

    // Helpdesk: reads the list, changes nothing.
    client::RelayClient helpdesk = clientAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    EXPECT_TRUE(call(helpdesk, api::verbs::AccountsList).ok());
    auto byHelpdesk = call(helpdesk, api::verbs::AccountsPasswd + QStringList{foreign});
    ASSERT_FALSE(byHelpdesk.ok());
    EXPECT_EQ(byHelpdesk.error().name(), u"permission_denied"_s);
}

// The abuse switch: a suspended account still logs in but every RCPT gets the 550 with the
// admin's words, which no jail counts; its queued mail (made to wait at the lab's unreachable
// domain) goes on hold; resumed, it is released and delivered (a sink now answers at that
// port); the audit and the contact's mails exist; a partner cannot undo the admin's switch.
TEST_F(AccountsLab, SuspendRefusesEveryRcptHoldsTheQueueAndResumeDeliversIt)
{
    const QString login = u"bob-susp-"_s + pid; // the lab's partner has bob and bob-*
    const QString sender = login + u'@' + labValue("LAB_LOCAL_DOMAIN");
    const api::AccountWriteResult added = api::AccountWriteResult::fromJson(add(admin, login));
    ASSERT_FALSE(added.password.isEmpty());
    const QString contact = login + u"-contact@"_s + labValue("LAB_BLACKHOLE_DOMAIN");
    setAccountKey(login, u"alerts"_s, QJsonObject{{u"contact"_s, contact}}, u"contact"_s);

    // One message waits in the queue (connection refused at the unreachable domain).
    const QString waiting = u"w-"_s + pid + u'@' + labValue("LAB_UNREACHABLE_DOMAIN");
    const ProcessOutput queued = send({login, sender, {waiting}, {}, {}, added.password});
    ASSERT_TRUE(accepted(queued)) << replies(queued).join(u'\n').toStdString();
    const auto queueOf = [&](const QString &to) {
        const QJsonObject list = ctl({u"queue"_s, u"list"_s}, json({{u"recipient"_s, to}}));
        const QJsonArray messages = list.value(u"messages"_s).toArray();
        return messages.isEmpty() ? QString()
                                  : messages[0][u"queue_name"_s].toString() + u' ' +
                                        messages[0][u"queue_id"_s].toString();
    };
    ASSERT_TRUE(waitUntil([&] { return queueOf(waiting).startsWith(u"deferred "_s); }, 30000))
        << queueOf(waiting).toStdString();
    const QString id = queueOf(waiting).section(u' ', 1);

    const QString words = u"Account suspended for suspected abuse: call 055 000"_s;
    auto suspended = call(admin, api::verbs::AccountsSuspend + QStringList{login},
                          {{u"reason"_s, u"phishing burst, ticket 4711"_s}, {u"message"_s, words}});
    ASSERT_TRUE(suspended.ok()) << suspended.error().message.toStdString();
    const auto s = api::AccountSuspendResult::fromJson(suspended.value());
    EXPECT_TRUE(s.suspended);
    EXPECT_EQ(s.held, QStringList{id});
    EXPECT_EQ(s.notified, QStringList{contact}) << s.notifyError.toStdString();
    EXPECT_TRUE(queueOf(waiting).startsWith(u"hold "_s)) << queueOf(waiting).toStdString();

    // AUTH still succeeds; every RCPT is refused with the admin's words; from an address of
    // its own, three times: no jail bans it (nothing about the client is wrong).
    const QString client = u"127.0.0.4"_s;
    for (int i = 0; i < 3; ++i) {
        const ProcessOutput refused = send({login,
                                            sender,
                                            {u"x@"_s + labValue("LAB_BLACKHOLE_DOMAIN")},
                                            {},
                                            client,
                                            added.password});
        EXPECT_TRUE(anyReplyStartsWith(refused, u"235"_s));
        EXPECT_TRUE(anyReplyWith(refused, u"550 5.7.1 "_s, words))
            << replies(refused).join(u'\n').toStdString();
    }
    QThread::sleep(2); // fail2ban reads the logs once a second
    EXPECT_FALSE(bannedIps(labValue("LAB_SENDER_JAIL")).contains(client));
    EXPECT_FALSE(bannedIps(labValue("LAB_FAIL2BAN_JAIL")).contains(client));
    EXPECT_TRUE(canConnect(client));

    // The provider's switch is not the partner's to undo, not even by a policy write.
    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto byPartner = call(partner, api::verbs::AccountsResume + QStringList{login},
                          {{u"reason"_s, u"it was me"_s}});
    ASSERT_FALSE(byPartner.ok());
    EXPECT_EQ(byPartner.error().name(), u"permission_denied"_s)
        << byPartner.error().message.toStdString();
    auto removedByPartner = call(partner, api::verbs::AccountsRemove + QStringList{login});
    ASSERT_FALSE(removedByPartner.ok()) << "removed and added again, it would be clean";
    EXPECT_EQ(removedByPartner.error().name(), u"permission_denied"_s);
    auto again =
        call(admin, api::verbs::AccountsSuspend + QStringList{login}, {{u"reason"_s, u"twice"_s}});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().name(), u"conflict"_s);

    // Resumed: released, and delivered once the destination answers.
    const QString sinkDir = labValue("LAB_DIR") + u"/resume-sink-"_s + pid;
    QDir().mkpath(sinkDir);
    run(u"chown"_s, {u"nobody"_s, sinkDir});
    QProcess sink;
    sink.start(u"smtp-sink"_s, {u"-u"_s, u"nobody"_s, u"-d"_s, sinkDir + u"/%M."_s, u"-c"_s,
                                u"127.0.0.1:"_s + labValue("LAB_UNREACHABLE_PORT"), u"10"_s});
    ASSERT_TRUE(sink.waitForStarted());
    auto resumed = call(admin, api::verbs::AccountsResume + QStringList{login},
                        {{u"reason"_s, u"password changed, customer called"_s}});
    ASSERT_TRUE(resumed.ok()) << resumed.error().message.toStdString();
    EXPECT_EQ(api::AccountSuspendResult::fromJson(resumed.value()).held, QStringList{id});
    run(u"postqueue"_s, {u"-c"_s, labValue("LAB_POSTFIX_CONFIG"), u"-f"_s});
    const bool delivered =
        waitUntil([&] { return !QDir(sinkDir).entryList(QDir::Files).isEmpty(); }, 30000);
    sink.terminate();
    sink.waitForFinished(3000);
    QDir(sinkDir).removeRecursively();
    EXPECT_TRUE(delivered) << queueOf(waiting).toStdString();
    const ProcessOutput after =
        send({login, sender, {u"y@"_s + labValue("LAB_BLACKHOLE_DOMAIN")}, {}, {}, added.password});
    EXPECT_TRUE(accepted(after)) << replies(after).join(u'\n').toStdString();

    // Audited with the reasons; the contact got both mails.
    auto audit = call(admin, api::verbs::Audit + QStringList{u"20"_s});
    ASSERT_TRUE(audit.ok());
    QStringList rows;
    for (const auto &e : audit.value().value(u"entries"_s).toArray()) {
        if (json(e.toObject()).contains(login.toUtf8()))
            rows.append(e[u"verb"_s].toString() + u": "_s + QString::fromUtf8(json(e.toObject())));
    }
    EXPECT_TRUE(rows.filter(u"accounts suspend: "_s).join(u' ').contains(u"ticket 4711"_s))
        << rows.join(u'\n').toStdString();
    EXPECT_TRUE(rows.filter(u"accounts resume: "_s).join(u' ').contains(u"customer called"_s))
        << rows.join(u'\n').toStdString();
    EXPECT_TRUE(waitUntil([&] { return sinkFilesWith(contact).size() >= 2; }, 30000))
        << sinkFilesWith(contact).size();
}

// Relaying by trusted address: from 127.0.0.3 without AUTH on the trusted port, an authorized
// sender passes and is charged to the bound account, an unauthorized one gets 553, at quota
// 450; the submission port still demands AUTH; 127.0.0.4 (not trusted) is refused; an address
// relays for one account only, and a partner trusts no network wider than /24.
TEST_F(AccountsLab, ATrustedAddressRelaysWithoutAuthUnderEveryRule)
{
    const QString login = u"bob-trust-"_s + pid;
    const QString sender = login + u'@' + labValue("LAB_LOCAL_DOMAIN");
    add(admin, login);
    setAccountKey(login, u"daily_quota"_s, 2, u"trusted test"_s);
    setAccountKey(login, u"trusted_clients"_s, QJsonArray{refusedClient()}, u"trusted test"_s);
    const QString port = labValue("LAB_TRUSTED_PORT");
    const auto relay = [&](const QString &from, const QString &client) {
        return send({{},
                     from,
                     {u"t-"_s + pid + u'@' + labValue("LAB_BLACKHOLE_DOMAIN")},
                     {},
                     client,
                     {},
                     port});
    };
    // staffettad writes Postfix's client table and reloads Postfix: wait for it.
    ProcessOutput first;
    ASSERT_TRUE(waitUntil(
        [&] {
            first = relay(sender, refusedClient());
            return accepted(first) || anyReplyStartsWith(first, u"250 2.0.0 Ok: queued"_s);
        },
        30000))
        << replies(first).join(u'\n').toStdString();
    EXPECT_FALSE(anyReplyStartsWith(first, u"235"_s)) << "no AUTH on the trusted port";
    EXPECT_EQ(quotaUsed(login), 1);

    const ProcessOutput stranger =
        relay(u"other@"_s + labValue("LAB_LOCAL_DOMAIN"), refusedClient());
    EXPECT_TRUE(anyReplyStartsWith(stranger, u"553 5.7.1"_s))
        << replies(stranger).join(u'\n').toStdString();
    EXPECT_TRUE(anyReplyStartsWith(relay(sender, refusedClient()), u"250 2.0.0 Ok: queued"_s));
    const ProcessOutput over = relay(sender, refusedClient());
    EXPECT_TRUE(anyReplyWith(over, u"450 4.7.1"_s, u"has exceeded 2 messages per 1 day"_s))
        << replies(over).join(u'\n').toStdString();
    EXPECT_EQ(quotaUsed(login), 2);

    // Not trusted: refused on the trusted port; the submission port still wants AUTH.
    const ProcessOutput untrusted = relay(sender, u"127.0.0.4"_s);
    EXPECT_TRUE(anyReplyStartsWith(untrusted, u"554 5.7.1"_s))
        << replies(untrusted).join(u'\n').toStdString();
    const ProcessOutput noAuth =
        send({{}, sender, {u"x@"_s + labValue("LAB_BLACKHOLE_DOMAIN")}, {}, refusedClient()});
    EXPECT_FALSE(anyReplyStartsWith(noAuth, u"250 2.0.0 Ok: queued"_s))
        << replies(noAuth).join(u'\n').toStdString();
    EXPECT_TRUE(anyReplyStartsWith(noAuth, u"5"_s));

    // One account per address; a partner trusts an office, not a provider's network.
    client::RelayClient partner = clientAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    auto got = call(partner, api::verbs::PolicyGet);
    ASSERT_TRUE(got.ok());
    const auto tryTrust = [&](client::RelayClient &c, const QString &account,
                              const QJsonArray &nets) {
        auto cur = call(c, api::verbs::PolicyGet);
        EXPECT_TRUE(cur.ok());
        QJsonObject p = cur.value()[u"policy"_s].toObject();
        QJsonArray accounts = p[u"accounts"_s].toArray();
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            QJsonObject a = accounts[i].toObject();
            if (a[u"login"_s].toString() == account) {
                a[u"trusted_clients"_s] = nets;
                accounts[i] = a;
            }
        }
        p[u"accounts"_s] = accounts;
        return call(c, api::verbs::PolicyApply,
                    {{u"base_revision"_s, cur.value()[u"revision"_s]}, {u"policy"_s, p}});
    };
    auto wide = tryTrust(partner, login, QJsonArray{u"198.51.100.0/23"_s});
    ASSERT_FALSE(wide.ok());
    EXPECT_EQ(wide.error().name(), u"permission_denied"_s) << wide.error().message.toStdString();
    auto twice = tryTrust(admin, u"bob"_s, QJsonArray{refusedClient()});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().name(), u"invalid_policy"_s);
    EXPECT_TRUE(twice.error().message.contains(u"overlaps"_s))
        << twice.error().message.toStdString();
}

// External credentials: a login Staffetta keeps no password for is checked by the relay's
// Dovecot against the customers' own IMAP server (a second Dovecot, Dovecot's imap passdb):
// the right password sends, a wrong one is refused; the relay's passwd-file never holds it.
TEST_F(AccountsLab, AnExternalLoginIsCheckedByTheCustomersMailServer)
{
    const QString login = labValue("LAB_EXTERNAL_LOGIN");
    const QString password = labValue("LAB_EXTERNAL_PASSWORD");
    ASSERT_FALSE(login.isEmpty());
    QJsonObject got = ctl({u"policy"_s, u"get"_s});
    QJsonObject p = got[u"policy"_s].toObject();
    QJsonArray accounts = p[u"accounts"_s].toArray();
    accounts.append(
        QJsonObject{{u"login"_s, login},
                    {u"senders"_s, QJsonArray{login + u'@' + labValue("LAB_LOCAL_DOMAIN")}}});
    p[u"accounts"_s] = accounts;
    ctl({u"policy"_s, u"apply"_s},
        json({{u"base_revision"_s, got[u"revision"_s]}, {u"policy"_s, p}}));
    created.append(login);
    EXPECT_TRUE(passwdLine(login).isEmpty()) << "the relay keeps no password for it";

    const ProcessOutput ok = sendAs(login, password);
    EXPECT_TRUE(accepted(ok)) << replies(ok).join(u'\n').toStdString();
    const ProcessOutput wrong = sendAs(login, password + u"-wrong"_s, true);
    EXPECT_TRUE(authRefused(wrong)) << replies(wrong).join(u'\n').toStdString();
    EXPECT_TRUE(passwdLine(login).isEmpty());
}
