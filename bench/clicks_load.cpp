// Click benchmark: the console's real main window (offscreen), connected over SSH to the lab
// relay as three relay profiles (the same endpoint three times: the global search asks all
// three at once). Measures, N times each, from the click to what the click shows:
//  - queue: a row of the Queue view selected (as a click does: its current row changes) ->
//    the details pane holds that message's `queue show` answer;
//  - ban: a row of the Bans view selected -> the "why banned" pane holds the `bans log`
//    answer (not the placeholder shown at once from the listing);
//  - search: MainWindow::search(ADDRESS) -> every relay answered (SearchPanel::pending() == 0).
// Each click alternates between rows, so the selection really changes; 300 ms pass between two
// clicks (reading what the last one showed; not measured). A 1 ms heartbeat timer
// on the UI thread gives the longest event-loop stall of each click. Prints one JSON line:
// p50/p99/max in ms per action, and the stalls. Bounded: every click has a deadline.
//   clicks_load HOST PORT USER KEY KNOWN_HOSTS SEARCH_TERM BANNED_A BANNED_B [N]
#include "bans_view.h"
#include "language.h"
#include "main_window.h"
#include "queue_model.h"
#include "queue_view.h"
#include "relay_connection.h"
#include "search_panel.h"
#include "secrets/secret_store.h"
#include "settings/profiles.h"

#include "console_rig.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace staffetta;
using bench::Heartbeat;
using bench::RefusingPrompter;
using namespace Qt::Literals::StringLiterals;

