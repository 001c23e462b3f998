// The Queue view, offscreen, against the lab relay: a message to an unreachable domain shows
// in the view's model as deferred with Postfix's reason; Hold and Delete, clicked and
// confirmed in the view, act on the relay's real queue and report per message; the sidebar
// counts the queue.
#include "queue_model.h"
#include "queue_view.h"
#include "relay_connection.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUuid>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class QueueViewLab : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
        view = window->queue();
        window->views()->setCurrentWidget(view);
    }

    // Reloads until the message to `recipient` is listed in `queue` (or gone, when empty).
    bool waitForRow(const QString &recipient, const QString &queue)
    {
        return waitUntil(
            [&] {
                int loads = 0;
                const auto c = QObject::connect(view, &ui::QueueView::loaded, [&] { ++loads; });
                view->reload();
                waitUntil([&] { return loads > 0; }, 20000);
                QObject::disconnect(c);
                const int row = rowOf(recipient);
                return queue.isEmpty() ? row < 0
                                       : row >= 0 && view->model()->row(row).queue == queue;
            },
            30000);
    }

    int rowOf(const QString &recipient) const
    {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->row(r).recipients.contains(recipient))
                return r;
        }
        return -1;
    }

    // Clicks an action button on the selected rows, confirms, returns the report's text.
    QString actAndConfirm(const QString &button)
    {
        auto *b = view->findChild<QPushButton *>(button);
        EXPECT_NE(b, nullptr) << button.toStdString();
        if (!b || !waitUntil([&] { return b->isEnabled(); }, 5000))
            return {};
        b->click();
        auto *confirm = waitForWidget<QMessageBox>(u"queueConfirm"_s);
        EXPECT_NE(confirm, nullptr) << "no confirmation asked";
        if (!confirm)
            return {};
        confirm->button(QMessageBox::Yes)->click();
        auto *report = waitForWidget<QMessageBox>(u"queueResults"_s);
        EXPECT_NE(report, nullptr) << "no report";
        if (!report)
            return {};
        const QString text = report->text() + u'\n' + report->detailedText();
        report->accept();
        return text;
    }

    ui::QueueView *view = nullptr;
};

} // namespace

TEST_F(QueueViewLab, ADeferredMessageIsShownThenHeldAndDeletedFromTheView)
{
    const Lab &lab = Lab::get();
    const QString to = u"view-%1@%2"_s.arg(QUuid::createUuid().toString(QUuid::Id128).left(10),
                                           lab.value(u"LAB_UNREACHABLE_DOMAIN"_s));
    const auto sent = send({u"bob"_s, u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s), {to}, {}, {}});
    ASSERT_TRUE(anyReplyStartsWith(sent, u"250 2.0.0 Ok: queued"_s)) << sent.out.toStdString();

    ASSERT_TRUE(waitForRow(to, u"deferred"_s)) << "never listed as deferred in the view";
    const int row = rowOf(to);
    const QString id = view->model()->row(row).id;
    EXPECT_TRUE(view->model()
                    ->index(row, ui::QueueModel::Reason)
                    .data()
                    .toString()
                    .contains(u"Connection refused"_s));
    EXPECT_EQ(view->model()->index(row, ui::QueueModel::Sender).data().toString(),
              u"bob@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s));

    // The sidebar: the relay's status line counts the deferred queue.
    window->connectAction()->trigger();
    EXPECT_TRUE(waitUntil(
        [&] {
            return window->currentConnection()->statusText().contains(
                ui::QueueModel::queueLabel(u"deferred"_s));
        },
        20000))
        << window->currentConnection()->statusText().toStdString();

    // Filter by the recipient: one row, selected: its details (read from its queue file and
    // defer log on the relay) name the account, the reason and the headers.
    view->findChild<QLineEdit *>(u"queueFilter"_s)->setText(to.section(u'@', 0, 0));
    ASSERT_EQ(view->proxy()->rowCount(), 1);
    view->table()->selectRow(0);
    auto *detail = view->findChild<QTextBrowser *>(u"queueDetail"_s);
    ASSERT_NE(detail, nullptr);
    EXPECT_TRUE(
        waitUntil([&] { return detail->toPlainText().contains(u"Connection refused"_s); }, 20000))
        << detail->toPlainText().toStdString();
    EXPECT_TRUE(detail->toPlainText().contains(u"bob"_s)) << detail->toPlainText().toStdString();
    EXPECT_TRUE(detail->toPlainText().contains(u"Message-Id: "_s, Qt::CaseInsensitive))
        << detail->toPlainText().toStdString();
    // "Deliver now" says whether it worked: the unreachable domain refuses again, so the
    // message is still queued, with the reason.
    const QString flushed = actAndConfirm(u"queueFlush"_s);
    EXPECT_TRUE(flushed.contains(u"still queued: the attempt did not work"_s))
        << flushed.toStdString();
    EXPECT_TRUE(flushed.contains(id + u": still queued"_s)) << flushed.toStdString();
    ASSERT_TRUE(waitForRow(to, u"deferred"_s));
    view->findChild<QLineEdit *>(u"queueFilter"_s)->setText(to.section(u'@', 0, 0));
    ASSERT_EQ(view->proxy()->rowCount(), 1);
    view->table()->selectRow(0);
    const QString held = actAndConfirm(u"queueHold"_s);
    EXPECT_TRUE(held.contains(id + u": "_s + ui::QueueView::outcomeText(u"held"_s)))
        << held.toStdString();
    ASSERT_TRUE(waitForRow(to, u"hold"_s)) << "not in the hold queue after Hold";

    // Delete: gone from the relay's queue and from the view.
    view->table()->selectRow(0);
    const QString deleted = actAndConfirm(u"queueDelete"_s);
    EXPECT_TRUE(deleted.contains(id + u": "_s + ui::QueueView::outcomeText(u"deleted"_s)))
        << deleted.toStdString();
    EXPECT_TRUE(waitForRow(to, {})) << "still listed after Delete";
    view->findChild<QLineEdit *>(u"queueFilter"_s)->clear();
}

// Sorting by sender ignores case, also beyond ASCII (the proxy compares the rows directly).
TEST(QueueProxy, SendersSortIgnoringCase)
{
    ui::QueueModel model;
    ui::QueueProxy proxy(&model);
    client::QueueListing listing;
    for (const QString &sender : {u"bob@x.test"_s, u"Alice@x.test"_s, u"émile@x.test"_s,
                                  u"Édith@x.test"_s, u"carol@x.test"_s, u"ALICE@a.test"_s}) {
        client::QueueRow r;
        r.id = sender;
        r.sender = sender;
        listing.rows.push_back(r);
    }
    model.setListing(std::move(listing));
    proxy.sort(ui::QueueModel::Sender, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order.append(proxy.index(r, ui::QueueModel::Sender).data().toString());
    EXPECT_EQ(order, (QStringList{u"ALICE@a.test"_s, u"Alice@x.test"_s, u"bob@x.test"_s,
                                  u"carol@x.test"_s, u"Édith@x.test"_s, u"émile@x.test"_s}));
}
