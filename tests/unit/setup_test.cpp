#include "setup/console_users.h"
#include "setup/dovecot_auth.h"
#include "setup/fail2ban_jails.h"
#include "setup/postfix_wiring.h"

#include "test_support.h"

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;
using setup::PostconfEdit;

namespace {

// What postconf prints for a relay with AUTH on 25 and 587, an OpenDKIM milter in main.cf.
setup::PostfixState relay()
{
    setup::PostfixState s;
    s.main = {
        {u"queue_directory"_s, u"/var/spool/postfix"_s},
        {u"smtpd_recipient_restrictions"_s,
         u"permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination"_s},
        {u"smtpd_end_of_data_restrictions"_s, u""_s},
        {u"smtpd_milters"_s, u"inet:localhost:8891"_s},
        {u"smtpd_sasl_auth_enable"_s, u"yes"_s},
        {u"smtpd_sasl_type"_s, u"dovecot"_s},
        {u"smtpd_sasl_path"_s, u"private/dovecot-auth"_s},
        {u"smtpd_policy_service_default_action"_s, u"451 4.3.5 Server configuration problem"_s},
        {u"milter_default_action"_s, u"tempfail"_s},
        {u"maillog_file"_s, u""_s}};
    s.masterEntries = "smtp       inet  n       -       y       -       -       smtpd\n"
                      "587        inet  n       -       y       -       -       smtpd\n"
                      "pickup     unix  n       -       y       60      1       pickup\n";
    s.serviceParameters = "587/inet/smtpd_tls_security_level = encrypt\n";
    return s;
}

setup::PostfixWiring standard()
{
    setup::PostfixWiring w;
    w.policyListen = u"unix:/var/spool/postfix/private/staffetta-policy"_s;
    w.milterListen = u"unix:/var/spool/postfix/private/staffetta-milter"_s;
    return w;
}

QMap<QString, QString> byName(const QList<PostconfEdit> &edits)
{
    QMap<QString, QString> m;
    for (const PostconfEdit &e : edits)
        m.insert(e.name, e.value);
    return m;
}

} // namespace

TEST(RelaySetupPlan, AuthOnPort25IsWiredAndWhatTheAdminHadIsKeptAfterOurs)
{
    auto plan = setup::planPostfix(relay(), standard());
    ASSERT_TRUE(plan.ok()) << plan.error().message.toStdString();
    const auto edits = byName(plan.value());
    for (const QString &s : {u"smtp/inet/"_s, u"587/inet/"_s}) {
        // main.cf's list, commas only (postconf -P takes no whitespace), after our check.
        EXPECT_EQ(edits.value(s + u"smtpd_recipient_restrictions"_s),
                  u"$staffetta_policy,permit_mynetworks,permit_sasl_authenticated,"
                  "reject_unauth_destination"_s);
        // Ours before OpenDKIM: it signs what the content rules let through.
        EXPECT_EQ(edits.value(s + u"smtpd_milters"_s), u"$staffetta_milter,inet:localhost:8891"_s);
        // The admin's own Dovecot socket is kept.
        EXPECT_FALSE(edits.contains(s + u"smtpd_sasl_path"_s));
        EXPECT_FALSE(edits.contains(s + u"smtpd_sasl_type"_s));
    }
    EXPECT_FALSE(edits.contains(u"pickup/unix/smtpd_milters"_s));
    EXPECT_EQ(edits.value(u"staffetta_policy"_s),
              u"check_policy_service unix:private/staffetta-policy"_s);
    EXPECT_FALSE(edits.contains(u"milter_default_action"_s)); // already tempfail
}

// A relay an admin wired by hand (check_policy_service and the milter's address written out)
// is recognised: nothing is added twice.
TEST(RelaySetupPlan, HandWiredServicesAreNotWiredTwice)
{
    setup::PostfixState s = relay();
    s.serviceParameters += "587/inet/smtpd_recipient_restrictions = check_policy_service "
                           "unix:private/staffetta-policy, permit_sasl_authenticated, reject\n"
                           "587/inet/smtpd_end_of_data_restrictions = "
                           "${staffetta_policy}\n"
                           "587/inet/smtpd_milters = unix:private/staffetta-milter\n";
    setup::PostfixWiring w = standard();
    w.services = {u"587/inet"_s};
    auto plan = setup::planPostfix(s, w);
    ASSERT_TRUE(plan.ok()) << plan.error().message.toStdString();
    for (const PostconfEdit &e : plan.value())
        EXPECT_EQ(e.kind, PostconfEdit::Kind::Main) << e.name.toStdString();
}

TEST(RelaySetupPlan, AServiceNamedThatIsNotInMasterCfIsAnError)
{
    setup::PostfixWiring w = standard();
    w.services = {u"submission/inet"_s};
    auto plan = setup::planPostfix(relay(), w);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::NotFound);
    EXPECT_TRUE(plan.error().message.contains(u"submission/inet"_s));
}

