#include "main_window.h"

#include "accounts_view.h"
#include "activity_view.h"
#include "alerts_view.h"
#include "audit_view.h"
#include "bans_view.h"
#include "content_view.h"
#include "fleet_model.h"
#include "history_view.h"
#include "language.h"
#include "limits_view.h"
#include "overview_view.h"
#include "policy_editor.h"
#include "prompter.h"
#include "queue_model.h"
#include "queue_view.h"
#include "relay_connection.h"
#include "relay_dialog.h"
#include "search_panel.h"
#include "secrets/secret_store.h"
#include "senders_view.h"
#include "settings/profiles.h"
#include "test_delivery_view.h"
#include "trace_view.h"
#include "when_ready.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(QSettings &settings, secrets::SecretStore &secrets,
                       LanguageManager &language, Prompter *prompter, TransportFactory transports,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_language(language)
    , m_ownPrompter(prompter ? nullptr : std::make_unique<DialogPrompter>(this))
    , m_prompter(prompter ? prompter : m_ownPrompter.get())
    , m_fleet(new FleetModel(secrets, *m_prompter, std::move(transports), this))
    , m_fleetView(new QListView(this))
    , m_views(new QTabWidget(this))
    , m_overview(new OverviewView(this))
    , m_policyEditor(new PolicyEditor(this, this))
    , m_senders(new SendersView(*m_policyEditor, this))
    , m_limits(new LimitsView(*m_policyEditor, this))
    , m_content(new ContentView(*m_policyEditor, this))
    , m_queue(new QueueView(this))
    , m_bans(new BansView(this))
    , m_activity(new ActivityView(this))
    , m_trace(new TraceView(this))
    , m_alerts(new AlertsView(this))
    , m_accounts(new AccountsView(this))
    , m_testDelivery(new TestDeliveryView(secrets, this))
    , m_history(new HistoryView(this))
    , m_audit(new AuditView(this))
    , m_relayViews{m_overview, m_content,  m_queue,        m_bans,    m_activity,
                   m_alerts,   m_accounts, m_testDelivery, m_history, m_audit}
    , m_searchPanel(new SearchPanel(this))
    , m_searchDock(new QDockWidget(this))
    , m_banner(new QLabel(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    m_fleetView->setObjectName(u"fleet"_s);
    m_fleetView->setModel(m_fleet);
    m_fleetView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fleetView->setUniformItemSizes(true);
    m_fleetView->setMinimumWidth(220);
    m_views->setObjectName(u"views"_s);
    m_views->addTab(m_overview, QString());
    m_views->addTab(m_senders, QString());
    m_views->addTab(m_limits, QString());
    m_views->addTab(m_content, QString());
    m_views->addTab(m_queue, QString());
    m_views->addTab(m_bans, QString());
    m_views->addTab(m_activity, QString());
    m_views->addTab(m_trace, QString());
    m_views->addTab(m_alerts, QString());
    m_views->addTab(m_accounts, QString());
    m_views->addTab(m_testDelivery, QString());
    m_views->addTab(m_history, QString());
    m_views->addTab(m_audit, QString());
    // The keyboard: every view has a mnemonic (Alt+letter, in the tab's text); Ctrl+PgDn and
    // Ctrl+Tab go to the next view, Ctrl+PgUp and Ctrl+Shift+Tab to the previous one, from
    // anywhere in the window (QTabWidget alone does it only with the focus inside it).
    const auto step = [this](int by) {
        const int n = m_views->count();
        m_views->setCurrentIndex((m_views->currentIndex() + by + n) % n);
    };
    for (auto *next : {new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown), this),
                       new QShortcut(QKeySequence::NextChild, this)})
        connect(next, &QShortcut::activated, this, [step] { step(1); });
    for (auto *previous : {new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp), this),
                           new QShortcut(QKeySequence::PreviousChild, this)})
        connect(previous, &QShortcut::activated, this, [step] { step(-1); });
    const auto showStatus = [this](const QString &message) {
        statusBar()->showMessage(message, 15000);
    };
    connect(m_policyEditor, &PolicyEditor::message, this, showStatus);
    for (RelayView *view : m_relayViews)
        connect(view, &RelayView::message, this, showStatus);
    connect(m_searchPanel, &SearchPanel::message, this, showStatus);
    connect(m_trace, &TraceView::message, this, showStatus);
    m_trace->setRelays([this] { return m_fleet->connections(); });
    connect(m_activity, &ActivityView::traceRequested, this, &MainWindow::showTrace);
    connect(m_alerts, &AlertsView::activityRequested, this, &MainWindow::showActivity);
    connect(m_accounts, &AccountsView::limitsRequested, this, [this](const QString &login) {
        m_views->setCurrentWidget(m_limits);
        m_limits->selectAccount(login);
    });
    // A rollback is a new revision: the editors follow it unless a draft is open (its apply
    // then meets the new revision as a conflict, with merge).
    connect(m_history, &HistoryView::rolledBack, m_policyEditor, &PolicyEditor::reloadIfClean);
    connect(m_searchPanel, &SearchPanel::showTrace, this, &MainWindow::traceTerm);
    connect(m_searchPanel, &SearchPanel::showMessage, this,
            [this](const QUuid &relayId, const QString &id) {
                selectRelay(relayId);
                m_views->setCurrentWidget(m_queue);
                m_queue->filterTo(id);
            });
    m_searchDock->setObjectName(u"searchDock"_s);
    m_searchDock->setWidget(m_searchPanel);
    m_searchDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, m_searchDock);
    m_searchDock->hide();

    m_banner->setObjectName(u"relayBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setMargin(6);
    m_banner->setVisible(false);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_views, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_fleetView);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    resize(1000, 640);

    createActions();
    connect(m_fleetView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::currentChanged);
    connect(m_fleetView, &QListView::doubleClicked, this, &MainWindow::connectRelay);
    connect(m_fleet, &FleetModel::secretToRemember, this, &MainWindow::rememberSecret);
    connect(m_fleet, &FleetModel::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });

    m_fleet->setProfiles(settings::ProfileStore(m_settings).load());
    if (m_fleet->rowCount() > 0)
        m_fleetView->setCurrentIndex(m_fleet->index(0));
    // Every saved relay connects at start; one that does not answer is retried by itself.
    for (RelayConnection *c : m_fleet->connections())
        c->refresh();

    // Live status: every online relay is asked again periodically, off the UI thread.
    m_refreshTimer->setInterval(settings::Preferences(m_settings).refreshSeconds() * 1000);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshOnline);
    m_refreshTimer->start();

    retranslate();
    currentChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int drafts = m_policyEditor->unappliedDrafts();
    if (drafts == 0 || m_closeConfirmed) {
        QMainWindow::closeEvent(event);
        return;
    }
    event->ignore();
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Unapplied changes"),
        tr("%n policy draft(s) not applied yet. Quit anyway and lose them?", nullptr, drafts),
        QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(u"quitConfirm"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Discard)->setText(tr("Quit and lose them"));
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() != box->button(QMessageBox::Discard))
            return;
        m_closeConfirmed = true;
        close();
    });
    box->open();
}

