#include "queue_view.h"

#include "client/relay_client.h"
#include "client/texts.h"
#include "queue_model.h"
#include "relay_call.h"
#include "relay_connection.h"
#include "table_headers.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;
using api::QueueAction;

namespace {
constexpr int AutoRefreshMs = 30000;
}

QueueView::QueueView(QWidget *parent)
    : RelayView(parent)
    , m_model(new QueueModel(this))
    , m_proxy(new QueueProxy(m_model, this))
    , m_queue(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_refresh(new QPushButton(this))
    , m_auto(new QCheckBox(this))
    , m_progress(new QProgressBar(this))
    , m_stop(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new QTextBrowser(this))
    , m_autoTimer(new QTimer(this))
    , m_progressTimer(new QTimer(this))
    , m_detailTimer(new QTimer(this))
    , m_load(new RelayCall(this))
    , m_show(new RelayCall(this))
    , m_action(new RelayCall(this))
    , m_check(new RelayCall(this))
    , m_prefetch(new RelayCall(this))
{
    setObjectName(u"queueView"_s);
    m_queue->setObjectName(u"queueChooser"_s);
    m_filter->setObjectName(u"queueFilter"_s);
    m_filter->setClearButtonEnabled(true);
    m_refresh->setObjectName(u"queueRefresh"_s);
    m_auto->setObjectName(u"queueAutoRefresh"_s);
    m_auto->setChecked(true);
    m_progress->setObjectName(u"queueLoading"_s);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_stop->setObjectName(u"queueStop"_s);
    m_stop->setVisible(false);
    m_status->setObjectName(u"queueStatus"_s);
    m_table->setObjectName(u"queueTable"_s);
    m_detail->setObjectName(u"queueDetail"_s);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(QueueModel::Age, Qt::DescendingOrder); // oldest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights: the view never measures 100k rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);

    for (QueueAction a : {QueueAction::Hold, QueueAction::Release, QueueAction::Requeue,
                          QueueAction::Flush, QueueAction::Delete}) {
        auto *b = new QPushButton(this);
        b->setObjectName(u"queue"_s + api::queueActionName(a).at(0).toUpper() +
                         api::queueActionName(a).mid(1));
        connect(b, &QPushButton::clicked, this, [this, a] { act(a); });
        m_actions.append({a, b});
    }

    auto *top = new QHBoxLayout;
    top->addWidget(m_queue);
    top->addWidget(m_filter, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_auto);
    auto *loading = new QHBoxLayout;
    loading->addWidget(m_progress, 1);
    loading->addWidget(m_stop);
    loading->addWidget(m_status, 1);
    auto *actions = new QHBoxLayout;
    for (const auto &[a, b] : m_actions)
        actions->addWidget(b);
    actions->addStretch(1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(loading);
    layout->addWidget(splitter, 1);
    layout->addLayout(actions);

    connect(m_queue, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setQueue(m_queue->currentData().toString()); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QueueProxy::setText);
    connect(m_refresh, &QPushButton::clicked, this, &QueueView::reload);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (!m_load->isBusy())
            return;
        m_load->cancel();
        m_status->setText(tr("Loading stopped."));
    });
    connect(m_action, &RelayCall::busyChanged, this, &QueueView::updateActions);
    connect(m_load, &RelayCall::busyChanged, this, [this](bool busy) {
        m_progress->setVisible(busy);
        m_stop->setVisible(busy);
        if (busy)
            m_progressTimer->start();
        else
            m_progressTimer->stop();
    });
    m_autoTimer->setInterval(AutoRefreshMs);
    connect(m_autoTimer, &QTimer::timeout, this, [this] {
        if (m_auto->isChecked() && isVisible() && !isLoading())
            reload();
    });
    m_autoTimer->start();
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_loadedRows)
            m_status->setText(tr("Loading… %L1 messages").arg(m_loadedRows->load()));
    });
    // A click asks at once; further changes within 150 ms of it (arrow keys held down through
    // the list) wait for the list to rest, so they do not flood the relay. Waiting 150 ms
    // before every click's question made each click 150 ms slower.
    m_detailTimer->setSingleShot(true);
    m_detailTimer->setInterval(150);
    connect(m_detailTimer, &QTimer::timeout, this, [this] {
        if (m_detailPending) {
            m_detailPending = false;
            showDetail();
            m_detailTimer->start();
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        // Already here (prefetched): shown at once, it asks the relay nothing.
        if (shown(m_table->currentIndex().data(QueueModel::IdRole).toString())) {
            m_detailPending = false;
            showDetail();
            return;
        }
        if (m_detailTimer->isActive()) {
            m_detailPending = true;
            m_detailTimer->start();
            return;
        }
        showDetail();
        m_detailTimer->start();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueueView::updateActions);
    retranslate();
    updateActions();
}

bool QueueView::isLoading() const
{
    return m_load->isBusy();
}

void QueueView::connectionChanged()
{
    m_model->clear();
    m_detail->clear();
    m_shown.clear();
    m_prefetchIds.clear();
    m_prefetch->cancel();
    m_reloadWanted = false;
    m_loadedOnce = false;
    m_status->clear();
    if (isVisible())
        reload();
    updateActions();
}

void QueueView::relayChanged()
{
    updateActions();
    if (isVisible() && !m_loadedOnce)
        reload(); // the relay came online while the view was showing
}

void QueueView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce && !isLoading())
        reload();
}

