// Is the relay alive, and is what the console shows current? Offscreen, against the lab relay:
// `info` names the relay's services and a stopped Postfix makes the relay "degraded" in the
// sidebar; a relay that stops answering marks its views stale, turns its actions off, is
// named by the search as not searched, and turns green again by itself when it answers.
#include "bans_view.h"
#include "fleet_model.h"
#include "queue_model.h"
#include "queue_view.h"
#include "relay_connection.h"
#include "search_panel.h"
#include "senders_view.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QToolButton>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The lab's SSH port behind a TCP forwarder the test can close and open again: an
// unreachable relay that comes back.
class Forwarder : public QObject
{
public:
    Forwarder()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                m_clients.append(client);
                connect(client, &QTcpSocket::readyRead, upstream,
                        [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client,
                        [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::connected, client,
                        [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::disconnected, client,
                        &QTcpSocket::disconnectFromHost);
                connect(client, &QTcpSocket::disconnected, upstream,
                        &QTcpSocket::disconnectFromHost);
                upstream->connectToHost(QHostAddress::LocalHost,
                                        quint16(Lab::get().port(u"LAB_SSH_PORT"_s)));
            }
        });
    }
    bool open(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close()
    {
        m_server.close();
        for (QTcpSocket *c : std::as_const(m_clients)) {
            if (c)
                c->abort();
        }
        m_clients.clear();
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_clients;
};

// Postfix is started again whatever the test's outcome.
struct PostfixStopped
{
    PostfixStopped() { labCommand(u"postfix-stop"_s); }
    ~PostfixStopped() { labCommand(u"postfix-start"_s); }
};

ui::RelayConnection::State stateOf(ui::RelayConnection *c)
{
    return c ? c->state() : ui::RelayConnection::State::Idle;
}

} // namespace

TEST_F(Console, InfoNamesTheServicesAndAStoppedPostfixShowsAsDegraded)
{
    language.apply(u"en"_s);
    const api::RelayInfo info = localInfo();
    QStringList names;
    for (const api::ServiceStatus &s : info.services) {
        names.append(s.name);
        EXPECT_TRUE(s.up) << s.name.toStdString() << ": " << s.detail.toStdString();
    }
    EXPECT_EQ(names, (QStringList{u"postfix"_s, u"submission"_s, u"dovecot_auth"_s, u"staffettad"_s,
                                  u"fail2ban"_s, u"milter"_s, u"events"_s}));

    // A new relay connects once its dialog is accepted: no Connect needed.
    addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
    ui::RelayConnection *c = window->currentConnection();
    ASSERT_TRUE(waitUntil([&] { return stateOf(c) == ui::RelayConnection::State::Online; }, 30000))
        << c->statusText().toStdString();
    EXPECT_FALSE(c->isDegraded());
    EXPECT_FALSE(window->relayBanner()->isVisible());
    const QModelIndex row = window->fleet()->index(0);
    {
        PostfixStopped stopped;
        window->refreshOnline(); // what the periodic refresh does
        ASSERT_TRUE(
            waitUntil([&] { return row.data(ui::FleetModel::DegradedRole).toBool(); }, 30000))
            << c->statusText().toStdString();
        const QString status = row.data(ui::FleetModel::StatusTextRole).toString();
        EXPECT_TRUE(status.startsWith(u"degraded: Postfix, submission port down"_s))
            << status.toStdString();
        EXPECT_TRUE(window->relayBanner()->isVisible());
        EXPECT_TRUE(window->relayBanner()->text().contains(u"Postfix"_s));
    }
    window->refreshOnline();
    EXPECT_TRUE(waitUntil([&] { return !row.data(ui::FleetModel::DegradedRole).toBool(); }, 30000))
        << c->statusText().toStdString();
    EXPECT_TRUE(row.data(ui::FleetModel::StatusTextRole).toString().startsWith(u"online"_s));

    // A saved relay connects when the console starts.
    ui::MainWindow next(*settings, secrets, language, &prompter);
    ui::RelayConnection *saved = next.currentConnection();
    ASSERT_NE(saved, nullptr);
    EXPECT_TRUE(
        waitUntil([&] { return stateOf(saved) == ui::RelayConnection::State::Online; }, 30000))
        << saved->statusText().toStdString();
}

