#include "senders_view.h"

#include "client/texts.h"
#include "draft_bar.h"
#include "policy/pattern.h"
#include "policy/policy.h"
#include "policy_editor.h"
#include "when_ready.h"

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;
using Kind = PatternTableModel::Kind;

namespace {

// Marks a pattern editor red with the reason while the text is not a valid pattern.
// Returns whether it is valid.
bool markValidity(QLineEdit *edit, QLabel *reasonLabel = nullptr)
{
    policy::PatternProblem problem;
    const bool empty = edit->text().trimmed().isEmpty();
    const bool valid = !empty && policy::SenderPattern::parse(edit->text().trimmed(), &problem);
    const QString why = valid ? QString() : client::patternProblemText(problem);
    const bool showError = !empty && !valid;
    edit->setStyleSheet(showError ? u"QLineEdit { border: 1px solid #c0392b; }"_s : QString());
    edit->setToolTip(showError ? why : QString());
    if (reasonLabel)
        reasonLabel->setText(showError ? why : QString());
    return valid;
}

// Inline editing of a pattern cell, validated as you type; an invalid pattern is not
// committed (the cell keeps its value).
class PatternDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        auto *edit =
            qobject_cast<QLineEdit *>(QStyledItemDelegate::createEditor(parent, option, index));
        if (edit && index.column() == 0) {
            edit->setObjectName(u"patternEditor"_s);
            QObject::connect(edit, &QLineEdit::textChanged, edit, [edit] { markValidity(edit); });
        }
        return edit;
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        auto *edit = qobject_cast<QLineEdit *>(editor);
        if (index.column() == 0 && edit && !markValidity(edit))
            return;
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

struct ImportRead
{
    QString error;
    policy::PatternImport result;
};

} // namespace

// ---------------------------------------------------------------- PatternTableModel

PatternTableModel::PatternTableModel(PolicyEditor &editor, Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
    , m_kind(kind)
{
    connect(&editor, &PolicyEditor::draftChanged, this, &PatternTableModel::reset);
    connect(&editor, &PolicyEditor::loaded, this, &PatternTableModel::reset);
}

void PatternTableModel::setAccount(const QString &login)
{
    m_login = login;
    reset();
}

bool PatternTableModel::editable() const
{
    if (!m_editor.isLoaded() || m_editor.isBusy())
        return false;
    if (m_kind == Kind::RelayBlacklist)
        return m_editor.canEditRelayWide();
    return !m_login.isEmpty() && m_editor.canEditAccount(m_login);
}

std::optional<int> PatternTableModel::cap() const
{
    const policy::Policy &p = m_editor.draft();
    switch (m_kind) {
    case Kind::Senders:
        break;
    case Kind::AccountBlacklist:
        return p.limits.accountBlacklistCap;
    case Kind::RelayBlacklist:
        if (m_editor.canEditRelayWide())
            return p.limits.relayBlacklistCapFor(p.accounts.size());
        break;
    }
    return std::nullopt;
}

QList<PatternTableModel::Entry> PatternTableModel::entries(const policy::Policy &p) const
{
    QList<Entry> out;
    if (m_kind == Kind::RelayBlacklist) {
        for (const auto &b : p.blacklist)
            out.append({b.pattern.text(), b.message});
        return out;
    }
    const policy::Account *a = p.account(m_login);
    if (!a)
        return out;
    if (m_kind == Kind::Senders) {
        for (const auto &s : a->senders)
            out.append({s.text(), {}});
    } else {
        for (const auto &b : a->blacklist)
            out.append({b.pattern.text(), b.message});
    }
    return out;
}

void PatternTableModel::reset()
{
    beginResetModel();
    m_rows = entries(m_editor.draft());
    endResetModel();
}

void PatternTableModel::write(const QString &description,
                              const std::function<void(QList<Entry> &)> &change)
{
    const Kind kind = m_kind;
    const QString login = m_login;
    const QList<Entry> before = entries(m_editor.draft());
    m_editor.edit(description, [&](policy::Policy &p) {
        QList<Entry> rows = before;
        change(rows);
        QList<policy::BlacklistEntry> blacklist;
        QList<policy::SenderPattern> senders;
        for (const Entry &e : std::as_const(rows)) {
            auto pattern = policy::SenderPattern::parse(e.pattern);
            if (!pattern)
                continue; // validated before; never store what the relay would refuse
            if (kind == Kind::Senders)
                senders.append(*pattern);
            else
                blacklist.append({*pattern, e.message});
        }
        if (kind == Kind::RelayBlacklist) {
            p.blacklist = blacklist;
        } else if (policy::Account *a = p.account(login)) {
            if (kind == Kind::Senders)
                a->senders = senders;
            else
                a->blacklist = blacklist;
        }
    });
}

int PatternTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PatternTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : (m_kind == Kind::Senders ? 1 : 2);
}

