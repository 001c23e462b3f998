#pragma once

#include "client/ops_client.h"
#include "relay_view.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace staffetta::ui {

class RelayCall;

// Every ban of every jail, one row each, with the reason the relay read in its logs.
class BansModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Address, Jail, Reason, Since, Remaining, ColumnCount };
    enum Roles { AddressRole = Qt::UserRole + 1, ReasonRole };

    explicit BansModel(QObject *parent = nullptr);
    void setSnapshot(const client::BansSnapshot &snapshot);
    const api::Ban &ban(int row) const { return m_bans.at(row); }
    int rowOf(const QString &address) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<api::Ban> m_bans;
};

class WhitelistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Address, Note, AddedBy, AddedAt, ColumnCount };
    explicit WhitelistModel(QObject *parent = nullptr);
    void setEntries(const QList<api::WhitelistEntry> &entries);
    const api::WhitelistEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<api::WhitelistEntry> m_entries;
};

// The Bans view: banned addresses per jail with their reason, the log lines behind the
// selected one, unban, whitelist with a note, and the whitelist itself.
class BansView : public RelayView
{
    Q_OBJECT
public:
    explicit BansView(QWidget *parent = nullptr);
    BansModel *model() const { return m_model; }
    WhitelistModel *whitelist() const { return m_whitelist; }
    QTableView *table() const { return m_table; }

    void reload();
    // The actions on one address (also used by the global search).
    void unbanAddress(const QString &address);
    void whitelistAddress(const QString &address, const QString &note);
    // Asks first (a window-modal "whitelistConfirm" box, No by default).
    void confirmRemoveFromWhitelist(const QString &address);
    void removeFromWhitelist(const QString &address);

signals:
    void loaded();
    void changed(); // after an unban or a whitelist change on the relay

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override;

private:
    void retranslate();
    void updateActions();
    void showLog();
    void showReport(const client::AddressReport &report);
    // `bans log` of the listed bans not asked yet, one call at a time, into m_reports.
    void prefetchNext();
    const client::AddressReport *report(const QString &address) const; // fresh, or null
    QString selectedAddress() const;
    void afterWrite(const QString &done, const Error *error);

    BansModel *m_model;
    WhitelistModel *m_whitelist;
    QLabel *m_bansTitle;
    QTableView *m_table;
    QTextBrowser *m_log;
    QLabel *m_whitelistTitle;
    QTableView *m_whitelistTable;
    QPushButton *m_refresh;
    QPushButton *m_unban;
    QPushButton *m_addWhitelist;
    QPushButton *m_addAddress; // Add… in the whitelist section: any address
    QPushButton *m_removeWhitelist;
    QLabel *m_status;
    RelayCall *m_listCall;     // bans list
    RelayCall *m_logCall;      // bans log (the selected address)
    RelayCall *m_writeCall;    // unban, whitelist add or remove (one at a time)
    RelayCall *m_prefetchCall; // bans log of a listed ban not clicked yet
    struct Report
    {
        client::AddressReport report;
        qint64 at = 0; // m_clock.elapsed() when it arrived
    };
    QHash<QString, Report> m_reports; // `bans log` answers by address
    QStringList m_prefetchAddresses;  // still to fetch
    QElapsedTimer m_clock;
    static constexpr qint64 ReportFreshMs = 60000; // older answers are asked again
    static constexpr int PrefetchBans = 8;
};

// Why a typed address cannot be whitelisted here (the relay's rules: one IPv4/IPv6 address or
// a CIDR network, and a network wider than /24 or /64 only with `mayWiden`), "" when it can;
// `normalized` gets the form the relay keeps.
QString whitelistProblem(const QString &text, bool mayWiden, QString *normalized = nullptr);

// Asks (window-modal, without a nested event loop) for the address (prefilled with `address`,
// which may be empty) and the note of a new whitelist entry, with the warning that goes with
// it, then calls `accepted` with the normalized address and the note. The dialog's object name
// is "whitelistDialog"; its fields "whitelistAddress" and "whitelistNote".
void askWhitelist(QWidget *parent, const QString &address, bool mayWiden,
                  std::function<void(const QString &address, const QString &note)> accepted);

} // namespace staffetta::ui
