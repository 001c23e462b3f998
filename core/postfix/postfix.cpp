#include "postfix.h"

#include "api/reasons.h"

#include "api/info.h"
#include "common/process.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <optional>

#include <QDeadlineTimer>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace staffetta::postfix {

using namespace Qt::Literals::StringLiterals;

namespace {
// lupdate and the runtime agree on this context for every message of this file.
} // namespace

Result<QMap<QString, int>> countQueues(const QByteArray &lines)
{
    QMap<QString, int> counts;
    int lineNumber = 0;
    qsizetype start = 0;
    while (start < lines.size()) {
        qsizetype end = lines.indexOf('\n', start);
        if (end < 0)
            end = lines.size();
        ++lineNumber;
        const QByteArray line = lines.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        const QString queue = doc.object().value(u"queue_name"_s).toString();
        if (error.error != QJsonParseError::NoError || queue.isEmpty()) {
            return Error(ErrorCode::BadResponse,
                         u"postqueue -j output, line %1: not a queue entry"_s.arg(lineNumber),
                         {{u"line"_s, lineNumber}});
        }
        ++counts[queue];
    }
    return counts;
}

Postfix::Postfix(QString configDir, QString commandDir)
    : m_configDir(std::move(configDir))
    , m_commandDir(std::move(commandDir))
{}

QStringList Postfix::configArgs() const
{
    return m_configDir.isEmpty() ? QStringList{} : QStringList{u"-c"_s, m_configDir};
}

QString Postfix::tool(const QString &name) const
{
    return QDir(m_commandDir).filePath(name);
}

Result<Done> Postfix::submit(const QByteArray &message, const QString &sender,
                             const QStringList &recipients) const
{
    if (recipients.isEmpty())
        return Error(ErrorCode::BadRequest, u"a message to submit has no recipients"_s);
    QStringList args;
    if (!m_configDir.isEmpty())
        args << u"-C"_s << m_configDir;
    // -i: a line with a single dot is text; -f: the envelope sender; -- ends the options, so
    // no recipient is ever read as one.
    args << u"-i"_s << u"-f"_s << (sender.isEmpty() ? u"<>"_s : sender) << u"--"_s << recipients;
    auto ran = runProcess(tool(u"sendmail"_s), args, message, 30000);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode != 0)
        return Error(ErrorCode::Unavailable,
                     u"sendmail failed (exit %1): %2"_s.arg(ran.value().exitCode)
                         .arg(QString::fromUtf8(ran.value().err).trimmed()),
                     {{u"config_dir"_s, m_configDir}});
    return Done{};
}

Result<Done> Postfix::reload() const
{
    auto ran = run(u"postfix"_s, {u"reload"_s}, 30000);
    if (!ran)
        return ran.error();
    return Done{};
}

Result<QByteArray> Postfix::run(const QString &name, const QStringList &arguments,
                                int timeoutMs) const
{
    auto ran = runProcess(tool(name), configArgs() + arguments, {}, timeoutMs);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode != 0) {
        return Error(ErrorCode::Unavailable,
                     u"%1 failed: %2"_s.arg(name, QString::fromUtf8(ran.value().err).trimmed()),
                     {{u"config_dir"_s, m_configDir}});
    }
    return ran.value().out;
}

Result<QString> Postfix::version() const
{
    auto out = run(u"postconf"_s, {u"-h"_s, u"mail_version"_s}, 30000);
    if (!out)
        return out.error();
    return QString::fromUtf8(out.value()).trimmed();
}

QString Postfix::logFile() const
{
    auto out = run(u"postconf"_s, {u"-h"_s, u"maillog_file"_s}, 30000);
    const QString file = out ? QString::fromUtf8(out.value()).trimmed() : QString();
    return file.isEmpty() ? u"/var/log/mail.log"_s : file;
}

namespace {

// Messages per queue, counted as the files of the queue directories: each queue file is one
// message, named by its queue id, in hashed subdirectories. nullopt when a directory cannot
// be read (they belong to postfix, mode 700).
std::optional<QMap<QString, int>> countQueueFiles(const QDir &queueDir)
{
    QMap<QString, int> counts;
    for (const QString &name : api::queueNames()) {
        const QFileInfo dir(queueDir.filePath(name));
        if (!dir.isReadable() || !dir.isExecutable())
            return std::nullopt;
        int &count = counts[name];
        for (QDirIterator files(dir.filePath(), QDir::Files, QDirIterator::Subdirectories);
             files.hasNext();) {
            files.next();
            ++count;
        }
    }
    return counts;
}

} // namespace

