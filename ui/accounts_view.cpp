#include "accounts_view.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QClipboard>
#include <QColor>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

// A window-modal form (no nested event loop): `fields` are added as labelled line edits, OK
// is enabled while every `required` one has text, `accepted` gets their texts in order.
struct Field
{
    QString name; // object name
    QString label;
    QString placeholder = {};
    bool required = true;
};

void askForm(QWidget *parent, const QString &objectName, const QString &title, const QString &intro,
             const QList<Field> &fields, std::function<void(const QStringList &)> accepted)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    if (!intro.isEmpty()) {
        auto *text = new QLabel(intro, dialog);
        text->setWordWrap(true);
        layout->addWidget(text);
    }
    auto *form = new QFormLayout;
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(buttons);
    QList<QLineEdit *> edits;
    for (const Field &f : fields) {
        auto *edit = new QLineEdit(dialog);
        edit->setObjectName(f.name);
        edit->setPlaceholderText(f.placeholder);
        form->addRow(f.label, edit);
        edits.append(edit);
    }
    QList<bool> required;
    for (const Field &f : fields)
        required.append(f.required);
    auto update = [buttons, edits, required] {
        bool ok = true;
        for (qsizetype i = 0; i < edits.size(); ++i)
            ok = ok && (!required[i] || !edits[i]->text().trimmed().isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    };
    for (QLineEdit *edit : edits)
        QObject::connect(edit, &QLineEdit::textChanged, dialog, update);
    update();
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog,
                     [dialog, edits, accepted = std::move(accepted)] {
                         QStringList values;
                         for (QLineEdit *edit : edits)
                             values.append(edit->text().trimmed());
                         dialog->accept();
                         accepted(values);
                     });
    dialog->open();
}

} // namespace

// ---------------------------------------------------------------- AccountsModel

AccountsModel::AccountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AccountsModel::setList(const api::AccountsList &list)
{
    beginResetModel();
    m_list = list;
    endResetModel();
}

int AccountsModel::rowOf(const QString &login) const
{
    for (qsizetype i = 0; i < m_list.accounts.size(); ++i) {
        if (m_list.accounts[i].login == login)
            return int(i);
    }
    return -1;
}

int AccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.accounts.size());
}

int AccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const api::AccountEntry &a = m_list.accounts[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Login:
            return a.login;
        case Senders:
            return tr("%n sender(s)", nullptr, a.senders);
        case Password:
            if (m_list.credentials != u"local"_s)
                return tr("checked by the mail server");
            return a.hasPassword ? tr("set") : tr("none: cannot log in");
        case State:
            return a.suspended ? tr("Suspended: %1").arg(a.suspendedReason) : tr("Active");
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State && a.suspended)
        return QColor(0xb0, 0x20, 0x20);
    return {};
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Login:
        return tr("Login");
    case Senders:
        return tr("Authorized senders");
    case Password:
        return tr("Password");
    case State:
        return tr("State");
    }
    return {};
}

// ---------------------------------------------------------------- AccountsView