namespace {

// Runs a real event loop (it sleeps between events) until done() or the deadline; false on
// the deadline. done() is checked after every event the loop handles, so the time of a step
// is not rounded to a polling period.
template<typename Done> bool spinUntil(Done done, int ms)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.setTimerType(Qt::PreciseTimer);
    check.start(1); // within a millisecond of done(), without spinning a core
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// A gentler wait for setup steps (a 20 ms poll).
template<typename Done> bool waitFor(Done done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

int fail(const QString &why)
{
    std::fprintf(stderr, "clicks_load: %s\n", qPrintable(why));
    return 1;
}

QJsonObject summary(QList<qint64> ms, QList<qint64> stalls)
{
    std::sort(ms.begin(), ms.end());
    std::sort(stalls.begin(), stalls.end());
    const auto at = [](const QList<qint64> &xs, double q) {
        return xs.isEmpty() ? -1
                            : xs.at(std::min<qsizetype>(xs.size() - 1, qsizetype(q * xs.size())));
    };
    QJsonArray all;
    for (qint64 x : ms)
        all.append(x);
    return {{u"n"_s, ms.size()},
            {u"p50_ms"_s, at(ms, 0.5)},
            {u"p99_ms"_s, at(ms, 0.99)},
            {u"max_ms"_s, ms.isEmpty() ? -1 : ms.last()},
            {u"stall_p50_ms"_s, at(stalls, 0.5)},
            {u"stall_max_ms"_s, stalls.isEmpty() ? -1 : stalls.last()},
            {u"sorted_ms"_s, all}};
}

} // namespace

int main(int argc, char **argv)
{
    // The offscreen platform warns at every resize that it cannot propagate size hints.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &text) {
        if (!text.contains(u"propagateSizeHints"_s) && type != QtDebugMsg)
            std::fprintf(stderr, "%s\n", qPrintable(text));
    });
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 9) {
        return fail(u"usage: clicks_load HOST PORT USER KEY KNOWN_HOSTS SEARCH_TERM BANNED_A "
                    "BANNED_B [N]"_s);
    }
    const QString term = args[6];
    const QStringList banned{args[7], args[8]};
    const int n = args.size() > 9 ? std::clamp(args[9].toInt(), 1, 1000) : 30;
    constexpr int ClickDeadlineMs = 20000;
    // Between two clicks, as a person reads what the last one showed (not measured).
    constexpr int ThinkMs = 300;
    const auto think = [] {
        QEventLoop loop;
        QTimer::singleShot(ThinkMs, &loop, &QEventLoop::quit);
        loop.exec();
    };

    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
    secrets::SecretStore secrets(u"staffetta-bench"_s);
    ui::LanguageManager language;
    language.apply(u"en"_s);
    RefusingPrompter prompter;
    ui::MainWindow window(settings, secrets, language, &prompter);
    window.resize(1280, 900);
    window.show();

    // Three profiles of the same endpoint (the lab has one relay): three connections, each
    // with its own transport and session pool, as three relays would have.
    QList<QUuid> ids;
    for (const QString &name : {u"Lab A"_s, u"Lab B"_s, u"Lab C"_s}) {
        settings::RelayProfile p;
        p.id = QUuid::createUuid();
        p.name = name;
        p.ssh.host = args[1];
        p.ssh.port = quint16(args[2].toUInt());
        p.ssh.user = args[3];
        p.ssh.auth = transport::SshAuth::KeyFile;
        p.ssh.keyFile = args[4];
        p.ssh.knownHostsFile = args[5];
        window.saveProfile(p);
        ids.append(p.id);
        window.connectAction()->trigger();
    }
    const auto online = [&] {
        for (const QUuid &id : ids) {
            window.selectRelay(id);
            if (!window.currentConnection() || !window.currentConnection()->info())
                return false;
        }
        return true;
    };
    if (!waitFor(online, 60000))
        return fail(u"the three relay profiles did not all answer info"_s);
    window.selectRelay(ids.first());
    Heartbeat heartbeat;

    // --- Queue: a row selected -> its details.
    ui::QueueView *queue = window.queue();
    window.views()->setCurrentWidget(queue);
    if (!waitFor([&] { return !queue->isLoading() && queue->model()->rowCount() >= 2; }, 60000)) {
        auto *status = queue->findChild<QLabel *>(u"queueStatus"_s);
        return fail(u"the Queue view has fewer than 2 messages (%1 rows, %2, status \"%3\")"_s
                        .arg(queue->model()->rowCount())
                        .arg(queue->isLoading() ? u"still loading"_s : u"not loading"_s)
                        .arg(status ? status->text() : QString()));
    }
    auto *detail = queue->findChild<QTextBrowser *>(u"queueDetail"_s);
    QTableView *qtable = queue->table();
    const int qrows = std::min(queue->proxy()->rowCount(), 8);
    QList<qint64> queueMs, queueStalls;
    for (int i = 0; i < n; ++i) {
        think();
        const int row = i % qrows;
        const QString id = queue->proxy()->index(row, 0).data(ui::QueueModel::IdRole).toString();
        const QString expected = u"Message "_s + id + u' ';
        heartbeat.reset();
        QElapsedTimer clock;
        clock.start();
        qtable->selectRow(row);
        if (!spinUntil([&] { return detail->toPlainText().startsWith(expected); },
                       ClickDeadlineMs)) {
            return fail(u"queue click %1: no details for %2 within %3 ms: %4"_s.arg(i)
                            .arg(id)
                            .arg(ClickDeadlineMs)
                            .arg(detail->toPlainText().left(200)));
        }
        queueMs.append(clock.elapsed());
        detail->repaint(); // the pane painted, as the user sees it
        queueStalls.append(heartbeat.longest());
    }

    // --- Bans: a ban selected -> why it is banned (the `bans log` answer).
    ui::BansView *bans = window.bans();
    window.views()->setCurrentWidget(bans);
    if (!waitFor(
            [&] {
                return bans->model()->rowOf(banned[0]) >= 0 && bans->model()->rowOf(banned[1]) >= 0;
            },
            60000)) {
        return fail(u"the Bans view does not list %1 and %2"_s.arg(banned[0], banned[1]));
    }
    auto *why = bans->findChild<QTextBrowser *>(u"bansLog"_s);
    const QString placeholder = u"Reading the log lines"_s;
    QList<qint64> banMs, banStalls;
    for (int i = 0; i < n; ++i) {
        think();
        const QString address = banned[i % 2];
        const int row = bans->model()->rowOf(address);
        const QString expected = u"Why "_s + address + u" is banned:"_s;
        heartbeat.reset();
        QElapsedTimer clock;
        clock.start();
        bans->table()->selectRow(row);
        if (!spinUntil(
                [&] {
                    const QString text = why->toPlainText();
                    return text.startsWith(expected) && !text.contains(placeholder);
                },
                ClickDeadlineMs)) {
            return fail(u"ban click %1: no log for %2 within %3 ms: %4"_s.arg(i)
                            .arg(address)
                            .arg(ClickDeadlineMs)
                            .arg(why->toPlainText().left(200)));
        }
        banMs.append(clock.elapsed());
        why->repaint();
        banStalls.append(heartbeat.longest());
    }

    // --- Search: one address on the three relays -> every relay answered.
    ui::SearchPanel *panel = window.searchPanel();
    QList<qint64> searchMs, searchStalls;
    for (int i = 0; i < n; ++i) {
        think();
        int finished = 0;
        const auto c = QObject::connect(panel, &ui::SearchPanel::finished, [&] { ++finished; });
        heartbeat.reset();
        QElapsedTimer clock;
        clock.start();
        window.search(term);
        const bool ok =
            spinUntil([&] { return finished > 0 && panel->pending() == 0; }, ClickDeadlineMs);
        QObject::disconnect(c);
        if (!ok)
            return fail(u"search %1: %2 relays still pending"_s.arg(i).arg(panel->pending()));
        searchMs.append(clock.elapsed());
        panel->repaint();
        searchStalls.append(heartbeat.longest());
        if (!panel->notCovered().isEmpty())
            return fail(
                u"search %1: not covered: %2"_s.arg(i).arg(panel->notCovered().join(u", ")));
    }

    const QJsonObject out{{u"n"_s, n},
                          {u"relays"_s, ids.size()},
                          {u"queue_rows"_s, queue->model()->rowCount()},
                          {u"queue_click"_s, summary(queueMs, queueStalls)},
                          {u"ban_click"_s, summary(banMs, banStalls)},
                          {u"search"_s, summary(searchMs, searchStalls)}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
