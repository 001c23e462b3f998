#pragma once

#include "client/policy_client.h"

#include <functional>
#include <optional>

class QWidget;

namespace staffetta::ui {

// The diff before apply: every change on its own line in plain words (an override says the
// default of `draft` it replaces), an optional comment for the audit log, starting as
// `comment` (what was typed before a merge). Window-modal and non-blocking; `answer` gets the
// comment, or nullopt if canceled.
void reviewChanges(QWidget *parent, const QString &relayName, int baseRevision,
                   const QList<policy::Change> &changes, const policy::Policy &draft,
                   const QString &comment,
                   std::function<void(std::optional<QString> comment)> answer);

enum class ConflictChoice { Merge, Reload, Cancel };

// A colleague applied first: their change beside yours, with merge or reload.
void resolveConflict(QWidget *parent, const QString &relayName, const client::Conflict &conflict,
                     const QList<policy::Change> &mine, std::function<void(ConflictChoice)> answer);

} // namespace staffetta::ui
