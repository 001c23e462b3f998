#include "trace_view.h"

#include "client/ops_client.h"
#include "client/relay_client.h"
#include "client/texts.h"
#include "language.h"
#include "relay_call.h"
#include "relay_connection.h"
#include "settings/profiles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

enum Column { Accepted, QueueId, Sender, Recipients, Status, ColumnCount };

// A message's outcome: the worst of its recipients' last attempts; none yet: queued.
QString messageStatus(const api::TraceMessage &m)
{
    QString status;
    for (const QString &s : {u"bounced"_s, u"expired"_s, u"deferred"_s, u"sent"_s}) {
        for (const api::TraceRecipient &r : m.recipients) {
            if (r.status == s)
                return s;
        }
    }
    return status;
}

QString statusText(const QString &status)
{
    if (status == u"sent"_s)
        return TraceView::tr("delivered");
    if (status == u"deferred"_s)
        return TraceView::tr("deferred");
    if (status == u"bounced"_s)
        return TraceView::tr("bounced");
    if (status == u"expired"_s)
        return TraceView::tr("expired");
    return TraceView::tr("not tried yet");
}

QString when(const QDateTime &t)
{
    return t.isValid() ? LanguageManager::locale().toString(t.toLocalTime(), QLocale::ShortFormat)
                       : QString();
}

// One CSV field: quoted when it must be, and never read as a formula by a spreadsheet (a
// remote reply or a sender is the relay's text, not ours).
QString csvField(QString s)
{
    if (!s.isEmpty() && u"=+-@\t\r"_s.contains(s.front()))
        s.prepend(u'\'');
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r') ||
        s.contains(u'\''))
        return u'"' + s.replace(u'"', u"\"\""_s) + u'"';
    return s;
}

} // namespace

QString traceCsv(const QList<std::pair<QString, api::TraceMessage>> &messages)
{
    QStringList lines{u"relay,queue_id,message_id,accepted,client_ip,account,sender,recipient,"
                      u"status,last_attempt,dsn,remote_host,reply"_s};
    for (const auto &[relay, m] : messages) {
        const auto line = [&](const QString &recipient, const QString &status,
                              const api::TraceAttempt *last) {
            const QStringList fields{relay,
                                     m.queueId,
                                     m.messageId,
                                     m.accepted.toUTC().toString(Qt::ISODate),
                                     m.clientIp,
                                     m.account,
                                     m.sender,
                                     recipient,
                                     status,
                                     last ? last->time.toUTC().toString(Qt::ISODate) : QString(),
                                     last ? last->dsn : QString(),
                                     last ? last->relay : QString(),
                                     last ? last->reply : QString()};
            QStringList out;
            for (const QString &f : fields)
                out.append(csvField(f));
            lines.append(out.join(u','));
        };
        if (m.recipients.isEmpty())
            line({}, {}, nullptr);
        for (const api::TraceRecipient &r : m.recipients)
            line(r.address, r.status, r.attempts.isEmpty() ? nullptr : &r.attempts.last());
    }
    return lines.join(u"\r\n"_s) + u"\r\n"_s;
}