void MainWindow::createActions()
{
    m_addRelay = new QAction(this);
    m_addRelay->setObjectName(u"addRelay"_s);
    m_addRelay->setShortcut(QKeySequence::New);
    connect(m_addRelay, &QAction::triggered, this, &MainWindow::addRelay);
    m_editRelay = new QAction(this);
    m_editRelay->setObjectName(u"editRelay"_s);
    connect(m_editRelay, &QAction::triggered, this, &MainWindow::editRelay);
    m_removeRelay = new QAction(this);
    m_removeRelay->setObjectName(u"removeRelay"_s);
    connect(m_removeRelay, &QAction::triggered, this, &MainWindow::removeRelay);
    m_connect = new QAction(this);
    m_connect->setObjectName(u"connectRelay"_s);
    m_connect->setShortcut(QKeySequence::Refresh);
    connect(m_connect, &QAction::triggered, this, &MainWindow::connectRelay);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Staffetta"),
                           tr("Staffetta %1 — the console for outbound SMTP relays.")
                               .arg(QStringLiteral(STAFFETTA_VERSION)));
    });

    m_relayMenu = menuBar()->addMenu(QString());
    m_relayMenu->addActions({m_addRelay, m_editRelay, m_removeRelay});
    m_relayMenu->addSeparator();
    m_relayMenu->addAction(m_connect);
    m_relayMenu->addSeparator();
    m_relayMenu->addAction(m_quit);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    m_systemLanguage = m_languageMenu->addAction(QString());
    m_systemLanguage->setData(QString());
    m_languageMenu->addSeparator();
    // Language names are written in their own language, as users look for them.
    const QList<std::pair<QString, QString>> languages{{u"en"_s, u"English"_s},
                                                       {u"it"_s, u"Italiano"_s}};
    for (const auto &[code, name] : languages) {
        QAction *a = m_languageMenu->addAction(name);
        a->setData(code);
        m_languageActions.append(a);
    }
    const QString chosen = settings::Preferences(m_settings).language();
    for (QAction *a : m_languageMenu->actions()) {
        if (a->isSeparator())
            continue;
        a->setCheckable(true);
        a->setChecked(a->data().toString() == chosen);
        m_languageGroup->addAction(a);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this, [this](QAction *a) {
        settings::Preferences(m_settings).setLanguage(a->data().toString());
        m_language.apply(a->data().toString());
    });

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);

    auto *toolbar = addToolBar(QString());
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setMovable(false);
    toolbar->addActions({m_addRelay, m_connect});
    toolbar->addSeparator();
    m_searchBox = new QLineEdit(toolbar);
    m_searchBox->setObjectName(u"globalSearch"_s);
    m_searchBox->setClearButtonEnabled(true);
    // Ctrl+F: the search, from anywhere in the window.
    connect(new QShortcut(QKeySequence::Find, this), &QShortcut::activated, this, [this] {
        m_searchBox->setFocus(Qt::ShortcutFocusReason);
        m_searchBox->selectAll();
    });
    m_searchBox->setMaximumWidth(320);
    toolbar->addWidget(m_searchBox);
    connect(m_searchBox, &QLineEdit::returnPressed, this, [this] { search(m_searchBox->text()); });
}

