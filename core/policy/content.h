#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace staffetta::policy {

// The language an account's customers read the relay's refusals in.
enum class Language { Italian, English };

// Dangerous attachments: off, or only the listed extensions pass (every attachment of every
// MIME part, on its decoded name's last extension, case-insensitively).
enum class AttachmentMode { Off, AllowList };

// The BCC archive: a transparent copy of every accepted message, to a mailbox on the relay
// (Dovecot, kept by its own expunge setting) or to any address.
enum class BccMode { Off, Mailbox, Address };

struct Bcc
{
    BccMode mode = BccMode::Off;
    QString mailbox; // Mailbox: the archive mailbox's login (its domain is the relay's)
    QString address; // Address: where the copies go

    bool operator==(const Bcc &) const = default;
};

// The relay's content rules (policy.json `content`); an account may override each part.
struct ContentRules
{
    Language language = Language::Italian; // accounts without their own
    AttachmentMode attachmentMode = AttachmentMode::AllowList;
    QStringList allowedExtensions = defaultAllowedExtensions(); // lower-case, no dot
    // The refusal of a forbidden attachment, per language; `{filename}` is the attachment's
    // name. One line of the multi-line SMTP reply per line of text.
    QString noticeItalian = defaultNotice(Language::Italian);
    QString noticeEnglish = defaultNotice(Language::English);
    Bcc bcc;

    static QStringList defaultAllowedExtensions();
    static QString defaultNotice(Language l);
    const QString &notice(Language l) const
    {
        return l == Language::English ? noticeEnglish : noticeItalian;
    }
    // The notice with the name in it, as the lines of the reply (the name made safe for an
    // SMTP reply: printable ASCII, quotes and percent signs replaced, at most 100 characters).
    QStringList noticeLines(Language l, const QString &filename) const;
};

// An account's overrides (policy.json `accounts[i].content`); unset parts follow the relay.
struct AccountContent
{
    std::optional<AttachmentMode> attachmentMode;
    std::optional<QStringList> allowedExtensions;
    std::optional<Bcc> bcc;

    bool isEmpty() const { return !attachmentMode && !allowedExtensions && !bcc; }
};

// The size refusal's text (after 552 5.3.4), in the customers' words.
QByteArray sizeNoticeText(Language language, qint64 maxBytes);

// The names in policy.json and the API.
QString toName(Language l);       // "it", "en"
QString toName(AttachmentMode m); // "off", "allow_list"
QString toName(BccMode m);        // "off", "mailbox", "address"
std::optional<Language> languageNamed(const QString &name);
std::optional<AttachmentMode> attachmentModeNamed(const QString &name);
std::optional<BccMode> bccModeNamed(const QString &name);

} // namespace staffetta::policy
