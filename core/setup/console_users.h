#pragma once

#include "common/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

// Console users on a relay: a dedicated Unix user per console key, whose SSH key may run
// staffettactl through sudo and nothing else (a forced command, no pty, no forwarding), and
// whose role (and a partner's accounts) staffettactl reads from access.conf. Pure text here;
// staffetta-relay-setup creates the users and writes the files.
namespace staffetta::setup {

// An OpenSSH public key line, checked: a known key type, its base64 blob decoding to a key of
// that type (the blob's first field names it). Options and the comment of the file are dropped.
struct PublicKey
{
    QString type;
    QString blob; // base64, as in the file
};
Result<PublicKey> parsePublicKey(const QByteArray &fileContent);

// A console user's name: what Debian's adduser accepts for a system user, at most 32 bytes.
Result<Done> checkUserName(const QString &name);

// `restrict,command="sudo -n CTL" TYPE BLOB staffetta:USER`. The command is a fixed path the
// setup checked (letters, digits, _ . / -): nothing of the key's file reaches it.
QString authorizedKeyLine(const PublicKey &key, const QString &staffettactl, const QString &user);

// The sudoers rules for every console user: staffettactl as root, with the SSH variables it
// reads (the requested verb, the client's address), nothing else.
QByteArray sudoersFile(const QStringList &users, const QString &staffettactl);

// access.conf's [access] lines, user -> "ROLE [ACCOUNT...]": read, and written back with the
// file's other sections (a partner's grants) as they were.
QMap<QString, QString> readAccessLines(const QByteArray &accessConf);
QByteArray accessFile(const QMap<QString, QString> &users, const QByteArray &existing = {});

} // namespace staffetta::setup
