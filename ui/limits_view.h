#pragma once

#include "client/policy_client.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStringListModel;
class QSpinBox;
class QTableView;

namespace staffetta::ui {

class DraftBar;
class RelayCall;
class PolicyEditor;

// Per-account limits of the draft (an empty override means "the relay's default") and
// today's use of the quota.
class AccountLimitsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Account,
        Quota,
        Recipients,
        Size,
        Hourly,
        PerSender,
        Trusted, // the client addresses that relay without AUTH (trusted_clients)
        Used,
        ColumnCount
    };
    // UsedRole: {used, quota} as a QPoint-like pair for the bar delegate.
    static constexpr int UsedRole = Qt::UserRole + 1;
    static constexpr int QuotaRole = Qt::UserRole + 2;
    // How close to the wall: a UsageLevel, so the bar warns before the quota refuses.
    static constexpr int LevelRole = Qt::UserRole + 3;
    enum UsageLevel { Normal, Warning /* from 80 % */, Full /* 100 % */ };
    static UsageLevel level(qint64 used, qint64 quota);

    explicit AccountLimitsModel(PolicyEditor &editor, QObject *parent = nullptr);

    void setUsage(const client::Usage &usage);
    bool hasUsage() const { return !m_used.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

signals:
    // An edit the policy refuses (a trusted address that is not one, or overlaps another
    // account's): why, for the status bar.
    void refused(const QString &why);

private:
    void reset();
    bool setTrusted(int row, const QString &text);
    PolicyEditor &m_editor;
    QHash<QString, qint64> m_used;
    QHash<QString, client::AccountUsage> m_usage; // the hourly and per-sender use, for tooltips
};

// Limits view: relay defaults, per-account overrides, today's usage as bars, refreshed live.
class LimitsView : public QWidget
{
    Q_OBJECT
public:
    LimitsView(PolicyEditor &editor, QWidget *parent = nullptr);
    AccountLimitsModel *model() const { return m_model; }

public slots:
    // Asks the relay for today's usage (asynchronous).
    void refreshUsage();
    // Selects the account's row (from the Accounts view's "Limits and trusted addresses…").
    void selectAccount(const QString &login);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void showDefaults();
    void commitDefaults();
    void addLocalDomain();
    void removeLocalDomains();
    void setLocalDomains(const QString &description, const QStringList &domains);

    PolicyEditor &m_editor;
    DraftBar *m_bar;
    QLabel *m_defaultsTitle, *m_quotaLabel, *m_recipientsLabel, *m_sizeLabel, *m_windowLabel;
    QSpinBox *m_quota, *m_recipients;
    // The blacklists' caps: relay-wide base + per account, and per account.
    QLabel *m_blacklistLabel, *m_blacklistPerAccountLabel, *m_accountBlacklistLabel;
    QSpinBox *m_blacklistCap, *m_blacklistPerAccount, *m_accountBlacklistCap;
    // A double holds every whole byte count up to 2^53 exactly: sizes up to the policy's
    // 1 TiB fit, where QSpinBox (an int) stops at 2 GiB.
    QDoubleSpinBox *m_size;
    QLabel *m_sizeHuman; // the size above in units people read: "= 9,8 MB"
    QComboBox *m_window;
    // The local domains: mail to them is delivered here and never counts against a quota.
    QLabel *m_localTitle, *m_localError;
    QStringListModel *m_localModel;
    QListView *m_localList;
    QLineEdit *m_localNew;
    QPushButton *m_localAdd, *m_localRemove;
    QLabel *m_accountsTitle, *m_usageTime;
    AccountLimitsModel *m_model;
    QTableView *m_table;
    RelayCall *m_usage;
};

} // namespace staffetta::ui
