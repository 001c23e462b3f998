#include "limits_view.h"

#include "client/relay_client.h"
#include "client/texts.h"
#include "common/limits.h"
#include "draft_bar.h"
#include "language.h"
#include "policy_editor.h"
#include "relay_call.h"
#include "relay_connection.h"
#include "table_headers.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStringListModel>
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
        switch (index.data(AccountLimitsModel::LevelRole).toInt()) {
        case AccountLimitsModel::Full:
            bar.palette.setColor(QPalette::Highlight, QColor(0xc0, 0x39, 0x2b));
            break;
        case AccountLimitsModel::Warning:
            bar.palette.setColor(QPalette::Highlight, QColor(0xe6, 0x8a, 0x00));
            break;
        default:
            break;
        }
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
    m_usage.clear();
    for (const auto &a : usage.accounts) {
        m_used.insert(a.login, a.used);
        m_usage.insert(a.login, a);
    }
    if (rowCount() > 0) {
        emit dataChanged(index(0, Used), index(rowCount() - 1, Used));
        emit dataChanged(index(0, Hourly), index(rowCount() - 1, PerSender), {Qt::ToolTipRole});
    }
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
        if (role == Qt::ToolTipRole) {
            // How near the wall the account is, as the relay counted it.
            const auto u = m_usage.constFind(a.login);
            if (u == m_usage.cend())
                return {};
            if (index.column() == Hourly && u->hourlyQuota)
                return tr("This hour: %1 of %2")
                    .arg(QLocale().toString(u->usedThisHour), QLocale().toString(*u->hourlyQuota));
            if (index.column() == PerSender && u->senderQuota)
                return u->topSender.isEmpty()
                           ? tr("No sender has sent today")
                           : tr("Busiest sender today: %1, %2 of %3")
                                 .arg(u->topSender, QLocale().toString(u->topSenderUsed),
                                      QLocale().toString(*u->senderQuota));
            return {};
        }
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
        if (role == LevelRole)
            return int(level(*it, p.dailyQuota(&a)));
        if (role == Qt::DisplayRole)
            return tr("%1 of %2")
                .arg(QLocale().toString(*it), QLocale().toString(p.dailyQuota(&a)));
        return {};
    }
    }
    return {};
}