void MainWindow::search(const QString &term)
{
    if (term.trimmed().isEmpty())
        return;
    m_searchDock->show();
    m_searchDock->raise();
    m_searchPanel->search(term, m_fleet->connections());
}

void MainWindow::showActivity(const QUuid &relayId, const QString &account)
{
    selectRelay(relayId);
    if (!currentConnection() || currentConnection()->profile().id != relayId)
        return;
    m_views->setCurrentWidget(m_activity);
    m_activity->showAccount(account);
}

void MainWindow::showTrace(RelayConnection *relay, const QString &account, const QDateTime &from,
                           const QDateTime &to)
{
    if (!relay)
        return;
    api::TraceRequest request;
    request.account = account;
    request.from = from;
    request.to = to.addSecs(-1); // the bucket's last second: `to` is inclusive
    m_views->setCurrentWidget(m_trace);
    m_trace->run(request, {relay});
}

void MainWindow::traceTerm(const QString &term)
{
    m_views->setCurrentWidget(m_trace);
    m_trace->traceTerm(term, m_fleet->connections());
}

void MainWindow::retranslate()
{
    if (m_fleet) // the banner speaks the new language
        updateBanner();
    setWindowTitle(tr("Staffetta"));
    m_relayMenu->setTitle(tr("&Relay"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_addRelay->setText(tr("&Add relay…"));
    m_editRelay->setText(tr("&Edit relay…"));
    m_removeRelay->setText(tr("Re&move relay"));
    m_connect->setText(tr("&Connect / refresh"));
    m_quit->setText(tr("&Quit"));
    m_about->setText(tr("&About Staffetta"));
    m_systemLanguage->setText(tr("System language"));
    m_views->setTabText(m_views->indexOf(m_overview), tr("&Overview"));
    m_views->setTabText(m_views->indexOf(m_senders), tr("&Senders"));
    m_views->setTabText(m_views->indexOf(m_limits), tr("Li&mits"));
    m_views->setTabText(m_views->indexOf(m_content), tr("&Content"));
    m_views->setTabText(m_views->indexOf(m_queue), tr("&Queue"));
    m_views->setTabText(m_views->indexOf(m_bans), tr("&Bans"));
    m_views->setTabText(m_views->indexOf(m_activity), tr("&Activity"));
    m_views->setTabText(m_views->indexOf(m_trace), tr("&Trace"));
    m_views->setTabText(m_views->indexOf(m_alerts), tr("Al&erts"));
    m_views->setTabText(m_views->indexOf(m_accounts), tr("Acco&unts"));
    m_views->setTabText(m_views->indexOf(m_testDelivery), tr("Test &delivery"));
    m_views->setTabText(m_views->indexOf(m_history), tr("Histor&y"));
    m_views->setTabText(m_views->indexOf(m_audit), tr("Aud&it"));
    m_searchDock->setWindowTitle(tr("Search"));
    m_searchBox->setPlaceholderText(tr("Search IP, address or queue id on all relays"));
    m_fleet->retranslate();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

RelayConnection *MainWindow::currentConnection() const
{
    return m_fleet->connectionAt(m_fleetView->currentIndex().row());
}

void MainWindow::selectRelay(const QUuid &id)
{
    const int row = m_fleet->rowOf(id);
    if (row >= 0)
        m_fleetView->setCurrentIndex(m_fleet->index(row));
}

void MainWindow::currentChanged()
{
    RelayConnection *c = currentConnection();
    for (RelayView *view : m_relayViews)
        view->setConnection(c);
    // The policy draft follows the selected relay; it is read once the relay is online.
    m_policyEditor->setConnection(c);
    disconnect(m_policyWatch);
    if (c) {
        auto loadWhenOnline = [this, c] {
            if (c->state() == RelayConnection::State::Online && !m_policyEditor->isLoaded() &&
                !m_policyEditor->isBusy())
                m_policyEditor->reload();
        };
        m_policyWatch = connect(c, &RelayConnection::changed, this, loadWhenOnline);
        loadWhenOnline();
    }
    disconnect(m_bannerWatch);
    if (c)
        m_bannerWatch = connect(c, &RelayConnection::changed, this, &MainWindow::updateBanner);
    updateBanner();
    m_editRelay->setEnabled(c != nullptr);
    m_removeRelay->setEnabled(c != nullptr);
    m_connect->setEnabled(c != nullptr);
}

void MainWindow::updateBanner()
{
    RelayConnection *c = currentConnection();
    QString text;
    QString style;
    if (c && c->info() && !c->isReachable() && c->state() != RelayConnection::State::Idle) {
        const QString why = c->lastError() ? c->lastError()->message : QString();
        text = tr("%1 does not answer%2. What you see was read at %3 and may be out of date; "
                  "the actions that need the relay are off until it answers again.")
                   .arg(c->profile().name, why.isEmpty() ? QString() : u" ("_s + why + u')',
                        QLocale().toString(c->lastUpdate(), QLocale::ShortFormat));
        style = u"background: #ffebee; color: #b71c1c;"_s;
    } else if (c && c->isReachable() && c->isDegraded()) {
        text = tr("On %1 these are down: %2. Mail may wait or be refused until they run again.")
                   .arg(c->profile().name, c->servicesDown().join(u", "_s));
        style = u"background: #fff3e0; color: #e65100;"_s;
    }
    m_banner->setText(text);
    m_banner->setStyleSheet(style);
    m_banner->setVisible(!text.isEmpty());
}

void MainWindow::saveProfile(const settings::RelayProfile &profile)
{
    settings::ProfileStore(m_settings).save(profile);
    m_fleet->upsert(profile);
    selectRelay(profile.id);
}

void MainWindow::openRelayDialog(const settings::RelayProfile *existing)
{
    auto *dialog = new RelayDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (existing)
        dialog->setProfile(*existing);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        settings::RelayProfile profile = dialog->profile();
        const bool added = m_fleet->rowOf(profile.id) < 0;
        saveProfile(profile);
        RelayConnection *c = m_fleet->connectionAt(m_fleet->rowOf(profile.id));
        // What was typed is used now, even when no keychain can keep it.
        if (c && !dialog->secret().isEmpty())
            c->setSessionSecret(dialog->secret());
        if (dialog->saveSecret())
            rememberSecret(profile.id, dialog->secret());
        // A new relay connects at once; an edited one whose endpoint changed too (the edit
        // left it not connected).
        if (c && (added || c->state() == RelayConnection::State::Idle))
            c->refresh();
    });
    dialog->open();
}

void MainWindow::addRelay()
{
    openRelayDialog(nullptr);
}

void MainWindow::editRelay()
{
    if (RelayConnection *c = currentConnection()) {
        const settings::RelayProfile profile = c->profile();
        openRelayDialog(&profile);
    }
}

void MainWindow::removeRelay()
{
    RelayConnection *c = currentConnection();
    if (!c)
        return;
    const settings::RelayProfile profile = c->profile();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove relay"),
                                tr("Remove the relay %1 from this console? Its saved secret is "
                                   "removed from the keychain too; the relay itself is not "
                                   "touched.")
                                    .arg(profile.name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, profile] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        settings::ProfileStore(m_settings).remove(profile.id);
        m_fleet->remove(m_fleet->rowOf(profile.id));
        if (profile.secretInKeychain)
            m_secrets.remove(profile.keychainKey());
        currentChanged();
    });
    box->open();
}

