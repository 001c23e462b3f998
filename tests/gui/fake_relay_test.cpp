// The console offscreen against a fake relay (canned answers, no lab): what the views do with
// what a relay says. What the relay itself does is tested against the lab (the other files).
#include "activity_view.h"
#include "alerts_view.h"
#include "bans_view.h"
#include "bucket_bars.h"
#include "client/texts.h"
#include "content_view.h"
#include "fleet_model.h"
#include "history_view.h"
#include "limits_view.h"
#include "main_window.h"
#include "overview_view.h"
#include "policy_editor.h"
#include "queue_model.h"
#include "queue_view.h"
#include "reputation_panel.h"
#include "search_panel.h"
#include "settings/profiles.h"
#include "trace_view.h"

#include "console_fixture.h"
#include "fake_relay.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QValueAxis>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 GiB = qint64(1) << 30;

QJsonObject queuedMessage(const QString &id, const QString &queue)
{
    return {{u"queue_id"_s, id},
            {u"queue_name"_s, queue},
            {u"arrival_time"_s, 1764500000},
            {u"message_size"_s, 1200},
            {u"sender"_s, u"bob@lab.test"_s},
            {u"recipients"_s, QJsonArray{QJsonObject{{u"address"_s, u"x@example.net"_s}}}}};
}

class FakeConsole : public ::testing::Test
{
protected:
    void SetUp() override
    {
        settings =
            std::make_unique<QSettings>(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
        window = std::make_unique<ui::MainWindow>(*settings, secrets, language, &prompter,
                                                  relay->factory(relay));
        window->show();
        relay->setRole(Role::Admin, u"admin"_s);
        policy::Policy p;
        for (const QString &login : {u"alice"_s, u"bob"_s}) {
            policy::Account a;
            a.login = login;
            p.accounts.append(a);
        }
        setPolicy(p);
        relay->results.insert(
            u"usage"_s, QJsonObject{{u"time"_s, u"2026-12-01T10:00:00Z"_s},
                                    {u"window"_s, u"calendar_day"_s},
                                    {u"accounts"_s, QJsonArray{QJsonObject{{u"login"_s, u"alice"_s},
                                                                           {u"used"_s, 12},
                                                                           {u"quota"_s, 300}}}}});
    }

    void setPolicy(const policy::Policy &p, const QStringList &accounts = {})
    {
        relay->results.insert(
            u"policy get"_s,
            QJsonObject{{u"revision"_s, 7},
                        {u"policy"_s, QJsonDocument::fromJson(p.toJson()).object()},
                        {u"role"_s, u"admin"_s},
                        {u"accounts"_s, QJsonArray::fromStringList(accounts)}});
    }

    // Connects to a relay with one deferred message in its queue, selects it in the Queue view
    // and asks to hold it: the confirmation, not answered yet.
    QMessageBox *holdTheQueuedMessage(api::QueueAction action = api::QueueAction::Hold)
    {
        relay->results.insert(u"queue list"_s,
                              QJsonObject{{u"matched"_s, 1},
                                          {u"total"_s, 1},
                                          {u"counts"_s, QJsonObject{{u"deferred"_s, 1}}}});
        relay->items.insert(u"queue list"_s,
                            QJsonArray{queuedMessage(u"4ABCDEF12"_s, u"deferred"_s)});
        relay->results.insert(u"queue show"_s, QJsonObject{{u"messages"_s, QJsonArray{}}});
        connectRelay();
        ui::QueueView *view = window->queue();
        window->views()->setCurrentWidget(view);
        if (!waitUntil([&] { return view->model()->rowCount() == 1; }))
            return nullptr;
        view->table()->selectRow(0);
        view->act(action);
        return waitForWidget<QMessageBox>(u"queueConfirm"_s);
    }

    // The relay's answer to holding the queued message: held.
    static QJsonObject heldAnswer()
    {
        return {{u"results"_s,
                 QJsonArray{QJsonObject{{u"id"_s, u"4ABCDEF12"_s}, {u"outcome"_s, u"held"_s}}}}};
    }

    // Connects to a relay and searches it for `term`: the panel once it answered (else null).
    ui::SearchPanel *connectAndSearch(const QString &term)
    {
        connectRelay();
        ui::SearchPanel *panel = window->searchPanel();
        QSignalSpy finished(panel, &ui::SearchPanel::finished);
        window->search(term);
        return waitUntil([&] { return finished.count() == 1; }) ? panel : nullptr;
    }

    // Adds another relay (not connected) and selects it.
    void addOtherRelay()
    {
        settings::RelayProfile p;
        p.id = QUuid::createUuid();
        p.name = u"Other"_s;
        p.ssh.host = u"other.relay.test"_s;
        window->saveProfile(p);
    }

    // Adds a relay profile (reached through the fake) and connects to it.
    ui::RelayConnection *connectRelay(const QString &name = u"Fake"_s)
    {
        settings::RelayProfile p;
        p.id = QUuid::createUuid();
        p.name = name;
        p.ssh.host = u"fake.relay.test"_s;
        window->saveProfile(p);
        window->connectAction()->trigger();
        ui::RelayConnection *c = window->currentConnection();
        EXPECT_TRUE(waitUntil([&] { return c->state() == ui::RelayConnection::State::Online; }))
            << (c->lastError() ? c->lastError()->message.toStdString() : "");
        return c;
    }

    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    secrets::SecretStore secrets{u"staffetta-test"_s};
    ui::LanguageManager language;
    ScriptedPrompter prompter;
    std::shared_ptr<FakeRelay> relay = std::make_shared<FakeRelay>();
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace

// The size limit goes up to the policy's 1 TiB: editing another default keeps a 5 GiB size
// (a QSpinBox stopped at 2 GiB and wrote that back).
TEST_F(FakeConsole, ASizeAbove2GiBStaysWhenAnotherDefaultIsEdited)
{
    policy::Policy p;
    p.limits.maxMessageSize = 5 * GiB;
    setPolicy(p);
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    window->views()->setCurrentWidget(window->limits());
    auto *quota = window->limits()->findChild<QSpinBox *>(u"defaultQuota"_s);
    auto *size = window->limits()->findChild<QAbstractSpinBox *>(u"defaultSize"_s);
    ASSERT_TRUE(quota && size);
    ASSERT_TRUE(quota->isEnabled());
    quota->setValue(quota->value() + 1);
    emit quota->editingFinished();
    emit size->editingFinished(); // leaving the size box untouched changes nothing either
    ASSERT_EQ(editor->draft().limits.dailyQuota, p.limits.dailyQuota + 1);
    EXPECT_EQ(editor->draft().limits.maxMessageSize, 5 * GiB);
    ASSERT_EQ(editor->changes().size(), 1);
    EXPECT_TRUE(editor->changes()[0].text().contains(u"daily_quota"_s))
        << editor->changes()[0].text().toStdString();
}

// The window closes with an unapplied draft: the undo stack, cleared as the editor goes, told
// the draft bars, which read the editor's draft already destroyed (std::bad_alloc at exit).
TEST_F(FakeConsole, TheWindowClosesWithAnUnappliedDraft)
{
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    editor->edit(u"Change the relay defaults"_s,
                 [](policy::Policy &p) { p.limits.dailyQuota = 42; });
    ASSERT_TRUE(editor->hasChanges());
    window.reset();
    SUCCEED();
}

// Numbers and sizes follow the chosen language, not the system locale (C.UTF-8 on a CI
// machine): Italian groups with dots, and a size limit reads in MB.
TEST_F(FakeConsole, NumbersAndSizesFollowTheChosenLanguage)
{
    policy::Policy p;
    p.limits.maxMessageSize = 10485760;
    p.accounts.append(policy::Account{});
    p.accounts.last().login = u"bob"_s;
    p.accounts.last().maxMessageSize = 20971520;
    setPolicy(p);
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    window->views()->setCurrentWidget(window->limits());
    EXPECT_EQ(QLocale().toString(10485760), u"10.485.760"_s);
    auto *size = window->limits()->findChild<QDoubleSpinBox *>(u"defaultSize"_s);
    ASSERT_NE(size, nullptr);
    EXPECT_TRUE(size->text().startsWith(u"10.485.760"_s)) << size->text().toStdString();
    EXPECT_EQ(window->limits()->findChild<QLabel *>(u"defaultSizeHuman"_s)->text(), u"= 10,0 MB"_s);
    ui::AccountLimitsModel *model = window->limits()->model();
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, ui::AccountLimitsModel::Size).data().toString(), u"20,0 MB"_s);
    EXPECT_EQ(model->index(0, ui::AccountLimitsModel::Size).data(Qt::EditRole).toLongLong(),
              20971520);
    EXPECT_EQ(ui::LanguageManager::size(3 * 1024 * 1024 / 2), u"1,5 MB"_s);
    language.apply(u"en"_s);
    EXPECT_EQ(QLocale().toString(10485760), u"10,485,760"_s);
    EXPECT_EQ(ui::LanguageManager::size(3 * 1024 * 1024 / 2), u"1.5 MB"_s);
}

