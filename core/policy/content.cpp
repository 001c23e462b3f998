#include "content.h"

#include "common/names.h"
#include "content_json.h"
#include "reader.h"

#include <QRegularExpression>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

namespace {
const std::array<std::pair<Language, QLatin1StringView>, 2> LanguageNames{
    {{Language::Italian, "it"_L1}, {Language::English, "en"_L1}}};
const std::array<std::pair<AttachmentMode, QLatin1StringView>, 2> AttachmentModeNames{
    {{AttachmentMode::Off, "off"_L1}, {AttachmentMode::AllowList, "allow_list"_L1}}};
const std::array<std::pair<BccMode, QLatin1StringView>, 3> BccModeNames{
    {{BccMode::Off, "off"_L1}, {BccMode::Mailbox, "mailbox"_L1}, {BccMode::Address, "address"_L1}}};

constexpr qsizetype MaxExtensions = 200;
constexpr qsizetype MaxExtensionLength = 16;
constexpr qsizetype MaxNoticeLines = 10;
constexpr qsizetype MaxNoticeLineLength = 200;
constexpr qsizetype MaxFilenameInReply = 100;

bool isMailboxName(const QString &m)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9._-]{0,63}$"_s);
    return re.match(m).hasMatch();
}

QJsonArray toArray(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}
} // namespace

QString toName(Language l)
{
    return nameOf(LanguageNames, l);
}
QString toName(AttachmentMode m)
{
    return nameOf(AttachmentModeNames, m);
}
QString toName(BccMode m)
{
    return nameOf(BccModeNames, m);
}
std::optional<Language> languageNamed(const QString &name)
{
    return valueOf(LanguageNames, name);
}
std::optional<AttachmentMode> attachmentModeNamed(const QString &name)
{
    return valueOf(AttachmentModeNames, name);
}
std::optional<BccMode> bccModeNamed(const QString &name)
{
    return valueOf(BccModeNames, name);
}

QStringList ContentRules::defaultAllowedExtensions()
{
    // The relay docs' allow-list.
    return {u"pdf"_s, u"txt"_s, u"gif"_s, u"jpg"_s, u"png"_s};
}

QString ContentRules::defaultNotice(Language l)
{
    // The customers' wording (the relay docs), kept in ASCII: an SMTP reply is 7-bit text.
    if (l == Language::English)
        return u"The attachment \"{filename}\" violated your company's security policy.\n"
               u"The message has been blocked. For more information, contact your IT "
               u"Administrator"_s;
    return u"L'allegato \"{filename}\" ha violato la politica di sicurezza della vostra "
           u"azienda.\n"
           u"La spedizione e' stata bloccata. Per ulteriori informazioni, contattare "
           u"l'Amministratore IT"_s;
}

QStringList ContentRules::noticeLines(Language l, const QString &filename) const
{
    QString safe;
    for (QChar c : filename.left(MaxFilenameInReply)) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'%' || u == u'\\')
            safe += u'_';
        else if (u >= 0x20 && u < 0x7f)
            safe += c;
        else
            safe += u'?';
    }
    QStringList lines = notice(l).split(u'\n');
    for (QString &line : lines)
        line.replace(u"{filename}"_s, safe);
    return lines;
}

QByteArray sizeNoticeText(Language language, qint64 maxBytes)
{
    const QByteArray n = QByteArray::number(maxBytes);
    if (language == Language::English)
        return "The size of the message you are trying to send exceeds the global size "
               "limit (" +
               n +
               " bytes) of the server. The message has not been sent; reduce the size of the "
               "message and try again.";
    return "La dimensione del messaggio che si sta tentando di inviare supera il limite "
           "di dimensione globale (" +
           n +
           " byte) del server. Il messaggio non e' stato inviato; ridurre la dimensione del "
           "messaggio e riprovare.";
}

