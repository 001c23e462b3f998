#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace staffetta::ui {

class RelayConnection;

// The selected relay at a glance: versions, queue sizes, fail2ban jails.
class OverviewView : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewView(QWidget *parent = nullptr);

    // Shows this relay (nullptr: none selected) and follows its changes.
    void setConnection(RelayConnection *connection);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refreshView();

    QPointer<RelayConnection> m_connection;
    QMetaObject::Connection m_watch;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_hostnameLabel, *m_hostname;
    QLabel *m_postfixLabel, *m_postfixVersion;
    QLabel *m_staffettaLabel, *m_staffettaVersion;
    QLabel *m_updatedLabel, *m_updated;
    QLabel *m_queuesTitle, *m_jailsTitle;
    QTableWidget *m_queues;
    QTableWidget *m_jails;
};

} // namespace staffetta::ui
