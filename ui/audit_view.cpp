#include "audit_view.h"

#include "client/policy_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "history_view.h"
#include "policy_dialogs.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QColor>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

// A combo box's items as (text, data), keeping the chosen data when it is still offered.
void refill(QComboBox *box, const QList<std::pair<QString, QString>> &items)
{
    const QString chosen = box->currentData().toString();
    const QSignalBlocker block(box);
    box->clear();
    for (const auto &[text, data] : items)
        box->addItem(text, data);
    const int again = box->findData(chosen);
    box->setCurrentIndex(again >= 0 ? again : 0);
}

} // namespace

AuditModel::AuditModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AuditModel::setEntries(const QList<api::AuditEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QStringList AuditModel::verbs() const
{
    QStringList out;
    for (const api::AuditEntry &e : m_entries) {
        if (!out.contains(e.verb))
            out.append(e.verb);
    }
    std::sort(out.begin(), out.end());
    return out;
}

QStringList AuditModel::outcomes() const
{
    QStringList out;
    for (const api::AuditEntry &e : m_entries) {
        if (!out.contains(e.outcome))
            out.append(e.outcome);
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString AuditModel::outcomeText(const QString &outcome)
{
    if (outcome == u"done")
        return tr("done");
    switch (codeFromName(outcome)) {
    case ErrorCode::Conflict:
        return tr("refused: someone else changed it first");
    case ErrorCode::PermissionDenied:
        return tr("refused: not allowed");
    case ErrorCode::InvalidPolicy:
        return tr("refused: invalid policy");
    case ErrorCode::BadRequest:
        return tr("refused: bad request");
    case ErrorCode::NotFound:
        return tr("refused: not found");
    case ErrorCode::RequestTooLarge:
        return tr("refused: request too large");
    default:
        break;
    }
    return tr("failed (%1)").arg(outcome);
}

QString AuditModel::whatText(const api::AuditEntry &e)
{
    if (e.changes.isEmpty())
        return e.summary;
    QStringList lines;
    for (const policy::Change &c : e.changes)
        lines.append(client::changeText(c));
    return lines.join(u"; "_s);
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const api::AuditEntry &e = m_entries[index.row()];
    switch (role) {
    case UserRole:
        return e.user;
    case VerbRole:
        return e.verb;
    case OutcomeRole:
        return e.outcome;
    case TimeRole:
        return e.time;
    case Qt::ForegroundRole:
        return e.done() ? QVariant() : QVariant(QColor(0xb0, 0x20, 0x20));
    case Qt::ToolTipRole:
        return index.column() == What ? whatText(e) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case When:
        return when(e.time);
    case Who:
        return HistoryModel::whoText(e.user, e.role);
    case From:
        return HistoryModel::originText(e.origin);
    case Verb:
        return e.verb;
    case Outcome:
        return outcomeText(e.outcome);
    case Revision:
        return e.revision > 0 ? QVariant(e.revision) : QVariant();
    case What:
        return whatText(e);
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case From:
        return tr("From");
    case Verb:
        return tr("Verb");
    case Outcome:
        return tr("Outcome");
    case Revision:
        return tr("Revision");
    case What:
        return tr("What");
    }
    return {};
}

AuditFilter::AuditFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void AuditFilter::setUser(const QString &user)
{
    m_user = user.trimmed();
    invalidateFilter();
}

void AuditFilter::setVerb(const QString &verb)
{
    m_verb = verb;
    invalidateFilter();
}

void AuditFilter::setOutcome(const QString &outcome)
{
    m_outcome = outcome;
    invalidateFilter();
}

void AuditFilter::setSince(const QDateTime &since)
{
    m_since = since;
    invalidateFilter();
}

bool AuditFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_user.isEmpty() &&
        !i.data(AuditModel::UserRole).toString().contains(m_user, Qt::CaseInsensitive))
        return false;
    if (!m_verb.isEmpty() && i.data(AuditModel::VerbRole).toString() != m_verb)
        return false;
    const QString outcome = i.data(AuditModel::OutcomeRole).toString();
    if (m_outcome == QLatin1String(Refused) ? outcome == u"done"
                                            : !m_outcome.isEmpty() && outcome != m_outcome)
        return false;
    if (m_since.isValid() && i.data(AuditModel::TimeRole).toDateTime() < m_since)
        return false;
    return true;
}

AuditView::AuditView(QWidget *parent)
    : RelayView(parent)
    , m_model(new AuditModel(this))
    , m_filter(new AuditFilter(this))
    , m_title(new QLabel(this))
    , m_who(new QLineEdit(this))
    , m_verb(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_detail(new QLabel(this))
    , m_changes(new QListWidget(this))
    , m_refresh(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_listCall(new RelayCall(this))
{
    setObjectName(u"auditView"_s);
    m_who->setObjectName(u"auditWho"_s);
    m_verb->setObjectName(u"auditVerb"_s);
    m_outcome->setObjectName(u"auditOutcome"_s);
    m_period->setObjectName(u"auditPeriod"_s);
    m_table->setObjectName(u"auditTable"_s);
    m_detail->setObjectName(u"auditDetail"_s);
    m_changes->setObjectName(u"auditChanges"_s);
    m_refresh->setObjectName(u"auditRefresh"_s);
    m_status->setObjectName(u"auditStatus"_s);
    m_who->setClearButtonEnabled(true);
    m_filter->setSourceModel(m_model);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(AuditModel::When, 120);
    m_table->setColumnWidth(AuditModel::Who, 150);
    m_table->setColumnWidth(AuditModel::From, 90);
    m_table->setColumnWidth(AuditModel::Verb, 110);
    m_table->setColumnWidth(AuditModel::Outcome, 150);
    m_table->setColumnWidth(AuditModel::Revision, 70);
    m_detail->setWordWrap(true);
    m_changes->setUniformItemSizes(true);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_who, 1);
    filters->addWidget(m_verb);
    filters->addWidget(m_outcome);
    filters->addWidget(m_period);
    filters->addWidget(m_refresh);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_title);
    topLayout->addLayout(filters);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_status);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_detail);
    bottomLayout->addWidget(m_changes, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &AuditView::reload);
    connect(m_who, &QLineEdit::textChanged, this, &AuditView::applyFilters);
    for (QComboBox *box : {m_verb, m_outcome, m_period})
        connect(box, &QComboBox::currentIndexChanged, this, &AuditView::applyFilters);
    connect(m_listCall, &RelayCall::busyChanged, m_refresh,
            [this](bool busy) { m_refresh->setEnabled(!busy); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AuditView::showSelection);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &AuditView::showSelection);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &AuditView::showSelection);
    retranslate();
}

