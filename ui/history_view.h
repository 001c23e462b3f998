#pragma once

#include "api/policy.h"
#include "relay_view.h"

#include <QAbstractTableModel>

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;

namespace staffetta::ui {

class RelayCall;

// The relay's policy revisions, newest first, one row each: who made it (user, role, from
// where), when, why, and what it changed in the console's words.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Revision, When, Who, From, Comment, Changes, ColumnCount };
    enum Roles { RevisionRole = Qt::UserRole + 1 };

    explicit HistoryModel(QObject *parent = nullptr);
    void setHistory(const api::PolicyHistory &history);
    const api::PolicyRevision &revision(int row) const { return m_history.revisions.at(row); }
    int currentRevision() const { return m_history.currentRevision; }
    const QString &liveProblem() const { return m_history.liveProblem; }
    int rowOf(int revision) const;

    // "alice (admin)", in the console's words for the role.
    static QString whoText(const QString &user, const QString &role);
    // "on the relay itself" for a local call, else the SSH client's address.
    static QString originText(const QString &origin);
    // The revision's comment, or what made it when it has none ("Edited by hand on the relay").
    static QString commentText(const api::PolicyRevision &revision);
    // Its changes in one line: the first in words, and how many more.
    static QString changesText(const QList<policy::Change> &changes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    api::PolicyHistory m_history;
};

// The History view: the relay's revisions; one selected shows its changes, two selected the
// difference between them (`policy diff`), in words. *Roll back to this revision* goes the way
// of every edit: the changes it makes to the revision in force are reviewed first
// (reviewChanges), then `policy rollback` is sent with the revision the review was based on, so
// a colleague's change in between is a conflict (shown side by side), never overwritten.
class HistoryView : public RelayView
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget *parent = nullptr);
    HistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QListWidget *changes() const { return m_changes; }
    QLabel *changesTitle() const { return m_changesTitle; }
    QPushButton *rollbackButton() const { return m_rollback; }
    // Whether a history listing, a diff or a rollback is running.
    bool isBusy() const;

    void reload();
    // Selects the rows of these revisions (one: its changes; two: their difference).
    void selectRevisions(const QList<int> &revisions);
    // Roll back to `revision`: the review of what it changes now, then `policy rollback`.
    void rollBack(int revision);

signals:
    void loaded();
    // The changes of the selection are shown (a diff arrived).
    void changesShown();
    // A rollback was applied: the relay is at `revision` now.
    void rolledBack(int revision);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void updateActions();
    void showSelection();
    QList<int> selectedRevisions() const; // oldest first
    void reviewRollback(int target, int base);
    void sendRollback(int target, int base, const QString &comment,
                      const QList<policy::Change> &changes);

    HistoryModel *m_model;
    QLabel *m_title;
    QTableView *m_table;
    QLabel *m_changesTitle;
    QListWidget *m_changes;
    QPushButton *m_refresh;
    QPushButton *m_rollback;
    QLabel *m_status;
    RelayCall *m_listCall;     // policy history
    RelayCall *m_diffCall;     // policy diff of two selected revisions
    RelayCall *m_rollbackCall; // the rollback's diff, review and write (one at a time)
};

} // namespace staffetta::ui
