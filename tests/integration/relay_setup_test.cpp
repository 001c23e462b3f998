// staffetta-relay-setup against Postfix's own postconf, on a copy of Debian 12's stock
// configuration (main.cf as Debian's postinst writes it, master.cf.dist with the submission
// and submissions blocks enabled the Debian way: uncommented, -o lines included), and on a copy
// of this machine's /etc/dovecot (dovecot-core's). Nothing runs: postconf and doveconf read and
// check the files alone.
#include "test_support.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    f.write(bytes);
}

// Uncomments a master.cf block the way Debian's documentation does: the service line and its
// "-o" lines, leaving the explanatory comments inside it as they are.
QByteArray enableDebianBlock(const QByteArray &master, const QByteArray &service)
{
    QList<QByteArray> out;
    bool inBlock = false;
    for (const QByteArray &line : master.split('\n')) {
        if (line.startsWith("#" + service + ' ')) {
            inBlock = true;
            out.append(line.mid(1));
        } else if (inBlock && line.startsWith("#  -o")) {
            out.append(line.mid(1));
        } else if (inBlock && line.startsWith("#     ")) {
            out.append(line);
        } else {
            inBlock = false;
            out.append(line);
        }
    }
    return out.join('\n');
}

// Every file under `root` (links as the path they name), by path relative to it.
QMap<QString, QByteArray> tree(const QString &root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        files.insert(QDir(root).relativeFilePath(path),
                     info.isSymLink() ? info.symLinkTarget().toUtf8() : readAll(path));
    }
    return files;
}

class RelaySetup : public ::testing::Test
{
protected:
    void SetUp() override
    {
        setupTool = qEnvironmentVariable("STAFFETTA_RELAY_SETUP");
        ASSERT_FALSE(setupTool.isEmpty()) << "STAFFETTA_RELAY_SETUP names the setup program";
        ASSERT_TRUE(dir.isValid());
        postfixDir = dir.filePath(u"postfix"_s);
        ASSERT_TRUE(QDir().mkpath(postfixDir));
        ASSERT_TRUE(QDir().mkpath(dir.filePath(u"state"_s)));
        write(postfixDir + u"/main.cf"_s, readAll(u"/usr/share/postfix/main.cf.debian"_s) +
                                              readAll(u"/usr/share/postfix/main.cf.tls"_s));
        QByteArray master = readAll(u"/usr/share/postfix/master.cf.dist"_s);
        ASSERT_FALSE(master.isEmpty()) << "Debian's postfix package ships master.cf.dist";
        master = enableDebianBlock(enableDebianBlock(master, "submission"), "submissions");
        write(postfixDir + u"/master.cf"_s, master);
        // fail2ban's own configuration, as Debian ships it, with Staffetta's filters (the
        // package's); the logs its jails read exist.
        f2bDir = dir.filePath(u"fail2ban"_s);
        ASSERT_EQ(test::run(u"cp"_s, {u"-a"_s, u"/etc/fail2ban/."_s, f2bDir}).exitCode, 0);
        for (const QString &filter : {u"staffetta-auth.conf"_s, u"staffetta-sender.conf"_s}) {
            write(f2bDir + u"/filter.d/"_s + filter,
                  readAll(qEnvironmentVariable("STAFFETTA_SOURCE_DIR") +
                          u"/installer/fail2ban/filter.d/"_s + filter));
        }
        QFile::remove(f2bDir +
                      u"/jail.d/defaults-debian.conf"_s); // its sshd jail: no auth.log here
        // Dovecot's own configuration, as dovecot-core ships it; its base_dir in local.conf
        // (Debian's dovecot.conf includes it last), so nothing here is the machine's Dovecot.
        dovecotDir = dir.filePath(u"dovecot"_s);
        ASSERT_EQ(test::run(u"cp"_s, {u"-a"_s, u"/etc/dovecot/."_s, dovecotDir}).exitCode, 0);
        ASSERT_TRUE(QFileInfo::exists(dovecotDir + u"/conf.d/10-master.conf"_s));
        ASSERT_FALSE(QFileInfo::exists(dovecotDir + u"/local.conf"_s));
        write(dovecotDir + u"/local.conf"_s,
              "base_dir = " + dir.filePath(u"dovecot-run"_s).toUtf8() + "\n");
        passwdFile = dovecotDir + u"/passwd"_s;
        mailLog = dir.filePath(u"mail.log"_s);
        staffettadLog = dir.filePath(u"staffettad.log"_s);
        write(mailLog, {});
        conf = dir.filePath(u"staffetta.conf"_s);
        write(conf, "[postfix]\nconfig_dir=" + postfixDir.toUtf8() + "\nlog=" + mailLog.toUtf8() +
                        "\n[state]\ndir=" + dir.filePath(u"state"_s).toUtf8() +
                        "\n[trusted]\nport=2525\n[fail2ban]\nconfig_dir=" + f2bDir.toUtf8() +
                        "\n[staffettad]\nlog=" + staffettadLog.toUtf8() +
                        "\n[accounts]\npasswd_file=" + passwdFile.toUtf8() + "\n");
    }

