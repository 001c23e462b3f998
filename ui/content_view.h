#pragma once

#include "relay_view.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QVariant>

#include <array>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace staffetta::policy {
struct Account;
struct Bcc;
struct Policy;
} // namespace staffetta::policy

namespace staffetta::ui {

class DraftBar;
class PolicyEditor;

// The relay's content rules (row 0) and every account's, as they are in force in the draft:
// an account's own value, or the relay's (marked).
class ContentScopesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Language, Attachments, Bcc, ColumnCount };
    // The row's account login; empty for the relay's defaults.
    static constexpr int LoginRole = Qt::UserRole + 1;

    explicit ContentScopesModel(PolicyEditor &editor, QObject *parent = nullptr);

    int rowForLogin(const QString &login) const; // "" → 0
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    void update();
    PolicyEditor &m_editor;
    QStringList m_logins;
};

// Content view: attachments (mode, allowed extensions, the refusal's notice with a preview in
// both languages), the BCC archive and the customers' language, for the relay's defaults and
// as per-account overrides ("follow the relay" or the account's own value, part by part). Edits
// are steps of the same draft as Senders and Limits; turning a BCC archive on asks first.
class ContentView : public RelayView
{
    Q_OBJECT
public:
    ContentView(PolicyEditor &editor, QWidget *parent = nullptr);

    ContentScopesModel *model() const { return m_model; }
    // Shows the relay's defaults ("") or an account's rules.
    void selectScope(const QString &login);
    QString scope() const { return m_scope; }

protected:
    void changeEvent(QEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void scopeChanged();
    void showScope();
    void showPreview();
    void validateExtension();
    void validateNotices();
    void showBccTarget();
    bool scopeEditable() const;
    bool relayScope() const { return m_scope.isEmpty(); }
    const policy::Account *scopeAccount() const;

    // One undoable step on the shown scope: the relay's rules, or the account's (null for
    // the relay).
    void editScope(const QString &description,
                   const std::function<void(policy::Policy &, policy::Account *)> &change);
    void commitLanguage();
    void commitAttachmentMode();
    void commitOwnList(bool own);
    void addExtension();
    void removeExtensions();
    void commitNotices();
    void resetNotices();
    void commitBcc();
    void confirmBcc(const policy::Bcc &bcc, std::function<void()> turnOn);
    void closeConfirmation();

    PolicyEditor &m_editor;
    DraftBar *m_bar;
    ContentScopesModel *m_model;
    QTableView *m_scopes;
    QString m_scope;
    QLabel *m_scopeTitle;

    QGroupBox *m_languageBox;
    QLabel *m_languageLabel;
    QComboBox *m_language;

    QGroupBox *m_attachmentsBox;
    QLabel *m_modeLabel;
    QComboBox *m_mode;
    QCheckBox *m_ownList;
    QListWidget *m_allowed;
    QLineEdit *m_newExtension;
    QPushButton *m_add, *m_remove;
    QLabel *m_extensionError;

    QGroupBox *m_noticeBox;
    QLabel *m_noticeHint;
    std::array<QLabel *, 2> m_noticeLabel;    // Italian, English
    std::array<QPlainTextEdit *, 2> m_notice; // Italian, English
    std::array<QLabel *, 2> m_previewLabel;   // Italian, English
    std::array<QLabel *, 2> m_preview;        // Italian, English
    std::array<QString, 2> m_shownNotice;     // what the draft had when it was shown
    QPushButton *m_setNotices, *m_defaultNotices;
    QLabel *m_noticeError;

    QGroupBox *m_bccBox;
    QLabel *m_bccModeLabel, *m_bccTargetLabel;
    QComboBox *m_bccMode;
    QLineEdit *m_bccTarget;
    QString m_shownTarget;   // what the draft had when it was shown
    QVariant m_shownBccMode; // the same (the combo box's data: none is "follow the relay")
    QLabel *m_bccError, *m_retention;
    QPointer<QMessageBox> m_confirm;
};

} // namespace staffetta::ui
