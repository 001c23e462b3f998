#include "activity_view.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "language.h"
#include "relay_call.h"
#include "relay_connection.h"

#include "bucket_bars.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QToolTip>
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

// Accepted in blues, each refusal its own warm or muted colour, deliveries green, amber and red:
// the theme's five colours would repeat among nine series.
QColor seriesColor(const QString &name)
{
    static const QHash<QString, QColor> colors{{u"accepted_external"_s, QColor(0x1f, 0x77, 0xb4)},
                                               {u"accepted_local"_s, QColor(0x9e, 0xc5, 0xe8)},
                                               {u"rejected_quota"_s, QColor(0xd6, 0x27, 0x28)},
                                               {u"rejected_sender"_s, QColor(0xff, 0x7f, 0x0e)},
                                               {u"rejected_blacklist"_s, QColor(0x8c, 0x56, 0x4b)},
                                               {u"rejected_recipients"_s, QColor(0xe3, 0x77, 0xc2)},
                                               {u"rejected_size"_s, QColor(0x94, 0x67, 0xbd)},
                                               {u"rejected_attachment"_s, QColor(0xbc, 0xbd, 0x22)},
                                               {u"rejected_suspended"_s, QColor(0x7f, 0x7f, 0x7f)},
                                               {u"delivered"_s, QColor(0x2c, 0xa0, 0x2c)},
                                               {u"deferred"_s, QColor(0xf0, 0xa8, 0x1a)},
                                               {u"bounced"_s, QColor(0xd6, 0x27, 0x28)}};
    return colors.value(name);
}

// The locale's short date without its year ("dd/MM", "M/d", "MM-dd"): the axis' labels fit
// under their runs (the tooltip gives the whole date).
QString dayMonthFormat(const QLocale &locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression yearLast(u"[^dMy]+y+$"_s), yearFirst(u"^y+[^dMy]+"_s),
        year(u"y+"_s);
    for (const QRegularExpression *re : {&yearLast, &yearFirst, &year}) {
        if (format.contains(*re))
            return format.remove(*re);
    }
    return format;
}

// The local time of each start, in seconds since the epoch (the zone's transitions in the
// range, where a conversion per bucket was 15 ms for 2160).
QList<qint64> localStarts(const QList<qint64> &starts)
{
    QList<qint64> out(starts.size());
    if (starts.isEmpty())
        return out;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDateTime from = QDateTime::fromSecsSinceEpoch(starts.first(), Qt::UTC);
    const QTimeZone::OffsetDataList changes =
        zone.transitions(from, QDateTime::fromSecsSinceEpoch(starts.last(), Qt::UTC));
    qint64 offset = zone.offsetFromUtc(from);
    qsizetype change = 0;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        while (change < changes.size() && changes[change].atUtc.toSecsSinceEpoch() <= starts[i])
            offset = changes[change++].offsetFromUtc;
        out[i] = starts[i] + offset;
    }
    return out;
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