namespace {

QStringList listValue(const QString &value)
{
    return value.split(QRegularExpression(u"[,\\s]+"_s), Qt::SkipEmptyParts);
}

// `postmap -s` prints "key<whitespace>value" per entry.
QList<std::pair<QString, QString>> tableEntries(const QByteArray &out)
{
    QList<std::pair<QString, QString>> entries;
    for (const QByteArray &line : out.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        const qsizetype gap = text.indexOf(QRegularExpression(u"\\s"_s));
        if (gap > 0)
            entries.append({text.left(gap), text.mid(gap + 1).trimmed()});
    }
    return entries;
}

} // namespace

Result<policy::LocalDelivery> Postfix::delivery(const policy::Policy *policy) const
{
    const QStringList names{u"mydestination"_s,
                            u"virtual_mailbox_domains"_s,
                            u"myorigin"_s,
                            u"recipient_delimiter"_s,
                            u"virtual_alias_maps"_s,
                            u"canonical_maps"_s,
                            u"recipient_canonical_maps"_s,
                            u"alias_maps"_s,
                            u"transport_maps"_s,
                            u"always_bcc"_s,
                            u"recipient_bcc_maps"_s,
                            u"luser_relay"_s};
    auto out = run(u"postconf"_s, QStringList{u"-x"_s, u"-h"_s} + names, 30000);
    if (!out)
        return out.error();
    QStringList values = QString::fromUtf8(out.value()).split(u'\n');
    if (values.size() < names.size())
        return Error(
            ErrorCode::BadResponse,
            u"postconf printed %1 values for %2 names"_s.arg(values.size()).arg(names.size()));
    policy::LocalDelivery d;
    d.known = true;
    auto routing = routingSettings();
    if (!routing)
        return routing.error();
    d.routingSettings = routing.value();
    d.myorigin = values[2].trimmed().toLower();
    if (d.myorigin.startsWith(u'/')) { // Debian: myorigin = /etc/mailname
        QFile name(d.myorigin);
        d.myorigin = name.open(QIODevice::ReadOnly)
                         ? QString::fromUtf8(name.readLine()).trimmed().toLower()
                         : QString();
    }
    d.recipientDelimiter = values[3].trimmed();
    // A table's entries, or nullopt when Postfix cannot list it.
    auto list = [this](const QString &table) -> std::optional<QList<std::pair<QString, QString>>> {
        auto listed = run(u"postmap"_s, {u"-s"_s, table}, 30000);
        if (!listed)
            return std::nullopt;
        return tableEntries(listed.value());
    };
    for (int i : {0, 1}) {
        for (const QString &item : listValue(values[i])) {
            if (!item.contains(u':') && !item.startsWith(u'/')) {
                d.domains.insert(item.toLower());
                if (i == 0)
                    d.aliasDomains.insert(item.toLower());
                continue;
            }
            // A table of domains: its keys (unlisted: those domains simply count as outside).
            const QString table = item.startsWith(u'/') ? u"texthash:"_s + item : item;
            if (auto entries = list(table)) {
                for (const auto &[key, value] : *entries) {
                    d.domains.insert(key.toLower());
                    if (i == 0)
                        d.aliasDomains.insert(key.toLower());
                }
            }
        }
    }
    QList<std::pair<QString, QString>> virtualEntries, aliasEntries;
    // A copy of every message, or of mail for unknown users, may go anywhere: nothing is
    // known to stay (the relay's settings say so in `info`).
    for (int i = 9; i < names.size(); ++i) {
        if (!values[i].trimmed().isEmpty()) {
            d.everythingLeaves = true;
            d.unlisted.append(names[i] + u" = "_s + values[i].trimmed());
        }
    }
    for (int i = 4; i < 8; ++i) {
        for (const QString &table : listValue(values[i])) {
            auto entries = list(table);
            if (!entries) {
                d.everythingLeaves = true;
                d.unlisted.append(names[i] + u" = "_s + table);
                continue;
            }
            (i == 7 ? aliasEntries : virtualEntries) += *entries;
        }
    }
    // Bare keys of the virtual and canonical tables apply to $myorigin too.
    if (!d.myorigin.isEmpty())
        d.aliasDomains.insert(d.myorigin);
    // transport_maps may route a local domain or address to another host: such keys leave,
    // unless their transport delivers on this relay.
    static const QRegularExpression here(u"^(local|virtual|discard|error|retry|lmtp:unix)(:|$)"_s);
    for (const QString &table : listValue(values[8])) {
        auto entries = list(table);
        if (!entries) {
            d.everythingLeaves = true;
            d.unlisted.append(u"transport_maps = "_s + table);
            continue;
        }
        for (const auto &[key, value] : *entries) {
            if (here.match(value.trimmed()).hasMatch())
                continue;
            const QString k = key.toLower();
            if (k.contains(u'@')) {
                d.leavingAddresses.insert(k);
            } else if (k.startsWith(u'.')) { // the subdomains of a domain
                for (const QString &domain : std::as_const(d.domains)) {
                    if (domain.endsWith(k))
                        d.leavingDomains.insert(domain);
                }
            } else {
                d.leavingDomains.insert(k);
            }
        }
    }
    policy::resolveLeaving(d, virtualEntries, aliasEntries, policy);
    return d;
}

