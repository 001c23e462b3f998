#include "test_delivery_view.h"

#include "client/relay_client.h"
#include "relay_connection.h"
#include "secrets/secret_store.h"
#include "when_ready.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

TestDeliveryView::TestDeliveryView(secrets::SecretStore &secrets, QWidget *parent)
    : RelayView(parent)
    , m_secrets(secrets)
    , m_intro(new QLabel(this))
    , m_hostLabel(new QLabel(this))
    , m_portLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_senderLabel(new QLabel(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_account(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_sender(new QLineEdit(this))
    , m_unauthorized(new QCheckBox(this))
    , m_warning(new QLabel(this))
    , m_run(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_copy(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_results(new QTableWidget(0, 5, this))
    , m_transcript(new QPlainTextEdit(this))
{
    setObjectName(u"testDelivery"_s);
    m_intro->setWordWrap(true);
    m_host->setObjectName(u"probeHost"_s);
    m_port->setObjectName(u"probePort"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(587);
    m_account->setObjectName(u"probeAccount"_s);
    m_account->setEditable(true);
    m_password->setObjectName(u"probePassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(u"probeRemember"_s);
    m_sender->setObjectName(u"probeSender"_s);
    m_unauthorized->setObjectName(u"probeUnauthorized"_s);
    m_warning->setObjectName(u"probeWarning"_s);
    m_warning->setWordWrap(true);
    m_run->setObjectName(u"probeRun"_s);
    m_cancel->setObjectName(u"probeCancel"_s);
    m_save->setObjectName(u"probeSave"_s);
    m_copy->setObjectName(u"probeCopy"_s);
    m_status->setObjectName(u"probeStatus"_s);
    m_results->setObjectName(u"probeResults"_s);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setWordWrap(true);
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->verticalHeader()->hide();
    m_transcript->setObjectName(u"probeTranscript"_s);
    m_transcript->setReadOnly(true);
    m_transcript->setMaximumBlockCount(20000);

    auto *form = new QFormLayout;
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(m_portLabel);
    hostRow->addWidget(m_port);
    form->addRow(m_hostLabel, hostRow);
    form->addRow(m_accountLabel, m_account);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_remember);
    form->addRow(m_passwordLabel, passwordRow);
    form->addRow(m_senderLabel, m_sender);
    auto *probes = new QHBoxLayout;
    for (probe::Kind k : probe::AllKinds) {
        auto *box = new QCheckBox(this);
        box->setObjectName(u"probe_"_s + probe::kindName(k));
        box->setChecked(true);
        m_probes.append(box);
        probes->addWidget(box);
    }
    probes->addStretch();
    auto *buttons = new QHBoxLayout;
    for (QWidget *w : {static_cast<QWidget *>(m_run), static_cast<QWidget *>(m_cancel),
                       static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_save),
                       static_cast<QWidget *>(m_copy)})
        buttons->addWidget(w);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_results);
    splitter->addWidget(m_transcript);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addLayout(probes);
    layout->addWidget(m_unauthorized);
    layout->addWidget(m_warning);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);

    connect(m_run, &QPushButton::clicked, this, &TestDeliveryView::run);
    connect(m_cancel, &QPushButton::clicked, this, &TestDeliveryView::cancel);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_transcript->toPlainText()); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the report"),
                                                          u"staffetta-test-delivery.html"_s,
                                                          tr("HTML (*.html);;JSON (*.json)"));
        if (!path.isEmpty() && !saveReport(path))
            emit message(tr("Cannot write %1.").arg(path));
    });
    connect(m_account, &QComboBox::currentTextChanged, this, &TestDeliveryView::accountChanged);
    connect(m_unauthorized, &QCheckBox::toggled, m_warning, &QLabel::setVisible);
    m_warning->setVisible(false);
    setRunning(false);
    retranslate();
}

TestDeliveryView::~TestDeliveryView() = default;

void TestDeliveryView::retranslate()
{
    m_intro->setText(tr("Sends test messages from this computer to the relay's submission "
                        "port, like a customer's mail client, only to the relay's test "
                        "addresses (a black hole: they never count against the quota)."));
    m_hostLabel->setText(tr("Submission host:"));
    m_portLabel->setText(tr("Port:"));
    m_accountLabel->setText(tr("Account:"));
    m_passwordLabel->setText(tr("Password:"));
    m_remember->setText(tr("Save in the keychain"));
    m_password->setPlaceholderText(tr("the account's SMTP password"));
    m_senderLabel->setText(tr("Sender:"));
    for (qsizetype i = 0; i < m_probes.size(); ++i)
        m_probes[i]->setText(probe::kindTitle(probe::AllKinds[i]));
    m_unauthorized->setText(tr("Also try one unauthorized sender (553 expected)"));
    m_warning->setText(tr("Three refused senders in a row get this computer's IP address "
                          "banned by the relay: a run tries one at most, and none within %n "
                          "minutes of the last.",
                          nullptr, probe::GuardMinutes));
    m_run->setText(tr("Run"));
    m_cancel->setText(tr("Cancel"));
    m_save->setText(tr("Save report…"));
    m_copy->setText(tr("Copy transcript"));
    m_results->setHorizontalHeaderLabels(
        {tr("Probe"), tr("Result"), tr("Expected"), tr("Observed"), tr("Notes")});
}

void TestDeliveryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    RelayView::changeEvent(event);
}

void TestDeliveryView::connectionChanged()
{
    cancel();
    m_report.reset();
    m_results->setRowCount(0);
    m_transcript->clear();
    m_host->setText(connection() ? connection()->profile().ssh.host : QString());
    relayChanged();
}

