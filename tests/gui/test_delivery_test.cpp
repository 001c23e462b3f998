// The Test delivery view, offscreen, against the lab relay: the probes run from the real
// console, the table and the saved report list each result, in English and in Italian.
#include "relay_connection.h"
#include "test_delivery_view.h"

#include "console_fixture.h"
#include "lab_helpers.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>

using namespace staffetta;
using namespace staffetta::test;
using namespace Qt::Literals::StringLiterals;

namespace {

class TestDeliveryLab : public Console
{
protected:
    void SetUp() override
    {
        Console::SetUp();
        addLabRelay(Lab::get().value(u"LAB_SSH_KNOWN_HOSTS"_s));
        window->connectAction()->trigger();
        ASSERT_TRUE(
            waitUntil([&] { return window->currentConnection()->info().has_value(); }, 30000));
        view = window->testDelivery();
        window->views()->setCurrentWidget(view);
        // An account of its own: its messages stay out of the lab accounts' counts and alerts.
        account =
            addAccount(u"probe-gui"_s, {{u"max_recipients"_s, 7}, {u"max_message_size"_s, 20000}});
    }
    void TearDown() override
    {
        language.apply(u"en"_s);
        if (!account.login.isEmpty())
            removeAccount(account.login);
    }

    // Fills the form as a person would and runs every probe; the table's rows.
    QTableWidget *runAll()
    {
        const Lab &lab = Lab::get();
        EXPECT_EQ(view->findChild<QLineEdit *>(u"probeHost"_s)->text(),
                  lab.value(u"LAB_SMTP_HOST"_s));
        view->findChild<QSpinBox *>(u"probePort"_s)->setValue(lab.port(u"LAB_SUBMISSION_PORT"_s));
        view->findChild<QComboBox *>(u"probeAccount"_s)->setEditText(account.login);
        view->findChild<QLineEdit *>(u"probePassword"_s)->setText(account.password);
        view->findChild<QLineEdit *>(u"probeSender"_s)->setText(account.sender);
        QSignalSpy finished(view, &ui::TestDeliveryView::finished);
        view->findChild<QPushButton *>(u"probeRun"_s)->click();
        EXPECT_TRUE(view->isRunning());
        // The UI thread is free while the probes run: the cancel button is live.
        EXPECT_TRUE(view->findChild<QPushButton *>(u"probeCancel"_s)->isEnabled());
        EXPECT_TRUE(waitUntil([&] { return finished.count() == 1; }, 120000));
        return view->findChild<QTableWidget *>(u"probeResults"_s);
    }

    void expectEveryResultListed(const QString &code)
    {
        QTableWidget *table = runAll();
        ASSERT_TRUE(view->report().has_value());
        ASSERT_TRUE(view->report()->error.isEmpty()) << view->report()->error.toStdString();
        ASSERT_EQ(table->rowCount(), 6);
        const QString html = dir.filePath(u"report-"_s + code + u".html"_s);
        const QString json = dir.filePath(u"report-"_s + code + u".json"_s);
        ASSERT_TRUE(view->saveReport(html));
        ASSERT_TRUE(view->saveReport(json));
        const QString saved = QString::fromUtf8(readFile(html));
        int row = 0;
        for (probe::Kind k : probe::AllKinds) {
            const QString title = probe::kindTitle(k);
            EXPECT_EQ(table->item(row, 0)->text(), title);
            EXPECT_EQ(table->item(row, 1)->data(Qt::UserRole).toString(), u"pass"_s)
                << title.toStdString() << ": " << table->item(row, 3)->text().toStdString();
            EXPECT_EQ(table->item(row, 1)->text(), probe::outcomeTitle(probe::Outcome::Pass));
            EXPECT_FALSE(table->item(row, 2)->text().isEmpty()); // expected, from the policy
            EXPECT_FALSE(table->item(row, 3)->text().isEmpty()); // observed
            EXPECT_TRUE(saved.contains(title.toHtmlEscaped())) << title.toStdString();
            ++row;
        }
        EXPECT_EQ(saved.count(u"class=\"pass\""_s), 6);
        const QJsonObject report = QJsonDocument::fromJson(readFile(json)).object();
        EXPECT_EQ(report.value(u"results"_s).toArray().size(), 6);
        // The transcript is there to copy, with the secret masked.
        const QString transcript =
            view->findChild<QPlainTextEdit *>(u"probeTranscript"_s)->toPlainText();
        EXPECT_TRUE(transcript.contains(u"C: AUTH PLAIN ********"_s));
        EXPECT_FALSE(transcript.contains(account.password));
        EXPECT_FALSE(saved.contains(account.password));
    }

    ui::TestDeliveryView *view = nullptr;
    LabAccount account;
};

} // namespace

TEST_F(TestDeliveryLab, TheReportListsEachResultInEnglish)
{
    ASSERT_EQ(language.apply(u"en"_s), u"en"_s);
    QCoreApplication::processEvents();
    EXPECT_EQ(window->views()->tabText(window->views()->indexOf(view)), u"Test &delivery"_s);
    EXPECT_EQ(probe::kindTitle(probe::Kind::Recipients), u"Recipients per message"_s);
    expectEveryResultListed(u"en"_s);
}

// Cancel, from the view: the run ends at once, says so, and its report is marked cancelled.
TEST_F(TestDeliveryLab, CancelEndsTheRunAndSaysSo)
{
    ASSERT_EQ(language.apply(u"en"_s), u"en"_s);
    QCoreApplication::processEvents();
    const Lab &lab = Lab::get();
    view->findChild<QSpinBox *>(u"probePort"_s)->setValue(lab.port(u"LAB_SUBMISSION_PORT"_s));
    view->findChild<QComboBox *>(u"probeAccount"_s)->setEditText(account.login);
    view->findChild<QLineEdit *>(u"probePassword"_s)->setText(account.password);
    view->findChild<QLineEdit *>(u"probeSender"_s)->setText(account.sender);
    QSignalSpy finished(view, &ui::TestDeliveryView::finished);
    view->findChild<QPushButton *>(u"probeRun"_s)->click();
    auto *transcript = view->findChild<QPlainTextEdit *>(u"probeTranscript"_s);
    ASSERT_TRUE(waitUntil([&] { return transcript->toPlainText().contains(u"S: 235"_s); }, 30000));
    view->findChild<QPushButton *>(u"probeCancel"_s)->click();
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 5000));
    ASSERT_TRUE(view->report().has_value());
    EXPECT_TRUE(view->report()->cancelled);
    EXPECT_LT(view->report()->results.size(), 6);
    EXPECT_EQ(view->findChild<QLabel *>(u"probeStatus"_s)->text(), u"Cancelled."_s);
    EXPECT_TRUE(view->findChild<QPushButton *>(u"probeRun"_s)->isEnabled());
}

TEST_F(TestDeliveryLab, TheReportListsEachResultInItalian)
{
    ASSERT_EQ(language.apply(u"it"_s), u"it"_s);
    QCoreApplication::processEvents(); // the LanguageChange events
    EXPECT_EQ(window->views()->tabText(window->views()->indexOf(view)), u"Prova &di consegna"_s);
    EXPECT_EQ(probe::kindTitle(probe::Kind::Recipients), u"Destinatari per messaggio"_s);
    EXPECT_EQ(view->findChild<QPushButton *>(u"probeRun"_s)->text(), u"Avvia"_s);
    expectEveryResultListed(u"it"_s);
}
