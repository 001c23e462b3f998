#include "dovecot_auth.h"

#include <QDir>
#include <QRegularExpression>

namespace staffetta::setup {

using namespace Qt::Literals::StringLiterals;

namespace {

const QString Accepted =
    u"Dovecot can listen for Postfix on a socket named relative to Postfix's queue directory "
    "(private/auth, or unix:private/auth) or on inet:HOST:PORT (an IPv4 address, a host name or "
    "[an IPv6 address], and a port number)"_s;

struct Listener
{
    bool inet = false;
    QString path;    // unix: absolute, inside the queue directory
    QString address; // inet
    int port = 0;
};

Error refused(const QString &saslPath, const QString &why)
{
    return Error(ErrorCode::BadRequest,
                 u"smtpd_sasl_path \"%1\": %2. %3."_s.arg(saslPath, why, Accepted));
}

// Only characters that need no quoting in Dovecot's configuration (no space, brace, '#', '$',
// '%', quote or newline): a name of ours never changes the file's structure.
bool plainWord(const QString &text)
{
    static const QRegularExpression word(
        QRegularExpression::anchoredPattern(u"[A-Za-z0-9_.+@/-]+"_s));
    return word.match(text).hasMatch();
}

Result<Listener> listenerFor(const QString &saslPath, const QString &queueDirectory)
{
    if (saslPath.startsWith(u"inet:"_s)) {
        const QString rest = saslPath.mid(5);
        const qsizetype colon = rest.lastIndexOf(u':');
        if (colon <= 0)
            return refused(saslPath, u"no host or no port"_s);
        QString host = rest.left(colon);
        const QString portText = rest.mid(colon + 1);
        static const QRegularExpression digits(
            QRegularExpression::anchoredPattern(u"[0-9]{1,5}"_s));
        const int port = digits.match(portText).hasMatch() ? portText.toInt() : 0;
        if (port < 1 || port > 65535)
            return refused(saslPath, u"\"%1\" is not a port number"_s.arg(portText));
        static const QRegularExpression ipv6(
            QRegularExpression::anchoredPattern(u"\\[[0-9A-Fa-f:.]+\\]"_s));
        static const QRegularExpression name(
            QRegularExpression::anchoredPattern(u"[A-Za-z0-9.-]+"_s));
        if (ipv6.match(host).hasMatch())
            host = host.mid(1, host.size() - 2); // Dovecot writes it without the brackets
        else if (!name.match(host).hasMatch())
            return refused(saslPath, u"\"%1\" is not an address or a host name"_s.arg(host));
        Listener l;
        l.inet = true;
        l.address = host;
        l.port = port;
        return l;
    }
    QString path = saslPath.startsWith(u"unix:"_s) ? saslPath.mid(5) : saslPath;
    if (path.startsWith(u'/'))
        return refused(saslPath,
                       u"an absolute path names another socket for a chrooted smtpd than for "
                       "an unchrooted one"_s);
    if (path.isEmpty() || path.contains(u':'))
        return refused(saslPath, u"not a socket path"_s);
    for (const QString &part : path.split(u'/')) {
        if (part.isEmpty() || part == u"."_s || part == u".."_s || !plainWord(part))
            return refused(saslPath,
                           u"each part of the path must be a name of letters, digits and . _ + @ "
                           "- (no empty part, . or ..)"_s);
    }
    const QString queue = QDir::cleanPath(queueDirectory);
    if (!queue.startsWith(u'/') || !plainWord(queue))
        return Error(ErrorCode::BadRequest,
                     u"Postfix's queue_directory \"%1\" is not an absolute path of letters, "
                     "digits and . _ + @ - /"_s.arg(queueDirectory));
    Listener l;
    l.path = queue + u'/' + path;
    return l;
}

} // namespace

QString dovecotSnippetName()
{
    return u"90-staffetta.conf"_s;
}

Result<QByteArray> dovecotSnippet(const DovecotAuth &auth)
{
    if (auth.saslPaths.isEmpty())
        return Error(ErrorCode::BadRequest,
                     u"no smtpd_sasl_path to listen on. %1."_s.arg(Accepted));
    QString text =
        u"# Written by staffetta-relay-setup (run it again after changing smtpd_sasl_path or "
        "[accounts]\n# credentials; --undo removes this file). Dovecot's own files are not "
        "edited.\n\n# Postfix's SASL: Dovecot answers where smtpd_sasl_path points.\n"
        "service auth {\n"_s;
    int inetListeners = 0;
    QStringList seen;
    for (const QString &saslPath : auth.saslPaths) {
        auto listener = listenerFor(saslPath, auth.queueDirectory);
        if (!listener)
            return listener.error();
        const Listener &l = listener.value();
        const QString key = l.inet ? u"%1:%2"_s.arg(l.address).arg(l.port) : l.path;
        if (seen.contains(key))
            continue;
        seen.append(key);
        if (l.inet) {
            ++inetListeners;
            const QString name = inetListeners == 1 ? u"staffetta-auth"_s
                                                    : u"staffetta-auth-%1"_s.arg(inetListeners);
            text += u"  inet_listener %1 {\n    address = %2\n    port = %3\n  }\n"_s
                        .arg(name, l.address)
                        .arg(l.port);
        } else {
            text += u"  unix_listener %1 {\n    mode = 0660\n    user = postfix\n    group = "
                    "postfix\n  }\n"_s.arg(l.path);
        }
    }
    text += u"}\n\n# PLAIN for most mail programs, LOGIN for Outlook.\nauth_mechanisms = plain "
            "login\n"_s;
    if (auth.localCredentials) {
        if (!auth.passwdFile.startsWith(u'/') || !plainWord(auth.passwdFile))
            return Error(ErrorCode::BadRequest,
                         u"[accounts] passwd_file \"%1\" is not an absolute path of letters, "
                         "digits and . _ + @ - /"_s.arg(auth.passwdFile));
        static const QRegularExpression scheme(
            QRegularExpression::anchoredPattern(u"[A-Za-z0-9_.-]+"_s));
        if (!scheme.match(auth.passwordScheme).hasMatch())
            return Error(ErrorCode::BadRequest,
                         u"[accounts] password_scheme \"%1\" is not a scheme's name (ARGON2ID, "
                         "SHA512-CRYPT)"_s.arg(auth.passwordScheme));
        text += u"\n# [accounts] credentials=local: the accounts' passwords, as `staffettactl "
                "accounts add|passwd`\n# write them (an entry's own {SCHEME} prefix wins over "
                "scheme=).\npassdb {\n  driver = passwd-file\n  args = scheme=%1 %2\n}\n"_s.arg(
                    auth.passwordScheme, auth.passwdFile);
    }
    return text.toUtf8();
}

} // namespace staffetta::setup
