#include "log.h"

#include <QDateTime>

#include <unistd.h>

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

QString loggable(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'<' || c == u'>' || c == u'\\' ||
            c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            out += u"\\x%1"_s.arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

Log::Log(QString program, const QString &path)
    : m_program(program.toUtf8())
    , m_file(path)
{
    if (path.isEmpty())
        return;
    if (!m_file.open(QIODevice::Append | QIODevice::Text)) {
        qWarning("%s: cannot open the log %s", m_program.constData(), qPrintable(path));
        return;
    }
    // A log created before (by an installer's touch) may be world-readable: it names
    // accounts and addresses. fail2ban reads it as root.
    if ((m_file.permissions() & (QFile::ReadOther | QFile::WriteOther)) &&
        !m_file.setPermissions(m_file.permissions() &
                               ~(QFile::ReadOther | QFile::WriteOther | QFile::ExeOther)))
        qWarning("%s: cannot make the log %s private", m_program.constData(), qPrintable(path));
}

void Log::write(const QString &line)
{
    const QByteArray text =
        QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm:ss"_s).toUtf8() + ' ' + m_program +
        '[' + QByteArray::number(getpid()) + "]: " + line.toUtf8() + '\n';
    const QMutexLocker lock(&m_mutex);
    if (m_file.isOpen()) {
        m_file.write(text);
        m_file.flush();
    } else {
        fputs(text.constData(), stderr);
    }
}

} // namespace staffetta::daemon
