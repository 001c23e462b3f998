// The Bans view and the global search, offscreen, against the lab relay: real failed logins
// from 127.0.0.2 bring a real fail2ban ban, which the console shows with its reason; unban
// and whitelist act on the relay and their effect is checked by connecting again.
#include "bans_view.h"
#include "relay_connection.h"
#include "search_panel.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString bannedClient = u"127.0.0.2"_s; // LAB_BANNED_CLIENT

void failLogin()
{
    const Lab &lab = Lab::get();
    const auto out = send({u"alice"_s,
                           u"alice@"_s + lab.value(u"LAB_LOCAL_DOMAIN"_s),
                           {u"x@"_s + lab.value(u"LAB_BLACKHOLE_DOMAIN"_s)},
                           {u"--quit-after"_s, u"AUTH"_s},
                           bannedClient,
                           u"wrong-password"_s});
    EXPECT_TRUE(out.out.contains("535 5.7.8")) << out.out.toStdString();
}

class BansAndSearch : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        clean();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
    }
    void TearDown() override
    {
        clean();
        Console::TearDown();
    }
    // No ban and no whitelist entry for the test bannedClient, before and after.
    static void clean()
    {
        const Lab &lab = Lab::get();
        run(u"/usr/bin/env"_s, {u"STAFFETTA_CONF="_s + lab.value(u"LAB_STAFFETTA_CONF"_s),
                                qEnvironmentVariable("STAFFETTACTL"), u"bans"_s, u"whitelist"_s,
                                u"remove"_s, bannedClient});
        unban(lab.value(u"LAB_FAIL2BAN_JAIL"_s), bannedClient);
        waitUntil([] { return canConnect(bannedClient); }, 10000);
    }
    void banClient()
    {
        for (int i = 0; i < 3; ++i)
            failLogin();
        ASSERT_TRUE(waitUntil(
            [] {
                return bannedIps(Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s)).contains(bannedClient);
            },
            30000));
        ASSERT_TRUE(waitUntil([] { return !canConnect(bannedClient); }, 10000));
    }
    ui::BansView *showBans()
    {
        ui::BansView *bans = window->bans();
        window->views()->setCurrentWidget(bans);
        return bans;
    }
};

} // namespace

TEST_F(BansAndSearch, ThreeWrongPasswordsShowAsABanWithItsReasonThenUnban)
{
    banClient();
    ui::BansView *bans = showBans();
    int row = -1;
    ASSERT_TRUE(waitUntil(
        [&] {
            bans->reload(); // one listing at a time: each takes a round trip and fail2ban calls
            waitUntil([&] { return bans->model()->rowOf(bannedClient) >= 0; }, 5000);
            row = bans->model()->rowOf(bannedClient);
            return row >= 0;
        },
        20000))
        << "the ban never reached the Bans view's model";
    const QModelIndex reason = bans->model()->index(row, ui::BansModel::Reason);
    EXPECT_EQ(reason.data(ui::BansModel::ReasonRole).toString(), u"wrong_credentials"_s);
    EXPECT_EQ(reason.data().toString(), u"wrong credentials"_s);
    EXPECT_EQ(bans->model()->index(row, ui::BansModel::Jail).data().toString(),
              Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s));

    bans->table()->selectRow(row);
    auto *unban = bans->findChild<QPushButton *>(u"bansUnban"_s);
    ASSERT_TRUE(waitUntil([&] { return unban->isEnabled(); }, 5000));
    unban->click();
    EXPECT_TRUE(waitUntil([] { return canConnect(bannedClient); }, 20000))
        << "still rejected after Unban";
    EXPECT_TRUE(waitUntil([&] { return bans->model()->rowOf(bannedClient) < 0; }, 20000))
        << bans->findChild<QLabel *>(u"bansStatus"_s)->text().toStdString();
}

TEST_F(BansAndSearch, AWhitelistedAddressIsNotBanned)
{
    ui::BansView *bans = showBans();
    bans->whitelistAddress(bannedClient, u"customer office, ticket 4711"_s);
    ASSERT_TRUE(waitUntil([&] { return bans->whitelist()->rowCount() > 0; }, 20000));
    EXPECT_EQ(bans->whitelist()->index(0, ui::WhitelistModel::Note).data().toString(),
              u"customer office, ticket 4711"_s);
    for (int i = 0; i < 3; ++i)
        failLogin();
    // fail2ban reads the log every second; give it several chances to ban.
    waitUntil([] { return false; }, 4000);
    EXPECT_FALSE(bannedIps(Lab::get().value(u"LAB_FAIL2BAN_JAIL"_s)).contains(bannedClient));
    EXPECT_TRUE(canConnect(bannedClient));
}

