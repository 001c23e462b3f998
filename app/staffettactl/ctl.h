#pragma once

#include "common/access.h"

#include <QByteArray>
#include <QStringList>

#include <functional>
#include <optional>

namespace staffetta::ctl {

struct Invocation
{
    QStringList words; // verb and its words, without the program name and options
    bool json = false; // --json: machine output (the console always asks for it)
    // --stream: a list verb writes its items one JSON object per line as it finds them, then
    // the response line. `sink` receives those lines (main: stdout); when unset they are
    // collected into Outcome::out.
    bool stream = false;
    std::function<void(const QByteArray &line)> sink = {};
};

struct Outcome
{
    int exitCode = 0; // 0 done, 1 the verb failed (an error response), 2 usage error
    QByteArray out;
    QByteArray err;
};

// Splits SSH_ORIGINAL_COMMAND (the command a forced-command SSH key asked for) into words
// without a shell: only whitespace separates, and every word must be a safe word.
// The first word must be the program name. Returns nullopt when it is not acceptable.
std::optional<QStringList> wordsFromSshCommand(const QString &command);

Invocation parseArguments(const QStringList &arguments);

// Who runs staffettactl, from the operating system: the real user, or the user sudo ran it
// for (SUDO_USER, only believed when the real user is root), their groups, and the SSH
// client's address.
Caller callerFromSystem();

// Runs one verb. `input` is the JSON request read from stdin (may be empty).
Outcome run(const Invocation &invocation, const QByteArray &input, const QString &configPath,
            const Caller &caller);

} // namespace staffetta::ctl
