#include "secret_store.h"

#include <QCoreApplication>
#include <QPromise>

#include <qt6keychain/keychain.h>

#include <memory>

namespace staffetta::secrets {

using namespace Qt::Literals::StringLiterals;

namespace {

Error keychainError(const QKeychain::Job *job)
{
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        return Error(
            ErrorCode::NotFound,
            QCoreApplication::translate("staffetta::SecretStore",
                                        "No secret is stored in the keychain for this relay."));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        break;
    default:
        // Linux without a session bus reports "Cannot autolaunch D-Bus ..." or "Failed to
        // execute child process “dbus-launch”" as OtherError.
        if (!detail.contains(u"D-Bus"_s, Qt::CaseInsensitive) &&
            !detail.contains(u"dbus"_s, Qt::CaseInsensitive))
            return Error(ErrorCode::KeychainError,
                         QCoreApplication::translate("staffetta::SecretStore",
                                                     "The keychain refused the request: %1")
                             .arg(detail));
    }
    return Error(ErrorCode::KeychainUnavailable,
                 // What the keychain library said is for the log (details), not for people.
                 QCoreApplication::translate("staffetta::SecretStore",
                                             "No keychain is available: the password will be "
                                             "asked each time (Staffetta never stores it in "
                                             "plain text)."),
                 {{u"detail"_s, detail}});
}

// Starts a job and turns its finished() signal into a future.
template<typename T, typename Job, typename OnSuccess>
QFuture<Result<T>> startJob(Job *job, OnSuccess onSuccess)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QObject::connect(job, &QKeychain::Job::finished, job, [promise, onSuccess](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError)
            promise->addResult(onSuccess(static_cast<Job *>(j)));
        else
            promise->addResult(keychainError(j));
        promise->finish();
    });
    job->setAutoDelete(true);
    job->start();
    return promise->future();
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

QFuture<Result<QString>> SecretStore::read(const QString &key) const
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    return startJob<QString>(
        job, [](QKeychain::ReadPasswordJob *j) { return Result<QString>(j->textData()); });
}

QFuture<Result<Done>> SecretStore::write(const QString &key, const QString &secret) const
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(secret);
    return startJob<Done>(job, [](QKeychain::WritePasswordJob *) { return Result<Done>(Done{}); });
}

QFuture<Result<Done>> SecretStore::remove(const QString &key) const
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    return startJob<Done>(job, [](QKeychain::DeletePasswordJob *) { return Result<Done>(Done{}); });
}

} // namespace staffetta::secrets
