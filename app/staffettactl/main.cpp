// staffettactl: the relay's management API. Thin main: argument source, stdin, output.
#include "common/limits.h"
#include "ctl.h"
#include "policy_verbs.h"

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
    // nobody else's to read, and its group's to write: the package's state directory is setgid
    // staffetta, the relay daemons' group, and staffettad writes the counters database this
    // program (root, through sudo) may create first. Files 0660, directories 0770 at most.
    umask(007);
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

    const auto invocation = staffetta::ctl::parseArguments(arguments);
    staffetta::ctl::FrontEnd frontEnd(staffetta::ctl::callerFromSystem());
    // Streamed lines leave at once (through stdio's buffer), so a 100k-message listing
    // reaches the console while showq is still reading the queue. 64 KiB at a time, not
    // stdio's 4 KiB: 16 times fewer writes here and fewer wakeups of sshd, which reads them.
    static char buffer[1 << 16];
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    frontEnd.sink = [](const QByteArray &line) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fputc('\n', stdout);
    };
    // This front-end may block: it waits for staffettad to confirm a new policy (<= 5 s).
    frontEnd.awaitReload = staffetta::ctl::waitForReload;
    QByteArray input;
    // The JSON request comes on stdin; a person at a terminal is not asked for one. One byte
    // more than the limit is read, never more: run() refuses a request that big.
    if (invocation.json && !isatty(STDIN_FILENO))
        input = readAtMost(STDIN_FILENO, staffetta::limits::MaxRequestBytes + 1);
    // Output to a closed pipe is simply lost.
    signal(SIGPIPE, SIG_IGN);
    // A verb that changes the relay runs to its end even if the SSH link drops: hang-up and
    // termination wait until its answer is written (the new revision is on disk and live, or
    // not at all). Here, not in a handler: a `serve` front-end must not mask its signals.
    const auto *verb = staffetta::ctl::findVerb(invocation.words);
    sigset_t previous;
    if (verb && verb->writes) {
        sigset_t block;
        sigemptyset(&block);
        for (int sig : {SIGHUP, SIGTERM, SIGINT, SIGPIPE})
            sigaddset(&block, sig);
        sigprocmask(SIG_BLOCK, &block, &previous);
    }
    const auto outcome =
        staffetta::ctl::run(invocation, input, qEnvironmentVariable("STAFFETTA_CONF"), frontEnd);
    std::fwrite(outcome.out.constData(), 1, size_t(outcome.out.size()), stdout);
    std::fwrite(outcome.err.constData(), 1, size_t(outcome.err.size()), stderr);
    std::fflush(stdout);
    std::fflush(stderr);
    if (verb && verb->writes)
        sigprocmask(SIG_SETMASK, &previous, nullptr);
    return outcome.exitCode;
}