// The History view in the chosen language (its words, the relay's numbers as Italian writes
// them), and a relay that stops answering: what was read stays, the rollback waits for it.
TEST_F(FakeConsole, TheHistorySpeaksTheChosenLanguageAndTheRollbackWaitsForTheRelay)
{
    const QJsonObject quota{{u"op"_s, u"modify"_s},   {u"section"_s, u"account_limit"_s},
                            {u"account"_s, u"bob"_s}, {u"field"_s, u"daily_quota"_s},
                            {u"before"_s, 1000},      {u"after"_s, 2500}};
    relay->results.insert(
        u"policy history 200"_s,
        QJsonObject{{u"current_revision"_s, 9},
                    {u"revisions"_s, QJsonArray{QJsonObject{{u"revision"_s, 9},
                                                            {u"base"_s, 8},
                                                            {u"time"_s, u"2026-12-01T10:00:00Z"_s},
                                                            {u"kind"_s, u"apply"_s},
                                                            {u"user"_s, u"anna"_s},
                                                            {u"role"_s, u"admin"_s},
                                                            {u"origin"_s, u"10.0.0.5"_s},
                                                            {u"comment"_s, u"newsletter"_s},
                                                            {u"changes"_s, QJsonArray{quota}}},
                                                QJsonObject{{u"revision"_s, 8},
                                                            {u"base"_s, 7},
                                                            {u"time"_s, u"2026-11-30T09:00:00Z"_s},
                                                            {u"kind"_s, u"external"_s},
                                                            {u"user"_s, u"root"_s},
                                                            {u"role"_s, u"admin"_s},
                                                            {u"origin"_s, u"local"_s},
                                                            {u"changes"_s, QJsonArray{}}}}}});
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    ui::RelayConnection *c = connectRelay();
    ui::HistoryView *view = window->history();
    window->views()->setCurrentWidget(view);
    EXPECT_EQ(window->views()->tabText(window->views()->indexOf(view)), u"Cro&nologia"_s);
    ASSERT_TRUE(waitUntil([&] { return view->model()->rowCount() == 2; }));
    ui::HistoryModel *model = view->model();
    EXPECT_EQ(model->index(0, ui::HistoryModel::Changes).data().toString(),
              u"bob: quota giornaliera 1.000 → 2.500"_s);
    EXPECT_EQ(model->index(0, ui::HistoryModel::Who).data().toString(), u"anna (amministratore)"_s);
    EXPECT_EQ(model->index(0, ui::HistoryModel::Revision).data().toString(), u"9 (in vigore)"_s);
    EXPECT_EQ(model->index(1, ui::HistoryModel::From).data().toString(), u"sul relay stesso"_s);
    EXPECT_EQ(model->index(1, ui::HistoryModel::Comment).data().toString(),
              u"Modificata a mano sul relay"_s);
    EXPECT_EQ(view->rollbackButton()->text(), u"Ripristina questa revisione…"_s);
    view->selectRevisions({8});
    EXPECT_TRUE(view->rollbackButton()->isEnabled());

    relay->errors.insert(u"info"_s, Error(ErrorCode::HostUnreachable, u"no route"_s));
    window->connectAction()->trigger();
    ASSERT_TRUE(waitUntil([&] { return !c->isReachable(); }));
    EXPECT_EQ(model->rowCount(), 2);
    EXPECT_FALSE(view->rollbackButton()->isHidden());
    EXPECT_FALSE(view->rollbackButton()->isEnabled());
    EXPECT_FALSE(view->rollbackButton()->toolTip().isEmpty());
    language.apply(u"en"_s);
}

// A torn policy file on the relay: the History view still lists the revisions, says what is
// wrong, and restores the file by rolling back to the revision in force (after a question).
TEST_F(FakeConsole, ABrokenPolicyFileIsRestoredFromTheHistory)
{
    relay->results.insert(
        u"policy history 200"_s,
        QJsonObject{{u"current_revision"_s, 4},
                    {u"live_problem"_s, u"invalid: not JSON at offset 100"_s},
                    {u"revisions"_s, QJsonArray{QJsonObject{{u"revision"_s, 4},
                                                            {u"base"_s, 3},
                                                            {u"time"_s, u"2026-12-01T10:00:00Z"_s},
                                                            {u"kind"_s, u"apply"_s},
                                                            {u"user"_s, u"anna"_s},
                                                            {u"role"_s, u"admin"_s},
                                                            {u"origin"_s, u"10.0.0.5"_s},
                                                            {u"changes"_s, QJsonArray{}}}}}});
    ASSERT_EQ(language.apply(u"en"_s), u"en"_s);
    connectRelay();
    ui::HistoryView *view = window->history();
    window->views()->setCurrentWidget(view);
    ASSERT_TRUE(waitUntil([&] { return view->model()->rowCount() == 1; }));
    auto *status = view->findChild<QLabel *>(u"historyStatus"_s);
    EXPECT_TRUE(status->text().contains(u"cannot be used (invalid: not JSON at offset 100)"_s))
        << status->text().toStdString();
    view->selectRevisions({4});
    ASSERT_TRUE(view->rollbackButton()->isEnabled());
    relay->calls.clear();
    view->rollbackButton()->click();
    auto *ask = waitForWidget<QMessageBox>(u"restoreLiveConfirm"_s);
    ASSERT_NE(ask, nullptr);
    ask->button(QMessageBox::Yes)->click();
    EXPECT_TRUE(waitUntil([&] {
        return relay->calls.contains(QStringList{u"policy"_s, u"rollback"_s, u"4"_s});
    }));
}

// The hourly and per-sender limits in the Limits view: off until set, set per account through
// the draft like the other limits.
TEST_F(FakeConsole, HourlyAndPerSenderLimitsAreEditedPerAccount)
{
    policy::Policy p;
    p.limits.senderDailyQuota = 50;
    p.accounts.append(policy::Account{});
    p.accounts.last().login = u"bob"_s;
    setPolicy(p);
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    window->views()->setCurrentWidget(window->limits());
    ui::AccountLimitsModel *model = window->limits()->model();
    const QModelIndex hourly = model->index(0, ui::AccountLimitsModel::Hourly);
    const QModelIndex perSender = model->index(0, ui::AccountLimitsModel::PerSender);
    EXPECT_EQ(hourly.data().toString(), u"off"_s);
    EXPECT_EQ(perSender.data().toString(), u"50 (default)"_s);
    EXPECT_TRUE(model->flags(hourly) & Qt::ItemIsEditable);
    ASSERT_TRUE(model->setData(hourly, u"40"_s, Qt::EditRole));
    ASSERT_TRUE(model->setData(perSender, u"10"_s, Qt::EditRole));
    EXPECT_FALSE(model->setData(hourly, u"0"_s, Qt::EditRole)); // the relay would refuse it
    EXPECT_EQ(editor->draft().account(u"bob"_s)->hourlyQuota, 40);
    EXPECT_EQ(editor->draft().account(u"bob"_s)->senderDailyQuota, 10);
    EXPECT_EQ(model->index(0, ui::AccountLimitsModel::Hourly).data().toString(), u"40"_s);

    // Trusted addresses: checked as the relay checks them, the refusal said.
    const QModelIndex trusted = model->index(0, ui::AccountLimitsModel::Trusted);
    EXPECT_EQ(trusted.data().toString(), u"none"_s);
    EXPECT_FALSE(model->setData(trusted, u"198.51.100.7/24"_s, Qt::EditRole));
    EXPECT_TRUE(
        window->limits()->findChild<QLabel *>(u"limitsProblem"_s)->text().contains(u"host bits"_s));
    ASSERT_TRUE(model->setData(trusted, u"192.0.2.7, 198.51.100.0/24"_s, Qt::EditRole));
    ASSERT_EQ(editor->draft().account(u"bob"_s)->trustedClients.size(), 2);
    EXPECT_EQ(editor->draft().account(u"bob"_s)->trustedClients[1].text(), u"198.51.100.0/24"_s);
    EXPECT_EQ(model->index(0, ui::AccountLimitsModel::Trusted).data().toString(),
              u"192.0.2.7, 198.51.100.0/24"_s);
}

// Quitting with a draft not applied asks first; Cancel (the default) keeps the window.
TEST_F(FakeConsole, QuittingWithAnUnappliedDraftAsksFirst)
{
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    editor->edit(u"Change the relay defaults"_s,
                 [](policy::Policy &p) { p.limits.dailyQuota = 42; });
    ASSERT_TRUE(editor->hasChanges());
    EXPECT_FALSE(window->close());
    auto *box = waitForWidget<QMessageBox>(u"quitConfirm"_s);
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QCoreApplication::processEvents();
    EXPECT_TRUE(window->isVisible());
    EXPECT_TRUE(editor->hasChanges());
    EXPECT_FALSE(window->close());
    box = waitForWidget<QMessageBox>(u"quitConfirm"_s);
    ASSERT_NE(box, nullptr);
    box->button(QMessageBox::Discard)->click();
    EXPECT_TRUE(waitUntil([&] { return !window->isVisible(); }));
}

// The Queue view's details: the rows in view in one call once their listing is in, never while
// a listing loads (a reload waits for the details under way), and not asked again for a message
// whose listing did not change.
TEST_F(FakeConsole, QueueDetailsWaitForTheListingAndAreNotAskedAgainWhileUnchanged)
{
    QJsonArray listed, details;
    for (int i = 0; i < 20; ++i) {
        const QString id = u"4ABCDE%1"_s.arg(i, 3, 10, QChar(u'0'));
        listed.append(queuedMessage(id, u"deferred"_s));
        details.append(QJsonObject{{u"queue_name"_s, u"deferred"_s},
                                   {u"message"_s, queuedMessage(id, u"deferred"_s)}});
    }
    relay->results.insert(u"queue list"_s,
                          QJsonObject{{u"matched"_s, 20},
                                      {u"total"_s, 20},
                                      {u"counts"_s, QJsonObject{{u"deferred"_s, 20}}}});
    relay->items.insert(u"queue list"_s, listed);
    relay->results.insert(u"queue show"_s, QJsonObject{{u"messages"_s, details}});
    relay->delayMs = 150; // each answer takes this long: calls overlap if they are let to
    const QStringList list{u"queue"_s, u"list"_s}, show{u"queue"_s, u"show"_s};
    const auto showCalls = [&](qsizetype from) {
        QList<QStringList> asked; // the ids of each `queue show` from call `from` on
        for (qsizetype i = from; i < relay->calls.size(); ++i) {
            if (relay->calls[i] == show)
                asked.append(QJsonDocument::fromJson(relay->inputs[i])
                                 .object()
                                 .value(u"ids"_s)
                                 .toVariant()
                                 .toStringList());
        }
        return asked;
    };
    ui::QueueView *view = window->queue();
    int loads = 0;
    QObject::connect(view, &ui::QueueView::loaded, [&] { ++loads; });
    bool detailsWhileLoading = false;
    relay->onCall = [&](const QStringList &verb) {
        if (verb.mid(0, 2) == show && view->isLoading())
            detailsWhileLoading = true;
    };
    const auto settled = [&] { // the load and the details it asked for are answered
        QTest::qWait(600);
        return !view->isLoading();
    };
    connectRelay();
    window->views()->setCurrentWidget(view);
    ASSERT_TRUE(waitUntil([&] { return loads == 1; }));
    const qsizetype firstLoad = relay->calls.lastIndexOf(list);
    // The details are on their way (150 ms): a reload now waits for them.
    view->reload();
    EXPECT_EQ(relay->calls.lastIndexOf(list), firstLoad) << "the reload did not wait";
    ASSERT_TRUE(waitUntil([&] { return loads == 2; }));
    ASSERT_TRUE(settled());
    const QList<QStringList> first = showCalls(firstLoad + 1);
    ASSERT_EQ(first.size(), 1) << "the rows in view in one call";
    EXPECT_GE(first[0].size(), 1);
    EXPECT_LE(first[0].size(), 8);
    const QString top = view->proxy()->index(0, 0).data(ui::QueueModel::IdRole).toString();
    EXPECT_TRUE(first[0].contains(top));

    // Nothing changed: a reload asks for no details.
    qsizetype from = relay->calls.size();
    view->reload();
    ASSERT_TRUE(waitUntil([&] { return loads == 3; }));
    ASSERT_TRUE(settled());
    EXPECT_TRUE(showCalls(from).isEmpty());

    // The top message was retried: only its details are asked again.
    for (qsizetype i = 0; i < listed.size(); ++i) {
        QJsonObject m = listed[i].toObject();
        if (m.value(u"queue_id"_s).toString() != top)
            continue;
        m.insert(u"recipients"_s,
                 QJsonArray{QJsonObject{{u"address"_s, u"x@example.net"_s},
                                        {u"delay_reason"_s, u"connection timed out"_s}}});
        listed[i] = m;
    }
    relay->items.insert(u"queue list"_s, listed);
    from = relay->calls.size();
    view->reload();
    ASSERT_TRUE(waitUntil([&] { return loads == 4; }));
    ASSERT_TRUE(settled());
    EXPECT_EQ(showCalls(from), QList<QStringList>{QStringList{top}});
    EXPECT_FALSE(detailsWhileLoading);
}

