#include "policy_editor.h"

#include "client/relay_client.h"
#include "client/texts.h"
#include "common/access.h"
#include "policy_dialogs.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QUndoStack>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

// Undo by snapshot: a policy is small (kilobytes even with thousands of senders), and a
// snapshot cannot drift from the edit that made it.
class SnapshotCommand : public QUndoCommand
{
public:
    SnapshotCommand(PolicyEditor *editor, const QString &text, policy::Policy before,
                    policy::Policy after)
        : QUndoCommand(text)
        , m_editor(editor)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}
    void redo() override { m_editor->setDraft(m_after); }
    void undo() override { m_editor->setDraft(m_before); }

private:
    PolicyEditor *m_editor;
    policy::Policy m_before, m_after;
};

PolicyEditor::PolicyEditor(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
    , m_undo(new QUndoStack(this))
    , m_call(new RelayCall(this))
{
    connect(m_call, &RelayCall::busyChanged, this, &PolicyEditor::setBusy);
}

PolicyEditor::~PolicyEditor()
{
    // The undo stack is a child: QObject's destructor deletes it after this object's members
    // are gone, and clearing it emits indexChanged, which the draft bar answers by asking for
    // changes() (a diff of the destroyed drafts). Silence it first.
    m_undo->blockSignals(true);
}

void PolicyEditor::setConnection(RelayConnection *connection)
{
    if (connection == m_connection)
        return;
    if (m_connection && hasChanges()) {
        RelayConnection *old = m_connection;
        m_parked.insert(old, Parked{m_base, m_draft});
        connect(old, &QObject::destroyed, this, [this, old] { m_parked.remove(old); });
    }
    if (m_connection)
        disconnect(m_connection, &RelayConnection::changed, this, &PolicyEditor::relayChanged);
    m_connection = connection;
    // Whether the relay answers decides what may be applied (the draft bar follows).
    if (m_connection)
        connect(m_connection, &RelayConnection::changed, this, &PolicyEditor::relayChanged);
    m_call->cancel(); // also makes the open dialogs' answers stale
    m_undo->clear();
    if (connection && m_parked.contains(connection)) {
        const Parked parked = m_parked.take(connection);
        m_base = parked.base;
        m_loaded = true;
        setDraft(parked.draft);
    } else {
        m_loaded = false;
        m_base = {};
        setDraft({});
    }
    emit loaded();
}

QList<policy::Change> PolicyEditor::changes() const
{
    return policy::diff(m_base.policy, m_draft);
}

bool PolicyEditor::hasChanges() const
{
    return m_loaded && !changes().isEmpty();
}

bool PolicyEditor::canEditRelayWide() const
{
    return m_connection && m_connection->can(Permission::EditPolicy);
}

bool PolicyEditor::canEditAccount(const QString &login) const
{
    // The relay's own rule (Access::ownsAccount), fed with the permissions it reported.
    if (!m_connection)
        return false;
    return m_connection->can(Permission::EditPolicy) ||
           (m_connection->can(Permission::EditOwnAccounts) &&
            Access::accountMatches(m_base.accounts, login));
}

void PolicyEditor::edit(const QString &description,
                        const std::function<void(policy::Policy &)> &change)
{
    if (!m_loaded)
        return;
    policy::Policy next = m_draft;
    change(next);
    next.reindex();
    m_undo->push(new SnapshotCommand(this, description, m_draft, next));
}

void PolicyEditor::setDraft(const policy::Policy &draft)
{
    m_draft = draft; // every policy given here is indexed (parsed, or reindexed by edit())
    emit draftChanged();
}

void PolicyEditor::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void PolicyEditor::reload()
{
    if (!m_connection || m_connection->state() != RelayConnection::State::Online) {
        emit message(tr("Connect to the relay first."));
        return;
    }
    auto client = m_connection->client();
    m_call->start(
        [&](transport::CancelToken) { return client::policyGet(client); },
        [this](const Result<client::PolicySnapshot> &r) {
            if (!r) {
                emit message(tr("Could not read the policy: %1").arg(client::errorText(r.error())));
                return;
            }
            m_base = r.value();
            m_loaded = true;
            m_undo->clear();
            setDraft(m_base.policy);
            emit loaded();
        });
}

void PolicyEditor::reloadIfClean()
{
    if (!m_busy && !hasChanges() && m_connection &&
        m_connection->state() == RelayConnection::State::Online)
        reload();
}

void PolicyEditor::discard()
{
    m_undo->clear();
    setDraft(m_base.policy);
}

void PolicyEditor::apply()
{
    if (m_busy || !m_connection)
        return;
    const QList<policy::Change> pending = changes();
    if (pending.isEmpty()) {
        emit message(tr("Nothing to apply."));
        return;
    }
    // The review answers for this draft: a reload, apply or relay switch meanwhile drops it.
    reviewChanges(m_dialogParent, m_connection->profile().name, m_base.revision, pending, &m_draft,
                  m_comment, m_call->guard([this](std::optional<QString> comment) {
                      if (comment)
                          send(*comment);
                  }));
}

void PolicyEditor::send(const QString &comment)
{
    if (!m_connection)
        return;
    // Kept until the apply lands: a conflict's merge reviews again with it.
    m_comment = comment;
    emit message(tr("Applying to %1…").arg(m_connection->profile().name));
    auto client = m_connection->client();
    m_call->start(
        [&](transport::CancelToken cancel) {
            return client::policyApply(client, m_base.revision, m_draft, comment,
                                       std::move(cancel));
        },
        [this](const Result<client::ApplyResult> &r) {
            if (r) {
                QString text = tr("Applied: the relay is at revision %1.").arg(r.value().revision);
                if (!r.value().reloaded)
                    text += u' ' + tr("Warning: %1")
                                       .arg(client::reloadText(r.value().reloadCode,
                                                               r.value().reloadMessage));
                emit message(text);
                m_comment.clear();
                emit applied(r.value().revision);
                reload();
                return;
            }
            if (r.error().code == ErrorCode::Conflict) {
                auto conflict = client::Conflict::fromError(r.error());
                if (conflict) {
                    onConflict(conflict.value());
                    return;
                }
            }
            // The draft stays as it is: nothing typed is lost.
            emit message(tr("Not applied: %1").arg(client::errorText(r.error())));
        });
}

void PolicyEditor::onConflict(const client::Conflict &conflict)
{
    const QList<policy::Change> mine = changes();
    resolveConflict(
        m_dialogParent, m_connection ? m_connection->profile().name : QString(), conflict, mine,
        m_call->guard([this, conflict, mine](ConflictChoice choice) {
            if (choice == ConflictChoice::Reload) {
                reload();
            } else if (choice == ConflictChoice::Merge) {
                const policy::Rebased merged = policy::rebase(conflict.current, mine);
                m_base.revision = conflict.currentRevision;
                m_base.policy = conflict.current;
                m_undo->clear();
                setDraft(merged.policy);
                emit loaded();
                if (!merged.conflicts.isEmpty()) {
                    QStringList left;
                    for (const auto &c : merged.conflicts)
                        left.append(client::changeText(c));
                    emit message(
                        tr("Merged, except what they changed too: %1").arg(left.join(u"; "_s)));
                }
                apply();
            }
        }));
}

} // namespace staffetta::ui
