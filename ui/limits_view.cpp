#include "limits_view.h"

#include "client/relay_client.h"
#include "client/texts.h"
#include "common/limits.h"
#include "draft_bar.h"
#include "language.h"
#include "policy_editor.h"
#include "relay_call.h"
#include "relay_connection.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

// Today's use against the quota, as a progress bar in the cell (no widget per row).
class UsageBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QVariant used = index.data(AccountLimitsModel::UsedRole);
        if (!used.isValid()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        const qint64 quota =
            std::max<qint64>(1, index.data(AccountLimitsModel::QuotaRole).toLongLong());
        QStyleOptionProgressBar bar;
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        bar.direction = option.direction;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = int(std::min<qint64>(quota, INT_MAX));
        bar.progress = int(std::min<qint64>(used.toLongLong(), bar.maximum));
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Enabled | QStyle::State_Horizontal;
        if (used.toLongLong() >= quota)
            bar.palette.setColor(QPalette::Highlight, QColor(0xc0, 0x39, 0x2b));
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

} // namespace

// ---------------------------------------------------------------- AccountLimitsModel

AccountLimitsModel::AccountLimitsModel(PolicyEditor &editor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
{
    connect(&editor, &PolicyEditor::loaded, this, &AccountLimitsModel::reset);
    connect(&editor, &PolicyEditor::draftChanged, this, &AccountLimitsModel::reset);
}

void AccountLimitsModel::reset()
{
    beginResetModel();
    endResetModel();
}

void AccountLimitsModel::setUsage(const client::Usage &usage)
{
    m_used.clear();
    for (const auto &a : usage.accounts)
        m_used.insert(a.login, a.used);
    if (rowCount() > 0)
        emit dataChanged(index(0, Used), index(rowCount() - 1, Used));
}

int AccountLimitsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_editor.draft().accounts.size());
}

int AccountLimitsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountLimitsModel::data(const QModelIndex &index, int role) const
{
    const policy::Policy &p = m_editor.draft();
    if (!index.isValid() || index.row() >= p.accounts.size())
        return {};
    const policy::Account &a = p.accounts[index.row()];
    // Sizes in units people read; the editor keeps the exact bytes.
    const bool isSize = index.column() == Size;
    const auto text = [isSize](qint64 v) {
        return isSize ? LanguageManager::size(v) : QLocale().toString(v);
    };
    auto cell = [&](std::optional<qint64> override, qint64 effective) -> QVariant {
        if (role == Qt::EditRole)
            return override ? QVariant(*override) : QVariant(QString());
        if (role == Qt::ToolTipRole && isSize)
            return tr("%1 bytes").arg(QLocale().toString(override ? *override : effective));
        if (role == Qt::DisplayRole)
            return override ? text(*override) : tr("%1 (default)").arg(text(effective));
        if (role == Qt::ForegroundRole && !override)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    };
    switch (index.column()) {
    case Account:
        return role == Qt::DisplayRole ? QVariant(a.login) : QVariant();
    case Quota:
        return cell(a.dailyQuota, p.dailyQuota(&a));
    case Recipients:
        return cell(a.maxRecipients, p.maxRecipients(&a));
    case Size:
        return cell(a.maxMessageSize, p.maxMessageSize(&a));
    case Hourly:
    case PerSender: {
        // Off unless set, for the account or relay-wide.
        const std::optional<int> own =
            index.column() == Hourly ? a.hourlyQuota : a.senderDailyQuota;
        const std::optional<int> relay =
            index.column() == Hourly ? p.limits.hourlyQuota : p.limits.senderDailyQuota;
        if (own || relay)
            return cell(own ? std::optional<qint64>(*own) : std::nullopt, own ? *own : *relay);
        if (role == Qt::EditRole)
            return QString();
        if (role == Qt::DisplayRole)
            return tr("off");
        if (role == Qt::ForegroundRole)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    case Trusted: {
        QStringList nets;
        for (const policy::TrustedNet &n : a.trustedClients)
            nets.append(n.text());
        if (role == Qt::EditRole)
            return nets.join(u", "_s);
        if (role == Qt::DisplayRole)
            return nets.isEmpty() ? tr("none") : nets.join(u", "_s);
        if (role == Qt::ToolTipRole)
            return tr("Client addresses or networks that relay for this account without "
                      "authenticating, on the relay's trusted port (one account per address).");
        if (role == Qt::ForegroundRole && nets.isEmpty())
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    case Used: {
        const auto it = m_used.constFind(a.login);
        if (it == m_used.cend())
            return role == Qt::DisplayRole ? QVariant(u"…"_s) : QVariant();
        if (role == UsedRole)
            return *it;
        if (role == QuotaRole)
            return p.dailyQuota(&a);
        if (role == Qt::DisplayRole)
            return tr("%1 of %2")
                .arg(QLocale().toString(*it), QLocale().toString(p.dailyQuota(&a)));
        return {};
    }
    }
    return {};
}

QVariant AccountLimitsModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Account:
        return tr("Account");
    case Quota:
        return tr("Daily quota");
    case Recipients:
        return tr("Recipients per message");
    case Size:
        return tr("Max message size");
    case Hourly:
        return tr("Per hour");
    case PerSender:
        return tr("Per sender per day");
    case Trusted:
        return tr("Trusted addresses (no AUTH)");
    case Used:
        return tr("Used today");
    }
    return {};
}

