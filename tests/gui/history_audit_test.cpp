// The History and Audit views, offscreen, against the lab relay: revisions with who and why,
// the difference between two in words, a rollback through the review (and the conflict when a
// colleague applied in between), the audit log's filters, and what a partner and helpdesk see.
#include "audit_view.h"
#include "client/policy_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "history_view.h"
#include "policy_editor.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class HistoryAudit : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        auto got = await(client::policyGet(relay));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        connectAs(u"LAB_SSH_USER"_s, u"LAB_SSH_KEY"_s);
    }
    void TearDown() override
    {
        auto now = await(client::policyGet(relay));
        ASSERT_TRUE(now.ok());
        if (!policy::diff(now.value().policy, original.policy).isEmpty()) {
            ASSERT_TRUE(
                await(client::policyApply(relay, now.value().revision, original.policy)).ok());
        }
        Console::TearDown();
    }

    void connectAs(const QString &userKey, const QString &keyKey)
    {
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s), userKey, keyKey);
        window->connectAction()->trigger();
        ASSERT_TRUE(waitUntil(
            [&] {
                return window->currentConnection() &&
                       window->currentConnection()->state() == ui::RelayConnection::State::Online;
            },
            30000));
    }

    // `login`'s daily quota set to `quota` through `policy apply` as admin: the new revision.
    int applyQuota(const QString &login, int quota, const QString &comment)
    {
        auto got = await(client::policyGet(relay));
        EXPECT_TRUE(got.ok());
        policy::Policy p = got.value().policy;
        for (auto &a : p.accounts) {
            if (a.login == login)
                a.dailyQuota = quota;
        }
        p.reindex();
        auto applied = await(client::policyApply(relay, got.value().revision, p, comment));
        EXPECT_TRUE(applied.ok()) << applied.error().message.toStdString();
        return applied ? applied.value().revision : 0;
    }

    std::optional<int> quotaOnRelay(const QString &login)
    {
        auto got = await(client::policyGet(relay));
        EXPECT_TRUE(got.ok());
        const auto *a = got.value().policy.account(login);
        return a ? a->dailyQuota : std::nullopt;
    }

    ui::HistoryView *showHistory(int atLeastRevision = 0)
    {
        ui::HistoryView *view = window->history();
        window->views()->setCurrentWidget(view);
        view->reload();
        EXPECT_TRUE(waitUntil(
            [&] {
                return !view->isBusy() && view->model()->rowCount() > 0 &&
                       view->model()->currentRevision() >= atLeastRevision;
            },
            30000));
        return view;
    }

    ui::AuditView *showAudit()
    {
        ui::AuditView *view = window->audit();
        window->views()->setCurrentWidget(view);
        view->reload();
        EXPECT_TRUE(waitUntil([&] { return view->model()->rowCount() > 0; }, 30000));
        return view;
    }

    // The Audit view's rows as the filter shows them, by role.
    static QStringList shown(const ui::AuditView *view, int role)
    {
        QStringList out;
        for (int r = 0; r < view->filter()->rowCount(); ++r)
            out.append(view->filter()->index(r, 0).data(role).toString());
        return out;
    }

    static void choose(QComboBox *box, const QString &data)
    {
        const int i = box->findData(data);
        ASSERT_GE(i, 0) << data.toStdString();
        box->setCurrentIndex(i);
    }

    // Clicks *Roll back to this revision* with `revision` selected: the review dialog.
    QDialog *startRollback(ui::HistoryView *view, int revision)
    {
        view->selectRevisions({revision});
        EXPECT_FALSE(view->rollbackButton()->isHidden());
        EXPECT_TRUE(view->rollbackButton()->isEnabled());
        view->rollbackButton()->click();
        return waitForWidget<QDialog>(u"applyReview"_s);
    }

    client::RelayClient relay = clientAs();
    client::PolicySnapshot original;
};

QString quotaLine(const QString &login, int before, int after)
{
    return u"%1: daily quota %2 → %3"_s.arg(login, QLocale().toString(before),
                                            QLocale().toString(after));
}

} // namespace

