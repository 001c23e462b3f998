#include "relay_dialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;
using transport::SshAuth;

RelayDialog::RelayDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_group(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_auth(new QComboBox(this))
    , m_keyFile(new QLineEdit(this))
    , m_knownHosts(new QLineEdit(this))
    , m_remoteCommand(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_saveSecret(new QCheckBox(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_browseKeyFile(addBrowseAction(m_keyFile, true))
    , m_browseKnownHosts(addBrowseAction(m_knownHosts, false))
{
    setObjectName(u"relayDialog"_s);
    m_name->setObjectName(u"name"_s);
    m_group->setObjectName(u"group"_s);
    m_host->setObjectName(u"host"_s);
    m_port->setObjectName(u"port"_s);
    m_user->setObjectName(u"user"_s);
    m_auth->setObjectName(u"auth"_s);
    m_keyFile->setObjectName(u"keyFile"_s);
    m_knownHosts->setObjectName(u"knownHosts"_s);
    m_remoteCommand->setObjectName(u"remoteCommand"_s);
    m_secret->setObjectName(u"secret"_s);
    m_saveSecret->setObjectName(u"saveSecret"_s);

    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user->setText(u"staffetta"_s);
    m_auth->addItem(QString(), QVariant::fromValue(int(SshAuth::Agent)));
    m_auth->addItem(QString(), QVariant::fromValue(int(SshAuth::KeyFile)));
    m_auth->addItem(QString(), QVariant::fromValue(int(SshAuth::Password)));
    m_remoteCommand->setText(u"staffettactl"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    m_saveSecret->setChecked(true);
    m_problem->setStyleSheet(u"color: #c62828"_s);
    m_problem->setWordWrap(true);

    // Row labels are set (and re-set on a language change) in retranslate().
    for (QWidget *field : std::initializer_list<QWidget *>{
             m_name, m_group, m_host, m_port, m_user, m_auth, m_keyFile, m_secret, m_saveSecret,
             m_knownHosts, m_remoteCommand}) {
        auto *label = new QLabel(this);
        label->setBuddy(field);
        m_form->addRow(label, field);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_name, m_host, m_user, m_keyFile, m_remoteCommand})
        connect(edit, &QLineEdit::textChanged, this, &RelayDialog::updateState);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &RelayDialog::updateState);

    m_profile.id = QUuid::createUuid();
    retranslate();
    updateState();
}

QAction *RelayDialog::addBrowseAction(QLineEdit *edit, bool mustExist)
{
    QAction *action =
        edit->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), QLineEdit::TrailingPosition);
    connect(action, &QAction::triggered, this, [this, edit, mustExist] {
        const QString current = edit->text().trimmed();
        const QString start = current.isEmpty() ? QDir::home().filePath(u".ssh"_s)
                                                : QFileInfo(current).absolutePath();
        auto *dialog = new QFileDialog(this, tr("Choose a file"), start);
        dialog->setObjectName(edit->objectName() + u"Chooser"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(mustExist ? QFileDialog::ExistingFile : QFileDialog::AnyFile);
        dialog->setFilter(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
        dialog->open();
    });
    return action;
}

void RelayDialog::setProfile(const settings::RelayProfile &p)
{
    m_profile = p;
    m_name->setText(p.name);
    m_group->setText(p.group);
    m_host->setText(p.ssh.host);
    m_port->setValue(p.ssh.port);
    m_user->setText(p.ssh.user);
    m_auth->setCurrentIndex(m_auth->findData(int(p.ssh.auth)));
    m_keyFile->setText(p.ssh.keyFile);
    m_knownHosts->setText(p.ssh.knownHostsFile);
    m_remoteCommand->setText(p.ssh.remoteCommand);
    m_secret->clear();
    retranslate();
    updateState();
}

settings::RelayProfile RelayDialog::profile() const
{
    settings::RelayProfile p = m_profile;
    p.name = m_name->text().trimmed();
    p.group = m_group->text().trimmed();
    p.ssh.host = m_host->text().trimmed();
    p.ssh.port = quint16(m_port->value());
    p.ssh.user = m_user->text().trimmed();
    p.ssh.auth = SshAuth(m_auth->currentData().toInt());
    p.ssh.keyFile = m_keyFile->text().trimmed();
    p.ssh.knownHostsFile = m_knownHosts->text().trimmed();
    p.ssh.remoteCommand = m_remoteCommand->text().trimmed();
    return p;
}

QString RelayDialog::secret() const
{
    return m_secret->text();
}

bool RelayDialog::saveSecret() const
{
    return m_saveSecret->isChecked() && !m_secret->text().isEmpty();
}

void RelayDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void RelayDialog::retranslate()
{
    setWindowTitle(m_profile.name.isEmpty() ? tr("Add relay")
                                            : tr("Edit relay “%1”").arg(m_profile.name));
    const QStringList labels{tr("&Name:"),        tr("&Group:"),         tr("&Host:"),
                             tr("&Port:"),        tr("&User:"),          tr("&Authentication:"),
                             tr("&Key file:"),    tr("&Secret:"),        QString(),
                             tr("K&nown hosts:"), tr("&Remote command:")};
    for (int row = 0; row < labels.size(); ++row) {
        if (auto *item = m_form->itemAt(row, QFormLayout::LabelRole)) {
            if (auto *label = qobject_cast<QLabel *>(item->widget()))
                label->setText(labels[row]);
        }
    }
    m_auth->setItemText(0, tr("SSH agent"));
    m_auth->setItemText(1, tr("Key file"));
    m_auth->setItemText(2, tr("Password"));
    m_name->setPlaceholderText(tr("e.g. Relay Milano 1"));
    m_group->setPlaceholderText(tr("e.g. a customer or a data centre"));
    m_host->setPlaceholderText(tr("relay.example.net"));
    m_keyFile->setPlaceholderText(tr("~/.ssh/id_ed25519"));
    m_knownHosts->setPlaceholderText(tr("~/.ssh/known_hosts"));
    m_saveSecret->setText(tr("Remember the secret in the system keychain"));
    m_browseKeyFile->setToolTip(tr("Choose the private key file…"));
    m_browseKnownHosts->setToolTip(tr("Choose the known_hosts file…"));
    updateState();
}

void RelayDialog::updateState()
{
    const auto auth = SshAuth(m_auth->currentData().toInt());
    m_keyFile->setEnabled(auth == SshAuth::KeyFile);
    m_secret->setEnabled(auth != SshAuth::Agent);
    m_saveSecret->setEnabled(auth != SshAuth::Agent);
    m_secret->setPlaceholderText(auth == SshAuth::Password
                                     ? tr("password (optional: asked when needed)")
                                     : tr("key passphrase, if the key has one"));
    static const QRegularExpression safeCommand(u"^[A-Za-z0-9_./-]+$"_s);
    QString problem;
    if (m_name->text().trimmed().isEmpty())
        problem = tr("Give the relay a name.");
    else if (m_host->text().trimmed().isEmpty())
        problem = tr("Enter the relay's host name or address.");
    else if (m_user->text().trimmed().isEmpty())
        problem = tr("Enter the SSH user.");
    else if (auth == SshAuth::KeyFile && m_keyFile->text().trimmed().isEmpty())
        problem = tr("Choose the private key file.");
    else if (!safeCommand.match(m_remoteCommand->text().trimmed()).hasMatch())
        problem = tr("The remote command may contain only letters, digits and _ . / -");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace staffetta::ui
