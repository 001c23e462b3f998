#include "activity_view.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "language.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

// The stacked bars (accepted, then refused by reason) and the delivery bars, in order.
const QStringList &trafficNames()
{
    static const QStringList names = api::statsSeriesNames().mid(0, 9);
    return names;
}
const QStringList &deliveryNames()
{
    static const QStringList names{u"delivered"_s, u"deferred"_s, u"bounced"_s};
    return names;
}

QString seriesLabel(const QString &name)
{
    static const QHash<QString, const char *> labels{
        {u"accepted_external"_s,
         QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Accepted (external)")},
        {u"accepted_local"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Accepted (local)")},
        {u"rejected_quota"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: quota")},
        {u"rejected_sender"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: sender")},
        {u"rejected_blacklist"_s,
         QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: blacklist")},
        {u"rejected_recipients"_s,
         QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: recipients")},
        {u"rejected_size"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: size")},
        {u"rejected_attachment"_s,
         QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: attachment")},
        {u"rejected_suspended"_s,
         QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Refused: account suspended")},
        {u"delivered"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Delivered")},
        {u"deferred"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Deferred")},
        {u"bounced"_s, QT_TRANSLATE_NOOP("staffetta::ui::ActivityView", "Bounced")}};
    return ActivityView::tr(labels.value(name));
}

qint64 sum(const QList<qint64> &values)
{
    return std::accumulate(values.cbegin(), values.cend(), qint64(0));
}

// The window of the last `days` days in buckets of `bucket`, ending with the current one.
api::StatsRequest rangeRequest(int days, const QString &bucket)
{
    api::StatsRequest r;
    r.bucket = bucket;
    r.to = QDateTime::currentDateTimeUtc();
    const qint64 len = r.bucketSeconds();
    const qint64 count = bucket == u"hour"_s ? qint64(days) * 24 : days;
    r.from = QDateTime::fromSecsSinceEpoch(
        r.floorToBucket(r.to.toSecsSinceEpoch()) - (count - 1) * len, Qt::UTC);
    return r;
}

} // namespace

std::vector<SenderTotals> senderTotals(const api::StatsResult &stats)
{
    std::vector<SenderTotals> out;
    out.reserve(size_t(stats.accounts.size()));
    for (const api::AccountStats &a : stats.accounts) {
        SenderTotals t;
        t.account = a.account;
        t.acceptedExternal = sum(a.series.value(u"accepted_external"_s));
        t.acceptedLocal = sum(a.series.value(u"accepted_local"_s));
        for (const QString &name : trafficNames().mid(2))
            t.refused += sum(a.series.value(name));
        t.delivered = sum(a.series.value(u"delivered"_s));
        t.deferred = sum(a.series.value(u"deferred"_s));
        t.bounced = sum(a.series.value(u"bounced"_s));
        t.quota = a.quota.isEmpty() ? 0 : a.quota.last();
        out.push_back(std::move(t));
    }
    return out;
}

TopSendersModel::TopSendersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TopSendersModel::setRows(std::vector<SenderTotals> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int TopSendersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopSendersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopSendersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size())
        return {};
    const SenderTotals &t = m_rows[size_t(index.row())];
    if (index.column() == Account)
        return role == Qt::DisplayRole || role == SortRole ? QVariant(t.account) : QVariant();
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    qint64 n = 0;
    switch (index.column()) {
    case AcceptedExternal:
        n = t.acceptedExternal;
        break;
    case AcceptedLocal:
        n = t.acceptedLocal;
        break;
    case Refused:
        n = t.refused;
        break;
    case Delivered:
        n = t.delivered;
        break;
    case Deferred:
        n = t.deferred;
        break;
    case Bounced:
        n = t.bounced;
        break;
    case Quota:
        n = t.quota;
        break;
    default:
        return {};
    }
    if (role == SortRole)
        return n;
    return LanguageManager::locale().toString(n);
}

QVariant TopSendersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Account:
        return tr("Account");
    case AcceptedExternal:
        return tr("External");
    case AcceptedLocal:
        return tr("Local");
    case Refused:
        return tr("Refused");
    case Delivered:
        return tr("Delivered");
    case Deferred:
        return tr("Deferred");
    case Bounced:
        return tr("Bounced");
    case Quota:
        return tr("Daily quota");
    }
    return {};
}

ActivityView::ActivityView(QWidget *parent)
    : RelayView(parent)
    , m_account(new QLineEdit(this))
    , m_days(new QComboBox(this))
    , m_bucket(new QComboBox(this))
    , m_refresh(new QPushButton(this))
    , m_accountLabel(new QLabel(this))
    , m_daysLabel(new QLabel(this))
    , m_bucketLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_topTitle(new QLabel(this))
    , m_trafficChart(new QChart)
    , m_deliveryChart(new QChart)
    , m_trafficView(new QChartView(m_trafficChart, this))
    , m_deliveryView(new QChartView(m_deliveryChart, this))
    , m_traffic(new QStackedBarSeries(this))
    , m_deliveries(new QBarSeries(this))
    , m_quota(new QLineSeries(this))
    , m_trafficX(new QBarCategoryAxis(this))
    , m_deliveryX(new QBarCategoryAxis(this))
    , m_trafficY(new QValueAxis(this))
    , m_deliveryY(new QValueAxis(this))
    , m_topModel(new TopSendersModel(this))
    , m_topProxy(new QSortFilterProxyModel(this))
    , m_topTable(new QTableView(this))
    , m_chartCall(new RelayCall(this))
    , m_topCall(new RelayCall(this))
{
    setObjectName(u"activityView"_s);
    m_account->setObjectName(u"activityAccount"_s);
    m_days->setObjectName(u"activityDays"_s);
    m_bucket->setObjectName(u"activityBucket"_s);
    m_refresh->setObjectName(u"activityRefresh"_s);
    m_status->setObjectName(u"activityStatus"_s);
    m_topTable->setObjectName(u"topSenders"_s);
    m_trafficView->setObjectName(u"trafficChart"_s);
    m_deliveryView->setObjectName(u"deliveryChart"_s);
    m_account->setClearButtonEnabled(true);
    m_account->setMaxLength(254);
    auto *completer = new QCompleter(this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_account->setCompleter(completer);
    for (int d : {1, 7, 30, 90})
        m_days->addItem(QString(), d);
    m_days->setCurrentIndex(1);
    m_bucket->addItem(QString(), u"hour"_s);
    m_bucket->addItem(QString(), u"day"_s);
    m_bucket->setCurrentIndex(1);

    // The charts own their series and axes once added (the parents above are replaced).
    for (const QString &name : trafficNames()) {
        auto *set = new QBarSet(QString());
        set->setObjectName(name);
        m_traffic->append(set);
    }
    for (const QString &name : deliveryNames()) {
        auto *set = new QBarSet(QString());
        set->setObjectName(name);
        m_deliveries->append(set);
    }
    m_trafficChart->addSeries(m_traffic);
    m_trafficChart->addSeries(m_quota);
    m_trafficChart->addAxis(m_trafficX, Qt::AlignBottom);
    m_trafficChart->addAxis(m_trafficY, Qt::AlignLeft);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(m_traffic), static_cast<QAbstractSeries *>(m_quota)}) {
        s->attachAxis(m_trafficX);
        s->attachAxis(m_trafficY);
    }
    m_deliveryChart->addSeries(m_deliveries);
    m_deliveryChart->addAxis(m_deliveryX, Qt::AlignBottom);
    m_deliveryChart->addAxis(m_deliveryY, Qt::AlignLeft);
    m_deliveries->attachAxis(m_deliveryX);
    m_deliveries->attachAxis(m_deliveryY);
    QPen quotaPen(Qt::red);
    quotaPen.setWidth(2);
    quotaPen.setStyle(Qt::DashLine);
    m_quota->setPen(quotaPen);
    for (QChart *c : {m_trafficChart, m_deliveryChart}) {
        c->setLocalizeNumbers(true);
        c->legend()->setAlignment(Qt::AlignRight);
        c->setAnimationOptions(QChart::NoAnimation);
        c->layout()->setContentsMargins(0, 0, 0, 0);
    }
    for (QValueAxis *y : {m_trafficY, m_deliveryY}) {
        y->setLabelFormat(u"%.0f"_s);
        y->setMin(0);
    }
    for (QChartView *v : {m_trafficView, m_deliveryView})
        v->setRenderHint(QPainter::Antialiasing);
    connect(m_traffic, &QAbstractBarSeries::clicked, this,
            [this](int index, QBarSet *) { openBucket(index); });
    connect(m_deliveries, &QAbstractBarSeries::clicked, this,
            [this](int index, QBarSet *) { openBucket(index); });

    m_topProxy->setSourceModel(m_topModel);
    completer->setModel(m_topModel);
    completer->setCompletionColumn(TopSendersModel::Account);
    m_topProxy->setSortRole(TopSendersModel::SortRole);
    m_topProxy->setFilterKeyColumn(TopSendersModel::Account);
    m_topProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_topTable->setModel(m_topProxy);
    m_topTable->setSortingEnabled(true);
    m_topTable->sortByColumn(TopSendersModel::AcceptedExternal, Qt::DescendingOrder);
    m_topTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_topTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_topTable->verticalHeader()->setVisible(false);
    m_topTable->verticalHeader()->setDefaultSectionSize(m_topTable->fontMetrics().height() + 6);
    m_topTable->horizontalHeader()->setStretchLastSection(true);
    m_topTable->setColumnWidth(TopSendersModel::Account, 220);
    connect(m_topTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        showAccount(index.siblingAtColumn(TopSendersModel::Account).data().toString());
    });

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_accountLabel);
    controls->addWidget(m_account, 1);
    controls->addWidget(m_daysLabel);
    controls->addWidget(m_days);
    controls->addWidget(m_bucketLabel);
    controls->addWidget(m_bucket);
    controls->addWidget(m_refresh);
    auto *charts = new QWidget(this);
    auto *chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_trafficView, 3);
    chartsLayout->addWidget(m_deliveryView, 2);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_topTitle);
    topLayout->addWidget(m_topTable);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(top);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &account) { showAccount(account); });
    connect(m_account, &QLineEdit::returnPressed, this,
            [this] { showAccount(m_account->text().trimmed()); });
    const auto rangeChanged = [this] {
        m_bucket->setEnabled(days() <= 7);
        m_topLoaded = false;
        reload();
    };
    connect(m_days, &QComboBox::activated, this, rangeChanged);
    connect(m_bucket, &QComboBox::activated, this, rangeChanged);
    connect(m_refresh, &QPushButton::clicked, this, rangeChanged);
    retranslate();
}

