// accounts list|add|remove|passwd: the relay's accounts, and with [accounts] credentials=local
// their passwords, kept as hashes (doveadm pw) in Dovecot's passwd-file.
//
// The policy says which accounts exist; the passwd-file holds the hashes Dovecot checks (and
// lines Staffetta does not manage, such as an archive mailbox: kept as they are). Every write
// holds the policy store's lock, so the two files change together:
// - add: the policy first, then the hash. A crash between leaves an account without a
//   password (it cannot log in; `list` shows has_password false, `passwd` sets one); the
//   generated password was never shown.
// - remove (`accounts remove`, or any policy write that removes accounts: writePolicy): an
//   intent file (STATE/accounts-removing.json), the policy committed, the hashes removed, the
//   intent removed. A write that fails before its commit (a full disk) leaves the account
//   whole: it is still in the policy and keeps its password. The next holder of the lock that
//   finds an intent removes the hashes of the accounts the policy no longer lists (the commit
//   happened) and keeps the others' (it did not); it never commits anything itself.
#include "accounts_verbs.h"

#include "api/accounts.h"
#include "api/verbs.h"
#include "common/files.h"
#include "common/limits.h"
#include "common/process.h"
#include "stats/audit_log.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;
using policy::Policy;
using policy::PolicyStore;

namespace {

constexpr int MinPasswordLength = 12;
constexpr int MaxPasswordLength = 256;
constexpr int GeneratedPasswordLength = 20; // 20 of 57 symbols: about 116 bits

bool local(const Context &ctx)
{
    return ctx.config.credentials == Config::Credentials::Local;
}

// ---- Dovecot's passwd-file: `login:{SCHEME}hash[:more fields]` lines

class PasswdFile
{
public:
    static Result<PasswdFile> read(const QString &path)
    {
        PasswdFile f;
        f.m_path = path;
        QFile file(path);
        if (!file.exists())
            return f;
        if (!file.open(QIODevice::ReadOnly))
            return ioError(u"cannot read"_s, path, file.errorString());
        f.m_exists = true;
        f.m_lines = file.readAll().split('\n');
        if (!f.m_lines.isEmpty() && f.m_lines.last().isEmpty())
            f.m_lines.removeLast();
        return f;
    }

    bool has(const QString &login) const { return indexOf(login) >= 0; }
    void set(const QString &login, const QByteArray &hash)
    {
        const QByteArray line = login.toUtf8() + ':' + hash;
        const qsizetype at = indexOf(login);
        if (at >= 0)
            m_lines[at] = line;
        else
            m_lines.append(line);
    }
    bool remove(const QString &login)
    {
        const qsizetype at = indexOf(login);
        if (at < 0)
            return false;
        m_lines.removeAt(at);
        return true;
    }

    // A file that does not exist yet is made with the configured group: checked before
    // anything is written, so a write never stops half-way on it.
    static Result<gid_t> groupId(const QString &groupName)
    {
        const group *g = ::getgrnam(groupName.toLocal8Bit().constData());
        if (!g)
            return Error(
                ErrorCode::Config,
                u"[accounts] passwd_group %1 is not a group of this system"_s.arg(groupName),
                {{u"key"_s, u"accounts/passwd_group"_s}});
        return g->gr_gid;
    }
    Result<Done> checkWritable(const QString &groupName) const
    {
        if (m_exists)
            return Done{};
        auto gid = groupId(groupName);
        if (!gid)
            return gid.error();
        return Done{};
    }

