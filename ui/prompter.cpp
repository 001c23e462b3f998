#include "prompter.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

void DialogPrompter::askTrustHostKey(const QString &relayName, const Error &error,
                                     std::function<void(bool)> answer)
{
    auto *box = new QMessageBox(m_parent);
    box->setObjectName(u"hostKeyPrompt"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Unknown host key — %1").arg(relayName));
    box->setText(tr("Staffetta has never connected to %1 before.")
                     .arg(error.details.value(u"host"_s).toString()));
    box->setInformativeText(
        tr("Its %1 key fingerprint is:\n%2\n\nCompare it with the fingerprint your "
           "relay's administrator gave you (ssh-keygen -lf on the relay's host key). "
           "Trust this key and remember it?")
            .arg(error.details.value(u"key_type"_s).toString(),
                 error.details.value(u"fingerprint"_s).toString()));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *trust = box->addButton(tr("Trust and connect"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, trust, answer] { answer(box->clickedButton() == trust); });
    box->open();
}

void DialogPrompter::askSecret(const QString &relayName, const Error &error,
                               std::function<void(std::optional<SecretAnswer>)> answer)
{
    const bool passphrase = error.details.value(u"secret"_s).toString() == u"passphrase"_s;
    auto *dialog = new QDialog(m_parent);
    dialog->setObjectName(u"secretPrompt"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(passphrase ? tr("Key passphrase — %1").arg(relayName)
                                      : tr("Password — %1").arg(relayName));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(error.message, dialog));
    auto *edit = new QLineEdit(dialog);
    edit->setEchoMode(QLineEdit::Password);
    layout->addWidget(edit);
    auto *save = new QCheckBox(tr("Remember in the system keychain"), dialog);
    save->setChecked(true);
    layout->addWidget(save);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(dialog, &QDialog::finished, dialog, [edit, save, answer](int result) {
        if (result == QDialog::Accepted)
            answer(SecretAnswer{edit->text(), save->isChecked()});
        else
            answer(std::nullopt);
    });
    dialog->open();
}

} // namespace staffetta::ui
