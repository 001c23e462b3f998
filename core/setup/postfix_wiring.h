#pragma once

#include "common/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

// How a relay's Postfix is wired to Staffetta: the one place that knows it, used by
// `staffetta-relay-setup` on a real relay and by the lab on its private instance. Pure: it
// reads what postconf prints and answers the postconf edits that are missing, so --check,
// a second run and the unit tests all see the same plan.
namespace staffetta::setup {

// What Postfix must say, from staffetta.conf and the setup's options.
struct PostfixWiring
{
    // Where staffettad and the milter listen (staffetta.conf's syntax: unix:/path,
    // inet:HOST:PORT; the milter's libmilter form inet:PORT@HOST).
    QString policyListen;
    QString milterListen; // empty: no milter is wired
    // The SASL service Postfix asks (smtpd_sasl_path). Empty: keep a service's own Dovecot
    // path when it has one, else private/auth (Dovecot's socket inside Postfix's spool).
    QString saslPath;
    // maillog_file when main.cf has none (Debian 12 ships no syslog daemon); empty: leave.
    QString maillogFile;
    // master.cf services to wire ("submission/inet"); empty: every smtpd service that offers
    // AUTH (Debian's submission and submissions blocks, and 25 where AUTH is on there).
    QStringList services;
    // The service where trusted client addresses relay without AUTH: its master.cf name
    // ("2525", "127.0.0.1:2525"); empty: none. trustedMap: the cidr table staffettad writes.
    QString trustedService;
    QString trustedMap;
};

// What postconf shows now: main.cf values as written (`postconf -h`, no -x: a $reference
// stays one), master.cf's entries (`postconf -M`) and -o overrides (`postconf -P`).
struct PostfixState
{
    QMap<QString, QString> main;
    QByteArray masterEntries;
    QByteArray serviceParameters;
};

struct PostconfEdit
{
    enum class Kind { Main, ServiceParameter, ServiceEntry };
    Kind kind = Kind::Main;
    QString name;   // "milter_default_action", "submission/inet/smtpd_milters", "2525/inet"
    QString value;  // what it becomes
    QString before; // what it was ("" when unset)

    QStringList postconfArguments() const; // -e / -P / -M NAME=VALUE
    friend bool operator==(const PostconfEdit &, const PostconfEdit &) = default;
};

// The main.cf names planPostfix reads (ask postconf -h for exactly these, in this order).
QStringList mainNames();

// The edits that make `now` say what `want` asks; none when it already does. An error names
// a service or value it cannot edit safely (postconf -P takes no whitespace in a value: an
// existing value that needs it, such as a braced milter group, is left to the admin).
Result<QList<PostconfEdit>> planPostfix(const PostfixState &now, const PostfixWiring &want);

// Where the services planPostfix wires ask for SASL once its edits are made: each distinct
// smtpd_sasl_path, in master.cf's order (what Dovecot must listen on, dovecotSnippet()).
Result<QStringList> saslPaths(const PostfixState &now, const PostfixWiring &want);

// staffetta.conf's listen address as Postfix names it: a unix socket inside the queue
// directory becomes relative to it (private/staffetta-policy: the same path for a chrooted
// smtpd and an unchrooted one), a libmilter inet:PORT@HOST becomes inet:HOST:PORT.
QString postfixAddress(const QString &listen, const QString &queueDirectory);

} // namespace staffetta::setup
