#include "alerts_view.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString number(double value)
{
    return QLocale().toString(value, 'g', 4);
}

} // namespace

AlertsModel::AlertsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AlertsModel::setAlerts(const QList<api::Alert> &alerts)
{
    beginResetModel();
    m_alerts = alerts;
    endResetModel();
}

void AlertsModel::update(const api::Alert &alert)
{
    const int row = rowOf(alert.id);
    if (row < 0)
        return;
    m_alerts[row] = alert;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int AlertsModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_alerts.size(); ++i) {
        if (m_alerts[i].id == id)
            return i;
    }
    return -1;
}

QString AlertsModel::ruleText(const QString &rule)
{
    if (rule == u"quota_reached")
        return tr("Daily quota reached");
    if (rule == u"hourly_rate")
        return tr("Hourly rate over the usual");
    if (rule == u"bounce_rate")
        return tr("Too many bounces");
    if (rule == u"unauthorized_sender")
        return tr("Unauthorized senders refused");
    if (rule == u"client_ips")
        return tr("Logins from too many addresses");
    if (rule == u"reputation_listed")
        return tr("Listed on a DNS blacklist");
    return rule; // a rule newer than this console: its name as the relay says it
}

QString AlertsModel::observedText(const api::Alert &a)
{
    const int n = int(a.observed);
    if (a.rule == u"quota_reached")
        return tr("%n message(s) today", nullptr, n);
    if (a.rule == u"hourly_rate")
        return tr("%n message(s) in the hour", nullptr, n);
    if (a.rule == u"bounce_rate")
        return tr("%1 % bounced").arg(number(a.observed));
    if (a.rule == u"unauthorized_sender")
        return tr("%n refusal(s) in the hour", nullptr, n);
    if (a.rule == u"client_ips")
        return tr("%n client address(es) in the hour", nullptr, n);
    if (a.rule == u"reputation_listed") // samples: the IP or domain, the list, zone, removal
        return tr("%1 on %2").arg(a.samples.value(0), a.samples.value(1));
    return number(a.observed);
}

QString AlertsModel::limitText(const api::Alert &a)
{
    if (a.rule == u"quota_reached")
        return tr("quota %1").arg(number(a.threshold));
    if (a.rule == u"hourly_rate")
        return tr("over %1 (14-day hourly baseline %2)")
            .arg(number(a.threshold), number(a.baseline));
    if (a.rule == u"bounce_rate")
        return tr("over %1 % of the last %n deliveries", nullptr, int(a.baseline))
            .arg(number(a.threshold));
    if (a.rule == u"reputation_listed")
        return a.samples.value(3).isEmpty() ? tr("no removal page")
                                            : tr("removal: %1").arg(a.samples.value(3));
    return tr("over %1").arg(number(a.threshold));
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const api::Alert &a = m_alerts[index.row()];
    if (role == IdRole)
        return a.id;
    if (role == AcknowledgedRole)
        return a.acknowledged;
    if (role == Qt::FontRole && !a.acknowledged) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Rule:
        return ruleText(a.rule);
    case Account:
        return a.account;
    case Raised:
        return when(a.raised);
    case Observed:
        return observedText(a);
    case Limit:
        return limitText(a);
    case State:
        return a.acknowledged ? tr("acknowledged by %1").arg(a.acknowledgedBy) : tr("new");
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rule:
        return tr("Rule");
    case Account:
        return tr("Account");
    case Raised:
        return tr("Raised");
    case Observed:
        return tr("Observed");
    case Limit:
        return tr("Threshold");
    case State:
        return tr("State");
    }
    return {};
}

void askAlertComment(QWidget *parent, const api::Alert &alert,
                     std::function<void(const QString &)> accepted)
{
    auto *dialog = new QInputDialog(parent);
    dialog->setObjectName(u"alertComment"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(AlertsView::tr("Acknowledge the alert"));
    dialog->setLabelText(AlertsView::tr("%1 of %2. What was found, for your colleagues (e.g. the "
                                        "ticket, or \"a newsletter, expected\"):")
                             .arg(AlertsModel::ruleText(alert.rule), alert.account));
    QObject::connect(dialog, &QInputDialog::textValueSelected, parent,
                     [accepted = std::move(accepted)](const QString &c) { accepted(c); });
    dialog->open();
}

AlertsView::AlertsView(QWidget *parent)
    : RelayView(parent)
    , m_model(new AlertsModel(this))
    , m_title(new QLabel(this))
    , m_table(new QTableView(this))
    , m_evidence(new QTextBrowser(this))
    , m_refresh(new QPushButton(this))
    , m_ack(new QPushButton(this))
    , m_activity(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_listCall(new RelayCall(this))
    , m_ackCall(new RelayCall(this))
{
    setObjectName(u"alertsView"_s);
    m_table->setObjectName(u"alertsTable"_s);
    m_evidence->setObjectName(u"alertsEvidence"_s);
    m_refresh->setObjectName(u"alertsRefresh"_s);
    m_ack->setObjectName(u"alertsAck"_s);
    m_activity->setObjectName(u"alertsActivity"_s);
    m_status->setObjectName(u"alertsStatus"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setModel(m_model);
    m_table->setColumnWidth(AlertsModel::Rule, 200);
    m_table->setColumnWidth(AlertsModel::Observed, 180);
    m_table->setColumnWidth(AlertsModel::Limit, 200);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_ack);
    buttons->addWidget(m_activity);
    buttons->addStretch(1);
    buttons->addWidget(m_status);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_title);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_evidence);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &AlertsView::reload);
    connect(m_ack, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row < 0)
            return;
        const api::Alert alert = m_model->alert(row);
        askAlertComment(this, alert, m_ackCall->guard([this, id = alert.id](const QString &c) {
            acknowledge(id, c);
        }));
    });
    connect(m_activity, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row >= 0 && connection())
            emit activityRequested(connection()->profile().id, m_model->alert(row).account);
    });
    connect(m_ackCall, &RelayCall::busyChanged, this, &AlertsView::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showEvidence();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AlertsView::showEvidence);
    retranslate();
    updateActions();
}

