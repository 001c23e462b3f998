#include "overview_view.h"

#include "relay_connection.h"
#include "reputation_panel.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {
QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    return t;
}
} // namespace

OverviewView::OverviewView(QWidget *parent)
    : RelayView(parent)
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_hostnameLabel(new QLabel(this))
    , m_hostname(new QLabel(this))
    , m_postfixLabel(new QLabel(this))
    , m_postfixVersion(new QLabel(this))
    , m_staffettaLabel(new QLabel(this))
    , m_staffettaVersion(new QLabel(this))
    , m_updatedLabel(new QLabel(this))
    , m_updated(new QLabel(this))
    , m_queuesTitle(new QLabel(this))
    , m_jailsTitle(new QLabel(this))
    , m_queues(makeTable(this, u"queues"_s))
    , m_jails(makeTable(this, u"jails"_s))
    , m_reputation(new ReputationPanel(this))
{
    setObjectName(u"overview"_s);
    m_title->setObjectName(u"title"_s);
    m_state->setObjectName(u"state"_s);
    m_hostname->setObjectName(u"hostname"_s);
    m_postfixVersion->setObjectName(u"postfixVersion"_s);
    m_staffettaVersion->setObjectName(u"staffettaVersion"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *l : {m_hostname, m_postfixVersion, m_staffettaVersion, m_updated})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *l : {m_queuesTitle, m_jailsTitle}) {
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
    }

    auto *form = new QFormLayout;
    form->addRow(m_hostnameLabel, m_hostname);
    form->addRow(m_postfixLabel, m_postfixVersion);
    form->addRow(m_staffettaLabel, m_staffettaVersion);
    form->addRow(m_updatedLabel, m_updated);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addLayout(form);
    // Queues and jails side by side: the Reputation panel below needs the height.
    auto *queues = new QVBoxLayout;
    queues->addWidget(m_queuesTitle);
    queues->addWidget(m_queues, 1);
    auto *jails = new QVBoxLayout;
    jails->addWidget(m_jailsTitle);
    jails->addWidget(m_jails, 1);
    auto *tables = new QHBoxLayout;
    tables->addLayout(queues, 1);
    tables->addLayout(jails, 2);
    layout->addLayout(tables, 1);
    layout->addWidget(m_reputation, 2);
    m_queues->setColumnCount(2);
    m_jails->setColumnCount(4);
    retranslate();
}

void OverviewView::connectionChanged()
{
    m_reputation->setConnection(connection());
    refreshView();
}

void OverviewView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewView::retranslate()
{
    m_hostnameLabel->setText(tr("Relay host name:"));
    m_postfixLabel->setText(tr("Postfix version:"));
    m_staffettaLabel->setText(tr("Staffetta on the relay:"));
    m_updatedLabel->setText(tr("Last update:"));
    m_queuesTitle->setText(tr("Mail queues"));
    m_jailsTitle->setText(tr("fail2ban jails"));
    m_queues->setHorizontalHeaderLabels({tr("Queue"), tr("Messages")});
    m_jails->setHorizontalHeaderLabels(
        {tr("Jail"), tr("Banned now"), tr("Banned in total"), tr("Failures now")});
    refreshView();
}

void OverviewView::refreshView()
{
    const RelayConnection *c = connection();
    if (!c) {
        m_title->setText(tr("No relay selected"));
        m_state->setText(tr("Add a relay with Relay ▸ Add relay…, or select one on the left."));
        for (QLabel *l : {m_hostname, m_postfixVersion, m_staffettaVersion, m_updated})
            l->clear();
        m_queues->setRowCount(0);
        m_jails->setRowCount(0);
        return;
    }
    const auto &profile = c->profile();
    m_title->setText(profile.name);
    QString state = c->statusText();
    if (c->state() == RelayConnection::State::Failed && c->lastError())
        state = tr("Error: %1").arg(c->lastError()->message);
    m_state->setText(state);
    const auto &info = c->info();
    if (!info) {
        for (QLabel *l : {m_hostname, m_postfixVersion, m_staffettaVersion, m_updated})
            l->setText(u"—"_s);
        m_queues->setRowCount(0);
        m_jails->setRowCount(0);
        return;
    }
    m_hostname->setText(info->hostname);
    m_postfixVersion->setText(info->postfixVersion);
    m_staffettaVersion->setText(
        tr("%1 (API %2)").arg(info->staffettaVersion).arg(info->apiVersion));
    m_updated->setText(QLocale().toString(c->lastUpdate(), QLocale::ShortFormat));

    const QStringList queueOrder = api::queueNames();
    m_queues->setRowCount(int(info->queues.size()));
    int row = 0;
    for (const QString &name : queueOrder) {
        if (!info->queues.contains(name))
            continue;
        m_queues->setItem(row, 0, new QTableWidgetItem(name));
        m_queues->setItem(row, 1,
                          new QTableWidgetItem(QLocale().toString(info->queues.value(name))));
        ++row;
    }
    m_queues->setRowCount(row);

    if (!info->fail2banAvailable) {
        m_jails->setRowCount(1);
        m_jails->setItem(
            0, 0, new QTableWidgetItem(tr("fail2ban unavailable: %1").arg(info->fail2banError)));
        return;
    }
    m_jails->setRowCount(int(info->jails.size()));
    for (int i = 0; i < info->jails.size(); ++i) {
        const auto &j = info->jails[i];
        m_jails->setItem(i, 0, new QTableWidgetItem(j.name));
        m_jails->setItem(i, 1, new QTableWidgetItem(QLocale().toString(j.currentlyBanned)));
        m_jails->setItem(i, 2, new QTableWidgetItem(QLocale().toString(j.totalBanned)));
        m_jails->setItem(i, 3, new QTableWidgetItem(QLocale().toString(j.currentlyFailed)));
    }
}

} // namespace staffetta::ui
