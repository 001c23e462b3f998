// The Senders and Limits views, offscreen, against the lab relay: edits are drafts, applied
// with a review, confirmed by a fresh `policy get`; a moved revision brings the conflict dialog.
#include "client/policy_client.h"
#include "client/relay_client.h"
#include "content_view.h"
#include "fleet_model.h"
#include "limits_view.h"
#include "policy_editor.h"
#include "senders_view.h"
#include "transport/ssh_transport.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

client::RelayClient labClient()
{
    return client::RelayClient(
        std::make_shared<transport::SshTransport>(labEndpoint(), transport::SshCredentials{}));
}

class PolicyViews : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        auto got = await(client::policyGet(relay));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        editor = window->policyEditor();
        ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }, 30000));
    }
    void TearDown() override
    {
        auto now = await(client::policyGet(relay));
        ASSERT_TRUE(now.ok());
        ASSERT_TRUE(await(client::policyApply(relay, now.value().revision, original.policy)).ok());
        Console::TearDown();
    }

    void addSenderInView(const QString &login, const QString &pattern)
    {
        window->views()->setCurrentWidget(window->senders());
        window->senders()->selectAccount(login);
        auto *edit = window->senders()->findChild<QLineEdit *>(u"sendersNew"_s);
        auto *add = window->senders()->findChild<QPushButton *>(u"sendersAdd"_s);
        ASSERT_TRUE(edit && add);
        edit->setText(pattern);
        ASSERT_TRUE(add->isEnabled());
        add->click();
    }

    QStringList sendersOnRelay(const QString &login)
    {
        auto got = await(client::policyGet(relay));
        EXPECT_TRUE(got.ok());
        QStringList out;
        if (const auto *a = got.value().policy.account(login)) {
            for (const auto &s : a->senders)
                out.append(s.text());
        }
        return out;
    }

    // With the draft bar of `view` (the Senders view's by default).
    void reviewAndApply(const QString &expectedLine, QWidget *view = nullptr)
    {
        (view ? view : window->senders())->findChild<QToolButton *>(u"reviewApply"_s)->click();
        auto *review = waitForWidget<QDialog>(u"applyReview"_s);
        ASSERT_NE(review, nullptr) << "no review dialog";
        EXPECT_TRUE(
            items(review->findChild<QListWidget *>(u"changeList"_s)).contains(expectedLine));
        review->findChild<QPushButton *>(u"applyButton"_s)->click();
    }

    client::RelayClient relay = labClient();
    client::PolicySnapshot original;
    ui::PolicyEditor *editor = nullptr;
};

} // namespace

TEST_F(PolicyViews, AddASenderInTheSendersViewApplyAndSeeItOnTheRelay)
{
    window->views()->setCurrentWidget(window->senders());
    window->senders()->selectAccount(u"bob"_s);
    auto *edit = window->senders()->findChild<QLineEdit *>(u"sendersNew"_s);
    auto *add = window->senders()->findChild<QPushButton *>(u"sendersAdd"_s);
    auto *error = window->senders()->findChild<QLabel *>(u"sendersError"_s);
    // Validation as you type.
    edit->setText(u"*@"_s);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_FALSE(error->text().isEmpty());

    addSenderInView(u"bob"_s, u"gui@bob-gui.example"_s);
    auto *table = window->senders()->findChild<QTableView *>(u"sendersTable"_s);
    auto hasRow = [&] {
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            if (table->model()->index(r, 0).data().toString() == u"gui@bob-gui.example"_s)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(hasRow());
    EXPECT_EQ(editor->changes().size(), 1);
    // Undo and redo before apply.
    editor->undoStack()->undo();
    EXPECT_FALSE(hasRow());
    EXPECT_TRUE(editor->changes().isEmpty());
    editor->undoStack()->redo();
    EXPECT_TRUE(hasRow());

    const int base = editor->baseRevision();
    reviewAndApply(u"bob may send as gui@bob-gui.example"_s);
    EXPECT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 1 && !editor->isBusy(); }, 30000));
    EXPECT_FALSE(editor->hasChanges());
    EXPECT_TRUE(sendersOnRelay(u"bob"_s).contains(u"gui@bob-gui.example"_s));
}

