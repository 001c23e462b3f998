#include "bans_view.h"

#include "client/relay_client.h"
#include "client/texts.h"
#include "common/network_address.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QString remainingText(qint64 seconds)
{
    if (seconds < 0)
        return BansModel::tr("permanent");
    return BansModel::tr("%1 min").arg((seconds + 59) / 60);
}

} // namespace

BansModel::BansModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void BansModel::setSnapshot(const client::BansSnapshot &snapshot)
{
    beginResetModel();
    m_bans.clear();
    for (const auto &jail : snapshot.jails)
        m_bans.append(jail.bans);
    endResetModel();
}

int BansModel::rowOf(const QString &address) const
{
    for (int i = 0; i < m_bans.size(); ++i) {
        if (m_bans[i].address == address)
            return i;
    }
    return -1;
}

int BansModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bans.size());
}

int BansModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BansModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_bans.size())
        return {};
    const api::Ban &b = m_bans[index.row()];
    if (role == AddressRole)
        return b.address;
    if (role == ReasonRole)
        return api::failureKindName(b.reason);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Address:
        return b.address;
    case Jail:
        return b.jail;
    case Reason:
        return b.reason == api::FailureKind::None ? tr("(no log lines found)")
                                                  : client::failureKindText(b.reason);
    case Since:
        return QLocale().toString(b.since.toLocalTime(), QLocale::ShortFormat);
    case Remaining:
        return remainingText(b.remaining(QDateTime::currentDateTime()));
    }
    return {};
}

QVariant BansModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Address:
        return tr("Address");
    case Jail:
        return tr("Jail");
    case Reason:
        return tr("Reason");
    case Since:
        return tr("Banned since");
    case Remaining:
        return tr("Remaining");
    }
    return {};
}

WhitelistModel::WhitelistModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void WhitelistModel::setEntries(const QList<api::WhitelistEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int WhitelistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int WhitelistModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WhitelistModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size() || role != Qt::DisplayRole)
        return {};
    const api::WhitelistEntry &e = m_entries[index.row()];
    switch (index.column()) {
    case Address:
        return e.address;
    case Note:
        return e.note;
    case AddedBy:
        return e.addedBy;
    case AddedAt:
        return QLocale().toString(e.addedAt.toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant WhitelistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Address:
        return tr("Address");
    case Note:
        return tr("Note");
    case AddedBy:
        return tr("Added by");
    case AddedAt:
        return tr("Added");
    }
    return {};
}

QString whitelistProblem(const QString &text, bool mayWiden, QString *normalized)
{
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return BansView::tr("Type an IP address (192.0.2.7) or a network (192.0.2.0/24).");
    auto parsed = parseNetworkAddress(typed);
    if (!parsed)
        return BansView::tr("“%1” is not an IP address or a network: type one such as 192.0.2.7 "
                            "or 192.0.2.0/24.")
            .arg(typed.left(60));
    if (parsed.value().isWide() && !mayWiden)
        return BansView::tr("%1 is wider than /24 (IPv4) or /64 (IPv6): this relay does not let "
                            "you whitelist such a network.")
            .arg(parsed.value().text);
    if (normalized)
        *normalized = parsed.value().text;
    return {};
}

void askWhitelist(QWidget *parent, const QString &address, bool mayWiden,
                  std::function<void(const QString &, const QString &)> accepted)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"whitelistDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(address.isEmpty() ? BansView::tr("Add to the whitelist")
                                             : BansView::tr("Whitelist %1").arg(address));
    auto *addressEdit = new QLineEdit(address, dialog);
    addressEdit->setObjectName(u"whitelistAddress"_s);
    addressEdit->setPlaceholderText(BansView::tr("192.0.2.7 or 192.0.2.0/24"));
    auto *note = new QLineEdit(dialog);
    note->setObjectName(u"whitelistNote"_s);
    note->setPlaceholderText(BansView::tr("the customer and the ticket, e.g. Rossi srl, #4711"));
    note->setMaxLength(500);
    auto *what = new QLabel(BansView::tr("A whitelisted address is never banned on this relay (a "
                                         "ban in force is lifted)."),
                            dialog);
    what->setWordWrap(true);
    auto *warning = new QLabel(client::whitelistWarning(), dialog);
    warning->setObjectName(u"whitelistWarning"_s);
    warning->setWordWrap(true);
    auto *problem = new QLabel(dialog);
    problem->setObjectName(u"whitelistProblem"_s);
    problem->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(BansView::tr("Whitelist"));
    auto *form = new QFormLayout;
    form->addRow(BansView::tr("&Address:"), addressEdit);
    form->addRow(BansView::tr("&Note:"), note);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(problem);
    layout->addWidget(warning);
    layout->addWidget(buttons);
    const auto check = [=] {
        const QString why = whitelistProblem(addressEdit->text(), mayWiden);
        // An empty field is not an error yet: OK stays off, nothing is shouted.
        problem->setText(addressEdit->text().trimmed().isEmpty() ? QString() : why);
        problem->setVisible(!problem->text().isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
    };
    QObject::connect(addressEdit, &QLineEdit::textChanged, dialog, check);
    check();
    (address.isEmpty() ? addressEdit : note)->setFocus();
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, [=] {
        QString normalized;
        if (!whitelistProblem(addressEdit->text(), mayWiden, &normalized).isEmpty())
            return;
        dialog->accept();
        accepted(normalized, note->text().trimmed());
    });
    dialog->open();
}

