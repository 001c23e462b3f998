// The Activity, Trace and Alerts views, offscreen, against the lab relay: bob's message to an
// unreachable domain is counted in his chart (accepted, then deferred) and found by the
// toolbar search's trace as deferred, with Postfix's "Connection refused" in its timeline; an
// alert staffetta-events raises shows as the relay's badge, which Acknowledge clears.
#include "activity_view.h"
#include "alerts_view.h"
#include "fleet_model.h"
#include "relay_connection.h"
#include "trace_view.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QElapsedTimer>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>
#include <QUuid>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class ActivityLab : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
    }

    // bob's count of `series` in today's bucket (UTC), as the Activity view charts it.
    qint64 todays(const QString &series)
    {
        ui::ActivityView *view = window->activity();
        QSignalSpy loaded(view, &ui::ActivityView::chartLoaded);
        view->showAccount(u"bob"_s);
        if (!waitUntil([&] { return loaded.count() >= 1; }, 30000))
            return -1;
        const QList<qreal> bars = view->bars(series);
        return bars.isEmpty() ? -1 : qint64(bars.last());
    }
};

} // namespace

TEST_F(ActivityLab, ADeferredMessageIsChartedAndTracedWithItsReason)
{
    const Lab &lab = Lab::get();
    window->views()->setCurrentWidget(window->activity());
    const qint64 acceptedBefore = todays(u"accepted_external"_s);
    const qint64 deferredBefore = todays(u"deferred"_s);
    ASSERT_GE(acceptedBefore, 0);
    const QString to = u"activity-%1@%2"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(10),
                                               lab.value(u"LAB_UNREACHABLE_DOMAIN"_s));
    const auto sent = send({u"bob"_s, u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s), {to}, {}, {}});
    ASSERT_TRUE(anyReplyStartsWith(sent, u"250 2.0.0 Ok: queued"_s)) << sent.out.toStdString();

    // The Trace view from the toolbar search's term: every connected relay, grouped.
    ui::TraceView *trace = window->trace();
    QString timeline;
    ASSERT_TRUE(waitUntil(
        [&] {
            QSignalSpy finished(trace, &ui::TraceView::finished);
            window->traceTerm(to);
            if (!waitUntil([&] { return finished.count() == 1; }, 30000))
                return false;
            QStandardItem *group = trace->model()->item(0);
            if (!group || group->rowCount() != 1 ||
                group->child(0)->data(ui::TraceView::StatusRole).toString() != u"deferred"_s)
                return false;
            trace->tree()->setCurrentIndex(group->child(0)->index());
            timeline = trace->timeline()->toPlainText();
            return true;
        },
        60000))
        << "never traced as deferred";
    EXPECT_EQ(window->views()->currentWidget(), trace);
    EXPECT_TRUE(timeline.contains(u"Connection refused"_s)) << timeline.toStdString();
    EXPECT_TRUE(timeline.contains(u"account bob"_s)) << timeline.toStdString();
    EXPECT_EQ(trace->coverage()->text(), u"Every relay was asked."_s);

    // bob's chart counts it: one more accepted for outside, one more deferral.
    window->views()->setCurrentWidget(window->activity());
    EXPECT_TRUE(
        waitUntil([&] { return todays(u"accepted_external"_s) == acceptedBefore + 1; }, 30000))
        << todays(u"accepted_external"_s) << " accepted, was " << acceptedBefore;
    EXPECT_TRUE(waitUntil([&] { return todays(u"deferred"_s) >= deferredBefore + 1; }, 30000));
}

// A fresh account with a quota of 1 and the quota_reached rule: its second message is refused,
// staffetta-events raises the alert, and the console's badge for the relay counts it (the
// fleet refresh asks `info`); acknowledged in the Alerts view, the badge drops by it.
TEST_F(ActivityLab, AnAlertShowsAsTheBadgeAndAcknowledgeClearsIt)
{
    const Lab &lab = Lab::get();
    const QString login = u"bob-badge-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    const QString sender = login + u'@' + lab.value(u"LAB_LOCAL_DOMAIN"_s);
    const QJsonObject added = ctl({u"accounts"_s, u"add"_s, login},
                                  QJsonDocument(QJsonObject{{u"senders"_s, QJsonArray{sender}}})
                                      .toJson(QJsonDocument::Compact));
    const QString password = added.value(u"password"_s).toString();
    ASSERT_FALSE(password.isEmpty());
    setAccountKey(login, u"daily_quota"_s, 1, u"badge test"_s);
    setAccountKey(login, u"alerts"_s,
                  QJsonObject{{u"rules"_s, QJsonObject{{u"quota_reached"_s,
                                                        QJsonObject{{u"enabled"_s, true}}}}}},
                  u"badge test"_s);
    const auto badge = [&] {
        return window->fleet()->index(0).data(ui::FleetModel::AlertsRole).toLongLong();
    };
    const qint64 before = badge();
    const auto sendOne = [&](int n) {
        return send({login,
                     sender,
                     {u"badge%1@"_s.arg(n) + lab.value(u"LAB_BLACKHOLE_DOMAIN"_s)},
                     {},
                     {},
                     password});
    };
    ASSERT_TRUE(anyReplyStartsWith(sendOne(1), u"250 2.0.0 Ok: queued"_s));
    ASSERT_TRUE(anyReplyStartsWith(sendOne(2), u"450 4.7.1"_s));

    // The badge: the next refreshes of the relay's info count the new alert.
    QElapsedTimer asked;
    ASSERT_TRUE(waitUntil(
        [&] {
            if (!asked.isValid() || asked.elapsed() > 3000) {
                window->currentConnection()->refresh();
                asked.start();
            }
            return badge() >= before + 1;
        },
        90000))
        << "the badge never counted the alert (was " << before << ")";
    const qint64 shown = badge();
    EXPECT_TRUE(window->fleet()->index(0).data(Qt::DisplayRole).toString().contains(u"alert"_s));

    // The Alerts view lists it; Acknowledge with a comment, and the badge drops by one.
    ui::AlertsView *view = window->alerts();
    QSignalSpy loaded(view, &ui::AlertsView::loaded);
    window->views()->setCurrentWidget(view);
    ASSERT_TRUE(waitUntil([&] { return loaded.count() >= 1; }, 30000));
    int row = -1;
    for (int r = 0; r < view->model()->rowCount() && row < 0; ++r) {
        if (view->model()->index(r, ui::AlertsModel::Account).data().toString() == login)
            row = r;
    }
    ASSERT_GE(row, 0) << "the alert of " << login.toStdString() << " is not listed";
    view->table()->selectRow(row);
    auto *ack = view->findChild<QPushButton *>(u"alertsAck"_s);
    ASSERT_TRUE(ack && ack->isEnabled());
    ack->click();
    auto *comment = waitForWidget<QInputDialog>(u"alertComment"_s);
    ASSERT_NE(comment, nullptr);
    comment->setTextValue(u"badge test"_s);
    comment->accept();
    EXPECT_TRUE(waitUntil([&] { return badge() == shown - 1; }, 30000))
        << "the badge shows " << badge() << " after the acknowledgement, was " << shown;
    EXPECT_TRUE(waitUntil(
        [&] {
            for (int r = 0; r < view->model()->rowCount(); ++r) {
                const QModelIndex i = view->model()->index(r, ui::AlertsModel::Account);
                if (i.data().toString() == login)
                    return i.siblingAtColumn(0).data(ui::AlertsModel::AcknowledgedRole).toBool();
            }
            return false;
        },
        30000));
}
