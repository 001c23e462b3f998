// staffetta-relay-setup: wires a Debian mail server's Postfix to Staffetta. The admin runs it
// (Debian Policy §10.7.4: no maintainer script edits Postfix's conffiles); the lab runs the
// same program against its private instance. Every change goes through Postfix's own postconf;
// Dovecot's side of SASL is a file of ours in its conf.d, checked with doveconf. --check says
// what is missing, a second run changes nothing, --undo puts main.cf and master.cf back byte
// for byte and removes the files of ours.
#include "common/access.h"
#include "common/files.h"
#include "common/process.h"
#include "common/relay_config.h"
#include "fail2ban/fail2ban.h"
#include "postfix/postfix.h"
#include "setup/console_users.h"
#include "setup/dovecot_auth.h"
#include "setup/fail2ban_jails.h"
#include "setup/postfix_wiring.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h> // chown, getpwnam: relay-only, like everything the setup does

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

void say(const QString &text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

int fail(const QString &text, int code = 2)
{
    std::fprintf(stderr, "staffetta-relay-setup: %s\n", qPrintable(text));
    return code;
}

// What postconf shows now: the names the plan reads (with Postfix's defaults), then every
// parameter main.cf sets (our own $staffetta_* among them; postconf -h warns on those).
Result<setup::PostfixState> readPostfix(const postfix::Postfix &pf)
{
    setup::PostfixState state;
    const QStringList names = setup::mainNames();
    auto values = pf.run(u"postconf"_s, QStringList{u"-h"_s} + names, 30000);
    if (!values)
        return values.error();
    const QStringList lines = QString::fromUtf8(values.value()).split(u'\n');
    if (lines.size() < names.size())
        return Error(
            ErrorCode::BadResponse,
            u"postconf printed %1 values for %2 names"_s.arg(lines.size()).arg(names.size()));
    for (qsizetype i = 0; i < names.size(); ++i)
        state.main.insert(names[i], lines[i].trimmed());
    auto explicitlySet = pf.run(u"postconf"_s, {u"-n"_s}, 30000);
    if (!explicitlySet)
        return explicitlySet.error();
    const QHash<QString, QString> given = postfix::parameterLines(explicitlySet.value());
    for (auto it = given.cbegin(); it != given.cend(); ++it)
        state.main.insert(it.key(), it.value());
    auto master = pf.run(u"postconf"_s, {u"-M"_s}, 30000);
    if (!master)
        return master.error();
    state.masterEntries = master.value();
    auto parameters = pf.run(u"postconf"_s, {u"-P"_s}, 30000);
    if (!parameters)
        return parameters.error();
    state.serviceParameters = parameters.value();
    return state;
}

QString describe(const setup::PostconfEdit &e)
{
    const QString where = e.kind == setup::PostconfEdit::Kind::Main ? u"main.cf"_s : u"master.cf"_s;
    if (e.kind == setup::PostconfEdit::Kind::ServiceEntry)
        return u"%1: add service %2"_s.arg(where, e.value);
    return u"%1: %2 = %3%4"_s.arg(where, e.name, e.value,
                                  e.before.isEmpty() ? QString() : u"   (was: %1)"_s.arg(e.before));
}

// `from`'s bytes and mode at `to`, replaced atomically (main.cf and master.cf, kept before the
// first setup and put back by --undo).
Result<Done> copyExactly(const QString &from, const QString &to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return ioError(u"read"_s, from, in.errorString());
    auto written = writeFileAtomically(to, in.readAll());
    if (!written)
        return written.error();
    QFile::setPermissions(to, in.permissions());
    return Done{};
}

struct OwnedFile
{
    QString path;
    QByteArray content;
};

struct Fail2banPlace
{
    QString configDir;
    QString socket;
    QString client;
};

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList lines(const QString &path)
{
    return QString::fromUtf8(read(path)).split(u'\n', Qt::SkipEmptyParts);
}

// A running fail2ban re-reads its jails; one that is not running reads them when it starts.
void reloadFail2ban(const Fail2banPlace &f2b)
{
    if (f2b.socket.isEmpty() || !QFileInfo::exists(f2b.socket))
        return;
    auto ran = runProcess(f2b.client, {u"-c"_s, f2b.configDir, u"-s"_s, f2b.socket, u"reload"_s},
                          {}, 60000);
    if (ran && ran.value().exitCode == 0)
        say(u"fail2ban reloaded."_s);
    else
        say(u"warning: fail2ban did not reload: %1"_s.arg(
            ran ? QString::fromUtf8(ran.value().err).trimmed() : ran.error().message));
}

// An empty file where none is, 0640, handed to `owner` and `group`; one that exists is left
// alone. Never created through a link: its directory may belong to a daemon's user, who could
// otherwise point the name at a file root would then create and hand over. True when created.
Result<bool> createEmptyFile(const QString &path, uid_t owner, gid_t group)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd =
        ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        if (errno == EEXIST)
            return false; // there already (a link to it is the owner's business, not ours)
        return ioError(u"create"_s, path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    int saved = 0;
    if (::fchown(fd, owner, group) != 0 || ::fchmod(fd, 0640) != 0) // fchmod: whatever the umask
        saved = errno;
    ::close(fd);
    if (saved != 0) {
        ::unlink(name.constData()); // ours, just made and empty
        return ioError(u"chown"_s, path, QString::fromLocal8Bit(std::strerror(saved)));
    }
    return true;
}

// An empty log file where none is, owned by its directory's owner and group (staffettad's
// directory belongs to its user).
Result<Done> ensureLogFile(const QString &path)
{
    const QFileInfo dir(QFileInfo(path).absolutePath());
    if (!dir.isDir())
        return Error(ErrorCode::NotFound,
                     u"the log directory %1 does not exist"_s.arg(dir.filePath()));
    if (auto made = createEmptyFile(path, dir.ownerId(), dir.groupId()); !made)
        return made.error();
    return Done{};
}

// Dovecot's passwd-file for [accounts] credentials=local, empty, where none is: root's, group
// `group`. One that exists is left alone: it holds the accounts' passwords. True when created.
Result<bool> ensurePasswdFile(const QString &path, const QString &group)
{
    const struct group *g = ::getgrnam(QFile::encodeName(group).constData());
    if (!g)
        return Error(ErrorCode::NotFound,
                     u"the group %1 does not exist ([accounts] passwd_group)"_s.arg(group));
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return Error(ErrorCode::NotFound,
                     u"the directory of the passwd-file %1 does not exist"_s.arg(path));
    return createEmptyFile(path, 0, g->gr_gid);
}

// Whether a Dovecot runs with this configuration: the pid file in its base_dir names a live
// process.
bool dovecotRunning(const QString &dovecotConf)
{
    auto baseDir =
        runProcess(u"doveconf"_s, {u"-c"_s, dovecotConf, u"-h"_s, u"base_dir"_s}, {}, 30000);
    if (!baseDir || baseDir.value().exitCode != 0)
        return false;
    const QString pidFile = QString::fromUtf8(baseDir.value().out).trimmed() + u"/master.pid"_s;
    bool number = false;
    const int pid = read(pidFile).trimmed().toInt(&number);
    return number && pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

// A running Dovecot re-reads its configuration; one that is not running reads it when it
// starts. True when reloaded.
Result<bool> reloadDovecot(const QString &dovecotConf)
{
    if (!dovecotRunning(dovecotConf))
        return false;
    auto ran = runProcess(u"doveadm"_s, {u"-c"_s, dovecotConf, u"reload"_s}, {}, 60000);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode != 0)
        return Error(ErrorCode::Unavailable,
                     u"Dovecot did not reload: %1"_s.arg(
                         QString::fromUtf8(ran.value().err + ran.value().out).trimmed()));
    say(u"Dovecot reloaded."_s);
    return true;
}

struct ConsoleUser
{
    QString keyFile, name, role;
    QStringList accounts;
    QString staffettactl, sudoersFile, accessFile, homes, ownedList;
};

// Writes `content` to `path` (root's, `mode`) unless it already holds it; true when written.
Result<bool> put(const QString &path, const QByteArray &content, QFile::Permissions mode)
{
    if (QFileInfo::exists(path) && read(path) == content)
        return false;
    if (auto written = writeFileAtomically(path, content); !written)
        return written.error();
    QFile::setPermissions(path, mode);
    return true;
}

Result<Done> remember(const QString &ownedList, const QStringList &paths)
{
    QStringList owned = lines(ownedList);
    for (const QString &p : paths) {
        if (!owned.contains(p))
            owned.append(p);
    }
    if (!QDir().mkpath(QFileInfo(ownedList).absolutePath()))
        return Error(ErrorCode::Internal,
                     u"cannot create %1"_s.arg(QFileInfo(ownedList).absolutePath()));
    return writeFileAtomically(ownedList, (owned.join(u'\n') + u'\n').toUtf8());
}

int addConsoleUser(const ConsoleUser &u, bool checkOnly)
{
    if (auto named = setup::checkUserName(u.name); !named)
        return fail(named.error().message);
    const auto parsedRole = roleFromName(u.role);
    if (!parsedRole || *parsedRole == Role::None)
        return fail(u"--role must be admin, partner, helpdesk or viewer"_s);
    // A partner's accounts: a login or a glob, one word of the login alphabet (and * ?): no
    // whitespace, newline, '=' or '[' can reach access.conf.
    static const QRegularExpression accountGlob(
        QRegularExpression::anchoredPattern(u"[A-Za-z0-9._+@*?-]{1,254}"_s));
    for (const QString &a : u.accounts) {
        if (!accountGlob.match(a).hasMatch())
            return fail(
                u"--accounts '%1': a login or a glob of letters, digits, . _ + @ - * ?"_s.arg(a));
    }
    const QString rule = (QStringList{u.role} + u.accounts).join(u' ');
    if (auto valid = AccessRule::parse(u"user."_s + u.name, rule); !valid)
        return fail(valid.error().message);
    static const QRegularExpression safePath(
        QRegularExpression::anchoredPattern(u"/[A-Za-z0-9_./-]+"_s));
    if (!safePath.match(u.staffettactl).hasMatch() || !QFileInfo(u.staffettactl).isExecutable())
        return fail(u"--staffettactl: %1 is not an executable named by an absolute path of "
                    "letters, digits and _ . / -"_s.arg(u.staffettactl));
    // sudo runs it as root: only root may change it.
    {
        const QFileInfo ctl(u.staffettactl);
        if (ctl.ownerId() != 0 || (ctl.permissions() & (QFile::WriteGroup | QFile::WriteOther)))
            return fail(u"--staffettactl: %1 must belong to root and be writable by root alone "
                        "(sudo runs it as root)"_s.arg(u.staffettactl));
    }
    if (!QFileInfo::exists(u.keyFile))
        return fail(u"--console-key: %1 does not exist"_s.arg(u.keyFile));
    auto key = setup::parsePublicKey(read(u.keyFile));
    if (!key)
        return fail(u"--console-key %1: %2"_s.arg(u.keyFile, key.error().message));

    // The user: a system user whose home (and the key file in it) belongs to root, so that the
    // user can never rewrite the line that restricts its key. sshd reads the key file as the
    // user: every directory above it must let others through.
    const QString home = QDir(QDir(u.homes).absolutePath()).filePath(u.name);
    for (QString dir = QFileInfo(u.homes).absoluteFilePath(); dir != u"/"_s;
         dir = QFileInfo(dir).absolutePath()) {
        if (!QFileInfo::exists(dir))
            continue;
        if (!(QFileInfo(dir).permissions() & QFile::ExeOther))
            return fail(u"%1 is not searchable by others: sshd could not read the console "
                        "users' keys below it (chmod o+x it, or choose --homes)"_s.arg(dir));
        // Whoever may write a directory above the keys may swap them (sshd checks only below
        // the home): root's, and not writable by others unless sticky (/tmp).
        struct stat st
        {};
        if (::stat(QFile::encodeName(dir).constData(), &st) != 0 || st.st_uid != 0 ||
            ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)))
            return fail(u"%1 must belong to root and be writable by root alone: another user "
                        "could replace the console users' keys below it"_s.arg(dir));
    }
    const QString keys = home + u"/.ssh/authorized_keys"_s;
    const passwd *pw = ::getpwnam(u.name.toLocal8Bit().constData());
    if (pw && (QString::fromLocal8Bit(pw->pw_dir) != home ||
               QString::fromLocal8Bit(pw->pw_shell) != u"/bin/sh"_s)) {
        return fail(u"%1 already exists and is not a Staffetta console user (home %2, shell "
                    "%3): choose another name"_s.arg(u.name, QString::fromLocal8Bit(pw->pw_dir),
                                                     QString::fromLocal8Bit(pw->pw_shell)));
    }
    const QString line = setup::authorizedKeyLine(key.value(), u.staffettactl, u.name);
    // Only lines the setup wrote survive (a key added by hand, unrestricted, would not be
    // forced to staffettactl); this key's line is replaced, in its place.
    QStringList keyLines = lines(keys);
    keyLines.removeIf([&](const QString &l) {
        return !l.startsWith(u"restrict,command=\"sudo -n "_s) ||
               !l.endsWith(u" staffetta:"_s + u.name);
    });
    const auto same = std::find_if(keyLines.begin(), keyLines.end(), [&](const QString &l) {
        return l.contains(u' ' + key.value().blob + u' ');
    });
    if (same != keyLines.end())
        *same = line;
    else
        keyLines.append(line);
    const QByteArray keysContent = (keyLines.join(u'\n') + u'\n').toUtf8();
    const QByteArray accessBefore = read(u.accessFile);
    QMap<QString, QString> access = setup::readAccessLines(accessBefore);
    access.insert(u.name, rule);
    // Every name the sudoers rule will list is a plain user name (never ALL, %group, a list).
    for (auto it = access.cbegin(); it != access.cend(); ++it) {
        if (auto named = setup::checkUserName(it.key()); !named)
            return fail(u"%1: user.%2 is not a console user's name; fix or remove that line"_s.arg(
                u.accessFile, it.key()));
    }
    const QByteArray accessContent = setup::accessFile(access, accessBefore);
    const QByteArray sudoersContent = setup::sudoersFile(access.keys(), u.staffettactl);

    if (checkOnly) {
        QStringList missing;
        if (!pw)
            missing.append(u"the user %1"_s.arg(u.name));
        for (const auto &[path, content] :
             {std::pair{keys, keysContent}, std::pair{u.accessFile, accessContent},
              std::pair{u.sudoersFile, sudoersContent}}) {
            if (read(path) != content)
                missing.append(path);
        }
        if (missing.isEmpty()) {
            say(u"%1 is a console user (%2): nothing to change."_s.arg(u.name, rule));
            return 0;
        }
        say(u"missing or different: %1"_s.arg(missing.join(u", "_s)));
        return 1;
    }

    if (auto listed = remember(u.ownedList, {keys, u.accessFile, u.sudoersFile}); !listed)
        return fail(listed.error().message);
    if (!QDir().mkpath(home + u"/.ssh"_s))
        return fail(u"cannot create %1/.ssh"_s.arg(home));
    // The home and .ssh: root's, 0755, whatever they were (never through a link).
    for (const QString &d : {home, home + u"/.ssh"_s}) {
        const QByteArray n = QFile::encodeName(d);
        struct stat st
        {};
        if (::lstat(n.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return fail(u"%1 is not a directory"_s.arg(d));
        if (::lchown(n.constData(), 0, 0) != 0 || ::chmod(n.constData(), 0755) != 0)
            return fail(u"cannot give %1 to root: %2"_s.arg(
                d, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (!pw) {
        auto added = runProcess(u"useradd"_s,
                                {u"--system"_s, u"--no-create-home"_s, u"--home-dir"_s, home,
                                 u"--shell"_s, u"/bin/sh"_s, u.name},
                                {}, 60000);
        if (!added || added.value().exitCode != 0)
            return fail(u"useradd %1 failed: %2"_s.arg(
                u.name,
                added ? QString::fromUtf8(added.value().err).trimmed() : added.error().message));
        // Not locked ('!'): sshd without PAM refuses a locked account even with a key.
        auto unlocked = runProcess(u"usermod"_s, {u"-p"_s, u"*"_s, u.name}, {}, 60000);
        if (!unlocked || unlocked.value().exitCode != 0)
            return fail(u"usermod -p '*' %1 failed"_s.arg(u.name));
        say(u"added the system user %1 (home %2, shell /bin/sh)"_s.arg(u.name, home));
    }
    const auto readable =
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    if (auto w = put(keys, keysContent, readable); !w)
        return fail(w.error().message);
    else if (w.value())
        say(u"wrote %1"_s.arg(keys));
    if (auto w = put(u.accessFile, accessContent, readable); !w)
        return fail(w.error().message);
    else if (w.value())
        say(u"wrote %1: user.%2=%3"_s.arg(u.accessFile, u.name, rule));
    if (read(u.sudoersFile) != sudoersContent) {
        // sudo refuses to run at all with a broken sudoers file: visudo checks a copy first.
        const QString candidate = u.sudoersFile + u".staffetta-new"_s;
        if (auto w = writeFileAtomically(candidate, sudoersContent); !w)
            return fail(w.error().message);
        QFile::setPermissions(candidate, QFile::ReadOwner | QFile::ReadGroup);
        auto checked = runProcess(u"visudo"_s, {u"-cqf"_s, candidate}, {}, 30000);
        if (!checked || checked.value().exitCode != 0) {
            QFile::remove(candidate);
            return fail(u"visudo refuses the console users' sudoers rules: %1"_s.arg(
                checked ? QString::fromUtf8(checked.value().err + checked.value().out).trimmed()
                        : checked.error().message));
        }
        if (::rename(QFile::encodeName(candidate).constData(),
                     QFile::encodeName(u.sudoersFile).constData()) != 0)
            return fail(u"cannot rename %1 to %2: %3"_s.arg(
                candidate, u.sudoersFile, QString::fromLocal8Bit(std::strerror(errno))));
        say(u"wrote %1"_s.arg(u.sudoersFile));
    }
    say(u"%1 may run staffettactl as %2 with the key in %3."_s.arg(u.name, rule, u.keyFile));
    return 0;
}

bool postfixRunning(const postfix::Postfix &pf)
{
    return bool(pf.run(u"postfix"_s, {u"status"_s}, 30000));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staffetta-relay-setup"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Wires this server's Postfix to Staffetta (staffettad, the content milter, Dovecot's "
        "SASL, the trusted clients' service). Run it again at any time: it changes only what "
        "is missing."_s);
    parser.addHelpOption();
    const QCommandLineOption config(u"config"_s,
                                    u"Staffetta's configuration (default: $STAFFETTA_CONF, else "
                                    "/etc/staffetta/staffetta.conf)."_s,
                                    u"FILE"_s);
    const QCommandLineOption postfixDir(u"postfix-config"_s,
                                        u"Postfix's configuration directory (default: "
                                        "staffetta.conf's [postfix] config_dir, else Postfix's)."_s,
                                        u"DIR"_s);
    const QCommandLineOption service(u"service"_s,
                                     u"A master.cf service to wire, as postconf -M names it "
                                     "(submission/inet); repeat it. Default: every smtpd service "
                                     "that offers AUTH."_s,
                                     u"NAME/TYPE"_s);
    const QCommandLineOption saslPath(
        u"sasl-path"_s,
        u"Dovecot's auth socket as Postfix's smtpd_sasl_path names it (default: private/auth)."_s,
        u"PATH"_s);
    const QCommandLineOption dovecotDir(
        u"dovecot-config"_s,
        u"Dovecot's configuration directory: the setup writes conf.d/90-staffetta.conf there and "
        "checks DIR/dovecot.conf with doveconf (default: /etc/dovecot)."_s,
        u"DIR"_s);
    const QCommandLineOption credentials(
        u"credentials"_s,
        u"local: Dovecot checks the accounts' passwords in Staffetta's passwd-file first; "
        "external: elsewhere only (default: staffetta.conf's [accounts] credentials)."_s,
        u"local|external"_s);
    const QCommandLineOption maillog(u"maillog-file"_s,
                                     u"Postfix's maillog_file when main.cf sets none and no "
                                     "syslog daemon is installed (default: /var/log/mail.log)."_s,
                                     u"FILE"_s);
    const QCommandLineOption trusted(u"trusted-service"_s,
                                     u"master.cf's name for the trusted clients' smtpd (default: "
                                     "staffetta.conf's [trusted] port; none when it has none)."_s,
                                     u"NAME"_s);
    const QCommandLineOption check(
        u"check"_s, u"Change nothing: say what is missing; exit 1 if anything is."_s);
    const QCommandLineOption undo(u"undo"_s,
                                  u"Put main.cf and master.cf back as they were before the first "
                                  "setup, byte for byte, and remove the files of ours (fail2ban's "
                                  "jails, Dovecot's conf.d/90-staffetta.conf)."_s);
    const QCommandLineOption consoleKey(
        u"console-key"_s,
        u"Add a console user: this public key (FILE.pub) may run staffettactl as --user with "
        "--role, and nothing else."_s,
        u"FILE"_s);
    const QCommandLineOption user(
        u"user"_s, u"The console user's name (a system user with /bin/sh)."_s, u"NAME"_s);
    const QCommandLineOption role(u"role"_s, u"admin, partner, helpdesk or viewer."_s, u"ROLE"_s);
    const QCommandLineOption accounts(
        u"accounts"_s, u"A partner's accounts (a login or a glob); repeat it."_s, u"GLOB"_s);
    const QCommandLineOption ctlPath(
        u"staffettactl"_s,
        u"The program console keys run (default: staffettactl beside this program)."_s, u"PATH"_s);
    const QCommandLineOption homes(
        u"homes"_s,
        u"Where the console users' homes go (default: STATE_DIR-console, beside the state "
        "directory, which is the daemons' alone; every directory above must be searchable)."_s,
        u"DIR"_s);
    const QCommandLineOption sudoers(u"sudoers-file"_s,
                                     u"The console users' sudoers rules (default: "
                                     "/etc/sudoers.d/staffetta)."_s,
                                     u"FILE"_s);
    parser.addOptions({config, postfixDir, service, saslPath, dovecotDir, credentials, maillog,
                       trusted, check, undo, consoleKey, user, role, accounts, ctlPath, homes,
                       sudoers});
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument: %1"_s.arg(parser.positionalArguments().first()));
    if (parser.isSet(check) && parser.isSet(undo))
        return fail(u"--check and --undo exclude each other"_s);

    auto loaded = Config::load(parser.isSet(config) ? parser.value(config)
                                                    : qEnvironmentVariable("STAFFETTA_CONF"));
    if (!loaded)
        return fail(loaded.error().message);
    const Config &conf = loaded.value();
    const QString configDir =
        parser.isSet(postfixDir) ? parser.value(postfixDir) : conf.postfixConfigDir;
    const postfix::Postfix pf(configDir, conf.postfixCommandDir);
    auto dir = pf.run(u"postconf"_s, {u"-h"_s, u"config_directory"_s}, 30000);
    if (!dir)
        return fail(dir.error().message);
    const QString postfixConfig = QString::fromUtf8(dir.value()).trimmed();
    const QString originals = QDir(conf.stateDir).filePath(u"setup"_s);
    const QString mainCf = postfixConfig + u"/main.cf"_s;
    const QString masterCf = postfixConfig + u"/master.cf"_s;

    const QString ownedList = originals + u"/files"_s; // the files the setup wrote, for --undo
    const QString dovecotConfig =
        QDir(parser.isSet(dovecotDir) ? parser.value(dovecotDir) : u"/etc/dovecot"_s)
            .absolutePath();
    const QString dovecotConf = dovecotConfig + u"/dovecot.conf"_s;
    const QString dovecotFile = dovecotConfig + u"/conf.d/"_s + setup::dovecotSnippetName();
    const Fail2banPlace f2b{conf.fail2banConfigDir, conf.fail2banSocket, conf.fail2banClient};

    if (parser.isSet(consoleKey)) {
        if (parser.isSet(undo))
            return fail(u"--console-key and --undo exclude each other"_s);
        ConsoleUser u;
        u.keyFile = parser.value(consoleKey);
        u.name = parser.value(user);
        u.role = parser.value(role);
        u.accounts = parser.values(accounts);
        u.staffettactl = parser.isSet(ctlPath)
                             ? parser.value(ctlPath)
                             : QCoreApplication::applicationDirPath() + u"/staffettactl"_s;
        u.sudoersFile =
            parser.isSet(sudoers) ? parser.value(sudoers) : u"/etc/sudoers.d/staffetta"_s;
        u.accessFile =
            Config::accessFilePath(conf.path.isEmpty() ? Config::defaultPath() : conf.path);
        u.homes = parser.isSet(homes)
                      ? parser.value(homes)
                      : QDir::cleanPath(QDir(conf.stateDir).absolutePath()) + u"-console"_s;
        u.ownedList = ownedList;
        return addConsoleUser(u, parser.isSet(check));
    }

    if (parser.isSet(undo)) {
        const QString mainCopy = originals + u"/main.cf"_s;
        const QString masterCopy = originals + u"/master.cf"_s;
        const QStringList owned = lines(ownedList);
        if ((!QFileInfo::exists(mainCopy) || !QFileInfo::exists(masterCopy)) && owned.isEmpty()) {
            say(u"Nothing to undo: no setup has changed %1."_s.arg(postfixConfig));
            return 0;
        }
        if (QFileInfo::exists(mainCopy) && QFileInfo::exists(masterCopy)) {
            for (const auto &[copy, file] :
                 {std::pair{mainCopy, mainCf}, std::pair{masterCopy, masterCf}}) {
                if (auto restored = copyExactly(copy, file); !restored)
                    return fail(restored.error().message);
                say(u"restored %1"_s.arg(file));
            }
            QFile::remove(mainCopy);
            QFile::remove(masterCopy);
        }
        QStringList dovecots; // the Dovecots whose snippet went: conf.d/../dovecot.conf
        for (const QString &file : owned) {
            if (QFile::exists(file) && !QFile::remove(file))
                return fail(u"cannot remove %1"_s.arg(file));
            say(u"removed %1"_s.arg(file));
            if (QFileInfo(file).fileName() == setup::dovecotSnippetName())
                dovecots.append(
                    QDir::cleanPath(QFileInfo(file).absolutePath() + u"/../dovecot.conf"_s));
        }
        QFile::remove(ownedList);
        // Dovecot first: its reload restarts the auth service, Postfix's reload then gives
        // every smtpd a fresh connection to it.
        for (const QString &d : dovecots) {
            if (auto reloaded = reloadDovecot(d); !reloaded)
                return fail(reloaded.error().message);
        }
        if (postfixRunning(pf)) {
            if (auto reloaded = pf.reload(); !reloaded)
                return fail(reloaded.error().message);
        }
        reloadFail2ban(f2b);
        return 0;
    }

    setup::PostfixWiring want;
    want.policyListen = conf.policyListen;
    want.milterListen = conf.milterListen;
    want.saslPath = parser.value(saslPath);
    want.services = parser.values(service);
    // No syslog daemon (Debian 12 installs none): Postfix writes its own log, where fail2ban
    // and staffetta-events read it.
    if (parser.isSet(maillog))
        want.maillogFile = parser.value(maillog);
    else if (!QFileInfo::exists(u"/etc/rsyslog.conf"_s) &&
             !QFileInfo::exists(u"/etc/syslog-ng/syslog-ng.conf"_s))
        want.maillogFile = u"/var/log/mail.log"_s;
    want.trustedService = parser.isSet(trusted)  ? parser.value(trusted)
                          : conf.trustedPort > 0 ? QString::number(conf.trustedPort)
                                                 : QString();
    want.trustedMap = conf.trustedMap.isEmpty()
                          ? QDir(conf.stateDir).filePath(u"trusted_clients.cidr"_s)
                          : conf.trustedMap;

    auto state = readPostfix(pf);
    if (!state)
        return fail(state.error().message);
    auto plan = setup::planPostfix(state.value(), want);
    if (!plan)
        return fail(plan.error().message);

    // Dovecot's side: a listener where each wired service's smtpd_sasl_path points, and with
    // local credentials Staffetta's passwd-file first.
    bool localCredentials = conf.credentials == Config::Credentials::Local;
    if (parser.isSet(credentials)) {
        const QString c = parser.value(credentials);
        if (c != u"local"_s && c != u"external"_s)
            return fail(u"--credentials must be local or external"_s);
        localCredentials = c == u"local"_s;
    }
    auto asked = setup::saslPaths(state.value(), want);
    if (!asked)
        return fail(asked.error().message);
    setup::DovecotAuth auth;
    auth.saslPaths = asked.value();
    auth.queueDirectory = state.value().main.value(u"queue_directory"_s);
    auth.localCredentials = localCredentials;
    auth.passwdFile = conf.passwdFile;
    auth.passwordScheme = conf.passwordScheme;
    auto snippet = setup::dovecotSnippet(auth);
    if (!snippet)
        return fail(snippet.error().message);
    if (!QFileInfo::exists(dovecotConf))
        return fail(u"%1 does not exist: install dovecot-core, or name Dovecot's configuration "
                    "directory with --dovecot-config"_s.arg(dovecotConf));
    const bool snippetDue = read(dovecotFile) != snippet.value() || !QFileInfo::exists(dovecotFile);
    const QFileInfo passwd(conf.passwdFile);
    const bool passwdDue = localCredentials && !passwd.exists() && !passwd.isSymLink();

    // The files of ours: fail2ban's jails, banning on every port an smtpd answers on.
    auto services = pf.smtpdServices();
    if (!services)
        return fail(services.error().message);
    setup::Jails jails;
    for (const postfix::SmtpdService &s : services.value())
        jails.ports += s.ports;
    if (const int trustedPort = postfix::servicePort(want.trustedService); trustedPort > 0)
        jails.ports.append(trustedPort);
    const QString mainLog = state.value().main.value(u"maillog_file"_s);
    jails.mailLog = !conf.mailLog.isEmpty()       ? conf.mailLog
                    : !mainLog.isEmpty()          ? mainLog
                    : !want.maillogFile.isEmpty() ? want.maillogFile
                                                  : u"/var/log/mail.log"_s;
    jails.staffettadLog = conf.daemonLog;
    jails.sshdFromJournal = QDir::cleanPath(f2b.configDir) == u"/etc/fail2ban"_s &&
                            !QFileInfo::exists(u"/var/log/auth.log"_s);
    // No iptables (a stock Debian 12), but nftables: fail2ban's default ban action would fail.
    const auto installed = [](const QString &tool) {
        return QFileInfo::exists(u"/usr/sbin/"_s + tool) || QFileInfo::exists(u"/sbin/"_s + tool);
    };
    if (!installed(u"iptables"_s) && installed(u"nft"_s))
        jails.banAction = u"nftables-multiport"_s;
    QList<OwnedFile> files{
        {QDir(f2b.configDir).filePath(u"jail.d/staffetta.conf"_s), setup::jailFile(jails)}};
    files.removeIf([](const OwnedFile &f) { return read(f.path) == f.content; });

    if (plan.value().isEmpty() && files.isEmpty() && !snippetDue && !passwdDue) {
        say(u"Postfix (%1), Dovecot (%2) and fail2ban (%3) are wired to Staffetta: nothing to "
            "change."_s.arg(postfixConfig, dovecotConfig, f2b.configDir));
        return 0;
    }
    if (parser.isSet(check)) {
        say(u"%1 setting(s) missing or different:"_s.arg(plan.value().size() + files.size() +
                                                         int(snippetDue) + int(passwdDue)));
        for (const setup::PostconfEdit &e : plan.value())
            say(u"  "_s + describe(e));
        if (snippetDue)
            say(u"  %1: %2"_s.arg(dovecotFile,
                                  QFileInfo::exists(dovecotFile) ? u"differs"_s : u"missing"_s));
        if (passwdDue)
            say(u"  %1: missing (the accounts' passwords, [accounts] credentials=local)"_s.arg(
                conf.passwdFile));
        for (const OwnedFile &f : files)
            say(u"  %1: %2"_s.arg(f.path, QFileInfo::exists(f.path) ? u"differs"_s : u"missing"_s));
        return 1;
    }
    if (!QDir().mkpath(originals))
        return fail(u"cannot create %1"_s.arg(originals));
    // Dovecot before Postfix: the auth listener is there when smtpd is told to ask it, and a
    // snippet doveconf refuses leaves Postfix as it was.
    bool dovecotReloaded = false;
    if (snippetDue) {
        // Listed before it is written: an interrupted run still leaves it to --undo.
        if (auto listed = remember(ownedList, {dovecotFile}); !listed)
            return fail(listed.error().message);
        const QString confD = QFileInfo(dovecotFile).absolutePath();
        if (!QDir().mkpath(confD))
            return fail(u"cannot create %1"_s.arg(confD));
        const bool existed = QFileInfo::exists(dovecotFile);
        const QByteArray before = read(dovecotFile);
        const QFile::Permissions beforeMode = QFile::permissions(dovecotFile);
        const QFile::Permissions mode =
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        if (auto written = writeFileAtomically(dovecotFile, snippet.value()); !written)
            return fail(written.error().message);
        QFile::setPermissions(dovecotFile, mode);
        // Dovecot must accept it, or its configuration stays as it was.
        auto checked = runProcess(u"doveconf"_s, {u"-c"_s, dovecotConf, u"-n"_s}, {}, 30000);
        if (!checked || checked.value().exitCode != 0) {
            if (existed) {
                (void)writeFileAtomically(dovecotFile, before);
                QFile::setPermissions(dovecotFile, beforeMode);
            } else {
                QFile::remove(dovecotFile);
            }
            if (!checked)
                return fail(checked.error().message);
            // doveconf's complaint (its stdout is the configuration's start).
            const QByteArray said =
                checked.value().err.trimmed().isEmpty() ? checked.value().out : checked.value().err;
            return fail(u"doveconf refuses Dovecot's configuration with %1 (put back as it was): "
                        "%2"_s.arg(dovecotFile, QString::fromUtf8(said).trimmed()));
        }
        say(u"wrote %1"_s.arg(dovecotFile));
    }
    if (passwdDue) {
        auto created = ensurePasswdFile(conf.passwdFile, conf.passwdGroup);
        if (!created)
            return fail(created.error().message);
        if (created.value())
            say(u"created %1 (empty, 0640 root:%2): staffettactl accounts add fills it"_s.arg(
                conf.passwdFile, conf.passwdGroup));
    }
    if (snippetDue) {
        auto reloaded = reloadDovecot(dovecotConf);
        if (!reloaded)
            return fail(reloaded.error().message);
        dovecotReloaded = reloaded.value();
    }
    if (!plan.value().isEmpty()) {
        for (const auto &[file, name] :
             {std::pair{mainCf, u"main.cf"_s}, std::pair{masterCf, u"master.cf"_s}}) {
            const QString copy = originals + u'/' + name; // kept once: before the first setup
            if (QFileInfo::exists(copy))
                continue;
            if (auto kept = copyExactly(file, copy); !kept)
                return fail(kept.error().message);
        }
        for (const setup::PostconfEdit &e : plan.value()) {
            if (auto ran = pf.run(u"postconf"_s, e.postconfArguments(), 30000); !ran)
                return fail(ran.error().message);
            say(describe(e));
        }
        if (auto checked = pf.run(u"postfix"_s, {u"check"_s}, 60000); !checked)
            return fail(checked.error().message);
        if (postfixRunning(pf)) {
            if (auto reloaded = pf.reload(); !reloaded)
                return fail(reloaded.error().message);
            say(u"Postfix reloaded."_s);
        }
    } else if (dovecotReloaded && postfixRunning(pf)) {
        // Dovecot's reload restarted its auth service: smtpd processes connected to the old
        // one would answer their next AUTH with 454.
        if (auto reloaded = pf.reload(); !reloaded)
            return fail(reloaded.error().message);
        say(u"Postfix reloaded (its smtpd processes reconnect to Dovecot's auth service)."_s);
    }
    if (!files.isEmpty()) {
        QStringList paths;
        for (const OwnedFile &f : files)
            paths.append(f.path);
        // Listed before they are written: an interrupted run still leaves them to --undo.
        if (auto listed = remember(ownedList, paths); !listed)
            return fail(listed.error().message);
        // fail2ban refuses to start a jail whose log does not exist yet (a relay where Postfix
        // or staffettad has not written a line): an empty one, owned like its directory.
        for (const QString &log : {jails.mailLog, jails.staffettadLog}) {
            if (auto made = ensureLogFile(log); !made)
                return fail(made.error().message);
        }
        for (const OwnedFile &f : files) {
            const QByteArray before = read(f.path);
            const bool existed = QFileInfo::exists(f.path);
            if (auto written = writeFileAtomically(f.path, f.content); !written)
                return fail(written.error().message);
            QFile::setPermissions(f.path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                              QFile::ReadOther);
            // fail2ban must accept it, or the jails stay as they were.
            if (auto tested = fail2ban::Fail2ban({}, f2b.client).testConfig(f2b.configDir);
                !tested) {
                if (existed)
                    (void)writeFileAtomically(f.path, before);
                else
                    QFile::remove(f.path);
                return fail(tested.error().message);
            }
            say(u"wrote %1"_s.arg(f.path));
        }
        reloadFail2ban(f2b);
    }
    return 0;
}