    ProcessOutput setup(const QStringList &args = {})
    {
        return test::run(setupTool,
                         QStringList{u"--config"_s, conf, u"--maillog-file"_s,
                                     u"/var/log/mail.log"_s, u"--dovecot-config"_s, dovecotDir} +
                             args);
    }
    // What Dovecot itself makes of its configuration (doveconf -n), or its complaint.
    ProcessOutput doveconf()
    {
        return test::run(u"doveconf"_s, {u"-c"_s, dovecotDir + u"/dovecot.conf"_s, u"-n"_s});
    }
    QString snippet() const { return dovecotDir + u"/conf.d/90-staffetta.conf"_s; }
    QString postconf(const QStringList &args)
    {
        const ProcessOutput out =
            test::run(u"/usr/sbin/postconf"_s, QStringList{u"-c"_s, postfixDir} + args);
        EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
        return QString::fromUtf8(out.out);
    }
    QMap<QString, QString> serviceParameters()
    {
        QMap<QString, QString> p;
        for (const QString &line : postconf({u"-P"_s}).split(u'\n', Qt::SkipEmptyParts)) {
            const qsizetype eq = line.indexOf(u" ="_s);
            p.insert(line.left(eq).trimmed(), line.mid(eq + 2).trimmed());
        }
        return p;
    }

    QTemporaryDir dir;
    QString setupTool, postfixDir, conf, f2bDir, mailLog, staffettadLog, dovecotDir, passwdFile;
};

} // namespace