namespace detail {

// An address the relay may send copies to: a plain dot-atom local part (no %, !, quotes:
// nothing Postfix would route further) at a domain name.
bool isPlainAddress(const QString &a)
{
    static const QRegularExpression re(
        uR"(^[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+)*@)"
        uR"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$)"_s);
    return a.size() <= 254 && re.match(a).hasMatch();
}

std::optional<Language> readLanguage(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    auto l = languageNamed(v.toString());
    if (!l)
        r.fail(path, u"must be \"it\" or \"en\""_s);
    return l;
}

namespace {

std::optional<QStringList> readExtensions(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isArray()) {
        r.fail(path, u"must be a list of file extensions"_s);
        return std::nullopt;
    }
    const QJsonArray a = v.toArray();
    if (r.tooLong(a, path, MaxExtensions, u"extensions"_s))
        return std::nullopt;
    static const QRegularExpression re(u"^[a-z0-9]+$"_s);
    QStringList out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString p = u"%1[%2]"_s.arg(path).arg(i);
        const QString e = a[i].toString().toLower();
        if (!a[i].isString() || e.isEmpty() || e.size() > MaxExtensionLength) {
            r.fail(p, u"must be a file extension of 1 to %1 letters or digits"_s.arg(
                          MaxExtensionLength));
        } else if (e.startsWith(u'.')) {
            r.fail(p, u"%1: write the extension without the dot"_s.arg(Reader::quoted(e)));
        } else if (!re.match(e).hasMatch()) {
            r.fail(p,
                   u"%1 is not a file extension: letters and digits only"_s.arg(Reader::quoted(e)));
        } else if (out.contains(e)) {
            r.fail(p, u"%1 is already in the list"_s.arg(Reader::quoted(e)));
        } else {
            out.append(e);
        }
    }
    return out;
}

std::optional<AttachmentMode> readAttachmentMode(Reader &r, const QJsonObject &o,
                                                 const QString &path)
{
    if (!o.contains(u"mode"_s))
        return std::nullopt;
    auto m = attachmentModeNamed(o.value(u"mode"_s).toString());
    if (!m)
        r.fail(Reader::join(path, u"mode"_s), u"must be \"off\" or \"allow_list\""_s);
    return m;
}

std::optional<QString> readNotice(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    const QString text = v.toString();
    const QStringList lines = text.split(u'\n');
    bool ok = v.isString() && !text.trimmed().isEmpty() && lines.size() <= MaxNoticeLines;
    for (const QString &l : lines) {
        ok = ok && l.size() <= MaxNoticeLineLength && std::all_of(l.begin(), l.end(), [](QChar c) {
                 return c.unicode() >= 0x20 && c.unicode() < 0x7f;
             });
    }
    if (!ok) {
        // Each line becomes a line of the SMTP reply, which is 7-bit text.
        r.fail(path, u"must be 1 to %1 lines of at most %2 characters, plain ASCII (write "
                     u"e' for è)"_s.arg(MaxNoticeLines)
                         .arg(MaxNoticeLineLength));
        return std::nullopt;
    }
    return text;
}

std::optional<Bcc> readBcc(Reader &r, const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject()) {
        r.fail(path, u"must be an object {mode, mailbox | address}"_s);
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"mode"_s, u"mailbox"_s, u"address"_s});
    auto mode = bccModeNamed(o.value(u"mode"_s).toString());
    if (!mode) {
        r.fail(Reader::join(path, u"mode"_s), u"must be \"off\", \"mailbox\" or \"address\""_s);
        return std::nullopt;
    }
    Bcc b;
    b.mode = *mode;
    const QString mailbox = o.value(u"mailbox"_s).toString().trimmed().toLower();
    const QString address = o.value(u"address"_s).toString().trimmed();
    if (b.mode == BccMode::Mailbox) {
        if (!isMailboxName(mailbox))
            r.fail(Reader::join(path, u"mailbox"_s),
                   u"must be the archive mailbox's name: 1 to 64 lower-case letters, digits, "
                   u"dots, dashes or underscores"_s);
        b.mailbox = mailbox;
    } else if (o.contains(u"mailbox"_s)) {
        r.fail(Reader::join(path, u"mailbox"_s), u"only with mode \"mailbox\""_s);
    }
    if (b.mode == BccMode::Address) {
        if (!detail::isPlainAddress(address))
            r.fail(Reader::join(path, u"address"_s),
                   u"%1 is not an e-mail address (user@domain, a plain local part)"_s.arg(
                       Reader::quoted(address)));
        b.address = address;
    } else if (o.contains(u"address"_s)) {
        r.fail(Reader::join(path, u"address"_s), u"only with mode \"address\""_s);
    }
    return b;
}

QJsonObject bccJson(const Bcc &b)
{
    QJsonObject o{{u"mode"_s, toName(b.mode)}};
    if (b.mode == BccMode::Mailbox)
        o.insert(u"mailbox"_s, b.mailbox);
    if (b.mode == BccMode::Address)
        o.insert(u"address"_s, b.address);
    return o;
}

