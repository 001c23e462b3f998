// staffetta-events: follows Postfix's mail log and staffettad's log into the event index
// (core/events) that `staffettactl trace` reads, and raises the abuse alerts (core/alerts) of
// the policy's `alerts` section on it, mailing them through the relay's Postfix. A program of its
// own rather than a thread of staffettad: reading and indexing a large log (or a slow disk) can
// then never delay a policy answer, a crash here never stops quota enforcement, and it is restarted
// on its own.
#include "alerts/alert_mail.h"
#include "alerts/alerts.h"
#include "api/info.h"
#include "common/relay_config.h"
#include "ctl.h"
#include "daemon/live_policy.h"
#include "daemon/log.h"
#include "events/follower.h"
#include "events/index.h"
#include "events/parser.h"
#include "notify/notify.h"
#include "policy_verbs.h"
#include "postfix/postfix.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QtConcurrent/QtConcurrentRun>

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

// An alert whose rule says `suspend` suspends its account: the same verb an admin runs
// (ctl::run in this process, as "staffetta-events" with the admin's role, so only an admin
// resumes it), with the alert as its reason: audited, the queue held, the contact mailed.
void suspendFor(const api::Alert &a, const policy::Policy &policy, const Config &conf,
                daemon::Log &log)
{
    // The rule's name comes from the alert store: one written by another version (a rule
    // since renamed or removed) names no rule here and suspends nothing.
    const policy::Account *account = policy.account(a.account);
    const std::optional<policy::AlertRule> rule = policy::alertRuleNamed(a.rule);
    if (!account || account->suspended || !rule || !policy.alertRule(account, *rule).suspend)
        return;
    ctl::FrontEnd frontEnd(Caller{u"staffetta-events"_s, {}, u"local"_s});
    frontEnd.resolveAccess = [](const Config &, const Caller &) {
        Access access;
        access.role = Role::Admin;
        return access;
    };
    frontEnd.awaitReload = ctl::waitForReload;
    ctl::Invocation invocation;
    invocation.words = {u"accounts"_s, u"suspend"_s, account->login};
    invocation.json = true;
    const QJsonObject request{
        {u"reason"_s, u"automatic: alert %1 (%2): %3 over %4"_s.arg(QString::number(a.id), a.rule,
                                                                    QString::number(a.observed),
                                                                    QString::number(a.threshold))}};
    const ctl::Outcome out = ctl::run(
        invocation, QJsonDocument(request).toJson(QJsonDocument::Compact), conf.path, frontEnd);
    log.write(out.exitCode == 0
                  ? u"alert %1: account %2 suspended"_s.arg(QString::number(a.id), account->login)
                  : u"alert %1: account %2 not suspended: %3"_s.arg(
                        QString::number(a.id), account->login,
                        QString::fromUtf8(out.out + out.err).trimmed().left(300)));
}

// Raises what the index shows now and mails every alert not mailed yet (one try each: an
// alert that could not be mailed says why in `alerts list`).
void raiseAlerts(alerts::AlertStore &store, const policy::Policy &policy,
                 const postfix::Postfix &postfix, const Config &conf, daemon::Log &log)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto raised = store.evaluate(policy, now);
    if (!raised) {
        log.write(raised.error().message);
        return;
    }
    for (const api::Alert &a : raised.value()) {
        log.write(u"alert %1: %2 account %3: %4 over %5"_s.arg(
            QString::number(a.id), a.rule, a.account, QString::number(a.observed),
            QString::number(a.threshold)));
        suspendFor(a, policy, conf, log);
    }
    auto pending = store.unnotified();
    if (!pending) {
        log.write(pending.error().message);
        return;
    }
    const QString relay = QSysInfo::machineHostName();
    for (const api::Alert &a : pending.value()) {
        const auto mail = alerts::alertMail(a, policy, relay);
        QString error;
        if (!mail)
            error = u"no contact or abuse address to notify"_s;
        else if (auto sent = notify::send(postfix, *mail); !sent)
            error = sent.error().message;
        if (auto marked = store.markNotified(a.id, mail ? mail->to : QStringList{}, error, now);
            !marked)
            log.write(marked.error().message);
        log.write(error.isEmpty() ? u"alert %1 mailed to %2"_s.arg(QString::number(a.id),
                                                                   mail->to.join(u", "_s))
                                  : u"alert %1 not mailed: %2"_s.arg(QString::number(a.id), error));
    }
}
} // namespace

