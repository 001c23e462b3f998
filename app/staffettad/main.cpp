// staffettad: the policy service beside Postfix. Thin main: config, state, signals.
#include "common/relay_config.h"
#include "daemon/live_policy.h"
#include "daemon/log.h"
#include "daemon/trusted_map.h"
#include "policy_server.h"
#include "postfix/postfix.h"
#include "stats/stats_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QtConcurrentRun>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {
int signalPipe[2];
void onSignal(int signal)
{
    const char c = char(signal);
    (void)!write(signalPipe[1], &c, 1);
}
} // namespace

int main(int argc, char *argv[])
{
    // Its log, counters (state.sqlite and its -wal/-shm) and loaded marker are nobody else's
    // to read, and its group's to write (the relay daemons' group, staffetta in the package:
    // staffetta-events records a suspension's audit in the same database): files 0660,
    // directories 0770 at most.
    umask(007);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staffettad"_s);

    auto config = Config::load(qEnvironmentVariable("STAFFETTA_CONF"));
    if (!config) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(config.error().message));
        return 2;
    }
    const Config &conf = config.value();
    QDir().mkpath(conf.stateDir);
    const QString database = QDir(conf.stateDir).filePath(u"state.sqlite"_s);
    daemon::Log log(u"staffettad"_s, conf.daemonLog);

    // The quota: today's commits read once, then kept in memory; every count is written to
    // SQLite by a thread of its own, never on the loop that answers Postfix.
    auto writer = stats::StatsWriter::open(database);
    if (!writer) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(writer.error().message));
        return 1;
    }
    policy::LocalQuotaCounter counter(*writer.value());
    {
        auto store = stats::StatsStore::open(database);
        if (!store) {
            fprintf(stderr, "staffettad: %s\n", qPrintable(store.error().message));
            return 1;
        }
        // The longest window is 24 hours; a day more covers any time zone's midnight.
        const qint64 since = QDateTime::currentSecsSinceEpoch() / 3600 - 48;
        // The accounts' commits and their senders' (the per-sender limit's keys).
        for (const QString &m : {policy::metric::AcceptedExternal, policy::metric::AcceptedSender})
            for (const auto &c : store.value()->since(m, since))
                counter.load(c.login, c.hour, c.count);
    }

    daemon::PolicyServer::Options options;
    options.socketGroup = conf.policySocketGroup;
    options.maxConnections = conf.policyMaxConnections;
    options.idleTimeoutSecs = conf.policyIdleTimeoutSecs;
    options.reservationTimeoutSecs = conf.reservationTimeoutSecs;
    options.trustedPort = conf.trustedPort;
    daemon::PolicyServer server(counter, *writer.value(), log, options);

    daemon::LivePolicy live(
        conf.policyFile, QDir(conf.stateDir).filePath(u"staffettad.loaded"_s), log,
        [postfix = postfix::Postfix(conf.postfixConfigDir, conf.postfixCommandDir),
         milter = conf.quotaCommitAtMilter ? conf.milterListen : QString()](
            const policy::Policy *p) -> Result<policy::LocalDelivery> {
            auto delivery = postfix.delivery(p);
            if (!delivery || milter.isEmpty())
                return delivery;
            // Which services the milter commits for: the others are charged here.
            auto services = postfix.smtpdServices();
            if (!services)
                return services.error();
            policy::LocalDelivery d = delivery.value();
            d.milterPorts = QSet<int>();
            bool portUnknown = false;
            for (const postfix::SmtpdService &s : services.value()) {
                const bool wired =
                    std::any_of(s.milters.cbegin(), s.milters.cend(),
                                [&](const QString &m) { return postfix::sameMilter(m, milter); });
                if (wired && s.ports.isEmpty())
                    portUnknown = true;
                if (wired)
                    d.milterPorts->unite(QSet<int>(s.ports.cbegin(), s.ports.cend()));
                else if (s.sasl)
                    d.saslWithoutMilter.append(s.name);
            }
            if (portUnknown) // a wired service on a port we cannot name: leave all to the milter
                d.milterPorts.reset();
            return d;
        });
    QObject::connect(&live, &daemon::LivePolicy::policyChanged, &server,
                     &daemon::PolicyServer::setPolicy);
    QObject::connect(&live, &daemon::LivePolicy::deliveryChanged, &server,
                     &daemon::PolicyServer::setDelivery);
    // The trusted relaying service's client table follows the policy; Postfix reads a cidr
    // table when a process starts, so a changed one is followed by `postfix reload` (a process
    // of its own: never on the loop that answers Postfix).
    QObject::connect(
        &live, &daemon::LivePolicy::policyChanged, &app,
        [&conf, &log](std::shared_ptr<const policy::Policy> p) {
            if (conf.trustedPort == 0)
                return;
            auto changed = daemon::writeTrustedMap(conf.trustedMap, *p);
            if (!changed) {
                log.write(u"cannot write %1: %2"_s.arg(conf.trustedMap, changed.error().message));
                return;
            }
            if (!changed.value())
                return;
            log.write(u"trusted clients written to %1"_s.arg(conf.trustedMap));
            (void)QtConcurrent::run(
                [&log, postfix = postfix::Postfix(conf.postfixConfigDir, conf.postfixCommandDir)] {
                    if (auto reloaded = postfix.reload(); !reloaded)
                        log.write(u"postfix reload after the trusted clients: %1"_s.arg(
                            reloaded.error().message));
                });
        });
    if (auto started = live.start(); !started) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(started.error().message));
        return 1;
    }
    if (conf.quotaCommitAtMilter) {
        QDir().mkpath(QFileInfo(conf.quotaSocket).absolutePath());
        if (auto listening = server.listenQuotaChannel(conf.quotaSocket); !listening) {
            fprintf(stderr, "staffettad: %s\n", qPrintable(listening.error().message));
            return 1;
        }
    }
    if (auto started = server.start(conf.policyListen); !started) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(started.error().message));
        return 1;
    }

    // Signals become events on the loop (self-pipe): SIGHUP reloads, SIGTERM/SIGINT stop.
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return 1;
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&live, &log] {
        char c = 0;
        if (read(signalPipe[0], &c, 1) != 1)
            return;
        if (c == SIGHUP) {
            live.reload();
        } else {
            log.write(u"stopping"_s);
            QCoreApplication::quit();
        }
    });
    struct sigaction sa
    {};
    sa.sa_handler = onSignal;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
    return app.exec();
}