TraceView::TraceView(QWidget *parent)
    : QWidget(parent)
    , m_senderLabel(new QLabel(this))
    , m_recipientLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_sender(new QLineEdit(this))
    , m_recipient(new QLineEdit(this))
    , m_account(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_range(new QCheckBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_toLabel(new QLabel(this))
    , m_search(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_coverage(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_timeline(new QTextBrowser(this))
    , m_writer(new QThreadPool(this))
{
    setObjectName(u"traceView"_s);
    m_sender->setObjectName(u"traceSender"_s);
    m_recipient->setObjectName(u"traceRecipient"_s);
    m_account->setObjectName(u"traceAccount"_s);
    m_status->setObjectName(u"traceStatus"_s);
    m_range->setObjectName(u"traceRange"_s);
    m_from->setObjectName(u"traceFrom"_s);
    m_to->setObjectName(u"traceTo"_s);
    m_search->setObjectName(u"traceSearch"_s);
    m_export->setObjectName(u"traceExport"_s);
    m_coverage->setObjectName(u"traceCoverage"_s);
    m_tree->setObjectName(u"traceResults"_s);
    m_timeline->setObjectName(u"traceTimeline"_s);
    m_writer->setMaxThreadCount(1);
    m_coverage->setWordWrap(true);
    m_status->addItem(QString(), QString());
    for (const QString &s : api::TraceRequest::statuses())
        m_status->addItem(QString(), s);
    const QDateTime now = QDateTime::currentDateTime();
    m_to->setDateTime(now);
    m_from->setDateTime(now.addDays(-1));
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setEnabled(false);
    }
    connect(m_range, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_range, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QLineEdit *e : {m_sender, m_recipient, m_account}) {
        e->setClearButtonEnabled(true);
        e->setMaxLength(254);
        connect(e, &QLineEdit::returnPressed, m_search, &QPushButton::click);
    }
    m_tree->setModel(m_model);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_export->setEnabled(false);

    auto *form = new QGridLayout;
    form->addWidget(m_senderLabel, 0, 0);
    form->addWidget(m_sender, 0, 1);
    form->addWidget(m_recipientLabel, 0, 2);
    form->addWidget(m_recipient, 0, 3);
    form->addWidget(m_accountLabel, 1, 0);
    form->addWidget(m_account, 1, 1);
    form->addWidget(m_statusLabel, 1, 2);
    form->addWidget(m_status, 1, 3);
    auto *range = new QHBoxLayout;
    range->addWidget(m_range);
    range->addWidget(m_from);
    range->addWidget(m_toLabel);
    range->addWidget(m_to);
    range->addStretch(1);
    range->addWidget(m_search);
    range->addWidget(m_export);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_timeline);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(range);
    layout->addWidget(m_coverage);
    layout->addWidget(splitter, 1);

    connect(m_search, &QPushButton::clicked, this, [this] {
        if (m_relaysOf)
            run(m_relaysOf());
    });
    connect(m_export, &QPushButton::clicked, this, &TraceView::askExport);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) { showTimeline(index); });
    retranslate();
}

api::TraceRequest TraceView::formRequest() const
{
    api::TraceRequest r;
    r.sender = m_sender->text().trimmed();
    r.recipient = m_recipient->text().trimmed();
    r.account = m_account->text().trimmed();
    r.status = m_status->currentData().toString();
    if (m_range->isChecked()) {
        r.from = m_from->dateTime().toUTC();
        r.to = m_to->dateTime().toUTC();
    }
    return r;
}

void TraceView::showRequest(const api::TraceRequest &r)
{
    m_sender->setText(r.sender);
    m_recipient->setText(r.recipient);
    m_account->setText(r.account);
    m_status->setCurrentIndex(std::max(0, m_status->findData(r.status)));
    m_range->setChecked(r.from.isValid() || r.to.isValid());
    if (r.from.isValid())
        m_from->setDateTime(r.from.toLocalTime());
    if (r.to.isValid())
        m_to->setDateTime(r.to.toLocalTime());
}

void TraceView::run(const QList<RelayConnection *> &relays)
{
    start({formRequest()}, relays);
}

void TraceView::run(const api::TraceRequest &request, const QList<RelayConnection *> &relays)
{
    showRequest(request);
    start({request}, relays);
}

void TraceView::traceTerm(const QString &text, const QList<RelayConnection *> &relays)
{
    const QString term = text.trimmed();
    QList<api::TraceRequest> requests;
    api::TraceRequest r;
    if (term.startsWith(u'<') && term.endsWith(u'>')) {
        r.messageId = term;
        requests = {r};
    } else if (term.contains(u'@')) {
        // An address is the sender of some messages and the recipient of others; a bare
        // message-id looks like one too.
        api::TraceRequest bySender, byRecipient, byId;
        bySender.sender = term;
        byRecipient.recipient = term;
        byId.messageId = term;
        requests = {bySender, byRecipient, byId};
    } else {
        r.queueId = term;
        requests = {r};
    }
    showRequest(requests.size() == 3 ? api::TraceRequest{} : requests.first());
    if (requests.size() == 3)
        m_sender->setText(term);
    start(requests, relays);
}