int main(int argc, char *argv[])
{
    // The index names accounts and addresses: nobody else's to read; its group's (the relay
    // daemons', staffetta in the package) to write: the reputation check records alerts in it.
    umask(007);
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
    auto openedAlerts = alerts::AlertStore::open(database);
    if (!openedAlerts) {
        fprintf(stderr, "staffetta-events: %s\n", qPrintable(openedAlerts.error().message));
        return 1;
    }
    alerts::AlertStore &alertStore = *openedAlerts.value();
    const postfix::Postfix postfix(conf.postfixConfigDir, conf.postfixCommandDir);
    // The policy as staffettad has it in force (reloaded when it changes); this process writes
    // no loaded marker, that is staffettad's. Without a valid policy the index is still kept
    // and the alerts wait for one.
    daemon::LivePolicy livePolicy(conf.policyFile, {}, log);
    bool policyStarted = livePolicy.start().ok();
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

    // `staffettactl info` tells from it whether this process runs (api::ServiceStatus).
    const QString pidFile =
        QDir(conf.stateDir).filePath(QString::fromLatin1(api::ServiceStatus::EventsPidFile));
    {
        QFile pid(pidFile);
        if (pid.open(QIODevice::WriteOnly | QIODevice::Truncate))
            pid.write(QByteArray::number(qint64(getpid())) + '\n');
        else
            log.write(u"cannot write %1: %2"_s.arg(pidFile, pid.errorString()));
    }

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    qint64 nextPrune = 0;
    // Alerts: shortly after new events, and every minute (an hour's window moves on its own).
    qint64 lastAlerts = 0;
    bool newEvents = false;
    while (!stopping) {
        QCoreApplication::processEvents(); // the live policy's file watcher
        const QDateTime now = QDateTime::currentDateTime();
        for (Source &s : sources) {
            s.follower->poll([&](const QList<QByteArray> &lines, const events::Position &after) {
                const auto parse = [&lines, &now, postfix = s.postfix](qsizetype from,
                                                                       qsizetype to) {
                    QList<events::Event> out;
                    for (qsizetype i = from; i < to; ++i) {
                        events::Event e = postfix ? events::parsePostfixLine(lines[i], now)
                                                  : events::parseStaffettadLine(lines[i]);
                        if (e.kind != events::Event::Kind::None)
                            out.append(std::move(e));
                    }
                    return out;
                };
                // A large batch (a log read from its start, a backlog) is parsed in two halves
                // at once: the second core parses while this one does, then SQLite writes.
                QList<events::Event> parsed;
                const qsizetype half = lines.size() / 2;
                if (half >= 1000) {
                    QFuture<QList<events::Event>> second =
                        QtConcurrent::run(parse, half, lines.size());
                    parsed = parse(0, half);
                    parsed.append(second.result());
                } else {
                    parsed = parse(0, lines.size());
                }
                auto recorded = index.record(s.name, parsed, after);
                if (!recorded)
                    log.write(recorded.error().message);
                newEvents = newEvents || (recorded && !parsed.isEmpty());
                return recorded.ok();
            });
        }
        // Retention: pruned by itself, at start and every hour.
        if (now.toSecsSinceEpoch() >= nextPrune) {
            const qint64 before = now.toSecsSinceEpoch() - qint64(conf.eventsRetentionDays) * 86400;
            if (auto pruned = index.prune(before); !pruned)
                log.write(pruned.error().message);
            if (auto pruned = alertStore.prune(before); !pruned)
                log.write(pruned.error().message);
            nextPrune = now.toSecsSinceEpoch() + 3600;
        }
        const qint64 secs = now.toSecsSinceEpoch();
        if ((newEvents && secs >= lastAlerts + 5) || secs >= lastAlerts + 60) {
            if (!policyStarted)
                policyStarted = livePolicy.start().ok();
            if (const auto policy = livePolicy.policy())
                raiseAlerts(alertStore, *policy, postfix, conf, log);
            lastAlerts = secs;
            newEvents = false;
        }
        usleep(250 * 1000);
    }
    QFile::remove(pidFile);
    log.write(u"stopped"_s);
    return 0;
}
