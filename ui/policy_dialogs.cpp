#include "policy_dialogs.h"

#include "client/texts.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace staffetta::ui {

using namespace Qt::Literals::StringLiterals;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PolicyDialogs)
};

QListWidget *changeList(const QList<policy::Change> &changes, const QString &name, QWidget *parent,
                        const policy::Policy *relay)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(name);
    list->setUniformItemSizes(true);
    fillChangeList(list, changes, relay);
    return list;
}

} // namespace

void fillChangeList(QListWidget *list, const QList<policy::Change> &changes,
                    const policy::Policy *relay)
{
    list->clear();
    for (const policy::Change &c : changes) {
        auto *item = new QListWidgetItem(client::changeText(c, relay), list);
        switch (c.op) {
        case policy::Change::Op::Add:
            item->setForeground(QColor(0x1b, 0x7f, 0x3b));
            break;
        case policy::Change::Op::Remove:
            item->setForeground(QColor(0xb0, 0x20, 0x20));
            break;
        case policy::Change::Op::Modify:
            item->setForeground(QColor(0x9a, 0x5b, 0x00));
            break;
        }
    }
}

void reviewChanges(QWidget *parent, const QString &relayName, int baseRevision,
                   const QList<policy::Change> &changes, const policy::Policy *draft,
                   const QString &comment, std::function<void(std::optional<QString>)> answer)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"applyReview"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(Tr::tr("Review changes — %1").arg(relayName));
    dialog->resize(640, 420);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(
        Tr::tr("%n change(s) to revision %1 of the relay's policy:", nullptr, int(changes.size()))
            .arg(baseRevision),
        dialog));
    layout->addWidget(changeList(changes, u"changeList"_s, dialog, draft));
    auto *commentEdit = new QLineEdit(comment, dialog);
    commentEdit->setObjectName(u"comment"_s);
    commentEdit->setPlaceholderText(Tr::tr("Comment for the audit log (optional)"));
    layout->addWidget(commentEdit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto *apply = buttons->addButton(Tr::tr("Apply to the relay"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(u"applyButton"_s);
    apply->setDefault(true);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(dialog, &QDialog::finished, dialog, [commentEdit, answer](int result) {
        if (result == QDialog::Accepted)
            answer(commentEdit->text());
        else
            answer(std::nullopt);
    });
    dialog->open();
}

void resolveConflict(QWidget *parent, const QString &relayName, const client::Conflict &conflict,
                     const QList<policy::Change> &mine, std::function<void(ConflictChoice)> answer,
                     const ConflictWords &words)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"conflictDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(Tr::tr("Someone else changed the policy — %1").arg(relayName));
    dialog->resize(860, 460);
    auto *layout = new QVBoxLayout(dialog);
    auto *intro = new QLabel(
        words.intro.isEmpty()
            ? Tr::tr("The relay is now at revision %1. Nothing of yours was written. Merge puts "
                     "your changes on top of theirs for you to review again; Reload drops yours.")
                  .arg(conflict.currentRevision)
            : words.intro,
        dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (!conflict.theirAuthors.isEmpty()) {
        auto *who = new QLabel(conflict.theirAuthors.join(u'\n'), dialog);
        who->setObjectName(u"theirAuthors"_s);
        layout->addWidget(who);
    }
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(Tr::tr("Their change"), dialog), 0, 0);
    grid->addWidget(new QLabel(Tr::tr("Your change"), dialog), 0, 1);
    grid->addWidget(changeList(conflict.theirChanges, u"theirChanges"_s, dialog, &conflict.current),
                    1, 0);
    grid->addWidget(changeList(mine, u"yourChanges"_s, dialog, &conflict.current), 1, 1);
    layout->addLayout(grid, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto *merge =
        buttons->addButton(words.merge.isEmpty() ? Tr::tr("Merge my changes") : words.merge,
                           QDialogButtonBox::AcceptRole);
    merge->setObjectName(u"mergeButton"_s);
    auto *reload =
        buttons->addButton(words.reload.isEmpty() ? Tr::tr("Reload (drop mine)") : words.reload,
                           QDialogButtonBox::DestructiveRole);
    reload->setObjectName(u"reloadButton"_s);
    layout->addWidget(buttons);
    auto choice = std::make_shared<ConflictChoice>(ConflictChoice::Cancel);
    QObject::connect(merge, &QPushButton::clicked, dialog, [dialog, choice] {
        *choice = ConflictChoice::Merge;
        dialog->accept();
    });
    QObject::connect(reload, &QPushButton::clicked, dialog, [dialog, choice] {
        *choice = ConflictChoice::Reload;
        dialog->accept();
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(dialog, &QDialog::finished, dialog, [choice, answer] { answer(*choice); });
    dialog->open();
}

} // namespace staffetta::ui