QVariant PatternTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Entry &e = m_rows[index.row()];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return index.column() == 0 ? e.pattern : e.message;
    return {};
}

QVariant PatternTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return m_kind == Kind::Senders ? tr("Address or pattern") : tr("Sender pattern");
    return tr("Message added to the refusal");
}

Qt::ItemFlags PatternTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (editable())
        f |= Qt::ItemIsEditable;
    return f;
}

bool PatternTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !editable())
        return false;
    const QString text = value.toString().trimmed();
    if (index.column() == 0 && !policy::SenderPattern::parse(text))
        return false;
    if (index.column() == 1 && (text.contains(u'\n') || text.size() > 200))
        return false;
    const int row = index.row();
    const int column = index.column();
    if (data(index, Qt::EditRole).toString() == text)
        return false;
    write(tr("Edit %1").arg(m_rows[row].pattern), [row, column, text](QList<Entry> &rows) {
        if (row < rows.size())
            (column == 0 ? rows[row].pattern : rows[row].message) = text;
    });
    return true;
}

bool PatternTableModel::add(const QStringList &patterns, const QString &message)
{
    if (!editable() || patterns.isEmpty())
        return false;
    for (const QString &p : patterns) {
        if (!policy::SenderPattern::parse(p))
            return false;
    }
    qsizetype added = 0;
    for (const QString &p : patterns) {
        added += std::none_of(m_rows.cbegin(), m_rows.cend(), [&](const Entry &e) {
            return e.pattern.compare(p, Qt::CaseInsensitive) == 0;
        });
    }
    if (const auto max = cap(); max && m_rows.size() + added > *max)
        return false;
    const QString description = patterns.size() == 1
                                    ? tr("Add %1").arg(patterns.first())
                                    : tr("Import %n pattern(s)", nullptr, int(patterns.size()));
    write(description, [&](QList<Entry> &rows) {
        for (const QString &p : patterns) {
            const bool present = std::any_of(rows.cbegin(), rows.cend(), [&](const Entry &e) {
                return e.pattern.compare(p, Qt::CaseInsensitive) == 0;
            });
            if (!present)
                rows.append({p, message});
        }
    });
    return true;
}