// Deleting queued mail cannot be undone: its question defaults to No.
TEST_F(FakeConsole, DeleteInTheQueueDefaultsToNo)
{
    QMessageBox *confirm = holdTheQueuedMessage(api::QueueAction::Delete);
    ASSERT_NE(confirm, nullptr);
    ASSERT_NE(confirm->button(QMessageBox::No), nullptr);
    EXPECT_EQ(confirm->defaultButton(), confirm->button(QMessageBox::No));
    confirm->button(QMessageBox::No)->click();
    QCoreApplication::processEvents();
    for (const QStringList &call : std::as_const(relay->calls))
        EXPECT_NE(call.mid(0, 2), (QStringList{u"queue"_s, u"delete"_s}));
}

// A search hit keeps its relay's id, not a pointer: once the relay is removed, a double-click
// on its queued message opens nothing (it used to read the deleted relay).
TEST_F(FakeConsole, AHitOfARemovedRelayOpensNothingWhenDoubleClicked)
{
    relay->results.insert(
        u"search"_s,
        QJsonObject{
            {u"kind"_s, u"queue_id_or_login"_s},
            {u"queue"_s,
             QJsonObject{{u"messages"_s, QJsonArray{queuedMessage(u"4ABCDEF12"_s, u"deferred"_s)}},
                         {u"matched"_s, 1}}}});
    ui::SearchPanel *panel = connectAndSearch(u"4ABCDEF12"_s);
    ASSERT_NE(panel, nullptr);
    QStandardItem *hit = panel->model()->item(0)->child(0);
    ASSERT_NE(hit, nullptr);
    ASSERT_TRUE(hit->text().contains(u"4ABCDEF12"_s)) << hit->text().toStdString();
    const QModelIndex index = hit->index();

    QSignalSpy shown(panel, &ui::SearchPanel::showMessage);
    emit panel->tree()->doubleClicked(index);
    ASSERT_EQ(shown.count(), 1) << "a hit of a relay in the fleet opens its message";
    EXPECT_EQ(window->views()->currentWidget(), window->queue());

    window->fleet()->remove(0);
    EXPECT_EQ(window->fleet()->rowCount(), 0);
    emit panel->tree()->doubleClicked(index);
    EXPECT_EQ(shown.count(), 1);
}

// A relay's refusal of a search is shown in the console's words (client::errorText), not in the
// relay's English message.
TEST_F(FakeConsole, ASearchRefusedByARelayIsShownInTheConsolesWords)
{
    const Error refused(ErrorCode::PermissionDenied, u"permission denied: read_queue"_s,
                        QJsonObject{{u"role"_s, u"viewer"_s}, {u"permission"_s, u"read_queue"_s}});
    ASSERT_NE(client::errorText(refused), refused.message);
    relay->errors.insert(u"search"_s, refused);
    ui::SearchPanel *panel = connectAndSearch(u"4ABCDEF12"_s);
    ASSERT_NE(panel, nullptr);
    EXPECT_EQ(panel->model()->index(0, 1).data().toString(), client::errorText(refused));
}

// An unban from the search results that the relay refuses says why in the console's words.
TEST_F(FakeConsole, AnUnbanFromTheSearchThatFailsIsShownInTheConsolesWords)
{
    const QJsonObject ban{{u"jail"_s, u"postfix-sasl"_s},
                          {u"address"_s, u"192.0.2.1"_s},
                          {u"since"_s, u"2026-12-01T10:00:00Z"_s}};
    relay->results.insert(
        u"search"_s, QJsonObject{{u"kind"_s, u"ip"_s},
                                 {u"ip"_s, QJsonObject{{u"address"_s, u"192.0.2.1"_s},
                                                       {u"bans"_s, QJsonArray{ban}},
                                                       {u"reason"_s, u"wrong_credentials"_s}}}});
    const Error notBanned(
        ErrorCode::NotFound, u"192.0.2.1 is not banned"_s,
        QJsonObject{{u"reason"_s, u"not_banned"_s}, {u"address"_s, u"192.0.2.1"_s}});
    ASSERT_NE(client::errorText(notBanned), notBanned.message);
    relay->errors.insert(u"bans unban"_s, notBanned);
    ui::SearchPanel *panel = connectAndSearch(u"192.0.2.1"_s);
    ASSERT_NE(panel, nullptr);
    auto *unban = panel->findChild<QPushButton *>(u"searchUnban"_s);
    ASSERT_NE(unban, nullptr);
    ASSERT_TRUE(unban->isEnabled());
    QSignalSpy messages(panel, &ui::SearchPanel::message);
    unban->click();
    ASSERT_TRUE(waitUntil([&] { return messages.count() > 0; }));
    EXPECT_EQ(messages.at(0).value(0).toString(), client::errorText(notBanned));
}

// A failed queue action says so in a window-modal box opened from the call's continuation,
// without a nested event loop (QMessageBox::warning ran one inside it).
TEST_F(FakeConsole, AFailedQueueActionShowsItsErrorWithoutANestedEventLoop)
{
    relay->errors.insert(u"queue hold"_s,
                         Error(ErrorCode::Internal, u"postsuper: fatal: the queue is locked"_s));
    QMessageBox *confirm = holdTheQueuedMessage();
    ASSERT_NE(confirm, nullptr);

    // A nested event loop would keep the test inside it: a timer notes it and closes the box.
    bool nested = false;
    QTimer probe;
    probe.setInterval(200);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (QThread::currentThread()->loopLevel() > 0) {
            nested = true;
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        }
    });
    probe.start();
    confirm->button(QMessageBox::Yes)->click();
    auto *error = waitForWidget<QMessageBox>(u"queueError"_s, 3000);
    probe.stop();
    EXPECT_FALSE(nested) << "the error box ran its own event loop";
    ASSERT_NE(error, nullptr) << "no error shown";
    EXPECT_EQ(error->text(), u"postsuper: fatal: the queue is locked"_s);
    EXPECT_EQ(error->windowModality(), Qt::WindowModal);
    error->close();
}

// A queue action's report is shown, and the relay's status is asked again (the sidebar counts
// the queues from `info`).
TEST_F(FakeConsole, AQueueActionIsReportedAndTheRelaysStatusIsAskedAgain)
{
    relay->results.insert(u"queue hold"_s, heldAnswer());
    QMessageBox *confirm = holdTheQueuedMessage();
    ASSERT_NE(confirm, nullptr);
    relay->calls.clear();
    confirm->button(QMessageBox::Yes)->click();
    auto *report = waitForWidget<QMessageBox>(u"queueResults"_s);
    ASSERT_NE(report, nullptr);
    EXPECT_TRUE(
        report->detailedText().contains(u"4ABCDEF12: "_s + ui::QueueView::outcomeText(u"held"_s)))
        << report->detailedText().toStdString();
    report->close();
    EXPECT_TRUE(waitUntil([&] { return relay->calls.contains(QStringList{u"info"_s}); }))
        << "the relay's status was not asked again";
}

// A queue action's report belongs to its relay: when another relay is selected while the
// (late) answer is on its way, no report about the first relay's queue opens over the second.
// The write itself is not interrupted.
TEST_F(FakeConsole, AQueueActionsReportIsNotShownForTheNextSelectedRelay)
{
    relay->results.insert(u"queue hold"_s, heldAnswer());
    QMessageBox *confirm = holdTheQueuedMessage();
    ASSERT_NE(confirm, nullptr);
    relay->delayMs = 300;
    confirm->button(QMessageBox::Yes)->click();
    addOtherRelay();
    ASSERT_EQ(window->queue()->connection(), window->currentConnection());
    EXPECT_EQ(waitForWidget<QMessageBox>(u"queueResults"_s, 800), nullptr)
        << "the first relay's queue report was shown over the second";
    EXPECT_TRUE(relay->calls.contains(QStringList{u"queue"_s, u"hold"_s}));
}

// The same for the Bans view's writes: an unban's report does not reach the status of the
// relay selected meanwhile.
TEST_F(FakeConsole, AnUnbansReportIsNotShownForTheNextSelectedRelay)
{
    relay->results.insert(u"bans list"_s,
                          QJsonObject{{u"jails"_s, QJsonArray{}}, {u"whitelist"_s, QJsonArray{}}});
    relay->results.insert(u"bans unban"_s,
                          QJsonObject{{u"jails"_s, QJsonArray{u"postfix-sasl"_s}}});
    connectRelay();
    ui::BansView *bans = window->bans();
    window->views()->setCurrentWidget(bans);
    auto *status = bans->findChild<QLabel *>(u"bansStatus"_s);
    ASSERT_TRUE(waitUntil([&] { return status->text() == u"0 banned"_s; }))
        << status->text().toStdString();
    QSignalSpy messages(bans, &ui::BansView::message);
    relay->delayMs = 300;
    bans->unbanAddress(u"192.0.2.1"_s);
    addOtherRelay();
    waitUntil([] { return false; }, 800); // the late answer has arrived by now
    EXPECT_TRUE(relay->calls.contains(QStringList{u"bans"_s, u"unban"_s}));
    EXPECT_FALSE(status->text().contains(u"192.0.2.1"_s)) << status->text().toStdString();
    for (const QList<QVariant> &m : messages)
        EXPECT_FALSE(m.value(0).toString().contains(u"192.0.2.1"_s))
            << m.value(0).toString().toStdString();
}