TEST_F(RelaySetup, WiresEveryAuthServiceOfDebiansMasterCfThenChangesNothing)
{
    const QByteArray mainBefore = readAll(postfixDir + u"/main.cf"_s);
    const QByteArray masterBefore = readAll(postfixDir + u"/master.cf"_s);
    const QMap<QString, QByteArray> dovecotBefore = tree(dovecotDir);
    // Debian's submission blocks override the restrictions: main.cf alone would leave them.
    ASSERT_EQ(serviceParameters().value(u"submission/inet/smtpd_recipient_restrictions"_s),
              u"permit_sasl_authenticated,reject"_s);

    ProcessOutput checked = setup({u"--check"_s});
    EXPECT_EQ(checked.exitCode, 1) << checked.out.toStdString() << checked.err.toStdString();
    EXPECT_TRUE(checked.out.contains("submission/inet/smtpd_recipient_restrictions"));
    EXPECT_TRUE(checked.out.contains(snippet().toUtf8() + ": missing"))
        << checked.out.toStdString();
    EXPECT_EQ(tree(dovecotDir), dovecotBefore) << "--check changed Dovecot's configuration";
    EXPECT_EQ(readAll(postfixDir + u"/master.cf"_s), masterBefore) << "--check changed master.cf";

    ProcessOutput applied = setup();
    ASSERT_EQ(applied.exitCode, 0) << applied.out.toStdString() << applied.err.toStdString();
    const QMap<QString, QString> p = serviceParameters();
    for (const QString &s : {u"submission/inet/"_s, u"submissions/inet/"_s}) {
        EXPECT_EQ(p.value(s + u"smtpd_recipient_restrictions"_s),
                  u"$staffetta_policy,permit_sasl_authenticated,reject"_s);
        EXPECT_EQ(p.value(s + u"smtpd_end_of_data_restrictions"_s), u"$staffetta_policy"_s);
        EXPECT_EQ(p.value(s + u"smtpd_milters"_s), u"$staffetta_milter"_s);
        EXPECT_EQ(p.value(s + u"smtpd_sasl_type"_s), u"dovecot"_s);
        EXPECT_EQ(p.value(s + u"smtpd_sasl_path"_s), u"private/auth"_s);
    }
    // Port 25 offers no AUTH on Debian: left alone.
    EXPECT_FALSE(p.contains(u"smtp/inet/smtpd_recipient_restrictions"_s));
    // What Postfix itself makes of it: the sockets inside its spool (smtpd runs chrooted there).
    const QString expanded = postconf({u"-P"_s, u"-x"_s});
    EXPECT_TRUE(
        expanded.contains(u"submissions/inet/smtpd_recipient_restrictions = check_policy_service "
                          "unix:private/staffetta-policy,permit_sasl_authenticated,reject"_s))
        << expanded.toStdString();
    EXPECT_TRUE(
        expanded.contains(u"submission/inet/smtpd_milters = unix:private/staffetta-milter"_s));
    const QString main = postconf({u"-n"_s});
    // Postfix 3.7's default already: no milter answer lets a message through unchecked.
    EXPECT_EQ(postconf({u"-h"_s, u"milter_default_action"_s}).trimmed(), u"tempfail"_s);
    EXPECT_TRUE(main.contains(u"maillog_file = /var/log/mail.log"_s));
    EXPECT_TRUE(main.contains(
        u"smtpd_policy_service_default_action = 451 4.3.5 Policy service unavailable"_s));
    // The trusted clients' service: chrooted like the others, relaying for the cidr table only.
    EXPECT_TRUE(postconf({u"-M"_s}).contains(
        QRegularExpression(u"^2525\\s+inet\\s+n\\s+-\\s+y\\s+-\\s+-\\s+smtpd"_s,
                           QRegularExpression::MultilineOption)));
    EXPECT_EQ(p.value(u"2525/inet/smtpd_sasl_auth_enable"_s), u"no"_s);
    EXPECT_EQ(p.value(u"2525/inet/smtpd_recipient_restrictions"_s),
              u"$staffetta_policy,$staffetta_trusted_clients,reject"_s);

    // fail2ban's jails, in a file of ours: every port an smtpd answers on (submission,
    // submissions, 25 and the trusted service), the logs Postfix and staffettad write.
    // Dovecot answers where Postfix asks (private/auth in Postfix's spool, for postfix alone),
    // with LOGIN for Outlook; Dovecot's own files untouched, its passdb (PAM) alone.
    const ProcessOutput dove = doveconf();
    ASSERT_EQ(dove.exitCode, 0) << dove.err.toStdString();
    EXPECT_TRUE(dove.out.contains("  unix_listener /var/spool/postfix/private/auth {\n"
                                  "    group = postfix\n"
                                  "    mode = 0660\n"
                                  "    user = postfix\n"
                                  "  }\n"))
        << dove.out.toStdString();
    EXPECT_TRUE(dove.out.contains("\nauth_mechanisms = plain login\n")) << dove.out.toStdString();
    EXPECT_FALSE(dove.out.contains("passwd-file")) << "external credentials: no passwd-file";
    EXPECT_FALSE(QFileInfo::exists(passwdFile));
    QMap<QString, QByteArray> withSnippet = tree(dovecotDir);
    EXPECT_TRUE(withSnippet.contains(u"conf.d/90-staffetta.conf"_s));
    withSnippet.remove(u"conf.d/90-staffetta.conf"_s);
    EXPECT_EQ(withSnippet, dovecotBefore);

    const QByteArray jail = readAll(f2bDir + u"/jail.d/staffetta.conf"_s);
    EXPECT_TRUE(jail.contains("[postfix-sasl]\nenabled = true\nfilter = staffetta-auth\n"
                              "port = 25,465,587,2525\nlogpath = " +
                              mailLog.toUtf8()))
        << jail.toStdString();
    EXPECT_TRUE(jail.contains("logpath = " + staffettadLog.toUtf8()));
    EXPECT_TRUE(QFileInfo::exists(staffettadLog)) << "fail2ban needs the log it reads";
    const ProcessOutput tested = test::run(u"fail2ban-client"_s, {u"-c"_s, f2bDir, u"-t"_s});
    EXPECT_EQ(tested.exitCode, 0) << tested.out.toStdString() << tested.err.toStdString();

    // Twice: nothing to change, not a byte.
    const QByteArray mainSet = readAll(postfixDir + u"/main.cf"_s);
    const QByteArray masterSet = readAll(postfixDir + u"/master.cf"_s);
    const QByteArray snippetSet = readAll(snippet());
    const QDateTime snippetTime = QFileInfo(snippet()).lastModified();
    ProcessOutput again = setup();
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains("nothing to change")) << again.out.toStdString();
    EXPECT_EQ(readAll(postfixDir + u"/main.cf"_s), mainSet);
    EXPECT_EQ(readAll(postfixDir + u"/master.cf"_s), masterSet);
    EXPECT_EQ(readAll(snippet()), snippetSet);
    EXPECT_EQ(QFileInfo(snippet()).lastModified(), snippetTime) << "rewritten with the same bytes";
    EXPECT_FALSE(again.out.contains("Dovecot reloaded"));
    EXPECT_EQ(setup({u"--check"_s}).exitCode, 0);

    // --undo: both files as they were, byte for byte; then nothing left to undo.
    ProcessOutput undone = setup({u"--undo"_s});
    ASSERT_EQ(undone.exitCode, 0) << undone.err.toStdString();
    EXPECT_EQ(readAll(postfixDir + u"/main.cf"_s), mainBefore);
    EXPECT_EQ(readAll(postfixDir + u"/master.cf"_s), masterBefore);
    EXPECT_FALSE(QFileInfo::exists(f2bDir + u"/jail.d/staffetta.conf"_s));
    EXPECT_TRUE(undone.out.contains("removed " + snippet().toUtf8())) << undone.out.toStdString();
    EXPECT_EQ(tree(dovecotDir), dovecotBefore) << "--undo left Dovecot's configuration changed";
    EXPECT_TRUE(setup({u"--undo"_s}).out.contains("Nothing to undo"));
}