QStringList milterAddresses(const QString &value)
{
    QStringList addresses;
    qsizetype i = 0;
    const qsizetype n = value.size();
    while (i < n) {
        while (i < n && (value[i].isSpace() || value[i] == u','))
            ++i;
        if (i >= n)
            break;
        if (value[i] == u'{') {
            const qsizetype close = value.indexOf(u'}', i);
            const QString group = value.mid(i + 1, close < 0 ? -1 : close - i - 1);
            const QString first = group.section(u',', 0, 0).trimmed();
            if (!first.isEmpty())
                addresses.append(first);
            i = close < 0 ? n : close + 1;
            continue;
        }
        qsizetype end = i;
        while (end < n && !value[end].isSpace() && value[end] != u',')
            ++end;
        addresses.append(value.mid(i, end - i));
        i = end;
    }
    return addresses;
}

namespace {

// A milter socket as (kind, place): ("unix", "/abs/path") or ("inet", "host:port").
std::pair<QString, QString> postfixSocket(const QString &address)
{
    const QString kind = address.section(u':', 0, 0).toLower();
    const QString rest = address.section(u':', 1);
    if (kind == u"unix"_s || kind == u"local"_s)
        return {u"unix"_s, QDir::cleanPath(rest)};
    if (kind == u"inet"_s)
        return {u"inet"_s, rest.toLower()};
    return {kind, rest};
}

std::pair<QString, QString> libmilterSocket(const QString &listen)
{
    const QString kind = listen.section(u':', 0, 0).toLower();
    const QString rest = listen.section(u':', 1);
    if (kind == u"unix"_s || kind == u"local"_s)
        return {u"unix"_s, QDir::cleanPath(rest)};
    if (kind == u"inet"_s || kind == u"inet6"_s) { // port@host
        const QString port = rest.section(u'@', 0, 0);
        const QString host = rest.section(u'@', 1);
        return {u"inet"_s, (host.isEmpty() ? u"localhost"_s : host.toLower()) + u':' + port};
    }
    return {kind, rest};
}

bool sameHost(const QString &a, const QString &b)
{
    static const QSet<QString> loopback{u"localhost"_s, u"127.0.0.1"_s, u"[::1]"_s, u"::1"_s};
    return a == b || (loopback.contains(a) && loopback.contains(b));
}

} // namespace

// The port of a master.cf inet service name: "587", "127.0.0.1:587", "submission",
// "[::1]:submissions"; 0 when /etc/services does not know the name.
int servicePort(const QString &name)
{
    QString port = name;
    if (const qsizetype colon = name.lastIndexOf(u':'); colon >= 0)
        port = name.mid(colon + 1);
    bool numeric = false;
    const int number = port.toInt(&numeric);
    if (numeric)
        return number;
    const servent *entry = getservbyname(port.toLatin1().constData(), "tcp");
    return entry ? ntohs(uint16_t(entry->s_port)) : 0;
}

bool sameMilter(const QString &postfixAddress, const QString &libmilterListen)
{
    const auto [pk, pp] = postfixSocket(postfixAddress);
    const auto [lk, lp] = libmilterSocket(libmilterListen);
    if (pk != lk)
        return false;
    if (pk == u"unix"_s)
        return pp == lp;
    const qsizetype pc = pp.lastIndexOf(u':'), lc = lp.lastIndexOf(u':');
    return pp.mid(pc + 1) == lp.mid(lc + 1) && sameHost(pp.left(pc), lp.left(lc));
}

QHash<QString, QString> parameterLines(const QByteArray &postconfOutput)
{
    QHash<QString, QString> values;
    for (const QByteArray &raw : postconfOutput.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const qsizetype eq = line.indexOf(u" ="_s); // "name = value", "name =" when empty
        if (eq > 0)
            values.insert(line.left(eq).trimmed(), line.mid(eq + 2).trimmed());
    }
    return values;
}

