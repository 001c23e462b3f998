#include "error.h"

#include "names.h"

#include <array>
#include <utility>

namespace staffetta {
namespace {

using namespace Qt::Literals::StringLiterals;

const std::array<std::pair<ErrorCode, QLatin1StringView>, 26> &table()
{
    static const std::array<std::pair<ErrorCode, QLatin1StringView>, 26> names{{
        {ErrorCode::BadRequest, "bad_request"_L1},
        {ErrorCode::UnknownVerb, "unknown_verb"_L1},
        {ErrorCode::Config, "config"_L1},
        {ErrorCode::Unavailable, "unavailable"_L1},
        {ErrorCode::PermissionDenied, "permission_denied"_L1},
        {ErrorCode::Conflict, "conflict"_L1},
        {ErrorCode::NotFound, "not_found"_L1},
        {ErrorCode::Internal, "internal"_L1},
        {ErrorCode::InvalidPolicy, "invalid_policy"_L1},
        {ErrorCode::RequestTooLarge, "request_too_large"_L1},
        {ErrorCode::MessageTooComplex, "message_too_complex"_L1},
        {ErrorCode::MessageAmbiguous, "message_ambiguous"_L1},
        {ErrorCode::HostUnreachable, "host_unreachable"_L1},
        {ErrorCode::HostKeyUnknown, "host_key_unknown"_L1},
        {ErrorCode::HostKeyChanged, "host_key_changed"_L1},
        {ErrorCode::AuthFailed, "auth_failed"_L1},
        {ErrorCode::CredentialsNeeded, "credentials_needed"_L1},
        {ErrorCode::ConnectionLost, "connection_lost"_L1},
        {ErrorCode::Timeout, "timeout"_L1},
        {ErrorCode::Canceled, "canceled"_L1},
        {ErrorCode::RemoteFailed, "remote_failed"_L1},
        {ErrorCode::BadResponse, "bad_response"_L1},
        {ErrorCode::ResponseTooLarge, "response_too_large"_L1},
        {ErrorCode::KeychainUnavailable, "keychain_unavailable"_L1},
        {ErrorCode::KeychainError, "keychain_error"_L1},
        {ErrorCode::Unknown, "unknown"_L1},
    }};
    return names;
}

} // namespace

QString codeName(ErrorCode code)
{
    const QString name = nameOf(table(), code);
    return name.isEmpty() ? u"unknown"_s : name;
}

ErrorCode codeFromName(const QString &name)
{
    return valueOf(table(), name).value_or(ErrorCode::Unknown);
}

QJsonObject Error::toJson() const
{
    QJsonObject o{{u"code"_s, name()}, {u"message"_s, message}};
    if (!details.isEmpty())
        o.insert(u"details"_s, details);
    return o;
}

Error Error::fromJson(const QJsonObject &object)
{
    Error e;
    e.rawCode = object.value(u"code"_s).toString();
    e.code = codeFromName(e.rawCode);
    e.message = object.value(u"message"_s).toString();
    e.details = object.value(u"details"_s).toObject();
    return e;
}

} // namespace staffetta
