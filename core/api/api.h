#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

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

// Words of a command line are restricted to this alphabet so that a remote command can be
// assembled from them without any quoting: user data always travels as JSON on stdin.
bool isSafeWord(const QString &word);

} // namespace staffetta::api