QString ActivityView::account() const
{
    return m_shownAccount;
}

int ActivityView::days() const
{
    return m_days->currentData().toInt();
}

QString ActivityView::bucket() const
{
    return days() > 7 ? u"day"_s : m_bucket->currentData().toString();
}

QBarSet *ActivityView::barSet(const QString &series) const
{
    for (QAbstractBarSeries *s : {static_cast<QAbstractBarSeries *>(m_traffic),
                                  static_cast<QAbstractBarSeries *>(m_deliveries)}) {
        for (QBarSet *set : s->barSets()) {
            if (set->objectName() == series)
                return set;
        }
    }
    return nullptr;
}

void ActivityView::showAccount(const QString &account)
{
    m_shownAccount = account;
    if (m_account->text() != account)
        m_account->setText(account);
    loadChart();
}

void ActivityView::setRange(int days, const QString &bucket)
{
    const int d = m_days->findData(days), b = m_bucket->findData(bucket);
    if (d >= 0)
        m_days->setCurrentIndex(d);
    if (b >= 0)
        m_bucket->setCurrentIndex(b);
    m_bucket->setEnabled(this->days() <= 7);
    m_topLoaded = false;
    reload();
}

void ActivityView::connectionChanged()
{
    m_chartCall->cancel();
    m_topCall->cancel();
    m_status->clear();
    m_topModel->setRows({});
    m_account->clear();
    m_shownAccount.clear();
    m_topLoaded = false;
    clearChart();
    if (isVisible())
        reload();
}

