#include "reputation_panel.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QBrush>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString kindText(const QString &kind)
{
    return kind == u"ip" ? ReputationModel::tr("IP address") : ReputationModel::tr("sender domain");
}

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    return t;
}

} // namespace

ReputationModel::ReputationModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReputationModel::setReport(const api::ReputationReport &report)
{
    beginResetModel();
    m_report = report;
    m_rows.clear();
    for (int t = 0; t < m_report.targets.size(); ++t) {
        const auto &target = m_report.targets[t];
        if (target.results.isEmpty())
            m_rows.append({t, -1});
        for (int r = 0; r < target.results.size(); ++r)
            m_rows.append({t, r});
    }
    endResetModel();
}

QString ReputationModel::statusText(const QString &status)
{
    if (status == u"listed")
        return tr("Listed");
    if (status == u"clear")
        return tr("Not listed");
    if (status == u"refused")
        return tr("Query refused by the list (not a listing)");
    if (status == u"error")
        return tr("No answer (not checked)");
    return status; // a status newer than this console: as the relay says it
}

int ReputationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReputationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReputationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const api::ReputationTarget &t = m_report.targets[row.target];
    const api::ReputationResult *r = row.result >= 0 ? &t.results[row.result] : nullptr;
    if (role == TargetRole)
        return t.target;
    if (role == StatusRole)
        return r ? r->status : QString();
    if (role == Qt::FontRole && r && r->status == u"listed") {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && r && r->status == u"listed")
        return QBrush(Qt::darkRed);
    if (role == Qt::ToolTipRole && r && !r->detail.isEmpty())
        return r->detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Target:
        return t.target;
    case Kind:
        return kindText(t.kind);
    case Accounts:
        return t.accounts.join(u", "_s);
    case List:
        return r ? r->list : tr("no list of this kind");
    case Result:
        if (!r)
            return QString();
        return r->answers.isEmpty()
                   ? statusText(r->status)
                   : tr("%1 (%2)").arg(statusText(r->status), r->answers.join(u", "_s));
    case Since:
        return r ? when(r->since) : QString();
    }
    return {};
}

QVariant ReputationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Target:
        return tr("IP or domain");
    case Kind:
        return tr("Kind");
    case Accounts:
        return tr("Accounts");
    case List:
        return tr("List");
    case Result:
        return tr("Last result");
    case Since:
        return tr("Since");
    }
    return {};
}

ReputationHistoryModel::ReputationHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ReputationHistoryModel::setChanges(const QList<api::ReputationChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

int ReputationHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int ReputationHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReputationHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size() || role != Qt::DisplayRole)
        return {};
    const api::ReputationChange &c = m_changes[index.row()];
    switch (index.column()) {
    case Time:
        return when(c.time);
    case Target:
        return c.target;
    case List:
        return c.list;
    case Previous:
        return c.previous.isEmpty() ? tr("first check") : ReputationModel::statusText(c.previous);
    case Status:
        return c.answers.isEmpty() ? ReputationModel::statusText(c.status)
                                   : tr("%1 (%2)").arg(ReputationModel::statusText(c.status),
                                                       c.answers.join(u", "_s));
    }
    return {};
}

QVariant ReputationHistoryModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("When");
    case Target:
        return tr("IP or domain");
    case List:
        return tr("List");
    case Previous:
        return tr("Before");
    case Status:
        return tr("After");
    }
    return {};
}

ReputationPanel::ReputationPanel(QWidget *parent)
    : RelayView(parent)
    , m_model(new ReputationModel(this))
    , m_historyModel(new ReputationHistoryModel(this))
    , m_title(new QLabel(this))
    , m_checked(new QLabel(this))
    , m_table(makeTable(this, u"reputationTable"_s))
    , m_historyTitle(new QLabel(this))
    , m_history(makeTable(this, u"reputationHistory"_s))
    , m_refresh(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_showCall(new RelayCall(this))
    , m_historyCall(new RelayCall(this))
{
    setObjectName(u"reputation"_s);
    m_checked->setObjectName(u"reputationChecked"_s);
    m_status->setObjectName(u"reputationStatus"_s);
    m_refresh->setObjectName(u"reputationRefresh"_s);
    m_status->setWordWrap(true);
    for (QLabel *l : {m_title, m_historyTitle}) {
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
    }
    m_table->setModel(m_model);
    m_history->setModel(m_historyModel);
    m_history->setSelectionMode(QAbstractItemView::NoSelection);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addWidget(m_checked, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_historyTitle);
    layout->addWidget(m_history, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ReputationPanel::reload);
    connect(m_showCall, &RelayCall::busyChanged, this,
            [this](bool busy) { m_refresh->setEnabled(!busy); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReputationPanel::loadHistory);
    retranslate();
}

void ReputationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReputationPanel::retranslate()
{
    m_title->setText(tr("Reputation"));
    m_historyTitle->setText(tr("History"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Show the relay's last check again (the relay checks every day)"));
    showStatus();
}

void ReputationPanel::showStatus()
{
    const api::ReputationReport &r = m_model->report();
    if (!m_loaded) {
        m_checked->clear();
    } else if (!r.checked.isValid()) {
        m_checked->setText(tr("not checked yet"));
    } else {
        QStringList lists;
        for (const auto &l : r.lists)
            lists.append(tr("%1 (%2)").arg(l.name, l.zone));
        m_checked->setText(tr("checked %1 on %n list(s): %2", nullptr, int(r.lists.size()))
                               .arg(when(r.checked), lists.join(u", "_s)));
    }
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    int listed = 0;
    for (const auto &t : r.targets)
        listed += t.listed() ? 1 : 0;
    m_status->setText(!m_loaded ? QString()
                      : listed  ? tr("%n address(es) or domain(s) listed", nullptr, listed)
                                : tr("Nothing listed."));
}

void ReputationPanel::connectionChanged()
{
    m_loaded = false;
    m_error.clear();
    m_model->setReport({});
    m_historyModel->setChanges({});
    showStatus();
    if (isVisible())
        reload();
}

void ReputationPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded && !m_showCall->isBusy())
        reload();
}

void ReputationPanel::relayChanged()
{
    if (isVisible() && !m_loaded && m_error.isEmpty() && !m_showCall->isBusy())
        reload(); // the relay came online
}

void ReputationPanel::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadQueue)) {
        m_error = tr("This relay does not let you see its reputation.");
        showStatus();
        return;
    }
    auto client = connection()->client();
    m_status->setText(tr("Loading…"));
    m_showCall->start([&](transport::CancelToken) { return client::reputationShow(client); },
                      [this](const Result<api::ReputationReport> &r) {
                          if (!r) {
                              m_error = client::errorText(r.error());
                              showStatus();
                              return;
                          }
                          m_error.clear();
                          m_loaded = true;
                          m_model->setReport(r.value());
                          showStatus();
                          emit loaded();
                          loadHistory();
                      });
}

void ReputationPanel::loadHistory()
{
    if (!isOnline())
        return;
    api::ReputationHistoryRequest request;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        request.target = rows.first().data(ReputationModel::TargetRole).toString();
    m_historyTitle->setText(request.target.isEmpty() ? tr("History")
                                                     : tr("History of %1").arg(request.target));
    auto client = connection()->client();
    m_historyCall->start(
        [&](transport::CancelToken) { return client::reputationHistory(client, request); },
        [this](const Result<api::ReputationHistory> &r) {
            if (!r) {
                m_historyModel->setChanges({});
                return;
            }
            m_historyModel->setChanges(r.value().changes);
            emit historyLoaded();
        });
}

} // namespace staffetta::ui