BansView::BansView(QWidget *parent)
    : RelayView(parent)
    , m_model(new BansModel(this))
    , m_whitelist(new WhitelistModel(this))
    , m_bansTitle(new QLabel(this))
    , m_table(new QTableView(this))
    , m_log(new QTextBrowser(this))
    , m_whitelistTitle(new QLabel(this))
    , m_whitelistTable(new QTableView(this))
    , m_refresh(new QPushButton(this))
    , m_unban(new QPushButton(this))
    , m_addWhitelist(new QPushButton(this))
    , m_addAddress(new QPushButton(this))
    , m_removeWhitelist(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_listCall(new RelayCall(this))
    , m_logCall(new RelayCall(this))
    , m_writeCall(new RelayCall(this))
    , m_prefetchCall(new RelayCall(this))
{
    m_clock.start();
    setObjectName(u"bansView"_s);
    m_table->setObjectName(u"bansTable"_s);
    m_log->setObjectName(u"bansLog"_s);
    m_whitelistTable->setObjectName(u"whitelistTable"_s);
    m_refresh->setObjectName(u"bansRefresh"_s);
    m_unban->setObjectName(u"bansUnban"_s);
    m_addWhitelist->setObjectName(u"bansWhitelist"_s);
    m_addAddress->setObjectName(u"whitelistAdd"_s);
    m_removeWhitelist->setObjectName(u"whitelistRemove"_s);
    m_log->setOpenLinks(false);
    m_status->setObjectName(u"bansStatus"_s);
    for (QTableView *t : {m_table, m_whitelistTable}) {
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->verticalHeader()->setVisible(false);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    m_table->setModel(m_model);
    m_whitelistTable->setModel(m_whitelist);
    m_table->setColumnWidth(BansModel::Address, 140);
    m_table->setColumnWidth(BansModel::Reason, 220);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_unban);
    buttons->addWidget(m_addWhitelist);
    buttons->addStretch(1);
    buttons->addWidget(m_status);
    auto *whitelistButtons = new QHBoxLayout;
    whitelistButtons->addWidget(m_whitelistTitle, 1);
    whitelistButtons->addWidget(m_addAddress);
    whitelistButtons->addWidget(m_removeWhitelist);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_bansTitle);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(whitelistButtons);
    bottomLayout->addWidget(m_whitelistTable, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_log);
    splitter->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &BansView::reload);
    connect(m_unban, &QPushButton::clicked, this, [this] {
        if (const QString a = selectedAddress(); !a.isEmpty())
            unbanAddress(a);
    });
    const auto ask = [this](const QString &address) {
        askWhitelist(this, address, connection() && connection()->can(Permission::WhitelistWide),
                     [this](const QString &a, const QString &note) { whitelistAddress(a, note); });
    };
    connect(m_addWhitelist, &QPushButton::clicked, this, [this, ask] {
        if (const QString a = selectedAddress(); !a.isEmpty())
            ask(a);
    });
    connect(m_addAddress, &QPushButton::clicked, this, [ask] { ask(QString()); });
    connect(m_removeWhitelist, &QPushButton::clicked, this, [this] {
        const QModelIndex i = m_whitelistTable->currentIndex();
        if (i.isValid())
            confirmRemoveFromWhitelist(m_whitelist->entry(i.row()).address);
    });
    connect(m_writeCall, &RelayCall::busyChanged, this, &BansView::updateActions);
    // The "why" pane follows the selection, however it was made (mouse, keyboard, code).
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BansView::showLog);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BansView::updateActions);
    connect(m_whitelistTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BansView::updateActions);
    retranslate();
    updateActions();
}

