#pragma once

#include "api/trace.h"

#include <QHash>
#include <QPointer>
#include <QUuid>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QTextBrowser;
class QThreadPool;
class QTreeView;

namespace staffetta::ui {

class RelayConnection;

// A trace's message as CSV lines, one per recipient (header first): what Export writes.
QString traceCsv(const QList<std::pair<QString, api::TraceMessage>> &messages);

// The Trace view: the relays' delivery history. A form (sender, recipient, account, time
// range, status) or a term from the toolbar search (an address, a queue id or a message-id)
// is asked of every connected relay at once; the messages are grouped by relay (a model) and
// the selected one is shown as a timeline: accepted → each attempt with the remote reply →
// final status. The relays that were not asked (not connected) are named.
class TraceView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RelayIdRole = Qt::UserRole + 1;
    static constexpr int MessageRole = Qt::UserRole + 2; // the message's index in its relay
    static constexpr int StatusRole = Qt::UserRole + 3;

    explicit TraceView(QWidget *parent = nullptr);
    // Where the form's Search finds the relays (the fleet's connections).
    void setRelays(std::function<QList<RelayConnection *>()> relays)
    {
        m_relaysOf = std::move(relays);
    }

    // The form's filters, on every connected relay of `relays`.
    void run(const QList<RelayConnection *> &relays);
    // `request` on these relays (the form shows it).
    void run(const api::TraceRequest &request, const QList<RelayConnection *> &relays);
    // A term of the toolbar search: `<…>` is a message-id, an address is a sender or a
    // recipient, anything else a queue id.
    void traceTerm(const QString &term, const QList<RelayConnection *> &relays);

    QStandardItemModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QTextBrowser *timeline() const { return m_timeline; }
    QLabel *coverage() const { return m_coverage; }
    int pending() const { return m_pending; }
    // Every message found, with its relay's name, in the model's order.
    QList<std::pair<QString, api::TraceMessage>> messages() const;
    const api::TraceMessage *messageAt(const QModelIndex &index) const;
    void showTimeline(const QModelIndex &index);
    // Writes the results as CSV to `path` on a thread of this view (exported() says how).
    void exportCsv(const QString &path);

    QLineEdit *senderEdit() const { return m_sender; }
    QLineEdit *recipientEdit() const { return m_recipient; }
    QLineEdit *accountEdit() const { return m_account; }
    QComboBox *statusBox() const { return m_status; }

signals:
    void finished();                                          // every relay asked has answered
    void exported(const QString &path, const QString &error); // error empty: written
    void message(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void traceRelay(RelayConnection *relay, QStandardItem *group,
                    const QList<api::TraceRequest> &requests);
    void fill(QStandardItem *group, const QUuid &relay, QList<api::TraceMessage> messages,
              qint64 matched);
    api::TraceRequest formRequest() const;
    void showRequest(const api::TraceRequest &request);
    void start(const QList<api::TraceRequest> &requests, const QList<RelayConnection *> &relays);
    void askExport();
    void retranslate();

    QLabel *m_senderLabel, *m_recipientLabel, *m_accountLabel, *m_statusLabel;
    QLineEdit *m_sender, *m_recipient, *m_account;
    QComboBox *m_status;
    QCheckBox *m_range;
    QDateTimeEdit *m_from, *m_to;
    QLabel *m_toLabel;
    QPushButton *m_search, *m_export;
    QLabel *m_coverage;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QTextBrowser *m_timeline;
    QThreadPool *m_writer; // the CSV export: one thread of this view's, never Qt's global pool
    int m_pending = 0;
    std::function<QList<RelayConnection *>()> m_relaysOf; // the fleet, for the form's Search
    QHash<QUuid, QString> m_relayNames;
    QHash<QUuid, QList<api::TraceMessage>> m_found; // by relay, in the model's order
    QObject *m_round = nullptr; // this round's calls: deleted (canceled) by the next one
};

} // namespace staffetta::ui