TEST_F(Console, AnUnreachableRelayIsStaleAndTurnsGreenByItselfWhenItAnswers)
{
    language.apply(u"en"_s);
    Forwarder forwarder;
    ASSERT_TRUE(forwarder.open());
    const quint16 port = forwarder.port();
    prompter.trustHostKey = true; // the forwarder's port is a new host key entry
    addLabRelay(dir.filePath(u"known_hosts"_s), u"LAB_SSH_USER"_s, u"LAB_SSH_KEY"_s, port);
    ui::RelayConnection *c = window->currentConnection();
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(waitUntil([&] { return stateOf(c) == ui::RelayConnection::State::Online; }, 30000))
        << c->statusText().toStdString();
    c->setRetryDelays(300, 1000);

    ui::BansView *bans = window->bans();
    window->views()->setCurrentWidget(bans);
    auto *add = bans->findChild<QPushButton *>(u"whitelistAdd"_s);
    ASSERT_TRUE(waitUntil([&] { return add->isEnabled(); }, 10000));

    // A search hit that opens the Queue shows its filter, which can be cleared.
    emit window->searchPanel()->showMessage(c->profile().id, u"4BCD123456"_s);
    EXPECT_EQ(window->views()->currentWidget(), window->queue());
    EXPECT_EQ(window->queue()->filterBox()->text(), u"4BCD123456"_s);
    window->queue()->filterBox()->clear();
    EXPECT_EQ(window->queue()->proxy()->rowCount(), window->queue()->model()->rowCount());
    window->views()->setCurrentWidget(bans);

    forwarder.close();
    window->refreshOnline();
    ASSERT_TRUE(waitUntil([&] { return !c->isReachable(); }, 30000));
    EXPECT_TRUE(c->info().has_value()); // what it showed is kept, marked stale
    EXPECT_TRUE(window->relayBanner()->isVisible());
    EXPECT_TRUE(window->relayBanner()->text().contains(u"does not answer"_s))
        << window->relayBanner()->text().toStdString();
    EXPECT_FALSE(add->isEnabled());
    EXPECT_TRUE(add->toolTip().contains(u"does not answer"_s)) << add->toolTip().toStdString();
    auto *reloadPolicy = window->senders()->findChild<QToolButton *>(u"reloadPolicy"_s);
    ASSERT_NE(reloadPolicy, nullptr);
    EXPECT_FALSE(reloadPolicy->isEnabled());
    EXPECT_TRUE(window->fleet()
                    ->index(0)
                    .data(ui::FleetModel::StatusTextRole)
                    .toString()
                    .contains(u"last answered"_s));

    // The search says where it did not look.
    window->search(u"127.0.0.2"_s);
    EXPECT_EQ(window->searchPanel()->notCovered(), QStringList{u"Lab"_s});
    EXPECT_TRUE(window->searchPanel()->title()->text().contains(u"Not searched on 1 relay"_s))
        << window->searchPanel()->title()->text().toStdString();

    // It answers again: green without F5, the banner goes, the actions come back.
    ASSERT_TRUE(forwarder.open(port));
    EXPECT_TRUE(waitUntil([&] { return stateOf(c) == ui::RelayConnection::State::Online; }, 30000))
        << c->statusText().toStdString();
    EXPECT_FALSE(window->relayBanner()->isVisible());
    EXPECT_TRUE(waitUntil([&] { return add->isEnabled(); }, 10000));
    EXPECT_TRUE(waitUntil([&] { return reloadPolicy->isEnabled(); }, 10000));
}