void ActivityView::relayChanged()
{
    if (isVisible() && !m_topLoaded && !m_topCall->isBusy())
        reload(); // the relay came online while the view was showing
}

void ActivityView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_topLoaded && !m_topCall->isBusy())
        reload();
}

void ActivityView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadQueue)) {
        // Not asked at all: the relay would refuse (and audit) every refresh.
        m_status->setText(tr("This relay does not let you see its activity."));
        return;
    }
    if (!m_topLoaded)
        loadTopSenders();
    if (!m_shownAccount.isEmpty())
        loadChart();
}

void ActivityView::loadTopSenders()
{
    if (!isOnline())
        return;
    auto client = connection()->client();
    api::StatsRequest request = rangeRequest(days(), u"day"_s);
    request.totals = true;
    m_status->setText(tr("Loading…"));
    m_topCall->start(
        [&](transport::CancelToken) {
            // Summed where it was parsed, on the transport's thread.
            return client::stats(client, request)
                .then([](const Result<api::StatsResult> &r) -> Result<std::vector<SenderTotals>> {
                    if (!r)
                        return r.error();
                    return senderTotals(r.value());
                });
        },
        [this](Result<std::vector<SenderTotals>> &&r) {
            if (!r) {
                m_status->setText(client::errorText(r.error()));
                return;
            }
            m_topLoaded = true;
            m_topModel->setRows(std::move(r).value());
            m_status->setText(tr("%n account(s)", nullptr, m_topModel->rowCount()));
            emit topSendersLoaded();
            if (m_shownAccount.isEmpty() && m_topProxy->rowCount() > 0)
                showAccount(m_topProxy->index(0, 0).data().toString());
        });
}

