#include "content_view.h"

#include "draft_bar.h"
#include "policy/policy.h"
#include "policy_editor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;
using policy::AttachmentMode;
using policy::BccMode;
using policy::Language;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ContentWords)
};

constexpr std::array<Language, 2> Languages{Language::Italian, Language::English};

// The name the preview gives the attachment (the relay docs' example).
const QString ExampleName = u"esempio.zip"_s;

// The policy's own reading of a content section (core/policy/content.cpp), on a policy with
// nothing else in it: what the relay accepts, normalised as the relay normalises it. The view
// validates by parsing, so it holds no rule of its own.
std::optional<policy::ContentRules> parsedContent(const QJsonObject &content)
{
    QJsonObject root = policy::Policy().toJsonObject();
    root.insert(u"content"_s, content);
    auto parsed = policy::Policy::fromJsonObject(root);
    if (!parsed)
        return std::nullopt;
    return parsed.value().content;
}

std::optional<QStringList> parsedExtensions(const QStringList &list)
{
    auto c = parsedContent(
        {{u"attachments"_s, QJsonObject{{u"allowed"_s, QJsonArray::fromStringList(list)}}}});
    return c ? std::optional(c->allowedExtensions) : std::nullopt;
}

std::optional<policy::Bcc> parsedBcc(BccMode mode, const QString &target)
{
    QJsonObject bcc{{u"mode"_s, policy::toName(mode)}};
    if (mode == BccMode::Mailbox)
        bcc.insert(u"mailbox"_s, target);
    else if (mode == BccMode::Address)
        bcc.insert(u"address"_s, target);
    auto c = parsedContent({{u"bcc"_s, bcc}});
    return c ? std::optional(c->bcc) : std::nullopt;
}

bool validNotice(const QString &text)
{
    return bool(parsedContent(
        {{u"attachments"_s,
          QJsonObject{{u"notice"_s, QJsonObject{{policy::toName(Language::Italian), text}}}}}}));
}

// A new extension for `list`: the extension as the relay will store it, or why not.
struct ExtensionCheck
{
    QString extension;
    QString problem;
};

ExtensionCheck checkExtension(const QStringList &list, const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    // Which rule refuses it, asked of the parser: alone (is it an extension at all?), without
    // its leading dot, then after the list (is it there already?).
    const auto alone = parsedExtensions({text});
    if (!alone) {
        if (text.startsWith(u'.') && parsedExtensions({text.mid(1)}))
            return {{},
                    Tr::tr("Write the extension without the dot: %1").arg(text.mid(1).toLower())};
        return {{},
                Tr::tr("\"%1\" is not a file extension: letters and digits only, like pdf or docx.")
                    .arg(text)};
    }
    const auto all = parsedExtensions(list + QStringList{text});
    if (!all)
        return {{}, Tr::tr("%1 is already in the list.").arg(alone->first())};
    return {all->last(), {}};
}

// The reply a sender gets, as the relay writes a multi-line SMTP reply (RFC 5321 4.2.1: the
// code and a dash on every line but the last).
QString replyText(const policy::ContentRules &rules, Language language)
{
    const QStringList lines = rules.noticeLines(language, ExampleName);
    QStringList out;
    for (qsizetype i = 0; i < lines.size(); ++i)
        out.append((i + 1 < lines.size() ? u"554-5.7.1 "_s : u"554 5.7.1 "_s) + lines[i]);
    return out.join(u'\n');
}

QString languageName(Language l)
{
    return l == Language::English ? Tr::tr("English") : Tr::tr("Italian");
}

QString attachmentModeName(AttachmentMode m)
{
    return m == AttachmentMode::Off ? Tr::tr("Off: every attachment passes")
                                    : Tr::tr("Allow-list: only the listed extensions pass");
}

QString attachmentsSummary(AttachmentMode m, const QStringList &allowed)
{
    if (m == AttachmentMode::Off)
        return Tr::tr("Off");
    return Tr::tr("Allow-list: %1")
        .arg(allowed.isEmpty() ? Tr::tr("(none)") : allowed.join(u", "_s));
}

QString bccModeName(BccMode m)
{
    switch (m) {
    case BccMode::Off:
        return Tr::tr("Off");
    case BccMode::Mailbox:
        return Tr::tr("Archive mailbox on the relay");
    case BccMode::Address:
        return Tr::tr("Another address");
    }
    return {};
}