void TestDeliveryView::relayChanged()
{
    if (!connection() || !connection()->info())
        return;
    const QStringList accounts = connection()->info()->accounts;
    const QString current = m_account->currentText();
    m_account->blockSignals(true);
    m_account->clear();
    m_account->addItems(accounts);
    m_account->setEditText(current.isEmpty() ? accounts.value(0) : current);
    m_account->blockSignals(false);
    accountChanged();
}

QString TestDeliveryView::keychainKey() const
{
    if (!connection())
        return {};
    return u"relay/"_s + connection()->profile().id.toString(QUuid::WithoutBraces) + u"/smtp/"_s +
           m_account->currentText().trimmed();
}

void TestDeliveryView::accountChanged()
{
    const QString login = m_account->currentText().trimmed();
    m_password->clear();
    if (login.isEmpty() || !connection())
        return;
    const int read = ++m_keychainRead;
    // Off the UI thread: the keychain answers through its own signals.
    whenReady(m_secrets.read(keychainKey()), this, [this, read](Result<QString> secret) {
        if (read != m_keychainRead || !secret)
            return; // stale, not saved, or no keychain: the user types it
        if (m_password->text().isEmpty())
            m_password->setText(secret.value());
    });
}

bool TestDeliveryView::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

void TestDeliveryView::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_save->setEnabled(!running && m_report.has_value());
    m_copy->setEnabled(!running && !m_transcript->document()->isEmpty());
    for (QWidget *w : {static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port),
                       static_cast<QWidget *>(m_account), static_cast<QWidget *>(m_password),
                       static_cast<QWidget *>(m_sender), static_cast<QWidget *>(m_unauthorized)})
        w->setEnabled(!running);
}

void TestDeliveryView::run()
{
    if (isRunning() || !connection())
        return;
    probe::Settings s;
    s.host = m_host->text().trimmed();
    s.port = quint16(m_port->value());
    s.login = m_account->currentText().trimmed();
    s.password = m_password->text();
    s.sender = m_sender->text().trimmed();
    s.tryUnauthorizedSender = m_unauthorized->isChecked();
    s.guardFile =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/probe-guard.json"_s;
    s.probes.clear();
    for (qsizetype i = 0; i < m_probes.size(); ++i) {
        if (m_probes[i]->isChecked())
            s.probes.append(probe::AllKinds[i]);
    }
    if (s.host.isEmpty() || s.login.isEmpty() || s.password.isEmpty() || s.sender.isEmpty() ||
        s.probes.isEmpty()) {
        m_status->setText(tr("Fill in the host, account, password and sender, and pick a probe."));
        return;
    }
    if (m_remember->isChecked()) {
        whenReady(m_secrets.write(keychainKey(), s.password), this, [this](Result<Done> r) {
            if (!r)
                emit message(tr("The password was not saved: %1").arg(r.error().message));
        });
    }
    m_report.reset();
    m_results->setRowCount(0);
    m_transcript->clear();
    m_progress->setRange(0, int(s.probes.size()));
    m_progress->setValue(0);
    m_runner = std::make_unique<probe::Runner>(
        s, std::make_shared<client::RelayClient>(connection()->client()));
    connect(m_runner.get(), &probe::Runner::progress, this,
            [this](int doneCount, int total, const QString &step) {
                if (total > 0) {
                    m_progress->setRange(0, total);
                    m_progress->setValue(doneCount);
                }
                m_status->setText(step);
            });
    connect(m_runner.get(), &probe::Runner::resultReady, this, &TestDeliveryView::addResult);
    connect(m_runner.get(), &probe::Runner::transcriptLine, m_transcript,
            &QPlainTextEdit::appendPlainText);
    connect(m_runner.get(), &probe::Runner::finished, this, &TestDeliveryView::done);
    setRunning(true);
    m_runner->start();
}

void TestDeliveryView::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

void TestDeliveryView::addResult(const probe::Result &r)
{
    const int row = m_results->rowCount();
    m_results->insertRow(row);
    const QStringList cells{probe::kindTitle(r.kind), probe::outcomeTitle(r.outcome), r.expected,
                            r.observed, r.notes.join(u'\n')};
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        item->setData(Qt::UserRole, probe::outcomeName(r.outcome));
        item->setToolTip(cells[c]);
        m_results->setItem(row, c, item);
    }
    m_results->resizeRowToContents(row);
}

void TestDeliveryView::done(const probe::Report &report)
{
    m_report = report;
    // Not deleted here: this runs inside the runner's own signal.
    m_runner.release()->deleteLater();
    setRunning(false);
    m_progress->setValue(m_progress->maximum());
    if (!report.error.isEmpty())
        m_status->setText(report.error);
    else if (!report.stopped.isEmpty())
        m_status->setText(report.stopped);
    else if (report.cancelled)
        m_status->setText(tr("Cancelled."));
    else {
        int failed = 0, findings = 0;
        for (const auto &r : report.results) {
            failed += r.outcome == probe::Outcome::Fail;
            findings += r.outcome == probe::Outcome::Finding;
        }
        m_status->setText(tr("Done: %1 failed, %2 findings.").arg(failed).arg(findings));
    }
    emit finished();
}

bool TestDeliveryView::saveReport(const QString &path) const
{
    if (!m_report)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QByteArray bytes = path.endsWith(u".json"_s, Qt::CaseInsensitive)
                                 ? QJsonDocument(m_report->toJson()).toJson()
                                 : m_report->toHtml().toUtf8();
    return file.write(bytes) == bytes.size() && file.commit();
}

} // namespace staffetta::ui