void ActivityView::loadChart()
{
    if (!isOnline() || m_shownAccount.isEmpty())
        return;
    auto client = connection()->client();
    api::StatsRequest request = rangeRequest(days(), bucket());
    request.accounts = {m_shownAccount};
    m_status->setText(tr("Loading %1…").arg(m_shownAccount));
    m_chartCall->start([&](transport::CancelToken) { return client::stats(client, request); },
                       [this](Result<api::StatsResult> &&r) {
                           if (!r) {
                               m_status->setText(client::errorText(r.error()));
                               return;
                           }
                           fillChart(r.value());
                           emit chartLoaded();
                       });
}

// Replaces the series' sets by new ones holding `values` (by set name): QtCharts lays a series
// out again after every change of it, so one append of every set in one call, where filling (or
// emptying) a set at a time laid it out eleven times (bench/run activity: 130-190 ms stalls).
void ActivityView::refill(QAbstractBarSeries *series, const QStringList &names,
                          const QHash<QString, QList<qreal>> &values)
{
    QList<QBarSet *> sets;
    sets.reserve(names.size());
    for (const QString &name : names) {
        auto *set = new QBarSet(seriesLabel(name));
        set->setObjectName(name);
        set->append(values.value(name));
        sets.append(set);
    }
    series->clear();
    series->append(sets);
}

void ActivityView::clearChart()
{
    m_starts.clear();
    refill(m_traffic, trafficNames(), {});
    refill(m_deliveries, deliveryNames(), {});
    m_quota->clear();
    m_trafficX->clear();
    m_deliveryX->clear();
}

void ActivityView::fillChart(const api::StatsResult &stats)
{
    // Replaced, not emptied first: every change is a layout of the chart (see refill).
    const api::AccountStats *a = nullptr;
    for (const api::AccountStats &s : stats.accounts) {
        if (s.account.compare(m_shownAccount, Qt::CaseInsensitive) == 0)
            a = &s;
    }
    if (!a) {
        clearChart();
        // A partner asking for another's account gets nothing: the relay leaves it out.
        m_status->setText(tr("No activity of %1 on this relay.").arg(m_shownAccount));
        return;
    }
    m_starts = stats.starts;
    const qsizetype n = m_starts.size();
    qint64 top = 1, topDelivery = 1;
    QList<qint64> stacked(n, 0);
    QHash<QString, QList<qreal>> traffic, deliveries;
    for (const QString &name : trafficNames()) {
        const QList<qint64> values = a->series.value(name);
        QList<qreal> &bars = traffic[name];
        bars.resize(n, 0);
        for (qsizetype i = 0; i < n; ++i) {
            bars[i] = qreal(values.value(i));
            stacked[i] += values.value(i);
        }
    }
    for (qint64 s : stacked)
        top = std::max(top, s);
    for (const QString &name : deliveryNames()) {
        const QList<qint64> values = a->series.value(name);
        QList<qreal> &bars = deliveries[name];
        bars.resize(n, 0);
        for (qsizetype i = 0; i < n; ++i) {
            bars[i] = qreal(values.value(i));
            topDelivery = std::max(topDelivery, values.value(i));
        }
    }
    // The quota is a day's: drawn against daily bars only (beside hourly ones it would flatten
    // them).
    if (stats.bucket == u"day"_s) {
        QList<QPointF> points;
        for (qsizetype i = 0; i < n; ++i) {
            points.append(QPointF(qreal(i), qreal(a->quota.value(i))));
            top = std::max(top, a->quota.value(i));
        }
        m_quota->replace(points);
    } else {
        m_quota->clear();
    }
    m_quota->setVisible(stats.bucket == u"day"_s);
    m_trafficY->setRange(0, qreal(top) * 1.1);
    m_deliveryY->setRange(0, qreal(topDelivery) * 1.1);
    relabel();
    refill(m_traffic, trafficNames(), traffic);
    refill(m_deliveries, deliveryNames(), deliveries);
    m_status->setText(
        tr("%1: %2 accepted, %3 refused, %4 delivered, %5 deferred, %6 bounced")
            .arg(
                m_shownAccount,
                LanguageManager::locale().toString(sum(a->series.value(u"accepted_external"_s)) +
                                                   sum(a->series.value(u"accepted_local"_s))),
                LanguageManager::locale().toString(std::accumulate(
                    trafficNames().cbegin() + 2, trafficNames().cend(), qint64(0),
                    [&](qint64 t, const QString &name) { return t + sum(a->series.value(name)); })),
                LanguageManager::locale().toString(sum(a->series.value(u"delivered"_s))),
                LanguageManager::locale().toString(sum(a->series.value(u"deferred"_s))),
                LanguageManager::locale().toString(sum(a->series.value(u"bounced"_s)))));
}