void AuditView::connectionChanged()
{
    m_status->clear();
    m_model->setEntries({});
    fillFilters();
    applyFilters();
    if (isVisible())
        reload();
}

void AuditView::relayChanged()
{
    if (isVisible() && m_model->rowCount() == 0 && m_status->text().isEmpty())
        reload(); // the relay came online while the view was showing
}

void AuditView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void AuditView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadPolicy)) {
        m_status->setText(tr("This relay does not let you see its audit log."));
        return;
    }
    auto client = connection()->client();
    m_status->setText(tr("Loading…"));
    const QModelIndex current = m_table->currentIndex();
    const qint64 selected =
        current.isValid() && m_table->selectionModel()->isRowSelected(current.row())
            ? m_model->entry(m_filter->mapToSource(current).row()).id
            : 0;
    m_listCall->start([&](transport::CancelToken) { return client::audit(client); },
                      [this, selected](const Result<api::AuditLog> &r) {
                          if (!r) {
                              m_status->setText(client::errorText(r.error()));
                              return;
                          }
                          m_model->setEntries(r.value().entries);
                          fillFilters();
                          applyFilters();
                          // The entry that was selected stays selected (a refresh).
                          for (int row = 0; selected && row < m_filter->rowCount(); ++row) {
                              const QModelIndex i = m_filter->index(row, 0);
                              if (m_model->entry(m_filter->mapToSource(i).row()).id == selected) {
                                  m_table->selectRow(row);
                                  break;
                              }
                          }
                          emit loaded();
                      });
}

void AuditView::fillFilters()
{
    QList<std::pair<QString, QString>> verbs{{tr("Every verb"), QString()}};
    for (const QString &v : m_model->verbs())
        verbs.append({v, v});
    refill(m_verb, verbs);
    QList<std::pair<QString, QString>> outcomes{
        {tr("Every outcome"), QString()},
        {tr("Done"), u"done"_s},
        {tr("Refused or failed"), QString::fromLatin1(AuditFilter::Refused)}};
    for (const QString &o : m_model->outcomes()) {
        if (o != u"done")
            outcomes.append({AuditModel::outcomeText(o), o});
    }
    refill(m_outcome, outcomes);
    refill(m_period, {{tr("Any time"), QString()},
                      {tr("Last 24 hours"), u"1"_s},
                      {tr("Last 7 days"), u"7"_s},
                      {tr("Last 30 days"), u"30"_s}});
}

void AuditView::applyFilters()
{
    m_filter->setUser(m_who->text());
    m_filter->setVerb(m_verb->currentData().toString());
    m_filter->setOutcome(m_outcome->currentData().toString());
    const int days = m_period->currentData().toInt();
    m_filter->setSince(days > 0 ? QDateTime::currentDateTime().addDays(-days) : QDateTime());
    if (m_model->rowCount() > 0)
        m_status->setText(tr("%n entry(ies) shown, of %1 read", nullptr, m_filter->rowCount())
                              .arg(m_model->rowCount()));
    showSelection();
}

void AuditView::showSelection()
{
    m_changes->clear();
    const QModelIndex i = m_table->currentIndex();
    if (!i.isValid() || !m_table->selectionModel()->isRowSelected(i.row())) {
        m_detail->setText(tr("Select an entry to see what it changed."));
        return;
    }
    const api::AuditEntry &e = m_model->entry(m_filter->mapToSource(i).row());
    QString text = tr("%1 by %2, %3: %4")
                       .arg(e.verb, HistoryModel::whoText(e.user, e.role), when(e.time),
                            AuditModel::outcomeText(e.outcome));
    if (e.revision > 0)
        text += u' ' + tr("(revision %1)").arg(e.revision);
    if (!e.summary.isEmpty())
        text += u'\n' + e.summary;
    m_detail->setText(text);
    fillChangeList(m_changes, e.changes);
}

void AuditView::retranslate()
{
    m_title->setText(tr("Every write on the relay, and every refused one, newest first"));
    m_who->setPlaceholderText(tr("Who (user name)"));
    m_refresh->setText(tr("Refresh"));
    fillFilters();
    m_table->horizontalHeader()->viewport()->update();
    applyFilters();
}

void AuditView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