// The review speaks people: the account, the limit in words, numbers in the chosen language,
// and a new override names the default it replaces.
TEST_F(FakeConsole, TheReviewSaysEachChangeInPlainWords)
{
    policy::Policy p;
    p.localDomains = {u"lab.test"_s};
    for (const QString &login : {u"alice"_s, u"bob"_s}) {
        p.accounts.append(policy::Account{});
        p.accounts.last().login = login;
    }
    p.accounts.first().dailyQuota = 1000;
    setPolicy(p);
    ASSERT_EQ(language.apply(u"en"_s), u"en"_s);
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    window->views()->setCurrentWidget(window->limits());
    ui::AccountLimitsModel *model = window->limits()->model();
    ASSERT_TRUE(
        model->setData(model->index(0, ui::AccountLimitsModel::Quota), u"2500"_s, Qt::EditRole));
    ASSERT_TRUE(
        model->setData(model->index(1, ui::AccountLimitsModel::Quota), u"50"_s, Qt::EditRole));
    const auto lines = [&] {
        QStringList out;
        for (const policy::Change &c : editor->changes())
            out.append(client::changeText(c, &editor->draft()));
        return out;
    };
    EXPECT_EQ(lines(), (QStringList{u"alice: daily quota 1,000 → 2,500"_s,
                                    u"bob: daily quota 50 (instead of the relay's 300)"_s}));
    editor->edit(u"senders"_s, [](policy::Policy &d) {
        d.account(u"bob"_s)->senders.append(*policy::SenderPattern::parse(u"*@bob.example"_s));
        d.limits.maxMessageSize = 20 * 1024 * 1024;
    });
    EXPECT_TRUE(lines().contains(u"bob may send as *@bob.example"_s))
        << lines().join(u'\n').toStdString();
    EXPECT_TRUE(lines().contains(u"Relay-wide message size limit: 25 MB → 20 MB"_s))
        << lines().join(u'\n').toStdString();

    // The draft bar counts in words ("no unapplied changes" when there are none) and names
    // the role in the chosen language.
    auto *status = window->limits()->findChild<QLabel *>(u"draftStatus"_s);
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains(u"4 unapplied changes · your role: admin"_s))
        << status->text().toStdString();

    // The same review in Italian, with its separators.
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    // (LanguageChange is posted: the bar words itself again once it arrives.)
    EXPECT_TRUE(waitUntil([&] {
        return status->text().contains(u"il tuo ruolo: amministratore"_s);
    })) << status->text().toStdString();
    EXPECT_TRUE(lines().contains(u"alice: quota giornaliera 1.000 → 2.500"_s))
        << lines().join(u'\n').toStdString();
    EXPECT_TRUE(lines().contains(u"bob: quota giornaliera 50 (al posto di 300 del relay)"_s))
        << lines().join(u'\n').toStdString();
    EXPECT_TRUE(lines().contains(u"bob può inviare come *@bob.example"_s))
        << lines().join(u'\n').toStdString();
    language.apply(u"en"_s);
    editor->discard();
    EXPECT_TRUE(status->text().contains(u"no unapplied changes"_s)) << status->text().toStdString();
}

// The Limits view shows today's use against the quota and edits an override in the draft.
TEST_F(FakeConsole, TheLimitsViewShowsUsageAgainstQuotaAndEditsOverrides)
{
    connectRelay();
    ui::PolicyEditor *editor = window->policyEditor();
    ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }));
    window->views()->setCurrentWidget(window->limits());
    ui::AccountLimitsModel *model = window->limits()->model();
    int alice = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, ui::AccountLimitsModel::Account).data().toString() == u"alice"_s)
            alice = r;
    }
    ASSERT_GE(alice, 0);
    const QModelIndex used = model->index(alice, ui::AccountLimitsModel::Used);
    ASSERT_TRUE(waitUntil([&] { return used.data(ui::AccountLimitsModel::UsedRole).isValid(); }));
    EXPECT_EQ(used.data(ui::AccountLimitsModel::QuotaRole).toInt(), 300);

    const QModelIndex quota = model->index(alice, ui::AccountLimitsModel::Quota);
    EXPECT_FALSE(model->setData(quota, u"0"_s, Qt::EditRole)); // refused, as the relay would
    EXPECT_TRUE(model->setData(quota, u"50"_s, Qt::EditRole));
    ASSERT_EQ(editor->changes().size(), 1);
    EXPECT_EQ(editor->changes()[0].text(), u"+ accounts[alice].daily_quota: 50"_s);
    EXPECT_EQ(used.data(ui::AccountLimitsModel::QuotaRole).toInt(), 50);
    editor->discard();
    EXPECT_FALSE(editor->hasChanges());
}

// What the Bans view offers follows the permissions `info` lists: a partner's has neither
// unban nor whitelist, and the bans are not even asked for.
TEST_F(FakeConsole, APartnerIsOfferedNeitherUnbanNorWhitelist)
{
    relay->setRole(Role::Partner, u"partner"_s);
    const ui::RelayConnection *c = connectRelay();
    EXPECT_FALSE(c->can(Permission::Unban));
    EXPECT_FALSE(c->can(Permission::Whitelist));
    ui::BansView *bans = window->bans();
    window->views()->setCurrentWidget(bans);
    auto *unban = bans->findChild<QPushButton *>(u"bansUnban"_s);
    auto *whitelist = bans->findChild<QPushButton *>(u"bansWhitelist"_s);
    ASSERT_TRUE(unban && whitelist);
    bans->reload();
    EXPECT_EQ(unban->toolTip(), u"This relay does not let you unban addresses."_s);
    EXPECT_EQ(whitelist->toolTip(), u"This relay does not let you change its whitelist."_s);
    EXPECT_FALSE(unban->isEnabled());
    EXPECT_FALSE(whitelist->isEnabled());
    EXPECT_EQ(bans->findChild<QLabel *>(u"bansStatus"_s)->text(),
              u"This relay does not let you see its bans."_s);
    for (const QStringList &call : relay->calls)
        EXPECT_NE(call.value(0), u"bans"_s) << call.join(u' ').toStdString();
}

// A view shows the selected relay only: an answer of the relay selected before that arrives
// after the switch is dropped (RelayView cancels the view's RelayCalls), also when the newly
// selected relay is not asked anything (not connected yet).
TEST(FakeFleet, AnAnswerOfThePreviouslySelectedRelayIsDropped)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
    secrets::SecretStore secrets(u"staffetta-test"_s);
    ui::LanguageManager language;
    ScriptedPrompter prompter;
    auto relay = std::make_shared<FakeRelay>();
    relay->setRole(Role::Admin, u"admin"_s);
    const QJsonObject ban{{u"jail"_s, u"postfix-sasl"_s}, {u"address"_s, u"192.0.2.1"_s}};
    relay->results.insert(
        u"bans list"_s,
        QJsonObject{{u"jails"_s, QJsonArray{QJsonObject{{u"name"_s, u"postfix-sasl"_s},
                                                        {u"bans"_s, QJsonArray{ban}}}}},
                    {u"whitelist"_s, QJsonArray{}}});
    ui::MainWindow window(settings, secrets, language, &prompter, relay->factory(relay));
    window.show();
    QList<QUuid> ids;
    for (const QString &name : {u"First"_s, u"Second"_s}) {
        settings::RelayProfile p;
        p.id = QUuid::createUuid();
        p.name = name;
        window.saveProfile(p);
        ids.append(p.id);
    }
    window.selectRelay(ids[0]);
    window.connectRelay(); // the first relay only
    ASSERT_TRUE(waitUntil(
        [&] { return window.currentConnection()->state() == ui::RelayConnection::State::Online; }));
    ui::BansView *bans = window.bans();
    window.views()->setCurrentWidget(bans);
    ASSERT_TRUE(waitUntil([&] { return bans->model()->rowCount() == 1; }));

    relay->delayMs = 200;       // the first relay answers late now
    bans->reload();             // asks it again; its answer is on its way…
    window.selectRelay(ids[1]); // …when the second relay, not connected, is selected
    EXPECT_EQ(bans->model()->rowCount(), 0);
    waitUntil([] { return false; }, 500); // the late answer has arrived by now
    EXPECT_EQ(bans->model()->rowCount(), 0) << "the first relay's bans shown for the second";
}

namespace {

// The Content view of a connected fake relay, its policy loaded.
class FakeContent : public FakeConsole
{
protected:
    ui::ContentView *openContent(const QString &scope = {})
    {
        connectRelay();
        editor = window->policyEditor();
        if (!waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }))
            return nullptr;
        window->views()->setCurrentWidget(window->content());
        window->content()->selectScope(scope);
        return window->content();
    }
    template<typename T> T *child(const QString &name)
    {
        auto *w = window->content()->findChild<T *>(name);
        EXPECT_NE(w, nullptr) << name.toStdString();
        return w;
    }
    QStringList changeLines() const
    {
        QStringList out;
        for (const policy::Change &c : editor->changes())
            out.append(client::changeText(c));
        return out;
    }
    // As a person picks an item (a program's setCurrentIndex is not an edit).
    static void choose(QComboBox *box, int index)
    {
        box->setCurrentIndex(index);
        emit box->activated(index);
    }
    static void choose(QComboBox *box, policy::BccMode mode)
    {
        choose(box, box->findData(int(mode)));
    }
    ui::PolicyEditor *editor = nullptr;
};

} // namespace

