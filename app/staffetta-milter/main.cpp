// staffetta-milter: the content milter beside Postfix (attachments, BCC archive, the quota's
// commit). Thin main: config, the live policy, libmilter's loop on a thread of its own.
#include "common/relay_config.h"
#include "daemon/listen_backlog.h"
#include "daemon/live_policy.h"
#include "daemon/log.h"
#include "milter.h"

#include <QCoreApplication>
#include <QDir>
#include <QMetaObject>

#include <csignal>
#include <malloc.h>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    umask(027);
    // Messages are received into memory up to a few MB (milter.cpp): such buffers are mapped
    // on their own and given back when freed (glibc would otherwise raise its threshold after
    // the first free and keep later ones in the heap, resident), and grown in place (mremap).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // libmilter handles SIGTERM, SIGINT and SIGHUP on a signal thread of its own (sigwait), and
    // every thread must have them blocked for that: block them before any thread exists. Each
    // of them stops the filter (libmilter's rule); the policy reloads when its file changes.
    sigset_t stop;
    sigemptyset(&stop);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&stop, s);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"staffetta-milter"_s);
    auto config = Config::load(qEnvironmentVariable("STAFFETTA_CONF"));
    if (!config) {
        fprintf(stderr, "staffetta-milter: %s\n", qPrintable(config.error().message));
        return 2;
    }
    milter::Shared shared;
    shared.config = config.value();
    QDir().mkpath(shared.config.stateDir);
    if (!QDir().mkpath(shared.config.milterSpoolDir)) {
        fprintf(stderr, "staffetta-milter: cannot create %s\n",
                qPrintable(shared.config.milterSpoolDir));
        return 1;
    }
    daemon::Log log(u"staffetta-milter"_s, shared.config.milterLog);
    shared.log = &log;

    daemon::LivePolicy live(shared.config.policyFile,
                            QDir(shared.config.stateDir).filePath(u"staffetta-milter.loaded"_s),
                            log);
    QObject::connect(
        &live, &daemon::LivePolicy::policyChanged, &app,
        [&shared](std::shared_ptr<const policy::Policy> p) { shared.setPolicy(std::move(p)); });
    if (auto started = live.start(); !started) {
        fprintf(stderr, "staffetta-milter: %s\n", qPrintable(started.error().message));
        return 1;
    }
    shared.setPolicy(live.policy());
    if (auto started = milter::start(shared); !started) {
        fprintf(stderr, "staffetta-milter: %s\n", qPrintable(started.error().message));
        return 1;
    }
    log.write(u"listening on %1 (backlog %2)"_s.arg(shared.config.milterListen)
                  .arg(daemon::largestListenBacklog()));
    int status = 0;
    std::thread loop([&status, &app] {
        status = milter::run();
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    app.exec();
    loop.join();
    log.write(u"stopping"_s);
    return status;
}