void QueueView::reload()
{
    if (!isOnline() || isLoading())
        return;
    if (m_prefetch->isBusy()) {
        // It answers in tens of milliseconds and then hands its session back for the listing.
        m_reloadWanted = true;
        return;
    }
    m_loadedOnce = true;
    m_loadedRows = std::make_shared<std::atomic<qint64>>(0);
    m_loadClock.start();
    auto client = connection()->client();
    m_load->start(
        [&](transport::CancelToken cancel) {
            return client::queueList(client, {}, m_loadedRows, std::move(cancel));
        },
        [this](Result<client::QueueListing> listing) {
            if (!listing) {
                m_status->setText(
                    tr("The queue could not be read: %1").arg(client::errorText(listing.error())));
                return;
            }
            // Keep what the user was looking at: selection, current row, scroll.
            const QStringList selected = selectedIds();
            const QString current = m_table->currentIndex().data(QueueModel::IdRole).toString();
            const QString top = m_table->indexAt(QPoint(0, 0)).data(QueueModel::IdRole).toString();
            m_model->setListing(std::move(listing).value());
            const auto proxyIndex = [this](const QString &id, int column = 0) {
                const int r = m_model->rowOf(id);
                return r < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(r, column));
            };
            QItemSelection selection;
            for (const QString &id : selected) {
                const QModelIndex i = proxyIndex(id);
                if (i.isValid())
                    selection.select(i, i.siblingAtColumn(QueueModel::ColumnCount - 1));
            }
            if (const QModelIndex c = proxyIndex(current); c.isValid())
                m_table->selectionModel()->setCurrentIndex(c, QItemSelectionModel::NoUpdate);
            m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
            if (const QModelIndex t = proxyIndex(top); t.isValid())
                m_table->scrollTo(t, QAbstractItemView::PositionAtTop);
            m_lastLoadMs = m_loadClock.elapsed();
            QStringList parts;
            for (auto it = m_model->counts().cbegin(); it != m_model->counts().cend(); ++it) {
                if (it.value() > 0)
                    parts.append(u"%1 %L2"_s.arg(QueueModel::queueLabel(it.key())).arg(it.value()));
            }
            m_status->setText(tr("%Ln messages", nullptr, m_model->rowCount()) +
                              (parts.isEmpty() ? QString() : u" ("_s + parts.join(u", "_s) + u')') +
                              u" · "_s +
                              tr("loaded in %L1 s").arg(m_lastLoadMs / 1000.0, 0, 'f', 1));
            updateActions();
            // Details of a message whose queue file changed (or that left the queue) no
            // longer hold; the others are kept, not asked again.
            m_shown.removeIf([this](const QHash<QString, Shown>::iterator it) {
                return it->state != listedState(it.key());
            });
            m_prefetchIds.clear();
            // What the next click needs: the first rows in view.
            QStringList first;
            const int firstRow = qMax(0, m_table->rowAt(0));
            for (int r = firstRow; r < qMin(m_proxy->rowCount(), firstRow + PrefetchRows); ++r)
                first.append(m_proxy->index(r, 0).data(QueueModel::IdRole).toString());
            prefetch(first);
            emit loaded();
        });
}