// An account's blacklist shows its count against the relay's cap and stops at it; the admin
// moves the cap in the Limits view and the list grows.
TEST_F(PolicyViews, TheBlacklistShowsItsCapAndStopsAtIt)
{
    window->views()->setCurrentWidget(window->senders());
    window->senders()->selectAccount(u"bob"_s);
    auto *edit = window->senders()->findChild<QLineEdit *>(u"accountBlacklistNew"_s);
    auto *add = window->senders()->findChild<QPushButton *>(u"accountBlacklistAdd"_s);
    auto *count = window->senders()->findChild<QLabel *>(u"accountBlacklistCount"_s);
    ASSERT_TRUE(edit && add && count);
    const int had = int(original.policy.account(u"bob"_s)->blacklist.size());
    EXPECT_EQ(count->text(), u"%1 of 20"_s.arg(had));
    for (int i = had; i < 20; ++i) {
        edit->setText(u"*@cap%1.example"_s.arg(i));
        ASSERT_TRUE(add->isEnabled()) << i;
        add->click();
    }
    EXPECT_EQ(count->text(), u"20 of 20"_s);
    edit->setText(u"*@one-more.example"_s);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_FALSE(add->toolTip().isEmpty());

    // The relay-wide list's cap grows with the accounts: 50 + 5 each.
    auto *wide = window->senders()->findChild<QLabel *>(u"relayBlacklistCount"_s);
    EXPECT_EQ(wide->text(), u"%1 of %2"_s.arg(original.policy.blacklist.size())
                                .arg(50 + 5 * original.policy.accounts.size()));

    window->views()->setCurrentWidget(window->limits());
    auto *accountCap = window->limits()->findChild<QSpinBox *>(u"accountBlacklistCap"_s);
    ASSERT_TRUE(accountCap && accountCap->isEnabled());
    accountCap->setValue(21);
    emit accountCap->editingFinished();
    EXPECT_EQ(editor->draft().limits.accountBlacklistCap, 21);
    window->views()->setCurrentWidget(window->senders());
    EXPECT_EQ(count->text(), u"20 of 21"_s);
    EXPECT_TRUE(add->isEnabled());
    add->click();
    const int base = editor->baseRevision();
    reviewAndApply(u"Relay-wide blacklist cap of each account: 20 → 21"_s);
    ASSERT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 1 && !editor->isBusy(); }, 30000));
    auto got = await(client::policyGet(relay));
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got.value().policy.limits.accountBlacklistCap, 21);
    EXPECT_EQ(got.value().policy.account(u"bob"_s)->blacklist.size(), 21);
}

// Local domains are edited in the Limits view: checked as typed, applied, enforced.
TEST_F(PolicyViews, ALocalDomainIsAddedAndRemovedInTheLimitsView)
{
    window->views()->setCurrentWidget(window->limits());
    auto *list = window->limits()->findChild<QListView *>(u"localDomains"_s);
    auto *edit = window->limits()->findChild<QLineEdit *>(u"localDomainNew"_s);
    auto *add = window->limits()->findChild<QPushButton *>(u"localDomainAdd"_s);
    auto *remove = window->limits()->findChild<QPushButton *>(u"localDomainRemove"_s);
    auto *error = window->limits()->findChild<QLabel *>(u"localDomainError"_s);
    ASSERT_TRUE(list && edit && add && remove && error);
    EXPECT_EQ(list->model()->rowCount(), original.policy.localDomains.size());
    edit->setText(u"not a domain"_s);
    add->click();
    EXPECT_TRUE(error->text().contains(u"not a domain name"_s)) << error->text().toStdString();
    EXPECT_FALSE(editor->hasChanges());
    edit->setText(original.policy.localDomains.first());
    add->click();
    EXPECT_TRUE(error->text().contains(u"already a local domain"_s));
    edit->setText(u"Branch.Lab-Office.test"_s);
    add->click();
    EXPECT_TRUE(error->text().isEmpty());
    EXPECT_EQ(list->model()->rowCount(), original.policy.localDomains.size() + 1);
    const int base = editor->baseRevision();
    reviewAndApply(u"Local domain branch.lab-office.test added"_s, window->limits());
    ASSERT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 1 && !editor->isBusy(); }, 30000));
    EXPECT_TRUE(await(client::policyGet(relay))
                    .value()
                    .policy.localDomains.contains(u"branch.lab-office.test"_s));

    const QModelIndex added =
        list->model()
            ->match(list->model()->index(0, 0), Qt::DisplayRole, u"branch.lab-office.test"_s)
            .value(0);
    ASSERT_TRUE(added.isValid());
    list->selectionModel()->select(added, QItemSelectionModel::ClearAndSelect);
    ASSERT_TRUE(remove->isEnabled());
    remove->click();
    reviewAndApply(u"Local domain branch.lab-office.test removed"_s, window->limits());
    ASSERT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 2 && !editor->isBusy(); }, 30000));
    EXPECT_FALSE(await(client::policyGet(relay))
                     .value()
                     .policy.localDomains.contains(u"branch.lab-office.test"_s));
}