QList<SmtpdService> parseSmtpdServices(const QByteArray &postconfM, const QByteArray &postconfPx,
                                       const QString &mainMilters, const QString &mainSasl,
                                       const QString &queueDirectory)
{
    // name/type/parameter = value (the -o overrides, $references expanded by -x)
    const QHash<QString, QString> overrides = parameterLines(postconfPx);
    auto absolute = [&](QStringList milters) {
        for (QString &m : milters) {
            const auto [kind, place] = postfixSocket(m);
            if (kind == u"unix"_s && !place.startsWith(u'/'))
                m = u"unix:"_s + QDir::cleanPath(queueDirectory + u'/' + place);
        }
        return milters;
    };
    QList<SmtpdService> services;
    QList<int> postscreenPorts;
    struct Pass
    {
        QString name, type;
    };
    QList<Pass> passes;
    auto make = [&](const QString &name, const QString &type, QList<int> ports) {
        const QString key = name + u'/' + type + u'/';
        SmtpdService s;
        s.name = name;
        s.ports = std::move(ports);
        s.sasl = overrides.value(key + u"smtpd_sasl_auth_enable"_s, mainSasl).trimmed().toLower() ==
                 u"yes"_s;
        s.milters =
            absolute(milterAddresses(overrides.value(key + u"smtpd_milters"_s, mainMilters)));
        services.append(s);
    };
    for (const QByteArray &raw : postconfM.split('\n')) {
        // name type private unpriv chroot wakeup maxproc command [args]
        const QStringList f =
            QString::fromUtf8(raw).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        if (f.size() < 8)
            continue;
        const QString command = f[7];
        if (f[1] == u"inet"_s && command == u"postscreen"_s) {
            if (const int port = servicePort(f[0]))
                postscreenPorts.append(port);
        } else if (f[1] == u"inet"_s && command == u"smtpd"_s) {
            const int port = servicePort(f[0]);
            make(f[0], f[1], port ? QList<int>{port} : QList<int>{});
        } else if (f[1] == u"pass"_s && command == u"smtpd"_s) {
            passes.append({f[0], f[1]});
        }
    }
    for (const Pass &p : passes) // postscreen hands its clients to these: they get its ports
        make(p.name, p.type, postscreenPorts);
    return services;
}

Result<QList<SmtpdService>> Postfix::smtpdServices() const
{
    auto master = run(u"postconf"_s, {u"-M"_s}, 30000);
    if (!master)
        return master.error();
    auto params = run(u"postconf"_s, {u"-P"_s, u"-x"_s}, 30000);
    if (!params)
        return params.error();
    auto main = run(
        u"postconf"_s,
        {u"-x"_s, u"-h"_s, u"smtpd_milters"_s, u"smtpd_sasl_auth_enable"_s, u"queue_directory"_s},
        30000);
    if (!main)
        return main.error();
    const QStringList values = QString::fromUtf8(main.value()).split(u'\n');
    if (values.size() < 3)
        return Error(ErrorCode::BadResponse,
                     u"postconf printed %1 values for 3 names"_s.arg(values.size()));
    return parseSmtpdServices(master.value(), params.value(), values[0].trimmed(),
                              values[1].trimmed(), values[2].trimmed());
}

Result<QStringList> Postfix::mainValues(const QStringList &names) const
{
    auto out = run(u"postconf"_s, QStringList{u"-x"_s, u"-h"_s} + names, 30000);
    if (!out)
        return out.error();
    QStringList values = QString::fromUtf8(out.value()).split(u'\n');
    if (values.size() < names.size())
        return Error(
            ErrorCode::BadResponse,
            u"postconf printed %1 values for %2 names"_s.arg(values.size()).arg(names.size()));
    values.resize(names.size());
    for (QString &v : values)
        v = v.trimmed();
    return values;
}

Result<QByteArray> Postfix::serviceOverrides() const
{
    return run(u"postconf"_s, {u"-P"_s, u"-x"_s}, 30000);
}

Result<QMap<QString, QString>> Postfix::routingSettings() const
{
    const QStringList names{u"allow_percent_hack"_s, u"swap_bangpath"_s,
                            u"resolve_dequoted_address"_s};
    auto out = run(u"postconf"_s, QStringList{u"-h"_s} + names, 30000);
    if (!out)
        return out.error();
    const QStringList values = QString::fromUtf8(out.value()).split(u'\n');
    QMap<QString, QString> differing;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString v = values.value(i).trimmed();
        if (v != u"no"_s)
            differing.insert(names[i], v);
    }
    return differing;
}

