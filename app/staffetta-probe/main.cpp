// staffetta-probe: the console's test-delivery probes, headless, with a JSON report (for
// scripts and monitoring). The relay's policy and trace come over SSH as in the console.
//
//   staffetta-probe --host H [--port 587] --login L --sender S [--probes a,b] [--unauthorized]
//                   --ssh-host H [--ssh-port 22] --ssh-user U --ssh-key FILE [--known-hosts F]
//                   [--from-address IP] [--html FILE] [--guard-file FILE]
//                   [--step-timeout 30] [--timeout 600]
// --step-timeout bounds each wait on the relay (a connection, the banner, a command's reply);
// after a step the relay left unanswered the other probes are not run. --timeout bounds the
// whole run, the SSH calls included.
// The account's password comes from STAFFETTA_PROBE_PASSWORD or, with --password-stdin, the
// first line of standard input; never from the command line (other users can read it).
// Exit status: 0 every probe passed (or was skipped), 1 a finding, 2 a failure, 3 no run.
#include "client/relay_client.h"
#include "probe/probe.h"
#include "transport/ssh_transport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staffetta"_s);
    QCommandLineParser p;
    p.setApplicationDescription(u"Test delivery against a relay's test addresses: prints a "
                                u"JSON report."_s);
    p.addHelpOption();
    const QList<QCommandLineOption> options{
        {u"host"_s, u"The relay's submission host."_s, u"host"_s},
        {u"port"_s, u"The submission port (587)."_s, u"port"_s, u"587"_s},
        {u"login"_s, u"The account's SASL login."_s, u"login"_s},
        {u"sender"_s, u"The envelope sender."_s, u"address"_s},
        {u"probes"_s, u"Comma-separated: connection,sender,recipients,size,attachments,delivery."_s,
         u"list"_s},
        {u"unauthorized"_s, u"Also try one unauthorized sender (553 expected)."_s},
        {u"password-stdin"_s, u"Read the password from the first line of stdin."_s},
        {u"from-address"_s, u"Connect from this local address."_s, u"ip"_s},
        {u"ssh-host"_s, u"The relay's SSH host (policy, trace)."_s, u"host"_s},
        {u"ssh-port"_s, u"The relay's SSH port."_s, u"port"_s, u"22"_s},
        {u"ssh-user"_s, u"The SSH user."_s, u"user"_s},
        {u"ssh-key"_s, u"The SSH private key file."_s, u"file"_s},
        {u"known-hosts"_s, u"The known_hosts file."_s, u"file"_s},
        {u"html"_s, u"Also write the report as HTML to this file."_s, u"file"_s},
        {u"guard-file"_s, u"Where the last unauthorized attempt is remembered."_s, u"file"_s},
        {u"step-timeout"_s,
         u"Seconds to wait for each connection, banner and reply (30; after a message: at "
         u"least 120)."_s,
         u"seconds"_s, u"30"_s},
        {u"timeout"_s, u"Seconds the whole run may last (600)."_s, u"seconds"_s, u"600"_s},
    };
    p.addOptions(options);
    p.process(app);
    QTextStream err(stderr);
    for (const char *required : {"host", "login", "sender", "ssh-host", "ssh-user", "ssh-key"}) {
        if (!p.isSet(QString::fromLatin1(required))) {
            err << "staffetta-probe: --" << required << " is required\n";
            return 3;
        }
    }
    probe::Settings s;
    for (const auto &[name, into] : {std::pair{u"step-timeout"_s, &s.commandTimeoutMs},
                                     std::pair{u"timeout"_s, &s.timeLimitMs}}) {
        bool ok = false;
        const int secs = p.value(name).toInt(&ok);
        if (!ok || secs < 1 || secs > 86400) {
            err << "staffetta-probe: --" << name << " is a number of seconds from 1 to 86400\n";
            return 3;
        }
        *into = secs * 1000;
    }
    s.host = p.value(u"host"_s);
    s.port = quint16(p.value(u"port"_s).toUInt());
    s.login = p.value(u"login"_s);
    s.sender = p.value(u"sender"_s);
    s.tryUnauthorizedSender = p.isSet(u"unauthorized"_s);
    if (p.isSet(u"from-address"_s))
        s.localAddress = QHostAddress(p.value(u"from-address"_s));
    s.guardFile = p.isSet(u"guard-file"_s)
                      ? p.value(u"guard-file"_s)
                      : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                            u"/probe-guard.json"_s;
    if (p.isSet(u"password-stdin"_s)) {
        QTextStream in(stdin);
        s.password = in.readLine();
    } else {
        s.password = qEnvironmentVariable("STAFFETTA_PROBE_PASSWORD");
    }
    if (s.password.isEmpty()) {
        err << "staffetta-probe: no password (STAFFETTA_PROBE_PASSWORD or --password-stdin)\n";
        return 3;
    }
    if (p.isSet(u"probes"_s)) {
        s.probes.clear();
        for (const QString &name : p.value(u"probes"_s).split(u',', Qt::SkipEmptyParts)) {
            const auto k = probe::kindFromName(name.trimmed());
            if (!k) {
                err << "staffetta-probe: unknown probe " << name << '\n';
                return 3;
            }
            s.probes.append(*k);
        }
    }
    transport::SshEndpoint e;
    e.host = p.value(u"ssh-host"_s);
    e.port = quint16(p.value(u"ssh-port"_s).toUInt());
    e.user = p.value(u"ssh-user"_s);
    e.auth = transport::SshAuth::KeyFile;
    e.keyFile = p.value(u"ssh-key"_s);
    e.knownHostsFile = p.value(u"known-hosts"_s);
    client::RelayClient relay(std::make_shared<transport::SshTransport>(e));

    const auto cancel = std::make_shared<std::atomic_bool>(false);
    probe::Callbacks cb;
    cb.progress = [&err](int done, int total, const QString &step) {
        if (total > 0)
            err << '[' << done << '/' << total << "] ";
        err << step << '\n';
        err.flush();
    };
    const probe::Report report = probe::run(s, &relay, cancel, cb);
    std::fputs(QJsonDocument(report.toJson()).toJson().constData(), stdout);
    if (p.isSet(u"html"_s)) {
        QFile html(p.value(u"html"_s));
        if (!html.open(QIODevice::WriteOnly) || html.write(report.toHtml().toUtf8()) < 0)
            err << "staffetta-probe: cannot write " << html.fileName() << '\n';
    }
    if (!report.error.isEmpty()) {
        err << "staffetta-probe: " << report.error << '\n';
        return 3;
    }
    if (!report.stopped.isEmpty())
        err << "staffetta-probe: " << report.stopped << '\n';
    int status = 0;
    for (const auto &r : report.results) {
        if (r.outcome == probe::Outcome::Fail)
            status = 2;
        else if (r.outcome == probe::Outcome::Finding && status == 0)
            status = 1;
    }
    return status;
}
