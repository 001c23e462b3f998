#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace staffetta::ui {

class PolicyEditor;

// The draft's controls, shown on top of the Senders, Limits and Content views: undo, redo,
// discard, review and apply, reload; the revision and pending changes; a busy indicator while
// the relay works.
class DraftBar : public QWidget
{
    Q_OBJECT
public:
    DraftBar(PolicyEditor &editor, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void update();

    PolicyEditor &m_editor;
    QToolButton *m_undo, *m_redo, *m_discard, *m_apply, *m_reload;
    QLabel *m_status;
    QProgressBar *m_busy;
};

} // namespace staffetta::ui