Qt::ItemFlags AccountLimitsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() >= Quota && index.column() <= Trusted &&
        !m_editor.isBusy() && index.row() < m_editor.draft().accounts.size() &&
        m_editor.canEditAccount(m_editor.draft().accounts[index.row()].login))
        f |= Qt::ItemIsEditable;
    return f;
}

bool AccountLimitsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString text = value.toString().trimmed();
    if (index.column() == Trusted)
        return setTrusted(index.row(), text);
    std::optional<qint64> override;
    if (!text.isEmpty()) {
        bool ok = false;
        const qint64 n = QLocale().toLongLong(text, &ok);
        const qint64 max = index.column() == Size ? qint64(1) << 40 : 10'000'000;
        if (!ok || n < 1 || n > max)
            return false; // the relay would refuse it; the cell keeps its value
        override = n;
    }
    const QString login = m_editor.draft().accounts[index.row()].login;
    const int column = index.column();
    m_editor.edit(tr("Change a limit of %1").arg(login), [&](policy::Policy &p) {
        policy::Account *a = p.account(login);
        if (!a)
            return;
        if (column == Quota)
            a->dailyQuota = override ? std::optional<int>(int(*override)) : std::nullopt;
        else if (column == Recipients)
            a->maxRecipients = override ? std::optional<int>(int(*override)) : std::nullopt;
        else if (column == Hourly)
            a->hourlyQuota = override ? std::optional<int>(int(*override)) : std::nullopt;
        else if (column == PerSender)
            a->senderDailyQuota = override ? std::optional<int>(int(*override)) : std::nullopt;
        else
            a->maxMessageSize = override;
    });
    return true;
}

bool AccountLimitsModel::setTrusted(int row, const QString &text)
{
    const QString login = m_editor.draft().accounts[row].login;
    // Through the policy's own parser: addresses, networks and overlaps are checked as the
    // relay checks them (a partner's narrower limit is the relay's to enforce).
    QJsonObject root = m_editor.draft().toJsonObject();
    QJsonArray accounts = root.value(u"accounts"_s).toArray();
    QJsonObject account = accounts[row].toObject();
    const QStringList nets = text.split(QRegularExpression(u"[\\s,;]+"_s), Qt::SkipEmptyParts);
    if (nets.isEmpty())
        account.remove(u"trusted_clients"_s);
    else
        account.insert(u"trusted_clients"_s, QJsonArray::fromStringList(nets));
    accounts[row] = account;
    root.insert(u"accounts"_s, accounts);
    auto checked = policy::Policy::fromJsonObject(root);
    if (!checked) {
        emit refused(checked.error().message);
        return false;
    }
    const QList<policy::TrustedNet> trusted = checked.value().account(login)
                                                  ? checked.value().account(login)->trustedClients
                                                  : QList<policy::TrustedNet>();
    m_editor.edit(tr("Change the trusted addresses of %1").arg(login), [&](policy::Policy &p) {
        if (policy::Account *a = p.account(login))
            a->trustedClients = trusted;
    });
    return true;
}

