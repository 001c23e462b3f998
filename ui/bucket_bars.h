#pragma once

#include <QColor>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

class QAbstractAxis;
class QAreaSeries;
class QChart;
class QValueAxis;

namespace staffetta::ui {

// Stacked bars of one value per series and bucket in a QChart, bucket i spanning x in
// [i, i + 1], the first series at the bottom.
//
// Each series is one QAreaSeries whose outline runs over all of its bars, so a chart is one
// graphics item per series whatever the number of buckets. QtCharts' bar series make an item
// per bar and lay them all out again on every change: 90 days of 11 series stalled the window
// for 80-110 ms (bench/run activity, 2026-12-03), 90 days of hours for 5.9 s.
class BucketBars : public QObject
{
    Q_OBJECT
public:
    // Adds one area series per name (in the legend's order) to `chart`, on the axes given; the
    // y axis' range is the bars'.
    BucketBars(QChart *chart, const QStringList &names, QAbstractAxis *x, QValueAxis *y,
               QObject *parent = nullptr);

    // Replaces every series' bars: values[name][i] for i < buckets (missing values are 0). The
    // y axis goes from 0 to a tenth over the highest column or `minTop`, set before the bars
    // (each change of an axis maps every point drawn again). Columns of several buckets (see
    // MaxColumns) start where (phase + i) is a multiple of their run: an hour of the day for
    // hours, so that a column of 12 hours is 00:00-12:00 whichever hour the window starts.
    void setValues(qsizetype buckets, const QHash<QString, QList<qreal>> &values, qreal minTop = 1,
                   qsizetype phase = 0);
    // No bars: before the x axis changes, so that it has no points to map.
    void clear();
    qsizetype buckets() const { return m_buckets; }
    // The bars of one series as drawn, read back from its outline at the middle of each bucket:
    // their heights, and where they start (the top of the series below).
    QList<qreal> drawn(const QString &name) const;
    QList<qreal> drawnBase(const QString &name) const;
    // The value one series' column that holds bucket i is drawn at (its highest bucket).
    qreal columnValue(const QString &name, qsizetype i) const;
    // The highest column.
    qreal top() const { return m_top; }
    // Bars this many or fewer are drawn apart, with a gap (more are a few pixels wide: they
    // touch, and the chart is drawn without antialiasing).
    static constexpr qsizetype MaxSpaced = 100;
    // About this many columns at most: more buckets (30 or 90 days of hours) are drawn in runs
    // of 4, 12… whose column shows each series' highest bucket of the run, so that no spike is
    // lost. QPainter fills an outline in a time that grows with the square of its steps (scan
    // lines crossing them): the whole window painted in 7 ms with 90 columns of 90 days of
    // hours, 30-40 ms with 360 (bench/run activity, 2026-12-04).
    static constexpr qsizetype MaxColumns = 180;
    // The buckets a drawn column spans (1 up to MaxColumns buckets).
    qsizetype run() const { return m_run; }
    // The first bucket of the column that holds bucket i, and the bucket after its last.
    std::pair<qsizetype, qsizetype> column(qsizetype i) const;

    QAreaSeries *series(const QString &name) const { return m_series.value(name); }
    const QStringList &names() const { return m_names; }
    void setLabel(const QString &name, const QString &label);
    void setColor(const QString &name, const QColor &color);

signals:
    // A click on a bar: the buckets of its column (one, up to MaxColumns buckets).
    void clicked(int first, int count);

private:
    QList<qreal> heightsAt(const QString &name, bool base) const;
    qsizetype columnIndex(qsizetype i) const;

    QStringList m_names;
    QValueAxis *m_y;
    QHash<QString, QAreaSeries *> m_series;
    QHash<QString, QList<qreal>> m_columnValues; // per series, per column
    qsizetype m_buckets = 0;
    qsizetype m_run = 1;
    QList<qsizetype> m_columnStarts; // the first bucket of each column
    qreal m_top = 0;
};

} // namespace staffetta::ui