void MainWindow::connectRelay()
{
    if (RelayConnection *c = currentConnection())
        c->refresh();
}

void MainWindow::refreshOnline()
{
    for (RelayConnection *c : m_fleet->connections()) {
        if (c->state() == RelayConnection::State::Online)
            c->refresh();
    }
    // A colleague's change shows up by itself, unless there is a draft to protect.
    if (m_views->currentWidget() == m_senders || m_views->currentWidget() == m_limits ||
        m_views->currentWidget() == m_content)
        m_policyEditor->reloadIfClean();
    m_limits->refreshUsage();
    // The History and Audit views on screen follow the relay's new revisions and entries.
    if (m_views->currentWidget() == m_history)
        m_history->reload();
    else if (m_views->currentWidget() == m_audit)
        m_audit->reload();
}

void MainWindow::rememberSecret(const QUuid &id, const QString &secret)
{
    const int row = m_fleet->rowOf(id);
    if (row < 0)
        return;
    whenReady(m_secrets.write(m_fleet->connectionAt(row)->profile().keychainKey(), secret), this,
              [this, id](const Result<Done> &r) {
                  const int current = m_fleet->rowOf(id);
                  if (current < 0)
                      return;
                  if (!r) {
                      statusBar()->showMessage(r.error().message, 15000);
                      return;
                  }
                  settings::RelayProfile profile = m_fleet->connectionAt(current)->profile();
                  profile.secretInKeychain = true;
                  settings::ProfileStore(m_settings).save(profile);
                  m_fleet->upsert(profile);
                  statusBar()->showMessage(
                      tr("The secret of %1 is saved in the system keychain.").arg(profile.name),
                      8000);
              });
}

} // namespace staffetta::ui