// The relay's allow-list: validated as typed by the policy's own rules, edited in the draft
// (one change line each, undoable); the notice's preview is the SMTP reply in both languages.
TEST_F(FakeContent, TheAllowListIsValidatedAsTypedAndItsEditsAreDraftChanges)
{
    ASSERT_NE(openContent(), nullptr);
    auto *list = child<QListWidget>(u"allowedList"_s);
    auto *edit = child<QLineEdit>(u"allowedNew"_s);
    auto *add = child<QPushButton>(u"allowedAdd"_s);
    auto *remove = child<QPushButton>(u"allowedRemove"_s);
    auto *error = child<QLabel>(u"allowedError"_s);
    ASSERT_TRUE(list && edit && add && remove && error);
    const QStringList defaults = policy::ContentRules::defaultAllowedExtensions();
    EXPECT_EQ(items(list), defaults);
    ASSERT_TRUE(edit->isEnabled());

    edit->setText(u".zip"_s);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_EQ(error->text(), u"Write the extension without the dot: zip"_s);
    edit->setText(u"z-ip"_s);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_EQ(error->text(),
              u"\"z-ip\" is not a file extension: letters and digits only, like pdf or docx."_s);
    edit->setText(u"PDF"_s);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_EQ(error->text(), u"pdf is already in the list."_s);
    edit->setText(u"ZIP"_s);
    EXPECT_TRUE(error->text().isEmpty()) << error->text().toStdString();
    ASSERT_TRUE(add->isEnabled());
    add->click();
    EXPECT_TRUE(edit->text().isEmpty());
    EXPECT_EQ(items(list), defaults + QStringList{u"zip"_s});
    EXPECT_EQ(changeLines(),
              QStringList{u"Relay-wide allowed attachments: %1 → %2"_s.arg(
                  defaults.join(u", "_s), (defaults + QStringList{u"zip"_s}).join(u", "_s))});

    list->findItems(u"pdf"_s, Qt::MatchExactly).value(0)->setSelected(true);
    ASSERT_TRUE(remove->isEnabled());
    remove->click();
    QStringList expected = defaults;
    expected.removeAll(u"pdf"_s);
    expected.append(u"zip"_s);
    EXPECT_EQ(items(list), expected);
    EXPECT_EQ(changeLines(), QStringList{u"Relay-wide allowed attachments: %1 → %2"_s.arg(
                                 defaults.join(u", "_s), expected.join(u", "_s))});
    editor->undoStack()->undo();
    editor->undoStack()->undo();
    EXPECT_TRUE(editor->changes().isEmpty());
    EXPECT_EQ(items(list), defaults);

    // The customers' notice as the relay will send it, in both languages.
    EXPECT_EQ(child<QLabel>(u"previewIt"_s)->text(),
              u"554-5.7.1 L'allegato \"esempio.zip\" ha violato la politica di sicurezza della "
              u"vostra azienda.\n554 5.7.1 La spedizione e' stata bloccata. Per ulteriori "
              u"informazioni, contattare l'Amministratore IT"_s);
    EXPECT_EQ(child<QLabel>(u"previewEn"_s)->text(),
              u"554-5.7.1 The attachment \"esempio.zip\" violated your company's security "
              u"policy.\n554 5.7.1 The message has been blocked. For more information, contact "
              u"your IT Administrator"_s);
    auto *english = child<QPlainTextEdit>(u"noticeEn"_s);
    auto *setNotices = child<QPushButton>(u"noticeSet"_s);
    auto *noticeError = child<QLabel>(u"noticeError"_s);
    ASSERT_TRUE(english && setNotices && noticeError);
    EXPECT_FALSE(setNotices->isEnabled());
    english->setPlainText(u"Refused: {filename} è vietato"_s);
    EXPECT_FALSE(setNotices->isEnabled());
    EXPECT_FALSE(noticeError->text().isEmpty());
    english->setPlainText(u"Refused: {filename}"_s);
    EXPECT_TRUE(noticeError->text().isEmpty()) << noticeError->text().toStdString();
    EXPECT_EQ(child<QLabel>(u"previewEn"_s)->text(), u"554 5.7.1 Refused: esempio.zip"_s);
    ASSERT_TRUE(setNotices->isEnabled());
    setNotices->click();
    ASSERT_EQ(editor->changes().size(), 1);
    EXPECT_EQ(editor->changes()[0].path(), u"content.attachments.notice.en"_s);
    EXPECT_EQ(editor->draft().content.noticeEnglish, u"Refused: {filename}"_s);
    editor->discard();

    // An account follows the relay's list until it has its own, which starts as a copy.
    window->content()->selectScope(u"alice"_s);
    auto *own = child<QCheckBox>(u"allowedOwn"_s);
    ASSERT_NE(own, nullptr);
    EXPECT_FALSE(own->isChecked());
    EXPECT_FALSE(edit->isEnabled());
    own->click();
    EXPECT_EQ(changeLines(), QStringList{u"alice: allowed attachments %1 (its own)"_s.arg(
                                 defaults.join(u", "_s))});
    EXPECT_TRUE(edit->isEnabled());
    edit->setText(u"docx"_s);
    add->click();
    EXPECT_EQ(editor->draft().allowedExtensions(editor->draft().account(u"alice"_s)),
              defaults + QStringList{u"docx"_s});
    EXPECT_EQ(editor->draft().content.allowedExtensions, defaults);
}

// Turning a BCC archive on (an account's or the relay's) warns that the mailboxes' owners must
// be informed and needs an explicit confirmation; cancelled, the draft is unchanged.
TEST_F(FakeContent, TurningOnTheBccArchiveAsksFirstAndCancelLeavesTheDraftUnchanged)
{
    ASSERT_NE(openContent(u"alice"_s), nullptr);
    auto *mode = child<QComboBox>(u"bccMode"_s);
    auto *target = child<QLineEdit>(u"bccTarget"_s);
    auto *error = child<QLabel>(u"bccError"_s);
    ASSERT_TRUE(mode && target && error);
    EXPECT_EQ(mode->currentIndex(), 0); // follows the relay: off
    EXPECT_EQ(mode->currentText(), u"Follow the relay (Off)"_s);

    choose(mode, policy::BccMode::Address);
    EXPECT_EQ(error->text(), u"Type the address the copies go to."_s);
    ASSERT_TRUE(target->isEnabled());
    target->setText(u"archive at example.net"_s);
    emit target->editingFinished();
    EXPECT_EQ(error->text(),
              u"\"archive at example.net\" is not an e-mail address: write name@domain."_s);
    EXPECT_EQ(waitForWidget<QMessageBox>(u"bccConfirm"_s, 300), nullptr);
    EXPECT_TRUE(editor->changes().isEmpty());

    target->setText(u"archive@example.net"_s);
    emit window->currentConnection()->changed(); // a periodic refresh keeps what is typed
    EXPECT_EQ(target->text(), u"archive@example.net"_s);
    emit target->editingFinished();
    auto *box = waitForWidget<QMessageBox>(u"bccConfirm"_s);
    ASSERT_NE(box, nullptr) << "no confirmation";
    EXPECT_EQ(box->text(),
              u"A copy of every message that alice sends will go to archive@example.net."_s);
    EXPECT_TRUE(box->informativeText().contains(u"GDPR"_s));
    auto *turnOn = box->findChild<QPushButton *>(u"bccTurnOn"_s);
    ASSERT_NE(turnOn, nullptr);
    EXPECT_FALSE(turnOn->isEnabled()) << "on before the owners were said to be informed";
    box->button(QMessageBox::Cancel)->click();
    EXPECT_TRUE(editor->changes().isEmpty());
    EXPECT_EQ(mode->currentIndex(), 0);
    EXPECT_TRUE(target->text().isEmpty()) << target->text().toStdString();

    choose(mode, policy::BccMode::Address);
    target->setText(u"archive@example.net"_s);
    emit target->editingFinished();
    box = waitForWidget<QMessageBox>(u"bccConfirm"_s);
    ASSERT_NE(box, nullptr);
    box->findChild<QCheckBox *>(u"bccInformed"_s)->click();
    turnOn = box->findChild<QPushButton *>(u"bccTurnOn"_s);
    ASSERT_TRUE(turnOn->isEnabled());
    turnOn->click();
    EXPECT_EQ(changeLines(),
              QStringList{u"alice: BCC archive copies to archive@example.net (its own)"_s});
    // Turning it off again asks nothing.
    choose(mode, policy::BccMode::Off);
    EXPECT_EQ(waitForWidget<QMessageBox>(u"bccConfirm"_s, 300), nullptr);
    EXPECT_EQ(changeLines(), QStringList{u"alice: BCC archive off (its own)"_s});
    editor->discard();

    // The relay's archive: every account that follows it.
    window->content()->selectScope({});
    choose(mode, policy::BccMode::Mailbox);
    // The retention is the relay's (Dovecot's), said, not edited.
    EXPECT_TRUE(child<QLabel>(u"bccRetention"_s)->text().contains(u"7 days"_s));
    target->setText(u"archivio"_s);
    emit target->editingFinished();
    box = waitForWidget<QMessageBox>(u"bccConfirm"_s);
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->text(), u"A copy of every message sent by the accounts that follow the relay's "
                           u"setting will go to the archive mailbox archivio on the relay."_s);
    box->button(QMessageBox::Cancel)->click();
    EXPECT_TRUE(editor->changes().isEmpty());
    EXPECT_EQ(mode->currentData().toInt(), int(policy::BccMode::Off));
}

// A partner edits its accounts' content rules; the relay's defaults are shown read-only (the
// relay would refuse a change anyway).
TEST_F(FakeContent, APartnerSeesTheRelayDefaultsReadOnly)
{
    relay->setRole(Role::Partner, u"partner"_s);
    policy::Policy p;
    policy::Account bob;
    bob.login = u"bob"_s;
    p.accounts.append(bob);
    setPolicy(p, {u"bob"_s});
    ui::ContentView *view = openContent();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->model()->rowCount(), 2); // the relay's defaults and bob
    EXPECT_EQ(child<QLabel>(u"scopeTitle"_s)->text(),
              u"Relay defaults (read-only for your role)"_s);
    const QStringList inputs{u"language"_s, u"attachmentMode"_s, u"bccMode"_s, u"allowedNew"_s};
    for (const QString &name : inputs)
        EXPECT_FALSE(child<QWidget>(name)->isEnabled()) << name.toStdString();
    EXPECT_TRUE(child<QPlainTextEdit>(u"noticeIt"_s)->isReadOnly());
    EXPECT_FALSE(child<QPushButton>(u"noticeSet"_s)->isEnabled());

    view->selectScope(u"bob"_s);
    EXPECT_EQ(child<QLabel>(u"scopeTitle"_s)->text(), u"Account bob"_s);
    for (const QString &name : {u"language"_s, u"attachmentMode"_s, u"bccMode"_s})
        EXPECT_TRUE(child<QWidget>(name)->isEnabled()) << name.toStdString();
    EXPECT_TRUE(child<QCheckBox>(u"allowedOwn"_s)->isEnabled());
    auto *bobLanguage = child<QComboBox>(u"language"_s);
    choose(bobLanguage, bobLanguage->findData(int(policy::Language::English)));
    EXPECT_EQ(changeLines(), QStringList{u"bob: language English (its own)"_s});
}

