#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

// The `accounts` verbs' requests and answers. A login may also come as the verb's word
// (`accounts remove bob-shop`); the handler merges it. A password never appears in an answer
// except the one `accounts add|passwd` generated, once.
namespace staffetta::api {

// `accounts add [LOGIN]`: a new account with its authorized senders and, with local
// credentials, its password (none given: one is generated and answered once).
struct AccountAddRequest
{
    QString login;
    QStringList senders;
    QString password; // empty: generated (local credentials only)
    QString comment;

    static QString fields() { return QStringLiteral("{login, senders?, password?, comment?}"); }
    QJsonObject toJson() const;
    static Result<AccountAddRequest> fromJson(const QJsonObject &o);
};

// `accounts remove [LOGIN]`.
struct AccountRemoveRequest
{
    QString login;

    static QString fields() { return QStringLiteral("{login}"); }
    QJsonObject toJson() const;
    static Result<AccountRemoveRequest> fromJson(const QJsonObject &o);
};

// `accounts passwd [LOGIN]`: sets the password (none given: generated and answered once).
struct AccountPasswdRequest
{
    QString login;
    QString password;

    static QString fields() { return QStringLiteral("{login, password?}"); }
    QJsonObject toJson() const;
    static Result<AccountPasswdRequest> fromJson(const QJsonObject &o);
};

// The answer of add, remove and passwd.
struct AccountWriteResult
{
    QString login;
    int revision = 0;         // the policy's revision after the write
    QString password;         // only a generated one, only in this answer
    bool hasPassword = false; // the passwd-file holds a hash for it now
    QString auditError;       // the write happened but its audit row could not be written

    QJsonObject toJson() const;
    static AccountWriteResult fromJson(const QJsonObject &o);
};

// `accounts suspend [LOGIN]`: the account's RCPTs are refused with `550 5.7.1` and `message`
// (the relay's wording when empty), its queued mail is put on hold, its contact is told.
// `accounts resume [LOGIN]`: the reverse, its held mail released. `reason` is audited and
// goes in the contact's mail.
struct AccountSuspendRequest
{
    QString login;
    QString reason;
    QString message; // suspend only

    static QString fields() { return QStringLiteral("{login, reason, message? (suspend)}"); }
    QJsonObject toJson() const;
    static Result<AccountSuspendRequest> fromJson(const QJsonObject &o);
};

struct AccountSuspendResult
{
    QString login;
    int revision = 0;
    bool suspended = false;
    QStringList held;     // queue ids put on hold (suspend) or released (resume)
    QString queueError;   // the policy was written but the queue could not be (fully) changed
    QStringList notified; // where the contact mail went
    QString notifyError;  // why nobody was told (no contact, or the mail could not be sent)
    QString auditError;

    QJsonObject toJson() const;
    static AccountSuspendResult fromJson(const QJsonObject &o);
};

struct AccountEntry
{
    QString login;
    int senders = 0;
    bool hasPassword = false; // local credentials: the passwd-file holds a hash for it
    bool suspended = false;
    QString suspendedReason;
};

// `accounts list`: the accounts the caller sees.
struct AccountsList
{
    QString credentials; // "local" or "external"
    int revision = 0;
    QList<AccountEntry> accounts;

    QJsonObject toJson() const;
    static AccountsList fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