// A value postconf -P cannot write back (a braced milter group needs its spaces) is refused
// with what to do, and nothing is half-done.
TEST_F(RelaySetup, ABracedValueIsLeftToTheAdminAndNothingChanges)
{
    QByteArray master = readAll(postfixDir + u"/master.cf"_s);
    master.replace("  -o milter_macro_daemon_name=ORIGINATING\n#628",
                   "  -o milter_macro_daemon_name=ORIGINATING\n"
                   "  -o { smtpd_milters = { inet:127.0.0.1:8891, connect_timeout=10s } }\n#628");
    write(postfixDir + u"/master.cf"_s, master);
    ASSERT_TRUE(serviceParameters().value(u"submissions/inet/smtpd_milters"_s).contains(u'{'));
    const QByteArray mainBefore = readAll(postfixDir + u"/main.cf"_s);

    ProcessOutput refused = setup();
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("submissions/inet's smtpd_milters"))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("$staffetta_milter"));
    EXPECT_EQ(readAll(postfixDir + u"/main.cf"_s), mainBefore);
    EXPECT_EQ(readAll(postfixDir + u"/master.cf"_s), master);

    // Done by hand as told, the setup completes around it and keeps the admin's milter.
    master.replace("-o { smtpd_milters = { inet:127.0.0.1:8891",
                   "-o { smtpd_milters = $staffetta_milter, { inet:127.0.0.1:8891");
    write(postfixDir + u"/master.cf"_s, master);
    ProcessOutput applied = setup();
    ASSERT_EQ(applied.exitCode, 0) << applied.err.toStdString();
    EXPECT_TRUE(serviceParameters().value(u"submissions/inet/smtpd_milters"_s).contains(u"8891"_s));
}

TEST_F(RelaySetup, AMasterCfWithoutAuthServicesIsAClearError)
{
    write(postfixDir + u"/master.cf"_s, readAll(u"/usr/share/postfix/master.cf.dist"_s));
    ProcessOutput refused = setup();
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("no smtpd service that offers AUTH"))
        << refused.err.toStdString();
}