AccountsView::AccountsView(QWidget *parent)
    : RelayView(parent)
    , m_model(new AccountsModel(this))
    , m_title(new QLabel(this))
    , m_table(new QTableView(this))
    , m_refresh(new QPushButton(this))
    , m_add(new QPushButton(this))
    , m_passwd(new QPushButton(this))
    , m_suspend(new QPushButton(this))
    , m_resume(new QPushButton(this))
    , m_remove(new QPushButton(this))
    , m_limits(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_listCall(new RelayCall(this))
    , m_writeCall(new RelayCall(this))
    , m_heldTitle(new QLabel(this))
    , m_heldTable(new QTableView(this))
    , m_held(new QStandardItemModel(this))
    , m_release(new QPushButton(this))
    , m_delete(new QPushButton(this))
    , m_heldCall(new RelayCall(this))
{
    setObjectName(u"accountsView"_s);
    m_table->setObjectName(u"accountsTable"_s);
    m_refresh->setObjectName(u"accountsRefresh"_s);
    m_add->setObjectName(u"accountsAdd"_s);
    m_passwd->setObjectName(u"accountsPasswd"_s);
    m_suspend->setObjectName(u"accountsSuspend"_s);
    m_resume->setObjectName(u"accountsResume"_s);
    m_remove->setObjectName(u"accountsRemove"_s);
    m_limits->setObjectName(u"accountsLimits"_s);
    m_status->setObjectName(u"accountsStatus"_s);
    m_status->setWordWrap(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setModel(m_model);
    m_table->setColumnWidth(AccountsModel::Login, 200);
    m_table->setColumnWidth(AccountsModel::Senders, 160);
    m_table->setColumnWidth(AccountsModel::Password, 180);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_refresh, m_add, m_passwd, m_suspend, m_resume, m_remove, m_limits})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    // Beside a suspended account: its held mail, to release or delete after the review.
    m_heldTitle->setObjectName(u"heldTitle"_s);
    m_heldTable->setObjectName(u"heldTable"_s);
    m_release->setObjectName(u"heldRelease"_s);
    m_delete->setObjectName(u"heldDelete"_s);
    m_heldTable->setModel(m_held);
    m_heldTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_heldTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_heldTable->verticalHeader()->setVisible(false);
    m_heldTable->horizontalHeader()->setStretchLastSection(true);
    auto *heldButtons = new QHBoxLayout;
    heldButtons->addWidget(m_release);
    heldButtons->addWidget(m_delete);
    heldButtons->addStretch(1);
    layout->addWidget(m_heldTitle);
    layout->addWidget(m_heldTable, 1);
    layout->addLayout(heldButtons);
    connect(m_release, &QPushButton::clicked, this, [this] { actOnHeld(true); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        auto *ask = new QMessageBox(QMessageBox::Warning, tr("Delete held mail"),
                                    tr("Delete the selected held messages of %1 (all of them "
                                       "when none is selected)? They are not delivered and "
                                       "cannot be recovered.")
                                        .arg(m_heldLogin),
                                    QMessageBox::Yes | QMessageBox::No, this);
        ask->setObjectName(u"heldDeleteConfirm"_s);
        ask->setDefaultButton(QMessageBox::No);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::finished, this, m_heldCall->guard([this](int answer) {
            if (answer == QMessageBox::Yes)
                actOnHeld(false);
        }));
        ask->open();
    });
    connect(m_heldCall, &RelayCall::busyChanged, this, &AccountsView::updateActions);
    connect(m_heldTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccountsView::updateActions);

    connect(m_refresh, &QPushButton::clicked, this, &AccountsView::reload);
    connect(m_limits, &QPushButton::clicked, this, [this] {
        if (const QString login = selectedLogin(); !login.isEmpty())
            emit limitsRequested(login);
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        askForm(this, u"accountAdd"_s, tr("Add an account"),
                tr("The login is the one the customer's mail program uses. A password is "
                   "generated and shown once."),
                {{u"accountLogin"_s, tr("Login:")},
                 {u"accountSenders"_s, tr("Authorized senders:"),
                  tr("addresses or patterns, separated by spaces or commas"), false}},
                m_writeCall->guard([this](const QStringList &v) {
                    api::AccountAddRequest r;
                    r.login = v[0];
                    r.senders = v[1].split(QRegularExpression(u"[\\s,;]+"_s), Qt::SkipEmptyParts);
                    add(r);
                }));
    });
    connect(m_passwd, &QPushButton::clicked, this, [this] {
        const QString login = selectedLogin();
        if (login.isEmpty())
            return;
        auto *ask = new QMessageBox(QMessageBox::Question, tr("New password"),
                                    tr("Generate a new password for %1? The old one stops "
                                       "working at once: every mail program of the customer "
                                       "must be given the new one.")
                                        .arg(login),
                                    QMessageBox::Yes | QMessageBox::No, this);
        ask->setObjectName(u"accountPasswdConfirm"_s);
        ask->setDefaultButton(QMessageBox::No);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::finished, this, m_writeCall->guard([this, login](int answer) {
            if (answer == QMessageBox::Yes)
                newPassword(login);
        }));
        ask->open();
    });
    connect(m_suspend, &QPushButton::clicked, this, [this] {
        const QString login = selectedLogin();
        if (login.isEmpty())
            return;
        askForm(this, u"accountSuspend"_s, tr("Suspend %1").arg(login),
                tr("Its logins still succeed, but every message is refused (550) with the reply "
                   "below, and its queued mail is held until it is resumed. Its contact is "
                   "told by e-mail."),
                {{u"suspendReason"_s, tr("Reason (audited, mailed to the contact):")},
                 {u"suspendMessage"_s, tr("Reply to the mail program:"),
                  tr("default: Account suspended for suspected abuse: contact support"), false}},
                m_writeCall->guard([this, login](const QStringList &v) {
                    setSuspended(true, {login, v[0], v[1]});
                }));
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        const QString login = selectedLogin();
        if (login.isEmpty())
            return;
        askForm(this, u"accountResume"_s, tr("Resume %1").arg(login),
                tr("Its mail is accepted again and its held messages are delivered."),
                {{u"resumeReason"_s, tr("Reason (audited, mailed to the contact):")}},
                m_writeCall->guard([this, login](const QStringList &v) {
                    setSuspended(false, {login, v[0], {}});
                }));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString login = selectedLogin();
        if (login.isEmpty())
            return;
        auto *ask = new QMessageBox(QMessageBox::Warning, tr("Remove account"),
                                    tr("Remove %1? Its password and its policy (senders, "
                                       "limits, rules) are removed; its mail programs can no "
                                       "longer send.")
                                        .arg(login),
                                    QMessageBox::Yes | QMessageBox::No, this);
        ask->setObjectName(u"accountRemoveConfirm"_s);
        ask->setDefaultButton(QMessageBox::No);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::finished, this, m_writeCall->guard([this, login](int answer) {
            if (answer == QMessageBox::Yes)
                remove(login);
        }));
        ask->open();
    });
    connect(m_writeCall, &RelayCall::busyChanged, this, &AccountsView::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        loadHeld();
        updateActions();
    });
    retranslate();
    updateActions();
}

