#pragma once

#include "api/reputation.h"
#include "relay_view.h"

#include <QAbstractTableModel>

class QLabel;
class QPushButton;
class QTableView;

namespace staffetta::ui {

class RelayCall;

// The last reputation check: one row per public IP or sender domain and list checked.
class ReputationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Target, Kind, Accounts, List, Since, Result, ColumnCount };
    enum Roles { TargetRole = Qt::UserRole + 1, StatusRole };

    explicit ReputationModel(QObject *parent = nullptr);
    void setReport(const api::ReputationReport &report);
    const api::ReputationReport &report() const { return m_report; }

    // A status in words ("listed" -> "Listed (127.0.0.2)").
    static QString statusText(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int target = 0, result = 0;
    };
    api::ReputationReport m_report;
    QList<Row> m_rows;
};

// The history of the selected target (or of every target): each change of a status.
class ReputationHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Target, List, Previous, Status, ColumnCount };

    explicit ReputationHistoryModel(QObject *parent = nullptr);
    void setChanges(const QList<api::ReputationChange> &changes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<api::ReputationChange> m_changes;
};

// The Overview's Reputation panel: the relay's public IPs and its accounts' sender domains,
// the DNS blacklists checked, the last result of each and the history of the selected one
// (`reputation show`, `reputation history`). The relay runs the check itself, daily.
class ReputationPanel : public RelayView
{
    Q_OBJECT
public:
    explicit ReputationPanel(QWidget *parent = nullptr);
    ReputationModel *model() const { return m_model; }
    ReputationHistoryModel *historyModel() const { return m_historyModel; }
    QTableView *table() const { return m_table; }
    QTableView *historyTable() const { return m_history; }
    QLabel *status() const { return m_status; }

    void reload();

signals:
    void loaded();
    void historyLoaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void showStatus();
    void loadHistory();

    ReputationModel *m_model;
    ReputationHistoryModel *m_historyModel;
    QLabel *m_title;
    QLabel *m_checked;
    QTableView *m_table;
    QLabel *m_historyTitle;
    QTableView *m_history;
    QPushButton *m_refresh;
    QLabel *m_status;
    RelayCall *m_showCall;
    RelayCall *m_historyCall;
    bool m_loaded = false;
    QString m_error;
};

} // namespace staffetta::ui