namespace {

constexpr qint64 Day = 86400;
constexpr qint64 FirstDay = 1764547200; // 2025-12-01T00:00:00Z

QJsonArray numbers(const QList<qint64> &list)
{
    QJsonArray a;
    for (qint64 n : list)
        a.append(n);
    return a;
}

// Seven days of alice (and a quiet bob), as `stats` answers them.
QJsonObject aliceStats()
{
    QJsonArray starts;
    for (int i = 0; i < 7; ++i)
        starts.append(FirstDay + i * Day);
    const QJsonObject alice{
        {u"account"_s, u"alice"_s},
        {u"series"_s, QJsonObject{{u"accepted_external"_s, numbers({3, 0, 5, 0, 0, 1, 2})},
                                  {u"accepted_local"_s, numbers({1, 0, 0, 0, 0, 0, 0})},
                                  {u"rejected_quota"_s, numbers({0, 0, 4, 0, 0, 0, 0})},
                                  {u"delivered"_s, numbers({3, 0, 4, 0, 0, 1, 2})},
                                  {u"deferred"_s, numbers({0, 0, 1, 0, 0, 0, 0})}}},
        {u"quota"_s, numbers({300, 300, 300, 300, 500, 500, 500})}};
    const QJsonObject bob{{u"account"_s, u"bob"_s},
                          {u"series"_s, QJsonObject{{u"accepted_external"_s, numbers({1})}}},
                          {u"quota"_s, numbers({300})}};
    return {
        {u"bucket"_s, u"day"_s}, {u"starts"_s, starts}, {u"accounts"_s, QJsonArray{alice, bob}}};
}

// alice's message to an unreachable domain, deferred twice, as `trace` answers it.
QJsonObject deferredTrace()
{
    const auto attempt = [](const QString &time) {
        return QJsonObject{
            {u"time"_s, time},
            {u"relay"_s, u"none"_s},
            {u"dsn"_s, u"4.4.1"_s},
            {u"status"_s, u"deferred"_s},
            {u"delay"_s, 0.5},
            {u"reply"_s, u"connect to unreachable.example[192.0.2.1]:25: Connection refused"_s}};
    };
    const QJsonObject message{
        {u"queue_id"_s, u"4XYZ123AB"_s},
        {u"message_id"_s, u"<t1@lab.test>"_s},
        {u"client_ip"_s, u"127.0.0.1"_s},
        {u"client_host"_s, u"localhost"_s},
        {u"account"_s, u"alice"_s},
        {u"sender"_s, u"alice@lab.test"_s},
        {u"size"_s, 512},
        {u"accepted"_s, u"2025-12-03T10:00:00Z"_s},
        {u"recipients"_s,
         QJsonArray{QJsonObject{{u"address"_s, u"x@unreachable.example"_s},
                                {u"status"_s, u"deferred"_s},
                                {u"attempts"_s, QJsonArray{attempt(u"2025-12-03T10:00:01Z"_s),
                                                           attempt(u"2025-12-03T10:05:00Z"_s)}}}}}};
    return {{u"messages"_s, QJsonArray{message}}, {u"matched"_s, 1}};
}

class FakeActivity : public FakeConsole
{
protected:
    ui::ActivityView *openActivity()
    {
        relay->results.insert(u"stats"_s, aliceStats());
        connectRelay();
        ui::ActivityView *view = window->activity();
        QSignalSpy loaded(view, &ui::ActivityView::chartLoaded);
        window->views()->setCurrentWidget(view);
        return waitUntil([&] { return loaded.count() >= 1; }) ? view : nullptr;
    }
};

} // namespace

// The account's bars are the relay's numbers: stacked accepted/refused, the daily quota as a
// line, the delivery attempts beside; the top senders sum the same answer, busiest first.
TEST_F(FakeActivity, TheChartsShowTheAccountsSeriesAndTheQuota)
{
    ui::ActivityView *view = openActivity();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->account(), u"alice"_s); // the busiest sender is shown first
    EXPECT_EQ(view->bars(u"accepted_external"_s), (QList<qreal>{3, 0, 5, 0, 0, 1, 2}));
    EXPECT_EQ(view->bars(u"accepted_local"_s), (QList<qreal>{1, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(view->bars(u"rejected_quota"_s), (QList<qreal>{0, 0, 4, 0, 0, 0, 0}));
    EXPECT_EQ(view->bars(u"rejected_size"_s), (QList<qreal>(7, 0)));
    EXPECT_EQ(view->bars(u"deferred"_s), (QList<qreal>{0, 0, 1, 0, 0, 0, 0}));
    EXPECT_EQ(view->bars(u"bounced"_s), (QList<qreal>(7, 0)));
    ASSERT_EQ(view->quotaSeries()->count(), 7);
    EXPECT_EQ(view->quotaSeries()->at(0).y(), 300);
    EXPECT_EQ(view->quotaSeries()->at(6).y(), 500);
    EXPECT_TRUE(view->quotaSeries()->isVisible());
    EXPECT_EQ(view->seriesName(u"accepted_external"_s), u"Accepted (external)"_s);

    QAbstractItemModel *top = view->topSendersProxy();
    ASSERT_EQ(top->rowCount(), 2);
    EXPECT_EQ(top->index(0, ui::TopSendersModel::Account).data().toString(), u"alice"_s);
    EXPECT_EQ(top->index(0, ui::TopSendersModel::AcceptedExternal)
                  .data(ui::TopSendersModel::SortRole)
                  .toLongLong(),
              11);
    EXPECT_EQ(top->index(0, ui::TopSendersModel::Refused).data(ui::TopSendersModel::SortRole), 4);
    EXPECT_EQ(top->index(0, ui::TopSendersModel::Quota).data(ui::TopSendersModel::SortRole), 500);
    EXPECT_EQ(top->index(1, ui::TopSendersModel::Account).data().toString(), u"bob"_s);
    // Both asked with `stats`: the top senders and alice's chart.
    EXPECT_GE(relay->calls.count(QStringList{u"stats"_s}), 2);
}

// Charts follow the chosen language: labels and the date categories.
TEST_F(FakeActivity, TheChartsFollowTheLanguage)
{
    ui::ActivityView *view = openActivity();
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    QCoreApplication::processEvents();
    EXPECT_EQ(view->seriesName(u"accepted_external"_s), u"Accettati (esterni)"_s);
    EXPECT_EQ(view->quotaSeries()->name(), u"Quota giornaliera"_s);
    EXPECT_EQ(view->trafficChart()->locale().language(), QLocale::Italian);
    // A label a day (seven), the language's short date without the year.
    ASSERT_EQ(view->trafficAxis()->categoriesLabels().size(), 7);
    const QString first = view->trafficAxis()->categoriesLabels().first();
    EXPECT_TRUE(first == u"01/12"_s || first == u"30/11"_s) << first.toStdString();
    language.apply(u"en"_s);
    QCoreApplication::processEvents();
    EXPECT_EQ(view->seriesName(u"accepted_external"_s), u"Accepted (external)"_s);
}

// A click on a bar opens the Trace view with that account and bucket; the deferred message
// is there with the remote server's words in its timeline.
TEST_F(FakeActivity, ABarOpensTheTraceOfItsBucket)
{
    ui::ActivityView *view = openActivity();
    ASSERT_NE(view, nullptr);
    relay->results.insert(u"trace"_s, deferredTrace());
    ui::TraceView *trace = window->trace();
    QSignalSpy finished(trace, &ui::TraceView::finished);
    // A click halfway up bucket 2's deferred bar (4 delivered, then 1 deferred), through the
    // chart's scene.
    auto *chartView = view->findChild<QChartView *>(u"deliveryChart"_s);
    ASSERT_NE(chartView, nullptr);
    QChart *chart = view->deliveryChart();
    const QPointF inBar = chart->mapToScene(
        chart->mapToPosition(QPointF(2.5, 4.5), view->deliveryBars()->series(u"deferred"_s)));
    // Under the pointer, its numbers.
    EXPECT_EQ(view->tipAt(chartView, chartView->mapFromScene(inBar)).split(u'\n').mid(1),
              (QStringList{u"Delivered: 4"_s, u"Deferred: 1"_s}));
    QTest::mouseClick(chartView->viewport(), Qt::LeftButton, {}, chartView->mapFromScene(inBar));
    EXPECT_EQ(window->views()->currentWidget(), trace);
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    EXPECT_EQ(trace->accountEdit()->text(), u"alice"_s);
    EXPECT_EQ(trace->findChild<QDateTimeEdit *>(u"traceFrom"_s)->dateTime().toUTC(),
              QDateTime::fromSecsSinceEpoch(FirstDay + 2 * Day, Qt::UTC));
    ASSERT_EQ(trace->model()->rowCount(), 1);
    QStandardItem *group = trace->model()->item(0);
    ASSERT_EQ(group->rowCount(), 1);
    EXPECT_EQ(group->child(0, 1)->text(), u"4XYZ123AB"_s);
    EXPECT_EQ(group->child(0)->data(ui::TraceView::StatusRole).toString(), u"deferred"_s);
    trace->tree()->setCurrentIndex(group->child(0)->index());
    const QString timeline = trace->timeline()->toPlainText();
    EXPECT_TRUE(timeline.contains(u"accepted from 127.0.0.1"_s)) << timeline.toStdString();
    EXPECT_TRUE(timeline.contains(u"Connection refused"_s)) << timeline.toStdString();
    EXPECT_TRUE(timeline.contains(u"x@unreachable.example: finally deferred"_s))
        << timeline.toStdString();
}

// The toolbar search's trace: an address is asked as sender, recipient and message-id and the
// answers merged; the relays not connected are named; the CSV holds one line per recipient.
TEST_F(FakeActivity, ASearchTermIsTracedOnEveryRelayAndExportedAsCsv)
{
    relay->results.insert(u"trace"_s, deferredTrace());
    relay->results.insert(u"search"_s, QJsonObject{{u"kind"_s, u"address"_s}});
    ui::SearchPanel *panel = connectAndSearch(u"x@unreachable.example"_s);
    ASSERT_NE(panel, nullptr);
    addOtherRelay(); // in the fleet, never connected
    QStandardItem *group = panel->model()->item(0);
    ASSERT_NE(group, nullptr);
    QStandardItem *traceItem = group->child(group->rowCount() - 1);
    ASSERT_TRUE(traceItem->text().contains(u"Trace"_s)) << traceItem->text().toStdString();
    ui::TraceView *trace = window->trace();
    QSignalSpy finished(trace, &ui::TraceView::finished);
    const int before = int(relay->calls.count(QStringList{u"trace"_s}));
    emit panel->tree()->doubleClicked(traceItem->index());
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }));
    EXPECT_EQ(relay->calls.count(QStringList{u"trace"_s}) - before, 3);
    ASSERT_EQ(trace->model()->rowCount(), 1);
    EXPECT_EQ(trace->model()->item(0)->rowCount(), 1); // the same message thrice: once
    EXPECT_EQ(trace->coverage()->text(), u"Not covered (not connected or not allowed): Other"_s);

    const QString path = dir.filePath(u"trace.csv"_s);
    QSignalSpy exported(trace, &ui::TraceView::exported);
    trace->exportCsv(path);
    ASSERT_TRUE(waitUntil([&] { return exported.count() == 1; }));
    EXPECT_EQ(exported.at(0).at(1).toString(), QString());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines[0], u"relay,queue_id,message_id,accepted,client_ip,account,sender,recipient,"
                        u"status,last_attempt,dsn,remote_host,reply"_s);
    EXPECT_EQ(lines[1], u"Fake,4XYZ123AB,<t1@lab.test>,2025-12-03T10:00:00Z,127.0.0.1,alice,"
                        u"alice@lab.test,x@unreachable.example,deferred,2025-12-03T10:05:00Z,"
                        u"4.4.1,none,connect to unreachable.example[192.0.2.1]:25: Connection "
                        u"refused"_s);
}

