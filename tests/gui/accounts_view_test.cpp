// The Accounts view, offscreen, against the lab relay: an account added from the console
// shows its generated password once, Copy puts it on the clipboard, and swaks sends with it;
// suspended from the console, its next message gets the 550 with the reply typed in the
// dialog; resumed, it sends again; removed, it is gone from the list.
#include "accounts_view.h"
#include "limits_view.h"
#include "policy_editor.h"
#include "relay_connection.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class AccountsLab : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
        view = window->accounts();
        QSignalSpy loaded(view, &ui::AccountsView::loaded);
        window->views()->setCurrentWidget(view);
        ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }, 30000));
    }
    void TearDown() override
    {
        if (!login.isEmpty())
            (void)ctl({u"accounts"_s, u"remove"_s, login});
    }

    // Fills the form dialog `name` (line edits by object name) and presses OK.
    void answerForm(const QString &name, const QList<std::pair<QString, QString>> &fields)
    {
        auto *dialog = waitForWidget<QDialog>(name);
        ASSERT_NE(dialog, nullptr) << name.toStdString();
        for (const auto &[field, text] : fields) {
            auto *edit = dialog->findChild<QLineEdit *>(field);
            ASSERT_NE(edit, nullptr) << field.toStdString();
            edit->setText(text);
        }
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        ASSERT_TRUE(ok->isEnabled());
        ok->click();
    }
    bool selectAccount()
    {
        const int row = view->model()->rowOf(login);
        if (row < 0)
            return false;
        view->table()->selectRow(row);
        return true;
    }
    // Runs a write through the button and waits for its answer and the list after it.
    void write(const char *button, const std::function<void()> &answer)
    {
        QSignalSpy written(view, &ui::AccountsView::written);
        QSignalSpy loaded(view, &ui::AccountsView::loaded);
        auto *b = view->findChild<QPushButton *>(QString::fromLatin1(button));
        ASSERT_TRUE(b && b->isEnabled()) << button;
        b->click();
        answer();
        ASSERT_TRUE(waitUntil([&] { return written.count() == 1; }, 60000)) << button;
        ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }, 30000)) << button;
    }
    ProcessOutput sendWith(const QString &password)
    {
        return send({login,
                     login + u'@' + labValue("LAB_LOCAL_DOMAIN"),
                     {u"console-"_s + login + u'@' + labValue("LAB_BLACKHOLE_DOMAIN")},
                     {},
                     {},
                     password});
    }

    ui::AccountsView *view = nullptr;
    QString login;
};

} // namespace

