#pragma once

#include "client/ops_client.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace staffetta::ui {

// A relay's mail queue as a table. Rows are plain structs (client::QueueRow); a listing of
// 100k messages replaces the content in one reset, never row by row.
class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Queue, Age, Size, Sender, Recipients, Reason, ColumnCount };
    enum Roles { SortRole = Qt::UserRole + 1, IdRole };

    explicit QueueModel(QObject *parent = nullptr);

    void setListing(client::QueueListing listing);
    void clear();
    const client::QueueRow &row(int r) const { return m_rows[size_t(r)]; }
    const QMap<QString, int> &counts() const { return m_counts; }
    qint64 relayTime() const { return m_time; }
    int rowOf(const QString &id) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString queueLabel(const QString &queue); // translated queue name
    static QString ageText(qint64 seconds);

private:
    std::vector<client::QueueRow> m_rows;
    QHash<QString, int> m_rowById;
    QMap<QString, int> m_counts;
    qint64 m_time = 0;
};

// Sort and filter straight on the rows (no QVariant per comparison): sorting 100k rows stays
// well under a second. Filter: one queue, and a text found in id, sender, recipients or reason.
class QueueProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit QueueProxy(QueueModel *source, QObject *parent = nullptr);
    void setQueue(const QString &queue); // empty = all
    void setText(const QString &text);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QueueModel *m_source;
    QString m_queue;
    QString m_text;
};

} // namespace staffetta::ui