Result<QMap<QString, int>> Postfix::queueCounts() const
{
    // Counting the files takes ~50 ms for 100k messages, where showq reads each file (~1.3 s,
    // bench/README.md). staffettactl runs as root on a relay; a caller that cannot read the
    // directories falls back to showq's listing.
    if (auto directory = run(u"postconf"_s, {u"-h"_s, u"queue_directory"_s}, 30000)) {
        if (auto counted = countQueueFiles(QDir(QString::fromUtf8(directory.value()).trimmed())))
            return *counted;
    }
    auto out = run(u"postqueue"_s, {u"-j"_s}, 120000);
    if (!out)
        return out.error();
    auto counts = countQueues(out.value());
    if (!counts)
        return counts;
    QMap<QString, int> all = counts.value();
    for (const QString &name : api::queueNames())
        all.insert(name, all.value(name, 0));
    return all;
}

namespace {

// Runs a tool and hands its stdout to onLine one line at a time (without the newline) as it
// comes; onLine returns false to stop early (the tool is then killed, exit code -1). stdin is
// /dev/null; stderr is kept for the error. Hand-written on pipe(2) and posix_spawn(3), not
// QProcess (relay-only code: the console never lists a queue): postqueue writes a 100k-message
// listing one line per write(2), and QProcess answered each wakeup with ppoll, FIONREAD and
// read — 70,000 system calls for 100k lines. Here the pipe holds 1 MiB and each wakeup waits
// a millisecond for more lines, so one read(2) takes a few hundred of them.
struct LinesRun
{
    int exitCode = 0;
    QByteArray err;
};
Result<LinesRun> streamLines(const QString &program, const QStringList &arguments,
                             const std::function<bool(const QByteArray &line)> &onLine,
                             int timeoutMs)
{
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0)
        return Error(ErrorCode::Unavailable,
                     u"Cannot run %1: %2"_s.arg(program, qt_error_string()));
    if (pipe2(err, O_CLOEXEC) != 0) {
        close(out[0]);
        close(out[1]);
        return Error(ErrorCode::Unavailable,
                     u"Cannot run %1: %2"_s.arg(program, qt_error_string()));
    }
    fcntl(out[0], F_SETPIPE_SZ, 1 << 20); // the kernel keeps its own size if it refuses
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    const QByteArray path = QFile::encodeName(program);
    QList<QByteArray> args{path};
    for (const QString &a : arguments)
        args.append(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, path.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    if (spawned != 0) {
        close(out[0]);
        close(err[0]);
        return Error(ErrorCode::Unavailable,
                     u"Cannot run %1: %2"_s.arg(program, QString::fromLocal8Bit(strerror(spawned))),
                     {{u"program"_s, program}});
    }
    LinesRun run;
    QByteArray pending;
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    const QDeadlineTimer deadline(timeoutMs);
    bool stopped = false, timedOut = false;
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    int open = 2;
    while (open > 0 && !stopped) {
        if (deadline.hasExpired()) {
            timedOut = true;
            break;
        }
        if (poll(fds, 2, int(qMin<qint64>(deadline.remainingTime(), 1000))) <= 0)
            continue;
        if (fds[1].revents) {
            const ssize_t n = read(err[0], chunk.data(), size_t(chunk.size()));
            if (n > 0 && run.err.size() < 65536)
                run.err.append(chunk.constData(), n);
            if (n == 0 || (n < 0 && errno != EINTR)) {
                fds[1].fd = -1;
                --open;
            }
        }
        if (!fds[0].revents)
            continue;
        // More lines while this one slept: one read instead of one per line.
        usleep(1000);
        const ssize_t n = read(out[0], chunk.data(), size_t(chunk.size()));
        if (n == 0 || (n < 0 && errno != EINTR)) {
            fds[0].fd = -1;
            --open;
            continue;
        }
        if (n < 0)
            continue;
        pending.append(chunk.constData(), n);
        qsizetype start = 0;
        for (qsizetype end; !stopped && (end = pending.indexOf('\n', start)) >= 0; start = end + 1)
            stopped = !onLine(pending.sliced(start, end - start));
        pending.remove(0, start);
    }
    if (!stopped && !timedOut && !pending.isEmpty())
        stopped = !onLine(pending);
    close(out[0]);
    close(err[0]);
    if (stopped || timedOut)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timedOut)
        return Error(ErrorCode::Timeout,
                     u"%1 did not finish within %2 ms"_s.arg(program).arg(timeoutMs),
                     {{u"program"_s, program}});
    run.exitCode = stopped || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
    return run;
}

} // namespace

Result<qsizetype> Postfix::scanQueue(const std::function<bool(const QByteArray &)> &onLine) const
{
    qsizetype count = 0;
    auto ran = streamLines(
        tool(u"postqueue"_s), configArgs() << u"-j"_s,
        [&](const QByteArray &line) {
            if (line.isEmpty())
                return true;
            ++count;
            return onLine(line);
        },
        600000);
    if (!ran)
        return ran.error();
    if (ran.value().exitCode > 0) {
        return Error(ErrorCode::Unavailable,
                     u"postqueue failed: %1"_s.arg(QString::fromUtf8(ran.value().err).trimmed()),
                     {{u"config_dir"_s, m_configDir}});
    }
    return count;
}