// The bars drawn are the values given, stacked, spaced (a week of days) or touching (a week of
// hours, one outline of steps a series), 90 days of hours in columns of 12; a click lands on
// the bucket under the pointer.
TEST(BucketBars, TheOutlinesAreTheValuesAndAClickNamesItsBucket)
{
    QChart *chart = new QChart;
    QChartView view(chart);
    view.resize(1200, 500);
    auto *x = new QValueAxis;
    auto *y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    ui::BucketBars bars(chart, {u"a"_s, u"b"_s}, x, y);
    view.show();
    const auto fill = [&](qsizetype n) {
        QList<qreal> a(n), b(n);
        for (qsizetype i = 0; i < n; ++i) {
            a[i] = qreal(i % 5);
            b[i] = qreal((i * 7) % 3);
        }
        bars.setValues(n, {{u"a"_s, a}, {u"b"_s, b}});
        // Over MaxColumns, a column spans a run of buckets and shows each series' highest.
        const qsizetype run = (n + ui::BucketBars::MaxColumns - 1) / ui::BucketBars::MaxColumns;
        EXPECT_EQ(bars.run(), run);
        const auto highest = [&](QList<qreal> v) {
            for (qsizetype i = 0; i < n; ++i)
                v[i] = *std::max_element(v.cbegin() + (i / run) * run,
                                         v.cbegin() + std::min((i / run + 1) * run, n));
            return v;
        };
        EXPECT_EQ(bars.drawn(u"a"_s), highest(a)) << n;
        EXPECT_EQ(bars.drawn(u"b"_s), highest(b)) << n;
        // Stacked: a on the axis, b on a.
        const QList<qreal> baseA = bars.drawnBase(u"a"_s), baseB = bars.drawnBase(u"b"_s);
        const QList<qreal> topA = highest(a), heightB = highest(b);
        for (qsizetype i = 0; i < n; ++i) {
            EXPECT_EQ(baseA[i], 0) << n << " " << i;
            if (heightB[i] > 0) { // (where b has no bar, its outline has no base)
                EXPECT_EQ(baseB[i], topA[i]) << n << " " << i;
            }
        }
        EXPECT_EQ(bars.top(), n > 14 ? 6 : 5) << n; // bucket 4: 4 + 1; bucket 14: 4 + 2
    };
    fill(7);
    fill(2160);
    fill(168);
    EXPECT_DOUBLE_EQ(y->max(), 6.6); // a tenth over the highest column
    EXPECT_EQ(y->tickInterval(), 2); // about five round ticks
    x->setRange(0, 168);
    y->setRange(0, 6);
    ASSERT_TRUE(waitUntil([&] { return chart->plotArea().width() > 1000; }));
    QSignalSpy clicked(&bars, &ui::BucketBars::clicked);
    // Bucket 104: a = 4 (0 to 4), b = 728 % 3 = 2 (4 to 6); the middle of b's bar.
    const QPointF in =
        chart->mapToScene(chart->mapToPosition(QPointF(104.5, 5), bars.series(u"b"_s)));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(in));
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.at(0).at(0).toInt(), 104);
    EXPECT_EQ(clicked.at(0).at(1).toInt(), 1);

    // 90 days of hours from 03:00 (phase 3): columns of 12 hours from 12:00, 00:00…; a click on
    // one is its 12 hours.
    QList<qreal> hours(2160, 0);
    hours[1000] = 7; // in the column 993-1004 (1003 hours after 00:00: 19:00)
    bars.setValues(2160, {{u"a"_s, hours}}, 1, 3);
    EXPECT_EQ(bars.run(), 12);
    EXPECT_EQ(bars.column(0), (std::pair<qsizetype, qsizetype>(0, 9)));
    EXPECT_EQ(bars.column(1000), (std::pair<qsizetype, qsizetype>(993, 1005)));
    EXPECT_EQ(bars.column(2159), (std::pair<qsizetype, qsizetype>(2157, 2160)));
    const QList<qreal> drawn = bars.drawn(u"a"_s);
    EXPECT_EQ(drawn[992], 0);
    EXPECT_EQ(drawn.mid(993, 12), QList<qreal>(12, 7));
    EXPECT_EQ(drawn[1005], 0);
    EXPECT_EQ(bars.columnValue(u"a"_s, 994), 7); // the column's highest, as drawn
    EXPECT_EQ(bars.columnValue(u"a"_s, 992), 0);
    x->setRange(993, 1005);
    clicked.clear();
    const QPointF inColumn =
        chart->mapToScene(chart->mapToPosition(QPointF(1003.5, 3), bars.series(u"a"_s)));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(inColumn));
    ASSERT_EQ(clicked.count(), 1);
    EXPECT_EQ(clicked.at(0).at(0).toInt(), 993);
    EXPECT_EQ(clicked.at(0).at(1).toInt(), 12);
}

// The x axis' runs start on local midnights across the end of summer time (a 25-hour day) and
// on even hours over one day; labels are dates without the year, or hours.
TEST(AxisRuns, RunsStartOnLocalMidnightsAcrossADaylightSavingChange)
{
    const QByteArray tz = qgetenv("TZ");
    qputenv("TZ", "Europe/Rome");
    const auto restore = qScopeGuard([&] {
        if (tz.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", tz);
    });
    ASSERT_EQ(QTimeZone::systemTimeZoneId(), QByteArray("Europe/Rome"));
    const QLocale it(QLocale::Italian, QLocale::Italy);
    // 2026-10-22 00:00 CEST; summer time ends on 25 October at 03:00 CEST.
    const qint64 start = QDateTime(QDate(2026, 10, 21), QTime(22, 0), Qt::UTC).toSecsSinceEpoch();
    QList<qint64> week;
    for (int i = 0; i < 168; ++i)
        week.append(start + i * 3600);
    const ui::AxisRuns days = ui::axisRuns(week, true, it);
    EXPECT_EQ(days.labels, (QStringList{u"22/10"_s, u"23/10"_s, u"24/10"_s, u"25/10"_s, u"26/10"_s,
                                        u"27/10"_s, u"28/10"_s}));
    EXPECT_EQ(days.ends, (QList<qreal>{24, 48, 72, 97, 121, 145, 168}));
    // The 25-hour day from 01:00 CEST, in runs of 2 hours: 01:00 alone (too short: no label),
    // 02:00 (both of them) and 03:00, 04:00…
    QList<qint64> day;
    for (int i = 0; i < 24; ++i)
        day.append(start + (72 + 1 + i) * 3600);
    const ui::AxisRuns hours = ui::axisRuns(day, true, it);
    ASSERT_GE(hours.labels.size(), 3);
    EXPECT_EQ(hours.labels.first(), QString());
    EXPECT_EQ(hours.ends.first(), 1);
    EXPECT_EQ(hours.labels.at(1), u"02:00"_s);
    EXPECT_EQ(hours.ends.at(1), 4); // 02:00 CEST, 02:00 CET, 03:00
    EXPECT_EQ(hours.labels.at(2), u"04:00"_s);
    EXPECT_EQ(QSet<QString>(hours.labels.cbegin(), hours.labels.cend()).size(),
              hours.labels.size());
}

// A field a spreadsheet would run as a formula is written as text.
TEST(TraceCsv, AFormulaInARemoteReplyIsWrittenAsText)
{
    api::TraceMessage m;
    m.queueId = u"Q1"_s;
    m.sender = u"=HYPERLINK(\"x\")"_s;
    const QString csv = ui::traceCsv({{u"Relay, one"_s, m}});
    EXPECT_TRUE(csv.contains(u"\"Relay, one\",Q1"_s)) << csv.toStdString();
    EXPECT_TRUE(csv.contains(u"\"'=HYPERLINK(\"\"x\"\")\""_s)) << csv.toStdString();
}

namespace {

// alice sent 40 messages in an hour against a baseline of 2.5: one alert, mailed to her contact.
api::Alert aliceBurst()
{
    api::Alert a;
    a.id = 17;
    a.rule = u"hourly_rate"_s;
    a.account = u"alice"_s;
    a.raised = QDateTime::fromString(u"2026-12-01T10:05:00Z"_s, Qt::ISODate);
    a.windowFrom = QDateTime::fromString(u"2026-12-01T09:00:00Z"_s, Qt::ISODate);
    a.windowTo = QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate);
    a.observed = 40;
    a.threshold = 25;
    a.baseline = 2.5;
    a.queueIds = {u"4ABCDEF12"_s, u"4ABCDEF13"_s};
    a.notified = {u"it@alice.example"_s};
    return a;
}

QJsonObject listOf(const api::Alert &alert)
{
    api::AlertsListResult r;
    r.alerts = {alert};
    r.matched = 1;
    r.unacknowledged = alert.acknowledged ? 0 : 1;
    return r.toJson();
}

class FakeAlerts : public FakeConsole
{
protected:
    // A relay with alice's unacknowledged alert; Acknowledge changes what it answers next.
    ui::AlertsView *openAlerts()
    {
        language.apply(u"en"_s); // the texts the assertions read
        relay->setRole(Role::Admin, u"admin"_s, 1);
        const api::Alert burst = aliceBurst();
        api::Alert acked = burst;
        acked.acknowledged = true;
        acked.acknowledgedBy = u"admin"_s;
        acked.acknowledgedAt = burst.raised.addSecs(600);
        acked.comment = u"ticket 42"_s;
        relay->results.insert(u"alerts list"_s, listOf(burst));
        relay->results.insert(u"alerts ack"_s, acked.toJson());
        const QJsonObject infoBefore = relay->results.value(u"info"_s);
        relay->setRole(Role::Admin, u"admin"_s, 0);
        relay->afterwards.insert(u"alerts ack"_s, {{u"info"_s, relay->results.value(u"info"_s)},
                                                   {u"alerts list"_s, listOf(acked)}});
        relay->results.insert(u"info"_s, infoBefore);
        connectRelay();
        ui::AlertsView *view = window->alerts();
        QSignalSpy loaded(view, &ui::AlertsView::loaded);
        window->views()->setCurrentWidget(view);
        return waitUntil([&] { return loaded.count() >= 1; }) ? view : nullptr;
    }

    QVariant fleet(int role) const { return window->fleet()->index(0).data(role); }
};

} // namespace