TEST_F(HistoryAudit, TheHistoryListsRevisionsWithWhoAndWhyAndTheirDifferenceInWords)
{
    const int first = applyQuota(u"carol"_s, 1234, u"history test: first"_s);
    const int second = applyQuota(u"carol"_s, 2345, u"history test: second"_s);
    ASSERT_EQ(second, first + 1);
    ui::HistoryView *view = showHistory(second);
    ui::HistoryModel *model = view->model();
    EXPECT_EQ(model->currentRevision(), second);
    EXPECT_EQ(model->rowOf(second), 0) << "newest first";
    const int row = model->rowOf(first);
    ASSERT_GE(row, 0);
    const api::PolicyRevision &r = model->revision(row);
    EXPECT_EQ(r.user, Lab::get().value(u"LAB_SSH_USER"_s));
    EXPECT_EQ(r.role, u"admin"_s);
    EXPECT_FALSE(r.origin.isEmpty());
    EXPECT_EQ(model->index(row, ui::HistoryModel::Comment).data().toString(),
              u"history test: first"_s);
    EXPECT_EQ(model->index(model->rowOf(second), ui::HistoryModel::Changes).data().toString(),
              quotaLine(u"carol"_s, 1234, 2345));
    EXPECT_TRUE(model->index(row, ui::HistoryModel::Who).data().toString().contains(u"admin"_s));

    // One selected: its own changes.
    view->selectRevisions({second});
    EXPECT_EQ(items(view->changes()), QStringList{quotaLine(u"carol"_s, 1234, 2345)});
    // Two selected: the relay's diff between them, in words.
    const int before = first - 1;
    view->selectRevisions({before, second});
    ASSERT_TRUE(waitUntil([&] { return view->changes()->count() > 0 && !view->isBusy(); }));
    const std::optional<int> originalQuota = original.policy.account(u"carol"_s)->dailyQuota;
    const QString expected =
        originalQuota ? quotaLine(u"carol"_s, *originalQuota, 2345)
                      : u"carol: daily quota %1 (its own)"_s.arg(QLocale().toString(2345));
    EXPECT_EQ(items(view->changes()), QStringList{expected});
    EXPECT_TRUE(view->changesTitle()->text().contains(QString::number(before)));
    // The current revision cannot be rolled back to.
    view->selectRevisions({second});
    EXPECT_FALSE(view->rollbackButton()->isEnabled());
}

TEST_F(HistoryAudit, RollBackGoesThroughTheReviewAndMakesANewRevision)
{
    const int older = applyQuota(u"carol"_s, 1111, u"rollback test: older"_s);
    const int newer = applyQuota(u"carol"_s, 2222, u"rollback test: newer"_s);
    ui::HistoryView *view = showHistory(newer);
    QDialog *review = startRollback(view, older);
    ASSERT_NE(review, nullptr) << "no review dialog";
    EXPECT_EQ(items(review->findChild<QListWidget *>(u"changeList"_s)),
              QStringList{quotaLine(u"carol"_s, 2222, 1111)});
    review->findChild<QLineEdit *>(u"comment"_s)->setText(u"back to the older quota"_s);
    review->findChild<QPushButton *>(u"applyButton"_s)->click();
    ASSERT_TRUE(waitUntil([&] { return view->model()->currentRevision() == newer + 1; }, 30000));
    EXPECT_EQ(quotaOnRelay(u"carol"_s), 1111);
    const api::PolicyRevision &made = view->model()->revision(view->model()->rowOf(newer + 1));
    EXPECT_EQ(made.kind, u"rollback"_s);
    EXPECT_EQ(made.comment, u"back to the older quota"_s);
    EXPECT_EQ(made.changes.size(), 1);
}

