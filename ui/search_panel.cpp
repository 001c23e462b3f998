#include "search_panel.h"

#include "bans_view.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "queue_model.h"
#include "relay_call.h"
#include "relay_connection.h"
#include "settings/profiles.h"
#include "when_ready.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int QueueIdRole = Qt::UserRole + 1;
constexpr int RelayIdRole = Qt::UserRole + 2;
constexpr int TraceRole = Qt::UserRole + 4;
constexpr int ExplanationRole = Qt::UserRole + 5; // the hit's "why", in words
constexpr int ActionsRole = Qt::UserRole + 6;     // the row holding the hit's buttons
constexpr int NotCoveredRole = Qt::UserRole + 7;  // a relay the search did not look on
} // namespace

SearchPanel::SearchPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_detail(new QTextBrowser(this))
{
    setObjectName(u"searchPanel"_s);
    m_tree->setObjectName(u"searchResults"_s);
    m_detail->setObjectName(u"searchDetail"_s);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(false);
    // The hits fit the panel's width, nothing to scroll to: a long one is elided, whole in its
    // tooltip (and an address's explanation whole in the detail pane, Why banned?).
    m_tree->header()->setStretchLastSection(false);
    m_detail->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 2);
    layout->addWidget(m_detail, 1);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(TraceRole).toBool()) {
            emit showTrace(m_term);
            return;
        }
        const QString id = index.data(QueueIdRole).toString();
        if (!id.isEmpty() && relayOf(index))
            emit showMessage(index.data(RelayIdRole).toUuid(), id);
    });
    retranslate();
}

void SearchPanel::search(const QString &term, const QList<RelayConnection *> &relays)
{
    m_term = term.trimmed();
    delete m_round; // the previous search's calls: canceled, their results dropped
    m_round = new QObject(this);
    m_relays.clear();
    m_model->clear();
    m_model->setColumnCount(2);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_detail->clear();
    m_detail->setVisible(false);
    m_pending = 0;
    retranslate();
    m_notCovered.clear();
    for (RelayConnection *relay : relays) {
        if (!relay->isReachable()) {
            // Said, never skipped silently: the search did not look there.
            auto *group = new QStandardItem(relay->profile().name);
            group->setData(relay->profile().id, RelayIdRole);
            group->setData(true, NotCoveredRole);
            auto *status =
                new QStandardItem(relay->info() ? tr("not searched: the relay does not answer")
                                                : tr("not searched: not connected"));
            m_model->appendRow({group, status});
            m_notCovered.append(relay->profile().name);
            continue;
        }
        auto *group = new QStandardItem(relay->profile().name);
        group->setData(relay->profile().id, RelayIdRole);
        m_relays.insert(relay->profile().id, relay);
        auto *status = new QStandardItem(tr("searching…"));
        m_model->appendRow({group, status});
        ++m_pending;
        searchRelay(relay, group);
    }
    retranslate();
    if (m_pending == 0) {
        m_model->appendRow(new QStandardItem(tr("No relay is connected: connect one first.")));
        emit finished();
    }
    m_tree->expandAll();
}

RelayConnection *SearchPanel::relayOf(const QModelIndex &index) const
{
    return m_relays.value(index.data(RelayIdRole).toUuid());
}

void SearchPanel::searchRelay(RelayConnection *relay, QStandardItem *group)
{
    auto client = relay->client();
    QPointer<RelayConnection> guard(relay);
    // One call per relay and round; a relay removed meanwhile takes its answer with it.
    auto *call = new RelayCall(m_round);
    connect(relay, &QObject::destroyed, call, [this, call] {
        if (call->isBusy() && --m_pending == 0)
            emit finished();
        call->deleteLater();
    });
    call->start([&](transport::CancelToken) { return client::search(client, m_term); },
                [this, guard, group](const Result<client::SearchHit> &hit) {
                    if (!guard)
                        return;
                    m_model->setData(m_model->indexFromItem(group).siblingAtColumn(1),
                                     hit ? QString() : client::errorText(hit.error()));
                    if (hit)
                        fill(guard, group, hit.value());
                    m_tree->expandAll();
                    if (--m_pending == 0)
                        emit finished();
                });
}

