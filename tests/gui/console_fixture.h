#pragma once
// The real main window, offscreen, with a scripted prompter: shared by the GUI tests.
#include "language.h"
#include "main_window.h"
#include "prompter.h"
#include "relay_dialog.h"
#include "secrets/secret_store.h"

#include "test_support.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>

namespace staffetta::test {

using namespace Qt::Literals::StringLiterals;

// Answers questions as a test script says, and records that they were asked.
// A visible top-level widget (a dialog opened with open()) by object name.
template<typename T> T *waitForWidget(const QString &name, int ms = 20000)
{
    T *found = nullptr;
    waitUntil(
        [&] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (w->objectName() == name && w->isVisible()) {
                    found = qobject_cast<T *>(w);
                    if (found)
                        return true;
                }
            }
            return false;
        },
        ms);
    return found;
}

// A list widget's rows, as shown.
inline QStringList items(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

// A list of strings as a policy change's line writes it (["pdf","txt"]).
inline QString jsonList(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

class ScriptedPrompter : public ui::Prompter
{
public:
    bool trustHostKey = false;
    int hostKeyQuestions = 0;
    int secretQuestions = 0;
    void askTrustHostKey(const QString &, const Error &, std::function<void(bool)> answer) override
    {
        ++hostKeyQuestions;
        answer(trustHostKey);
    }
    void askSecret(const QString &, const Error &,
                   std::function<void(std::optional<SecretAnswer>)> answer) override
    {
        ++secretQuestions;
        answer(std::nullopt);
    }
};

class Console : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(Lab::get().ok());
        settings =
            std::make_unique<QSettings>(dir.filePath(u"staffetta.ini"_s), QSettings::IniFormat);
        window = std::make_unique<ui::MainWindow>(*settings, secrets, language, &prompter);
        window->show();
    }

    // Adds the lab relay through the Add relay dialog, as a person would (as root with the
    // lab key, or as another lab user: LAB_PARTNER_USER/KEY, LAB_HELPDESK_USER/KEY), on the
    // lab's SSH port or on `port` (a forwarder to it).
    void addLabRelay(const QString &knownHosts, const QString &userKey = u"LAB_SSH_USER"_s,
                     const QString &keyKey = u"LAB_SSH_KEY"_s, int port = 0)
    {
        window->addRelayAction()->trigger();
        auto *dialog = window->findChild<ui::RelayDialog *>();
        ASSERT_NE(dialog, nullptr);
        const Lab &lab = Lab::get();
        dialog->findChild<QLineEdit *>(u"name"_s)->setText(u"Lab"_s);
        dialog->findChild<QLineEdit *>(u"host"_s)->setText(lab.value(u"LAB_SMTP_HOST"_s));
        dialog->findChild<QSpinBox *>(u"port"_s)->setValue(port ? port
                                                                : lab.port(u"LAB_SSH_PORT"_s));
        dialog->findChild<QLineEdit *>(u"user"_s)->setText(lab.value(userKey));
        auto *auth = dialog->findChild<QComboBox *>(u"auth"_s);
        auth->setCurrentIndex(auth->findData(int(transport::SshAuth::KeyFile)));
        dialog->findChild<QLineEdit *>(u"keyFile"_s)->setText(lab.value(keyKey));
        dialog->findChild<QLineEdit *>(u"knownHosts"_s)->setText(knownHosts);
        dialog->accept();
    }

    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    secrets::SecretStore secrets{u"staffetta-test"_s};
    ui::LanguageManager language;
    ScriptedPrompter prompter;
    std::unique_ptr<ui::MainWindow> window;
};

} // namespace staffetta::test