bool objectOrAbsent(Reader &r, const QJsonValue &v, const QString &path)
{
    if (!v.isUndefined() && !v.isObject()) {
        r.fail(path, u"must be an object"_s);
        return false;
    }
    return true;
}

} // namespace

ContentRules readContent(Reader &r, const QJsonValue &v, const QString &path)
{
    ContentRules c;
    if (!objectOrAbsent(r, v, path))
        return c;
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"language"_s, u"attachments"_s, u"bcc"_s});
    if (auto l = readLanguage(r, o.value(u"language"_s), Reader::join(path, u"language"_s)))
        c.language = *l;
    const QString ap = Reader::join(path, u"attachments"_s);
    const QJsonValue av = o.value(u"attachments"_s);
    if (objectOrAbsent(r, av, ap)) {
        const QJsonObject ao = av.toObject();
        r.onlyKeys(ao, ap, {u"mode"_s, u"allowed"_s, u"notice"_s});
        if (auto m = readAttachmentMode(r, ao, ap))
            c.attachmentMode = *m;
        if (auto e = readExtensions(r, ao.value(u"allowed"_s), Reader::join(ap, u"allowed"_s)))
            c.allowedExtensions = *e;
        const QString np = Reader::join(ap, u"notice"_s);
        const QJsonValue nv = ao.value(u"notice"_s);
        if (objectOrAbsent(r, nv, np)) {
            const QJsonObject no = nv.toObject();
            r.onlyKeys(no, np, {u"it"_s, u"en"_s});
            if (auto n = readNotice(r, no.value(u"it"_s), Reader::join(np, u"it"_s)))
                c.noticeItalian = *n;
            if (auto n = readNotice(r, no.value(u"en"_s), Reader::join(np, u"en"_s)))
                c.noticeEnglish = *n;
        }
    }
    if (auto b = readBcc(r, o.value(u"bcc"_s), Reader::join(path, u"bcc"_s)))
        c.bcc = *b;
    return c;
}

AccountContent readAccountContent(Reader &r, const QJsonValue &v, const QString &path)
{
    AccountContent c;
    if (!objectOrAbsent(r, v, path))
        return c;
    const QJsonObject o = v.toObject();
    r.onlyKeys(o, path, {u"attachments"_s, u"bcc"_s});
    const QString ap = Reader::join(path, u"attachments"_s);
    const QJsonValue av = o.value(u"attachments"_s);
    if (objectOrAbsent(r, av, ap)) {
        const QJsonObject ao = av.toObject();
        // The notice is the relay's: an account chooses its rule, not the relay's words.
        r.onlyKeys(ao, ap, {u"mode"_s, u"allowed"_s});
        c.attachmentMode = readAttachmentMode(r, ao, ap);
        c.allowedExtensions =
            readExtensions(r, ao.value(u"allowed"_s), Reader::join(ap, u"allowed"_s));
    }
    c.bcc = readBcc(r, o.value(u"bcc"_s), Reader::join(path, u"bcc"_s));
    return c;
}

QJsonObject contentJson(const ContentRules &c)
{
    QJsonObject attachments{{u"mode"_s, toName(c.attachmentMode)},
                            {u"allowed"_s, toArray(c.allowedExtensions)}};
    // Default notices are not written: a relay keeps the current wording until it edits it.
    QJsonObject notice;
    if (c.noticeItalian != ContentRules::defaultNotice(Language::Italian))
        notice.insert(u"it"_s, c.noticeItalian);
    if (c.noticeEnglish != ContentRules::defaultNotice(Language::English))
        notice.insert(u"en"_s, c.noticeEnglish);
    if (!notice.isEmpty())
        attachments.insert(u"notice"_s, notice);
    return {{u"language"_s, toName(c.language)},
            {u"attachments"_s, attachments},
            {u"bcc"_s, bccJson(c.bcc)}};
}

QJsonObject accountContentJson(const AccountContent &c)
{
    QJsonObject o;
    QJsonObject attachments;
    if (c.attachmentMode)
        attachments.insert(u"mode"_s, toName(*c.attachmentMode));
    if (c.allowedExtensions)
        attachments.insert(u"allowed"_s, toArray(*c.allowedExtensions));
    if (!attachments.isEmpty())
        o.insert(u"attachments"_s, attachments);
    if (c.bcc)
        o.insert(u"bcc"_s, bccJson(*c.bcc));
    return o;
}

} // namespace detail

} // namespace staffetta::policy