// The categories in the language's date format (local time): a new language or a new answer.
void ActivityView::relabel()
{
    const QLocale locale = LanguageManager::locale();
    const bool hours =
        bucket() == u"hour"_s && m_starts.size() > 1 && m_starts[1] - m_starts[0] == 3600;
    QStringList categories;
    categories.reserve(m_starts.size());
    for (qint64 start : m_starts) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(start, Qt::UTC).toLocalTime();
        // Categories must differ: an hour carries its day.
        categories.append(
            hours ? locale.toString(t, u"%1 HH:mm"_s.arg(locale.dateFormat(QLocale::ShortFormat)))
                  : locale.toString(t.date(), QLocale::ShortFormat));
    }
    for (QBarCategoryAxis *x : {m_trafficX, m_deliveryX}) {
        // 90 days of hours are 2160 labels: the bars stay, the labels would be a smear.
        x->setLabelsVisible(categories.size() <= 100);
        x->setLabelsAngle(categories.size() > 14 ? -90 : 0);
        // QtCharts measures every label's text again when the categories are set (tens of ms
        // for 90 or 168): another account over the same days keeps them.
        if (x->categories() != categories)
            x->setCategories(categories);
    }
    for (QChart *c : {m_trafficChart, m_deliveryChart})
        c->setLocale(locale);
}

void ActivityView::openBucket(int index)
{
    if (index < 0 || index >= m_starts.size() || m_shownAccount.isEmpty() || !connection())
        return;
    const qint64 len = m_starts.size() > 1     ? m_starts[1] - m_starts[0]
                       : bucket() == u"hour"_s ? 3600
                                               : 86400;
    const QDateTime from = QDateTime::fromSecsSinceEpoch(m_starts[index], Qt::UTC);
    emit traceRequested(connection(), m_shownAccount, from, from.addSecs(len));
}

void ActivityView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ActivityView::retranslate()
{
    m_accountLabel->setText(tr("Account:"));
    m_daysLabel->setText(tr("Last:"));
    m_bucketLabel->setText(tr("Bars per:"));
    m_days->setItemText(0, tr("1 day"));
    m_days->setItemText(1, tr("7 days"));
    m_days->setItemText(2, tr("30 days"));
    m_days->setItemText(3, tr("90 days"));
    m_bucket->setItemText(0, tr("hour"));
    m_bucket->setItemText(1, tr("day"));
    m_refresh->setText(tr("Refresh"));
    m_topTitle->setText(tr("Top senders of the relay (double-click: its charts)"));
    m_trafficChart->setTitle(tr("Accepted and refused (click a bar: its trace)"));
    m_deliveryChart->setTitle(tr("Delivery attempts"));
    for (QBarSet *set : m_traffic->barSets())
        set->setLabel(seriesLabel(set->objectName()));
    for (QBarSet *set : m_deliveries->barSets())
        set->setLabel(seriesLabel(set->objectName()));
    m_quota->setName(tr("Daily quota"));
    m_account->setPlaceholderText(tr("account"));
    m_trafficY->setTitleText(tr("recipients"));
    m_deliveryY->setTitleText(tr("attempts"));
    relabel();
}

} // namespace staffetta::ui