TEST_F(HistoryAudit, AColleaguesApplyDuringTheRollbackIsAConflictNotAnOverwrite)
{
    const int older = applyQuota(u"carol"_s, 1111, u"conflict test: older"_s);
    const int newer = applyQuota(u"carol"_s, 2222, u"conflict test: newer"_s);
    ui::HistoryView *view = showHistory(newer);
    QDialog *review = startRollback(view, older);
    ASSERT_NE(review, nullptr) << "no review dialog";
    // A colleague applies while the review is open.
    const int theirs = applyQuota(u"carol"_s, 3333, u"the colleague"_s);
    ASSERT_EQ(theirs, newer + 1);
    review->findChild<QPushButton *>(u"applyButton"_s)->click();

    auto *conflict = waitForWidget<QDialog>(u"conflictDialog"_s);
    ASSERT_NE(conflict, nullptr) << "no conflict dialog";
    EXPECT_TRUE(items(conflict->findChild<QListWidget *>(u"theirChanges"_s))
                    .contains(quotaLine(u"carol"_s, 2222, 3333)));
    EXPECT_EQ(items(conflict->findChild<QListWidget *>(u"yourChanges"_s)),
              QStringList{quotaLine(u"carol"_s, 2222, 1111)});
    // Nothing was overwritten.
    EXPECT_EQ(quotaOnRelay(u"carol"_s), 3333);

    // Reviewed again against their revision, then applied.
    conflict->findChild<QPushButton *>(u"mergeButton"_s)->click();
    review = waitForWidget<QDialog>(u"applyReview"_s);
    ASSERT_NE(review, nullptr);
    EXPECT_EQ(items(review->findChild<QListWidget *>(u"changeList"_s)),
              QStringList{quotaLine(u"carol"_s, 3333, 1111)});
    review->findChild<QPushButton *>(u"applyButton"_s)->click();
    ASSERT_TRUE(waitUntil([&] { return view->model()->currentRevision() == theirs + 1; }, 30000));
    EXPECT_EQ(quotaOnRelay(u"carol"_s), 1111);
}

TEST_F(HistoryAudit, TheAuditViewFiltersByWhoVerbAndOutcome)
{
    const int done = applyQuota(u"carol"_s, 4444, u"audit test: done"_s);
    // A stale base revision: refused as a conflict, and audited.
    auto stale = await(client::policyApply(relay, done - 1, original.policy, u"audit: stale"_s));
    ASSERT_FALSE(stale.ok());
    ASSERT_EQ(stale.error().code, ErrorCode::Conflict);
    auto rolled = await(client::policyRollback(relay, done - 1, done, u"audit: rollback"_s));
    ASSERT_TRUE(rolled.ok()) << rolled.error().message.toStdString();

    ui::AuditView *view = showAudit();
    const int all = view->filter()->rowCount();
    ASSERT_GE(all, 3);

    choose(view->verbFilter(), u"policy rollback"_s);
    QStringList verbs = shown(view, ui::AuditModel::VerbRole);
    ASSERT_FALSE(verbs.isEmpty());
    EXPECT_EQ(verbs.count(u"policy rollback"_s), verbs.size());

    choose(view->verbFilter(), u"policy apply"_s);
    choose(view->outcomeFilter(), u"conflict"_s);
    ASSERT_GE(view->filter()->rowCount(), 1);
    const QStringList outcomes = shown(view, ui::AuditModel::OutcomeRole);
    EXPECT_EQ(outcomes.count(u"conflict"_s), outcomes.size());
    EXPECT_EQ(shown(view, ui::AuditModel::VerbRole).count(u"policy apply"_s), outcomes.size());

    choose(view->verbFilter(), QString());
    choose(view->outcomeFilter(), QString::fromLatin1(ui::AuditFilter::Refused));
    EXPECT_FALSE(shown(view, ui::AuditModel::OutcomeRole).contains(u"done"_s));
    choose(view->outcomeFilter(), u"done"_s);
    EXPECT_EQ(shown(view, ui::AuditModel::OutcomeRole).count(u"done"_s),
              view->filter()->rowCount());

    // The done apply, selected: its change in words below.
    choose(view->outcomeFilter(), QString());
    const QString admin = Lab::get().value(u"LAB_SSH_USER"_s);
    view->whoFilter()->setText(admin);
    EXPECT_GE(view->filter()->rowCount(), 3);
    EXPECT_EQ(shown(view, ui::AuditModel::UserRole).filter(admin).size(),
              view->filter()->rowCount());
    view->whoFilter()->setText(u"nobody-of-this-lab"_s);
    EXPECT_EQ(view->filter()->rowCount(), 0);
    view->whoFilter()->clear();
    bool selected = false;
    for (int r = 0; r < view->filter()->rowCount() && !selected; ++r) {
        const QModelIndex i = view->filter()->index(r, ui::AuditModel::Revision);
        if (i.data().toInt() == done &&
            view->filter()->index(r, 0).data(ui::AuditModel::OutcomeRole) == u"done"_s) {
            view->table()->selectRow(r);
            selected = true;
        }
    }
    ASSERT_TRUE(selected) << "the done apply of revision " << done;
    EXPECT_TRUE(items(view->changes()).join(u'\n').contains(QLocale().toString(4444)));
}