void TraceView::start(const QList<api::TraceRequest> &requests,
                      const QList<RelayConnection *> &relays)
{
    delete m_round; // the previous round's calls: canceled, their results dropped
    m_round = new QObject(this);
    m_model->clear();
    m_model->setColumnCount(ColumnCount);
    m_found.clear();
    m_relayNames.clear();
    m_timeline->clear();
    m_pending = 0;
    QStringList notCovered;
    for (RelayConnection *relay : relays) {
        if (relay->state() != RelayConnection::State::Online ||
            !relay->can(Permission::ReadQueue)) {
            notCovered.append(relay->profile().name);
            continue;
        }
        auto *group = new QStandardItem(relay->profile().name);
        group->setData(relay->profile().id, RelayIdRole);
        m_relayNames.insert(relay->profile().id, relay->profile().name);
        m_model->appendRow({group, new QStandardItem(tr("searching…"))});
        ++m_pending;
        traceRelay(relay, group, requests);
    }
    retranslate(); // the headers
    m_coverage->setText(
        relays.isEmpty() ? tr("No relay in the fleet.")
        : notCovered.isEmpty()
            ? tr("Every relay was asked.")
            : tr("Not covered (not connected or not allowed): %1").arg(notCovered.join(u", "_s)));
    m_export->setEnabled(false);
    if (m_pending == 0)
        emit finished();
    m_tree->expandAll();
}

void TraceView::traceRelay(RelayConnection *relay, QStandardItem *group,
                           const QList<api::TraceRequest> &requests)
{
    auto client = relay->client();
    const QUuid id = relay->profile().id;
    // One call per request (a term asks up to three); the relay's answers are merged by queue
    // id, newest first, once all have arrived. A relay removed meanwhile takes them with it.
    struct Merge
    {
        qsizetype left = 0;
        api::TraceResult result;
        std::optional<Error> error;
    };
    auto merge = std::make_shared<Merge>();
    merge->left = requests.size();
    for (const api::TraceRequest &request : requests) {
        auto *call = new RelayCall(m_round);
        connect(relay, &QObject::destroyed, call, [this, call, merge] {
            if (call->isBusy() && merge->left > 0) {
                merge->left = 0; // the relay's other calls go with it
                if (--m_pending == 0)
                    emit finished();
            }
            call->deleteLater();
        });
        call->start(
            [&](transport::CancelToken) { return client::trace(client, request); },
            [this, group, id, merge](Result<api::TraceResult> &&r) {
                if (merge->left == 0)
                    return;
                if (!r) {
                    merge->error = r.error();
                } else {
                    for (api::TraceMessage &m : r.value().messages) {
                        if (std::none_of(
                                merge->result.messages.cbegin(), merge->result.messages.cend(),
                                [&](const api::TraceMessage &o) { return o.queueId == m.queueId; }))
                            merge->result.messages.append(std::move(m));
                    }
                    merge->result.matched = std::max(merge->result.matched, r.value().matched);
                }
                if (--merge->left > 0)
                    return;
                std::stable_sort(merge->result.messages.begin(), merge->result.messages.end(),
                                 [](const api::TraceMessage &a, const api::TraceMessage &b) {
                                     return a.accepted > b.accepted;
                                 });
                merge->result.matched =
                    std::max(merge->result.matched, qint64(merge->result.messages.size()));
                m_model->setData(m_model->indexFromItem(group).siblingAtColumn(1),
                                 merge->error ? client::errorText(*merge->error) : QString());
                if (!merge->error || !merge->result.messages.isEmpty())
                    fill(group, id, std::move(merge->result.messages), merge->result.matched);
                m_tree->expandAll();
                for (int c = 0; c < ColumnCount; ++c)
                    m_tree->resizeColumnToContents(c);
                m_export->setEnabled(!messages().isEmpty());
                if (--m_pending == 0)
                    emit finished();
            });
    }
}

void TraceView::fill(QStandardItem *group, const QUuid &relay, QList<api::TraceMessage> messages,
                     qint64 matched)
{
    group->removeRows(0, group->rowCount());
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const api::TraceMessage &m = messages[i];
        QStringList recipients;
        for (const api::TraceRecipient &r : m.recipients)
            recipients.append(r.address);
        const QString status = messageStatus(m);
        QList<QStandardItem *> row{new QStandardItem(when(m.accepted)),
                                   new QStandardItem(m.queueId), new QStandardItem(m.sender),
                                   new QStandardItem(recipients.join(u", "_s)),
                                   new QStandardItem(statusText(status))};
        for (QStandardItem *item : row) {
            item->setData(relay, RelayIdRole);
            item->setData(int(i), MessageRole);
            item->setData(status, StatusRole);
        }
        group->appendRow(row);
    }
    m_model->setData(
        m_model->indexFromItem(group).siblingAtColumn(1),
        matched > messages.size()
            ? tr("%1 of %2 messages")
                  .arg(QLocale().toString(messages.size()), QLocale().toString(matched))
            : tr("%n message(s)", nullptr, int(messages.size())));
    m_found.insert(relay, std::move(messages));
}

