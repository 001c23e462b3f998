// The real main window, offscreen, against the lab relay.
#include "client/relay_client.h"
#include "fleet_model.h"
#include "language.h"
#include "main_window.h"
#include "overview_view.h"
#include "prompter.h"
#include "relay_connection.h"
#include "relay_dialog.h"
#include "secrets/secret_store.h"

#include "console_fixture.h"
#include "lab_helpers.h"
#include "test_support.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QSet>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

TEST_F(Console, AddRelayConnectAndOverviewShowsPostfixVersion)
{
    addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
    ASSERT_EQ(window->fleet()->rowCount(), 1);
    EXPECT_TRUE(window->fleet()
                    ->data(window->fleet()->index(0), Qt::DisplayRole)
                    .toString()
                    .startsWith(u"Lab"_s));
    // Saved as a profile in settings.
    EXPECT_EQ(settings::ProfileStore(*settings).load().size(), 1);

    window->connectAction()->trigger();
    auto *version = window->overview()->findChild<QLabel *>(u"postfixVersion"_s);
    ASSERT_NE(version, nullptr);
    const QString expected = labPostfixVersion();
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_TRUE(waitUntil([&] { return version->text() == expected; }, 30000))
        << "overview shows '" << version->text().toStdString() << "', state: "
        << window->overview()->findChild<QLabel *>(u"state"_s)->text().toStdString();
    EXPECT_EQ(window->fleet()
                  ->data(window->fleet()->index(0), ui::FleetModel::StateRole)
                  .value<ui::RelayConnection::State>(),
              ui::RelayConnection::State::Online);
    EXPECT_EQ(prompter.hostKeyQuestions, 0);
}

TEST_F(Console, UnknownHostKeyIsAskedAndRefusalLeavesItDisconnected)
{
    addLabRelay(dir.filePath(u"empty_known_hosts"_s));
    prompter.trustHostKey = false;
    window->connectAction()->trigger();
    auto *c = window->currentConnection();
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(waitUntil([&] { return c->state() == ui::RelayConnection::State::Failed; }, 30000));
    EXPECT_EQ(prompter.hostKeyQuestions, 1);
    EXPECT_EQ(c->lastError()->code, ErrorCode::HostKeyUnknown);
    EXPECT_FALSE(QFile::exists(dir.filePath(u"empty_known_hosts"_s)));

    prompter.trustHostKey = true;
    window->connectAction()->trigger();
    ASSERT_TRUE(waitUntil([&] { return c->state() == ui::RelayConnection::State::Online; }, 30000))
        << (c->lastError() ? c->lastError()->message.toStdString() : "");
    EXPECT_EQ(prompter.hostKeyQuestions, 2);
    EXPECT_TRUE(QFile::exists(dir.filePath(u"empty_known_hosts"_s)));
}

TEST_F(Console, ItalianIsAppliedLive)
{
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    QCoreApplication::processEvents();
    EXPECT_EQ(window->addRelayAction()->text(), u"&Aggiungi relay…"_s);
    language.apply(u"en"_s);
    QCoreApplication::processEvents();
    EXPECT_EQ(window->addRelayAction()->text(), u"&Add relay…"_s);
}

// The real host-key dialog: it shows the SHA256 fingerprint, and trusting it connects.
// The keyboard: Ctrl+F reaches the search, Ctrl+PgDn / Ctrl+Tab and back switch views from
// anywhere in the window, every tab has its mnemonic.
TEST_F(Console, KeyboardReachesTheSearchAndSwitchesViews)
{
    window->show();
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
    auto *search = window->findChild<QLineEdit *>(u"globalSearch"_s);
    ASSERT_NE(search, nullptr);
    window->views()->setCurrentIndex(0);
    window->views()->currentWidget()->setFocus();
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    EXPECT_TRUE(search->hasFocus());
    // From the search box, outside the tabs.
    QTest::keyClick(search, Qt::Key_PageDown, Qt::ControlModifier);
    EXPECT_EQ(window->views()->currentIndex(), 1);
    QTest::keyClick(search, Qt::Key_Tab, Qt::ControlModifier);
    EXPECT_EQ(window->views()->currentIndex(), 2);
    QTest::keyClick(search, Qt::Key_PageUp, Qt::ControlModifier);
    EXPECT_EQ(window->views()->currentIndex(), 1);
    QTest::keyClick(search, Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(search, Qt::Key_PageUp, Qt::ControlModifier);
    EXPECT_EQ(window->views()->currentIndex(), window->views()->count() - 1) << "wraps around";
    QSet<QChar> mnemonics;
    for (int i = 0; i < window->views()->count(); ++i) {
        const QString text = window->views()->tabText(i);
        const qsizetype amp = text.indexOf(u'&');
        ASSERT_GE(amp, 0) << text.toStdString() << " has no mnemonic";
        EXPECT_FALSE(mnemonics.contains(text.at(amp + 1).toLower())) << text.toStdString();
        mnemonics.insert(text.at(amp + 1).toLower());
    }
}

TEST(ConsoleDialogs, HostKeyDialogShowsTheFingerprintAndTrustConnects)
{
    ASSERT_TRUE(Lab::get().ok());
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
    secrets::SecretStore secrets(u"staffetta-test"_s);
    ui::LanguageManager language;
    ui::MainWindow window(settings, secrets, language); // real dialogs
    window.show();
    const Lab &lab = Lab::get();
    settings::RelayProfile p;
    p.id = QUuid::createUuid();
    p.name = u"Lab"_s;
    p.ssh.host = lab.value(u"LAB_SMTP_HOST"_s);
    p.ssh.port = quint16(lab.port(u"LAB_SSH_PORT"_s));
    p.ssh.user = lab.value(u"LAB_SSH_USER"_s);
    p.ssh.auth = transport::SshAuth::KeyFile;
    p.ssh.keyFile = lab.value(u"LAB_SSH_KEY"_s);
    p.ssh.knownHostsFile = dir.filePath(u"known_hosts"_s);
    window.saveProfile(p);
    window.connectAction()->trigger();

    QMessageBox *box = nullptr;
    ASSERT_TRUE(waitUntil(
        [&] { return (box = window.findChild<QMessageBox *>(u"hostKeyPrompt"_s)); }, 30000));
    const auto out = run(u"ssh-keygen"_s, {u"-l"_s, u"-E"_s, u"sha256"_s, u"-f"_s,
                                           lab.value(u"LAB_SSH_HOST_KEY_PUB"_s)});
    const QString fingerprint = QString::fromUtf8(out.out).section(u' ', 1, 1);
    ASSERT_TRUE(fingerprint.startsWith(u"SHA256:"_s));
    EXPECT_TRUE(box->informativeText().contains(fingerprint))
        << box->informativeText().toStdString();
    QAbstractButton *trust = nullptr;
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::AcceptRole)
            trust = b;
    }
    ASSERT_NE(trust, nullptr);
    trust->click();
    auto *c = window.currentConnection();
    ASSERT_TRUE(waitUntil([&] { return c->state() == ui::RelayConnection::State::Online; }, 30000))
        << (c->lastError() ? c->lastError()->message.toStdString() : "");
    EXPECT_TRUE(QFile::exists(dir.filePath(u"known_hosts"_s)));
}