// The badge shows the relay's unacknowledged alert, the list its evidence; Acknowledge sends
// the comment, the row is marked acknowledged and the badge goes once the relay says so.
TEST_F(FakeAlerts, TheBadgeAppearsAndClearsOnAcknowledge)
{
    ui::AlertsView *view = openAlerts();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(fleet(ui::FleetModel::AlertsRole).toLongLong(), 1);
    EXPECT_TRUE(fleet(Qt::DisplayRole).toString().contains(u"[1 alert]"_s))
        << fleet(Qt::DisplayRole).toString().toStdString();
    ASSERT_EQ(view->model()->rowCount(), 1);
    const auto cell = [&](int column) {
        return view->model()->index(0, column).data().toString();
    };
    EXPECT_EQ(cell(ui::AlertsModel::Rule), u"Hourly rate over the usual"_s);
    EXPECT_EQ(cell(ui::AlertsModel::Account), u"alice"_s);
    EXPECT_EQ(cell(ui::AlertsModel::Observed), u"40 messages in the hour"_s);
    EXPECT_EQ(cell(ui::AlertsModel::Limit), u"over 25 (14-day hourly baseline 2.5)"_s);
    EXPECT_EQ(cell(ui::AlertsModel::State), u"new"_s);

    view->table()->selectRow(0);
    const QString evidence = view->evidence()->toPlainText();
    EXPECT_TRUE(evidence.contains(u"Sample messages: 4ABCDEF12, 4ABCDEF13"_s))
        << evidence.toStdString();
    EXPECT_TRUE(evidence.contains(u"Mailed to: it@alice.example"_s)) << evidence.toStdString();

    auto *ack = view->findChild<QPushButton *>(u"alertsAck"_s);
    ASSERT_TRUE(ack && ack->isEnabled());
    ack->click();
    auto *comment = waitForWidget<QInputDialog>(u"alertComment"_s);
    ASSERT_NE(comment, nullptr);
    comment->setTextValue(u"ticket 42"_s);
    comment->accept();

    ASSERT_TRUE(waitUntil([&] {
        return fleet(ui::FleetModel::AlertsRole).toLongLong() == 0 &&
               view->model()->index(0, 0).data(ui::AlertsModel::AcknowledgedRole).toBool();
    }));
    EXPECT_FALSE(fleet(Qt::DisplayRole).toString().contains(u"alert"_s));
    EXPECT_EQ(cell(ui::AlertsModel::State), u"acknowledged by admin"_s);
    EXPECT_FALSE(ack->isEnabled());
    const qsizetype at = relay->calls.indexOf(QStringList{u"alerts"_s, u"ack"_s});
    ASSERT_GE(at, 0);
    const QJsonObject sent = QJsonDocument::fromJson(relay->inputs.at(at)).object();
    EXPECT_EQ(sent.value(u"id"_s).toInteger(), 17);
    EXPECT_EQ(sent.value(u"comment"_s).toString(), u"ticket 42"_s);
}

// Show activity opens the alert's account in the Activity view of the same relay.
TEST_F(FakeAlerts, ShowActivityOpensTheAccount)
{
    relay->results.insert(u"stats"_s, aliceStats());
    ui::AlertsView *view = openAlerts();
    ASSERT_NE(view, nullptr);
    view->table()->selectRow(0);
    view->findChild<QPushButton *>(u"alertsActivity"_s)->click();
    EXPECT_EQ(window->views()->currentWidget(), window->activity());
    EXPECT_EQ(window->activity()->account(), u"alice"_s);
}

// The Overview's Reputation panel shows each IP and domain of the relay's last check with
// every list asked and its result (a "query refused" answer in words, not as a listing), and
// the history of the selected one.
TEST_F(FakeConsole, TheReputationPanelShowsEachTargetAndItsHistory)
{
    api::ReputationReport report;
    report.checked = QDateTime::fromString(u"2026-12-01T06:00:00Z"_s, Qt::ISODate);
    report.checkedBy = u"root"_s;
    report.lists = {{u"zen"_s, u"zen.example"_s, u"ip"_s, {u"127.0.0.2-127.0.0.11"_s}, {}},
                    {u"dbl"_s, u"dbl.example"_s, u"domain"_s, {u"127.0.1.2"_s}, {}}};
    const QDateTime since = report.checked.addDays(-3);
    report.targets = {
        {u"203.0.113.25"_s, u"ip"_s, {}, {{u"zen"_s, u"listed"_s, {u"127.0.0.2"_s}, {}, since}}},
        {u"203.0.113.26"_s,
         u"ip"_s,
         {},
         {{u"zen"_s, u"refused"_s, {u"127.255.255.254"_s}, {}, since}}},
        {u"bob.example"_s, u"domain"_s, {u"bob"_s}, {{u"dbl"_s, u"clear"_s, {}, {}, since}}}};
    relay->results.insert(u"reputation show"_s, report.toJson());
    api::ReputationHistory history;
    history.changes = {
        {since, u"203.0.113.25"_s, u"ip"_s, u"zen"_s, u"clear"_s, u"listed"_s, {u"127.0.0.2"_s}}};
    relay->results.insert(u"reputation history"_s, history.toJson());

    connectRelay();
    window->views()->setCurrentWidget(window->overview());
    ui::ReputationPanel *panel = window->overview()->reputation();
    ASSERT_TRUE(waitUntil([&] { return panel->model()->rowCount() == 3; }));
    const QAbstractItemModel *m = panel->table()->model();
    EXPECT_EQ(m->index(0, ui::ReputationModel::Target).data().toString(), u"203.0.113.25"_s);
    EXPECT_EQ(m->index(0, ui::ReputationModel::List).data().toString(), u"zen"_s);
    EXPECT_EQ(m->index(0, ui::ReputationModel::Result).data().toString(), u"Listed (127.0.0.2)"_s);
    EXPECT_EQ(m->index(1, ui::ReputationModel::Result).data().toString(),
              u"Query refused by the list (not a listing) (127.255.255.254)"_s);
    EXPECT_EQ(m->index(2, ui::ReputationModel::Accounts).data().toString(), u"bob"_s);
    EXPECT_EQ(m->index(2, ui::ReputationModel::Result).data().toString(), u"Not listed"_s);
    EXPECT_EQ(panel->status()->text(), u"1 address(es) or domain(s) listed"_s);

    QSignalSpy historyLoaded(panel, &ui::ReputationPanel::historyLoaded);
    panel->table()->selectRow(0);
    ASSERT_TRUE(waitUntil([&] { return panel->historyModel()->rowCount() == 1; }));
    const QByteArray asked =
        relay->inputs.at(relay->calls.lastIndexOf(QStringList{u"reputation"_s, u"history"_s}));
    EXPECT_TRUE(asked.contains("203.0.113.25")) << asked.toStdString();
    EXPECT_EQ(panel->historyTable()
                  ->model()
                  ->index(0, ui::ReputationHistoryModel::Status)
                  .data()
                  .toString(),
              u"Listed (127.0.0.2)"_s);
}

// Every table of every view, at the window's default size, in both languages: no column
// header is narrower than its text (Qt's size hint for the section: the text, its margins and
// the sort indicator). The last section may stretch; a view wider than the window scrolls.
TEST_F(FakeConsole, NoColumnHeaderIsTruncatedAtTheDefaultSize)
{
    connectRelay();
    QStringList truncated;
    for (const QString &lang : {u"en"_s, u"it"_s}) {
        language.apply(lang);
        QCoreApplication::processEvents(); // the LanguageChange events
        for (int t = 0; t < window->views()->count(); ++t) {
            window->views()->setCurrentIndex(t);
            QWidget *view = window->views()->widget(t);
            waitUntil([] { return false; }, 150); // its answers, laid out
            for (QHeaderView *header : view->findChildren<QHeaderView *>()) {
                if (header->orientation() != Qt::Horizontal || !header->isVisible() ||
                    !header->model())
                    continue;
                for (int i = 0; i < header->count(); ++i) {
                    if (header->isSectionHidden(i) ||
                        (header->stretchLastSection() &&
                         header->visualIndex(i) == header->count() - 1))
                        continue;
                    if (header->sectionSize(i) < header->sectionSizeHint(i))
                        truncated.append(u"%1 %2 %3: \"%4\" %5 < %6"_s.arg(
                            lang, window->views()->tabText(t), header->parentWidget()->objectName(),
                            header->model()->headerData(i, Qt::Horizontal).toString(),
                            QString::number(header->sectionSize(i)),
                            QString::number(header->sectionSizeHint(i))));
                }
            }
        }
    }
    EXPECT_TRUE(truncated.isEmpty()) << truncated.join(u'\n').toStdString();
}