AxisRuns axisRuns(const QList<qint64> &starts, bool hours, const QLocale &locale)
{
    constexpr qsizetype MaxLabels = 12;
    const qsizetype n = starts.size();
    const qint64 len = hours ? 3600 : 86400;
    static const QList<qint64> hourRuns{1, 2, 3, 6, 12, 24, 48, 168, 336, 672};
    static const QList<qint64> dayRuns{1, 2, 7, 14, 28, 56, 112};
    qint64 run = 1;
    for (qint64 r : hours ? hourRuns : dayRuns) {
        run = r;
        if ((n + r - 1) / r <= MaxLabels)
            break;
    }
    const bool dates = !hours || run >= 24;
    const QString day = dayMonthFormat(locale);
    const QString format = dates ? day : n > 24 ? u"%1 HH:mm"_s.arg(day) : u"HH:mm"_s;
    // Runs are counted from a Monday (1970-01-05) in local time.
    const QList<qint64> local = localStarts(starts);
    QList<qsizetype> firsts;
    for (qsizetype i = 0; i < n; ++i) {
        const auto runOf = [&](qsizetype j) {
            return (local[j] - 4 * 86400) / (run * len);
        };
        if (i == 0 || runOf(i) != runOf(i - 1))
            firsts.append(i);
    }
    AxisRuns out;
    for (qsizetype k = 0; k < firsts.size(); ++k) {
        const qsizetype first = firsts[k], end = k + 1 < firsts.size() ? firsts[k + 1] : n;
        QString label = locale.toString(
            QDateTime::fromSecsSinceEpoch(starts[first], Qt::UTC).toLocalTime(), format);
        // A run at either end of half its length or less has no label (it would overlap).
        if ((end - first) * 2 <= run && run > 1 && (k == 0 || k + 1 == firsts.size()))
            label.clear();
        // Labels must differ: QCategoryAxis names its ranges by them and drops a repeated one
        // (an hour of a day that is 23 or 25 hours long, an empty label at both ends).
        while (out.labels.contains(label))
            label += QChar(0x200B); // zero width space
        out.labels.append(label);
        out.ends.append(qreal(end));
    }
    return out;
}

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
    , m_quota(new QLineSeries(this))
    , m_trafficX(new QCategoryAxis(this))
    , m_deliveryX(new QCategoryAxis(this))
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
    m_trafficChart->addAxis(m_trafficX, Qt::AlignBottom);
    m_trafficChart->addAxis(m_trafficY, Qt::AlignLeft);
    m_deliveryChart->addAxis(m_deliveryX, Qt::AlignBottom);
    m_deliveryChart->addAxis(m_deliveryY, Qt::AlignLeft);
    m_traffic = new BucketBars(m_trafficChart, trafficNames(), m_trafficX, m_trafficY, this);
    m_deliveries = new BucketBars(m_deliveryChart, deliveryNames(), m_deliveryX, m_deliveryY, this);
    for (BucketBars *bars : {m_traffic, m_deliveries}) {
        for (const QString &name : bars->names())
            bars->setColor(name, seriesColor(name));
        connect(bars, &BucketBars::clicked, this, &ActivityView::openBuckets);
    }
    // After the bars: series of a chart are painted in the order they were added.
    m_trafficChart->addSeries(m_quota);
    m_quota->attachAxis(m_trafficX);
    m_quota->attachAxis(m_trafficY);
    for (QChartView *v : {m_trafficView, m_deliveryView}) {
        v->viewport()->setMouseTracking(true);
        v->viewport()->installEventFilter(this);
    }
    QPen quotaPen(QColor(0x30, 0x30, 0x30));
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
    for (QCategoryAxis *x : {m_trafficX, m_deliveryX}) {
        x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
        x->setStartValue(0);
        x->setRange(0, 1);
    }

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
    // Room for the y axis' labels and title and three legend lines (else QtCharts elides them).
    m_deliveryView->setMinimumHeight(fontMetrics().height() * 10);
    m_trafficView->setMinimumHeight(fontMetrics().height() * 12);
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
    return m_bucket->currentData().toString();
}

const BucketBars *ActivityView::barsOf(const QString &series) const
{
    return trafficNames().contains(series) ? m_traffic : m_deliveries;
}

QList<qreal> ActivityView::bars(const QString &series) const
{
    return barsOf(series)->drawn(series);
}