Result<QList<QJsonObject>> Postfix::messages(const QueueFilter &filter, qint64 now) const
{
    QList<QJsonObject> found;
    if (!filter.ids.isEmpty()) {
        // Named messages are read from their own files: no listing of the whole queue.
        auto named = details(filter.ids);
        if (!named)
            return named.error();
        QSet<QString> done;
        for (const QString &id : filter.ids) {
            if (done.contains(id))
                continue;
            done.insert(id);
            const QJsonObject detail = named.value().value(id);
            const QJsonObject m = detail.value(u"message"_s).toObject();
            const QString login = accountOf(detail);
            if (!m.isEmpty() && filter.matches(m, now) &&
                (filter.account.isEmpty() ||
                 login.compare(filter.account, Qt::CaseInsensitive) == 0))
                found.append(m);
        }
        return found;
    }
    std::optional<Error> bad;
    auto scanned = scanQueue([&](const QByteArray &line) {
        QJsonParseError error{};
        const QJsonObject m = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError) {
            bad = Error(ErrorCode::BadResponse, u"postqueue -j wrote a line that is not JSON"_s);
            return false;
        }
        if (filter.matches(m, now))
            found.append(m);
        return true;
    });
    if (!scanned)
        return scanned.error();
    if (bad)
        return *bad;
    if (filter.account.isEmpty())
        return found;
    // The account is in the queue files' envelopes, not in the listing.
    QStringList ids;
    for (const QJsonObject &m : std::as_const(found))
        ids.append(m.value(u"queue_id"_s).toString());
    auto accounts = accountsOf(ids);
    if (!accounts)
        return accounts.error();
    found.removeIf([&](const QJsonObject &m) {
        return accounts.value()
                   .value(m.value(u"queue_id"_s).toString())
                   .compare(filter.account, Qt::CaseInsensitive) != 0;
    });
    return found;
}

namespace {

// A message's defer log (bounce(8)'s records: "name=value" lines, a blank line after each
// recipient's) → recipient → the reason of its last deferral. Empty when there is none.
QHash<QString, QString> deferReasons(const QString &path)
{
    QHash<QString, QString> reasons;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return reasons;
    QString recipient, reason;
    const auto flush = [&] {
        if (!recipient.isEmpty() && !reason.isEmpty())
            reasons.insert(recipient, reason);
        recipient.clear();
        reason.clear();
    };
    for (const QByteArray &raw : file.readAll().split('\n')) {
        if (raw.isEmpty())
            flush();
        else if (raw.startsWith("recipient="))
            recipient = QString::fromUtf8(raw.mid(10));
        else if (raw.startsWith("reason="))
            reason = QString::fromUtf8(raw.mid(7));
    }
    flush();
    return reasons;
}

// The file `id` under a hashed queue directory (hash_queue_depth levels of one character
// each, whatever hashing the id's kind uses): looked for level by level, never listed whole.
QString findHashed(const QString &directory, const QString &id, int depth = 0)
{
    const QString here = directory + u'/' + id;
    if (QFileInfo::exists(here))
        return here;
    if (depth >= 3)
        return {};
    for (const QString &sub : QDir(directory).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (sub.size() == 1) {
            if (QString found = findHashed(directory + u'/' + sub, id, depth + 1); !found.isEmpty())
                return found;
        }
    }
    return {};
}

// `postcat -e` prints the arrival time as asctime() does ("Mon Dec  7 17:42:49 2026"); it
// runs with TZ=UTC, so that is UTC.
qint64 asctimeSeconds(const QString &text)
{
    QDateTime t = QDateTime::fromString(text.simplified(), u"ddd MMM d HH:mm:ss yyyy"_s);
    if (!t.isValid())
        return -1;
    t.setTimeSpec(Qt::UTC);
    return t.toSecsSinceEpoch();
}

} // namespace

