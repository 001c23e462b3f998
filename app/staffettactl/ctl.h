#pragma once

#include "api/policy.h"
#include "common/access.h"
#include "common/relay_config.h"

#include <QJsonObject>

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
    // the response line (api.h's framing rule).
    bool stream = false;
};

// What the program that calls run() provides: the CLI's main today (the Unix user over SSH),
// a `serve` front-end later (a token).
struct FrontEnd
{
    FrontEnd(Caller c = {}) // NOLINT: a caller alone is the common front-end
        : caller(std::move(c))
    {}
    Caller caller;
    // The caller's access; unset: the [access] rules for its user and groups.
    std::function<Access(const Config &, const Caller &)> resolveAccess = {};
    // Receives streamed lines as they come (main: stdout); unset: they go into Outcome::out.
    std::function<void(const QByteArray &line)> sink = {};
    // A policy write's result is pending until staffettad has it in force; when set, this
    // fills in whether it has (the CLI: waitForReload, which blocks up to 5 s), before the
    // answer is written. Unset: the answer says "reloaded": "pending".
    std::function<void(const Config &, api::ApplyResult &)> awaitReload = {};
};

struct Verb;
// The registry's verb named by the words (the longest path that starts them), or nullptr.
const Verb *findVerb(const QStringList &words);
// Generated from the registry: every verb with its words, permission and request.
QString usageText();

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

// Runs one verb: finds it in the registry, refuses (and audits, once) what the caller may not
// do, calls its handler and renders the answer. `input` is the JSON request (may be empty).
Outcome run(const Invocation &invocation, const QByteArray &input, const QString &configPath,
            const FrontEnd &frontEnd);

} // namespace staffetta::ctl
