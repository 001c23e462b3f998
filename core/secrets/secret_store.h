#pragma once

#include "common/result.h"

#include <QFuture>
#include <QString>

namespace staffetta::secrets {

// Passwords and key passphrases in the OS keychain (QtKeychain: Secret Service, macOS
// Keychain, Windows Credential Store). Keys are namespaced under the service name.
// There is deliberately no plaintext fallback: when no keychain is reachable the result is
// ErrorCode::KeychainUnavailable with a sentence that says so, and the console asks for the
// secret each time instead.
class SecretStore
{
public:
    explicit SecretStore(QString service = QStringLiteral("staffetta"));

    // The future finishes on the calling thread's event loop (QtKeychain jobs are signals).
    // A missing entry is ErrorCode::NotFound.
    QFuture<Result<QString>> read(const QString &key) const;
    QFuture<Result<Done>> write(const QString &key, const QString &secret) const;
    QFuture<Result<Done>> remove(const QString &key) const;

private:
    QString m_service;
};

} // namespace staffetta::secrets