TEST_F(PolicyViews, TheConflictDialogAppearsWhenTheRelaysRevisionMoved)
{
    addSenderInView(u"carol"_s, u"mine@carol-gui.example"_s);

    // A colleague applies first.
    policy::Policy theirs = original.policy;
    for (auto &a : theirs.accounts) {
        if (a.login == u"bob"_s)
            a.senders.append(*policy::SenderPattern::parse(u"theirs@bob-gui.example"_s));
    }
    theirs.reindex();
    ASSERT_TRUE(await(client::policyApply(relay, original.revision, theirs)).ok());

    window->senders()->findChild<QToolButton *>(u"reviewApply"_s)->click();
    auto *first = waitForWidget<QDialog>(u"applyReview"_s);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(items(first->findChild<QListWidget *>(u"changeList"_s)),
              QStringList{u"carol may send as mine@carol-gui.example"_s});
    first->findChild<QLineEdit *>(u"comment"_s)->setText(u"carol's new shop"_s);
    first->findChild<QPushButton *>(u"applyButton"_s)->click();
    auto *conflict = waitForWidget<QDialog>(u"conflictDialog"_s);
    ASSERT_NE(conflict, nullptr) << "no conflict dialog";
    EXPECT_TRUE(items(conflict->findChild<QListWidget *>(u"theirChanges"_s))
                    .contains(u"bob may send as theirs@bob-gui.example"_s));
    EXPECT_TRUE(items(conflict->findChild<QListWidget *>(u"yourChanges"_s))
                    .contains(u"carol may send as mine@carol-gui.example"_s));
    conflict->findChild<QPushButton *>(u"mergeButton"_s)->click();

    // Merged: reviewed again, on top of their revision.
    auto *review = waitForWidget<QDialog>(u"applyReview"_s);
    ASSERT_NE(review, nullptr);
    EXPECT_EQ(items(review->findChild<QListWidget *>(u"changeList"_s)),
              QStringList{u"carol may send as mine@carol-gui.example"_s});
    // The comment typed before the merge is still there.
    EXPECT_EQ(review->findChild<QLineEdit *>(u"comment"_s)->text(), u"carol's new shop"_s);
    review->findChild<QPushButton *>(u"applyButton"_s)->click();
    EXPECT_TRUE(waitUntil([&] { return !editor->isBusy() && !editor->hasChanges(); }, 30000));
    EXPECT_TRUE(sendersOnRelay(u"carol"_s).contains(u"mine@carol-gui.example"_s));
    EXPECT_TRUE(sendersOnRelay(u"bob"_s).contains(u"theirs@bob-gui.example"_s));
}

// The Content view's allow-list is what the relay enforces: pdf removed there and applied, a
// message with a .pdf attachment is refused at the end of data (the milter) with the customers'
// notice naming the file, in the account's language (alice follows the relay: Italian).
TEST_F(PolicyViews, AnExtensionRemovedInTheContentViewIsRefusedByTheRelay)
{
    ui::ContentView *view = window->content();
    window->views()->setCurrentWidget(view);
    view->selectScope({});
    auto *list = view->findChild<QListWidget *>(u"allowedList"_s);
    auto *remove = view->findChild<QPushButton *>(u"allowedRemove"_s);
    ASSERT_TRUE(list && remove);
    const QStringList before = original.policy.content.allowedExtensions;
    ASSERT_TRUE(before.contains(u"pdf"_s)) << "the lab relay allows pdf by default";
    list->findItems(u"pdf"_s, Qt::MatchExactly).value(0)->setSelected(true);
    ASSERT_TRUE(remove->isEnabled());
    remove->click();
    QStringList after = before;
    after.removeAll(u"pdf"_s);
    const int base = editor->baseRevision();
    reviewAndApply(
        u"Relay-wide allowed attachments: %1 → %2"_s.arg(before.join(u", "_s), after.join(u", "_s)),
        view);
    ASSERT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 1 && !editor->isBusy(); }, 30000));
    auto applied = await(client::policyGet(relay));
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(applied.value().policy.content.allowedExtensions, after);

    QTemporaryDir files;
    const QString pdf = QDir(files.path()).filePath(u"fattura.pdf"_s);
    QFile f(pdf);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("%PDF-1.4\n%staffetta content view test\n");
    f.close();
    const Lab &lab = Lab::get();
    const ProcessOutput out =
        // bob: alice's day is spent by the quota test when the whole suite runs on one lab.
        send({u"bob"_s,
              u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s),
              {u"content-view@"_s + lab.value(u"LAB_BLACKHOLE_DOMAIN"_s)},
              {u"--attach-type"_s, u"application/pdf"_s, u"--attach"_s, u'@' + pdf},
              {}});
    const QString transcript = QString::fromUtf8(out.out);
    EXPECT_TRUE(anyReplyStartsWith(out, u"554-5.7.1 L'allegato \"fattura.pdf\" ha violato la "
                                        u"politica di sicurezza della vostra azienda."_s))
        << transcript.toStdString();
    EXPECT_TRUE(anyReplyStartsWith(out, u"554 5.7.1 La spedizione e' stata bloccata."_s))
        << transcript.toStdString();
}