TEST(RelaySetupPlan, ATrustedPortTakenByAnotherProgramIsAConflict)
{
    setup::PostfixState s = relay();
    s.masterEntries += "2525       inet  n       -       y       -       -       qmqpd\n";
    setup::PostfixWiring w = standard();
    w.trustedService = u"2525"_s;
    w.trustedMap = u"/var/lib/staffetta/trusted_clients.cidr"_s;
    auto plan = setup::planPostfix(s, w);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, ErrorCode::Conflict);
}

TEST(RelaySetupPlan, ListenAddressesAsPostfixNamesThem)
{
    EXPECT_EQ(
        setup::postfixAddress(u"unix:/var/spool/postfix/private/x"_s, u"/var/spool/postfix/"_s),
        u"unix:private/x"_s);
    EXPECT_EQ(setup::postfixAddress(u"unix:/run/staffetta/x.sock"_s, u"/var/spool/postfix"_s),
              u"unix:/run/staffetta/x.sock"_s);
    EXPECT_EQ(setup::postfixAddress(u"inet:8893@127.0.0.1"_s, {}), u"inet:127.0.0.1:8893"_s);
    EXPECT_EQ(setup::postfixAddress(u"inet:127.0.0.1:10040"_s, {}), u"inet:127.0.0.1:10040"_s);
    // A queue directory that is only a prefix of the path's first component does not match.
    EXPECT_EQ(setup::postfixAddress(u"unix:/var/spool/postfix2/x"_s, u"/var/spool/postfix"_s),
              u"unix:/var/spool/postfix2/x"_s);
}

// --console-key: only a real public key, only a plain user name; nothing of the key file's
// options or comment reaches the line the setup writes.
TEST(RelaySetupConsoleUsers, KeysAreCheckedAndWrittenWithTheirRestrictionsOnly)
{
    const QByteArray pub =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8n0CPz2Vq4mjP6O7Xo3f1g2h3j4k5l6m7n8o9p0q1r "
        "someone@laptop\n";
    auto key = setup::parsePublicKey(pub);
    ASSERT_TRUE(key.ok()) << key.error().message.toStdString();
    EXPECT_EQ(
        setup::authorizedKeyLine(key.value(), u"/usr/sbin/staffettactl"_s, u"ops"_s),
        u"restrict,command=\"sudo -n /usr/sbin/staffettactl\" ssh-ed25519 "
        "AAAAC3NzaC1lZDI1NTE5AAAAIJ8n0CPz2Vq4mjP6O7Xo3f1g2h3j4k5l6m7n8o9p0q1r staffetta:ops"_s);
    // An authorized_keys line with options of its own: the options are dropped.
    auto withOptions = setup::parsePublicKey("command=\"/bin/sh\",no-pty " + pub);
    ASSERT_TRUE(withOptions.ok());
    EXPECT_FALSE(
        setup::authorizedKeyLine(withOptions.value(), u"/x"_s, u"ops"_s).contains(u"/bin/sh"_s));
    // The blob must be a key of the type it claims; a private key, two keys, garbage: refused.
    EXPECT_FALSE(
        setup::parsePublicKey(
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIJ8n0CPz2Vq4mjP6O7Xo3f1g2h3j4k5l6m7n8o9p0q1r\n")
            .ok());
    EXPECT_FALSE(setup::parsePublicKey("ssh-ed25519 AAAA$(reboot)\n").ok());
    EXPECT_FALSE(setup::parsePublicKey(pub + pub).ok());
    EXPECT_FALSE(
        setup::parsePublicKey("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n").ok());
    EXPECT_FALSE(setup::parsePublicKey({}).ok());

    EXPECT_TRUE(setup::checkUserName(u"stl-ops_1"_s).ok());
    EXPECT_FALSE(setup::checkUserName(u"ops\n"_s).ok()); // '$' would have matched before it
    for (const QString &bad :
         {u"Root"_s, u"-x"_s, u"a b"_s, u"a;id"_s, u"../x"_s, u""_s, QString(40, u'a')})
        EXPECT_FALSE(setup::checkUserName(bad).ok()) << bad.toStdString();
}

TEST(RelaySetupConsoleUsers, AccessFileRoundTripsAndSudoersNamesEveryUser)
{
    QMap<QString, QString> users{{u"ops"_s, u"admin"_s}, {u"acme"_s, u"partner acme-*"_s}};
    const QByteArray file = setup::accessFile(users);
    EXPECT_EQ(setup::readAccessLines(file), users);
    // A partner's grants, added by the admin after the setup wrote the file, survive the next user.
    const QByteArray withGrants = file + "[grants.user.acme]\nmax_daily_quota=500\n";
    users.insert(u"help"_s, u"helpdesk"_s);
    const QByteArray again = setup::accessFile(users, withGrants);
    EXPECT_EQ(setup::readAccessLines(again), users);
    EXPECT_TRUE(again.endsWith("[grants.user.acme]\nmax_daily_quota=500\n")) << again.toStdString();
    const QByteArray sudoers = setup::sudoersFile(users.keys(), u"/usr/sbin/staffettactl"_s);
    // `""`: staffettactl with no arguments (the verb comes from SSH_ORIGINAL_COMMAND).
    EXPECT_TRUE(
        sudoers.contains("acme,help,ops ALL=(root) NOPASSWD: /usr/sbin/staffettactl \"\"\n"));
    EXPECT_TRUE(sudoers.contains(
        "Defaults!/usr/sbin/staffettactl env_keep += \"SSH_ORIGINAL_COMMAND SSH_CLIENT\"\n"));
}

// Dovecot's side of the relay's SASL: the listener each wired service's smtpd_sasl_path names.
TEST(RelaySetupDovecot, SaslPathsAreWhatTheWiredServicesAskAfterTheirEdits)
{
    // The admin's own socket is kept (and must be listened on), ours is used when named.
    auto kept = setup::saslPaths(relay(), standard());
    ASSERT_TRUE(kept.ok()) << kept.error().message.toStdString();
    EXPECT_EQ(kept.value(), QStringList{u"private/dovecot-auth"_s});
    setup::PostfixWiring w = standard();
    w.saslPath = u"inet:127.0.0.1:12345"_s;
    auto named = setup::saslPaths(relay(), w);
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named.value(), QStringList{u"inet:127.0.0.1:12345"_s});
    // Cyrus before: Debian's private/auth.
    setup::PostfixState cyrus = relay();
    cyrus.main[u"smtpd_sasl_type"_s] = u"cyrus"_s;
    EXPECT_EQ(setup::saslPaths(cyrus, standard()).value(), QStringList{u"private/auth"_s});
}

