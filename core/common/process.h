#pragma once

#include "result.h"

#include <QByteArray>
#include <QStringList>

namespace staffetta {

struct ProcessOutput
{
    int exitCode = 0;
    QByteArray out;
    QByteArray err;
};

// Runs a program with an argument vector (never through a shell) and waits for it.
// For the relay-side tools (staffettactl, staffettad), which are command-line programs;
// the console never calls this on its UI thread.
// Fails with ErrorCode::Unavailable when the program cannot be started, Timeout when it
// does not finish in time. A non-zero exit code is not an error here: callers decide.
// `environment`: NAME=value entries set for the program on top of this process's environment.
Result<ProcessOutput> runProcess(const QString &program, const QStringList &arguments,
                                 const QByteArray &input = {}, int timeoutMs = 30000,
                                 const QStringList &environment = {});

} // namespace staffetta