QList<std::pair<QString, api::TraceMessage>> TraceView::messages() const
{
    QList<std::pair<QString, api::TraceMessage>> out;
    for (int g = 0; g < m_model->rowCount(); ++g) {
        const QUuid id = m_model->item(g)->data(RelayIdRole).toUuid();
        for (const api::TraceMessage &m : m_found.value(id))
            out.append({m_relayNames.value(id), m});
    }
    return out;
}

const api::TraceMessage *TraceView::messageAt(const QModelIndex &index) const
{
    if (!index.isValid() || !index.parent().isValid())
        return nullptr;
    const auto it = m_found.constFind(index.data(RelayIdRole).toUuid());
    const int i = index.data(MessageRole).toInt();
    if (it == m_found.cend() || i < 0 || i >= it->size())
        return nullptr;
    return &it->at(i);
}

void TraceView::showTimeline(const QModelIndex &index)
{
    const api::TraceMessage *m = messageAt(index);
    if (!m) {
        m_timeline->clear();
        return;
    }
    const auto esc = [](const QString &s) {
        return s.toHtmlEscaped();
    };
    QString html =
        u"<h3>%1</h3><ol>"_s.arg(esc(tr("Message %1 (%2)").arg(m->queueId, m->messageId)));
    html += u"<li><b>%1</b> %2</li>"_s.arg(
        esc(when(m->accepted)),
        esc(tr("accepted from %1 (%2), account %3, sender %4, %5")
                .arg(m->clientIp, m->clientHost.isEmpty() ? tr("no name") : m->clientHost,
                     m->account.isEmpty() ? tr("none") : m->account, m->sender,
                     LanguageManager::size(m->size))));
    for (const api::TraceRecipient &r : m->recipients) {
        for (const api::TraceAttempt &a : r.attempts) {
            html += u"<li><b>%1</b> %2<br/><tt>%3</tt></li>"_s.arg(
                esc(when(a.time)),
                esc(tr("%1 → %2 via %3 (DSN %4, after %5 s)")
                        .arg(r.address, statusText(a.status), a.relay, a.dsn,
                             LanguageManager::locale().toString(a.delay, 'f', 1))),
                esc(a.reply));
        }
        html += u"<li><b>%1</b></li>"_s.arg(
            esc(tr("%1: finally %2").arg(r.address, statusText(r.status))));
    }
    if (m->removed.isValid())
        html += u"<li><b>%1</b> %2</li>"_s.arg(esc(when(m->removed)),
                                               esc(tr("removed from the queue")));
    html += u"</ol>"_s;
    m_timeline->setHtml(html);
}

void TraceView::askExport()
{
    auto *dialog =
        new QFileDialog(this, tr("Export the trace"), QString(), tr("CSV files (*.csv)"));
    dialog->setObjectName(u"traceExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &TraceView::exportCsv);
    dialog->open();
}

void TraceView::exportCsv(const QString &path)
{
    // At most 1000 messages per relay: the text is made here, written on the view's thread.
    const QByteArray csv = traceCsv(messages()).toUtf8();
    auto written = QtConcurrent::run(m_writer, [path, csv]() -> QString {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return file.errorString();
        file.write(csv);
        if (!file.commit())
            return file.errorString();
        return {};
    });
    written.then(this, [this, path](const QString &error) {
        emit message(error.isEmpty() ? tr("Trace exported to %1").arg(path)
                                     : tr("Cannot write %1: %2").arg(path, error));
        emit exported(path, error);
    });
}

void TraceView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TraceView::retranslate()
{
    m_senderLabel->setText(tr("Sender:"));
    m_recipientLabel->setText(tr("Recipient:"));
    m_accountLabel->setText(tr("Account:"));
    m_statusLabel->setText(tr("Status:"));
    m_status->setItemText(0, tr("any"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, statusText(m_status->itemData(i).toString()));
    m_range->setText(tr("Accepted between"));
    m_toLabel->setText(tr("and"));
    m_search->setText(tr("Trace on all relays"));
    m_export->setText(tr("Export CSV…"));
    m_model->setHorizontalHeaderLabels(
        {tr("Accepted"), tr("Queue id"), tr("Sender"), tr("Recipients"), tr("Status")});
}

} // namespace staffetta::ui