TEST(RelaySetupDovecot, AUnixPathBecomesAListenerInsidePostfixsQueueForPostfixAlone)
{
    setup::DovecotAuth auth;
    auth.saslPaths = {u"private/auth"_s};
    auth.queueDirectory = u"/var/spool/postfix/"_s;
    auto snippet = setup::dovecotSnippet(auth);
    ASSERT_TRUE(snippet.ok()) << snippet.error().message.toStdString();
    const QByteArray text = snippet.value();
    EXPECT_TRUE(text.contains("service auth {\n"
                              "  unix_listener /var/spool/postfix/private/auth {\n"
                              "    mode = 0660\n"
                              "    user = postfix\n"
                              "    group = postfix\n"
                              "  }\n"
                              "}\n"))
        << text.toStdString();
    EXPECT_TRUE(text.contains("\nauth_mechanisms = plain login\n")); // LOGIN: Outlook
    EXPECT_FALSE(text.contains("passdb")) << "external credentials: Dovecot's own passdb only";
    EXPECT_FALSE(text.contains("inet_listener"));
    // Postfix's unix: prefix names the same socket.
    auth.saslPaths = {u"unix:private/auth"_s};
    EXPECT_EQ(setup::dovecotSnippet(auth).value(), text);
}

TEST(RelaySetupDovecot, AnInetPathBecomesANamedInetListener)
{
    setup::DovecotAuth auth;
    auth.saslPaths = {u"inet:127.0.0.1:41012"_s, u"inet:[::1]:41012"_s, u"private/auth"_s};
    auth.queueDirectory = u"/var/spool/postfix"_s;
    auto snippet = setup::dovecotSnippet(auth);
    ASSERT_TRUE(snippet.ok()) << snippet.error().message.toStdString();
    const QByteArray text = snippet.value();
    // Named: never merged with Debian's auth-userdb listener, nor with each other.
    EXPECT_TRUE(text.contains("  inet_listener staffetta-auth {\n"
                              "    address = 127.0.0.1\n"
                              "    port = 41012\n"
                              "  }\n"))
        << text.toStdString();
    EXPECT_TRUE(text.contains("  inet_listener staffetta-auth-2 {\n"
                              "    address = ::1\n"
                              "    port = 41012\n"))
        << text.toStdString();
    EXPECT_TRUE(text.contains("  unix_listener /var/spool/postfix/private/auth {\n"));
    // Two services asking the same place get one listener.
    auth.saslPaths = {u"inet:127.0.0.1:41012"_s, u"inet:127.0.0.1:41012"_s};
    EXPECT_EQ(setup::dovecotSnippet(auth).value().count("inet_listener"), 1);
}

