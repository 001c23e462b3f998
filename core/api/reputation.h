#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// `staffettactl reputation check|show|history`: the relay's public IPs and its accounts'
// sender domains checked against the configured DNS blacklists ([reputation] in
// staffetta.conf), with the history of each one's listings.
namespace staffetta::api {

// A DNS blacklist as staffetta.conf configures it.
struct ReputationList
{
    QString name;       // the section's name: [reputation.list.NAME]
    QString zone;       // zen.spamhaus.org
    QString kind;       // ip (the reversed address is queried) or domain
    QStringList listed; // the answers that mean "listed": 127.0.0.2 or 127.0.0.2-127.0.0.11
    QString removalUrl; // where a listed address or domain asks to be removed

    QJsonObject toJson() const;
    static ReputationList fromJson(const QJsonObject &o);
};

// What one list answered about one target at one check.
//   listed:  an answer among the list's listing codes;
//   clear:   no such name (NXDOMAIN) or no address: not listed;
//   refused: answers, none of them a listing code (127.255.255.254: the list refused the
//            query, e.g. one through a public resolver): never read as a listing;
//   error:   no answer (timeout, SERVFAIL, REFUSED): not checked this time.
struct ReputationResult
{
    QString list;
    QString status;
    QStringList answers; // the A records, when there were some
    QString detail;      // error: what the resolver said
    QDateTime since;     // the check from which this status has lasted

    QJsonObject toJson() const;
    static ReputationResult fromJson(const QJsonObject &o);
};

// One public IP of the relay (kind ip) or one sender domain (kind domain, with the accounts
// whose authorized senders use it), and what each list of its kind answered.
struct ReputationTarget
{
    QString target;
    QString kind;
    QStringList accounts; // domain: the accounts (those the caller sees)
    QList<ReputationResult> results;

    bool listed() const;
    QJsonObject toJson() const;
    static ReputationTarget fromJson(const QJsonObject &o);
};

// A change of a target's status on a list, as the history keeps it (the first check of a
// target records its first status; a delisting is listed -> clear).
struct ReputationChange
{
    QDateTime time;
    QString target, kind, list;
    QString previous; // empty: the first check of this target on this list
    QString status;
    QStringList answers;

    QJsonObject toJson() const;
    static ReputationChange fromJson(const QJsonObject &o);
};

// `reputation show` (the last check) and `reputation check` (the check just made, with the
// listings that are new and the alerts they raised).
struct ReputationReport
{
    QDateTime checked; // invalid: never checked
    QString checkedBy;
    QList<ReputationList> lists;
    QList<ReputationTarget> targets;
    // check only:
    QList<ReputationChange> newListings;
    QList<qint64> alerts;
    QString alertError; // a new listing whose alert could not be recorded or mailed

    QJsonObject toJson() const;
    static Result<ReputationReport> fromJson(const QJsonObject &o);
};

// `reputation history [TARGET]`: the changes, newest first.
struct ReputationHistoryRequest
{
    static constexpr qint64 MaxLimit = 1000;
    QString target = {};
    qint64 limit = 100;

    static QString fields() { return QStringLiteral("{target?, limit? (<= 1000)}"); }
    QJsonObject toJson() const;
    static Result<ReputationHistoryRequest> fromJson(const QJsonObject &o);
};

struct ReputationHistory
{
    QList<ReputationChange> changes;

    QJsonObject toJson() const;
    static Result<ReputationHistory> fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
