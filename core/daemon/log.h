#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

namespace staffetta::daemon {

// A relay daemon's own log (staffettad, and the milter beside it): one line per event with a
// timestamp fail2ban's default date patterns recognize, `program[pid]: line`. Written at
// once (fail2ban follows it). Without a file, lines go to stderr. Any thread may write (the
// milter's sessions run on libmilter's threads).
class Log
{
public:
    Log(QString program, const QString &path);
    void write(const QString &line);

private:
    QByteArray m_program;
    QMutex m_mutex;
    QFile m_file;
};

// A value as it may go into a log line: control characters, <, > and \ as \xNN, so a sender
// can neither end the line nor the <…> fail2ban's filter reads.
QString loggable(const QString &value);

} // namespace staffetta::daemon