// ---------------------------------------------------------------- LimitsView

LimitsView::LimitsView(PolicyEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_bar(new DraftBar(editor, this))
    , m_defaultsTitle(new QLabel(this))
    , m_quotaLabel(new QLabel(this))
    , m_recipientsLabel(new QLabel(this))
    , m_sizeLabel(new QLabel(this))
    , m_windowLabel(new QLabel(this))
    , m_quota(new QSpinBox(this))
    , m_recipients(new QSpinBox(this))
    , m_size(new QDoubleSpinBox(this))
    , m_sizeHuman(new QLabel(this))
    , m_window(new QComboBox(this))
    , m_accountsTitle(new QLabel(this))
    , m_usageTime(new QLabel(this))
    , m_model(new AccountLimitsModel(editor, this))
    , m_table(new QTableView(this))
    , m_usage(new RelayCall(this))
{
    setObjectName(u"limitsView"_s);
    m_quota->setObjectName(u"defaultQuota"_s);
    m_recipients->setObjectName(u"defaultRecipients"_s);
    m_size->setObjectName(u"defaultSize"_s);
    m_sizeHuman->setObjectName(u"defaultSizeHuman"_s);
    m_window->setObjectName(u"quotaWindow"_s);
    m_table->setObjectName(u"accountLimits"_s);
    m_usageTime->setObjectName(u"usageTime"_s);
    m_quota->setRange(1, 10'000'000);
    m_recipients->setRange(1, 10'000'000);
    m_size->setDecimals(0);
    m_size->setRange(1, double(limits::MaxMessageSizeLimit));
    m_size->setGroupSeparatorShown(true);
    m_window->addItems({QString(), QString()});
    for (QLabel *title : {m_defaultsTitle, m_accountsTitle}) {
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
    }
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(AccountLimitsModel::Used, new UsageBarDelegate(m_table));
    m_table->horizontalHeader()->setDefaultSectionSize(130);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    auto *form = new QFormLayout;
    form->addRow(m_quotaLabel, m_quota);
    form->addRow(m_windowLabel, m_window);
    form->addRow(m_recipientsLabel, m_recipients);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_size, 1);
    sizeRow->addWidget(m_sizeHuman);
    form->addRow(m_sizeLabel, sizeRow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(m_defaultsTitle);
    layout->addLayout(form);
    layout->addWidget(m_accountsTitle);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_usageTime);
    auto *problem = new QLabel(this);
    problem->setObjectName(u"limitsProblem"_s);
    problem->setWordWrap(true);
    problem->setStyleSheet(u"color: #b02020"_s);
    layout->addWidget(problem);
    connect(m_model, &AccountLimitsModel::refused, problem, &QLabel::setText);
    connect(&editor, &PolicyEditor::draftChanged, problem, &QLabel::clear);

    for (QSpinBox *s : {m_quota, m_recipients})
        connect(s, &QSpinBox::editingFinished, this, &LimitsView::commitDefaults);
    connect(m_size, &QDoubleSpinBox::editingFinished, this, &LimitsView::commitDefaults);
    connect(m_size, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_sizeHuman->setText(tr("= %1").arg(LanguageManager::size(qint64(v))));
    });
    connect(m_window, &QComboBox::activated, this, &LimitsView::commitDefaults);
    connect(&editor, &PolicyEditor::loaded, this, &LimitsView::showDefaults);
    connect(&editor, &PolicyEditor::draftChanged, this, &LimitsView::showDefaults);
    connect(&editor, &PolicyEditor::busyChanged, this, &LimitsView::showDefaults);
    connect(&editor, &PolicyEditor::loaded, this, &LimitsView::refreshUsage);
    connect(&editor, &PolicyEditor::applied, this, &LimitsView::refreshUsage);
    retranslate();
    showDefaults();
}

void LimitsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LimitsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshUsage();
}

void LimitsView::retranslate()
{
    m_defaultsTitle->setText(tr("Relay defaults"));
    m_quotaLabel->setText(tr("Daily quota (messages, one per outside recipient):"));
    m_windowLabel->setText(tr("Quota window:"));
    m_recipientsLabel->setText(tr("Recipients per message:"));
    m_sizeLabel->setText(tr("Maximum message size:"));
    m_size->setSuffix(tr(" bytes"));
    // The numbers in the boxes follow the chosen language too ("10.485.760" in Italian).
    m_quota->setLocale(LanguageManager::locale());
    m_recipients->setLocale(LanguageManager::locale());
    m_size->setLocale(LanguageManager::locale());
    m_sizeHuman->setText(tr("= %1").arg(LanguageManager::size(qint64(m_size->value()))));
    m_window->setItemText(0, tr("Calendar day (relay's time zone)"));
    m_window->setItemText(1, tr("Rolling 24 hours"));
    m_accountsTitle->setText(
        tr("Accounts (double-click a limit to override it; empty it to use the default)"));
    m_model->headerDataChanged(Qt::Horizontal, 0, AccountLimitsModel::ColumnCount - 1);
}

void LimitsView::showDefaults()
{
    const policy::Limits &l = m_editor.draft().limits;
    const bool editable = m_editor.isLoaded() && !m_editor.isBusy() && m_editor.canEditRelayWide();
    for (QWidget *w : std::initializer_list<QWidget *>{m_quota, m_recipients, m_size, m_window})
        w->setEnabled(editable);
    const QSignalBlocker b1(m_quota), b2(m_recipients), b3(m_size), b4(m_window);
    m_quota->setValue(l.dailyQuota);
    m_recipients->setValue(l.maxRecipients);
    m_size->setValue(double(l.maxMessageSize));
    m_sizeHuman->setText(tr("= %1").arg(LanguageManager::size(l.maxMessageSize)));
    m_window->setCurrentIndex(l.window == policy::QuotaWindow::Rolling24h ? 1 : 0);
}

void LimitsView::commitDefaults()
{
    if (!m_editor.isLoaded() || !m_editor.canEditRelayWide())
        return;
    policy::Limits next = m_editor.draft().limits;
    next.dailyQuota = m_quota->value();
    next.maxRecipients = m_recipients->value();
    next.maxMessageSize = qint64(m_size->value());
    next.window = m_window->currentIndex() == 1 ? policy::QuotaWindow::Rolling24h
                                                : policy::QuotaWindow::CalendarDay;
    const policy::Limits &now = m_editor.draft().limits;
    if (next.dailyQuota == now.dailyQuota && next.maxRecipients == now.maxRecipients &&
        next.maxMessageSize == now.maxMessageSize && next.window == now.window)
        return;
    m_editor.edit(tr("Change the relay defaults"), [&next](policy::Policy &p) { p.limits = next; });
}

void LimitsView::refreshUsage()
{
    RelayConnection *c = m_editor.connection();
    if (!isVisible() || !c || c->state() != RelayConnection::State::Online)
        return;
    auto relay = c->client();
    m_usage->start(
        [&](transport::CancelToken) { return client::usage(relay); },
        [this](const Result<client::Usage> &r) {
            if (!r) {
                m_usageTime->setText(tr("Usage unavailable: %1").arg(client::errorText(r.error())));
                return;
            }
            m_model->setUsage(r.value());
            m_usageTime->setText(
                tr("Usage as of %1")
                    .arg(QLocale().toString(r.value().time.time(), QLocale::ShortFormat)));
        });
}

} // namespace staffetta::ui
