// staffettad: the policy service beside Postfix. Thin main: config, state, signals.
#include "common/relay_config.h"
#include "policy_server.h"
#include "postfix/postfix.h"
#include "stats/stats_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>

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
    // to read: files 0640, directories 0750 at most.
    umask(027);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staffettad"_s);

    auto config = Config::load(qEnvironmentVariable("STAFFETTA_CONF"));
    if (!config) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(config.error().message));
        return 2;
    }
    QDir().mkpath(config.value().stateDir);
    auto store = stats::StatsStore::open(QDir(config.value().stateDir).filePath(u"state.sqlite"_s));
    if (!store) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(store.error().message));
        return 1;
    }
    const Config &conf = config.value();
    daemon::PolicyServer::Options options;
    options.socketGroup = conf.policySocketGroup;
    options.maxConnections = conf.policyMaxConnections;
    options.idleTimeoutSecs = conf.policyIdleTimeoutSecs;
    options.reservationTimeoutSecs = conf.reservationTimeoutSecs;
    options.delivery = [postfix = postfix::Postfix(conf.postfixConfigDir, conf.postfixCommandDir)](
                           const policy::Policy *p) {
        return postfix.delivery(p);
    };
    daemon::PolicyServer server(*store.value(), conf.policyFile, conf.daemonLog, options);
    server.setLoadedMarker(QDir(config.value().stateDir).filePath(u"staffettad.loaded"_s));
    if (auto started = server.start(config.value().policyListen); !started) {
        fprintf(stderr, "staffettad: %s\n", qPrintable(started.error().message));
        return 1;
    }

    // Signals become events on the loop (self-pipe): SIGHUP reloads, SIGTERM/SIGINT stop.
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return 1;
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&server] {
        char c = 0;
        if (read(signalPipe[0], &c, 1) != 1)
            return;
        if (c == SIGHUP) {
            server.reload();
        } else {
            server.log(u"stopping"_s);
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
