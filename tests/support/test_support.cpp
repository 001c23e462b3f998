#include "test_support.h"

#include <QFile>

namespace staffetta::test {

using namespace Qt::Literals::StringLiterals;

bool waitUntil(const std::function<bool()> &pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired())
            return pred();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

const Lab &Lab::get()
{
    static const Lab lab = [] {
        Lab l;
        QFile file(qEnvironmentVariable("STAFFETTA_LAB_ENV"));
        if (!file.open(QIODevice::ReadOnly))
            return l;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            const qsizetype eq = line.indexOf(u'=');
            if (eq > 0)
                l.m_values.insert(line.left(eq), line.mid(eq + 1).remove(u'"'));
        }
        return l;
    }();
    return lab;
}

QString Lab::value(const QString &key) const
{
    return m_values.value(key);
}

QMap<QString, QString> Lab::accounts() const
{
    QMap<QString, QString> result;
    for (const QString &pair : value(u"LAB_ACCOUNTS"_s).split(u' ', Qt::SkipEmptyParts))
        result.insert(pair.section(u':', 0, 0), pair.section(u':', 1));
    return result;
}

ProcessOutput run(const QString &program, const QStringList &args, const QByteArray &input,
                  int timeoutMs)
{
    auto r = runProcess(program, args, input, timeoutMs);
    EXPECT_TRUE(r.ok()) << program.toStdString() << ": "
                        << (r ? "" : r.error().message.toStdString());
    return r ? r.value() : ProcessOutput{-1, {}, {}};
}

} // namespace staffetta::test