void AccountsView::connectionChanged()
{
    m_status->clear();
    m_model->setList({});
    if (isVisible())
        reload();
    updateActions();
}

void AccountsView::relayChanged()
{
    updateActions();
    if (isVisible() && m_model->rowCount() == 0 && m_status->text().isEmpty())
        reload();
}

void AccountsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void AccountsView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadPolicy)) {
        m_status->setText(tr("This relay does not let you see its accounts."));
        return;
    }
    auto client = connection()->client();
    if (m_model->rowCount() == 0)
        m_status->setText(tr("Loading…"));
    m_listCall->start([&](transport::CancelToken) { return client::accountsList(client); },
                      [this](const Result<api::AccountsList> &r) {
                          if (!r) {
                              m_status->setText(client::errorText(r.error()));
                              return;
                          }
                          const QString selected = selectedLogin();
                          m_model->setList(r.value());
                          if (const int row = m_model->rowOf(selected); row >= 0)
                              m_table->selectRow(row);
                          if (m_status->text() == tr("Loading…"))
                              m_status->clear();
                          loadHeld();
                          updateActions();
                          emit loaded();
                      });
}

template<typename T>
void AccountsView::finish(const Result<T> &r, const std::function<QString(const T &)> &done)
{
    const QString text = r ? done(r.value()) : client::errorText(r.error());
    m_status->setText(text);
    emit message(text);
    if (r) {
        relayWritten(); // the policy's revision moved: the other views follow `info`
        reload();
    }
    emit written();
}

