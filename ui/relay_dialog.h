#pragma once

#include "settings/profiles.h"

#include <QDialog>

class QAction;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace staffetta::ui {

// Add or edit a relay profile. The secret field goes to the keychain, never to settings.
class RelayDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RelayDialog(QWidget *parent = nullptr);

    void setProfile(const settings::RelayProfile &profile);
    settings::RelayProfile profile() const;
    QString secret() const;
    bool saveSecret() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateState();
    // A folder button inside `edit` that opens a (non-blocking) file dialog.
    QAction *addBrowseAction(QLineEdit *edit, bool mustExist);

    settings::RelayProfile m_profile;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QLineEdit *m_group;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QComboBox *m_auth;
    QLineEdit *m_keyFile;
    QLineEdit *m_knownHosts;
    QLineEdit *m_remoteCommand;
    QLineEdit *m_secret;
    QCheckBox *m_saveSecret;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QAction *m_browseKeyFile;
    QAction *m_browseKnownHosts;
};

} // namespace staffetta::ui