    // Atomically (files.h), 0640; a new file gets the configured group so Dovecot reads it.
    Result<Done> write(const QString &groupName)
    {
        if (!m_exists) {
            auto g = groupId(groupName);
            if (!g)
                return g.error();
            const int fd = ::open(QFile::encodeName(m_path).constData(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
            if (fd < 0 && errno != EEXIST)
                return ioError(u"cannot create"_s, m_path, QString::fromLocal8Bit(strerror(errno)));
            if (fd >= 0) {
                const bool owned = ::fchown(fd, uid_t(-1), g.value()) == 0;
                ::close(fd);
                if (!owned)
                    return ioError(u"cannot set the group of"_s, m_path,
                                   QString::fromLocal8Bit(strerror(errno)));
            }
            m_exists = true;
        }
        QByteArray bytes;
        for (const QByteArray &l : m_lines)
            bytes += l + '\n';
        const QByteArray path = QFile::encodeName(m_path);
        struct stat before
        {};
        const bool had = ::stat(path.constData(), &before) == 0;
        auto written = writeFileAtomically(m_path, bytes);
        if (!written)
            return written;
        // Dovecot re-reads a passwd-file only when its mtime (whole seconds) or its size
        // changed (db-passwd-file.c). Two writes within one second of hashes of one length
        // (a password set right after the account was added) would leave the old password
        // working: move the new file's mtime past the old one's.
        struct stat after
        {};
        if (had && ::stat(path.constData(), &after) == 0 && after.st_mtime <= before.st_mtime) {
            const struct timespec times[2] = {{0, UTIME_OMIT}, {before.st_mtime + 1, 0}};
            if (::utimensat(AT_FDCWD, path.constData(), times, 0) != 0)
                return ioError(u"cannot set the modification time of"_s, m_path,
                               QString::fromLocal8Bit(strerror(errno)));
        }
        // And it looks at the file at most once per second of its clock: answer once that
        // second is over, so that "changed" means the next login sees the change.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QThread::msleep(quint64(1000 - now % 1000 + 20));
        return Done{};
    }

private:
    qsizetype indexOf(const QString &login) const
    {
        const QByteArray wanted = login.toLower().toUtf8();
        for (qsizetype i = 0; i < m_lines.size(); ++i) {
            const QByteArray &line = m_lines[i];
            const qsizetype colon = line.indexOf(':');
            if ((colon < 0 ? line : line.left(colon)).toLower() == wanted)
                return i;
        }
        return -1;
    }

    QString m_path;
    bool m_exists = false;
    QList<QByteArray> m_lines;
};

QString generatePassword()
{
    // No look-alikes (0/O, 1/l/I): it is read off a screen once.
    static const QString symbols = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"_s;
    QString out;
    for (int i = 0; i < GeneratedPasswordLength; ++i)
        out += symbols[int(QRandomGenerator::system()->bounded(quint32(symbols.size())))];
    return out;
}

Result<Done> checkPassword(const QString &password)
{
    if (password.size() < MinPasswordLength || password.size() > MaxPasswordLength)
        return api::badField(u"password"_s, u"must have %1 to %2 characters (leave it out to have "
                                            u"one generated)"_s.arg(MinPasswordLength)
                                                .arg(MaxPasswordLength));
    if (std::any_of(password.begin(), password.end(),
                    [](QChar c) { return c.category() == QChar::Other_Control; }))
        return api::badField(u"password"_s, u"must not contain control characters"_s);
    return Done{};
}

// The hash, from `doveadm pw -s SCHEME`: the password goes on its stdin (twice: it asks to
// retype), never on a command line another user could read in ps.
Result<QByteArray> hashPassword(const Context &ctx, const QString &password)
{
    const QByteArray pw = password.toUtf8();
    auto out = runProcess(ctx.config.doveadm, {u"pw"_s, u"-s"_s, ctx.config.passwordScheme},
                          pw + '\n' + pw + '\n');
    if (!out)
        return out.error();
    const QByteArray hash = out.value().out.trimmed();
    const QByteArray prefix = '{' + ctx.config.passwordScheme.toLatin1() + '}';
    if (out.value().exitCode != 0 || !hash.startsWith(prefix) || hash.contains(':') ||
        hash.contains('\n') || hash.contains(' '))
        return Error(ErrorCode::Unavailable,
                     u"%1 pw -s %2 did not give a password hash (exit %3): %4"_s
                         .arg(ctx.config.doveadm, ctx.config.passwordScheme)
                         .arg(out.value().exitCode)
                         .arg(QString::fromUtf8(out.value().err.trimmed())));
    return hash;
}

Result<QString> checkLogin(const QString &login)
{
    if (login.isEmpty())
        return api::badField(u"login"_s, u"is missing (the verb's word or \"login\")"_s);
    if (login.size() > limits::MaxLoginLength)
        return api::badField(u"login"_s,
                             u"has more than %1 characters"_s.arg(limits::MaxLoginLength));
    // ':' separates the passwd-file's fields.
    if (std::any_of(login.begin(), login.end(), [](QChar c) {
            return c.isSpace() || c.category() == QChar::Other_Control || c == u':';
        }))
        return api::badField(u"login"_s, u"must not contain spaces, control characters or ':'"_s);
    return login;
}

// The login: the verb's word (`accounts remove LOGIN`) or the request's; not both, differing.
// A partner's refusal for an account that is not its own, whether or not it exists.
Error notYours(const Context &ctx, const QString &login)
{
    ctx.refusal.summary = u"refused: account outside the partner's accounts"_s;
    return Error(ErrorCode::PermissionDenied,
                 u"%1 (%2) may change only its own accounts, not %3"_s.arg(
                     ctx.caller.user, roleName(ctx.access.role), login),
                 {{u"accounts"_s, QJsonArray{login}}});
}

} // namespace

Result<QString> ownedLogin(const Context &ctx, const QString &fromRequest)
{
    const QString word = ctx.words.value(1);
    if (!word.isEmpty() && !fromRequest.isEmpty() && word != fromRequest)
        return api::badField(u"login"_s,
                             u"the word says %1, the request %2"_s.arg(word, fromRequest));
    auto login = checkLogin(word.isEmpty() ? fromRequest : word);
    if (login && !ctx.access.ownsAccount(login.value()))
        return notYours(ctx, login.value());
    return login;
}

namespace {

QString intentPath(const Context &ctx)
{
    return statePath(ctx, u"accounts-removing.json"_s);
}

Result<Done> removeHash(const Context &ctx, const QString &login)
{
    if (!local(ctx))
        return Done{};
    auto file = PasswdFile::read(ctx.config.passwdFile);
    if (!file)
        return file.error();
    if (!file.value().remove(login))
        return Done{};
    return file.value().write(ctx.config.passwdGroup);
}

Policy withoutAccount(const Policy &p, const QString &login)
{
    Policy out = p;
    out.accounts.removeIf(
        [&](const policy::Account &a) { return a.login.compare(login, Qt::CaseInsensitive) == 0; });
    out.reindex();
    return out;
}

} // namespace

Result<Done> beginRemoval(const Context &ctx, const QStringList &logins)
{
    if (!local(ctx) || logins.isEmpty())
        return Done{};
    const QJsonObject intent{{u"logins"_s, QJsonArray::fromStringList(logins)},
                             {u"user"_s, ctx.caller.user},
                             {u"role"_s, roleName(ctx.access.role)},
                             {u"origin"_s, ctx.caller.origin}};
    QDir().mkpath(ctx.config.stateDir);
    return writeFileAtomically(intentPath(ctx), QJsonDocument(intent).toJson());
}

Result<Done> finishRemoval(const Context &ctx, const QStringList &logins)
{
    if (!local(ctx) || logins.isEmpty())
        return Done{};
    for (const QString &login : logins) {
        if (auto removed = removeHash(ctx, login); !removed)
            return removed.error();
    }
    QFile::remove(intentPath(ctx));
    return Done{};
}

Result<Done> finishInterruptedRemoval(const Context &ctx, PolicyStore &store)
{
    QFile intent(intentPath(ctx));
    if (!intent.exists())
        return Done{};
    if (!intent.open(QIODevice::ReadOnly))
        return ioError(u"cannot read"_s, intent.fileName(), intent.errorString());
    const QJsonObject o = QJsonDocument::fromJson(intent.readAll()).object();
    intent.close();
    QStringList logins;
    for (const auto &v : o.value(u"logins"_s).toArray())
        logins.append(v.toString());
    logins.removeAll(QString());
    // What staffettad enforces, even over a live file that cannot be used: an account it
    // still lists keeps its password (its removal was never committed).
    auto cur = store.current(author(ctx), PolicyStore::Live::MayBeBroken);
    if (!cur)
        return cur.error();
    QStringList removed;
    for (const QString &login : std::as_const(logins)) {
        if (!cur.value().policy.account(login))
            removed.append(login);
    }
    for (const QString &login : std::as_const(removed)) {
        if (auto gone = removeHash(ctx, login); !gone)
            return gone.error();
    }
    if (!QFile::remove(intent.fileName()))
        return ioError(u"cannot remove"_s, intent.fileName(), intent.errorString());
    return Done{};
}

Result<PolicyStore::Lock> lockAndRecover(const Context &ctx, PolicyStore &store)
{
    auto lock = store.lock();
    if (!lock)
        return lock.error();
    if (auto finished = finishInterruptedRemoval(ctx, store); !finished)
        return finished.error();
    return lock;
}

void awaitReload(const Context &ctx, const api::ApplyResult &written)
{
    api::ApplyResult r = written;
    if (r.reloadPending && ctx.awaitReload)
        ctx.awaitReload(r);
}

namespace {

// ---- the verbs

Result<QJsonObject> listVerb(const Context &ctx, const api::NoRequest &)
{
    PolicyStore store = openStore(ctx);
    auto lock = lockAndRecover(ctx, store);
    if (!lock)
        return lock.error();
    auto cur = store.current(author(ctx));
    if (!cur)
        return cur.error();
    std::optional<PasswdFile> passwd;
    if (local(ctx)) {
        auto file = PasswdFile::read(ctx.config.passwdFile);
        if (!file)
            return file.error();
        passwd = file.value();
    }
    api::AccountsList list;
    list.credentials = local(ctx) ? u"local"_s : u"external"_s;
    list.revision = cur.value().revision;
    for (const policy::Account &a : cur.value().policy.accounts) {
        if (!ctx.access.seesAccount(a.login))
            continue;
        list.accounts.append({a.login, int(a.senders.size()), passwd && passwd->has(a.login),
                              bool(a.suspended), a.suspended ? a.suspended->reason : QString()});
    }
    return list.toJson();
}

Result<QJsonObject> addVerb(const Context &ctx, const api::AccountAddRequest &request)
{
    auto login = ownedLogin(ctx, request.login);
    if (!login)
        return login.error();
    if (auto checked = checkComment(u"comment"_s, request.comment); !checked)
        return checked.error();
    QString password = request.password;
    const bool generated = password.isEmpty() && local(ctx);
    if (!local(ctx) && !password.isEmpty())
        return api::badField(u"password"_s, u"this relay's credentials are external: Dovecot "
                                            u"checks them elsewhere"_s);
    QByteArray hash;
    if (local(ctx)) {
        if (generated)
            password = generatePassword();
        else if (auto checked = checkPassword(password); !checked)
            return checked.error();
        auto hashed = hashPassword(ctx, password); // before the lock: it takes a while
        if (!hashed)
            return hashed.error();
        hash = hashed.value();
    }

    PolicyStore store = openStore(ctx);
    auto lock = lockAndRecover(ctx, store);
    if (!lock)
        return lock.error();
    std::optional<PasswdFile> passwd;
    if (local(ctx)) {
        auto file = PasswdFile::read(ctx.config.passwdFile);
        if (!file)
            return file.error();
        // A login Dovecot knows already (a mailbox Staffetta does not manage) keeps its line.
        if (auto writable = file.value().checkWritable(ctx.config.passwdGroup); !writable)
            return writable.error();
        if (file.value().has(login.value()))
            return Error(ErrorCode::Conflict,
                         u"%1 already has a line in %2; nothing was written"_s.arg(
                             login.value(), ctx.config.passwdFile),
                         {{u"login"_s, login.value()}});
        passwd = file.value();
    }
    const auto edit = [&](const Policy &current) -> Result<Policy> {
        if (current.account(login.value()))
            return Error(ErrorCode::Conflict,
                         u"the account %1 exists already; nothing was written"_s.arg(login.value()),
                         {{u"login"_s, login.value()}});
        // Through the policy's own parser: the login and senders are checked as in a file.
        QJsonObject root = current.toJsonObject();
        QJsonArray accounts = root.value(u"accounts"_s).toArray();
        accounts.append(QJsonObject{{u"login"_s, login.value()},
                                    {u"senders"_s, QJsonArray::fromStringList(request.senders)}});
        root.insert(u"accounts"_s, accounts);
        return Policy::fromJsonObject(root);
    };
    auto written = writePolicy(
        ctx, store, {u"accounts add"_s, std::nullopt, edit, request.comment, accountsLive(ctx)});
    if (!written)
        return written.error();
    api::AccountWriteResult result;
    result.login = login.value();
    result.revision = written.value().revision;
    result.auditError = written.value().auditError;
    if (passwd) {
        passwd->set(login.value(), hash);
        if (auto saved = passwd->write(ctx.config.passwdGroup); !saved)
            return saved.error();
        result.hasPassword = true;
        if (generated)
            result.password = password;
    }
    awaitReload(ctx, written.value());
    return result.toJson();
}

Result<QJsonObject> removeVerb(const Context &ctx, const api::AccountRemoveRequest &request)
{
    auto login = ownedLogin(ctx, request.login);
    if (!login)
        return login.error();
    PolicyStore store = openStore(ctx);
    auto lock = lockAndRecover(ctx, store);
    if (!lock)
        return lock.error();
    const auto edit = [&](const Policy &current) -> Result<Policy> {
        if (!current.account(login.value()))
            return Error(ErrorCode::NotFound, u"there is no account %1"_s.arg(login.value()),
                         {{u"login"_s, login.value()}});
        return withoutAccount(current, login.value());
    };
    auto written =
        writePolicy(ctx, store, {u"accounts remove"_s, std::nullopt, edit, {}, accountsLive(ctx)});
    if (!written)
        return written.error();
    api::AccountWriteResult result;
    result.login = login.value();
    result.revision = written.value().revision;
    result.auditError = written.value().auditError;
    awaitReload(ctx, written.value());
    return result.toJson();
}

Result<QJsonObject> passwdVerb(const Context &ctx, const api::AccountPasswdRequest &request)
{
    auto login = ownedLogin(ctx, request.login);
    if (!login)
        return login.error();
    if (!local(ctx))
        return Error(ErrorCode::BadRequest,
                     u"this relay's credentials are external ([accounts] credentials): the "
                     u"password is changed where Dovecot checks it"_s);
    QString password = request.password;
    const bool generated = password.isEmpty();
    if (generated)
        password = generatePassword();
    else if (auto checked = checkPassword(password); !checked)
        return checked.error();
    auto hash = hashPassword(ctx, password);
    if (!hash)
        return hash.error();

    PolicyStore store = openStore(ctx);
    auto lock = lockAndRecover(ctx, store);
    if (!lock)
        return lock.error();
    auto cur = store.current(author(ctx));
    if (!cur)
        return cur.error();
    // Only the policy's accounts: never a mailbox Staffetta does not manage.
    if (!cur.value().policy.account(login.value()))
        return Error(ErrorCode::NotFound, u"there is no account %1"_s.arg(login.value()),
                     {{u"login"_s, login.value()}});
    auto file = PasswdFile::read(ctx.config.passwdFile);
    if (!file)
        return file.error();
    file.value().set(login.value(), hash.value());
    if (auto saved = file.value().write(ctx.config.passwdGroup); !saved)
        return saved.error();
    api::AccountWriteResult result;
    result.login = login.value();
    result.revision = cur.value().revision;
    result.hasPassword = true;
    if (generated)
        result.password = password;
    result.auditError = recordAudit(
        ctx, u"accounts passwd"_s, u"done"_s, result.revision,
        u"password of %1 %2"_s.arg(login.value(), generated ? u"generated"_s : u"set"_s));
    return result.toJson();
}

QString listText(const QJsonObject &o)
{
    const api::AccountsList list = api::AccountsList::fromJson(o);
    QString text;
    QTextStream s(&text);
    s << "credentials: " << list.credentials << "  (policy revision " << list.revision << ")\n";
    for (const api::AccountEntry &a : list.accounts) {
        s << a.login << "  " << a.senders << " sender(s)";
        if (list.credentials == u"local"_s)
            s << (a.hasPassword ? "" : "  no password");
        s << '\n';
    }
    return text;
}

QString writeText(const QJsonObject &o)
{
    const api::AccountWriteResult r = api::AccountWriteResult::fromJson(o);
    QString text = u"%1: revision %2\n"_s.arg(r.login).arg(r.revision);
    if (!r.password.isEmpty())
        text += u"password (shown once): %1\n"_s.arg(r.password);
    if (!r.auditError.isEmpty())
        text += u"warning: %1\n"_s.arg(r.auditError);
    return text;
}

} // namespace

QList<Verb> accountsVerbs()
{
    return {
        verb<api::NoRequest>(api::verbs::AccountsList, {}, Permission::ReadPolicy, listVerb,
                             listText),
        // A partner's own accounts only (the handlers check each login).
        verb<api::AccountAddRequest>(api::verbs::AccountsAdd, u"[LOGIN]"_s,
                                     Permission::EditOwnAccounts, addVerb, writeText, false, true),
        verb<api::AccountRemoveRequest>(api::verbs::AccountsRemove, u"[LOGIN]"_s,
                                        Permission::EditOwnAccounts, removeVerb, writeText, false,
                                        true),
        verb<api::AccountPasswdRequest>(api::verbs::AccountsPasswd, u"[LOGIN]"_s,
                                        Permission::EditOwnAccounts, passwdVerb, writeText, false,
                                        true),
    };
}

} // namespace staffetta::ctl