QString bccSummary(const policy::Bcc &b)
{
    switch (b.mode) {
    case BccMode::Off:
        return Tr::tr("Off");
    case BccMode::Mailbox:
        return Tr::tr("Mailbox %1").arg(b.mailbox);
    case BccMode::Address:
        return Tr::tr("To %1").arg(b.address);
    }
    return {};
}

QString followText(const QString &relayValue)
{
    return Tr::tr("Follow the relay (%1)").arg(relayValue);
}

void markInvalid(QWidget *w, bool invalid)
{
    w->setStyleSheet(invalid ? QString::fromLatin1(w->metaObject()->className()) +
                                   u" { border: 1px solid #c0392b; }"_s
                             : QString());
}

// Fills a combo box with "follow the relay" (no data; accounts only) and the values. The items
// are replaced only when they differ: a periodic refresh leaves an open list alone.
template<typename Enum>
void fill(QComboBox *box, const std::optional<QString> &follow,
          const QList<std::pair<Enum, QString>> &values, std::optional<Enum> current)
{
    QList<std::pair<QString, QVariant>> items;
    if (follow)
        items.append({*follow, QVariant()});
    int chosenRow = 0;
    for (const auto &[value, text] : values) {
        if (current == value)
            chosenRow = int(items.size());
        items.append({text, int(value)});
    }
    const QSignalBlocker blocker(box);
    bool same = box->count() == items.size();
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == items[i].first && box->itemData(i) == items[i].second;
    if (!same) {
        box->clear();
        for (const auto &[text, data] : std::as_const(items))
            box->addItem(text, data);
    }
    box->setCurrentIndex(chosenRow);
}

template<typename Enum> std::optional<Enum> chosen(const QComboBox *box)
{
    const QVariant d = box->currentData();
    return d.isValid() ? std::optional(Enum(d.toInt())) : std::nullopt;
}

} // namespace

// ---------------------------------------------------------------- ContentScopesModel

ContentScopesModel::ContentScopesModel(PolicyEditor &editor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_editor(editor)
{
    connect(&editor, &PolicyEditor::loaded, this, &ContentScopesModel::update);
    connect(&editor, &PolicyEditor::draftChanged, this, &ContentScopesModel::update);
}

void ContentScopesModel::update()
{
    QStringList logins;
    if (m_editor.isLoaded()) {
        logins.append(QString()); // the relay's defaults
        for (const auto &a : m_editor.draft().accounts)
            logins.append(a.login);
    }
    if (logins != m_logins) {
        beginResetModel();
        m_logins = logins;
        endResetModel();
    } else if (!m_logins.isEmpty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

int ContentScopesModel::rowForLogin(const QString &login) const
{
    return int(m_logins.indexOf(login));
}

int ContentScopesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_logins.size());
}

int ContentScopesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContentScopesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_logins.size())
        return {};
    const QString &login = m_logins[index.row()];
    if (role == LoginRole)
        return login;
    const policy::Policy &p = m_editor.draft();
    const policy::Account *a = login.isEmpty() ? nullptr : p.account(login);
    if (!login.isEmpty() && !a)
        return {};
    bool own = !a;
    QString text;
    switch (index.column()) {
    case Name:
        own = true;
        text = a ? login : tr("Relay defaults");
        break;
    case Language:
        own = own || a->language;
        text = languageName(p.language(a));
        break;
    case Attachments:
        own = own || a->content.attachmentMode || a->content.allowedExtensions;
        text = attachmentsSummary(p.attachmentMode(a), p.allowedExtensions(a));
        break;
    case Bcc:
        own = own || a->content.bcc;
        text = bccSummary(p.bcc(a));
        break;
    }
    if (role == Qt::DisplayRole)
        return own ? text : tr("%1 (relay)").arg(text);
    if (role == Qt::ForegroundRole && !own)
        return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::FontRole && !a && index.column() == Name) {
        QFont bold = QApplication::font();
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant ContentScopesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Account");
    case Language:
        return tr("Language");
    case Attachments:
        return tr("Attachments");
    case Bcc:
        return tr("BCC archive");
    }
    return {};
}

// ---------------------------------------------------------------- ContentView

