#pragma once

#include <QAbstractTableModel>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;
class QStringListModel;
class QTableView;

namespace staffetta::policy {
struct Policy;
}

namespace staffetta::ui {

class DraftBar;
class PolicyEditor;

// An account's authorized senders, an account's blacklist, or the relay-wide blacklist, as
// rows of the draft policy. Edits become undoable steps of the PolicyEditor.
class PatternTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Kind { Senders, AccountBlacklist, RelayBlacklist };
    PatternTableModel(PolicyEditor &editor, Kind kind, QObject *parent = nullptr);

    void setAccount(const QString &login);
    const QString &account() const { return m_login; }
    Kind kind() const { return m_kind; }
    bool editable() const;
    // How many entries the relay allows in this list (limits.*blacklist_cap*), when the
    // console knows: senders have none, and a partner's draft holds only its accounts, so the
    // relay-wide cap (which grows with every account) is shown to those who edit it.
    std::optional<int> cap() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    // Adds entries (one undo step). Returns false if a pattern is not valid or the list would
    // go past its cap.
    bool add(const QStringList &patterns, const QString &message = {});
    void removeRows(QList<int> rows);

private:
    struct Entry
    {
        QString pattern;
        QString message;
    };
    QList<Entry> entries(const policy::Policy &p) const;
    void write(const QString &description, const std::function<void(QList<Entry> &)> &change);
    void reset();

    PolicyEditor &m_editor;
    Kind m_kind;
    QString m_login;
    QList<Entry> m_rows;
};

// A titled table of patterns with validation as you type, add, remove and (for senders)
// bulk import from a text file.
class PatternListEditor : public QWidget
{
    Q_OBJECT
public:
    PatternListEditor(PolicyEditor &editor, PatternTableModel::Kind kind, const QString &name,
                      QWidget *parent = nullptr);
    PatternTableModel *model() const { return m_model; }
    void setAccount(const QString &login);
    void retranslate();

private:
    void validateNew();
    void addNew();
    void importFile();
    void updateEnabled();

    PatternTableModel *m_model;
    QLabel *m_title;
    QLabel *m_count;
    QTableView *m_table;
    QLineEdit *m_newPattern;
    QLineEdit *m_newMessage = nullptr;
    QPushButton *m_add, *m_remove;
    QPushButton *m_import = nullptr;
    QLabel *m_error;
};

// Senders view: accounts with search; per account its authorized senders and blacklist;
// the relay-wide blacklist.
class SendersView : public QWidget
{
    Q_OBJECT
public:
    SendersView(PolicyEditor &editor, QWidget *parent = nullptr);

    QListView *accounts() const { return m_accounts; }
    void selectAccount(const QString &login);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void reloadAccounts();
    void accountChanged();

    PolicyEditor &m_editor;
    DraftBar *m_bar;
    QLineEdit *m_search;
    QStringListModel *m_accountModel;
    QSortFilterProxyModel *m_filter;
    QListView *m_accounts;
    QLabel *m_accountTitle;
    PatternListEditor *m_senders, *m_accountBlacklist, *m_relayBlacklist;
};

} // namespace staffetta::ui