void SearchPanel::fill(RelayConnection *relay, QStandardItem *group, const client::SearchHit &hit)
{
    group->removeRows(0, group->rowCount());
    const auto add = [group](const QString &text) {
        auto *item = new QStandardItem(text);
        item->setToolTip(text);
        group->appendRow({item, new QStandardItem});
        return item;
    };
    if (hit.ip) {
        const client::AddressReport &r = *hit.ip;
        if (r.bans.isEmpty()) {
            add(tr("%1 is not banned").arg(r.address));
        } else {
            for (const api::Ban &b : r.bans) {
                QStandardItem *item =
                    add(tr("%1 banned in %2 since %3: %4")
                            .arg(r.address, b.jail,
                                 QLocale().toString(b.since.toLocalTime(), QLocale::ShortFormat),
                                 r.reason == api::FailureKind::None
                                     ? tr("no failure found in the logs")
                                     : client::failureKindText(r.reason)));
                item->setData(api::failureKindName(r.reason), Qt::UserRole + 3);
            }
        }
        if (!r.bans.isEmpty() || r.reason != api::FailureKind::None) {
            QStandardItem *why = add(client::failureExplanation(r));
            why->setData(true, ExplanationRole);
        }
        if (r.whitelisted) {
            add(tr("On the whitelist since %1 (%2): %3")
                    .arg(QLocale().toString(r.whitelisted->addedAt.toLocalTime(),
                                            QLocale::ShortFormat),
                         r.whitelisted->addedBy, r.whitelisted->note));
        }
        if (!r.lines.isEmpty())
            add(tr("%n log line(s) mention it", nullptr, int(r.lines.size())));
        addIpActions(relay, group, r);
        return;
    }
    for (const auto &[login, senders] : hit.accounts) {
        add(senders.isEmpty() ? tr("Account %1").arg(login)
                              : tr("Account %1 may send as %2").arg(login, senders.join(u", "_s)));
    }
    for (const client::QueueRow &m : hit.messages) {
        QStandardItem *item =
            add(tr("Queued %1 (%2): %3 → %4")
                    .arg(m.id, QueueModel::queueLabel(m.queue), m.sender, m.recipients) +
                (m.reason.isEmpty() ? QString() : u" — "_s + m.reason));
        item->setData(m.id, QueueIdRole);
        item->setData(relay->profile().id, RelayIdRole);
        item->setToolTip(tr("Double-click to open it in the Queue view."));
    }
    if (hit.messagesMatched > hit.messages.size())
        add(tr("… and %n more queued message(s)", nullptr,
               int(hit.messagesMatched - hit.messages.size())));
    if (group->rowCount() == 0)
        add(tr("Nothing found"));
    // An address, a queue id or a message-id has a history beyond the queue.
    QStandardItem *trace = add(tr("Trace “%1” in the delivery history…").arg(m_term));
    trace->setData(true, TraceRole);
    trace->setToolTip(tr("Double-click to open the Trace view of it on every connected relay."));
}

void SearchPanel::addIpActions(RelayConnection *relay, QStandardItem *group,
                               const client::AddressReport &report)
{
    // The actions get a row of their own, across the whole width, under the hits: always
    // visible, never squashed into a column.
    auto *row = new QStandardItem;
    row->setData(true, ActionsRole);
    group->appendRow(row);
    m_tree->setFirstColumnSpanned(row->row(), group->index(), true);
    auto *buttons = new QWidget;
    buttons->setObjectName(u"searchActions"_s);
    auto *layout = new QHBoxLayout(buttons);
    layout->setContentsMargins(0, 2, 0, 2);
    const bool banned = !report.bans.isEmpty();
    auto *why = new QPushButton(banned ? tr("Why banned?") : tr("Log lines"), buttons);
    why->setObjectName(u"searchWhy"_s);
    why->setVisible(banned || !report.lines.isEmpty());
    auto *unbanButton = new QPushButton(tr("Unban"), buttons);
    unbanButton->setObjectName(u"searchUnban"_s);
    unbanButton->setVisible(banned);
    auto *whitelist = new QPushButton(tr("Whitelist…"), buttons);
    whitelist->setObjectName(u"searchWhitelist"_s);
    whitelist->setVisible(!report.whitelisted);
    whitelist->setToolTip(client::whitelistWarning());
    for (QPushButton *b : {why, unbanButton, whitelist}) {
        b->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        layout->addWidget(b);
    }
    layout->addStretch(1);
    unbanButton->setEnabled(relay->can(Permission::Unban));
    whitelist->setEnabled(relay->can(Permission::Whitelist));
    m_tree->setIndexWidget(m_model->indexFromItem(row), buttons);

    const QString address = report.address;
    QStringList lines{client::failureExplanation(report), client::whitelistWarning(), QString()};
    for (const auto &l : report.lines)
        lines.append(u"[%1] %2"_s.arg(l.source, l.text));
    connect(why, &QPushButton::clicked, this, [this, lines] {
        m_detail->setPlainText(lines.join(u'\n'));
        m_detail->setVisible(true);
    });
    QPointer<RelayConnection> guard(relay);
    const auto rerun = [this, guard] {
        if (!guard)
            return;
        // The relay's answer changed: ask it again, it shows the new state.
        for (int i = 0; i < m_model->rowCount(); ++i) {
            QStandardItem *g = m_model->item(i);
            if (!g->data(NotCoveredRole).toBool() && relayOf(g->index()) == guard) {
                ++m_pending;
                searchRelay(guard, g);
            }
        }
    };
    connect(unbanButton, &QPushButton::clicked, this, [this, guard, address, rerun] {
        if (!guard)
            return;
        auto client = guard->client();
        whenReady(client::unban(client, address), this, [this, address, rerun](const auto &r) {
            emit message(r ? tr("%1 unbanned (%2).").arg(address, r.value().jails.join(u", "_s))
                           : client::errorText(r.error()));
            rerun();
        });
    });
    connect(whitelist, &QPushButton::clicked, this, [this, guard, address, rerun] {
        if (!guard)
            return;
        askWhitelist(this, address, guard->can(Permission::WhitelistWide),
                     [this, guard, rerun](const QString &typed, const QString &note) {
                         if (!guard)
                             return;
                         auto client = guard->client();
                         whenReady(client::whitelistAdd(client, typed, note), this,
                                   [this, typed, rerun](const Result<api::WhitelistResult> &r) {
                                       emit message(r ? tr("%1 is on the whitelist.").arg(typed)
                                                      : client::errorText(r.error()));
                                       rerun();
                                   });
                     });
    });
}

void SearchPanel::retranslate()
{
    QString title = m_term.isEmpty() ? tr("Search an IP, an address or a queue id above.")
                                     : tr("Results for “%1”").arg(m_term);
    if (!m_term.isEmpty() && !m_notCovered.isEmpty())
        title += u"\n"_s + tr("Not searched on %n relay(s) that do not answer: %1", nullptr,
                              int(m_notCovered.size()))
                               .arg(m_notCovered.join(u", "_s));
    m_title->setText(title);
}

void SearchPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
