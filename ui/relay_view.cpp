#include "relay_view.h"

#include "relay_call.h"
#include "relay_connection.h"

namespace staffetta::ui {

RelayView::RelayView(QWidget *parent)
    : QWidget(parent)
{}

bool RelayView::isOnline() const
{
    return m_connection && m_connection->isReachable();
}

QString RelayView::whyNot(Permission permission, const QString &refused) const
{
    if (m_connection && m_connection->can(permission))
        return {};
    if (m_connection && m_connection->info() && !m_connection->isReachable())
        return tr("The relay does not answer: this waits until it does.");
    return refused;
}

void RelayView::relayWritten()
{
    if (m_connection)
        m_connection->refresh();
}

void RelayView::setConnection(RelayConnection *connection)
{
    if (connection == m_connection)
        return;
    if (m_connection)
        disconnect(m_connection, nullptr, this, nullptr);
    for (RelayCall *call : findChildren<RelayCall *>(Qt::FindDirectChildrenOnly))
        call->cancel();
    m_connection = connection;
    if (m_connection)
        connect(m_connection, &RelayConnection::changed, this, &RelayView::relayChanged);
    connectionChanged();
}

} // namespace staffetta::ui
