#pragma once

#include "common/process.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>
#include <QMap>
#include <QString>
#include <QThread>

#include <gtest/gtest.h>

#include <functional>
#include <ostream>

// Readable failures for Qt types.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
inline void PrintTo(const QByteArray &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace staffetta::test {

// Processes events until pred() holds or the time is up; returns pred().
bool waitUntil(const std::function<bool()> &pred, int timeoutMs = 20000);

// Waits (processing events) for a future and returns its single result.
template<typename T> T await(QFuture<T> future, int timeoutMs = 60000)
{
    waitUntil([&] { return future.isFinished(); }, timeoutMs);
    EXPECT_TRUE(future.isFinished()) << "future did not finish in time";
    return future.result();
}

// The lab relay's lab.env (STAFFETTA_LAB_ENV), as key/value pairs.
class Lab
{
public:
    static const Lab &get();
    QString value(const QString &key) const;
    int port(const QString &key) const { return value(key).toInt(); }
    bool ok() const { return !m_values.isEmpty(); }
    // Accounts as user -> password.
    QMap<QString, QString> accounts() const;

private:
    QMap<QString, QString> m_values;
};

// Runs a program (argument vector, no shell) and returns its output; fails the test if it
// cannot be started.
ProcessOutput run(const QString &program, const QStringList &args, const QByteArray &input = {},
                  int timeoutMs = 60000);

} // namespace staffetta::test
