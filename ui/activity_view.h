#pragma once

#include "api/stats.h"
#include "relay_view.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QLocale>

#include <vector>

class QCategoryAxis;
class QChart;
class QChartView;
class QComboBox;
class QLineEdit;
class QLabel;
class QLineSeries;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QValueAxis;

namespace staffetta::ui {

class BucketBars;
class RelayCall;

// One account's totals over the top-senders window.
struct SenderTotals
{
    QString account;
    qint64 acceptedExternal = 0, acceptedLocal = 0, refused = 0;
    qint64 delivered = 0, deferred = 0, bounced = 0;
    qint64 quota = 0; // the daily quota in force on the window's last day
};

// The x axis' labelled ranges for buckets starting at `starts` (UTC seconds, hours or days): a
// dozen at most, each a run of buckets that starts on a round local time (every 2, 3, 6 or 12
// hours, a day, a week from Monday…), labelled with its start; a run at either end too short
// for its label has none. Labels differ (QCategoryAxis names its ranges by them).
struct AxisRuns
{
    QStringList labels;
    QList<qreal> ends; // the bucket after each run's last
    bool operator==(const AxisRuns &) const = default;
};
AxisRuns axisRuns(const QList<qint64> &starts, bool hours, const QLocale &locale);

// Sums a stats answer per account (on a worker thread: 10 000 accounts are a few ms).
std::vector<SenderTotals> senderTotals(const api::StatsResult &stats);

// The relay's accounts by what they sent: one row per account, sorted by its proxy on the
// raw numbers (SortRole).
class TopSendersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Account,
        AcceptedExternal,
        AcceptedLocal,
        Refused,
        Delivered,
        Deferred,
        Bounced,
        Quota,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit TopSendersModel(QObject *parent = nullptr);
    void setRows(std::vector<SenderTotals> rows);
    const SenderTotals &row(int i) const { return m_rows.at(size_t(i)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<SenderTotals> m_rows;
};

// The Activity view: one account's traffic per hour or day for the last 1, 7, 30 or 90 days
// (accepted and refused by reason as stacked bars with the daily quota as a line; the delivery
// attempts, delivered, deferred and bounced, stacked below) and the relay's top senders over
// the same days. Every answer is loaded and summed off the UI thread. Clicking a bar asks for
// the trace of that hour (or day); hovering it shows its numbers.
class ActivityView : public RelayView
{
    Q_OBJECT
public:
    explicit ActivityView(QWidget *parent = nullptr);

    QChart *trafficChart() const { return m_trafficChart; }
    QChart *deliveryChart() const { return m_deliveryChart; }
    BucketBars *trafficBars() const { return m_traffic; }
    BucketBars *deliveryBars() const { return m_deliveries; }
    QLineSeries *quotaSeries() const { return m_quota; }
    QCategoryAxis *trafficAxis() const { return m_trafficX; }
    // The bars drawn for one stats series ("accepted_external", "deferred"…), one per bucket.
    QList<qreal> bars(const QString &series) const;
    // Its name in the legend.
    QString seriesName(const QString &series) const;
    TopSendersModel *topSenders() const { return m_topModel; }
    QSortFilterProxyModel *topSendersProxy() const { return m_topProxy; }
    QTableView *topSendersTable() const { return m_topTable; }
    QLineEdit *accountEdit() const { return m_account; }
    QComboBox *daysBox() const { return m_days; }
    QComboBox *bucketBox() const { return m_bucket; }
    QString account() const;
    int days() const;
    // "hour" or "day", for any of the days (90 days of hours are 2160 bars a series).
    QString bucket() const;
    // The buckets' starts of the chart shown (UTC seconds).
    const QList<qint64> &starts() const { return m_starts; }

    // The charts of `account` (the top senders are reloaded only when the range changes).
    void showAccount(const QString &account);
    void setRange(int days, const QString &bucket);
    void reload();
    // The trace of `count` buckets from `first` (a click on a bar's column).
    void openBuckets(int first, int count);
    // The tooltip at `pos` of one of the charts' views: the numbers of the bucket under it.
    QString tipAt(const QChartView *view, const QPoint &pos) const;

signals:
    void chartLoaded();
    void topSendersLoaded();
    // The user clicked a bar: the trace of `account` in [from, to).
    void traceRequested(RelayConnection *relay, const QString &account, const QDateTime &from,
                        const QDateTime &to);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void loadChart();
    void loadTopSenders();
    void fillChart(const api::StatsResult &stats);
    void clearChart();
    void relabel();
    qint64 bucketSeconds() const; // of the chart shown
    bool hourly() const;
    const BucketBars *barsOf(const QString &series) const;
    void retitle();

    QLineEdit *m_account; // completes from the top senders' model (10 000 rows: no copy)
    QComboBox *m_days;
    QComboBox *m_bucket;
    QPushButton *m_refresh;
    QLabel *m_accountLabel;
    QLabel *m_daysLabel;
    QLabel *m_bucketLabel;
    QLabel *m_status;
    QLabel *m_topTitle;
    QChart *m_trafficChart;
    QChart *m_deliveryChart;
    QChartView *m_trafficView;
    QChartView *m_deliveryView;
    BucketBars *m_traffic = nullptr;    // accepted and refused, stacked
    BucketBars *m_deliveries = nullptr; // delivered, deferred and bounced, stacked
    QLineSeries *m_quota;
    QCategoryAxis *m_trafficX;
    QCategoryAxis *m_deliveryX;
    QValueAxis *m_trafficY;
    QValueAxis *m_deliveryY;
    TopSendersModel *m_topModel;
    QSortFilterProxyModel *m_topProxy;
    QTableView *m_topTable;
    RelayCall *m_chartCall;
    RelayCall *m_topCall;
    QList<qint64> m_starts;
    AxisRuns m_runs; // the x axes' labels
    QString m_shownAccount;
    bool m_topLoaded = false;
};

} // namespace staffetta::ui
