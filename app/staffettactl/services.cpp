#include "services.h"

#include "postfix/postfix.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QLocalSocket>
#include <QSet>

#include <cerrno>

#include <signal.h>

namespace staffetta::ctl {

using namespace Qt::Literals::StringLiterals;

namespace {

bool pidAlive(const QString &pidFile)
{
    QFile f(pidFile);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    bool ok = false;
    const qint64 pid = f.readAll().trimmed().toLongLong(&ok);
    // EPERM: it runs, as another user.
    return ok && pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

// The TCP ports something listens on (/proc/net/tcp and tcp6, state 0A).
QSet<int> listeningPorts()
{
    QSet<int> ports;
    for (const QString &table : {u"/proc/net/tcp"_s, u"/proc/net/tcp6"_s}) {
        QFile f(table);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        // sl local_address rem_address st ...: "0: 0100007F:6D60 00000000:0000 0A ..."
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 4 || fields[3] != "0A")
                continue;
            const QByteArray local = fields[1];
            bool ok = false;
            const int port = local.mid(local.lastIndexOf(':') + 1).toInt(&ok, 16);
            if (ok)
                ports.insert(port);
        }
    }
    return ports;
}

// Whether something accepts connections on a unix socket. Connected to, not looked up in
// /proc/net/unix: staffettad and the milter bind under a temporary name and rename the socket
// into place, and the kernel's table keeps the first name.
bool acceptsOn(const QString &path)
{
    QLocalSocket socket;
    socket.connectToServer(path);
    const bool up = socket.waitForConnected(1000);
    socket.abort();
    return up;
}

struct Listening
{
    QSet<int> ports = listeningPorts();

    // "unix:/path", "local:/path", "inet:HOST:PORT", "inet:PORT@HOST" (libmilter), a bare
    // path; relative unix paths are made absolute against `base`.
    std::pair<bool, QString> address(const QString &address, const QString &base = {}) const
    {
        const QString kind =
            address.contains(u':') ? address.section(u':', 0, 0).toLower() : u"unix"_s;
        QString rest = address.contains(u':') ? address.section(u':', 1) : address;
        if (kind == u"unix"_s || kind == u"local"_s) {
            if (!rest.startsWith(u'/'))
                rest = base + u'/' + rest;
            rest = QDir::cleanPath(rest);
            const bool up = acceptsOn(rest);
            return {up, up ? u"accepting on %1"_s.arg(rest) : u"nothing accepts on %1"_s.arg(rest)};
        }
        if (kind == u"inet"_s) {
            const QString port =
                rest.contains(u'@') ? rest.section(u'@', 0, 0) : rest.section(u':', -1);
            const bool up = ports.contains(port.toInt());
            return {up, up ? u"listening on port %1"_s.arg(port)
                           : u"nothing listens on port %1"_s.arg(port)};
        }
        return {false, u"unknown socket address %1"_s.arg(address)};
    }
};

} // namespace

QString eventsPidFile(const Config &config)
{
    return QDir(config.stateDir).filePath(QString::fromLatin1(api::ServiceStatus::EventsPidFile));
}

QList<api::ServiceStatus> relayServices(const Config &config, bool fail2banUp,
                                        const QString &fail2banError)
{
    QList<api::ServiceStatus> out;
    const Listening listening;
    const postfix::Postfix pf(config.postfixConfigDir, config.postfixCommandDir);
    const auto main =
        pf.mainValues({u"queue_directory"_s, u"smtpd_sasl_path"_s, u"smtpd_sasl_type"_s});
    const QString queueDir = main ? main.value()[0] : QString();

    // Postfix's master.
    const QString masterPid = QDir(queueDir).filePath(u"pid/master.pid"_s);
    const bool master = main && pidAlive(masterPid);
    out.append({u"postfix"_s, master,
                main ? (master ? u"master running (%1)"_s.arg(masterPid)
                               : u"master not running (%1)"_s.arg(masterPid))
                     : main.error().message});

    // The ports where clients log in, and the SASL service Postfix asks there.
    auto services = pf.smtpdServices();
    auto overrides = pf.serviceOverrides();
    QHash<QString, QString> saslPaths; // "name/type/" -> smtpd_sasl_path
    if (overrides) {
        const QHash<QString, QString> p = postfix::parameterLines(overrides.value());
        for (auto it = p.cbegin(); it != p.cend(); ++it) {
            if (it.key().endsWith(u"/smtpd_sasl_path"_s))
                saslPaths.insert(it.key().chopped(15), it.value());
        }
    }
    QStringList ports, down, authPaths;
    bool anySasl = false;
    if (services) {
        for (const postfix::SmtpdService &s : services.value()) {
            if (!s.sasl)
                continue;
            anySasl = true;
            for (const int port : s.ports) {
                ports.append(QString::number(port));
                if (!listening.ports.contains(port))
                    down.append(QString::number(port));
            }
            const QString path =
                saslPaths.value(s.name + u"/inet/"_s, main ? main.value()[1] : QString());
            if (!path.isEmpty() && !authPaths.contains(path))
                authPaths.append(path);
        }
    }
    if (!services)
        out.append({u"submission"_s, false, services.error().message});
    else if (!anySasl)
        out.append({u"submission"_s, false, u"no smtpd service offers AUTH"_s});
    else
        out.append({u"submission"_s, down.isEmpty() && !ports.isEmpty(),
                    down.isEmpty() ? u"listening on port %1"_s.arg(ports.join(u", "_s))
                                   : u"nothing listens on port %1"_s.arg(down.join(u", "_s))});
    // Dovecot's auth service (smtpd_sasl_type dovecot): where Postfix asks for logins.
    {
        bool up = !authPaths.isEmpty();
        QStringList details;
        for (const QString &p : authPaths) {
            const auto [ok, detail] = listening.address(p, queueDir);
            up = up && ok;
            details.append(detail);
        }
        out.append(
            {u"dovecot_auth"_s, up,
             authPaths.isEmpty() ? u"Postfix names no smtpd_sasl_path"_s : details.join(u"; "_s)});
    }
    {
        const auto [up, detail] = listening.address(config.policyListen);
        out.append({u"staffettad"_s, up, detail});
    }
    out.append({u"fail2ban"_s, fail2banUp, fail2banUp ? u"answering"_s : fail2banError});
    // The milter, when Postfix uses it.
    bool milterWired = false;
    if (services) {
        for (const postfix::SmtpdService &s : services.value()) {
            for (const QString &m : s.milters)
                milterWired = milterWired || postfix::sameMilter(m, config.milterListen);
        }
    }
    if (milterWired) {
        const auto [up, detail] = listening.address(config.milterListen);
        out.append({u"milter"_s, up, detail});
    }
    const bool events = pidAlive(eventsPidFile(config));
    out.append({u"events"_s, events,
                events ? u"running"_s : u"not running (%1)"_s.arg(eventsPidFile(config))});
    return out;
}

} // namespace staffetta::ctl
