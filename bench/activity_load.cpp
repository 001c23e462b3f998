// Activity view benchmark: the console's real main window (offscreen) shows the Activity view
// of a relay with ACCOUNTS accounts (10 000): the top-senders table of all of them, then one
// account's charts for 90 days (daily bars) and 7 days (hourly: 168 bars), a sort and a scroll of
// the table. The relay is a transport of this program that answers `stats` like staffettactl (the
// JSON made from the request, on the transport's own threads, as SSH answers arrive): what is
// measured is the console's side. A 1 ms heartbeat timer on the UI thread measures the longest
// stall of the event loop during each step (loading, filling the model and the charts, and
// the paint that follows: the window is grabbed after each step). Prints one JSON line.
//   activity_load [ACCOUNTS]
#include "activity_view.h"
#include "api/info.h"
#include "api/stats.h"
#include "common/access.h"
#include "language.h"
#include "main_window.h"
#include "relay_connection.h"
#include "secrets/secret_store.h"
#include "settings/profiles.h"

#include "console_rig.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent>

#include <cstdio>

using namespace staffetta;
using bench::Heartbeat;
using bench::RefusingPrompter;
using namespace Qt::Literals::StringLiterals;

namespace {

// Answers `info` and `stats` as staffettactl would, made on its own threads.
class StatsRelay final : public transport::Transport
{
public:
    explicit StatsRelay(int accounts)
        : m_accounts(accounts)
    {
        m_pool.setMaxThreadCount(4);
    }
    void setCredentials(const transport::Credentials &) override {}

    QFuture<Result<transport::ExecOutput>> run(const QStringList &words, const QByteArray &input,
                                               transport::CancelToken,
                                               transport::OutputSink) override
    {
        return QtConcurrent::run(&m_pool, [this, words, input]() -> Result<transport::ExecOutput> {
            QJsonObject result;
            if (words.value(0) == u"info"_s) {
                api::RelayInfo info;
                info.apiVersion = 1;
                info.hostname = u"bench.relay.test"_s;
                info.role = u"admin"_s;
                info.permissions = permissionNames(Role::Admin);
                result = info.toJson();
            } else {
                auto request = api::StatsRequest::fromJson(QJsonDocument::fromJson(input).object());
                if (!request)
                    return request.error();
                result = answer(request.value());
            }
            const QJsonObject response{
                {u"api_version"_s, 1}, {u"ok"_s, true}, {u"result"_s, result}};
            transport::ExecOutput out{
                0, QJsonDocument(response).toJson(QJsonDocument::Compact) + '\n', {}};
            return out;
        });
    }

private:
    QJsonObject answer(const api::StatsRequest &request) const
    {
        api::StatsResult r{request.bucket, request.starts(), {}};
        const QStringList accounts = request.accounts.isEmpty() ? allAccounts() : request.accounts;
        for (const QString &login : accounts) {
            const uint seed = uint(qHash(login));
            api::AccountStats a{login, {}, {}};
            for (const QString &name : api::statsSeriesNames()) {
                QList<qint64> values(r.starts.size(), 0);
                for (qsizetype i = 0; i < values.size(); ++i)
                    values[i] = qint64((seed + uint(i) * 7919u + uint(name.size()) * 31u) % 40u);
                a.series.insert(name, values);
            }
            a.quota = QList<qint64>(r.starts.size(), 300 + qint64(seed % 5) * 100);
            r.accounts.append(a);
        }
        return request.totals ? r.totalled().toJson() : r.toJson();
    }
    QStringList allAccounts() const
    {
        QStringList out;
        for (int i = 0; i < m_accounts; ++i)
            out.append(u"user%1@customer%2.example"_s.arg(i).arg(i % 97));
        return out;
    }

    int m_accounts;
    QThreadPool m_pool;
};

// Counts the paint events of every widget.
class PaintCounter final : public QObject
{
public:
    int count = 0;
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint)
            ++count;
        return false;
    }
};

