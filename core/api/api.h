#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>

// The relay API contract shared by staffettactl (server side) and the console (client side).
//
// A call is `staffettactl VERB [WORDS...] --json` with an optional JSON request on stdin.
// Every response is one JSON object on stdout:
//   {"api_version": N, "ok": true,  "result": {...}}
//   {"api_version": N, "ok": false, "error": {"code": "...", "message": "...", "details": {...}}}
namespace staffetta::api {

inline constexpr int Version = 1;

QByteArray successResponse(const QJsonObject &result);
QByteArray errorResponse(const Error &error);

// Parses a response; a relay error becomes an Error with its code, anything that is not a
// well-formed response becomes ErrorCode::BadResponse (with the exit status and stderr).
Result<QJsonObject> parseResponse(const QByteArray &stdoutData, const QByteArray &stderrData,
                                  int exitStatus);

// Streaming (`--stream`): a listing verb writes its items as they come, then its response.
// The framing rule, the one place it is written:
//   - stdout is lines; every line is one compact JSON object;
//   - an item line is an object WITHOUT a top-level "api_version" key (staffettactl streams
//     Postfix's `postqueue -j` objects, which never have one, and streamItemLine refuses to
//     write one that does);
//   - the response line is the first line whose parsed object HAS a top-level "api_version";
//     it is a response like any other (parseResponse) and nothing follows it.
// Lines are parsed, never recognised by their text: key order and spacing do not matter, and
// "api_version" nested inside an item does not end the stream.
QByteArray streamItemLine(const QJsonObject &item);

// The client's side of the rule: feed it stdout as it arrives, then finish() for the response.
// Items go to onItem on the caller's thread (the transport's worker) as their line completes.
class StreamReader
{
public:
    explicit StreamReader(std::function<void(const QJsonObject &item)> onItem);
    void feed(const QByteArray &chunk);
    // The response (or its error); BadResponse when a line was not a JSON object, a line
    // came after the response, or there was no response line.
    Result<QJsonObject> finish(const QByteArray &stderrData, int exitStatus);

private:
    void takeLine(const QByteArray &line);

    std::function<void(const QJsonObject &)> m_onItem;
    QByteArray m_partial;
    QByteArray m_response;
    qint64 m_badLines = 0;
    qint64 m_linesAfterResponse = 0;
};

// Words of a command line are restricted to this alphabet so that a remote command can be
// assembled from them without any quoting: user data always travels as JSON on stdin.
bool isSafeWord(const QString &word);

} // namespace staffetta::api
