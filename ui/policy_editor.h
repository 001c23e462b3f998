#pragma once

#include "client/policy_client.h"
#include "relay_connection.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QUndoStack;
class QWidget;

namespace staffetta::ui {

// The selected relay's policy as a draft: the revision it is based on, the edited copy, and
// undo/redo. The Senders, Limits and Content views edit the same draft; nothing reaches the
// relay until apply(), which shows the diff, applies with the base revision, and on a conflict
// shows the colleague's change beside this one (merge or reload).
// Everything is asynchronous; results of a superseded request are dropped.
class RelayCall;

class PolicyEditor : public QObject
{
    Q_OBJECT
public:
    // dialogParent: where the review and conflict dialogs open.
    explicit PolicyEditor(QWidget *dialogParent, QObject *parent = nullptr);
    ~PolicyEditor() override;

    void setConnection(RelayConnection *connection);
    RelayConnection *connection() const { return m_connection; }

    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    int baseRevision() const { return m_base.revision; }
    const policy::Policy &base() const { return m_base.policy; }
    const policy::Policy &draft() const { return m_draft; }
    QList<policy::Change> changes() const;
    bool hasChanges() const;
    // Drafts not applied yet: this relay's and the ones kept for the other relays.
    int unappliedDrafts() const { return (hasChanges() ? 1 : 0) + int(m_parked.size()); }
    QUndoStack *undoStack() const { return m_undo; }

    // What the relay lets this user change (its permissions come from the relay's `info`).
    QString role() const { return m_base.role; }
    bool canEditRelayWide() const;
    bool canEditAccount(const QString &login) const;

    // One undoable step: `edit` changes a copy of the draft.
    void edit(const QString &description, const std::function<void(policy::Policy &)> &edit);

public slots:
    // Fetches the relay's policy; the draft is replaced (the caller asks first if it has
    // changes).
    void reload();
    // Reloads only when there is nothing unsaved (periodic refresh).
    void reloadIfClean();
    // Review, then apply (asynchronous; see signals).
    void apply();
    void discard();

signals:
    void loaded();
    void draftChanged();
    void busyChanged(bool busy);
    void message(const QString &text);
    void applied(int revision);
    // The relay's state changed (it answers again, or stopped answering).
    void relayChanged();

private:
    friend class SnapshotCommand;
    void setDraft(const policy::Policy &draft);
    void setBusy(bool busy);
    void send(const QString &comment);
    QString m_comment; // the review's comment, until its apply lands
    void onConflict(const client::Conflict &conflict);

    // Unapplied drafts of the relays not shown now: switching relays loses nothing.
    struct Parked
    {
        client::PolicySnapshot base;
        policy::Policy draft;
    };
    QHash<RelayConnection *, Parked> m_parked;

    QWidget *m_dialogParent;
    QPointer<RelayConnection> m_connection;
    client::PolicySnapshot m_base;
    policy::Policy m_draft;
    QUndoStack *m_undo;
    RelayCall *m_call; // policy get or apply: one at a time, busy while it runs; a dialog
                       // answering for an older draft is dropped (guard)
    bool m_loaded = false;
    bool m_busy = false;
};

} // namespace staffetta::ui