QString Postfix::queueDirectory(const QString &seen) const
{
    if (!m_queueDirectory.isEmpty())
        return m_queueDirectory;
    // main.cf's queue_directory when it is a plain path, else Debian's built-in default,
    // checked against a file postcat just read; postconf (30 ms, as much as the postcat)
    // only when that guess is wrong.
    QString guess = u"/var/spool/postfix"_s;
    QFile main(
        QDir(m_configDir.isEmpty() ? u"/etc/postfix"_s : m_configDir).filePath(u"main.cf"_s));
    if (main.open(QIODevice::ReadOnly)) {
        static const QRegularExpression setting(u"^queue_directory\\s*=\\s*(\\S+)\\s*$"_s,
                                                QRegularExpression::MultilineOption);
        for (auto it = setting.globalMatch(QString::fromUtf8(main.readAll())); it.hasNext();)
            guess = it.next().captured(1);
    }
    if (!guess.contains(u'$') && QFileInfo::exists(guess + u'/' + seen))
        return m_queueDirectory = guess;
    if (auto asked = run(u"postconf"_s, {u"-h"_s, u"queue_directory"_s}, 30000))
        m_queueDirectory = QString::fromUtf8(asked.value()).trimmed();
    return m_queueDirectory;
}

Result<QHash<QString, QJsonObject>> Postfix::details(const QStringList &ids) const
{
    QStringList wanted;
    for (const QString &id : ids) {
        if (!isQueueId(id))
            return Error(ErrorCode::BadRequest, u"'%1' is not a queue id"_s.arg(id),
                         {{u"id"_s, id}});
        if (!wanted.contains(id))
            wanted.append(id);
    }
    QHash<QString, QJsonObject> found;
    // postcat takes many queue ids at once; batches keep the command line short. A message
    // that left the queue makes postcat exit non-zero; the others are still printed.
    constexpr qsizetype Batch = 500;
    QByteArray out;
    for (qsizetype from = 0; from < wanted.size(); from += Batch) {
        auto cat =
            runProcess(tool(u"postcat"_s),
                       configArgs() << u"-e"_s << u"-h"_s << u"-q"_s << wanted.mid(from, Batch), {},
                       120000, {u"TZ=UTC"_s});
        if (!cat)
            return cat.error();
        out += cat.value().out;
    }
    // "*** ENVELOPE RECORDS deferred/B/ID ***" starts each message's part.
    static const QByteArray marker = "*** ENVELOPE RECORDS ";
    for (qsizetype at = out.indexOf(marker); at >= 0;) {
        const qsizetype next = out.indexOf("\n" + marker, at);
        const QByteArray part = out.mid(at, next < 0 ? -1 : next + 1 - at);
        at = next < 0 ? -1 : next + 1;
        const qsizetype pathEnd = part.indexOf(' ', marker.size());
        const QString path = QString::fromUtf8(part.mid(marker.size(), pathEnd - marker.size()));
        const QString id = path.section(u'/', -1);
        if (!wanted.contains(id))
            continue;
        QJsonObject detail = parsePostcat(part);
        const QJsonObject envelope = detail.value(u"envelope"_s).toObject();
        const QFileInfo file(queueDirectory(path) + u'/' + path);
        const QHash<QString, QString> reasons =
            deferReasons(findHashed(queueDirectory(path) + u"/defer"_s, id));
        // What showq lists: each pending recipient once, with its reason.
        QJsonArray recipients;
        QSet<QString> listed;
        for (const QJsonValue &v : envelope.value(u"recipients"_s).toArray()) {
            const QJsonObject r = v.toObject();
            const QString address = r.value(u"address"_s).toString();
            if (r.value(u"done"_s).toBool() || listed.contains(address))
                continue;
            listed.insert(address);
            QJsonObject item{{u"address"_s, address}};
            if (const QString reason = reasons.value(address); !reason.isEmpty())
                item.insert(u"delay_reason"_s, reason);
            recipients.append(item);
        }
        qint64 arrival = asctimeSeconds(envelope.value(u"message_arrival_time"_s).toString());
        if (arrival < 0)
            arrival = file.lastModified().toSecsSinceEpoch();
        detail.insert(
            u"message"_s,
            QJsonObject{{u"queue_name"_s, detail.value(u"queue_name"_s)},
                        {u"queue_id"_s, id},
                        {u"arrival_time"_s, arrival},
                        {u"message_size"_s, envelope.value(u"message_size"_s)},
                        // postsuper -f marks a message to expire by the group's
                        // execute bit of its queue file.
                        {u"forced_expire"_s, file.permissions().testFlag(QFileDevice::ExeGroup)},
                        {u"sender"_s, envelope.value(u"sender"_s).toString()},
                        {u"recipients"_s, recipients}});
        found.insert(id, detail);
    }
    return found;
}

