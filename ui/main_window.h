#pragma once

#include "relay_connection.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QActionGroup;
class QListView;
class QMenu;
class QSettings;
class QTabWidget;
class QTimer;

namespace staffetta::secrets {
class SecretStore;
}
namespace staffetta::settings {
struct RelayProfile;
}

namespace staffetta::ui {

class ActivityView;
class AccountsView;
class AlertsView;
class AuditView;
class HistoryView;
class TestDeliveryView;
class BansView;
class TraceView;
class ContentView;
class FleetModel;
class QueueView;
class SearchPanel;
class LimitsView;
class PolicyEditor;
class SendersView;
class LanguageManager;
class OverviewView;
class Prompter;
class RelayView;

// Wires the views together; holds no business logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // prompter: nullptr = real dialogs. settings: the user's settings, or a test file.
    // transports: how relays are reached (empty: as their profiles say; tests: a fake relay).
    MainWindow(QSettings &settings, secrets::SecretStore &secrets, LanguageManager &language,
               Prompter *prompter = nullptr, TransportFactory transports = {},
               QWidget *parent = nullptr);
    ~MainWindow() override;

    FleetModel *fleet() const { return m_fleet; }
    QListView *fleetView() const { return m_fleetView; }
    OverviewView *overview() const { return m_overview; }
    QTabWidget *views() const { return m_views; }
    SendersView *senders() const { return m_senders; }
    LimitsView *limits() const { return m_limits; }
    ContentView *content() const { return m_content; }
    QueueView *queue() const { return m_queue; }
    BansView *bans() const { return m_bans; }
    ActivityView *activity() const { return m_activity; }
    TraceView *trace() const { return m_trace; }
    AlertsView *alerts() const { return m_alerts; }
    AccountsView *accounts() const { return m_accounts; }
    TestDeliveryView *testDelivery() const { return m_testDelivery; }
    HistoryView *history() const { return m_history; }
    AuditView *audit() const { return m_audit; }
    SearchPanel *searchPanel() const { return m_searchPanel; }
    QLineEdit *searchBox() const { return m_searchBox; }
    // Above the views: the selected relay does not answer (its views are stale), or some of
    // its services are down. Hidden when neither.
    QLabel *relayBanner() const { return m_banner; }
    // The global search: the term on every connected relay; results in the search panel.
    void search(const QString &term);
    PolicyEditor *policyEditor() const { return m_policyEditor; }
    QAction *addRelayAction() const { return m_addRelay; }
    QAction *connectAction() const { return m_connect; }

    RelayConnection *currentConnection() const;
    void selectRelay(const QUuid &id);
    // Saves a profile (new or changed) and shows it in the fleet.
    void saveProfile(const settings::RelayProfile &profile);

public slots:
    void addRelay();
    void editRelay();
    void removeRelay();
    void connectRelay();
    void refreshOnline();
    // The Activity view of `account` on the relay `relayId` (the Alerts view jumps here).
    void showActivity(const QUuid &relayId, const QString &account);
    // The Trace view with the messages of `account` accepted in [from, to) on one relay.
    void showTrace(RelayConnection *relay, const QString &account, const QDateTime &from,
                   const QDateTime &to);
    // The Trace view with a toolbar search's term, on every connected relay.
    void traceTerm(const QString &term);

protected:
    void changeEvent(QEvent *event) override;
    // With an unapplied draft, asks first (a window-modal "quitConfirm", Cancel by default).
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void retranslate();
    void currentChanged();
    void updateBanner();
    void rememberSecret(const QUuid &id, const QString &secret);
    void openRelayDialog(const settings::RelayProfile *existing);

    QSettings &m_settings;
    secrets::SecretStore &m_secrets;
    LanguageManager &m_language;
    std::unique_ptr<Prompter> m_ownPrompter;
    Prompter *m_prompter;
    FleetModel *m_fleet;
    QListView *m_fleetView;
    QTabWidget *m_views;
    OverviewView *m_overview;
    PolicyEditor *m_policyEditor;
    SendersView *m_senders;
    LimitsView *m_limits;
    ContentView *m_content;
    QueueView *m_queue;
    BansView *m_bans;
    ActivityView *m_activity;
    TraceView *m_trace;
    AlertsView *m_alerts;
    AccountsView *m_accounts;
    TestDeliveryView *m_testDelivery;
    HistoryView *m_history;
    AuditView *m_audit;
    QList<RelayView *> m_relayViews; // each shows the selected relay
    SearchPanel *m_searchPanel;
    QDockWidget *m_searchDock;
    QLineEdit *m_searchBox = nullptr;
    QMetaObject::Connection m_policyWatch;
    QMetaObject::Connection m_bannerWatch;
    QLabel *m_banner;
    bool m_closeConfirmed = false;
    QTimer *m_refreshTimer;

    QMenu *m_relayMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_addRelay = nullptr;
    QAction *m_editRelay = nullptr;
    QAction *m_removeRelay = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_about = nullptr;
    QAction *m_systemLanguage = nullptr;
    QList<QAction *> m_languageActions;
    QActionGroup *m_languageGroup = nullptr;
};

} // namespace staffetta::ui