QStringList QueueView::selectedIds() const
{
    QStringList ids;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        ids.append(i.data(QueueModel::IdRole).toString());
    return ids;
}

void QueueView::updateActions()
{
    const bool allowed = connection() && connection()->can(Permission::ChangeQueue);
    const bool any = m_table->selectionModel()->hasSelection();
    for (const auto &[a, b] : m_actions) {
        b->setEnabled(allowed && any && !m_action->isBusy()); // one action at a time
        b->setToolTip(
            whyNot(Permission::ChangeQueue, tr("This relay does not let you change its queue.")));
    }
}

void QueueView::showDetail()
{
    const QString id = m_table->currentIndex().data(QueueModel::IdRole).toString();
    if (id.isEmpty() || !connection()) {
        m_show->cancel();
        m_detail->clear();
        return;
    }
    if (const api::QueuedMessage *m = shown(id)) {
        m_show->cancel();
        paintDetail(id, *m);
        prefetchAround(m_table->currentIndex().row());
        return;
    }
    auto client = connection()->client();
    const size_t state = listedState(id);
    m_show->start([&](transport::CancelToken) { return client::queueShow(client, id); },
                  [this, id, state](const Result<api::QueuedMessage> &r) {
                      if (!r) {
                          m_detail->setPlainText(client::errorText(r.error()));
                          return;
                      }
                      m_shown.insert(id, {r.value(), state});
                      paintDetail(id, r.value());
                      prefetchAround(m_table->currentIndex().row());
                  });
}

void QueueView::paintDetail(const QString &id, const api::QueuedMessage &m)
{
    QString text;
    text += tr("Message %1 in %2").arg(id, QueueModel::queueLabel(m.queue)) + u'\n';
    text += tr("Sender: %1").arg(m.sender) + u'\n';
    if (!m.account.isEmpty())
        text += tr("Account: %1").arg(m.account) + u'\n';
    if (!m.clientAddress.isEmpty())
        text += tr("Client: %1 [%2]").arg(m.clientName, m.clientAddress) + u'\n';
    for (const auto &rc : m.recipients) {
        text += tr("Recipient: %1").arg(rc.address);
        if (!rc.delayReason.isEmpty())
            text += u"\n    "_s + rc.delayReason;
        text += u'\n';
    }
    text += u'\n';
    for (const auto &[name, value] : m.headers)
        text += name + u": "_s + value + u'\n';
    m_detail->setPlainText(text);
}

const api::QueuedMessage *QueueView::shown(const QString &id) const
{
    const auto it = m_shown.constFind(id);
    if (it == m_shown.cend() || it->state != listedState(id))
        return nullptr;
    return &it->message;
}

size_t QueueView::listedState(const QString &id) const
{
    const int r = m_model->rowOf(id);
    return r < 0 ? 0 : m_model->row(r).state;
}

void QueueView::prefetchAround(int proxyRow)
{
    QStringList ids;
    for (int r : {proxyRow + 1, proxyRow - 1, proxyRow + 2}) {
        if (r >= 0 && r < m_proxy->rowCount())
            ids.append(m_proxy->index(r, 0).data(QueueModel::IdRole).toString());
    }
    prefetch(ids);
}

void QueueView::prefetch(const QStringList &ids)
{
    // The newest wish first; never more than a screenful waiting.
    for (auto it = ids.crbegin(); it != ids.crend(); ++it) {
        if (!it->isEmpty() && !shown(*it)) {
            m_prefetchIds.removeAll(*it);
            m_prefetchIds.prepend(*it);
        }
    }
    while (m_prefetchIds.size() > PrefetchRows)
        m_prefetchIds.removeLast();
    if (!m_prefetch->isBusy())
        prefetchNext();
}

