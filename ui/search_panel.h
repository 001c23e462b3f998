#pragma once

#include "client/ops_client.h"

#include <QPointer>
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
    QStandardItemModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    int pending() const { return m_pending; }

signals:
    void finished(); // every relay answered
    void showMessage(RelayConnection *relay, const QString &queueId);
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void searchRelay(RelayConnection *relay, QStandardItem *group);
    void fill(RelayConnection *relay, QStandardItem *group, const client::SearchHit &hit);
    void addIpActions(RelayConnection *relay, QStandardItem *item,
                      const client::AddressReport &report);
    void retranslate();

    QLabel *m_title;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QTextBrowser *m_detail;
    QString m_term;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace staffetta::ui
