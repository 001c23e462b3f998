#include "history_view.h"

#include "client/policy_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "policy_dialogs.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString roleText(const QString &role)
{
    if (role == u"admin")
        return HistoryModel::tr("admin");
    if (role == u"partner")
        return HistoryModel::tr("partner");
    if (role == u"helpdesk")
        return HistoryModel::tr("helpdesk");
    if (role == u"viewer")
        return HistoryModel::tr("viewer");
    return role;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setHistory(const api::PolicyHistory &history)
{
    beginResetModel();
    m_history = history;
    endResetModel();
}

int HistoryModel::rowOf(int revision) const
{
    for (int i = 0; i < m_history.revisions.size(); ++i) {
        if (m_history.revisions[i].number == revision)
            return i;
    }
    return -1;
}

QString HistoryModel::whoText(const QString &user, const QString &role)
{
    if (role.isEmpty())
        return user;
    return tr("%1 (%2)").arg(user, roleText(role));
}

QString HistoryModel::originText(const QString &origin)
{
    if (origin.isEmpty() || origin == u"local")
        return tr("on the relay itself");
    return origin;
}

QString HistoryModel::commentText(const api::PolicyRevision &r)
{
    if (!r.comment.isEmpty())
        return r.comment;
    if (r.kind == u"external")
        return tr("Edited by hand on the relay");
    if (r.kind == u"initial")
        return tr("The first policy");
    if (r.kind == u"rollback")
        return tr("Rollback");
    if (r.kind == u"accounts add")
        return tr("Account added");
    if (r.kind == u"accounts remove")
        return tr("Account removed");
    if (r.kind == u"accounts suspend")
        return tr("Account suspended");
    if (r.kind == u"accounts resume")
        return tr("Account resumed");
    return {};
}

QString HistoryModel::changesText(const QList<policy::Change> &changes)
{
    if (changes.isEmpty())
        return tr("no change");
    const QString first = client::changeText(changes.first());
    if (changes.size() == 1)
        return first;
    return tr("%1 and %n more", nullptr, int(changes.size() - 1)).arg(first);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.revisions.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_history.revisions.size())
        return {};
    const api::PolicyRevision &r = m_history.revisions[index.row()];
    if (role == RevisionRole)
        return r.number;
    if (role == Qt::ToolTipRole && index.column() == Changes) {
        QStringList lines;
        for (const policy::Change &c : r.changes)
            lines.append(client::changeText(c));
        return lines.join(u'\n');
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Revision:
        return r.number == m_history.currentRevision ? tr("%1 (in force)").arg(r.number)
                                                     : QString::number(r.number);
    case When:
        return when(r.time);
    case Who:
        return whoText(r.user, r.role);
    case From:
        return originText(r.origin);
    case Comment:
        return commentText(r);
    case Changes:
        return changesText(r.changes);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Revision:
        return tr("Revision");
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case From:
        return tr("From");
    case Comment:
        return tr("Comment");
    case Changes:
        return tr("Changes");
    }
    return {};
}

