#include "fleet_model.h"

#include "relay_connection.h"

#include <QColor>
#include <QPainter>
#include <QPixmap>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QPixmap paintDot(RelayConnection::State state, bool degraded = false)
{
    QColor color(u"#9e9e9e"_s);
    if (degraded)
        color = QColor(u"#ef6c00"_s);
    else if (state == RelayConnection::State::Online)
        color = QColor(u"#2e7d32"_s);
    else if (state == RelayConnection::State::Failed)
        color = QColor(u"#c62828"_s);
    else if (state == RelayConnection::State::Connecting)
        color = QColor(u"#f9a825"_s);
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(color);
    p.setPen(Qt::NoPen);
    p.drawEllipse(1, 1, 10, 10);
    return pixmap;
}

// Painted once per state: the view asks for the decoration on every repaint. Online with a
// service down is orange (degraded).
const QPixmap &statusDot(const RelayConnection &c)
{
    static const QPixmap dots[] = {
        paintDot(RelayConnection::State::Idle), paintDot(RelayConnection::State::Connecting),
        paintDot(RelayConnection::State::Online), paintDot(RelayConnection::State::Failed)};
    static const QPixmap degraded = paintDot(RelayConnection::State::Online, true);
    if (c.state() == RelayConnection::State::Online && c.isDegraded())
        return degraded;
    return dots[int(c.state())];
}

// The badge: alerts of the caller's accounts nobody acknowledged yet, as `info` said.
qint64 unacknowledged(const RelayConnection &c)
{
    return c.info() ? qMax<qint64>(c.info()->unacknowledgedAlerts, 0) : 0;
}

} // namespace

FleetModel::FleetModel(secrets::SecretStore &secrets, Prompter &prompter,
                       TransportFactory transports, QObject *parent)
    : QAbstractListModel(parent)
    , m_secrets(secrets)
    , m_prompter(prompter)
    , m_transports(std::move(transports))
{}

RelayConnection *FleetModel::make(const settings::RelayProfile &profile)
{
    auto *c = new RelayConnection(profile, m_secrets, m_prompter, m_transports, this);
    connect(c, &RelayConnection::changed, this, [this, c] {
        const int row = int(m_connections.indexOf(c));
        if (row >= 0)
            emit dataChanged(index(row), index(row));
    });
    connect(c, &RelayConnection::secretToRemember, this,
            [this, c](const QString &secret) { emit secretToRemember(c->profile().id, secret); });
    connect(c, &RelayConnection::notice, this, &FleetModel::notice);
    return c;
}

void FleetModel::setProfiles(const QList<settings::RelayProfile> &profiles)
{
    beginResetModel();
    qDeleteAll(m_connections);
    m_connections.clear();
    for (const auto &p : profiles)
        m_connections.append(make(p));
    endResetModel();
}

int FleetModel::upsert(const settings::RelayProfile &profile)
{
    const int row = rowOf(profile.id);
    if (row >= 0) {
        m_connections[row]->setProfile(profile);
        return row;
    }
    const int at = int(m_connections.size());
    beginInsertRows({}, at, at);
    m_connections.append(make(profile));
    endInsertRows();
    return at;
}

void FleetModel::remove(int row)
{
    if (row < 0 || row >= m_connections.size())
        return;
    beginRemoveRows({}, row, row);
    delete m_connections.takeAt(row);
    endRemoveRows();
}

void FleetModel::retranslate()
{
    if (!m_connections.isEmpty())
        emit dataChanged(index(0), index(int(m_connections.size()) - 1));
}

RelayConnection *FleetModel::connectionAt(int row) const
{
    return row >= 0 && row < m_connections.size() ? m_connections[row] : nullptr;
}

int FleetModel::rowOf(const QUuid &id) const
{
    for (int i = 0; i < m_connections.size(); ++i) {
        if (m_connections[i]->profile().id == id)
            return i;
    }
    return -1;
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_connections.size());
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    const RelayConnection *c = connectionAt(index.row());
    if (!c || index.parent().isValid())
        return {};
    const auto &p = c->profile();
    switch (role) {
    case Qt::DisplayRole:
        if (const qint64 alerts = unacknowledged(*c); alerts > 0)
            return u"%1  [%2]\n%3"_s.arg(p.name, tr("%n alert(s)", nullptr, int(alerts)),
                                         c->statusText());
        return u"%1\n%2"_s.arg(p.name, c->statusText());
    case Qt::ToolTipRole:
        return tr("%1@%2, port %3").arg(p.ssh.user, p.ssh.host).arg(p.ssh.port);
    case Qt::DecorationRole:
        return statusDot(*c);
    case StateRole:
        return QVariant::fromValue(c->state());
    case HostRole:
        return p.ssh.host;
    case StatusTextRole:
        return c->statusText();
    case AlertsRole:
        return unacknowledged(*c);
    case DegradedRole:
        return c->isDegraded();
    default:
        return {};
    }
}

} // namespace staffetta::ui