void AccountsView::add(const api::AccountAddRequest &request)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start([&](transport::CancelToken) { return client::accountsAdd(client, request); },
                       [this](const Result<api::AccountWriteResult> &r) {
                           finish<api::AccountWriteResult>(
                               r, [this](const api::AccountWriteResult &w) {
                                   if (!w.password.isEmpty())
                                       showPassword(w.login, w.password);
                                   return tr("Account %1 added.").arg(w.login);
                               });
                       });
}

void AccountsView::newPassword(const QString &login)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) {
            return client::accountsPasswd(client, {login, {}});
        },
        [this](const Result<api::AccountWriteResult> &r) {
            finish<api::AccountWriteResult>(r, [this](const api::AccountWriteResult &w) {
                showPassword(w.login, w.password);
                return tr("New password of %1 set.").arg(w.login);
            });
        });
}

void AccountsView::remove(const QString &login)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) { return client::accountsRemove(client, login); },
        [this](const Result<api::AccountWriteResult> &r) {
            finish<api::AccountWriteResult>(r, [](const api::AccountWriteResult &w) {
                return tr("Account %1 removed.").arg(w.login);
            });
        });
}

void AccountsView::setSuspended(bool suspend, const api::AccountSuspendRequest &request)
{
    if (!connection() || m_writeCall->isBusy())
        return;
    auto client = connection()->client();
    m_writeCall->start(
        [&](transport::CancelToken) { return client::accountsSwitch(client, suspend, request); },
        [this](const Result<api::AccountSuspendResult> &r) {
            finish<api::AccountSuspendResult>(r, [](const api::AccountSuspendResult &s) {
                QStringList parts{s.suspended ? tr("%1 suspended: %n queued message(s) on hold.",
                                                   nullptr, int(s.held.size()))
                                                    .arg(s.login)
                                              : tr("%1 resumed: %n held message(s) released.",
                                                   nullptr, int(s.held.size()))
                                                    .arg(s.login)};
                if (!s.notified.isEmpty())
                    parts << tr("Told %1.").arg(s.notified.join(u", "_s));
                if (!s.notifyError.isEmpty())
                    parts << tr("Nobody was told: %1").arg(s.notifyError);
                if (!s.queueError.isEmpty())
                    parts << tr("The queue was not fully changed: %1").arg(s.queueError);
                return parts.join(u' ');
            });
        });
}

void AccountsView::loadHeld()
{
    const QString login = selectedLogin();
    m_heldLogin = login;
    m_held->clear();
    m_held->setHorizontalHeaderLabels(
        {tr("Queue id"), tr("Arrived"), tr("Sender"), tr("Recipients")});
    m_heldTitle->setText(login.isEmpty() ? tr("Mail on hold")
                                         : tr("Mail of %1 on hold").arg(login));
    if (login.isEmpty() || !isOnline() || !connection()->can(Permission::ReadQueue)) {
        m_heldCall->cancel();
        updateActions();
        return;
    }
    auto client = connection()->client();
    api::QueueListRequest request;
    request.queue = u"hold"_s;
    request.account = login;
    m_heldCall->start(
        [&](transport::CancelToken cancel) {
            return client::queueList(client, request, {}, std::move(cancel));
        },
        [this, login](Result<client::QueueListing> &&r) {
            if (login != m_heldLogin)
                return;
            if (!r) {
                m_heldTitle->setText(client::errorText(r.error()));
                return;
            }
            for (const client::QueueRow &row : r.value().rows) {
                m_held->appendRow(
                    {new QStandardItem(row.id),
                     new QStandardItem(QLocale().toString(
                         QDateTime::fromSecsSinceEpoch(row.arrival), QLocale::ShortFormat)),
                     new QStandardItem(row.sender), new QStandardItem(row.recipients)});
            }
            m_heldTitle->setText(
                tr("Mail of %1 on hold: %n message(s)", nullptr, int(r.value().rows.size()))
                    .arg(login));
            updateActions();
            emit heldLoaded();
        });
}