TEST_F(AccountsLab, CreateCopyPasswordSendSuspendSee550ResumeRemove)
{
    // An account's limits and trusted addresses are one click away, in the Limits view.
    {
        const int bob = view->model()->rowOf(u"bob"_s);
        ASSERT_GE(bob, 0);
        view->table()->selectRow(bob);
        auto *limits = view->findChild<QPushButton *>(u"accountsLimits"_s);
        ASSERT_TRUE(limits && limits->isEnabled());
        ASSERT_TRUE(waitUntil([&] { return window->policyEditor()->isLoaded(); }, 30000));
        limits->click();
        EXPECT_EQ(window->views()->currentWidget(), window->limits());
        auto *table = window->limits()->findChild<QTableView *>(u"accountLimits"_s);
        const QModelIndexList rows = table->selectionModel()->selectedRows();
        ASSERT_EQ(rows.size(), 1);
        EXPECT_EQ(rows.first().data().toString(), u"bob"_s);
        QSignalSpy loaded(view, &ui::AccountsView::loaded); // shown again, it reloads
        window->views()->setCurrentWidget(view);
        ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }, 30000));
    }

    login = u"gui-"_s + QString::number(QCoreApplication::applicationPid());
    const QString sender = login + u'@' + labValue("LAB_LOCAL_DOMAIN");
    write("accountsAdd", [&] {
        answerForm(u"accountAdd"_s, {{u"accountLogin"_s, login}, {u"accountSenders"_s, sender}});
    });
    auto *shown = waitForWidget<QDialog>(u"accountPassword"_s);
    ASSERT_NE(shown, nullptr) << view->status()->text().toStdString();
    shown->findChild<QPushButton *>(u"accountPasswordCopy"_s)->click();
    const QString password = QGuiApplication::clipboard()->text();
    EXPECT_EQ(password.size(), 20);
    EXPECT_EQ(shown->findChild<QLineEdit *>(u"accountPasswordText"_s)->text(), password);
    shown->reject();
    ASSERT_TRUE(selectAccount()) << "the new account is not listed";
    EXPECT_EQ(view->model()
                  ->index(view->model()->rowOf(login), ui::AccountsModel::Password)
                  .data()
                  .toString(),
              u"set"_s);

    const ProcessOutput first = sendWith(password);
    EXPECT_TRUE(anyReplyStartsWith(first, u"250 2.0.0 Ok: queued"_s))
        << replies(first).join(u'\n').toStdString();

    // One message waits at the unreachable domain: the suspension puts it on hold.
    const ProcessOutput waiting = send(
        {login, sender, {login + u"@"_s + labValue("LAB_UNREACHABLE_DOMAIN")}, {}, {}, password});
    ASSERT_TRUE(anyReplyStartsWith(waiting, u"250 2.0.0 Ok: queued"_s));

    const QString reply = u"Suspended from the console: call the helpdesk"_s;
    write("accountsSuspend", [&] {
        answerForm(u"accountSuspend"_s,
                   {{u"suspendReason"_s, u"gui test"_s}, {u"suspendMessage"_s, reply}});
    });
    ASSERT_TRUE(selectAccount());
    const int row = view->model()->rowOf(login);
    EXPECT_EQ(view->model()->index(row, ui::AccountsModel::State).data().toString(),
              u"Suspended: gui test"_s);
    EXPECT_TRUE(view->status()->text().contains(u"suspended"_s))
        << view->status()->text().toStdString();
    const ProcessOutput refused = sendWith(password);
    EXPECT_TRUE(anyReplyWith(refused, u"550 5.7.1 "_s, reply))
        << replies(refused).join(u'\n').toStdString();

    // Its held mail beside it; deleted from there (after a question that defaults to No).
    ASSERT_TRUE(waitUntil(
        [&] {
            if (view->held()->rowCount() == 1)
                return true;
            QSignalSpy held(view, &ui::AccountsView::heldLoaded);
            view->loadHeld();
            waitUntil([&] { return held.count() == 1; }, 10000);
            return view->held()->rowCount() == 1;
        },
        30000))
        << "the waiting message is not shown on hold";
    const QString heldId = view->held()->item(0, 0)->text();
    {
        QSignalSpy held(view, &ui::AccountsView::heldLoaded);
        view->findChild<QPushButton *>(u"heldDelete"_s)->click();
        auto *ask = waitForWidget<QMessageBox>(u"heldDeleteConfirm"_s);
        ASSERT_NE(ask, nullptr);
        EXPECT_EQ(ask->defaultButton(), ask->button(QMessageBox::No));
        ask->button(QMessageBox::Yes)->click();
        ASSERT_TRUE(waitUntil([&] { return held.count() >= 1; }, 30000));
    }
    EXPECT_EQ(view->held()->rowCount(), 0);
    const QJsonObject queued = ctl(
        {u"queue"_s, u"list"_s},
        QJsonDocument(QJsonObject{{u"ids"_s, QJsonArray{heldId}}}).toJson(QJsonDocument::Compact));
    EXPECT_EQ(queued[u"matched"_s].toInt(), 0) << "deleted from the relay's queue";

    write("accountsResume", [&] {
        answerForm(u"accountResume"_s, {{u"resumeReason"_s, u"gui test over"_s}});
    });
    const ProcessOutput again = sendWith(password);
    EXPECT_TRUE(anyReplyStartsWith(again, u"250 2.0.0 Ok: queued"_s))
        << replies(again).join(u'\n').toStdString();

    ASSERT_TRUE(selectAccount());
    write("accountsRemove", [&] {
        auto *ask = waitForWidget<QMessageBox>(u"accountRemoveConfirm"_s);
        ASSERT_NE(ask, nullptr);
        EXPECT_EQ(ask->defaultButton(), ask->button(QMessageBox::No));
        ask->button(QMessageBox::Yes)->click();
    });
    EXPECT_EQ(view->model()->rowOf(login), -1);
    login.clear();
}