HistoryView::HistoryView(QWidget *parent)
    : RelayView(parent)
    , m_model(new HistoryModel(this))
    , m_title(new QLabel(this))
    , m_table(new QTableView(this))
    , m_changesTitle(new QLabel(this))
    , m_changes(new QListWidget(this))
    , m_refresh(new QPushButton(this))
    , m_rollback(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_listCall(new RelayCall(this))
    , m_diffCall(new RelayCall(this))
    , m_rollbackCall(new RelayCall(this))
{
    setObjectName(u"historyView"_s);
    m_table->setObjectName(u"historyTable"_s);
    m_changesTitle->setObjectName(u"historyChangesTitle"_s);
    m_changes->setObjectName(u"historyChanges"_s);
    m_refresh->setObjectName(u"historyRefresh"_s);
    m_rollback->setObjectName(u"historyRollback"_s);
    m_status->setObjectName(u"historyStatus"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->setColumnWidth(HistoryModel::Revision, 90);
    m_table->setColumnWidth(HistoryModel::When, 120);
    m_table->setColumnWidth(HistoryModel::Who, 150);
    m_table->setColumnWidth(HistoryModel::From, 100);
    m_table->setColumnWidth(HistoryModel::Comment, 230);
    m_changes->setUniformItemSizes(true);
    m_changesTitle->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_rollback);
    buttons->addStretch(1);
    buttons->addWidget(m_status);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_title);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_changesTitle);
    bottomLayout->addWidget(m_changes, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &HistoryView::reload);
    connect(m_rollback, &QPushButton::clicked, this, [this] {
        const QList<int> selected = selectedRevisions();
        if (selected.size() == 1)
            rollBack(selected.first());
    });
    for (RelayCall *call : {m_listCall, m_diffCall, m_rollbackCall})
        connect(call, &RelayCall::busyChanged, this, &HistoryView::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelection();
        updateActions();
    });
    retranslate();
    updateActions();
}

bool HistoryView::isBusy() const
{
    return m_listCall->isBusy() || m_diffCall->isBusy() || m_rollbackCall->isBusy();
}

void HistoryView::connectionChanged()
{
    m_status->clear();
    m_model->setHistory({});
    showSelection();
    if (isVisible())
        reload();
    updateActions();
}

void HistoryView::relayChanged()
{
    updateActions();
    if (isVisible() && m_model->rowCount() == 0 && m_status->text().isEmpty())
        reload(); // the relay came online while the view was showing
}

void HistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void HistoryView::reload()
{
    if (!isOnline())
        return;
    if (!connection()->can(Permission::ReadPolicy)) {
        m_status->setText(tr("This relay does not let you see its policy's history."));
        return;
    }
    auto client = connection()->client();
    m_status->setText(tr("Loading…"));
    m_listCall->start([&](transport::CancelToken) { return client::policyHistory(client); },
                      [this](const Result<api::PolicyHistory> &r) {
                          if (!r) {
                              m_status->setText(client::errorText(r.error()));
                              return;
                          }
                          const QList<int> selected = selectedRevisions();
                          m_model->setHistory(r.value());
                          m_status->setText(tr("%n revision(s); the relay is at revision %1",
                                               nullptr, int(r.value().revisions.size()))
                                                .arg(r.value().currentRevision));
                          if (!r.value().liveProblem.isEmpty())
                              m_status->setText(
                                  tr("The relay's policy file cannot be used (%1): roll back "
                                     "to a revision, the one in force too, to restore it.")
                                      .arg(r.value().liveProblem));
                          selectRevisions(selected);
                          showSelection();
                          updateActions();
                          emit loaded();
                      });
}

