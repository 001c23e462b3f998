#pragma once
// A prepared SQLite statement, shared by the event index and the alerts kept beside it.
// Internal to core/events.

#include <QString>
#include <QVariant>
#include <QVariantList>

#include <sqlite3.h>

namespace staffetta::events::detail {

// A prepared statement with its values bound in order (QVariant: null, integer, real, text).
// Made from a statement the index keeps prepared (`cached`), it is reset for its next use
// instead of finalized: the events of a log are a few statements run hundreds of thousands
// of times, and preparing each again cost more than running it.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql, const QVariantList &values = {})
    {
        m_ok = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) == SQLITE_OK;
        bindAll(values);
    }
    Statement(sqlite3_stmt *cached, const QVariantList &values)
        : m_stmt(cached)
        , m_ok(cached != nullptr)
        , m_cached(true)
    {
        bindAll(values);
    }
    ~Statement()
    {
        if (!m_cached) {
            sqlite3_finalize(m_stmt);
        } else if (m_stmt) {
            sqlite3_reset(m_stmt);
            sqlite3_clear_bindings(m_stmt);
        }
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bind(int at, const QVariant &v)
    {
        if (v.isNull())
            sqlite3_bind_null(m_stmt, at);
        else if (v.typeId() == QMetaType::Double)
            sqlite3_bind_double(m_stmt, at, v.toDouble());
        else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
            sqlite3_bind_int64(m_stmt, at, v.toLongLong());
        else {
            const QByteArray text = v.toString().toUtf8();
            sqlite3_bind_text(m_stmt, at, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        }
    }
    bool ok() const { return m_ok; }
    bool step() { return m_ok && sqlite3_step(m_stmt) == SQLITE_ROW; }
    bool run()
    {
        const int rc = m_ok ? sqlite3_step(m_stmt) : SQLITE_ERROR;
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }
    qint64 integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col)),
                                 sqlite3_column_bytes(m_stmt, col));
    }

private:
    void bindAll(const QVariantList &values)
    {
        for (int i = 0; m_ok && i < values.size(); ++i)
            bind(i + 1, values[i]);
    }

    sqlite3_stmt *m_stmt = nullptr;
    bool m_ok = false;
    bool m_cached = false;
};

} // namespace staffetta::events::detail
