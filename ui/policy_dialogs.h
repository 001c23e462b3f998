#pragma once

#include "client/policy_client.h"

#include <functional>
#include <optional>

class QListWidget;
class QWidget;

namespace staffetta::ui {

// The diff before apply: every change on its own line in plain words (an override says the
// default of `draft` (if given) it replaces), an optional comment for the audit log, starting as
// `comment` (what was typed before a merge). Window-modal and non-blocking; `answer` gets the
// comment, or nullopt if canceled.
void reviewChanges(QWidget *parent, const QString &relayName, int baseRevision,
                   const QList<policy::Change> &changes, const policy::Policy *draft,
                   const QString &comment,
                   std::function<void(std::optional<QString> comment)> answer);

// `changes` in `list`, one line each in the console's words (client::changeText), coloured by
// what they do (added, removed, changed): the review dialog's list, and the History view's.
// With `relay` (the policy they apply to), an override names the default it replaces.
void fillChangeList(QListWidget *list, const QList<policy::Change> &changes,
                    const policy::Policy *relay = nullptr);

enum class ConflictChoice { Merge, Reload, Cancel };

// What the conflict dialog says about the user's own write and its two ways out; empty: an
// edit's ("Merge my changes", "Reload (drop mine)").
struct ConflictWords
{
    QString intro;
    QString merge;
    QString reload;
};

// A colleague applied first: their change beside yours, with merge or reload.
void resolveConflict(QWidget *parent, const QString &relayName, const client::Conflict &conflict,
                     const QList<policy::Change> &mine, std::function<void(ConflictChoice)> answer,
                     const ConflictWords &words = {});

} // namespace staffetta::ui