namespace {

// The console as the lab's partner (of bob): its Senders and Limits views work on the
// relay's filtered policy, and what it applies changes bob only.
class PartnerPolicyViews : public PolicyViews
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        auto got = await(client::policyGet(relay));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s), u"LAB_PARTNER_USER"_s,
                    u"LAB_PARTNER_KEY"_s);
        window->connectAction()->trigger();
        editor = window->policyEditor();
        ASSERT_TRUE(waitUntil([&] { return editor->isLoaded() && !editor->isBusy(); }, 30000));
    }
};

} // namespace

TEST_F(PartnerPolicyViews, APartnerEditsItsAccountsInTheFilteredPolicy)
{
    window->views()->setCurrentWidget(window->senders());
    QAbstractItemModel *accounts = window->senders()->accounts()->model();
    ASSERT_EQ(accounts->rowCount(), 1);
    EXPECT_EQ(accounts->index(0, 0).data().toString(), u"bob"_s);
    EXPECT_TRUE(editor->canEditAccount(u"bob"_s));
    EXPECT_FALSE(editor->canEditRelayWide());

    addSenderInView(u"bob"_s, u"gui@eu.bob-shop.example"_s);
    const int base = editor->baseRevision();
    reviewAndApply(u"bob may send as gui@eu.bob-shop.example"_s);
    EXPECT_TRUE(
        waitUntil([&] { return editor->baseRevision() == base + 1 && !editor->isBusy(); }, 30000));
    EXPECT_FALSE(editor->hasChanges());
    EXPECT_TRUE(sendersOnRelay(u"bob"_s).contains(u"gui@eu.bob-shop.example"_s));
    // The accounts it does not see are still there, unchanged.
    auto after = await(client::policyGet(relay));
    ASSERT_TRUE(after.ok());
    for (const QString &login : {u"alice"_s, u"carol"_s}) {
        ASSERT_NE(after.value().policy.account(login), nullptr) << login.toStdString();
        EXPECT_EQ(sendersOnRelay(login).size(), original.policy.account(login)->senders.size());
    }

    // The Limits view lists bob alone, with its usage.
    window->views()->setCurrentWidget(window->limits());
    ui::AccountLimitsModel *model = window->limits()->model();
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, ui::AccountLimitsModel::Account).data().toString(), u"bob"_s);
    const QModelIndex used = model->index(0, ui::AccountLimitsModel::Used);
    EXPECT_TRUE(
        waitUntil([&] { return used.data(ui::AccountLimitsModel::UsedRole).isValid(); }, 30000));
    // The bar warns before the wall: amber from 80 %, red at 100 %.
    using Model = ui::AccountLimitsModel;
    EXPECT_EQ(used.data(Model::LevelRole).toInt(),
              Model::level(used.data(Model::UsedRole).toLongLong(),
                           used.data(Model::QuotaRole).toLongLong()));
    EXPECT_EQ(Model::level(239, 300), Model::Normal);
    EXPECT_EQ(Model::level(240, 300), Model::Warning);
    EXPECT_EQ(Model::level(299, 300), Model::Warning);
    EXPECT_EQ(Model::level(300, 300), Model::Full);
}