void AlertsView::connectionChanged()
{
    m_status->clear();
    m_model->setAlerts({});
    m_evidence->clear();
    if (isVisible())
        reload();
    updateActions();
}

void AlertsView::relayChanged()
{
    updateActions();
    if (isVisible() && m_model->rowCount() == 0 && m_status->text().isEmpty())
        reload(); // the relay came online while the view was showing
}

void AlertsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void AlertsView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadQueue)) {
        m_status->setText(tr("This relay does not let you see its alerts."));
        return;
    }
    if (connection()->info()->unacknowledgedAlerts < 0) {
        m_status->setText(tr("This relay keeps no history (its event index is not set up)."));
        return;
    }
    auto client = connection()->client();
    m_status->setText(tr("Loading…"));
    m_listCall->start([&](transport::CancelToken) { return client::alertsList(client, {}); },
                      [this](const Result<api::AlertsListResult> &r) {
                          if (!r) {
                              m_status->setText(client::errorText(r.error()));
                              return;
                          }
                          const int row = selectedRow();
                          const qint64 selected = row >= 0 ? m_model->alert(row).id : 0;
                          m_model->setAlerts(r.value().alerts);
                          m_status->setText(
                              tr("%n not acknowledged", nullptr, int(r.value().unacknowledged)));
                          if (const int again = m_model->rowOf(selected); again >= 0)
                              m_table->selectRow(again);
                          updateActions();
                          emit loaded();
                      });
}

void AlertsView::acknowledge(qint64 id, const QString &comment)
{
    if (!connection() || m_ackCall->isBusy())
        return;
    auto client = connection()->client();
    m_ackCall->start([&](transport::CancelToken) { return client::alertsAck(client, id, comment); },
                     [this, id](const Result<api::Alert> &r) {
                         if (!r) {
                             const QString text = client::errorText(r.error());
                             m_status->setText(text);
                             emit message(text);
                             return;
                         }
                         m_model->update(r.value());
                         const QString done = tr("Alert acknowledged.");
                         m_status->setText(done);
                         emit message(done);
                         emit acknowledged(id);
                         relayWritten(); // the sidebar's count follows `info`
                         reload();
                     });
}

int AlertsView::selectedRow() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() && m_table->selectionModel()->isRowSelected(i.row()) ? i.row() : -1;
}

void AlertsView::updateActions()
{
    const int row = selectedRow();
    const bool ack = connection() && connection()->can(Permission::AckAlerts);
    m_ack->setEnabled(ack && !m_ackCall->isBusy() && row >= 0 && !m_model->alert(row).acknowledged);
    m_ack->setToolTip(
        whyNot(Permission::AckAlerts, tr("This relay does not let you acknowledge alerts.")));
    m_activity->setEnabled(row >= 0);
}

void AlertsView::showEvidence()
{
    const int row = selectedRow();
    if (row < 0) {
        m_evidence->clear();
        return;
    }
    const api::Alert &a = m_model->alert(row);
    QStringList lines;
    lines << tr("%1 — %2").arg(AlertsModel::ruleText(a.rule), a.account);
    lines << tr("Window: %1 to %2").arg(when(a.windowFrom), when(a.windowTo));
    lines << tr("Observed: %1, %2").arg(AlertsModel::observedText(a), AlertsModel::limitText(a));
    if (!a.queueIds.isEmpty())
        lines << tr("Sample messages: %1").arg(a.queueIds.join(u", "_s));
    if (!a.samples.isEmpty())
        lines << tr("Other evidence: %1").arg(a.samples.join(u", "_s));
    if (!a.notified.isEmpty())
        lines << tr("Mailed to: %1").arg(a.notified.join(u", "_s));
    if (!a.notifyError.isEmpty())
        lines << tr("The warning could not be mailed: %1").arg(a.notifyError);
    if (a.notified.isEmpty() && a.notifyError.isEmpty())
        lines << tr("Nobody was mailed (no contact or abuse address).");
    if (a.acknowledged) {
        lines << tr("Acknowledged by %1 on %2").arg(a.acknowledgedBy, when(a.acknowledgedAt));
        if (!a.comment.isEmpty())
            lines << tr("Comment: %1").arg(a.comment);
    }
    m_evidence->setPlainText(lines.join(u'\n'));
}

void AlertsView::retranslate()
{
    m_title->setText(tr("Alerts of abnormal sending"));
    m_refresh->setText(tr("Refresh"));
    m_ack->setText(tr("Acknowledge…"));
    m_activity->setText(tr("Show activity"));
    showEvidence();
}

void AlertsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