TEST_F(BansAndSearch, GlobalSearchFindsTheBannedIpAndUnbansIt)
{
    banClient();
    window->searchBox()->setText(bannedClient);
    emit window->searchBox()->returnPressed();
    ui::SearchPanel *panel = window->searchPanel();
    ASSERT_TRUE(
        waitUntil([&] { return panel->pending() == 0 && panel->model()->rowCount() > 0; }, 30000));
    // Grouped by relay: the lab relay's group holds the ban with its reason.
    QStandardItem *group = panel->model()->item(0);
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->text(), u"Lab"_s);
    ASSERT_GE(group->rowCount(), 1);
    EXPECT_EQ(group->child(0)->data(Qt::UserRole + 3).toString(), u"wrong_credentials"_s);
    EXPECT_TRUE(group->child(0)->text().contains(u"wrong credentials"_s))
        << group->child(0)->text().toStdString();

    auto *unban = panel->findChild<QPushButton *>(u"searchUnban"_s);
    ASSERT_NE(unban, nullptr);
    ASSERT_TRUE(unban->isEnabled());
    unban->click();
    EXPECT_TRUE(waitUntil([] { return canConnect(bannedClient); }, 20000));
    // The result is asked again and now says the address is not banned.
    EXPECT_TRUE(waitUntil(
        [&] {
            QStandardItem *g = panel->model()->item(0);
            return g && g->rowCount() > 0 && g->child(0)->text().contains(u"not banned"_s);
        },
        20000));
}

namespace {

// The console as the lab's helpdesk or partner user: what the Bans view offers follows the
// permissions the relay's `info` lists for that user.
class BansAs : public BansAndSearch
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        clean();
    }
    void connectAs(const QString &userKey, const QString &keyKey)
    {
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s), userKey, keyKey);
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
    }
};

} // namespace

TEST_F(BansAs, HelpdeskMayUnbanAndWhitelistTheSelectedBan)
{
    connectAs(u"LAB_HELPDESK_USER"_s, u"LAB_HELPDESK_KEY"_s);
    EXPECT_TRUE(window->currentConnection()->can(Permission::Unban));
    banClient();
    ui::BansView *bans = showBans();
    int row = -1;
    ASSERT_TRUE(waitUntil(
        [&] {
            bans->reload();
            waitUntil([&] { return bans->model()->rowOf(bannedClient) >= 0; }, 5000);
            row = bans->model()->rowOf(bannedClient);
            return row >= 0;
        },
        20000));
    bans->table()->selectRow(row);
    auto *unban = bans->findChild<QPushButton *>(u"bansUnban"_s);
    auto *whitelist = bans->findChild<QPushButton *>(u"bansWhitelist"_s);
    ASSERT_NE(whitelist, nullptr);
    EXPECT_TRUE(waitUntil([&] { return unban->isEnabled() && whitelist->isEnabled(); }, 5000));
    EXPECT_TRUE(unban->toolTip().isEmpty());
}

namespace {

// The relay's own whitelist, read with staffettactl (not through the console).
QStringList relayWhitelist()
{
    QStringList out;
    const QJsonObject r = ctl({u"bans"_s, u"whitelist"_s});
    for (const QJsonValue &e : r.value(u"whitelist"_s).toArray())
        out.append(e.toObject().value(u"address"_s).toString());
    return out;
}

// The whitelist dialog that the console opened: fills it and presses its OK button.
void fillWhitelistDialog(const QString &address, const QString &note)
{
    auto *dialog = waitForWidget<QDialog>(u"whitelistDialog"_s);
    ASSERT_NE(dialog, nullptr);
    auto *field = dialog->findChild<QLineEdit *>(u"whitelistAddress"_s);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // The warning is said where the address is whitelisted.
    EXPECT_TRUE(dialog->findChild<QLabel *>(u"whitelistWarning"_s)->text().contains(u"retry"_s));
    field->setText(u"not an address"_s);
    EXPECT_FALSE(ok->isEnabled());
    EXPECT_FALSE(dialog->findChild<QLabel *>(u"whitelistProblem"_s)->text().isEmpty());
    field->setText(address);
    dialog->findChild<QLineEdit *>(u"whitelistNote"_s)->setText(note);
    ASSERT_TRUE(ok->isEnabled());
    ok->click();
}

} // namespace