void HistoryView::selectRevisions(const QList<int> &revisions)
{
    QItemSelection selection;
    for (int revision : revisions) {
        const int row = m_model->rowOf(revision);
        if (row >= 0)
            selection.select(m_model->index(row, 0),
                             m_model->index(row, HistoryModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        m_table->selectionModel()->setCurrentIndex(selection.indexes().first(),
                                                   QItemSelectionModel::NoUpdate);
}

QList<int> HistoryView::selectedRevisions() const
{
    QList<int> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        out.append(i.data(HistoryModel::RevisionRole).toInt());
    std::sort(out.begin(), out.end());
    return out;
}

void HistoryView::showSelection()
{
    m_diffCall->cancel();
    m_changes->clear();
    const QList<int> selected = selectedRevisions();
    if (selected.isEmpty()) {
        m_changesTitle->setText(
            tr("Select a revision to see what it changed, or two to compare them."));
        return;
    }
    if (selected.size() > 2) {
        m_changesTitle->setText(tr("Select two revisions to compare them."));
        return;
    }
    if (selected.size() == 1) {
        const api::PolicyRevision &r = m_model->revision(m_model->rowOf(selected.first()));
        const QString by =
            tr("by %1 %2, %3")
                .arg(HistoryModel::whoText(r.user, r.role),
                     r.origin.isEmpty() || r.origin == u"local" ? HistoryModel::originText(r.origin)
                                                                : tr("from %1").arg(r.origin),
                     when(r.time));
        m_changesTitle->setText(
            r.base > 0
                ? tr("Revision %1, %2: %n change(s) to revision %3", nullptr, int(r.changes.size()))
                      .arg(r.number)
                      .arg(by)
                      .arg(r.base)
                : tr("Revision %1, %2: %n change(s)", nullptr, int(r.changes.size()))
                      .arg(r.number)
                      .arg(by));
        fillChangeList(m_changes, r.changes);
        emit changesShown();
        return;
    }
    const int from = selected.first(), to = selected.last();
    m_changesTitle->setText(tr("From revision %1 to revision %2: loading…").arg(from).arg(to));
    if (!isOnline())
        return;
    auto client = connection()->client();
    m_diffCall->start([&](transport::CancelToken) { return client::policyDiff(client, from, to); },
                      [this, from, to](const Result<api::PolicyDiff> &r) {
                          if (!r) {
                              m_changesTitle->setText(tr("From revision %1 to revision %2: %3")
                                                          .arg(from)
                                                          .arg(to)
                                                          .arg(client::errorText(r.error())));
                              return;
                          }
                          m_changesTitle->setText(
                              tr("From revision %1 to revision %2: %n change(s)", nullptr,
                                 int(r.value().changes.size()))
                                  .arg(from)
                                  .arg(to));
                          fillChangeList(m_changes, r.value().changes);
                          emit changesShown();
                      });
}

void HistoryView::rollBack(int revision)
{
    if (!isOnline() || m_rollbackCall->isBusy() || m_model->currentRevision() <= 0)
        return;
    if (revision == m_model->currentRevision() && !m_model->liveProblem().isEmpty()) {
        // Nothing differs but the broken file: restoring it needs no review of changes.
        auto *ask = new QMessageBox(
            QMessageBox::Question, tr("Roll back"),
            tr("Write revision %1 over the relay's broken policy file?").arg(revision),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        ask->setObjectName(u"restoreLiveConfirm"_s);
        ask->setAttribute(Qt::WA_DeleteOnClose);
        connect(ask, &QMessageBox::finished, this, [this, ask, revision] {
            if (ask->clickedButton() == ask->button(QMessageBox::Yes))
                sendRollback(revision, revision,
                             tr("restore the broken policy file from revision %1").arg(revision),
                             {});
        });
        ask->open();
        return;
    }
    if (revision == m_model->currentRevision()) {
        emit message(
            tr("Revision %1 is the one in force: there is nothing to roll back.").arg(revision));
        return;
    }
    reviewRollback(revision, m_model->currentRevision());
}

// What rolling back changes, against the revision the view shows in force (`base`): the
// rollback is sent with it, so a colleague's change since is a conflict.
void HistoryView::reviewRollback(int target, int base)
{
    if (!isOnline())
        return;
    auto client = connection()->client();
    m_status->setText(tr("Comparing with revision %1…").arg(target));
    m_rollbackCall->start(
        [&](transport::CancelToken) { return client::policyDiff(client, base, target); },
        [this, target, base](const Result<api::PolicyDiff> &r) {
            if (!r) {
                const QString text = tr("Not rolled back: %1").arg(client::errorText(r.error()));
                m_status->setText(text);
                emit message(text);
                return;
            }
            m_status->clear();
            const QList<policy::Change> changes = r.value().changes;
            if (changes.isEmpty()) {
                emit message(tr("Revision %1 is the same as the policy in force: there is "
                                "nothing to roll back.")
                                 .arg(target));
                return;
            }
            // The review answers for this rollback: a reload, relay switch or another
            // rollback meanwhile drops it.
            reviewChanges(this, connection() ? connection()->profile().name : QString(), base,
                          changes, nullptr, {},
                          m_rollbackCall->guard(
                              [this, target, base, changes](std::optional<QString> comment) {
                                  if (comment)
                                      sendRollback(target, base, *comment, changes);
                              }));
        });
}

void HistoryView::sendRollback(int target, int base, const QString &comment,
                               const QList<policy::Change> &changes)
{
    if (!isOnline())
        return;
    emit message(
        tr("Rolling %1 back to revision %2…").arg(connection()->profile().name).arg(target));
    auto client = connection()->client();
    m_rollbackCall->start(
        [&](transport::CancelToken cancel) {
            return client::policyRollback(client, target, base, comment, std::move(cancel));
        },
        [this, target, changes](const Result<client::ApplyResult> &r) {
            if (r) {
                QString text = tr("Rolled back to revision %1: the relay is at revision %2.")
                                   .arg(target)
                                   .arg(r.value().revision);
                if (!r.value().reloaded)
                    text += u' ' + tr("Warning: %1")
                                       .arg(client::reloadText(r.value().reloadCode,
                                                               r.value().reloadMessage));
                m_status->setText(text);
                emit message(text);
                emit rolledBack(r.value().revision);
                relayWritten();
                reload();
                return;
            }
            if (r.error().code == ErrorCode::Conflict) {
                auto conflict = client::Conflict::fromError(r.error());
                if (conflict) {
                    const int now = conflict.value().currentRevision;
                    m_status->setText(
                        tr("Not rolled back: the relay is at revision %1 now.").arg(now));
                    ConflictWords words;
                    words.intro =
                        tr("The relay is now at revision %1: someone changed the policy after "
                           "you looked. Nothing was rolled back. Review again shows what rolling "
                           "back to revision %2 changes now, their change included.")
                            .arg(now)
                            .arg(target);
                    words.merge = tr("Review the rollback again");
                    words.reload = tr("Drop the rollback");
                    resolveConflict(this, connection() ? connection()->profile().name : QString(),
                                    conflict.value(), changes,
                                    m_rollbackCall->guard([this, target, now](ConflictChoice c) {
                                        if (c == ConflictChoice::Merge)
                                            reviewRollback(target, now);
                                        else if (c == ConflictChoice::Reload)
                                            reload();
                                    }),
                                    words);
                    reload(); // the list shows their revision meanwhile
                    return;
                }
            }
            const QString text = tr("Not rolled back: %1").arg(client::errorText(r.error()));
            m_status->setText(text);
            emit message(text);
        });
}

void HistoryView::updateActions()
{
    const QList<int> selected = selectedRevisions();
    // A role that may not write never sees the action; one that may, but cannot now (the
    // relay does not answer), sees it off, with why.
    const bool writer =
        connection() && connection()->info() &&
        (connection()->info()->permissions.contains(permissionName(Permission::EditOwnAccounts)) ||
         connection()->info()->permissions.contains(permissionName(Permission::EditPolicy)));
    m_rollback->setVisible(writer);
    const bool can = connection() && connection()->can(Permission::EditOwnAccounts);
    m_rollback->setEnabled(
        can && !m_rollbackCall->isBusy() && selected.size() == 1 &&
        (selected.first() != m_model->currentRevision() || !m_model->liveProblem().isEmpty()));
    m_rollback->setToolTip(
        whyNot(Permission::EditOwnAccounts, tr("This relay does not let you change its policy.")));
    m_refresh->setEnabled(isOnline() && !m_listCall->isBusy());
}

void HistoryView::retranslate()
{
    m_title->setText(tr("Revisions of the relay's policy (select two to compare them)"));
    m_refresh->setText(tr("Refresh"));
    m_rollback->setText(tr("Roll back to this revision…"));
    showSelection();
    updateActions();
}

void HistoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace staffetta::ui