namespace {

class PartnerHistoryAudit : public HistoryAudit
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        auto got = await(client::policyGet(relay));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        connectAs(u"LAB_PARTNER_USER"_s, u"LAB_PARTNER_KEY"_s);
    }
};

class HelpdeskHistoryAudit : public HistoryAudit
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        auto got = await(client::policyGet(relay));
        ASSERT_TRUE(got.ok()) << got.error().message.toStdString();
        original = got.value();
        connectAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    }
};

bool mentions(const QList<policy::Change> &changes, const QString &login)
{
    for (const policy::Change &c : changes) {
        if (c.account == login)
            return true;
    }
    return false;
}

} // namespace

// A partner (of bob) sees the revisions of its accounts and relay-wide ones, never another
// account's, may roll back, and reads only its own audit entries and the changes of bob.
TEST_F(PartnerHistoryAudit, APartnerSeesItsAccountsHistoryAndAuditOnly)
{
    const int carol = applyQuota(u"carol"_s, 1357, u"not the partner's"_s);
    const int bob = applyQuota(u"bob"_s, 2468, u"the partner's account"_s);
    ui::HistoryView *view = showHistory();
    ui::HistoryModel *model = view->model();
    EXPECT_LT(model->rowOf(carol), 0);
    ASSERT_GE(model->rowOf(bob), 0);
    EXPECT_EQ(model->revision(model->rowOf(bob)).comment, u"the partner's account"_s);
    for (int r = 0; r < model->rowCount(); ++r)
        EXPECT_FALSE(mentions(model->revision(r).changes, u"carol"_s)) << r;
    view->selectRevisions({model->revision(model->rowCount() - 1).number});
    EXPECT_FALSE(view->rollbackButton()->isHidden()) << "a partner may roll its accounts back";

    ui::AuditView *audit = showAudit();
    const QString partner = Lab::get().value(u"LAB_PARTNER_USER"_s);
    for (int r = 0; r < audit->model()->rowCount(); ++r) {
        const api::AuditEntry &e = audit->model()->entry(r);
        EXPECT_TRUE(e.user == partner || !mentions(e.changes, u"carol"_s)) << r;
        EXPECT_FALSE(ui::AuditModel::whatText(e).contains(u"carol"_s)) << r;
    }
}

// Helpdesk reads the history and the audit log; it never sees the rollback.
TEST_F(HelpdeskHistoryAudit, HelpdeskReadsTheHistoryWithoutRollback)
{
    const int revision = applyQuota(u"carol"_s, 1470, u"helpdesk test"_s);
    ui::HistoryView *view = showHistory(revision);
    ASSERT_GE(view->model()->rowOf(revision), 0);
    view->selectRevisions({revision - 1});
    EXPECT_TRUE(view->rollbackButton()->isHidden());
    ui::AuditView *audit = showAudit();
    EXPECT_GT(audit->model()->rowCount(), 0);
}