// The helpdesk's flow in the Bans view: a mouse click fills the "why" pane at once, in words
// that can be repeated to the customer; after Unban the pane says so, and the address can
// still be whitelisted (Add… in the whitelist section); removing the entry asks first.
TEST_F(BansAndSearch, MouseSelectionExplainsTheBanAndAnAddressIsWhitelistedAfterUnban)
{
    language.apply(u"en"_s); // the English plurals the assertions read
    banClient();
    ui::BansView *bans = showBans();
    int row = -1;
    ASSERT_TRUE(waitUntil(
        [&] {
            bans->reload();
            waitUntil([&] { return bans->model()->rowOf(bannedClient) >= 0; }, 5000);
            row = bans->model()->rowOf(bannedClient);
            return row >= 0;
        },
        20000));
    auto *log = bans->findChild<QTextBrowser *>(u"bansLog"_s);
    QTableView *table = bans->table();
    const QRect cell = table->visualRect(bans->model()->index(row, ui::BansModel::Address));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    // At once, before any answer of the relay: the reason the listing had.
    EXPECT_TRUE(log->toPlainText().contains(u"Why 127.0.0.2 is banned: wrong credentials"_s))
        << log->toPlainText().toStdString();
    // Then the log lines, said as a helpdesk can repeat them, with the whitelist's warning.
    EXPECT_TRUE(
        waitUntil([&] { return log->toPlainText().contains(u"failed logins as alice"_s); }, 20000))
        << log->toPlainText().toStdString();
    EXPECT_TRUE(log->toPlainText().contains(u"probably has an old password"_s));
    EXPECT_TRUE(log->toPlainText().contains(u"retry forever"_s));

    auto *unban = bans->findChild<QPushButton *>(u"bansUnban"_s);
    ASSERT_TRUE(unban->isEnabled());
    unban->click();
    EXPECT_TRUE(waitUntil(
        [&] { return log->toPlainText() == u"127.0.0.2 is not banned any more."_s; }, 20000))
        << log->toPlainText().toStdString();
    EXPECT_TRUE(canConnect(bannedClient));

    // Not banned any more, and still whitelisted from the Bans view.
    auto *add = bans->findChild<QPushButton *>(u"whitelistAdd"_s);
    ASSERT_TRUE(waitUntil([&] { return add->isEnabled(); }, 5000));
    add->click();
    fillWhitelistDialog(bannedClient, u"Rossi srl, ticket 4711"_s);
    ASSERT_TRUE(waitUntil([&] { return bans->whitelist()->rowCount() == 1; }, 20000));
    EXPECT_EQ(bans->whitelist()->index(0, ui::WhitelistModel::Address).data().toString(),
              bannedClient);
    EXPECT_EQ(relayWhitelist(), QStringList{bannedClient});

    // Removing asks first, and No (the default) keeps the entry.
    bans->findChild<QTableView *>(u"whitelistTable"_s)->selectRow(0);
    auto *remove = bans->findChild<QPushButton *>(u"whitelistRemove"_s);
    ASSERT_TRUE(waitUntil([&] { return remove->isEnabled(); }, 5000));
    remove->click();
    auto *confirm = waitForWidget<QMessageBox>(u"whitelistConfirm"_s);
    ASSERT_NE(confirm, nullptr);
    EXPECT_EQ(confirm->defaultButton(), confirm->button(QMessageBox::No));
    confirm->button(QMessageBox::No)->click();
    waitUntil([] { return false; }, 500);
    EXPECT_EQ(relayWhitelist(), QStringList{bannedClient});
    remove->click();
    confirm = waitForWidget<QMessageBox>(u"whitelistConfirm"_s);
    ASSERT_NE(confirm, nullptr);
    confirm->button(QMessageBox::Yes)->click();
    EXPECT_TRUE(waitUntil([&] { return bans->whitelist()->rowCount() == 0; }, 20000));
    EXPECT_TRUE(relayWhitelist().isEmpty());
}

// A "not banned" search hit offers Whitelist…, and the hits' actions are in full view in a
// 630 px wide window.
TEST_F(BansAndSearch, ANotBannedSearchHitCanBeWhitelistedAndItsActionsAreVisible)
{
    window->resize(630, 600);
    window->searchBox()->setText(bannedClient);
    emit window->searchBox()->returnPressed();
    ui::SearchPanel *panel = window->searchPanel();
    ASSERT_TRUE(
        waitUntil([&] { return panel->pending() == 0 && panel->model()->rowCount() > 0; }, 30000));
    QStandardItem *group = panel->model()->item(0);
    ASSERT_GE(group->rowCount(), 1);
    EXPECT_TRUE(group->child(0)->text().contains(u"is not banned"_s))
        << group->child(0)->text().toStdString();
    auto *whitelist = panel->findChild<QPushButton *>(u"searchWhitelist"_s);
    ASSERT_NE(whitelist, nullptr);
    QApplication::processEvents();
    ASSERT_TRUE(whitelist->isVisible());
    EXPECT_FALSE(panel->findChild<QPushButton *>(u"searchUnban"_s)->isVisible());
    // Unsquashed, and inside the results' viewport without scrolling.
    EXPECT_GE(whitelist->width(), whitelist->sizeHint().width());
    QWidget *viewport = panel->tree()->viewport();
    const QRect inViewport(whitelist->mapTo(viewport, QPoint(0, 0)), whitelist->size());
    EXPECT_TRUE(viewport->rect().contains(inViewport))
        << inViewport.x() << "," << inViewport.width() << " in " << viewport->width();
    whitelist->click();
    fillWhitelistDialog(bannedClient, u"customer office"_s);
    EXPECT_TRUE(waitUntil([] { return relayWhitelist().contains(bannedClient); }, 20000));
    // The hit is asked again and shows the entry.
    EXPECT_TRUE(waitUntil(
        [&] {
            QStandardItem *g = panel->model()->item(0);
            for (int i = 0; g && i < g->rowCount(); ++i) {
                if (g->child(i)->text().contains(u"On the whitelist"_s))
                    return true;
            }
            return false;
        },
        20000));
}
