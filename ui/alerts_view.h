#pragma once

#include "api/alerts.h"
#include "relay_view.h"

#include <QAbstractTableModel>
#include <QUuid>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace staffetta::ui {

class RelayCall;

// The relay's abuse alerts, newest first, one row each.
class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Rule, Account, Raised, Observed, Limit, State, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1, AcknowledgedRole };

    explicit AlertsModel(QObject *parent = nullptr);
    void setAlerts(const QList<api::Alert> &alerts);
    // An alert the relay answered again (after an acknowledgement): its row follows.
    void update(const api::Alert &alert);
    const api::Alert &alert(int row) const { return m_alerts.at(row); }
    int rowOf(qint64 id) const;

    // A rule's name in words ("hourly_rate" -> "Hourly rate over the baseline").
    static QString ruleText(const QString &rule);
    // What `observed` counts, with its number ("40 messages in the hour", "12.5 % bounced").
    static QString observedText(const api::Alert &alert);
    // What it exceeded ("over 20 (3 × the 14-day baseline of 6.7)").
    static QString limitText(const api::Alert &alert);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<api::Alert> m_alerts;
};

// The Alerts view: the relay's alerts with the evidence of the selected one (window, numbers,
// sample queue ids, where the warning was mailed), Acknowledge with a comment, and a jump to
// the account's Activity.
class AlertsView : public RelayView
{
    Q_OBJECT
public:
    explicit AlertsView(QWidget *parent = nullptr);
    AlertsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QTextBrowser *evidence() const { return m_evidence; }

    void reload();
    // Acknowledges the alert `id` on the relay with `comment`, then shows the list again.
    void acknowledge(qint64 id, const QString &comment);

signals:
    void loaded();
    void acknowledged(qint64 id);
    // The Activity view of `account` on the relay `relayId`.
    void activityRequested(const QUuid &relayId, const QString &account);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void updateActions();
    void showEvidence();
    int selectedRow() const;

    AlertsModel *m_model;
    QLabel *m_title;
    QTableView *m_table;
    QTextBrowser *m_evidence;
    QPushButton *m_refresh;
    QPushButton *m_ack;
    QPushButton *m_activity;
    QLabel *m_status;
    RelayCall *m_listCall; // alerts list
    RelayCall *m_ackCall;  // alerts ack (one at a time)
};

// Asks (window-modal, without a nested event loop) for the comment of an acknowledgement,
// then calls `accepted` with it. The dialog's object name is "alertComment".
void askAlertComment(QWidget *parent, const api::Alert &alert,
                     std::function<void(const QString &comment)> accepted);

} // namespace staffetta::ui