AccountLimitsModel::UsageLevel AccountLimitsModel::level(qint64 used, qint64 quota)
{
    if (used >= quota)
        return Full;
    return used * 5 >= quota * 4 ? Warning : Normal;
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
    , m_blacklistLabel(new QLabel(this))
    , m_blacklistPerAccountLabel(new QLabel(this))
    , m_accountBlacklistLabel(new QLabel(this))
    , m_blacklistCap(new QSpinBox(this))
    , m_blacklistPerAccount(new QSpinBox(this))
    , m_accountBlacklistCap(new QSpinBox(this))
    , m_size(new QDoubleSpinBox(this))
    , m_sizeHuman(new QLabel(this))
    , m_window(new QComboBox(this))
    , m_localTitle(new QLabel(this))
    , m_localError(new QLabel(this))
    , m_localModel(new QStringListModel(this))
    , m_localList(new QListView(this))
    , m_localNew(new QLineEdit(this))
    , m_localAdd(new QPushButton(this))
    , m_localRemove(new QPushButton(this))
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
    m_blacklistCap->setObjectName(u"blacklistCap"_s);
    m_blacklistPerAccount->setObjectName(u"blacklistCapPerAccount"_s);
    m_accountBlacklistCap->setObjectName(u"accountBlacklistCap"_s);
    m_blacklistCap->setRange(0, limits::MaxRelayBlacklist);
    m_blacklistPerAccount->setRange(0, limits::MaxRelayBlacklist);
    m_accountBlacklistCap->setRange(0, limits::MaxBlacklistPerAccount);
    m_quota->setRange(1, 10'000'000);
    m_recipients->setRange(1, 10'000'000);
    m_size->setDecimals(0);
    m_size->setRange(1, double(limits::MaxMessageSizeLimit));
    m_size->setGroupSeparatorShown(true);
    m_window->addItems({QString(), QString()});
    m_localList->setObjectName(u"localDomains"_s);
    m_localNew->setObjectName(u"localDomainNew"_s);
    m_localAdd->setObjectName(u"localDomainAdd"_s);
    m_localRemove->setObjectName(u"localDomainRemove"_s);
    m_localError->setObjectName(u"localDomainError"_s);
    m_localError->setStyleSheet(u"color: #b02020"_s);
    m_localList->setModel(m_localModel);
    m_localList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_localList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_localList->setMaximumHeight(m_localList->fontMetrics().height() * 4);
    for (QLabel *title : {m_defaultsTitle, m_localTitle, m_accountsTitle}) {
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
    auto *blacklistRow = new QHBoxLayout;
    blacklistRow->addWidget(m_blacklistCap);
    blacklistRow->addWidget(m_blacklistPerAccountLabel);
    blacklistRow->addWidget(m_blacklistPerAccount);
    blacklistRow->addStretch(1);
    form->addRow(m_blacklistLabel, blacklistRow);
    form->addRow(m_accountBlacklistLabel, m_accountBlacklistCap);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(m_defaultsTitle);
    layout->addLayout(form);
    layout->addWidget(m_localTitle);
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_localList, 1);
    auto *localButtons = new QVBoxLayout;
    localButtons->addWidget(m_localNew);
    auto *localActions = new QHBoxLayout;
    localActions->addWidget(m_localAdd);
    localActions->addWidget(m_localRemove);
    localActions->addStretch(1);
    localButtons->addLayout(localActions);
    localButtons->addWidget(m_localError);
    localButtons->addStretch(1);
    localRow->addLayout(localButtons, 1);
    layout->addLayout(localRow);
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

    for (QSpinBox *s :
         {m_quota, m_recipients, m_blacklistCap, m_blacklistPerAccount, m_accountBlacklistCap})
        connect(s, &QSpinBox::editingFinished, this, &LimitsView::commitDefaults);
    connect(m_size, &QDoubleSpinBox::editingFinished, this, &LimitsView::commitDefaults);
    connect(m_size, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        m_sizeHuman->setText(tr("= %1").arg(LanguageManager::size(qint64(v))));
    });
    connect(m_window, &QComboBox::activated, this, &LimitsView::commitDefaults);
    connect(m_localNew, &QLineEdit::returnPressed, this, &LimitsView::addLocalDomain);
    connect(m_localAdd, &QPushButton::clicked, this, &LimitsView::addLocalDomain);
    connect(m_localRemove, &QPushButton::clicked, this, &LimitsView::removeLocalDomains);
    connect(m_localNew, &QLineEdit::textChanged, m_localError, &QLabel::clear);
    connect(m_localList->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LimitsView::showDefaults);
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
    m_blacklistLabel->setText(tr("Relay-wide blacklist (entries):"));
    m_blacklistPerAccountLabel->setText(tr("plus, for each account:"));
    m_accountBlacklistLabel->setText(tr("Blacklist of each account (entries):"));
    for (QSpinBox *s :
         {m_quota, m_recipients, m_blacklistCap, m_blacklistPerAccount, m_accountBlacklistCap})
        s->setLocale(LanguageManager::locale());
    m_size->setLocale(LanguageManager::locale());
    m_sizeHuman->setText(tr("= %1").arg(LanguageManager::size(qint64(m_size->value()))));
    m_window->setItemText(0, tr("Calendar day (relay's time zone)"));
    m_window->setItemText(1, tr("Rolling 24 hours"));
    m_localTitle->setText(tr("Local domains (mail to them is delivered here and never counts "
                             "against a quota)"));
    m_localNew->setPlaceholderText(tr("Domain, e.g. example.com"));
    m_localAdd->setText(tr("Add"));
    m_localRemove->setText(tr("Remove"));
    m_accountsTitle->setText(
        tr("Accounts (double-click a limit to override it; empty it to use the default)"));
    m_model->headerDataChanged(Qt::Horizontal, 0, AccountLimitsModel::ColumnCount - 1);
    fitSectionsToHeaders(m_table->horizontalHeader());
}

