#pragma once

#include "relay_view.h"

class QLabel;
class QTableWidget;

namespace staffetta::ui {

class ReputationPanel;

// The selected relay at a glance: versions, queue sizes, fail2ban jails, its reputation.
class OverviewView : public RelayView
{
    Q_OBJECT
public:
    explicit OverviewView(QWidget *parent = nullptr);
    ReputationPanel *reputation() const { return m_reputation; }

protected:
    void changeEvent(QEvent *event) override;
    void connectionChanged() override;
    void relayChanged() override { refreshView(); }

private:
    void retranslate();
    void refreshView();

    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_hostnameLabel, *m_hostname;
    QLabel *m_postfixLabel, *m_postfixVersion;
    QLabel *m_staffettaLabel, *m_staffettaVersion;
    QLabel *m_updatedLabel, *m_updated;
    QLabel *m_queuesTitle, *m_jailsTitle;
    QTableWidget *m_queues;
    QTableWidget *m_jails;
    ReputationPanel *m_reputation;
};

} // namespace staffetta::ui