QString ActivityView::seriesName(const QString &series) const
{
    const QAreaSeries *area = barsOf(series)->series(series);
    return area ? area->name() : QString();
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

void ActivityView::clearChart()
{
    m_starts.clear();
    m_traffic->clear();
    m_deliveries->clear();
    m_quota->clear();
    relabel();
    m_traffic->setValues(0, {});
    m_deliveries->setValues(0, {});
}

void ActivityView::fillChart(const api::StatsResult &stats)
{
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
    QHash<QString, QList<qreal>> traffic, deliveries;
    const auto values = [&](const QString &name) {
        QList<qreal> out(n, 0);
        const QList<qint64> v = a->series.value(name);
        for (qsizetype i = 0; i < n && i < v.size(); ++i)
            out[i] = qreal(v[i]);
        return out;
    };
    for (const QString &name : trafficNames())
        traffic.insert(name, values(name));
    for (const QString &name : deliveryNames())
        deliveries.insert(name, values(name));
    // The old bars go before the axes change (each change maps every point drawn again).
    m_traffic->clear();
    m_deliveries->clear();
    relabel();
    // The quota is a day's: drawn against daily bars only (beside hourly ones it would flatten
    // them), through the middle of each day's bar.
    qreal quotaTop = 1;
    if (stats.bucket == u"day"_s) {
        QList<QPointF> points;
        for (qsizetype i = 0; i < n; ++i) {
            points.append(QPointF(qreal(i) + 0.5, qreal(a->quota.value(i))));
            quotaTop = std::max(quotaTop, qreal(a->quota.value(i)));
        }
        m_quota->replace(points);
    } else {
        m_quota->clear();
    }
    m_quota->setVisible(stats.bucket == u"day"_s);
    retitle();
    // Columns of several hours start on the hour of the day that is a multiple of their run.
    const qsizetype phase =
        n > 0 && hourly() ? (localStarts({m_starts[0]}).first() / 3600) % 24 : 0;
    m_traffic->setValues(n, traffic, quotaTop, phase);
    m_deliveries->setValues(n, deliveries, 1, phase);
    // Antialiasing smooths the edges of spaced bars; touching ones are crisper without, and
    // filling 2160 of them antialiased costs 3x more (bench/run activity).
    for (QChartView *v : {m_trafficView, m_deliveryView})
        v->setRenderHint(QPainter::Antialiasing, n <= BucketBars::MaxSpaced);
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

// The quota line is named in the title: the legend's ten entries of bars fill its height.
void ActivityView::retitle()
{
    // (QtCharts shows a series' marker again whenever the series is shown.)
    for (QLegendMarker *marker : m_trafficChart->legend()->markers(m_quota))
        marker->setVisible(false);
    m_trafficChart->setTitle(
        m_quota->isVisible()
            ? tr("Accepted and refused, the daily quota dashed (click a bar: its trace)")
            : tr("Accepted and refused (click a bar: its trace)"));
}

qint64 ActivityView::bucketSeconds() const
{
    return m_starts.size() > 1 ? m_starts[1] - m_starts[0] : bucket() == u"hour"_s ? 3600 : 86400;
}

bool ActivityView::hourly() const
{
    return bucketSeconds() == 3600;
}

// The x axes' runs in the language's date format (local time): a new language or a new answer.
void ActivityView::relabel()
{
    const QLocale locale = LanguageManager::locale();
    const AxisRuns runs = axisRuns(m_starts, hourly(), locale);
    // Another account over the same buckets keeps them (each label is measured again).
    if (runs != m_runs) {
        for (QCategoryAxis *x : {m_trafficX, m_deliveryX}) {
            for (const QString &label : x->categoriesLabels())
                x->remove(label);
            for (qsizetype i = 0; i < runs.labels.size(); ++i)
                x->append(runs.labels[i], runs.ends[i]);
            x->setRange(0, std::max<qreal>(1, qreal(m_starts.size())));
        }
        m_runs = runs;
    }
    for (QChart *c : {m_trafficChart, m_deliveryChart})
        c->setLocale(locale);
}

QString ActivityView::tipAt(const QChartView *view, const QPoint &pos) const
{
    const BucketBars *bars = view == m_trafficView    ? m_traffic
                             : view == m_deliveryView ? m_deliveries
                                                      : nullptr;
    if (!bars || bars->buckets() == 0)
        return {};
    QChart *chart = view->chart();
    const QPointF at = chart->mapFromScene(view->mapToScene(pos));
    if (!chart->plotArea().contains(at))
        return {};
    const qreal x = chart->mapToValue(at, bars->series(bars->names().first())).x();
    const qsizetype bucket = qsizetype(std::floor(x));
    if (bucket < 0 || bucket >= m_starts.size() || bucket >= bars->buckets())
        return {};
    // The column under the pointer: a bucket, or a run of hours drawn as their highest.
    const auto [first, end] = bars->column(bucket);
    const QLocale locale = LanguageManager::locale();
    const auto local = [&](qsizetype i) {
        return QDateTime::fromSecsSinceEpoch(m_starts[i], Qt::UTC).toLocalTime();
    };
    QStringList lines{
        !hourly() ? locale.toString(local(first).date(), QLocale::LongFormat)
        : end - first == 1
            ? locale.toString(local(first), QLocale::ShortFormat)
            : u"%1 – %2"_s.arg(locale.toString(local(first), QLocale::ShortFormat),
                               locale.toString(local(end - 1).addSecs(3600),
                                               locale.timeFormat(QLocale::ShortFormat)))};
    for (const QString &name : bars->names()) {
        if (const qreal v = bars->columnValue(name, bucket); v > 0)
            lines.append(tr("%1: %2").arg(seriesLabel(name), locale.toString(qint64(v))));
    }
    if (lines.size() == 1)
        lines.append(tr("nothing"));
    if (end - first > 1)
        lines.append(tr("(each series' highest hour of these %n)", nullptr, int(end - first)));
    return lines.join(u'\n');
}

// The numbers of the bucket under the pointer, every series of its chart.
bool ActivityView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseMove || event->type() == QEvent::Leave) {
        for (QChartView *v : {m_trafficView, m_deliveryView}) {
            if (watched != v->viewport())
                continue;
            const QString tip =
                event->type() == QEvent::MouseMove
                    ? tipAt(v, static_cast<QMouseEvent *>(event)->position().toPoint())
                    : QString();
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(QCursor::pos(), tip, v);
        }
    }
    return RelayView::eventFilter(watched, event);
}

void ActivityView::openBuckets(int first, int count)
{
    const int last = first + count - 1;
    if (first < 0 || count < 1 || last >= m_starts.size() || m_shownAccount.isEmpty() ||
        !connection())
        return;
    emit traceRequested(connection(), m_shownAccount,
                        QDateTime::fromSecsSinceEpoch(m_starts[first], Qt::UTC),
                        QDateTime::fromSecsSinceEpoch(m_starts[last] + bucketSeconds(), Qt::UTC));
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
    retitle();
    m_deliveryChart->setTitle(tr("Delivery attempts"));
    for (BucketBars *bars : {m_traffic, m_deliveries}) {
        for (const QString &name : bars->names())
            bars->setLabel(name, seriesLabel(name));
    }
    m_quota->setName(tr("Daily quota"));
    m_account->setPlaceholderText(tr("account"));
    m_trafficY->setTitleText(tr("recipients"));
    m_deliveryY->setTitleText(tr("attempts"));
    relabel();
}

} // namespace staffetta::ui
