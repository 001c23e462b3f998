#pragma once

#include "probe/probe.h"
#include "relay_view.h"

#include <QPointer>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace staffetta::secrets {
class SecretStore;
}

namespace staffetta::ui {

// Test delivery: the probes of core/probe from this desktop to the relay's submission port,
// as a customer's mail client meets it, each against what the relay's policy says. The
// account's password comes from the keychain (saved there on request) or is typed for this
// session; it never reaches a file. The probes run on a thread of their own (probe::Runner).
class TestDeliveryView : public RelayView
{
    Q_OBJECT
public:
    explicit TestDeliveryView(secrets::SecretStore &secrets, QWidget *parent = nullptr);
    ~TestDeliveryView() override;

    void run();
    void cancel();
    bool isRunning() const;
    // The last report, as HTML or JSON by the file's suffix (.json, else HTML).
    bool saveReport(const QString &path) const;
    const std::optional<probe::Report> &report() const { return m_report; }

signals:
    void finished();

protected:
    void connectionChanged() override;
    void relayChanged() override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void accountChanged();
    void addResult(const probe::Result &r);
    void done(const probe::Report &report);
    void setRunning(bool running);
    QString keychainKey() const;

    secrets::SecretStore &m_secrets;
    QLabel *m_intro;
    QLabel *m_hostLabel, *m_portLabel, *m_accountLabel, *m_passwordLabel, *m_senderLabel;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_account;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLineEdit *m_sender;
    QList<QCheckBox *> m_probes; // in probe::AllKinds order
    QCheckBox *m_unauthorized;
    QLabel *m_warning;
    QPushButton *m_run, *m_cancel, *m_save, *m_copy;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_results;
    QPlainTextEdit *m_transcript;
    std::unique_ptr<probe::Runner> m_runner;
    std::optional<probe::Report> m_report;
    int m_keychainRead = 0; // the newest read wins
};

} // namespace staffetta::ui