void BansView::connectionChanged()
{
    m_reports.clear();
    m_prefetchAddresses.clear();
    m_prefetchCall->cancel();
    m_status->clear();
    m_model->setSnapshot({});
    m_whitelist->setEntries({});
    m_log->clear();
    if (isVisible())
        reload();
    updateActions();
}

void BansView::relayChanged()
{
    updateActions();
    if (isVisible() && m_model->rowCount() == 0 && m_status->text().isEmpty())
        reload(); // the relay came online while the view was showing
}

void BansView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void BansView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadBans)) {
        // Not asked at all: the relay would refuse (and audit) every refresh.
        m_status->setText(tr("This relay does not let you see its bans."));
        return;
    }
    auto client = connection()->client();
    m_status->setText(tr("Loading…"));
    m_listCall->start([&](transport::CancelToken) { return client::bansList(client); },
                      [this](const Result<client::BansSnapshot> &r) {
                          if (!r) {
                              m_status->setText(client::errorText(r.error()));
                              return;
                          }
                          const QString selected = selectedAddress();
                          m_model->setSnapshot(r.value());
                          m_whitelist->setEntries(r.value().whitelist);
                          m_status->setText(tr("%n banned", nullptr, m_model->rowCount()));
                          // A model reset clears the selection without a signal.
                          if (const int row = m_model->rowOf(selected); row >= 0) {
                              m_table->selectRow(row);
                          } else {
                              m_logCall->cancel();
                              if (selected.isEmpty())
                                  m_log->clear();
                              else
                                  m_log->setPlainText(
                                      tr("%1 is not banned any more.").arg(selected));
                          }
                          updateActions();
                          // What the next click needs: why the first listed ones are banned.
                          m_prefetchAddresses.clear();
                          for (int i = 0; i < qMin(m_model->rowCount(), PrefetchBans); ++i)
                              m_prefetchAddresses.append(m_model->ban(i).address);
                          if (!m_prefetchCall->isBusy())
                              prefetchNext();
                          emit loaded();
                      });
}

QString BansView::selectedAddress() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() && m_table->selectionModel()->isRowSelected(i.row())
               ? m_model->ban(i.row()).address
               : QString();
}

void BansView::updateActions()
{
    const bool unban = connection() && connection()->can(Permission::Unban);
    const bool whitelist = connection() && connection()->can(Permission::Whitelist);
    const bool idle = !m_writeCall->isBusy(); // one write at a time
    m_unban->setEnabled(idle && unban && !selectedAddress().isEmpty());
    m_addWhitelist->setEnabled(idle && whitelist && !selectedAddress().isEmpty());
    m_addAddress->setEnabled(idle && whitelist && isOnline());
    m_removeWhitelist->setEnabled(idle && whitelist &&
                                  m_whitelistTable->selectionModel()->hasSelection());
    m_unban->setToolTip(
        whyNot(Permission::Unban, tr("This relay does not let you unban addresses.")));
    const QString noWhitelist =
        whyNot(Permission::Whitelist, tr("This relay does not let you change its whitelist."));
    m_addWhitelist->setToolTip(noWhitelist);
    m_addAddress->setToolTip(noWhitelist.isEmpty()
                                 ? tr("Whitelist any address or network, banned or not.")
                                 : noWhitelist);
    m_removeWhitelist->setToolTip(noWhitelist);
}

void BansView::showLog()
{
    const QString address = selectedAddress();
    if (address.isEmpty() || !connection()) {
        m_logCall->cancel();
        m_log->clear();
        return;
    }
    // At once, what the listing already knows; the log lines follow.
    const api::Ban &ban = m_model->ban(m_model->rowOf(address));
    client::AddressReport known;
    known.address = address;
    known.bans = {ban};
    known.reason = ban.reason;
    m_log->setPlainText(tr("Why %1 is banned: %2")
                            .arg(address, ban.reason == api::FailureKind::None
                                              ? tr("no failure found in the logs")
                                              : client::failureKindText(ban.reason)) +
                        u"\n\n"_s + tr("Reading the log lines…"));
    if (const client::AddressReport *r = report(address)) {
        m_logCall->cancel();
        showReport(*r);
        return;
    }
    auto client = connection()->client();
    m_logCall->start([&](transport::CancelToken) { return client::bansLog(client, address); },
                     [this, address](const Result<client::AddressReport> &r) {
                         if (r)
                             m_reports.insert(address, {r.value(), m_clock.elapsed()});
                         if (selectedAddress() != address)
                             return;
                         if (!r) {
                             m_log->setPlainText(client::errorText(r.error()));
                             return;
                         }
                         showReport(r.value());
                     });
}

