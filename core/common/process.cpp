#include "process.h"

#include <QCoreApplication>
#include <QProcess>

#include <optional>

namespace staffetta {

namespace {

// Starts the program and hands it its stdin; the error when it cannot be started.
std::optional<Error> start(QProcess &process, const QString &program, const QStringList &arguments,
                           const QByteArray &input, int timeoutMs)
{
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        return Error(ErrorCode::Unavailable,
                     QCoreApplication::translate("staffetta::Process", "Cannot run %1: %2")
                         .arg(program, process.errorString()),
                     {{QStringLiteral("program"), program}});
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    return std::nullopt;
}

Error timedOut(const QString &program, int timeoutMs)
{
    return Error(ErrorCode::Timeout,
                 QCoreApplication::translate("staffetta::Process", "%1 did not finish within %2 ms")
                     .arg(program)
                     .arg(timeoutMs),
                 {{QStringLiteral("program"), program}});
}

} // namespace

Result<ProcessOutput> runProcess(const QString &program, const QStringList &arguments,
                                 const QByteArray &input, int timeoutMs,
                                 const QStringList &environment)
{
    QProcess process;
    if (!environment.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &entry : environment)
            env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
        process.setProcessEnvironment(env);
    }
    if (auto failed = start(process, program, arguments, input, timeoutMs))
        return *failed;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return timedOut(program, timeoutMs);
    }
    ProcessOutput output;
    output.out = process.readAllStandardOutput();
    output.err = process.readAllStandardError();
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return output;
}

} // namespace staffetta
