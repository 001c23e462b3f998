#pragma once

#include "client/ops_client.h"

#include <QHash>
#include <QPointer>
#include <QUuid>
#include <QWidget>

class QLabel;
class QStandardItem;
class QStandardItemModel;
class QTextBrowser;
class QTreeView;

namespace staffetta::ui {

class RelayConnection;

// The global search's results: an IP, an address or a queue id looked up on every connected
// relay at once, grouped by relay, with the next step one click away (for a banned IP: why →
// unban → whitelist; for a message: its queue entry).
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPanel(QWidget *parent = nullptr);

    void search(const QString &term, const QList<RelayConnection *> &relays);
    QString term() const { return m_term; }
    // The relays of the last search that were not searched (not connected, not answering).
    QStringList notCovered() const { return m_notCovered; }
    QLabel *title() const { return m_title; }
    QStandardItemModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    int pending() const { return m_pending; }

signals:
    void finished(); // every relay answered
    // A queued message was double-clicked: show it in the Queue view of that relay.
    void showMessage(const QUuid &relayId, const QString &queueId);
    // The term's delivery history was asked for: the Trace view on every connected relay.
    void showTrace(const QString &term);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void searchRelay(RelayConnection *relay, QStandardItem *group);
    // The relay a result item belongs to, if it still exists (items keep only its id).
    RelayConnection *relayOf(const QModelIndex &index) const;
    void fill(RelayConnection *relay, QStandardItem *group, const client::SearchHit &hit);
    void addIpActions(RelayConnection *relay, QStandardItem *group,
                      const client::AddressReport &report);
    void retranslate();

    QLabel *m_title;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QTextBrowser *m_detail;
    QString m_term;
    QStringList m_notCovered;
    int m_pending = 0;
    QHash<QUuid, QPointer<RelayConnection>> m_relays; // the relays of this search, by id
    QObject *m_round = nullptr; // this search's calls: deleted (canceled) by the next one
};

} // namespace staffetta::ui
