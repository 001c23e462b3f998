#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>
#include <utility>

// The queue's part of the relay API (staffettactl queue ..., the console's Queue view).
// A queued message itself travels as Postfix's own `postqueue -j` object (postfix/queue.h).
namespace staffetta::api {

// A queue id as Postfix writes it (short hex ids and long ids alike). Anything else is
// refused before it reaches postsuper.
bool isQueueId(const QString &id);

// The queue names Postfix reports, in the order the console shows them.
QStringList queueNames();

// `queue delete|hold|release|requeue|flush`: the verb's last word is the action's name.
enum class QueueAction { Delete, Hold, Release, Requeue, Flush };
const QList<QueueAction> &queueActions();
std::optional<QueueAction> queueActionFromName(const QString &name);
QString queueActionName(QueueAction action);

// What happened to one message of an action.
//   outcome: deleted, held, released, requeued, scheduled (flush), not_found, unchanged
//   (already in the wanted state, or not eligible: e.g. release of a message not on hold),
//   failed (the tool refused).
//   reason: why it was unchanged or not found, a stable code the console words
//   (already_held, not_held, not_deferred, not_in_queue, left_queue); empty otherwise.
//   detail: English for people and the CLI (for failed: what the tool said).
struct ActionResult
{
    QString id;
    QString queue; // where the message was before the action; empty when not found
    QString outcome;
    QString detail;
    QString reason;

    QJsonObject toJson() const;
    static ActionResult fromJson(const QJsonObject &o);
    friend bool operator==(const ActionResult &, const ActionResult &) = default;
};

// One message of `queue show ID...`: its envelope and headers (postfix::Postfix::details reads
// them from its queue file and defer log). fromJson takes the id from the answer when none is
// given.
struct QueuedMessage
{
    struct Recipient
    {
        QString address;
        QString delayReason;
    };
    QString id;
    QString queue;
    QString sender;
    QString account; // sasl_username, when it was submitted with AUTH
    QString clientName;
    QString clientAddress;
    QList<Recipient> recipients;
    QList<std::pair<QString, QString>> headers;

    static QueuedMessage fromJson(const QString &id, const QJsonObject &o);
};

} // namespace staffetta::api
