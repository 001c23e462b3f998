#include "console_users.h"

#include <QRegularExpression>
#include <QSet>

namespace staffetta::setup {

using namespace Qt::Literals::StringLiterals;

Result<PublicKey> parsePublicKey(const QByteArray &fileContent)
{
    static const QSet<QString> types{u"ssh-ed25519"_s,
                                     u"ssh-rsa"_s,
                                     u"ecdsa-sha2-nistp256"_s,
                                     u"ecdsa-sha2-nistp384"_s,
                                     u"ecdsa-sha2-nistp521"_s,
                                     u"sk-ssh-ed25519@openssh.com"_s,
                                     u"sk-ecdsa-sha2-nistp256@openssh.com"_s};
    QStringList lines;
    for (const QString &l : QString::fromUtf8(fileContent).split(u'\n')) {
        if (!l.trimmed().isEmpty() && !l.trimmed().startsWith(u'#'))
            lines.append(l.trimmed());
    }
    if (lines.size() != 1)
        return Error(
            ErrorCode::BadRequest,
            u"a console key file holds exactly one public key line (%1 found)"_s.arg(lines.size()));
    const QStringList f = lines.first().split(QRegularExpression(u"\\s+"_s));
    // The type is the first field that names one (an authorized_keys line has options first).
    qsizetype at = 0;
    while (at < f.size() && !types.contains(f[at]))
        ++at;
    if (at + 1 >= f.size())
        return Error(ErrorCode::BadRequest,
                     u"not an OpenSSH public key (ssh-ed25519, ssh-rsa, ecdsa-sha2-…, sk-…): "
                     "give the .pub file"_s);
    const QString type = f[at];
    const QString blob = f[at + 1];
    const auto decoded = QByteArray::fromBase64Encoding(
        blob.toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    // The wire form starts with the type as an SSH string: 4 bytes of length, then the name.
    const QByteArray name = type.toLatin1();
    if (!decoded || decoded.decoded.size() < 4 + name.size() + 4 ||
        decoded.decoded.mid(4, name.size()) != name ||
        quint32(uchar(decoded.decoded[0]) << 24 | uchar(decoded.decoded[1]) << 16 |
                uchar(decoded.decoded[2]) << 8 | uchar(decoded.decoded[3])) != quint32(name.size()))
        return Error(ErrorCode::BadRequest, u"the %1 key's data is damaged"_s.arg(type));
    return PublicKey{type, blob};
}

Result<Done> checkUserName(const QString &name)
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(u"[a-z_][a-z0-9_-]{0,31}"_s));
    if (!re.match(name).hasMatch())
        return Error(ErrorCode::BadRequest,
                     u"'%1' cannot be a console user: lowercase letters, digits, _ and -, "
                     "starting with a letter or _, at most 32"_s.arg(name));
    return Done{};
}

QString authorizedKeyLine(const PublicKey &key, const QString &staffettactl, const QString &user)
{
    return u"restrict,command=\"sudo -n %1\" %2 %3 staffetta:%4"_s.arg(staffettactl, key.type,
                                                                       key.blob, user);
}

QByteArray sudoersFile(const QStringList &users, const QString &staffettactl)
{
    QString text =
        u"# Written by staffetta-relay-setup: Staffetta's console users run staffettactl "
        "as root, nothing else.\n"
        "Defaults!%1 env_keep += \"SSH_ORIGINAL_COMMAND SSH_CLIENT\"\n"_s.arg(staffettactl);
    if (!users.isEmpty())
        // `""`: staffettactl with no arguments at all (the verb comes in SSH_ORIGINAL_COMMAND).
        text += u"%1 ALL=(root) NOPASSWD: %2 \"\"\n"_s.arg(users.join(u','), staffettactl);
    return text.toUtf8();
}

QMap<QString, QString> readAccessLines(const QByteArray &accessConf)
{
    QMap<QString, QString> users;
    bool inAccess = false;
    for (const QString &raw : QString::fromUtf8(accessConf).split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.startsWith(u'['))
            inAccess = line == u"[access]"_s;
        else if (inAccess && line.startsWith(u"user."_s) && line.contains(u'='))
            users.insert(line.mid(5, line.indexOf(u'=') - 5).trimmed(),
                         line.mid(line.indexOf(u'=') + 1).trimmed());
    }
    return users;
}

QByteArray accessFile(const QMap<QString, QString> &users, const QByteArray &existing)
{
    QString text = u"; Written by staffetta-relay-setup --console-key: the console users' roles "
                   "(staffetta.conf's [access] rules apply as well). Other sections are kept.\n"
                   "[access]\n"_s;
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        text += u"user.%1=%2\n"_s.arg(it.key(), it.value());
    // Every other section as it was (a partner's [grants.user.NAME], written by the admin).
    bool keep = false;
    QStringList rest;
    for (const QString &line : QString::fromUtf8(existing).split(u'\n')) {
        if (line.trimmed().startsWith(u'['))
            keep = line.trimmed() != u"[access]"_s;
        if (keep)
            rest.append(line);
    }
    while (!rest.isEmpty() && rest.last().trimmed().isEmpty())
        rest.removeLast();
    if (!rest.isEmpty())
        text += rest.join(u'\n') + u'\n';
    return text.toUtf8();
}

} // namespace staffetta::setup
