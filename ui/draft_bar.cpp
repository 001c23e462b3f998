#include "draft_bar.h"

#include "client/texts.h"
#include "policy_editor.h"
#include "relay_connection.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <QUndoStack>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

DraftBar::DraftBar(PolicyEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_undo(new QToolButton(this))
    , m_redo(new QToolButton(this))
    , m_discard(new QToolButton(this))
    , m_apply(new QToolButton(this))
    , m_reload(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_busy(new QProgressBar(this))
{
    m_undo->setObjectName(u"undo"_s);
    m_redo->setObjectName(u"redo"_s);
    m_discard->setObjectName(u"discard"_s);
    m_apply->setObjectName(u"reviewApply"_s);
    m_reload->setObjectName(u"reloadPolicy"_s);
    m_status->setObjectName(u"draftStatus"_s);
    m_busy->setObjectName(u"busy"_s);
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo->setShortcut(QKeySequence::Redo);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QToolButton *b : {m_reload, m_undo, m_redo, m_discard})
        layout->addWidget(b);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_busy);
    layout->addWidget(m_apply);
    m_apply->setToolButtonStyle(Qt::ToolButtonTextOnly);

    QUndoStack *stack = editor.undoStack();
    connect(m_undo, &QToolButton::clicked, stack, &QUndoStack::undo);
    connect(m_redo, &QToolButton::clicked, stack, &QUndoStack::redo);
    connect(m_discard, &QToolButton::clicked, &editor, &PolicyEditor::discard);
    connect(m_apply, &QToolButton::clicked, &editor, &PolicyEditor::apply);
    connect(m_reload, &QToolButton::clicked, &editor, &PolicyEditor::reload);
    connect(stack, &QUndoStack::indexChanged, this, &DraftBar::update);
    connect(&editor, &PolicyEditor::draftChanged, this, &DraftBar::update);
    connect(&editor, &PolicyEditor::loaded, this, &DraftBar::update);
    connect(&editor, &PolicyEditor::busyChanged, this, &DraftBar::update);
    connect(&editor, &PolicyEditor::relayChanged, this, &DraftBar::update);
    retranslate();
}

void DraftBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DraftBar::retranslate()
{
    m_undo->setText(tr("Undo"));
    m_redo->setText(tr("Redo"));
    m_discard->setText(tr("Discard"));
    m_apply->setText(tr("Review and apply…"));
    m_reload->setText(tr("Reload"));
    update();
}

void DraftBar::update()
{
    const bool busy = m_editor.isBusy();
    const bool loaded = m_editor.isLoaded();
    const qsizetype pending = loaded ? m_editor.changes().size() : 0;
    m_busy->setVisible(busy);
    m_undo->setEnabled(!busy && m_editor.undoStack()->canUndo());
    m_redo->setEnabled(!busy && m_editor.undoStack()->canRedo());
    m_undo->setToolTip(m_editor.undoStack()->undoText());
    m_redo->setToolTip(m_editor.undoStack()->redoText());
    m_discard->setEnabled(!busy && pending > 0);
    // A relay that does not answer can neither take the draft nor give the policy again.
    const bool reachable = m_editor.connection() && m_editor.connection()->isReachable();
    m_apply->setEnabled(!busy && pending > 0 && reachable);
    m_reload->setEnabled(!busy && reachable);
    if (!loaded)
        m_status->setText(busy ? tr("Reading the policy…") : tr("Policy not loaded"));
    else
        m_status->setText((pending == 0 ? tr("Revision %1 · no unapplied changes · your role: %2")
                                        : tr("Revision %1 · %n unapplied change(s) · your role: %2",
                                             nullptr, int(pending)))
                              .arg(m_editor.baseRevision())
                              .arg(client::roleText(m_editor.role())));
}

} // namespace staffetta::ui