void QueueView::prefetchNext()
{
    if (m_reloadWanted) {
        m_reloadWanted = false;
        reload(); // its end asks for what the rows in view need
        return;
    }
    m_prefetchIds.removeIf([this](const QString &id) { return shown(id) != nullptr; });
    if (m_prefetchIds.isEmpty() || !isOnline() || isLoading())
        return;
    QHash<QString, size_t> states;
    for (const QString &id : std::as_const(m_prefetchIds))
        states.insert(id, listedState(id));
    const QStringList ids = std::exchange(m_prefetchIds, {});
    auto client = connection()->client();
    // Not canceled by a click (a canceled call closes its SSH session): it just finishes.
    m_prefetch->start([&](transport::CancelToken) { return client::queueDetails(client, ids); },
                      [this, states](const Result<QHash<QString, api::QueuedMessage>> &r) {
                          if (r) {
                              const QString current =
                                  m_table->currentIndex().data(QueueModel::IdRole).toString();
                              for (auto it = r.value().cbegin(); it != r.value().cend(); ++it) {
                                  if (!states.contains(it.key()))
                                      continue;
                                  m_shown.insert(it.key(), {it.value(), states.value(it.key())});
                                  // The user clicked it while it was on its way (the click's own
                                  // call goes on: canceling it would close its SSH session).
                                  if (m_show->isBusy() && current == it.key())
                                      paintDetail(it.key(), it.value());
                              }
                          }
                          prefetchNext();
                      });
}

void QueueView::act(QueueAction action)
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !connection())
        return;
    QString question;
    switch (action) {
    case QueueAction::Delete:
        question = tr("Delete %n message(s) from the queue? They are gone for good: neither "
                      "delivered nor bounced.",
                      nullptr, int(ids.size()));
        break;
    case QueueAction::Hold:
        question = tr("Put %n message(s) on hold? They stay queued but are not delivered "
                      "until released.",
                      nullptr, int(ids.size()));
        break;
    case QueueAction::Release:
        question = tr("Release %n message(s) from hold?", nullptr, int(ids.size()));
        break;
    case QueueAction::Requeue:
        question = tr("Requeue %n message(s)? Postfix processes them again from the start.",
                      nullptr, int(ids.size()));
        break;
    case QueueAction::Flush:
        question = tr("Try to deliver %n deferred message(s) now?", nullptr, int(ids.size()));
        break;
    }
    // Deleting cannot be undone: No is the default, so Enter keeps the mail.
    const bool destructive = action == QueueAction::Delete;
    auto *box = new QMessageBox(
        destructive ? QMessageBox::Warning : QMessageBox::Question, tr("Queue"), question,
        QMessageBox::Yes | (destructive ? QMessageBox::No : QMessageBox::Cancel), this);
    box->setObjectName(u"queueConfirm"_s);
    if (destructive)
        box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, action, ids] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            runAction(action, ids);
    });
    box->open();
}

void QueueView::filterTo(const QString &text)
{
    m_queue->setCurrentIndex(0); // all queues
    m_filter->setText(text);     // the proxy follows the box
}

void QueueView::runAction(QueueAction action, const QStringList &ids)
{
    if (!connection() || m_action->isBusy())
        return;
    auto client = connection()->client();
    // The write is not interrupted (the token is not passed on); its report belongs to this
    // relay and is dropped if another one is selected meanwhile (the fleet refresh then shows
    // this relay's new state).
    m_action->start(
        [&](transport::CancelToken) { return client::queueAction(client, action, ids); },
        [this, action](const Result<QList<api::ActionResult>> &r) {
            if (!r) {
                showError(client::errorText(r.error()));
                return;
            }
            reportResults(action, r.value());
            emit actionDone(r.value());
            relayWritten();
            reload();
        });
}

