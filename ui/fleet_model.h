#pragma once

#include "relay_connection.h"
#include "settings/profiles.h"

#include <QAbstractListModel>
#include <QList>

namespace staffetta::secrets {
class SecretStore;
}

namespace staffetta::ui {

class Prompter;
class RelayConnection;

// The fleet sidebar's model: one row per relay profile, with its live status.
// Owns the RelayConnection of each row.
class FleetModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // AlertsRole: the relay's unacknowledged alerts (0 when none or unknown), the badge.
    // DegradedRole: online, with some of its services down (the dot is orange).
    enum Role { StateRole = Qt::UserRole + 1, HostRole, StatusTextRole, AlertsRole, DegradedRole };

    FleetModel(secrets::SecretStore &secrets, Prompter &prompter, TransportFactory transports = {},
               QObject *parent = nullptr);

    void setProfiles(const QList<settings::RelayProfile> &profiles);
    // Inserts or updates by id; returns the row.
    int upsert(const settings::RelayProfile &profile);
    void remove(int row);
    // Status texts are translated when shown: repaint them after a language change.
    void retranslate();

    RelayConnection *connectionAt(int row) const;
    int rowOf(const QUuid &id) const;
    QList<RelayConnection *> connections() const { return m_connections; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

signals:
    void secretToRemember(const QUuid &profileId, const QString &secret);
    void notice(const QString &message);

private:
    RelayConnection *make(const settings::RelayProfile &profile);

    secrets::SecretStore &m_secrets;
    Prompter &m_prompter;
    TransportFactory m_transports;
    QList<RelayConnection *> m_connections;
};

} // namespace staffetta::ui