ContentView::ContentView(PolicyEditor &editor, QWidget *parent)
    : RelayView(parent)
    , m_editor(editor)
    , m_bar(new DraftBar(editor, this))
    , m_model(new ContentScopesModel(editor, this))
    , m_scopes(new QTableView(this))
    , m_scopeTitle(new QLabel(this))
    , m_languageBox(new QGroupBox(this))
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_attachmentsBox(new QGroupBox(this))
    , m_modeLabel(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_ownList(new QCheckBox(this))
    , m_allowed(new QListWidget(this))
    , m_newExtension(new QLineEdit(this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
    , m_extensionError(new QLabel(this))
    , m_noticeBox(new QGroupBox(this))
    , m_noticeHint(new QLabel(this))
    , m_noticeLabel{new QLabel(this), new QLabel(this)}
    , m_notice{new QPlainTextEdit(this), new QPlainTextEdit(this)}
    , m_previewLabel{new QLabel(this), new QLabel(this)}
    , m_preview{new QLabel(this), new QLabel(this)}
    , m_setNotices(new QPushButton(this))
    , m_defaultNotices(new QPushButton(this))
    , m_noticeError(new QLabel(this))
    , m_bccBox(new QGroupBox(this))
    , m_bccModeLabel(new QLabel(this))
    , m_bccTargetLabel(new QLabel(this))
    , m_bccMode(new QComboBox(this))
    , m_bccTarget(new QLineEdit(this))
    , m_bccError(new QLabel(this))
    , m_retention(new QLabel(this))
{
    setObjectName(u"contentView"_s);
    m_scopes->setObjectName(u"contentScopes"_s);
    m_scopeTitle->setObjectName(u"scopeTitle"_s);
    m_language->setObjectName(u"language"_s);
    m_mode->setObjectName(u"attachmentMode"_s);
    m_ownList->setObjectName(u"allowedOwn"_s);
    m_allowed->setObjectName(u"allowedList"_s);
    m_newExtension->setObjectName(u"allowedNew"_s);
    m_add->setObjectName(u"allowedAdd"_s);
    m_remove->setObjectName(u"allowedRemove"_s);
    m_extensionError->setObjectName(u"allowedError"_s);
    m_setNotices->setObjectName(u"noticeSet"_s);
    m_defaultNotices->setObjectName(u"noticeDefault"_s);
    m_noticeError->setObjectName(u"noticeError"_s);
    m_bccMode->setObjectName(u"bccMode"_s);
    m_bccTarget->setObjectName(u"bccTarget"_s);
    m_bccError->setObjectName(u"bccError"_s);
    m_retention->setObjectName(u"bccRetention"_s);
    const std::array<QString, 2> suffix{u"It"_s, u"En"_s};
    for (int i = 0; i < 2; ++i) {
        m_notice[i]->setObjectName(u"notice"_s + suffix[i]);
        m_preview[i]->setObjectName(u"preview"_s + suffix[i]);
        m_notice[i]->setTabChangesFocus(true);
        m_notice[i]->setMaximumHeight(80);
        m_preview[i]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_preview[i]->setTextFormat(Qt::PlainText);
        m_preview[i]->setWordWrap(true);
        m_preview[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    for (QLabel *error : {m_extensionError, m_noticeError, m_bccError}) {
        error->setStyleSheet(u"color: #c0392b;"_s);
        error->setWordWrap(true);
    }
    for (QLabel *l : {m_scopeTitle, m_noticeHint, m_retention})
        l->setWordWrap(true);
    QFont bold = m_scopeTitle->font();
    bold.setBold(true);
    m_scopeTitle->setFont(bold);

    m_scopes->setModel(m_model);
    m_scopes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_scopes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_scopes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scopes->verticalHeader()->hide();
    m_scopes->horizontalHeader()->setStretchLastSection(true);
    m_scopes->horizontalHeader()->setDefaultSectionSize(110);
    m_allowed->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_allowed->setMaximumHeight(110);

    auto *languageForm = new QFormLayout(m_languageBox);
    languageForm->addRow(m_languageLabel, m_language);

    auto *attachments = new QGridLayout(m_attachmentsBox);
    attachments->addWidget(m_modeLabel, 0, 0);
    attachments->addWidget(m_mode, 0, 1, 1, 3);
    attachments->addWidget(m_ownList, 1, 0, 1, 4);
    attachments->addWidget(m_allowed, 2, 0, 1, 4);
    attachments->addWidget(m_newExtension, 3, 0, 1, 2);
    attachments->addWidget(m_add, 3, 2);
    attachments->addWidget(m_remove, 3, 3);
    attachments->addWidget(m_extensionError, 4, 0, 1, 4);

    auto *notice = new QGridLayout(m_noticeBox);
    notice->addWidget(m_noticeHint, 0, 0, 1, 2);
    for (int i = 0; i < 2; ++i) {
        notice->addWidget(m_noticeLabel[i], 1 + 2 * i, 0);
        notice->addWidget(m_notice[i], 1 + 2 * i, 1);
        notice->addWidget(m_previewLabel[i], 2 + 2 * i, 0);
        notice->addWidget(m_preview[i], 2 + 2 * i, 1);
    }
    auto *noticeButtons = new QHBoxLayout;
    noticeButtons->addStretch(1);
    noticeButtons->addWidget(m_defaultNotices);
    noticeButtons->addWidget(m_setNotices);
    notice->addLayout(noticeButtons, 5, 0, 1, 2);
    notice->addWidget(m_noticeError, 6, 0, 1, 2);

    auto *bcc = new QFormLayout(m_bccBox);
    bcc->addRow(m_bccModeLabel, m_bccMode);
    bcc->addRow(m_bccTargetLabel, m_bccTarget);
    bcc->addRow(m_bccError);
    bcc->addRow(m_retention);

    auto *panel = new QWidget(this);
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->addWidget(m_scopeTitle);
    panelLayout->addWidget(m_languageBox);
    panelLayout->addWidget(m_attachmentsBox);
    panelLayout->addWidget(m_noticeBox);
    panelLayout->addWidget(m_bccBox);
    panelLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_scopes);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({460, 640});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    layout->addWidget(splitter, 1);

    connect(m_scopes->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_scope = current.data(ContentScopesModel::LoginRole).toString();
                scopeChanged();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { selectScope(m_scope); });
    connect(&editor, &PolicyEditor::loaded, this, &ContentView::closeConfirmation);
    connect(&editor, &PolicyEditor::loaded, this, &ContentView::showScope);
    connect(&editor, &PolicyEditor::draftChanged, this, &ContentView::showScope);
    connect(&editor, &PolicyEditor::busyChanged, this, &ContentView::showScope);
    connect(m_language, &QComboBox::activated, this, &ContentView::commitLanguage);
    connect(m_mode, &QComboBox::activated, this, &ContentView::commitAttachmentMode);
    connect(m_ownList, &QCheckBox::clicked, this, &ContentView::commitOwnList);
    connect(m_newExtension, &QLineEdit::textChanged, this, &ContentView::validateExtension);
    connect(m_newExtension, &QLineEdit::returnPressed, this, &ContentView::addExtension);
    connect(m_add, &QPushButton::clicked, this, &ContentView::addExtension);
    connect(m_remove, &QPushButton::clicked, this, &ContentView::removeExtensions);
    connect(m_allowed, &QListWidget::itemSelectionChanged, this, &ContentView::validateExtension);
    for (QPlainTextEdit *edit : m_notice)
        connect(edit, &QPlainTextEdit::textChanged, this, &ContentView::validateNotices);
    connect(m_setNotices, &QPushButton::clicked, this, &ContentView::commitNotices);
    connect(m_defaultNotices, &QPushButton::clicked, this, &ContentView::resetNotices);
    connect(m_bccMode, &QComboBox::activated, this, [this] {
        m_shownTarget = m_bccTarget->text(); // another mode: its own target
        showBccTarget();
        commitBcc();
    });
    connect(m_bccTarget, &QLineEdit::editingFinished, this, &ContentView::commitBcc);
    connect(m_bccTarget, &QLineEdit::textEdited, this, [this] {
        m_bccError->clear();
        markInvalid(m_bccTarget, false);
    });
    retranslate();
}

void ContentView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ContentView::connectionChanged()
{
    closeConfirmation();
    showScope();
}

void ContentView::relayChanged()
{
    // What this user may edit comes with the relay's `info`.
    showScope();
}

void ContentView::retranslate()
{
    m_languageBox->setTitle(tr("Language"));
    m_languageLabel->setText(tr("The relay's refusals are written in:"));
    m_attachmentsBox->setTitle(tr("Dangerous attachments"));
    m_modeLabel->setText(tr("Rule:"));
    m_ownList->setText(tr("This account has its own list of allowed extensions"));
    m_newExtension->setPlaceholderText(tr("Extension to allow, e.g. docx"));
    m_add->setText(tr("Allow"));
    m_remove->setText(tr("Remove"));
    m_noticeBox->setTitle(tr("Notice of the refusal"));
    m_noticeLabel[0]->setText(tr("Italian:"));
    m_noticeLabel[1]->setText(tr("English:"));
    m_previewLabel[0]->setText(tr("Preview:"));
    m_previewLabel[1]->setText(tr("Preview:"));
    m_setNotices->setText(tr("Use this wording"));
    m_defaultNotices->setText(tr("Default wording"));
    m_bccBox->setTitle(tr("BCC archive"));
    m_bccModeLabel->setText(tr("Copy of every accepted message:"));
    m_model->headerDataChanged(Qt::Horizontal, 0, ContentScopesModel::ColumnCount - 1);
    if (m_model->rowCount() > 0)
        emit m_model->dataChanged(
            m_model->index(0, 0),
            m_model->index(m_model->rowCount() - 1, ContentScopesModel::ColumnCount - 1));
    showScope();
}

void ContentView::selectScope(const QString &login)
{
    const QModelIndex index = m_model->index(std::max(0, m_model->rowForLogin(login)), 0);
    if (index.isValid() && m_scopes->currentIndex().row() != index.row()) {
        m_scopes->setCurrentIndex(index); // → scopeChanged()
        return;
    }
    m_scope = index.data(ContentScopesModel::LoginRole).toString();
    scopeChanged();
}

void ContentView::scopeChanged()
{
    m_newExtension->clear();
    m_bccError->clear();
    // Another scope shows the draft's notices again (what was typed and not used is dropped).
    for (int i = 0; i < 2; ++i)
        m_shownNotice[i] = m_notice[i]->toPlainText();
    m_shownTarget = m_bccTarget->text();
    m_shownBccMode = m_bccMode->currentData();
    showScope();
}

const policy::Account *ContentView::scopeAccount() const
{
    return relayScope() ? nullptr : m_editor.draft().account(m_scope);
}

bool ContentView::scopeEditable() const
{
    if (!m_editor.isLoaded() || m_editor.isBusy())
        return false;
    if (relayScope())
        return m_editor.canEditRelayWide();
    return scopeAccount() && m_editor.canEditAccount(m_scope);
}

void ContentView::showScope()
{
    const policy::Policy &p = m_editor.draft();
    const policy::Account *a = scopeAccount();
    const bool loaded = m_editor.isLoaded() && (relayScope() || a);
    const bool editable = scopeEditable();
    const policy::ContentRules &relay = p.content;

    if (!loaded)
        m_scopeTitle->setText(tr("Policy not loaded"));
    else if (relayScope())
        m_scopeTitle->setText(editable ? tr("Relay defaults: every account without a value of "
                                            "its own follows them")
                                       : tr("Relay defaults (read-only for your role)"));
    else
        m_scopeTitle->setText(editable ? tr("Account %1").arg(m_scope)
                                       : tr("Account %1 (read-only for your role)").arg(m_scope));

    const auto follow = [&](const QString &relayValue) {
        return a ? std::optional(followText(relayValue)) : std::nullopt;
    };
    fill<Language>(m_language, follow(languageName(relay.language)),
                   {{Language::Italian, languageName(Language::Italian)},
                    {Language::English, languageName(Language::English)}},
                   a ? a->language : std::optional(relay.language));
    fill<AttachmentMode>(
        m_mode, follow(attachmentModeName(relay.attachmentMode)),
        {{AttachmentMode::Off, attachmentModeName(AttachmentMode::Off)},
         {AttachmentMode::AllowList, attachmentModeName(AttachmentMode::AllowList)}},
        a ? a->content.attachmentMode : std::optional(relay.attachmentMode));
    // A mode chosen and not in the draft yet (its target is being typed) stays while the view
    // is refreshed.
    const std::optional<BccMode> draftBcc =
        a ? (a->content.bcc ? std::optional(a->content.bcc->mode) : std::nullopt)
          : std::optional(relay.bcc.mode);
    const bool bccPending = m_bccMode->currentData() != m_shownBccMode;
    fill<BccMode>(m_bccMode, follow(bccSummary(relay.bcc)),
                  {{BccMode::Off, bccModeName(BccMode::Off)},
                   {BccMode::Mailbox, bccModeName(BccMode::Mailbox)},
                   {BccMode::Address, bccModeName(BccMode::Address)}},
                  bccPending ? chosen<BccMode>(m_bccMode) : draftBcc);
    m_shownBccMode = draftBcc ? QVariant(int(*draftBcc)) : QVariant();
    for (QComboBox *box : {m_language, m_mode, m_bccMode})
        box->setEnabled(editable);

    m_ownList->setVisible(a != nullptr);
    m_ownList->setEnabled(editable);
    m_ownList->setChecked(a && a->content.allowedExtensions);
    const QStringList allowed = p.allowedExtensions(a);
    QStringList shown;
    for (int i = 0; i < m_allowed->count(); ++i)
        shown.append(m_allowed->item(i)->text());
    if (shown != allowed) {
        m_allowed->clear();
        m_allowed->addItems(allowed);
    }

    // The notice is the relay's: an account's customers read it in the account's language.
    const bool noticeEditable = editable && relayScope();
    m_noticeHint->setText(
        a ? tr("The notice is the relay's; this account's customers read it in %1.")
                .arg(languageName(p.language(a)))
          : tr("What a sender reads when an attachment is refused (554 5.7.1): each line is a "
               "line of the reply, {filename} is the attachment's name. Plain ASCII: write e' "
               "for è."));
    for (int i = 0; i < 2; ++i) {
        const QString &text = relay.notice(Languages[i]);
        // What was typed and not used yet stays while other parts are edited.
        if (m_notice[i]->toPlainText() == m_shownNotice[i] && text != m_shownNotice[i]) {
            const QSignalBlocker blocker(m_notice[i]);
            m_notice[i]->setPlainText(text);
        }
        m_shownNotice[i] = text;
        m_notice[i]->setReadOnly(!noticeEditable);
    }
    m_setNotices->setVisible(relayScope());
    m_defaultNotices->setVisible(relayScope());
    validateNotices();
    validateExtension();
    showBccTarget();
}

void ContentView::validateExtension()
{
    const policy::Account *a = scopeAccount();
    // An account that follows the relay's list has none of its own to edit.
    const bool listEditable = scopeEditable() && (!a || a->content.allowedExtensions);
    const ExtensionCheck check =
        checkExtension(m_editor.draft().allowedExtensions(a), m_newExtension->text());
    m_newExtension->setEnabled(listEditable);
    m_add->setEnabled(listEditable && !check.extension.isEmpty());
    m_remove->setEnabled(listEditable && !m_allowed->selectedItems().isEmpty());
    m_extensionError->setText(check.problem);
    markInvalid(m_newExtension, !check.problem.isEmpty());
}

void ContentView::validateNotices()
{
    bool valid = true, changed = false;
    for (int i = 0; i < 2; ++i) {
        const QString text = m_notice[i]->toPlainText().trimmed();
        const bool ok = validNotice(text);
        markInvalid(m_notice[i], !ok);
        valid = valid && ok;
        changed = changed || text != m_editor.draft().content.notice(Languages[i]);
    }
    m_noticeError->setText(valid ? QString()
                                 : tr("A notice is 1 to 10 lines of at most 200 characters, in "
                                      "plain ASCII (write e' for è)."));
    m_setNotices->setEnabled(valid && changed && scopeEditable() && relayScope());
    m_defaultNotices->setEnabled(scopeEditable() && relayScope());
    showPreview();
}

void ContentView::showPreview()
{
    policy::ContentRules rules;
    rules.noticeItalian = m_notice[0]->toPlainText().trimmed();
    rules.noticeEnglish = m_notice[1]->toPlainText().trimmed();
    for (int i = 0; i < 2; ++i)
        m_preview[i]->setText(replyText(rules, Languages[i]));
}

void ContentView::showBccTarget()
{
    const policy::Policy &p = m_editor.draft();
    const policy::Account *a = scopeAccount();
    const std::optional<BccMode> mode = chosen<BccMode>(m_bccMode);
    // The target shown: the scope's own for that mode, else the relay's when following it.
    const policy::Bcc own = a ? a->content.bcc.value_or(p.content.bcc) : p.content.bcc;
    const policy::Bcc &effective = mode ? own : p.content.bcc;
    const BccMode shownMode = mode.value_or(p.content.bcc.mode);
    QString target;
    if (effective.mode == shownMode)
        target = shownMode == BccMode::Mailbox ? effective.mailbox : effective.address;
    // What is being typed stays while the view is refreshed.
    if (m_bccTarget->text() == m_shownTarget) {
        m_bccTarget->setText(target);
        markInvalid(m_bccTarget, false);
    }
    m_shownTarget = target;
    const bool hasTarget = shownMode != BccMode::Off;
    m_bccTarget->setEnabled(scopeEditable() && mode && hasTarget);
    m_bccTargetLabel->setText(shownMode == BccMode::Address ? tr("Address:")
                                                            : tr("Archive mailbox:"));
    m_bccTarget->setPlaceholderText(shownMode == BccMode::Address
                                        ? tr("archive@example.com")
                                        : tr("Mailbox name on the relay, e.g. archivio"));
    m_bccTargetLabel->setVisible(hasTarget);
    m_bccTarget->setVisible(hasTarget);
    if (shownMode == BccMode::Mailbox)
        m_retention->setText(tr("The archive mailbox keeps each copy 7 days, then deletes it by "
                                "itself (Dovecot's setting on the relay, not changed here). Read "
                                "it over POP3 with the mailbox's login."));
    else if (shownMode == BccMode::Address)
        m_retention->setText(tr("The copies go to this address; how long they are kept is up to "
                                "that mailbox. Copies never count against the quota."));
    else
        m_retention->setText(tr("No copies are made."));
}

void ContentView::editScope(const QString &description,
                            const std::function<void(policy::Policy &, policy::Account *)> &change)
{
    if (!scopeEditable())
        return;
    const QString login = m_scope;
    m_editor.edit(description, [&](policy::Policy &p) {
        policy::Account *a = login.isEmpty() ? nullptr : p.account(login);
        if (!login.isEmpty() && !a)
            return;
        change(p, a);
    });
}

void ContentView::commitLanguage()
{
    const std::optional<Language> value = chosen<Language>(m_language);
    const policy::Account *a = scopeAccount();
    if (a ? a->language == value : value == m_editor.draft().content.language)
        return;
    editScope(tr("Change the language of the refusals"),
              [value](policy::Policy &p, policy::Account *account) {
                  if (account)
                      account->language = value;
                  else if (value)
                      p.content.language = *value;
              });
}

void ContentView::commitAttachmentMode()
{
    const std::optional<AttachmentMode> value = chosen<AttachmentMode>(m_mode);
    const policy::Account *a = scopeAccount();
    if (a ? a->content.attachmentMode == value : value == m_editor.draft().content.attachmentMode)
        return;
    editScope(tr("Change the attachment rule"),
              [value](policy::Policy &p, policy::Account *account) {
                  if (account)
                      account->content.attachmentMode = value;
                  else if (value)
                      p.content.attachmentMode = *value;
              });
}

void ContentView::commitOwnList(bool own)
{
    const policy::Account *a = scopeAccount();
    if (!a || bool(a->content.allowedExtensions) == own)
        return;
    editScope(own ? tr("Give %1 its own allowed extensions").arg(m_scope)
                  : tr("%1 follows the relay's allowed extensions").arg(m_scope),
              [own](policy::Policy &p, policy::Account *account) {
                  if (!account)
                      return;
                  if (own) // starts from the relay's list
                      account->content.allowedExtensions = p.content.allowedExtensions;
                  else
                      account->content.allowedExtensions.reset();
              });
}

void ContentView::addExtension()
{
    const policy::Account *a = scopeAccount();
    if (a && !a->content.allowedExtensions)
        return;
    const ExtensionCheck check =
        checkExtension(m_editor.draft().allowedExtensions(a), m_newExtension->text());
    if (check.extension.isEmpty())
        return;
    const QString extension = check.extension;
    editScope(tr("Allow .%1").arg(extension),
              [extension](policy::Policy &p, policy::Account *account) {
                  QStringList &list =
                      account ? *account->content.allowedExtensions : p.content.allowedExtensions;
                  list.append(extension);
              });
    m_newExtension->clear();
}

void ContentView::removeExtensions()
{
    const policy::Account *a = scopeAccount();
    if (a && !a->content.allowedExtensions)
        return;
    QStringList removed;
    for (const QListWidgetItem *item : m_allowed->selectedItems())
        removed.append(item->text());
    if (removed.isEmpty())
        return;
    editScope(removed.size() == 1 ? tr("Remove .%1").arg(removed.first())
                                  : tr("Remove %n extension(s)", nullptr, int(removed.size())),
              [removed](policy::Policy &p, policy::Account *account) {
                  QStringList &list =
                      account ? *account->content.allowedExtensions : p.content.allowedExtensions;
                  for (const QString &e : removed)
                      list.removeAll(e);
              });
}

void ContentView::commitNotices()
{
    std::array<QString, 2> text;
    for (int i = 0; i < 2; ++i) {
        text[i] = m_notice[i]->toPlainText().trimmed();
        if (!validNotice(text[i]))
            return;
    }
    const policy::ContentRules &now = m_editor.draft().content;
    if (text[0] == now.noticeItalian && text[1] == now.noticeEnglish)
        return;
    editScope(tr("Change the notice of the refusal"),
              [text](policy::Policy &p, policy::Account *account) {
                  if (account)
                      return; // the notice is the relay's
                  p.content.noticeItalian = text[0];
                  p.content.noticeEnglish = text[1];
              });
}

void ContentView::resetNotices()
{
    for (int i = 0; i < 2; ++i)
        m_notice[i]->setPlainText(policy::ContentRules::defaultNotice(Languages[i]));
}

void ContentView::commitBcc()
{
    if (m_confirm || !scopeEditable())
        return;
    const std::optional<BccMode> mode = chosen<BccMode>(m_bccMode);
    std::optional<policy::Bcc> next; // none: the account follows the relay
    if (mode) {
        const QString target = m_bccTarget->text().trimmed();
        if (*mode != BccMode::Off && target.isEmpty()) {
            m_bccError->setText(*mode == BccMode::Mailbox
                                    ? tr("Type the name of the archive mailbox.")
                                    : tr("Type the address the copies go to."));
            return;
        }
        next = parsedBcc(*mode, target);
        if (!next) {
            m_bccError->setText(
                *mode == BccMode::Mailbox
                    ? tr("\"%1\" is not a mailbox name: 1 to 64 lower-case letters, digits, dots, "
                         "dashes or underscores.")
                          .arg(target)
                    : tr("\"%1\" is not an e-mail address: write name@domain.").arg(target));
            markInvalid(m_bccTarget, true);
            return;
        }
    }
    m_bccError->clear();
    const policy::Policy &p = m_editor.draft();
    const policy::Account *a = scopeAccount();
    const std::optional<policy::Bcc> current = a ? a->content.bcc : std::optional(p.content.bcc);
    if (next == current)
        return;
    const policy::Bcc after = next.value_or(p.content.bcc);
    auto write = [this, next] {
        editScope(tr("Change the BCC archive"),
                  [next](policy::Policy &draft, policy::Account *account) {
                      if (account)
                          account->content.bcc = next;
                      else if (next)
                          draft.content.bcc = *next;
                  });
    };
    if (p.bcc(a).mode == BccMode::Off && after.mode != BccMode::Off)
        confirmBcc(after, write);
    else
        write();
}

void ContentView::confirmBcc(const policy::Bcc &bcc, std::function<void()> turnOn)
{
    const QString target = bcc.mode == BccMode::Mailbox
                               ? tr("the archive mailbox %1 on the relay").arg(bcc.mailbox)
                               : bcc.address;
    const QString what =
        relayScope()
            ? tr("A copy of every message sent by the accounts that follow the relay's setting "
                 "will go to %1.")
                  .arg(target)
            : tr("A copy of every message that %1 sends will go to %2.").arg(m_scope, target);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Turn on the BCC archive?"), what,
                                QMessageBox::Cancel, this);
    box->setObjectName(u"bccConfirm"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(
        tr("Before you turn it on, inform the people who use these mailboxes. Archiving the mail "
           "of a personal mailbox (name.surname@…) is processing of personal data under the GDPR: "
           "its owner must be told beforehand what is copied, why, where the copies go and how "
           "long they are kept (art. 13 GDPR). For employees, the rules on monitoring at work "
           "apply too (in Italy, art. 4 of the Workers' Statute, law 300/1970). If in doubt, ask "
           "your data protection officer.") +
        (bcc.mode == BccMode::Mailbox
             ? u"\n\n"_s + tr("Copies in the archive mailbox on the relay are kept 7 days, then "
                              "deleted.")
             : QString()));
    auto *informed = new QCheckBox(tr("The owners of the mailboxes have been informed"), box);
    informed->setObjectName(u"bccInformed"_s);
    box->setCheckBox(informed);
    QPushButton *yes = box->addButton(tr("Turn on the archive"), QMessageBox::AcceptRole);
    yes->setObjectName(u"bccTurnOn"_s);
    yes->setEnabled(false);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(informed, &QCheckBox::toggled, yes, &QPushButton::setEnabled);
    connect(box, &QMessageBox::finished, this, [this, box, yes, turnOn = std::move(turnOn)] {
        m_confirm = nullptr;
        if (box->clickedButton() == yes) {
            turnOn();
            return;
        }
        // The draft is unchanged: show it again, without the target typed for it.
        m_shownTarget = m_bccTarget->text();
        m_shownBccMode = m_bccMode->currentData();
        showScope();
    });
    m_confirm = box;
    box->open();
}

void ContentView::closeConfirmation()
{
    // A question about another relay's or an older draft's BCC: answered "cancel".
    if (m_confirm)
        m_confirm->close();
}

} // namespace staffetta::ui
