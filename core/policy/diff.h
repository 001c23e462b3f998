#pragma once

#include "common/result.h"
#include "policy.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <functional>

namespace staffetta::policy {

// One difference between two policies, at the granularity people edit: a local domain, a
// relay-wide limit, a relay-wide blacklist entry, a content rule, an alert setting, an account, one
// of an account's senders or blacklist entries, or one of its limit overrides. The same list drives
// `policy diff`, the conflict report of `policy apply`, the partner role's check (which accounts a
// change touches), the audit log, and the console's review and merge.
struct Change
{
    enum class Op { Add, Remove, Modify };
    enum class Section {
        LocalDomain,   // item = domain
        Limit,         // field = daily_quota | max_recipients | max_message_size | quota_window |
                       //   hourly_quota | sender_daily_quota
        Blacklist,     // item = pattern, value = message
        Content,       // field = language | attachments.mode | attachments.allowed |
                       //   attachments.notice.it | attachments.notice.en | bcc
        Account,       // account = login (its presence)
        AccountSender, // account, item = pattern
        AccountBlacklist, // account, item = pattern, value = message
        AccountLimit,     // account, field = daily_quota | max_recipients | max_message_size |
                      //   hourly_quota | sender_daily_quota | trusted_clients (a list, one field) |
                      //   suspended (accounts suspend|resume)
        AccountContent, // account, field = language | attachments.mode | attachments.allowed |
                        //   bcc
        Alerts,         // field = abuse | notify | rules.RULE (a rule is one field)
        AccountAlerts,  // account, field = contact | abuse | notify | rules.RULE
        TestDomain,     // item = domain, value = its number of addresses
    };

    Op op = Op::Add;
    Section section = Section::LocalDomain;
    QString account;
    QString field;
    QString item;
    QJsonValue before{QJsonValue::Undefined}; // undefined when added
    QJsonValue after{QJsonValue::Undefined};  // undefined when removed

    // Where the change is: "local_domains", "limits.daily_quota",
    // "accounts[bob].senders", ...
    QString path() const;
    // One line for people, e.g. `+ accounts[bob].senders: *@shop.example`, in English (the
    // CLI, the audit log). The console words the same sentences in its language
    // (client::changeText): `word` turns each sentence, marked for translation in the
    // context "PolicyChange", into the caller's language.
    QString text() const;
    QString text(const std::function<QString(const char *sentence)> &word) const;

    QJsonObject toJson() const;
    static Result<Change> fromJson(const QJsonObject &o);
    bool operator==(const Change &) const = default;
};

// What it takes to turn `from` into `to`, in a stable order.
QList<Change> diff(const Policy &from, const Policy &to);

QJsonArray changesToJson(const QList<Change> &changes);
Result<QList<Change>> changesFromJson(const QJsonArray &array);

// Logins of the accounts the changes touch, and whether any touches a relay-wide setting.
struct Reach
{
    QStringList accounts;
    bool relayWide = false;
};
Reach reach(const QList<Change> &changes);

// Three-way merge: replays `changes` (made against some earlier revision) onto `target`.
// A change whose starting point no longer holds in `target` (a colleague changed the same
// thing differently, or removed the account it belongs to) is not applied and is returned
// in `conflicts`; a change `target` already contains is a no-op.
struct Rebased
{
    Policy policy;
    QList<Change> conflicts;
};
Rebased rebase(const Policy &target, const QList<Change> &changes);

} // namespace staffetta::policy
