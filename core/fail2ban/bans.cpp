#include "bans.h"

#include "common/files.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace staffetta::fail2ban {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString TimeFormat = u"yyyy-MM-dd HH:mm:ss"_s;

bool isAddressChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u':' || c == u'/';
}

} // namespace

FailureKind classifyLine(const QString &line)
{
    // Kept in step with installer/fail2ban/filter.d/staffetta-{auth,sender}.conf.
    static const QRegularExpression wrong(
        u"SASL (?:LOGIN|PLAIN|CRAM-MD5|DIGEST-MD5) authentication failed:(?! Connection lost to authentication server| Invalid authentication mechanism)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dropped(u"lost connection after AUTH from "_s);
    static const QRegularExpression noTls(
        u"disconnect from [^\\[]*\\[[^\\]]+\\](?::\\d+)?(?! .*\\bstarttls=) .*\\bauth=0/\\d+"_s);
    static const QRegularExpression sender(u"reject: unauthorized sender <"_s);
    if (wrong.match(line).hasMatch())
        return FailureKind::WrongCredentials;
    if (dropped.match(line).hasMatch())
        return FailureKind::DroppedDuringAuth;
    if (noTls.match(line).hasMatch())
        return FailureKind::AuthWithoutTls;
    if (sender.match(line).hasMatch())
        return FailureKind::UnauthorizedSender;
    return FailureKind::None;
}

bool mentionsAddress(const QString &line, const QString &address)
{
    if (address.isEmpty())
        return false;
    qsizetype from = 0;
    while ((from = line.indexOf(address, from)) >= 0) {
        const qsizetype end = from + address.size();
        const bool startOk = from == 0 || !isAddressChar(line.at(from - 1));
        const bool endOk = end >= line.size() || !isAddressChar(line.at(end)) ||
                           (line.at(end) == u'.' &&
                            (end + 1 >= line.size() || !line.at(end + 1).isLetterOrNumber()));
        if (startOk && endOk)
            return true;
        from = end;
    }
    return false;
}

QString normalizeAddress(const QString &text)
{
    const QString t = text.trimmed();
    if (t.contains(u'/')) {
        const auto subnet = QHostAddress::parseSubnet(t);
        if (subnet.first.isNull())
            return {};
        return subnet.first.toString() + u'/' + QString::number(subnet.second);
    }
    const QHostAddress a(t);
    return a.isNull() ? QString() : a.toString();
}

QList<Ban> parseBanList(const QString &jail, const QString &output)
{
    static const QRegularExpression re(
        u"^(\\S+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) \\+ (-?\\d+) = (\\S+ \\S+)\\s*$"_s,
        QRegularExpression::MultilineOption);
    QList<Ban> bans;
    auto it = re.globalMatch(output);
    while (it.hasNext()) {
        const auto m = it.next();
        Ban b;
        b.jail = jail;
        b.address = m.captured(1);
        // fail2ban prints the relay's local time.
        b.since = QDateTime::fromString(m.captured(2), TimeFormat);
        b.banTime = m.captured(3).toLongLong();
        b.until = b.banTime < 0 ? QDateTime() : QDateTime::fromString(m.captured(4), TimeFormat);
        bans.append(b);
    }
    return bans;
}

Result<QHash<QString, QStringList>> linesMentioning(const QString &path,
                                                    const QStringList &addresses, qint64 maxBytes)
{
    QHash<QString, QStringList> found;
    QFile file(path);
    if (!file.exists() || addresses.isEmpty())
        return found;
    if (!file.open(QIODevice::ReadOnly))
        return ioError(u"cannot read"_s, path, file.errorString());
    const qint64 size = file.size();
    if (size > maxBytes) {
        file.seek(size - maxBytes);
        file.readLine(); // skip the partial first line
    }
    // Only lines that contain an address's bytes are decoded: a busy mail log is mostly
    // other clients' lines.
    QList<QByteArray> needles;
    for (const QString &a : addresses)
        needles.append(a.toUtf8());
    while (!file.atEnd()) {
        const QByteArray raw = file.readLine();
        for (qsizetype i = 0; i < needles.size(); ++i) {
            if (!raw.contains(needles[i]))
                continue;
            const QString line = QString::fromUtf8(raw).trimmed();
            if (mentionsAddress(line, addresses[i]))
                found[addresses[i]].append(line);
        }
    }
    return found;
}

Result<QList<WhitelistEntry>> loadWhitelist(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QList<WhitelistEntry>{};
    if (!file.open(QIODevice::ReadOnly))
        return ioError(u"cannot read"_s, path, file.errorString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject()) {
        return Error(ErrorCode::Config,
                     u"The whitelist %1 is not valid JSON: %2"_s.arg(path, error.errorString()),
                     {{u"path"_s, path}});
    }
    QList<WhitelistEntry> entries;
    for (const QJsonValue &v : doc.object().value(u"entries"_s).toArray())
        entries.append(WhitelistEntry::fromJson(v.toObject()));
    return entries;
}

Result<bool> saveWhitelist(const QString &path, const QList<WhitelistEntry> &entries)
{
    QJsonArray array;
    for (const WhitelistEntry &e : entries)
        array.append(e.toJson());
    auto written =
        writeFileAtomically(path, QJsonDocument(QJsonObject{{u"entries"_s, array}}).toJson());
    if (!written)
        return written.error();
    return true;
}

QByteArray whitelistJailConfig(const QStringList &jails, const QList<WhitelistEntry> &entries)
{
    QByteArray text =
        "# Written by `staffettactl bans whitelist` from the relay's whitelist.json;\n"
        "# edit the list with staffettactl (or the console), not here.\n";
    QStringList addresses;
    for (const WhitelistEntry &e : entries)
        addresses.append(e.address);
    // known/ignoreip keeps what jail.conf/jail.local already ignore for the jail.
    for (const QString &jail : jails) {
        text += "\n[" + jail.toUtf8() + "]\nignoreip = %(known/ignoreip)s " +
                addresses.join(u' ').toUtf8() + "\n";
    }
    return text;
}

} // namespace staffetta::fail2ban