// --console-key as a hostile admin's typo or a pasted key would give it: each refused before
// anything is created (no user, no file), with what is wrong.
TEST_F(RelaySetup, ConsoleKeysRefuseWhatCouldReachAShellOrAnotherUser)
{
    const QString pub = dir.filePath(u"ops.pub"_s);
    write(pub,
          "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8n0CPz2Vq4mjP6O7Xo3f1g2h3j4k5l6m7n8o9p0q1r x\n");
    const QString bad = dir.filePath(u"bad.pub"_s);
    write(bad, "command=\"/bin/sh\" hello world\n");
    const QString sudoersFile = dir.filePath(u"sudoers"_s);
    // sshd reads a console user's keys as that user: the homes' parents must let others through.
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                          QFile::ExeGroup | QFile::ExeOther);
    const auto add = [&](const QStringList &args) {
        // staffettactl of the build (the later --staffettactl of a case wins).
        return setup(QStringList{u"--sudoers-file"_s, sudoersFile, u"--homes"_s,
                                 dir.filePath(u"console"_s), u"--staffettactl"_s,
                                 qEnvironmentVariable("STAFFETTACTL")} +
                     args);
    };
    const struct
    {
        QStringList args;
        QByteArray says;
    } cases[] = {
        {{u"--console-key"_s, pub, u"--user"_s, u"ops;id"_s, u"--role"_s, u"admin"_s},
         "cannot be a console user"},
        {{u"--console-key"_s, pub, u"--user"_s, u"ops"_s, u"--role"_s, u"root"_s},
         "--role must be"},
        {{u"--console-key"_s, pub, u"--user"_s, u"ops"_s, u"--role"_s, u"partner"_s},
         "a partner needs the accounts"},
        {{u"--console-key"_s, pub, u"--user"_s, u"ops"_s, u"--role"_s, u"admin"_s,
          u"--staffettactl"_s, u"/bin/sh -c id"_s},
         "--staffettactl"},
        {{u"--console-key"_s, bad, u"--user"_s, u"ops"_s, u"--role"_s, u"admin"_s},
         "not an OpenSSH public key"},
        // A newline in an account would write a rule of its own into access.conf.
        {{u"--console-key"_s, pub, u"--user"_s, u"ops"_s, u"--role"_s, u"partner"_s,
          u"--accounts"_s, u"acme\nuser.eve=admin"_s},
         "--accounts"},
        // An existing account (root's home and shell) is never turned into a console user.
        {{u"--console-key"_s, pub, u"--user"_s, u"root"_s, u"--role"_s, u"admin"_s},
         "already exists"},
    };
    for (const auto &c : cases) {
        const ProcessOutput out = add(c.args);
        EXPECT_EQ(out.exitCode, 2) << c.args.join(u' ').toStdString();
        EXPECT_TRUE(out.err.contains(c.says)) << out.err.toStdString();
    }
    EXPECT_FALSE(QFileInfo::exists(sudoersFile));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(u"access.conf"_s)));
    // A rule in access.conf that is not a user's name (ALL, %group) would reach the sudoers line.
    write(dir.filePath(u"access.conf"_s), "[access]\nuser.ALL=admin\n");
    const ProcessOutput all =
        add({u"--console-key"_s, pub, u"--user"_s, u"ops"_s, u"--role"_s, u"admin"_s});
    EXPECT_EQ(all.exitCode, 2);
    EXPECT_TRUE(all.err.contains("user.ALL is not a console user's name")) << all.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(sudoersFile));
    QFile::remove(dir.filePath(u"access.conf"_s));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(u"console"_s)));
    EXPECT_NE(test::run(u"id"_s, {u"ops"_s}).exitCode, 0) << "no user was created";
}

