// Queue view benchmark: the console's real QueueView (offscreen) loads a relay's whole mail
// queue over SSH. Measures, in one process that is the console minus its other views:
//  - request -> filled model (QueueView::lastLoadMs: the SSH session, staffettactl streaming
//    showq, the parse on the worker thread, the model reset and the view's relayout), for
//    ROUNDS loads in a row (each reuses the SSH session that `info` opened, as the console
//    does);
//  - the first paint of the table after the load, a sort by sender and by age, a text filter;
//  - memory: resident set before the first load, and the peak (VmHWM) and resident set after
//    the last;
//  - the same listing without the view (client::queueList): its time and its first row;
//  - with CPU_USAGE_FILE (a cpuacct.usage the relay's sshd and Postfix run in): the relay CPU
//    that listing cost, then the relay CPU of the view left open for AUTO_SECONDS with its
//    auto-refresh on, per refresh (a refresh should cost one listing and nothing else).
// Prints one JSON line. Bounded: each load has a deadline.
//   queue_load HOST PORT USER KEY KNOWN_HOSTS EXPECTED_ROWS [ROUNDS [CPU_USAGE_FILE AUTO_SECONDS]]
#include "client/ops_client.h"
#include "client/relay_client.h"
#include "prompter.h"
#include "queue_model.h"
#include "queue_view.h"
#include "relay_connection.h"
#include "secrets/secret_store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace staffetta;
using namespace Qt::Literals::StringLiterals;

