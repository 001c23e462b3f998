// Renders the console's views against the lab relay to PNG files (offscreen): the README's
// screenshots. A test tool, not part of the console: tests/screenshots/take runs it.
//   STAFFETTA_LAB_ENV=LAB/lab.env staffetta_screenshots --language en --settings FILE OUT_DIR
#include "accounts_view.h"
#include "activity_view.h"
#include "alerts_view.h"
#include "audit_view.h"
#include "bans_view.h"
#include "client/policy_client.h"
#include "content_view.h"
#include "history_view.h"
#include "language.h"
#include "limits_view.h"
#include "main_window.h"
#include "overview_view.h"
#include "policy_editor.h"
#include "queue_view.h"
#include "relay_connection.h"
#include "relay_dialog.h"
#include "reputation_panel.h"
#include "search_panel.h"
#include "secrets/secret_store.h"
#include "senders_view.h"
#include "settings/profiles.h"
#include "test_delivery_view.h"
#include "trace_view.h"

#include "lab_helpers.h"
#include "test_support.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QListWidget>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>

#include <tuple>

using namespace Qt::Literals::StringLiterals;
using namespace staffetta;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption settingsOption(u"settings"_s, u"The console's settings file."_s,
                                            u"file"_s);
    const QCommandLineOption languageOption(u"language"_s, u"en or it."_s, u"code"_s, u"en"_s);
    parser.addOptions({settingsOption, languageOption});
    parser.addPositionalArgument(u"dir"_s, u"Where the PNG files go."_s);
    parser.process(app);
    if (parser.positionalArguments().size() != 1 || !test::Lab::get().ok()) {
        qCritical("staffetta_screenshots: give the output directory, and STAFFETTA_LAB_ENV");
        return 2;
    }
    const QDir out(parser.positionalArguments().first());
    QDir().mkpath(out.path());

    QSettings settings(parser.value(settingsOption), QSettings::IniFormat);
    ui::LanguageManager language;
    language.apply(parser.value(languageOption));
    secrets::SecretStore secrets;
    ui::MainWindow window(settings, secrets, language);
    settings::RelayProfile profile;
    // A stable id, so that the two languages' runs update one profile.
    profile.id = QUuid::createUuidV5(QUuid(), test::Lab::get().value(u"LAB_DIR"_s));
    profile.name = QCoreApplication::translate("main", "Lab relay");
    profile.group = QCoreApplication::translate("main", "Lab");
    profile.ssh = test::labEndpoint();
    window.saveProfile(profile);
    window.connectRelay();
    window.show();

    // Each view once its data is there (or after the wait), as a person would see it.
    ui::RelayConnection *relay = window.currentConnection();
    test::waitUntil(
        [&] {
            return relay->state() == ui::RelayConnection::State::Online ||
                   relay->state() == ui::RelayConnection::State::Failed;
        },
        30000);
    ui::ReputationPanel *reputation = window.overview()->reputation();
    test::waitUntil([&] { return reputation->historyModel()->rowCount() > 0; }, 10000);
    test::waitUntil([] { return false; }, 200); // let the views paint what arrived
    window.grab().save(out.filePath(u"overview.png"_s));
    ui::PolicyEditor *editor = window.policyEditor();
    test::waitUntil([&] { return editor->isLoaded(); }, 10000);
    window.views()->setCurrentWidget(window.senders());
    window.senders()->selectAccount(u"bob"_s);
    window.grab().save(out.filePath(u"senders.png"_s));
    window.views()->setCurrentWidget(window.limits());
    window.limits()->refreshUsage();
    test::waitUntil([&] { return window.limits()->model()->hasUsage(); }, 5000);
    window.grab().save(out.filePath(u"limits.png"_s));
    // The other views as they open: each asks its relay when shown; what arrives in a
    // moment is painted (the lab's demo traffic fills the queue, the activity and the trace).
    const auto shot = [&](QWidget *view, const QString &name, int waitMs) {
        window.views()->setCurrentWidget(view);
        test::waitUntil([] { return false; }, waitMs);
        window.grab().save(out.filePath(name));
    };
    shot(window.content(), u"content.png"_s, 500);
    shot(window.queue(), u"queue.png"_s, 3000);
    shot(window.activity(), u"activity.png"_s, 3000);
    shot(window.alerts(), u"alerts.png"_s, 2000);
    shot(window.accounts(), u"accounts.png"_s, 3000);
    shot(window.testDelivery(), u"test-delivery.png"_s, 500);
    window.traceTerm(u"bob"_s);
    test::waitUntil([] { return false; }, 3000);
    window.grab().save(out.filePath(u"trace.png"_s));
    // The Bans view with its first ban selected (the "why" pane filled), then a search of the
    // lab's banned client in the narrow window a helpdesk keeps beside its ticket.
    ui::BansView *bans = window.bans();
    window.views()->setCurrentWidget(bans);
    test::waitUntil([&] { return bans->model()->rowCount() > 0; }, 10000);
    if (bans->model()->rowCount() > 0)
        bans->table()->selectRow(0);
    test::waitUntil([] { return false; }, 1500);
    window.grab().save(out.filePath(u"bans.png"_s));
    window.resize(630, window.height());
    window.search(u"127.0.0.2"_s);
    test::waitUntil([&] { return window.searchPanel()->pending() == 0; }, 15000);
    test::waitUntil([] { return false; }, 200);
    window.grab().save(out.filePath(u"search.png"_s));
    window.resize(1000, window.height());
    if (auto *dock = window.findChild<QDockWidget *>(u"searchDock"_s))
        dock->hide();
    // History and Audit. The lab starts with one revision: two made here (once, on the first
    // language's run) give them something to show — who, why, and what changed in words.
    client::RelayClient admin = test::clientAs();
    auto before = test::await(client::policyHistory(admin));
    if (before.ok() && before.value().revisions.size() < 3) {
        const QList<std::tuple<QString, int, QString>> edits{
            {u"bob"_s, 2500, u"December newsletter: bob may send more until the 20th"_s},
            {u"carol"_s, 150, u"Ticket 4711: carol's office PC sends spam, quota lowered"_s}};
        for (const auto &[login, quota, comment] : edits) {
            auto got = test::await(client::policyGet(admin));
            if (!got.ok())
                break;
            policy::Policy p = got.value().policy;
            for (policy::Account &a : p.accounts) {
                if (a.login == login)
                    a.dailyQuota = quota;
            }
            p.reindex();
            test::await(client::policyApply(admin, got.value().revision, p, comment));
        }
    }
    ui::HistoryView *history = window.history();
    window.views()->setCurrentWidget(history);
    history->reload();
    test::waitUntil([&] { return history->model()->rowCount() > 0 && !history->isBusy(); }, 15000);
    if (history->model()->rowCount() >= 3)
        history->selectRevisions(
            {history->model()->revision(2).number, history->model()->revision(0).number});
    test::waitUntil([&] { return history->changes()->count() > 0 && !history->isBusy(); }, 10000);
    window.grab().save(out.filePath(u"history.png"_s));
    ui::AuditView *audit = window.audit();
    window.views()->setCurrentWidget(audit);
    audit->reload();
    test::waitUntil([&] { return audit->model()->rowCount() > 0; }, 15000);
    if (audit->filter()->rowCount() > 0)
        audit->table()->selectRow(0);
    test::waitUntil([] { return false; }, 200);
    window.grab().save(out.filePath(u"audit.png"_s));
    window.views()->setCurrentIndex(0);
    ui::RelayDialog dialog(&window);
    dialog.setProfile(relay->profile());
    dialog.show();
    dialog.grab().save(out.filePath(u"relay-dialog.png"_s));
    return 0;
}
