#pragma once

#include "api/accounts.h"
#include "relay_view.h"

#include <QAbstractTableModel>

#include <functional>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace staffetta::ui {

class RelayCall;

// The relay's accounts (`accounts list`): login, senders, whether a password is set (local
// credentials), and whether it is suspended, why.
class AccountsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Login, Senders, Password, State, ColumnCount };

    explicit AccountsModel(QObject *parent = nullptr);
    void setList(const api::AccountsList &list);
    const api::AccountsList &list() const { return m_list; }
    const api::AccountEntry &account(int row) const { return m_list.accounts.at(row); }
    int rowOf(const QString &login) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    api::AccountsList m_list;
};

// The Accounts view: add an account (its generated password shown once, with Copy), set a new
// password, suspend and resume it (the abuse switch: its mail refused with 550 and its queue
// held), remove it. The relay decides who may do what (a partner: its own accounts).
class AccountsView : public RelayView
{
    Q_OBJECT
public:
    explicit AccountsView(QWidget *parent = nullptr);
    AccountsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *status() const { return m_status; }
    // The selected account's mail on hold (a suspended account's queue), one row per message
    // (queue id, arrival, sender, recipients), with Release and Delete.
    QStandardItemModel *held() const { return m_held; }

    void reload();
    // The verbs, as the buttons' dialogs call them once answered.
    void add(const api::AccountAddRequest &request);
    void newPassword(const QString &login);
    void remove(const QString &login);
    void setSuspended(bool suspend, const api::AccountSuspendRequest &request);

    void loadHeld();
    // Releases or deletes the selected held messages (all of them when none is selected).
    void actOnHeld(bool release);

signals:
    void loaded();
    void heldLoaded();
    void written(); // a write finished (successfully or not)
    // The account's limits and trusted addresses are edited in the Limits view (a draft,
    // reviewed and applied with the rest of the policy): the main window goes there.
    void limitsRequested(const QString &login);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void updateActions();
    int selectedRow() const;
    QString selectedLogin() const;
    // The answer of a write: an error in the status line, or `done` and a fresh list.
    template<typename T>
    void finish(const Result<T> &r, const std::function<QString(const T &)> &done);
    void showPassword(const QString &login, const QString &password);

    AccountsModel *m_model;
    QLabel *m_title;
    QTableView *m_table;
    QPushButton *m_refresh;
    QPushButton *m_add;
    QPushButton *m_passwd;
    QPushButton *m_suspend;
    QPushButton *m_resume;
    QPushButton *m_remove;
    QPushButton *m_limits;
    QLabel *m_status;
    RelayCall *m_listCall;
    RelayCall *m_writeCall; // one write at a time
    QLabel *m_heldTitle;
    QTableView *m_heldTable;
    QStandardItemModel *m_held;
    QPushButton *m_release;
    QPushButton *m_delete;
    RelayCall *m_heldCall;
    QString m_heldLogin; // whose held mail m_held shows
};

} // namespace staffetta::ui
