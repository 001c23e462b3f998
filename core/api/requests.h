#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

// Each verb's JSON request (stdin), as a type. The console builds it and sends toJson();
// staffettactl's registry parses it with fromJson, which refuses a key the type does not have
// and a value of the wrong kind, naming its path (as the policy's errors do); duplicate keys
// are refused before (the dispatch scans the text). fields() is its line in the generated
// usage. A verb's words (`bans unban IP`) may stand in for a field; the handler merges them.
// The policy verbs' requests are in policy.h (they carry a policy::Policy).
namespace staffetta::api {

// bad_request: "the request has an unknown key "adress" (it takes: address)",
// details {key, path}; nothing when every key of `o` is allowed.
Result<Done> onlyKeys(const QJsonObject &o, const QStringList &allowed, const QString &path = {});
// bad_request: "Field 'limit': must be a number, 0 or more", details {field, path}.
Error badField(const QString &path, const QString &why);
// The value at `key` as a string: absent is empty, anything but a string is refused.
Result<QString> stringField(const QJsonObject &o, const QString &key);

// A verb that takes no request: any key is refused.
struct NoRequest
{
    static QString fields() { return {}; }
    QJsonObject toJson() const { return {}; }
    static Result<NoRequest> fromJson(const QJsonObject &o);
};

// `bans log|unban|whitelist remove [IP]`: the address (or the verb's word).
struct AddressRequest
{
    QString address;

    static QString fields() { return QStringLiteral("{address}"); }
    QJsonObject toJson() const;
    static Result<AddressRequest> fromJson(const QJsonObject &o);
};

// `bans whitelist add [IP]`: the address (or the word) and a note (or --note TEXT).
struct WhitelistAddRequest
{
    QString address;
    QString note;

    static QString fields() { return QStringLiteral("{address, note?}"); }
    QJsonObject toJson() const;
    static Result<WhitelistAddRequest> fromJson(const QJsonObject &o);
};

// `search [TERM]`.
struct SearchRequest
{
    QString term;

    static QString fields() { return QStringLiteral("{term}"); }
    QJsonObject toJson() const;
    static Result<SearchRequest> fromJson(const QJsonObject &o);
};

// Which messages a list or an action is about. Every criterion that is set must match
// (postfix::QueueFilter matches it against `postqueue -j`'s objects).
struct QueueSelection
{
    QString queue = {};     // maildrop, incoming, active, deferred, hold; empty = every queue
    QStringList ids = {};   // exact queue ids (isQueueId)
    QString sender = {};    // case-insensitive; * and ? are wildcards, otherwise a substring
    QString recipient = {}; // the same, matched against every recipient
    QString reason = {};    // case-insensitive substring of any recipient's delay reason
    qint64 minAge = -1;     // seconds since arrival, inclusive; -1 = no bound
    qint64 maxAge = -1;
    QString account = {}; // the SASL login it was submitted with (case-insensitive)

    bool isEmpty() const;
    // queue, ids, sender, recipient, reason, min_age, max_age, account
    static QStringList keys();
    void addTo(QJsonObject &o) const;
    // This selection's keys of `o` (the caller refuses the others).
    static Result<QueueSelection> read(const QJsonObject &o);
};

// `queue list [QUEUE]`: a selection, paged (a whole answer: 1000 by default; a stream: all).
struct QueueListRequest : QueueSelection
{
    std::optional<qint64> limit = {};
    std::optional<qint64> offset = {};

    static QString fields();
    QJsonObject toJson() const;
    static Result<QueueListRequest> fromJson(const QJsonObject &o);
};

// `queue ACTION [ID...]`: ids, a selection, or the whole queue (all: true).
struct QueueActionRequest : QueueSelection
{
    bool all = false;

    static QString fields();
    QJsonObject toJson() const;
    static Result<QueueActionRequest> fromJson(const QJsonObject &o);
};

// `queue show [ID...]`: the messages whose details are wanted (or the verb's words).
struct QueueShowRequest
{
    static constexpr qsizetype MaxIds = 1000;
    QStringList ids;

    static QString fields() { return QStringLiteral("{ids}"); }
    QJsonObject toJson() const;
    static Result<QueueShowRequest> fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