const client::AddressReport *BansView::report(const QString &address) const
{
    const auto it = m_reports.constFind(address);
    if (it == m_reports.cend() || m_clock.elapsed() - it->at > ReportFreshMs)
        return nullptr;
    return &it->report;
}

void BansView::prefetchNext()
{
    while (!m_prefetchAddresses.isEmpty() && report(m_prefetchAddresses.first()))
        m_prefetchAddresses.removeFirst();
    if (m_prefetchAddresses.isEmpty() || !isOnline() || !connection()->can(Permission::ReadBans))
        return;
    const QString address = m_prefetchAddresses.takeFirst();
    auto client = connection()->client();
    // Not canceled by a click (a canceled call closes its SSH session): it just finishes.
    m_prefetchCall->start([&](transport::CancelToken) { return client::bansLog(client, address); },
                          [this, address](const Result<client::AddressReport> &r) {
                              if (r) {
                                  m_reports.insert(address, {r.value(), m_clock.elapsed()});
                                  // Clicked while it was on its way: the click's own call goes on.
                                  if (m_logCall->isBusy() && selectedAddress() == address)
                                      showReport(r.value());
                              }
                              prefetchNext();
                          });
}

void BansView::showReport(const client::AddressReport &report)
{
    QString text = (report.bans.isEmpty() ? tr("%1 is not banned.").arg(report.address)
                                          : tr("Why %1 is banned:").arg(report.address)) +
                   u' ' + client::failureExplanation(report) + u"\n\n"_s;
    if (report.whitelisted)
        text += tr("On the whitelist since %1 (%2): %3")
                    .arg(QLocale().toString(report.whitelisted->addedAt.toLocalTime(),
                                            QLocale::ShortFormat),
                         report.whitelisted->addedBy, report.whitelisted->note) +
                u"\n\n"_s;
    else
        text += client::whitelistWarning() + u"\n\n"_s;
    if (!report.lines.isEmpty())
        text += tr("What the logs say:") + u'\n';
    for (const auto &l : report.lines)
        text += u"[%1] %2\n"_s.arg(l.source, l.text);
    m_log->setPlainText(text);
}

void BansView::afterWrite(const QString &done, const Error *error)
{
    m_reports.clear(); // an unban or a whitelist change changes what they say
    m_prefetchAddresses.clear();
    m_prefetchCall->cancel(); // its answer may be from before the change
    if (error) {
        const QString text = client::errorText(*error);
        m_status->setText(text);
        emit message(text);
        return;
    }
    m_status->setText(done);
    emit message(done);
    emit changed();
    relayWritten();
    reload();
}

// The writes are not interrupted (the token is not passed on); their report belongs to this
// relay and is dropped if another one is selected meanwhile.

void BansView::unbanAddress(const QString &address)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) { return client::unban(client, address); },
        [this, address](const Result<api::UnbanResult> &r) {
            afterWrite(
                tr("%1 unbanned (%2).").arg(address, r ? r.value().jails.join(u", "_s) : QString()),
                r ? nullptr : &r.error());
        });
}

void BansView::whitelistAddress(const QString &address, const QString &note)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) { return client::whitelistAdd(client, address, note); },
        [this, address](const Result<api::WhitelistResult> &r) {
            afterWrite(tr("%1 is on the whitelist.").arg(address), r ? nullptr : &r.error());
        });
}

void BansView::confirmRemoveFromWhitelist(const QString &address)
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Remove from the whitelist"),
        tr("Remove %1 from the whitelist? It can be banned again after failed logins, like any "
           "other address.")
            .arg(address),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"whitelistConfirm"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    box->button(QMessageBox::No)->setText(tr("Keep it"));
    connect(box, &QMessageBox::finished, this, [this, box, address] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            removeFromWhitelist(address);
    });
    box->open();
}

void BansView::removeFromWhitelist(const QString &address)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) { return client::whitelistRemove(client, address); },
        [this, address](const Result<api::WhitelistResult> &r) {
            afterWrite(tr("%1 is no longer on the whitelist.").arg(address),
                       r ? nullptr : &r.error());
        });
}

void BansView::retranslate()
{
    m_bansTitle->setText(tr("Banned addresses"));
    m_whitelistTitle->setText(tr("Whitelist (never banned)"));
    m_refresh->setText(tr("Refresh"));
    m_unban->setText(tr("Unban"));
    m_addWhitelist->setText(tr("Whitelist…"));
    m_addAddress->setText(tr("Add…"));
    m_removeWhitelist->setText(tr("Remove from whitelist…"));
}

void BansView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