void PatternTableModel::removeRows(QList<int> rows)
{
    if (!editable() || rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    const QString description = rows.size() == 1 && rows.first() < m_rows.size()
                                    ? tr("Remove %1").arg(m_rows[rows.first()].pattern)
                                    : tr("Remove %n pattern(s)", nullptr, int(rows.size()));
    write(description, [&rows](QList<Entry> &entries) {
        for (int r : std::as_const(rows)) {
            if (r < entries.size())
                entries.removeAt(r);
        }
    });
}

// ---------------------------------------------------------------- PatternListEditor

PatternListEditor::PatternListEditor(PolicyEditor &editor, Kind kind, const QString &name,
                                     QWidget *parent)
    : QWidget(parent)
    , m_model(new PatternTableModel(editor, kind, this))
    , m_title(new QLabel(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_newPattern(new QLineEdit(this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
    , m_error(new QLabel(this))
{
    setObjectName(name);
    m_table->setObjectName(name + u"Table"_s);
    m_newPattern->setObjectName(name + u"New"_s);
    m_add->setObjectName(name + u"Add"_s);
    m_remove->setObjectName(name + u"Remove"_s);
    m_error->setObjectName(name + u"Error"_s);
    m_error->setStyleSheet(u"color: #c0392b;"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new PatternDelegate(m_table));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_count->setObjectName(name + u"Count"_s);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_title, 0, 0, 1, 3);
    layout->addWidget(m_count, 0, 3);
    layout->addWidget(m_table, 1, 0, 1, 4);
    layout->addWidget(m_newPattern, 2, 0);
    int column = 1;
    if (kind != Kind::Senders) {
        m_newMessage = new QLineEdit(this);
        m_newMessage->setObjectName(name + u"NewMessage"_s);
        m_newMessage->setMaxLength(200);
        layout->addWidget(m_newMessage, 2, column++);
        connect(m_newMessage, &QLineEdit::returnPressed, this, &PatternListEditor::addNew);
    }
    layout->addWidget(m_add, 2, column++);
    layout->addWidget(m_remove, 2, column++);
    if (kind == Kind::Senders) {
        m_import = new QPushButton(this);
        m_import->setObjectName(name + u"Import"_s);
        layout->addWidget(m_import, 2, column++);
        connect(m_import, &QPushButton::clicked, this, &PatternListEditor::importFile);
    }
    layout->addWidget(m_error, 3, 0, 1, 4);

    connect(m_newPattern, &QLineEdit::textChanged, this, &PatternListEditor::validateNew);
    connect(m_newPattern, &QLineEdit::returnPressed, this, &PatternListEditor::addNew);
    connect(m_add, &QPushButton::clicked, this, &PatternListEditor::addNew);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
            rows.append(i.row());
        m_model->removeRows(rows);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PatternListEditor::updateEnabled);
    connect(&editor, &PolicyEditor::busyChanged, this, &PatternListEditor::updateEnabled);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PatternListEditor::updateEnabled);
    retranslate();
    updateEnabled();
}

void PatternListEditor::setAccount(const QString &login)
{
    m_model->setAccount(login);
}

void PatternListEditor::retranslate()
{
    switch (m_model->kind()) {
    case Kind::Senders:
        m_title->setText(tr("Authorized senders"));
        m_newPattern->setPlaceholderText(tr("name@example.com, *@example.com or *@*.example.com"));
        m_import->setText(tr("Import…"));
        m_import->setToolTip(tr("Add patterns from a text file, one per line"));
        break;
    case Kind::AccountBlacklist:
        m_title->setText(tr("Blacklisted senders of this account"));
        break;
    case Kind::RelayBlacklist:
        m_title->setText(tr("Relay-wide blacklist (every account)"));
        break;
    }
    if (m_newMessage) {
        m_newPattern->setPlaceholderText(tr("Sender pattern, e.g. *@spammer.example"));
        m_newMessage->setPlaceholderText(tr("Message for the sender (optional)"));
    }
    m_add->setText(tr("Add"));
    m_remove->setText(tr("Remove"));
    validateNew();
}

void PatternListEditor::validateNew()
{
    const bool valid = markValidity(m_newPattern, m_error);
    const int rows = m_model->rowCount();
    const auto cap = m_model->cap();
    const bool full = cap && rows >= *cap;
    m_add->setEnabled(valid && m_model->editable() && !full);
    // The count against the cap, before the relay refuses: amber when nearly full.
    if (!cap) {
        m_count->clear();
        return;
    }
    m_count->setText(tr("%1 of %2").arg(QLocale().toString(rows), QLocale().toString(*cap)));
    m_count->setStyleSheet(full                   ? u"color: #b02020; font-weight: bold"_s
                           : rows * 5 >= *cap * 4 ? u"color: #b26a00"_s
                                                  : QString());
    const QString why = tr("The relay allows at most %n entries in this list.", nullptr, *cap);
    m_count->setToolTip(why);
    m_add->setToolTip(full ? why : QString());
    if (full && m_model->editable() && !m_newPattern->text().trimmed().isEmpty())
        m_error->setText(tr("The list is full: remove an entry first (%1)").arg(why));
}

void PatternListEditor::updateEnabled()
{
    const bool editable = m_model->editable();
    m_newPattern->setEnabled(editable);
    if (m_newMessage)
        m_newMessage->setEnabled(editable);
    if (m_import)
        m_import->setEnabled(editable);
    m_remove->setEnabled(editable && m_table->selectionModel()->hasSelection());
    validateNew();
}

void PatternListEditor::addNew()
{
    if (!markValidity(m_newPattern, m_error))
        return;
    if (m_model->add({m_newPattern->text().trimmed()},
                     m_newMessage ? m_newMessage->text().trimmed() : QString())) {
        m_newPattern->clear();
        if (m_newMessage)
            m_newMessage->clear();
    }
}

void PatternListEditor::importFile()
{
    auto *chooser = new QFileDialog(this, tr("Import senders"));
    chooser->setObjectName(u"importChooser"_s);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setNameFilters({tr("Text files (*.txt *.csv *.list)"), tr("All files (*)")});
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &path) {
        // Reading and parsing happen off the UI thread (the file may be large or slow).
        whenReady(
            QtConcurrent::run([path] {
                ImportRead read;
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
                    read.error = f.errorString();
                else
                    read.result = policy::parsePatternLines(QString::fromUtf8(f.readAll()));
                return read;
            }),
            this, [this, path](const ImportRead &read) {
                if (!read.error.isEmpty()) {
                    m_error->setText(tr("Cannot read %1: %2").arg(path, read.error));
                    return;
                }
                QStringList patterns;
                for (const auto &p : read.result.patterns)
                    patterns.append(p.text());
                if (read.result.problems.isEmpty()) {
                    m_model->add(patterns);
                    m_error->setText(tr("Imported %n pattern(s).", nullptr, int(patterns.size())));
                    return;
                }
                QStringList lines;
                for (const auto &p : read.result.problems)
                    lines.append(tr("line %1: \"%2\": %3")
                                     .arg(p.line)
                                     .arg(p.text, client::patternProblemText(p.problem)));
                auto *box =
                    new QMessageBox(QMessageBox::Warning, tr("Import senders"),
                                    tr("%n line(s) are not valid patterns and are left out.",
                                       nullptr, int(read.result.problems.size())),
                                    QMessageBox::Cancel, this);
                box->setObjectName(u"importReport"_s);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setDetailedText(lines.join(u'\n'));
                box->setInformativeText(lines.mid(0, 10).join(u'\n'));
                QPushButton *addValid = patterns.isEmpty()
                                            ? nullptr
                                            : box->addButton(tr("Add the %n valid one(s)", nullptr,
                                                                int(patterns.size())),
                                                             QMessageBox::AcceptRole);
                connect(box, &QMessageBox::finished, this, [this, box, addValid, patterns] {
                    if (addValid && box->clickedButton() == addValid)
                        m_model->add(patterns);
                });
                box->open();
            });
    });
    chooser->open();
}