TEST_F(Console, KeyFileCanBeChosenWithAFileDialog)
{
    window->addRelayAction()->trigger();
    auto *dialog = window->findChild<ui::RelayDialog *>();
    ASSERT_NE(dialog, nullptr);
    auto *keyFile = dialog->findChild<QLineEdit *>(u"keyFile"_s);
    ASSERT_FALSE(keyFile->actions().isEmpty());
    keyFile->actions().first()->trigger();
    QFileDialog *chooser = nullptr;
    ASSERT_TRUE(waitUntil(
        [&] { return (chooser = dialog->findChild<QFileDialog *>(u"keyFileChooser"_s)); }, 5000));
    chooser->selectFile(Lab::get().value(u"LAB_SSH_KEY"_s));
    static_cast<QDialog *>(chooser)->accept(); // QFileDialog::accept is protected
    EXPECT_EQ(keyFile->text(), Lab::get().value(u"LAB_SSH_KEY"_s));
    dialog->reject();
}

// A relay that accepts connections and never answers holds up only its own calls: with four
// of them waiting on it, the lab relay in the same console still answers (each used to hold
// one of Qt's global pool threads, two on these machines, for the connect timeout). Removing
// the dead relay cancels its calls at once (the console used to wait out the timeout).
TEST_F(Console, ADeadRelayDoesNotDelayCallsToAnotherRelay)
{
    QTcpServer dead; // the kernel accepts its connections; nobody ever writes a byte
    ASSERT_TRUE(dead.listen(QHostAddress::LocalHost));
    const Lab &lab = Lab::get();
    settings::RelayProfile p;
    p.id = QUuid::createUuid();
    p.name = u"Dead"_s;
    p.ssh.host = u"127.0.0.1"_s;
    p.ssh.port = dead.serverPort();
    p.ssh.user = lab.value(u"LAB_SSH_USER"_s);
    p.ssh.auth = transport::SshAuth::KeyFile;
    p.ssh.keyFile = lab.value(u"LAB_SSH_KEY"_s);
    p.ssh.knownHostsFile = lab.value(u"LAB_SSH_KNOWN_HOSTS"_s);
    p.ssh.connectTimeoutMs = 30000;
    window->saveProfile(p);
    ui::RelayConnection *deadRelay = window->fleet()->connectionAt(window->fleet()->rowOf(p.id));
    std::optional<client::RelayClient> deadClient = deadRelay->client();
    QList<QFuture<Result<api::RelayInfo>>> waiting;
    for (int i = 0; i < 4; ++i)
        waiting.append(deadClient->info());

    addLabRelay(lab.value(u"LAB_SSH_KNOWN_HOSTS"_s)); // and selects it
    ui::RelayConnection *labRelay = window->currentConnection();
    ASSERT_NE(labRelay, deadRelay);
    window->connectAction()->trigger();
    ASSERT_TRUE(waitUntil(
        [&] { return labRelay->state() != ui::RelayConnection::State::Connecting; }, 8000))
        << "the lab relay did not answer while the dead one was being waited for";
    EXPECT_EQ(labRelay->state(), ui::RelayConnection::State::Online)
        << (labRelay->lastError() ? labRelay->lastError()->message.toStdString() : "");
    for (const auto &call : waiting)
        EXPECT_FALSE(call.isFinished()) << "a call to the dead relay ended before the lab's";

    deadClient.reset(); // the relay's connection holds the last reference to its transport
    QElapsedTimer removal;
    removal.start();
    window->fleet()->remove(window->fleet()->rowOf(p.id));
    // Far below the 30 s connect timeout that a blocking connect would wait out.
    EXPECT_LT(removal.elapsed(), 5000) << "removing the dead relay blocked the window";
    for (const auto &call : waiting) {
        ASSERT_TRUE(call.isFinished()) << "the removed relay's calls are still running";
        ASSERT_FALSE(call.result().ok());
        EXPECT_EQ(call.result().error().code, ErrorCode::Canceled)
            << call.result().error().message.toStdString();
    }
}
