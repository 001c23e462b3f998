#pragma once

#include "api/bans.h"
#include "api/queue.h"
#include "common/access.h"
#include "common/result.h"
#include "policy/diff.h"
#include "policy/pattern.h"

#include <QString>

// The console writes the sentences: the relay sends stable codes and their parameters (its
// English `message` is for people at a terminal and for logs), and these words them in the
// console's language (tr(), staffetta_it.ts / _en.ts).
namespace staffetta::client {

// An error as the console shows it: the sentence for its code and details when the code is
// known here, else the error's own message (a newer relay, or a console-side error that was
// written translated already).
QString errorText(const Error &error);

QString permissionText(Permission permission); // "unban addresses"
// A role's name in the console's language ("admin" → "amministratore"); an unknown one as sent.
QString roleText(const QString &role);
QString failureKindText(api::FailureKind kind); // "wrong credentials"
// What the log shows of an address, in words a helpdesk can repeat to the customer:
// "3 failed logins as bob — the customer's mail program probably has an old password."
QString failureExplanation(const api::AddressReport &report);
// The logins an address's failed lines name (Postfix's `sasl_username=`), first seen first.
QStringList failedLogins(const api::AddressReport &report);
// Said wherever an address can be whitelisted.
QString whitelistWarning();
// A reason code's sentence (api/reasons.h) in the console's language; `fallback` (the relay's
// English) for a code this console does not know.
QString reasonText(const QString &code, const QString &fallback);
// Why an action left a message alone (ActionResult::reason), or what the tool said.
QString actionReasonText(const api::ActionResult &result);
QString patternProblemText(const policy::PatternProblem &problem);
// A policy change in people's words and the console's language, numbers and sizes as its
// locale writes them: "bob: daily quota 1,000 → 2,500", "bob may send as *@shop.example",
// "Relay-wide recipients per message: 100 → 50"; an account's new override names the relay
// default it replaces when `relay` (the policy it applies to) is given. The review and
// conflict dialogs, the History and Audit views say changes so; the relay's own line
// (policy::Change::text, English, with the policy's paths) stays for the CLI and the audit log.
QString changeText(const policy::Change &change, const policy::Policy *relay = nullptr);
// Why a new policy is not in force yet (ApplyResult::reloadCode), "" when it is.
QString reloadText(const QString &code, const QString &message);

} // namespace staffetta::client
