#include "process.h"

#include <QCoreApplication>
#include <QProcess>

namespace staffetta {

Result<ProcessOutput> runProcess(const QString &program, const QStringList &arguments,
                                 const QByteArray &input, int timeoutMs)
{
    QProcess process;
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
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return Error(
            ErrorCode::Timeout,
            QCoreApplication::translate("staffetta::Process", "%1 did not finish within %2 ms")
                .arg(program)
                .arg(timeoutMs),
            {{QStringLiteral("program"), program}});
    }
    ProcessOutput output;
    output.out = process.readAllStandardOutput();
    output.err = process.readAllStandardError();
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return output;
}

} // namespace staffetta
