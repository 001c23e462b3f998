// The Bans view and the global search, offscreen, against the lab relay: real failed logins
// from 127.0.0.2 bring a real fail2ban ban, which the console shows with its reason; unban
// and whitelist act on the relay and their effect is checked by connecting again.
#include "bans_view.h"
#include "relay_connection.h"
#include "search_panel.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
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