void QueueView::showError(const QString &text)
{
    // Window-modal with open(): no nested event loop inside the call's continuation.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Queue"), text, QMessageBox::Ok, this);
    box->setObjectName(u"queueError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit message(text);
}

QString QueueView::outcomeText(const QString &outcome)
{
    // The relay's outcome words (api::ActionResult), as the user reads them.
    if (outcome == u"deleted"_s)
        return tr("deleted");
    if (outcome == u"held"_s)
        return tr("put on hold");
    if (outcome == u"released"_s)
        return tr("released");
    if (outcome == u"requeued"_s)
        return tr("requeued");
    if (outcome == u"scheduled"_s)
        return tr("delivery attempted");
    if (outcome == u"unchanged"_s)
        return tr("unchanged");
    if (outcome == u"not_found"_s)
        return tr("no longer queued");
    if (outcome == u"failed"_s)
        return tr("failed");
    return outcome;
}

void QueueView::reportResults(QueueAction action, const QList<api::ActionResult> &results)
{
    QStringList scheduled;
    for (const auto &r : results) {
        if (r.outcome == u"scheduled"_s)
            scheduled.append(r.id);
    }
    if (action == QueueAction::Flush && !scheduled.isEmpty() && connection()) {
        emit message(tr("Delivery attempted for %n message(s); checking what became of them…",
                        nullptr, int(scheduled.size())));
        QTimer::singleShot(FlushCheckDelayMs, this,
                           [this, scheduled, results] { checkDelivery(scheduled, results); });
        return;
    }
    showResults(results, {}, {});
}

void QueueView::checkDelivery(const QStringList &scheduled, const QList<api::ActionResult> &results)
{
    if (!connection()) {
        showResults(results, {}, {});
        return;
    }
    auto client = connection()->client();
    api::QueueListRequest request;
    request.ids = scheduled;
    m_check->start(
        [&](transport::CancelToken cancel) {
            return client::queueList(client, request, {}, std::move(cancel));
        },
        [this, scheduled, results](Result<client::QueueListing> &&r) {
            if (!r) {
                showResults(
                    results,
                    {tr("Could not check the delivery: %1").arg(client::errorText(r.error()))}, {});
                return;
            }
            QStringList still;
            QStringList lines;
            for (const client::QueueRow &row : r.value().rows) {
                still.append(row.id);
                lines.append(
                    row.reason.isEmpty()
                        ? tr("%1: still queued (%2)").arg(row.id, QueueModel::queueLabel(row.queue))
                        : tr("%1: still queued: %2").arg(row.id, row.reason));
            }
            const int gone = int(scheduled.size() - still.size());
            QStringList counts;
            if (gone > 0)
                counts.append(tr("%n message(s) left the queue: delivered, or bounced to the "
                                 "sender (the Trace view says which).",
                                 nullptr, gone));
            if (!still.isEmpty())
                counts.append(tr("%n message(s) are still queued: the attempt did not work.",
                                 nullptr, int(still.size())));
            showResults(results, counts, lines);
        });
}

void QueueView::showResults(const QList<api::ActionResult> &results, const QStringList &counts,
                            const QStringList &details)
{
    QMap<QString, int> tally;
    QStringList lines;
    for (const auto &r : results) {
        ++tally[outcomeText(r.outcome)];
        lines.append(
            r.id + u": "_s + outcomeText(r.outcome) +
            (r.detail.isEmpty() ? QString() : u" ("_s + client::actionReasonText(r) + u')'));
    }
    QStringList summary;
    for (auto it = tally.cbegin(); it != tally.cend(); ++it)
        summary.append(u"%1: %L2"_s.arg(it.key()).arg(it.value()));
    QString text = tr("Done for %n message(s).", nullptr, int(results.size())) + u"\n"_s +
                   summary.join(u", "_s);
    for (const QString &line : counts)
        text += u"\n"_s + line;
    lines += details;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Queue"), text, QMessageBox::Ok, this);
    box->setObjectName(u"queueResults"_s);
    box->setDetailedText(lines.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit message(counts.isEmpty() ? summary.join(u", "_s) : counts.join(u' '));
}

void QueueView::retranslate()
{
    const QString current = m_queue->currentData().toString();
    m_queue->blockSignals(true);
    m_queue->clear();
    m_queue->addItem(tr("All queues"), QString());
    for (const QString &q : api::queueNames())
        m_queue->addItem(QueueModel::queueLabel(q), q);
    m_queue->setCurrentIndex(qMax(0, m_queue->findData(current)));
    m_queue->blockSignals(false);
    // The delay reason (last, stretched) stays in sight in a 1000-pixel window; no header is
    // cut short (Italian's are longer).
    fitSectionsToHeaders(m_table->horizontalHeader(), {95, 65, 55, 65, 140, 140});
    m_filter->setPlaceholderText(tr("Filter by id, sender, recipient or reason"));
    m_refresh->setText(tr("Refresh"));
    m_auto->setText(tr("Auto-refresh"));
    m_stop->setText(tr("Stop"));
    for (const auto &[a, b] : m_actions) {
        switch (a) {
        case QueueAction::Hold:
            b->setText(tr("Hold"));
            break;
        case QueueAction::Release:
            b->setText(tr("Release"));
            break;
        case QueueAction::Requeue:
            b->setText(tr("Requeue"));
            break;
        case QueueAction::Flush:
            b->setText(tr("Deliver now"));
            break;
        case QueueAction::Delete:
            b->setText(tr("Delete…"));
            break;
        }
    }
}

void QueueView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
