#include "bucket_bars.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <cmath>

namespace staffetta::ui {

namespace {

int bucketAt(const QPointF &p, qsizetype buckets)
{
    return int(std::clamp<qreal>(std::floor(p.x()), 0, qreal(std::max<qsizetype>(buckets - 1, 0))));
}

// The height of a polyline (points by x) at x, walking on from *at (calls by increasing x).
qreal heightAt(const QList<QPointF> &line, qreal x, qsizetype *at)
{
    while (*at + 1 < line.size() && line[*at + 1].x() < x)
        ++*at;
    if (*at + 1 >= line.size())
        return 0;
    const QPointF a = line[*at], b = line[*at + 1];
    if (b.x() <= a.x() || x < a.x())
        return 0;
    return a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x());
}

// The smallest of 1, 2, 5, 10, 20, 50… that is at least x.
qreal roundStep(qreal x)
{
    qreal step = 1;
    for (int k = 0; step < x; ++k)
        step *= k % 3 == 1 ? 2.5 : 2;
    return step;
}

} // namespace

BucketBars::BucketBars(QChart *chart, const QStringList &names, QAbstractAxis *x, QValueAxis *y,
                       QObject *parent)
    : QObject(parent)
    , m_names(names)
    , m_y(y)
{
    m_y->setRange(0, 1.1);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(1);
    m_y->setTickType(QValueAxis::TicksDynamic);
    for (const QString &name : names) {
        auto *area = new QAreaSeries;
        area->setObjectName(name);
        area->setUpperSeries(new QLineSeries(area));
        area->setLowerSeries(new QLineSeries(area));
        chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        // No outline: it would trace the zero-height runs too.
        area->setPen(Qt::NoPen);
        connect(area, &QAreaSeries::clicked, this, [this](const QPointF &p) {
            const auto [first, end] = column(bucketAt(p, m_buckets));
            emit clicked(int(first), int(end - first));
        });
        m_series.insert(name, area);
    }
}

void BucketBars::clear()
{
    for (QAreaSeries *area : std::as_const(m_series)) {
        area->upperSeries()->clear();
        area->lowerSeries()->clear();
    }
}

void BucketBars::setValues(qsizetype buckets, const QHash<QString, QList<qreal>> &values,
                           qreal minTop, qsizetype phase)
{
    m_buckets = buckets;
    m_columnValues.clear();
    m_top = 0;
    m_run = std::max<qsizetype>(1, (buckets + MaxColumns - 1) / MaxColumns);
    m_columnStarts.clear();
    for (qsizetype i = 0; i < buckets; ++i) {
        if (i == 0 || (std::max<qsizetype>(phase, 0) + i) % m_run == 0)
            m_columnStarts.append(i);
    }
    const qsizetype columns = m_columnStarts.size();
    const bool spaced = buckets <= MaxSpaced;
    constexpr qreal Gap = 0.15; // each side of a spaced bar, as a share of its bucket
    QList<qreal> base(columns, 0);
    QList<QList<QPointF>> uppers, lowers;
    for (const QString &name : m_names) {
        const QList<qreal> v = values.value(name);
        QList<qreal> &drawnValues = m_columnValues[name];
        drawnValues.resize(columns);
        QList<QPointF> upper, lower;
        upper.reserve(columns * (spaced ? 4 : 2));
        lower.reserve(columns * (spaced ? 4 : 2));
        for (qsizetype c = 0; c < columns; ++c) {
            const qsizetype first = m_columnStarts[c],
                            end = c + 1 < columns ? m_columnStarts[c + 1] : buckets;
            qreal value = 0;
            for (qsizetype i = first; i < end; ++i)
                value = std::max(value, v.value(i));
            drawnValues[c] = value;
            const qreal lo = base[c], hi = lo + value;
            if (spaced) {
                // A box on the series below; between boxes both lines run together (no area).
                // An empty bar is left out.
                if (hi > lo) {
                    const qreal x0 = qreal(first) + Gap, x1 = qreal(end) - Gap;
                    upper << QPointF(x0, lo) << QPointF(x0, hi) << QPointF(x1, hi)
                          << QPointF(x1, lo);
                    lower << QPointF(x0, lo) << QPointF(x1, lo);
                }
            } else {
                // Steps: only where a value changes does the outline go up or down. (A box per
                // bar from the axis up makes every scan line cross thousands of edges: 200 ms a
                // series for 2160 bars.)
                upper << QPointF(qreal(first), hi) << QPointF(qreal(end), hi);
                lower << QPointF(qreal(first), lo) << QPointF(qreal(end), lo);
            }
            base[c] = hi;
            m_top = std::max(m_top, hi);
        }
        uppers.append(upper);
        lowers.append(lower);
    }
    const qreal top = std::max(minTop, m_top) * 1.1;
    if (m_y->min() != 0 || m_y->max() != top) {
        clear();
        // Ticks at whole, round counts (1, 2, 5, 10, 20…), about five of them. The range and
        // the interval change in the order that never has more ticks than either end (the old
        // range at a tenth of its interval was thousands of ticks laid out: 120 ms).
        const qreal step = roundStep(top / 5);
        if (step > m_y->tickInterval()) {
            m_y->setTickInterval(step);
            m_y->setRange(0, top);
        } else {
            m_y->setRange(0, top);
            m_y->setTickInterval(step);
        }
    }
    for (qsizetype k = 0; k < m_names.size(); ++k) {
        QAreaSeries *area = m_series.value(m_names[k]);
        area->upperSeries()->replace(uppers[k]);
        area->lowerSeries()->replace(lowers[k]);
    }
}

qsizetype BucketBars::columnIndex(qsizetype i) const
{
    return qsizetype(std::upper_bound(m_columnStarts.cbegin(), m_columnStarts.cend(), i) -
                     m_columnStarts.cbegin()) -
           1;
}

std::pair<qsizetype, qsizetype> BucketBars::column(qsizetype i) const
{
    const qsizetype c = columnIndex(i);
    if (c < 0)
        return {i, i + 1};
    return {m_columnStarts[c], c + 1 < m_columnStarts.size() ? m_columnStarts[c + 1] : m_buckets};
}

QList<qreal> BucketBars::drawn(const QString &name) const
{
    return heightsAt(name, false);
}

QList<qreal> BucketBars::drawnBase(const QString &name) const
{
    return heightsAt(name, true);
}

QList<qreal> BucketBars::heightsAt(const QString &name, bool base) const
{
    const QAreaSeries *area = m_series.value(name);
    if (!area)
        return {};
    const QList<QPointF> upper = area->upperSeries()->points();
    const QList<QPointF> lower = area->lowerSeries()->points();
    QList<qreal> out(m_buckets, 0);
    qsizetype u = 0, l = 0;
    for (qsizetype i = 0; i < m_buckets; ++i) {
        const qreal middle = qreal(i) + 0.5;
        const qreal lo = heightAt(lower, middle, &l), hi = heightAt(upper, middle, &u);
        out[i] = base ? lo : hi - lo;
    }
    return out;
}

qreal BucketBars::columnValue(const QString &name, qsizetype i) const
{
    return m_columnValues.value(name).value(columnIndex(i));
}

void BucketBars::setLabel(const QString &name, const QString &label)
{
    if (QAreaSeries *area = m_series.value(name))
        area->setName(label);
}

void BucketBars::setColor(const QString &name, const QColor &color)
{
    if (QAreaSeries *area = m_series.value(name)) {
        area->setColor(color);
        area->setBorderColor(color);
        area->setPen(Qt::NoPen);
    }
}

} // namespace staffetta::ui
