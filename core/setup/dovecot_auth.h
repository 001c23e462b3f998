#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Dovecot's side of the relay's SASL, as staffetta-relay-setup writes it: a file of ours in
// Dovecot's conf.d (Debian's dovecot.conf includes conf.d/*.conf; Dovecot's own files are never
// edited, Debian Policy §10.7.4). Pure text here; the setup writes the file, checks it with
// doveconf and reloads Dovecot.
namespace staffetta::setup {

struct DovecotAuth
{
    // Every smtpd_sasl_path Postfix's wired services ask (saslPaths()): a socket relative to
    // Postfix's queue directory (private/auth, optionally unix:private/auth), or inet:HOST:PORT.
    QStringList saslPaths;
    QString queueDirectory; // Postfix's queue_directory, absolute
    // [accounts] credentials=local: Staffetta keeps the passwords in Dovecot's passwd-file
    // (staffettactl accounts add|passwd), which Dovecot then checks first.
    bool localCredentials = false;
    QString passwdFile;     // absolute
    QString passwordScheme; // the default scheme of entries without a {SCHEME} prefix
};

// The file's name in Dovecot's conf.d: after Debian's 10-auth.conf, so its auth_mechanisms wins.
QString dovecotSnippetName();

// The snippet: an auth listener for each SASL path (a named one, so it never merges with
// Debian's auth-userdb), `auth_mechanisms = plain login`, and with local credentials the
// passwd-file passdb. An error names a path or a file name it cannot write into Dovecot's
// configuration, and what it accepts.
Result<QByteArray> dovecotSnippet(const DovecotAuth &auth);

} // namespace staffetta::setup
