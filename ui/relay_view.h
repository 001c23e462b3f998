#pragma once

#include "common/access.h"

#include <QPointer>
#include <QWidget>

namespace staffetta::ui {

class RelayConnection;

// A view of the selected relay. MainWindow gives every view the selected connection the same
// way (setConnection); the view follows it here: calls of the previous relay are canceled
// (every RelayCall the view owns), the connection's changes reach relayChanged(), and
// isOnline() says whether the relay answers: it answered `info` (a refresh in progress does
// not make a loaded view stale) and its last answer did not fail. While it does not, the
// view's data is stale (MainWindow says so above the views) and the connection's can() is
// false, so the actions that need the relay are off. message() goes to the status bar.
class RelayView : public QWidget
{
    Q_OBJECT
public:
    explicit RelayView(QWidget *parent = nullptr);

    void setConnection(RelayConnection *connection);
    RelayConnection *connection() const { return m_connection; }
    bool isOnline() const;
    // The tooltip of an action that needs `permission`: "" when it may run, why not otherwise
    // (the relay does not answer, or `refused`: it does not let this user).
    QString whyNot(Permission permission, const QString &refused) const;

signals:
    // Something the user should read in the status bar.
    void message(const QString &text);

protected:
    // After a write to the relay (queue action, unban…): what `info` says has changed, so the
    // connection asks again (the sidebar and the Overview follow).
    void relayWritten();
    // The view shows another relay (or none): drop what it showed, load if visible.
    virtual void connectionChanged() = 0;
    // The connection's state or `info` changed.
    virtual void relayChanged() {}

private:
    QPointer<RelayConnection> m_connection;
};

} // namespace staffetta::ui
