// staffettactl: the relay's management API. Thin main: argument source, stdin, output.
#include "common/limits.h"
#include "ctl.h"

#include <QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Reads until end of file or `max` bytes. By hand: QIODevice::readAll has no limit, and
// QFile::read(max) on a pipe returns after the first read(2), with whatever had arrived.
QByteArray readAtMost(int fd, qint64 max)
{
    QByteArray data;
    char buffer[65536];
    while (data.size() < max) {
        const ssize_t n =
            ::read(fd, buffer, size_t(std::min<qint64>(qint64(sizeof buffer), max - data.size())));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        data.append(buffer, qsizetype(n));
    }
    return data;
}

} // namespace

int main(int argc, char *argv[])
{
    // What the relay keeps (state.sqlite and its -wal/-shm, revisions, the whitelist) is
    // nobody else's to read: files 0640, directories 0750 at most.
    umask(027);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("staffettactl"));

    QStringList arguments = app.arguments().mid(1);
    // Behind a forced-command SSH key the requested command arrives in SSH_ORIGINAL_COMMAND.
    const QString sshCommand = qEnvironmentVariable("SSH_ORIGINAL_COMMAND");
    if (arguments.isEmpty() && !sshCommand.isEmpty()) {
        const auto words = staffetta::ctl::wordsFromSshCommand(sshCommand);
        if (!words) {
            std::fputs("staffettactl: refused: the SSH command is not a staffettactl call\n",
                       stderr);
            return 2;
        }
        arguments = *words;
    }

    auto invocation = staffetta::ctl::parseArguments(arguments);
    // Streamed lines leave at once (through stdio's buffer), so a 100k-message listing
    // reaches the console while showq is still reading the queue.
    invocation.sink = [](const QByteArray &line) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fputc('\n', stdout);
    };
    QByteArray input;
    // The JSON request comes on stdin; a person at a terminal is not asked for one. One byte
    // more than the limit is read, never more: run() refuses a request that big.
    if (invocation.json && !isatty(STDIN_FILENO))
        input = readAtMost(STDIN_FILENO, staffetta::limits::MaxRequestBytes + 1);
    // A dropped SSH link must not kill a write half-way (see the policy verbs); output to a
    // closed pipe is simply lost.
    signal(SIGPIPE, SIG_IGN);
    const auto outcome =
        staffetta::ctl::run(invocation, input, qEnvironmentVariable("STAFFETTA_CONF"),
                            staffetta::ctl::callerFromSystem());
    std::fwrite(outcome.out.constData(), 1, size_t(outcome.out.size()), stdout);
    std::fwrite(outcome.err.constData(), 1, size_t(outcome.err.size()), stderr);
    return outcome.exitCode;
}