// ---------------------------------------------------------------- SendersView

SendersView::SendersView(PolicyEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_bar(new DraftBar(editor, this))
    , m_search(new QLineEdit(this))
    , m_accountModel(new QStringListModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_accounts(new QListView(this))
    , m_accountTitle(new QLabel(this))
    , m_senders(new PatternListEditor(editor, Kind::Senders, u"senders"_s, this))
    , m_accountBlacklist(
          new PatternListEditor(editor, Kind::AccountBlacklist, u"accountBlacklist"_s, this))
    , m_relayBlacklist(
          new PatternListEditor(editor, Kind::RelayBlacklist, u"relayBlacklist"_s, this))
{
    setObjectName(u"sendersView"_s);
    m_search->setObjectName(u"accountSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_accounts->setObjectName(u"accounts"_s);
    m_filter->setSourceModel(m_accountModel);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_accounts->setModel(m_filter);
    m_accounts->setUniformItemSizes(true);
    m_accounts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_accountTitle->setObjectName(u"accountTitle"_s);
    QFont bold = m_accountTitle->font();
    bold.setBold(true);
    m_accountTitle->setFont(bold);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_accounts);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_accountTitle);
    rightLayout->addWidget(m_senders, 3);
    rightLayout->addWidget(m_accountBlacklist, 2);
    rightLayout->addWidget(m_relayBlacklist, 2);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_accounts->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SendersView::accountChanged);
    connect(&editor, &PolicyEditor::loaded, this, &SendersView::reloadAccounts);
    connect(&editor, &PolicyEditor::draftChanged, this, &SendersView::reloadAccounts);
    retranslate();
    reloadAccounts();
}

void SendersView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SendersView::retranslate()
{
    m_search->setPlaceholderText(tr("Search accounts"));
    m_senders->retranslate();
    m_accountBlacklist->retranslate();
    m_relayBlacklist->retranslate();
    accountChanged();
}

void SendersView::reloadAccounts()
{
    QStringList logins;
    for (const auto &a : m_editor.draft().accounts)
        logins.append(a.login);
    if (logins == m_accountModel->stringList())
        return;
    const QString current = m_senders->model()->account();
    m_accountModel->setStringList(logins);
    selectAccount(current.isEmpty() && !logins.isEmpty() ? logins.first() : current);
}

void SendersView::selectAccount(const QString &login)
{
    const int row = int(m_accountModel->stringList().indexOf(login));
    const QModelIndex index = m_filter->mapFromSource(m_accountModel->index(row));
    m_accounts->setCurrentIndex(index);
    accountChanged();
}

void SendersView::accountChanged()
{
    const QString login = m_accounts->currentIndex().data().toString();
    m_senders->setAccount(login);
    m_accountBlacklist->setAccount(login);
    m_relayBlacklist->setAccount({});
    if (login.isEmpty())
        m_accountTitle->setText(tr("No account selected"));
    else if (m_editor.canEditAccount(login))
        m_accountTitle->setText(tr("Account %1").arg(login));
    else
        m_accountTitle->setText(tr("Account %1 (read-only for your role)").arg(login));
}

} // namespace staffetta::ui