namespace {

// The lab's host key is in the known_hosts file given: no question is ever asked. If one is,
// the benchmark fails rather than trusting anything.
class RefusingPrompter final : public ui::Prompter
{
public:
    void askTrustHostKey(const QString &, const Error &, std::function<void(bool)> answer) override
    {
        answer(false);
    }
    void askSecret(const QString &, const Error &,
                   std::function<void(std::optional<SecretAnswer>)> answer) override
    {
        answer(std::nullopt);
    }
};

// A field of /proc/self/status in kB (VmRSS, VmHWM).
qint64 statusKb(const QByteArray &field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Runs the event loop until done() or the deadline; false on timeout. A real event loop
// that sleeps between events (processEvents in a loop would spin a core the load needs).
template<typename Done> bool spinUntil(Done done, int ms)
{
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(5);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    if (!done())
        loop.exec();
    return done();
}

int fail(const QString &why)
{
    std::fprintf(stderr, "queue_load: %s\n", qPrintable(why));
    return 1;
}

// CPU nanoseconds a cgroup used: cgroup v1's cpuacct.usage, or v2's cpu.stat ("usage_usec N"
// first); 0 without one.
qint64 cpuNs(const QString &usageFile)
{
    QFile f(usageFile);
    if (usageFile.isEmpty() || !f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = f.readAll().trimmed();
    if (text.startsWith("usage_usec "))
        return text.mid(11).split('\n').value(0).toLongLong() * 1000;
    return text.toLongLong();
}

template<typename F> qint64 timeMs(F f)
{
    QElapsedTimer clock;
    clock.start();
    f();
    return clock.elapsed();
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
    if (args.size() < 7)
        return fail(u"usage: queue_load HOST PORT USER KEY KNOWN_HOSTS EXPECTED_ROWS [ROUNDS]"_s);
    const int expected = args[6].toInt();
    const int rounds = args.size() > 7 ? qMax(1, args[7].toInt()) : 3;
    const QString cpuUsage = args.value(8);
    const int autoSeconds = args.value(9).toInt();

    settings::RelayProfile profile;
    profile.name = u"bench"_s;
    profile.ssh.host = args[1];
    profile.ssh.port = quint16(args[2].toUInt());
    profile.ssh.user = args[3];
    profile.ssh.auth = transport::SshAuth::KeyFile;
    profile.ssh.keyFile = args[4];
    profile.ssh.knownHostsFile = args[5];
    secrets::SecretStore secrets(u"staffetta-bench"_s);
    RefusingPrompter prompter;
    ui::RelayConnection connection(profile, secrets, prompter);

    ui::QueueView view;
    view.resize(1280, 800);
    view.setConnection(&connection);
    connection.refresh();
    if (!spinUntil(
            [&] {
                return connection.info().has_value() ||
                       connection.state() == ui::RelayConnection::State::Failed;
            },
            30000) ||
        !connection.info()) {
        return fail(u"the relay did not answer info: "_s +
                    (connection.lastError() ? connection.lastError()->message : u"timeout"_s));
    }
    const qint64 rssBeforeKb = statusKb("VmRSS");
    view.show(); // the first show starts a load; the rounds below wait for it and then reload
    QJsonArray loads;
    for (int round = 0; round < rounds; ++round) {
        if (round > 0)
            view.reload();
        int loadedSignals = 0;
        const auto c = QObject::connect(&view, &ui::QueueView::loaded, [&] { ++loadedSignals; });
        const bool ok = spinUntil([&] { return loadedSignals > 0; }, 120000);
        QObject::disconnect(c);
        if (!ok)
            return fail(u"round %1: the queue did not load within 120 s"_s.arg(round + 1));
        if (view.model()->rowCount() != expected) {
            return fail(u"round %1: %2 rows in the model, %3 expected"_s.arg(round + 1)
                            .arg(view.model()->rowCount())
                            .arg(expected));
        }
        loads.append(view.lastLoadMs());
    }

    // The console's memory: the peak of the rounds above (the view holding one listing while
    // the next one arrives), before this benchmark's own listing below adds to it.
    const qint64 peakKb = statusKb("VmHWM");
    const qint64 loadedKb = statusKb("VmRSS");

    // The same listing without the view: SSH + staffettactl + showq + the parse on the worker
    // thread, and when its first row arrived. The rest of load_ms is the console's UI side.
    auto progress = std::make_shared<std::atomic<qint64>>(0);
    const qint64 listCpuBefore = cpuNs(cpuUsage);
    QElapsedTimer listClock;
    listClock.start();
    qint64 firstRowMs = -1;
    auto client = connection.client();
    auto listing = client::queueList(client, {}, progress, transport::makeCancelToken());
    const bool listed = spinUntil(
        [&] {
            if (firstRowMs < 0 && progress->load() > 0)
                firstRowMs = listClock.elapsed();
            return listing.isFinished();
        },
        120000);
    const qint64 listMs = listClock.elapsed();
    if (!listed || !listing.takeResult()) // taken, not copied: 100k rows
        return fail(u"the listing without the view failed"_s);
    const qint64 listCpuNs = cpuNs(cpuUsage) - listCpuBefore;

    QTableView *table = view.table();
    const qint64 paintMs = timeMs([&] { table->viewport()->repaint(); });
    const qint64 sortSenderMs =
        timeMs([&] { view.proxy()->sort(ui::QueueModel::Sender, Qt::AscendingOrder); });
    const qint64 sortAgeMs =
        timeMs([&] { view.proxy()->sort(ui::QueueModel::Age, Qt::DescendingOrder); });
    int filtered = 0;
    const qint64 filterMs = timeMs([&] {
        view.proxy()->setText(u"sender7"_s);
        filtered = view.proxy()->rowCount();
    });
    view.proxy()->setText({});
    const qint64 scrollMs = timeMs([&] {
        table->scrollToBottom();
        table->viewport()->repaint();
    });

    // The view left open with its auto-refresh on: what the relay spends on it.
    int refreshes = 0;
    qint64 autoCpuNs = 0;
    if (autoSeconds > 0) {
        const auto c = QObject::connect(&view, &ui::QueueView::loaded, [&] { ++refreshes; });
        const qint64 before = cpuNs(cpuUsage);
        spinUntil([] { return false; }, autoSeconds * 1000);
        spinUntil([&] { return !view.isLoading(); }, 120000); // the last one's end
        autoCpuNs = cpuNs(cpuUsage) - before;
        QObject::disconnect(c);
    }

    QJsonObject out{{u"rows"_s, view.model()->rowCount()},
                    {u"listing_relay_cpu_s"_s, listCpuNs / 1e9},
                    {u"auto_seconds"_s, autoSeconds},
                    {u"auto_refreshes"_s, refreshes},
                    {u"auto_relay_cpu_s"_s, autoCpuNs / 1e9},
                    {u"load_ms"_s, loads},
                    {u"listing_ms"_s, listMs},
                    {u"first_row_ms"_s, firstRowMs},
                    {u"first_paint_ms"_s, paintMs},
                    {u"sort_sender_ms"_s, sortSenderMs},
                    {u"sort_age_ms"_s, sortAgeMs},
                    {u"filter_ms"_s, filterMs},
                    {u"filter_rows"_s, filtered},
                    {u"scroll_bottom_ms"_s, scrollMs},
                    {u"rss_before_mb"_s, rssBeforeKb / 1024.0},
                    {u"peak_rss_mb"_s, peakKb / 1024.0},
                    {u"rss_after_mb"_s, loadedKb / 1024.0}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