// Runs the event loop until `done` or the deadline; false on the deadline.
template<typename F> bool spinUntil(F done, int ms = 120000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int accounts = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
    secrets::SecretStore secrets(u"staffetta-bench"_s);
    ui::LanguageManager language;
    RefusingPrompter prompter;
    auto relay = std::make_shared<StatsRelay>(accounts);
    ui::MainWindow window(settings, secrets, language, &prompter,
                          [relay](const settings::RelayProfile &) { return relay; });
    window.resize(1280, 900);
    window.show();
    settings::RelayProfile p;
    p.id = QUuid::createUuid();
    p.name = u"Bench"_s;
    p.ssh.host = u"bench.relay.test"_s;
    window.saveProfile(p);
    window.connectAction()->trigger();
    if (!spinUntil([&] {
            return window.currentConnection() &&
                   window.currentConnection()->state() == ui::RelayConnection::State::Online;
        })) {
        std::fprintf(stderr, "activity_load: the relay never came online\n");
        return 1;
    }
    ui::ActivityView *view = window.activity();
    int topLoads = 0, chartLoads = 0;
    QObject::connect(view, &ui::ActivityView::topSendersLoaded, [&] { ++topLoads; });
    QObject::connect(view, &ui::ActivityView::chartLoaded, [&] { ++chartLoads; });
    Heartbeat heartbeat;
    QJsonObject out{{u"accounts"_s, accounts}};
    bool ok = true;
    // Paint events of the window's widgets: a step's repaint is the event loop's, as on screen.
    PaintCounter paints;
    app.installEventFilter(&paints);
    // One step: its wall time to `done`, then the repaint it asked for, done by the event loop
    // (the widgets that changed, as a screen would get them; the step waits for the first paint
    // and 200 ms more), and the longest stall over both. Then, apart, a grab() of the whole
    // window: every widget painted at once into a pixmap, which no user action does.
    const auto step = [&](const QString &name, auto start, auto done) {
        QElapsedTimer t;
        heartbeat.reset();
        t.start();
        start();
        if (!spinUntil(done)) {
            std::fprintf(stderr, "activity_load: %s did not finish\n", qPrintable(name));
            ok = false;
        }
        const qint64 loaded = t.elapsed();
        const int paintsBefore = paints.count;
        spinUntil([&] { return paints.count > paintsBefore; }, 2000);
        const qint64 painted = t.elapsed();
        spinUntil([&] { return t.elapsed() > painted + 200; });
        const qint64 stall = heartbeat.longest();
        QElapsedTimer render;
        render.start();
        window.grab();
        out.insert(name, QJsonObject{{u"ms"_s, loaded},
                                     {u"with_paint_ms"_s, painted},
                                     {u"repainted"_s, paints.count > paintsBefore},
                                     {u"longest_stall_ms"_s, stall},
                                     {u"whole_window_grab_ms"_s, render.elapsed()}});
    };
    step(
        u"top_senders_and_first_chart"_s, [&] { window.views()->setCurrentWidget(view); },
        [&] { return topLoads == 1 && chartLoads == 1; });
    out.insert(u"top_senders_rows"_s, view->topSendersProxy()->rowCount());
    step(
        u"chart_90_days_daily"_s, [&] { view->setRange(90, u"day"_s); },
        [&] { return topLoads == 2 && chartLoads == 2; });
    out.insert(u"daily_bars"_s, qint64(view->starts().size()));
    step(
        u"chart_7_days_hourly"_s, [&] { view->setRange(7, u"hour"_s); },
        [&] { return topLoads == 3 && chartLoads == 3; });
    out.insert(u"hourly_bars"_s, qint64(view->starts().size()));
    step(
        u"sort_top_senders_by_refused"_s,
        [&] {
            view->topSendersTable()->sortByColumn(ui::TopSendersModel::Refused,
                                                  Qt::DescendingOrder);
        },
        [] { return true; });
    step(
        u"scroll_top_senders_to_bottom"_s, [&] { view->topSendersTable()->scrollToBottom(); },
        [] { return true; });
    view->setRange(90, u"day"_s);
    spinUntil([&] { return topLoads == 4 && chartLoads == 4; });
    step(
        u"another_account_90_days_daily"_s,
        [&] { view->showAccount(view->topSendersProxy()->index(1, 0).data().toString()); },
        [&] { return chartLoads == 5; });
    step(
        u"chart_90_days_hourly"_s, [&] { view->setRange(90, u"hour"_s); },
        [&] { return topLoads == 5 && chartLoads == 6; });
    out.insert(u"hourly_90_bars"_s, qint64(view->starts().size()));
    step(
        u"another_account_90_days_hourly"_s,
        [&] { view->showAccount(view->topSendersProxy()->index(2, 0).data().toString()); },
        [&] { return chartLoads == 7; });
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return ok ? 0 : 1;
}
