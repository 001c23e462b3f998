#pragma once

#include <QJsonObject>
#include <QString>

namespace staffetta {

// Stable error codes. Their names (codeName) are part of the relay API and of the console's
// behaviour: never rename one, only add.
enum class ErrorCode {
    // relay side (staffettactl)
    BadRequest,
    UnknownVerb,
    Config,
    Unavailable,
    PermissionDenied,
    Conflict,
    NotFound,
    Internal,
    InvalidPolicy,
    RequestTooLarge, // the request exceeds a limit of core/common/limits.h
    // relay side (content milter: core/content)
    MessageTooComplex, // MIME nesting or part count beyond core/content's bounds
    MessageAmbiguous,  // conflicting Content-* headers or parameters: clients may disagree
    // console side (transport, keychain)
    HostUnreachable,
    HostKeyUnknown,
    HostKeyChanged,
    AuthFailed,
    CredentialsNeeded,
    ConnectionLost,
    Timeout,
    Canceled,
    RemoteFailed,
    BadResponse,
    ResponseTooLarge, // the relay sent more than the console accepts (limits.h)
    KeychainUnavailable,
    KeychainError,
    Unknown,
};

QString codeName(ErrorCode code);
// Unknown names (a newer relay) map to ErrorCode::Unknown; Error keeps the raw name.
ErrorCode codeFromName(const QString &name);

// An error as a value: a stable code for programs and tests, a sentence for people,
// and optional structured details (a fingerprint, a path, a field).
struct Error
{
    ErrorCode code = ErrorCode::Unknown;
    QString message;
    QJsonObject details;
    QString rawCode; // the code's name as received, kept when it is not known here

    Error() = default;
    Error(ErrorCode c, QString msg, QJsonObject det = {})
        : code(c)
        , message(std::move(msg))
        , details(std::move(det))
        , rawCode(codeName(c))
    {}

    QString name() const { return rawCode.isEmpty() ? codeName(code) : rawCode; }
    QJsonObject toJson() const;
    static Error fromJson(const QJsonObject &object);
};

} // namespace staffetta
