#pragma once

#include "api/queue.h"
#include "relay_view.h"

#include <QElapsedTimer>
#include <QHash>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace staffetta::ui {

class QueueModel;
class QueueProxy;
class RelayCall;

// The Queue view: every queued message of the selected relay in a sortable, filterable
// table (100k rows load off the UI thread and land in one model reset), the selected
// message's envelope, delay reasons and headers, and the queue actions with a confirmation
// and a per-message report.
class QueueView : public RelayView
{
    Q_OBJECT
public:
    explicit QueueView(QWidget *parent = nullptr);

    QueueModel *model() const { return m_model; }
    QueueProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    bool isLoading() const;
    qint64 lastLoadMs() const { return m_lastLoadMs; }

    // Shows only the messages matching `text` (a queue id from the search), in every queue:
    // the filter box says so, and clearing it shows the whole queue again.
    void filterTo(const QString &text);
    QLineEdit *filterBox() const { return m_filter; }

    // Loads the whole queue again (keeps selection and position).
    void reload();
    // Runs an action on the selected messages after asking; the report follows.
    void act(api::QueueAction action);
    QStringList selectedIds() const;
    static QString outcomeText(const QString &outcome); // translated

signals:
    void loaded();
    void actionDone(const QList<api::ActionResult> &results);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void updateActions();
    void showDetail();
    void paintDetail(const QString &id, const api::QueuedMessage &m);
    // The details the next click needs (the first rows after a load, the neighbours of the
    // row just shown), all those wanted in one `queue show` call, into m_shown. Never while a
    // listing loads: the listing waits for a prefetch under way, and a prefetch waits for the
    // listing, so neither takes the other's session nor its relay's CPU.
    void prefetch(const QStringList &ids);
    void prefetchNext();
    void prefetchAround(int proxyRow);
    // The details of a listed message, when they were read since its queue file last changed
    // (its row's state is the one they were read at); null otherwise.
    const api::QueuedMessage *shown(const QString &id) const;
    size_t listedState(const QString &id) const; // 0 when not listed
    void runAction(api::QueueAction action, const QStringList &ids);
    void reportResults(api::QueueAction action, const QList<api::ActionResult> &results);
    // After "Deliver now": asks the relay which of `scheduled` are still queued (a few seconds
    // later: Postfix's attempt takes that long), so the report says whether delivery worked.
    void checkDelivery(const QStringList &scheduled, const QList<api::ActionResult> &results);
    // The report: each result, then what `counts` and `details` say of the delivery.
    void showResults(const QList<api::ActionResult> &results, const QStringList &counts,
                     const QStringList &details);
    static constexpr int FlushCheckDelayMs = 4000;
    void showError(const QString &text);

    QueueModel *m_model;
    QueueProxy *m_proxy;
    QComboBox *m_queue;
    QLineEdit *m_filter;
    QPushButton *m_refresh;
    QCheckBox *m_auto;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    QLabel *m_status;
    QTableView *m_table;
    QTextBrowser *m_detail;
    QList<std::pair<api::QueueAction, QPushButton *>> m_actions;
    QTimer *m_autoTimer;
    QTimer *m_progressTimer;
    QTimer *m_detailTimer;
    bool m_detailPending = false; // a row change waits for m_detailTimer
    RelayCall *m_load;            // queue list
    RelayCall *m_show;            // queue show (the selected message)
    RelayCall *m_action;          // hold, release, … (one at a time)
    RelayCall *m_check;           // what became of the messages "Deliver now" sent on their way
    RelayCall *m_prefetch;        // queue show of a row not clicked yet
    struct Shown
    {
        api::QueuedMessage message;
        size_t state = 0; // the message's listed state when it was asked for
    };
    QHash<QString, Shown> m_shown; // `queue show` answers by id, kept while their rows stay
    QStringList m_prefetchIds;     // still to fetch
    bool m_reloadWanted = false;   // a reload waits for the prefetch under way
    static constexpr int PrefetchRows = 8;
    std::shared_ptr<std::atomic<qint64>> m_loadedRows;
    QElapsedTimer m_loadClock;
    qint64 m_lastLoadMs = -1;
    bool m_loadedOnce = false;
};

} // namespace staffetta::ui
