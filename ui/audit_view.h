#pragma once

#include "api/policy.h"
#include "relay_view.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QSortFilterProxyModel>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace staffetta::ui {

class RelayCall;

// The relay's audit log, newest first: every write and refused write, one row each.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, Who, From, Verb, Outcome, Revision, What, ColumnCount };
    enum Roles { UserRole = Qt::UserRole + 1, VerbRole, OutcomeRole, TimeRole };

    explicit AuditModel(QObject *parent = nullptr);
    void setEntries(const QList<api::AuditEntry> &entries);
    const api::AuditEntry &entry(int row) const { return m_entries.at(row); }
    // The verbs and outcomes the log has, sorted (the filters offer them).
    QStringList verbs() const;
    QStringList outcomes() const;

    // "done", or why it was refused, in the console's words.
    static QString outcomeText(const QString &outcome);
    // What it did: its policy changes in words, else the relay's own line.
    static QString whatText(const api::AuditEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<api::AuditEntry> m_entries;
};

// The Audit view's filters (the relay's `audit` has none: it answers the newest entries).
class AuditFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    // What `outcome` matches besides a code: every refusal (anything but "done").
    static constexpr auto Refused = "!done";

    explicit AuditFilter(QObject *parent = nullptr);
    // Part of the user's name, any case; "": everyone.
    void setUser(const QString &user);
    // A verb exactly ("policy apply"); "": every verb.
    void setVerb(const QString &verb);
    // An outcome code, Refused, or "": every outcome.
    void setOutcome(const QString &outcome);
    // Entries since `since` (invalid: all).
    void setSince(const QDateTime &since);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_user, m_verb, m_outcome;
    QDateTime m_since;
};

// The Audit view: the log with filters by who, verb, outcome and period; the selected entry's
// changes below, in words.
class AuditView : public RelayView
{
    Q_OBJECT
public:
    explicit AuditView(QWidget *parent = nullptr);
    AuditModel *model() const { return m_model; }
    AuditFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *whoFilter() const { return m_who; }
    QComboBox *verbFilter() const { return m_verb; }
    QComboBox *outcomeFilter() const { return m_outcome; }
    QComboBox *periodFilter() const { return m_period; }
    QListWidget *changes() const { return m_changes; }

    void reload();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void fillFilters();
    void applyFilters();
    void showSelection();

    AuditModel *m_model;
    AuditFilter *m_filter;
    QLabel *m_title;
    QLineEdit *m_who;
    QComboBox *m_verb;
    QComboBox *m_outcome;
    QComboBox *m_period;
    QTableView *m_table;
    QLabel *m_detail;
    QListWidget *m_changes;
    QPushButton *m_refresh;
    QLabel *m_status;
    RelayCall *m_listCall; // audit
};

} // namespace staffetta::ui