// [accounts] credentials=local (here from --credentials): Staffetta's passwd-file is Dovecot's
// first passdb, created empty 0640 root:dovecot when missing, never truncated, never removed.
TEST_F(RelaySetup, LocalCredentialsAddStaffettasPasswdFileToDovecot)
{
    ProcessOutput applied = setup({u"--credentials"_s, u"local"_s});
    ASSERT_EQ(applied.exitCode, 0) << applied.out.toStdString() << applied.err.toStdString();
    const ProcessOutput dove = doveconf();
    ASSERT_EQ(dove.exitCode, 0) << dove.err.toStdString();
    EXPECT_TRUE(dove.out.contains("passdb {\n  args = scheme=ARGON2ID " + passwdFile.toUtf8() +
                                  "\n  driver = passwd-file\n}\n"))
        << dove.out.toStdString();
    const QFileInfo passwd(passwdFile);
    ASSERT_TRUE(passwd.exists());
    EXPECT_EQ(passwd.size(), 0);
    EXPECT_EQ(passwd.ownerId(), 0u);
    EXPECT_EQ(passwd.group(), u"dovecot"_s);
    EXPECT_EQ(passwd.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
              QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    EXPECT_EQ(setup({u"--credentials"_s, u"local"_s, u"--check"_s}).exitCode, 0);
    // staffetta.conf says external: the passdb goes, --check says so first.
    const ProcessOutput differs = setup({u"--check"_s});
    EXPECT_EQ(differs.exitCode, 1);
    EXPECT_TRUE(differs.out.contains(snippet().toUtf8() + ": differs"))
        << differs.out.toStdString();
    EXPECT_EQ(setup({u"--credentials"_s, u"bogus"_s}).exitCode, 2);

    // Customers' passwords are never truncated, even when the passdb is written again.
    write(passwdFile, "alice:{PLAIN}secret\n");
    ASSERT_EQ(setup().exitCode, 0);
    EXPECT_FALSE(doveconf().out.contains("passwd-file"));
    ASSERT_EQ(setup({u"--credentials"_s, u"local"_s}).exitCode, 0);
    EXPECT_EQ(readAll(passwdFile), "alice:{PLAIN}secret\n");
    // --undo removes our snippet, never the passwords.
    ASSERT_EQ(setup({u"--undo"_s}).exitCode, 0);
    EXPECT_FALSE(QFileInfo::exists(snippet()));
    EXPECT_EQ(readAll(passwdFile), "alice:{PLAIN}secret\n");

    // Through a link, nothing is created: the name is left to its owner.
    QFile::remove(passwdFile);
    const QString elsewhere = dir.filePath(u"elsewhere"_s);
    ASSERT_TRUE(QFile::link(elsewhere, passwdFile));
    ASSERT_EQ(setup({u"--credentials"_s, u"local"_s}).exitCode, 0);
    EXPECT_FALSE(QFileInfo::exists(elsewhere));
}

// A configuration doveconf refuses: Dovecot's files stay as they were (no snippet of ours, or
// the previous one), Postfix is not touched, and the setup says what doveconf said.
TEST_F(RelaySetup, ADovecotConfigurationDoveconfRefusesIsPutBack)
{
    const QByteArray mainBefore = readAll(postfixDir + u"/main.cf"_s);
    const QByteArray masterBefore = readAll(postfixDir + u"/master.cf"_s);
    const QString broken = dovecotDir + u"/conf.d/95-broken.conf"_s;
    write(broken, "service auth {\n  no_such_setting = 1\n}\n");
    const QMap<QString, QByteArray> dovecotBefore = tree(dovecotDir);
    ASSERT_NE(doveconf().exitCode, 0);

    ProcessOutput refused = setup();
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("doveconf refuses")) << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains("no_such_setting")) << refused.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(snippet()));
    EXPECT_EQ(tree(dovecotDir), dovecotBefore);
    EXPECT_EQ(readAll(postfixDir + u"/main.cf"_s), mainBefore);
    EXPECT_EQ(readAll(postfixDir + u"/master.cf"_s), masterBefore);

    // Wired once; then a broken file and a change: the snippet that worked is put back.
    QFile::remove(broken);
    ProcessOutput applied = setup();
    ASSERT_EQ(applied.exitCode, 0) << applied.err.toStdString();
    const QByteArray working = readAll(snippet());
    write(broken, "service auth {\n  no_such_setting = 1\n}\n");
    refused = setup({u"--sasl-path"_s, u"inet:127.0.0.1:41012"_s});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("no_such_setting")) << refused.err.toStdString();
    EXPECT_EQ(readAll(snippet()), working);
    QFile::remove(broken);

    // A SASL path Dovecot cannot listen on is refused before anything is written.
    refused = setup({u"--sasl-path"_s, u"/run/dovecot/auth-client"_s});
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains("inet:HOST:PORT")) << refused.err.toStdString();
    EXPECT_EQ(readAll(snippet()), working);
}