TEST(RelaySetupDovecot, LocalCredentialsPutStaffettasPasswdFileInDovecotsPassdbs)
{
    setup::DovecotAuth auth;
    auth.saslPaths = {u"inet:127.0.0.1:41012"_s};
    auth.queueDirectory = u"/var/spool/postfix"_s;
    auth.localCredentials = true;
    auth.passwdFile = u"/etc/dovecot/passwd"_s;
    auth.passwordScheme = u"ARGON2ID"_s;
    auto snippet = setup::dovecotSnippet(auth);
    ASSERT_TRUE(snippet.ok()) << snippet.error().message.toStdString();
    const QByteArray text = snippet.value();
    EXPECT_TRUE(text.contains("passdb {\n"
                              "  driver = passwd-file\n"
                              "  args = scheme=ARGON2ID /etc/dovecot/passwd\n"
                              "}\n"))
        << text.toStdString();
    EXPECT_TRUE(text.contains("inet_listener staffetta-auth {"));
    EXPECT_TRUE(text.contains("auth_mechanisms = plain login\n"));
    // Nothing of the configuration reaches Dovecot's syntax unchecked.
    auth.passwdFile = u"/etc/dovecot/pass wd"_s;
    EXPECT_FALSE(setup::dovecotSnippet(auth).ok());
    auth.passwdFile = u"passwd"_s;
    EXPECT_FALSE(setup::dovecotSnippet(auth).ok());
    auth.passwdFile = u"/etc/dovecot/passwd"_s;
    auth.passwordScheme = u"ARGON2ID }\npassdb { driver = static"_s;
    auto injected = setup::dovecotSnippet(auth);
    ASSERT_FALSE(injected.ok());
    EXPECT_TRUE(injected.error().message.contains(u"password_scheme"_s));
}

TEST(RelaySetupDovecot, ASaslPathThatIsNoListenerIsRefusedWithWhatIsAccepted)
{
    setup::DovecotAuth auth;
    auth.queueDirectory = u"/var/spool/postfix"_s;
    for (const QString &bad :
         {u"/var/run/dovecot/auth-client"_s, u"../../run/dovecot/auth"_s, u"private//auth"_s,
          u"inet:127.0.0.1"_s, u"inet:127.0.0.1:0"_s, u"inet:127.0.0.1:70000"_s,
          u"inet:127.0.0.1:auth"_s, u"inet::12345"_s, u"inet:a b:12345"_s,
          u"private/auth }\nservice x {"_s, u"private/$x"_s, u""_s, u"unix:"_s,
          u"tcp:127.0.0.1:12345"_s}) {
        auth.saslPaths = {bad};
        auto refused = setup::dovecotSnippet(auth);
        ASSERT_FALSE(refused.ok()) << bad.toStdString();
        EXPECT_EQ(refused.error().code, ErrorCode::BadRequest);
        const QString why = refused.error().message;
        EXPECT_TRUE(why.contains(u"smtpd_sasl_path \""_s + bad + u'"')) << why.toStdString();
        EXPECT_TRUE(why.contains(u"private/auth"_s)) << why.toStdString();
        EXPECT_TRUE(why.contains(u"inet:HOST:PORT"_s)) << why.toStdString();
    }
    auth.saslPaths = {};
    EXPECT_FALSE(setup::dovecotSnippet(auth).ok());
}

TEST(RelaySetupJails, EveryPortOnceAndNftablesWhereIptablesIsMissing)
{
    setup::Jails jails;
    jails.ports = {587, 25, 465, 587};
    jails.mailLog = u"/var/log/mail.log"_s;
    jails.staffettadLog = u"/var/log/staffetta/staffettad.log"_s;
    const QString stock = QString::fromUtf8(setup::jailFile(jails));
    EXPECT_TRUE(stock.contains(u"[postfix-sasl]\nenabled = true\nfilter = staffetta-auth\n"
                               "port = 25,465,587\nlogpath = /var/log/mail.log\nmaxretry = 3\n"_s))
        << qPrintable(stock);
    EXPECT_TRUE(stock.contains(u"logpath = /var/log/staffetta/staffettad.log\n"_s));
    EXPECT_FALSE(stock.contains(u"banaction"_s)) << "fail2ban's default unless the setup says";
    EXPECT_FALSE(stock.contains(u"[sshd]"_s));

    // A stock Debian 12: no auth.log, no iptables; every jail of the file bans with nftables.
    jails.sshdFromJournal = true;
    jails.banAction = u"nftables-multiport"_s;
    const QString debian = QString::fromUtf8(setup::jailFile(jails));
    EXPECT_EQ(debian.count(u"banaction = nftables-multiport\n"_s), 3) << qPrintable(debian);
    EXPECT_TRUE(debian.contains(u"[sshd]\nbackend = systemd\nbanaction = nftables-multiport\n"_s));
}