void AccountsView::actOnHeld(bool release)
{
    if (!connection() || m_heldCall->isBusy() || m_held->rowCount() == 0)
        return;
    QStringList ids;
    for (const QModelIndex &i : m_heldTable->selectionModel()->selectedRows())
        ids.append(m_held->item(i.row(), 0)->text());
    if (ids.isEmpty()) {
        for (int row = 0; row < m_held->rowCount(); ++row)
            ids.append(m_held->item(row, 0)->text());
    }
    auto client = connection()->client();
    const auto action = release ? api::QueueAction::Release : api::QueueAction::Delete;
    m_heldCall->start(
        [&](transport::CancelToken) { return client::queueAction(client, action, ids); },
        [this, release](const Result<QList<api::ActionResult>> &r) {
            const QString text =
                !r        ? client::errorText(r.error())
                : release ? tr("%n held message(s) released.", nullptr, int(r.value().size()))
                          : tr("%n held message(s) deleted.", nullptr, int(r.value().size()));
            m_status->setText(text);
            emit message(text);
            if (r)
                relayWritten();
            loadHeld();
        });
}

void AccountsView::showPassword(const QString &login, const QString &password)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"accountPassword"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(tr("Password of %1").arg(login));
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QLabel(tr("The password of %1, shown only now: copy it for the customer. "
                               "The relay keeps only its hash.")
                                .arg(login),
                            dialog);
    text->setWordWrap(true);
    auto *field = new QLineEdit(password, dialog);
    field->setObjectName(u"accountPasswordText"_s);
    field->setReadOnly(true);
    auto *copy = new QPushButton(tr("Copy"), dialog);
    copy->setObjectName(u"accountPasswordCopy"_s);
    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(copy);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    layout->addWidget(text);
    layout->addLayout(row);
    layout->addWidget(close);
    connect(copy, &QPushButton::clicked, dialog,
            [field] { QGuiApplication::clipboard()->setText(field->text()); });
    connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    dialog->open();
}

int AccountsView::selectedRow() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() && m_table->selectionModel()->isRowSelected(i.row()) ? i.row() : -1;
}

QString AccountsView::selectedLogin() const
{
    const int row = selectedRow();
    return row >= 0 ? m_model->account(row).login : QString();
}

void AccountsView::updateActions()
{
    const bool write =
        connection() && connection()->can(Permission::EditOwnAccounts) && !m_writeCall->isBusy();
    const int row = selectedRow();
    const bool local = m_model->list().credentials == u"local"_s;
    const bool suspended = row >= 0 && m_model->account(row).suspended;
    m_add->setEnabled(write);
    m_passwd->setEnabled(write && row >= 0 && local);
    m_suspend->setEnabled(write && row >= 0 && !suspended);
    m_resume->setEnabled(write && row >= 0 && suspended);
    m_remove->setEnabled(write && row >= 0);
    m_limits->setEnabled(row >= 0);
    const QString why = connection() && !connection()->can(Permission::EditOwnAccounts)
                            ? tr("This relay does not let you change accounts.")
                            : QString();
    for (QPushButton *b : {m_add, m_passwd, m_suspend, m_resume, m_remove})
        b->setToolTip(why);
    const bool queue = connection() && connection()->can(Permission::ChangeQueue) &&
                       !m_heldCall->isBusy() && m_held->rowCount() > 0;
    m_release->setEnabled(queue);
    m_delete->setEnabled(queue);
}

void AccountsView::retranslate()
{
    m_title->setText(tr("Accounts of this relay"));
    m_refresh->setText(tr("Refresh"));
    m_add->setText(tr("Add…"));
    m_passwd->setText(tr("New password…"));
    m_suspend->setText(tr("Suspend…"));
    m_resume->setText(tr("Resume…"));
    m_remove->setText(tr("Remove…"));
    m_limits->setText(tr("Limits and trusted addresses…"));
    m_release->setText(tr("Release"));
    m_delete->setText(tr("Delete…"));
}

void AccountsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