Result<QHash<QString, QString>> Postfix::accountsOf(const QStringList &ids) const
{
    // postcat takes many queue ids at once; batches keep the command line short.
    constexpr qsizetype Batch = 500;
    QHash<QString, QString> accounts;
    for (qsizetype from = 0; from < ids.size(); from += Batch) {
        QStringList args = configArgs() << u"-e"_s << u"-q"_s;
        for (const QString &id : ids.mid(from, Batch)) {
            if (isQueueId(id))
                args << id;
        }
        auto cat = runProcess(tool(u"postcat"_s), args, {}, 120000);
        if (!cat)
            return cat.error();
        // A message that left the queue meanwhile makes postcat exit non-zero; the others
        // are still printed. "*** ENVELOPE RECORDS deferred/ID ***", then its records.
        QString current;
        for (const QByteArray &raw : cat.value().out.split('\n')) {
            if (raw.startsWith("*** ENVELOPE RECORDS ")) {
                current = QString::fromUtf8(raw.mid(21)).section(u' ', 0, 0).section(u'/', -1);
                accounts.insert(current, QString());
            } else if (!current.isEmpty() && raw.startsWith("named_attribute: sasl_username=")) {
                accounts.insert(current, QString::fromUtf8(raw.mid(31)).trimmed());
            }
        }
    }
    return accounts;
}

QList<ActionResult> Postfix::act(QueueAction action, const QList<QJsonObject> &targets,
                                 const QStringList &missing) const
{
    QList<ActionResult> results;
    QStringList eligible;
    for (const QJsonObject &m : targets) {
        ActionResult r{
            m.value(u"queue_id"_s).toString(), m.value(u"queue_name"_s).toString(), {}, {}, {}};
        const bool held = r.queue == u"hold"_s;
        if (action == QueueAction::Hold && held) {
            r.outcome = u"unchanged"_s;
            r.reason = u"already_held"_s;
            r.detail = api::reasonEnglish(r.reason);
        } else if (action == QueueAction::Release && !held) {
            r.outcome = u"unchanged"_s;
            r.reason = u"not_held"_s;
            r.detail = api::reasonEnglish(r.reason);
        } else if (action == QueueAction::Flush && r.queue != u"deferred"_s) {
            r.outcome = u"unchanged"_s;
            r.reason = u"not_deferred"_s;
            r.detail = api::reasonEnglish(r.reason);
        } else {
            eligible.append(r.id);
        }
        results.append(r);
    }
    for (const QString &id : missing)
        results.append(
            {id, {}, u"not_found"_s, api::reasonEnglish(u"not_in_queue"_s), u"not_in_queue"_s});

    QHash<QString, QString> report;
    QHash<QString, QString> failures;
    if (action == QueueAction::Flush) {
        // postqueue -i takes one id; each is a quick request to the queue manager.
        for (const QString &id : std::as_const(eligible)) {
            auto ran = runProcess(tool(u"postqueue"_s), configArgs() << u"-i"_s << id, {}, 30000);
            if (ran && ran.value().exitCode == 0)
                report.insert(id, u"scheduled"_s);
            else
                failures.insert(id, ran ? QString::fromUtf8(ran.value().err).trimmed()
                                        : ran.error().message);
        }
    } else if (!eligible.isEmpty()) {
        static const QHash<QueueAction, QString> option = {{QueueAction::Delete, u"-d"_s},
                                                           {QueueAction::Hold, u"-h"_s},
                                                           {QueueAction::Release, u"-H"_s},
                                                           {QueueAction::Requeue, u"-r"_s}};
        // Ids go on stdin ("-"), never on a command line: no length limit, nothing to quote.
        auto ran = runProcess(tool(u"postsuper"_s), configArgs() << option.value(action) << u"-"_s,
                              eligible.join(u'\n').toLatin1() + '\n', 300000);
        if (ran) {
            report = parsePostsuperReport(ran.value().err);
            if (ran.value().exitCode != 0) {
                for (const QString &id : std::as_const(eligible))
                    failures.insert(id, QString::fromUtf8(ran.value().err).trimmed().left(300));
            }
        } else {
            for (const QString &id : std::as_const(eligible))
                failures.insert(id, ran.error().message);
        }
    }
    const QSet<QString> eligibleSet(eligible.cbegin(), eligible.cend());
    for (ActionResult &r : results) {
        if (!r.outcome.isEmpty() || !eligibleSet.contains(r.id))
            continue;
        if (const QString done = report.value(r.id); !done.isEmpty()) {
            r.outcome = done;
        } else if (failures.contains(r.id)) {
            r.outcome = u"failed"_s;
            r.detail = failures.value(r.id);
        } else {
            // postsuper says nothing of ids it did not find: delivered or removed meanwhile.
            r.outcome = u"not_found"_s;
            r.reason = u"left_queue"_s;
            r.detail = api::reasonEnglish(r.reason);
        }
    }
    return results;
}

} // namespace staffetta::postfix