void LimitsView::showDefaults()
{
    const policy::Limits &l = m_editor.draft().limits;
    const bool editable = m_editor.isLoaded() && !m_editor.isBusy() && m_editor.canEditRelayWide();
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_quota, m_recipients, m_size, m_window, m_blacklistCap,
                                          m_blacklistPerAccount, m_accountBlacklistCap})
        w->setEnabled(editable);
    const QSignalBlocker b1(m_quota), b2(m_recipients), b3(m_size), b4(m_window),
        b5(m_blacklistCap), b6(m_blacklistPerAccount), b7(m_accountBlacklistCap);
    if (m_localModel->stringList() != m_editor.draft().localDomains)
        m_localModel->setStringList(m_editor.draft().localDomains);
    m_localNew->setEnabled(editable);
    m_localAdd->setEnabled(editable);
    m_localRemove->setEnabled(editable && m_localList->selectionModel()->hasSelection());
    m_blacklistCap->setValue(l.relayBlacklistCap);
    m_blacklistPerAccount->setValue(l.relayBlacklistPerAccount);
    m_accountBlacklistCap->setValue(l.accountBlacklistCap);
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
    next.relayBlacklistCap = m_blacklistCap->value();
    next.relayBlacklistPerAccount = m_blacklistPerAccount->value();
    next.accountBlacklistCap = m_accountBlacklistCap->value();
    const policy::Limits &now = m_editor.draft().limits;
    if (next.dailyQuota == now.dailyQuota && next.maxRecipients == now.maxRecipients &&
        next.maxMessageSize == now.maxMessageSize && next.window == now.window &&
        next.relayBlacklistCap == now.relayBlacklistCap &&
        next.relayBlacklistPerAccount == now.relayBlacklistPerAccount &&
        next.accountBlacklistCap == now.accountBlacklistCap)
        return;
    m_editor.edit(tr("Change the relay defaults"), [&next](policy::Policy &p) { p.limits = next; });
}

void LimitsView::selectAccount(const QString &login)
{
    const QList<policy::Account> &accounts = m_editor.draft().accounts;
    for (qsizetype row = 0; row < accounts.size(); ++row) {
        if (accounts[row].login == login) {
            m_table->selectRow(int(row));
            m_table->scrollTo(m_model->index(int(row), AccountLimitsModel::Account));
            m_table->setFocus();
            return;
        }
    }
}

void LimitsView::addLocalDomain()
{
    if (!m_editor.isLoaded() || !m_editor.canEditRelayWide())
        return;
    const QString domain = m_localNew->text().trimmed().toLower();
    if (domain.isEmpty())
        return;
    // The relay's parser refuses less (no @, space or *); the console asks for a host name,
    // so a typo is caught before the review.
    static const QRegularExpression hostName(
        u"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}$"_s);
    const policy::Policy &p = m_editor.draft();
    if (!hostName.match(domain).hasMatch()) {
        m_localError->setText(tr("\"%1\" is not a domain name").arg(domain));
        return;
    }
    if (p.localDomains.contains(domain)) {
        m_localError->setText(tr("%1 is already a local domain").arg(domain));
        return;
    }
    if (std::any_of(p.testDomains.cbegin(), p.testDomains.cend(),
                    [&](const policy::TestDomain &t) { return t.domain == domain; })) {
        m_localError->setText(
            tr("%1 is a test domain: its mail goes to the black hole").arg(domain));
        return;
    }
    setLocalDomains(tr("Add the local domain %1").arg(domain),
                    p.localDomains + QStringList{domain});
    m_localNew->clear();
}

void LimitsView::removeLocalDomains()
{
    if (!m_editor.isLoaded() || !m_editor.canEditRelayWide())
        return;
    QStringList removed;
    for (const QModelIndex &i : m_localList->selectionModel()->selectedRows())
        removed.append(i.data().toString());
    if (removed.isEmpty())
        return;
    QStringList domains = m_editor.draft().localDomains;
    for (const QString &d : std::as_const(removed))
        domains.removeAll(d);
    setLocalDomains(tr("Remove the local domain(s) %1", nullptr, int(removed.size()))
                        .arg(removed.join(u", "_s)),
                    domains);
}

void LimitsView::setLocalDomains(const QString &description, const QStringList &domains)
{
    m_localError->clear();
    m_editor.edit(description, [&domains](policy::Policy &p) { p.localDomains = domains; });
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
