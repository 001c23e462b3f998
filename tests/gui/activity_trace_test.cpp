// The Activity and Trace views, offscreen, against the lab relay: bob's message to an
// unreachable domain is counted in his chart (accepted, then deferred) and found by the
// toolbar search's trace as deferred, with Postfix's "Connection refused" in its timeline.
#include "activity_view.h"
#include "relay_connection.h"
#include "trace_view.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QBarSet>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
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
        const QBarSet *set = view->barSet(series);
        return set && set->count() > 0 ? qint64(set->at(set->count() - 1)) : -1;
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
