// staffetta-events: follows Postfix's mail log and staffettad's log into the event index
// (core/events) that `staffettactl trace` reads. A program of its own rather than a thread of
// staffettad: reading and indexing a large log (or a slow disk) can then never delay a policy
// answer, a crash here never stops quota enforcement, and it is restarted on its own.
#include "common/relay_config.h"
#include "daemon/log.h"
#include "events/follower.h"
#include "events/index.h"
#include "events/parser.h"
#include "postfix/postfix.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {
std::atomic<bool> stopping{false};
void onSignal(int)
{
    stopping = true;
}
} // namespace

int main(int argc, char *argv[])
{
    umask(027); // the index names accounts and addresses: nobody else's to read
    QCoreApplication app(argc, argv);
    auto config = Config::load(qEnvironmentVariable("STAFFETTA_CONF"));
    if (!config) {
        fprintf(stderr, "staffetta-events: %s\n", qPrintable(config.error().message));
        return 2;
    }
    const Config &conf = config.value();
    daemon::Log log(u"staffetta-events"_s, conf.eventsLog);
    const QString database = events::databasePath(conf);
    QDir().mkpath(QFileInfo(database).absolutePath());
    auto opened = events::Index::open(database);
    if (!opened) {
        fprintf(stderr, "staffetta-events: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    events::Index &index = *opened.value();
    const QString mailLog =
        conf.mailLog.isEmpty()
            ? postfix::Postfix(conf.postfixConfigDir, conf.postfixCommandDir).logFile()
            : conf.mailLog;
    struct Source
    {
        QString name;
        std::unique_ptr<events::Follower> follower;
        bool postfix;
    };
    std::vector<Source> sources; // holds unique_ptrs: QList copies its items
    sources.push_back({u"mail"_s,
                       std::make_unique<events::Follower>(
                           mailLog, index.position(u"mail"_s).value_or(events::Position{})),
                       true});
    sources.push_back(
        {u"staffettad"_s,
         std::make_unique<events::Follower>(
             conf.daemonLog, index.position(u"staffettad"_s).value_or(events::Position{})),
         false});
    log.write(u"following %1 and %2 into %3 (retention %4 days)"_s.arg(
        mailLog, conf.daemonLog, database, QString::number(conf.eventsRetentionDays)));

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    qint64 nextPrune = 0;
    while (!stopping) {
        const QDateTime now = QDateTime::currentDateTime();
        for (Source &s : sources) {
            s.follower->poll([&](const QList<QByteArray> &lines, const events::Position &after) {
                QList<events::Event> parsed;
                parsed.reserve(lines.size());
                for (const QByteArray &line : lines) {
                    events::Event e = s.postfix ? events::parsePostfixLine(line, now)
                                                : events::parseStaffettadLine(line);
                    if (e.kind != events::Event::Kind::None)
                        parsed.append(std::move(e));
                }
                auto recorded = index.record(s.name, parsed, after);
                if (!recorded)
                    log.write(recorded.error().message);
                return recorded.ok();
            });
        }
        // Retention: pruned by itself, at start and every hour.
        if (now.toSecsSinceEpoch() >= nextPrune) {
            const qint64 before = now.toSecsSinceEpoch() - qint64(conf.eventsRetentionDays) * 86400;
            if (auto pruned = index.prune(before); !pruned)
                log.write(pruned.error().message);
            nextPrune = now.toSecsSinceEpoch() + 3600;
        }
        usleep(250 * 1000);
    }
    log.write(u"stopped"_s);
    return 0;
}
