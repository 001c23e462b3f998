#pragma once

#include "common/result.h"
#include "policy/routing.h"
#include "queue.h"

#include <functional>

#include <QHash>
#include <QMap>
#include <QString>

namespace staffetta::postfix {

// Counts messages per queue name in `postqueue -j` output (one JSON object per line).
// A malformed line is an ErrorCode::BadResponse naming the line number.
Result<QMap<QString, int>> countQueues(const QByteArray &postqueueJsonLines);

// An smtpd service of master.cf that clients reach (an inet smtpd, or the smtpd behind
// postscreen) and what the quota needs to know of it.
struct SmtpdService
{
    QString name;        // master.cf's service name: "submission", "127.0.0.1:587", "smtpd"
    QList<int> ports;    // the TCP ports it answers on (Postfix's server_port); empty: unknown
    bool sasl = false;   // smtpd_sasl_auth_enable in force there
    QStringList milters; // smtpd_milters in force there, one Postfix address each (unix: made
                         // absolute against queue_directory)

    friend bool operator==(const SmtpdService &, const SmtpdService &) = default;
};

// The smtpd services from `postconf -M` and `postconf -Px` output and main.cf's values of
// smtpd_milters, smtpd_sasl_auth_enable and queue_directory. Pure, for the unit tests.
QList<SmtpdService> parseSmtpdServices(const QByteArray &postconfM, const QByteArray &postconfPx,
                                       const QString &mainMilters, const QString &mainSasl,
                                       const QString &queueDirectory);
// postconf's "name = value" lines (`postconf -n`, `-P`, `-h -x` with names): name -> value,
// "name =" an empty value.
QHash<QString, QString> parameterLines(const QByteArray &postconfOutput);
// The port of a master.cf inet service name: "587", "127.0.0.1:587", "submission",
// "[::1]:submissions"; 0 when /etc/services does not know the name.
int servicePort(const QString &name);
// The addresses of a Postfix milter list ("{ unix:x, connect_timeout=10s }, inet:h:p"): the
// first item of each braced group, the others as they are.
QStringList milterAddresses(const QString &value);
// Whether Postfix's milter address (`unix:/path`, `local:/path`, `inet:host:port`) reaches
// the socket a libmilter milter listens on (`unix:/path`, `local:/path`, `inet:port@host`).
bool sameMilter(const QString &postfixAddress, const QString &libmilterListen);

// Postfix on the relay, through its own command-line tools (never a shell).
class Postfix
{
public:
    // configDir: the instance's config directory (`postfix -c DIR`); empty = the default.
    explicit Postfix(QString configDir = {}, QString commandDir = QStringLiteral("/usr/sbin"));

    Result<QString> version() const;
    // Where Postfix logs: its maillog_file when set, else the syslog default for Debian.
    QString logFile() const;
    // Every queue name is present in the result, with 0 when empty.
    Result<QMap<QString, int>> queueCounts() const;

    // What this Postfix delivers here and which of its alias, forward and canonical table
    // entries send mail outside (tables listed with `postmap -s`; one that cannot be listed,
    // e.g. pcre or ldap, makes every local recipient count). `policy` narrows "local" to its
    // local domains while following aliases.
    Result<policy::LocalDelivery> delivery(const policy::Policy *policy = nullptr) const;

    // Settings that let Postfix route an address at a local domain to another place
    // (allow_percent_hack, swap_bangpath, resolve_dequoted_address): parameter -> value,
    // for the ones that differ from what a relay needs ("no").
    Result<QMap<QString, QString>> routingSettings() const;
    // The services clients submit mail on (parseSmtpdServices over this instance's postconf).
    Result<QList<SmtpdService>> smtpdServices() const;
    // main.cf's values of these parameters ($references expanded), in their order.
    Result<QStringList> mainValues(const QStringList &names) const;
    // master.cf's -o overrides, `postconf -P -x`: "name/type/parameter = value" lines.
    Result<QByteArray> serviceOverrides() const;

    // Streams `postqueue -j`: onLine gets each message's JSON line as showq produces it and
    // returns false to stop early. Returns the number of lines handed over.
    Result<qsizetype> scanQueue(const std::function<bool(const QByteArray &line)> &onLine) const;
    // The messages that match, as postqueue -j objects (in queue order).
    Result<QList<QJsonObject>> messages(const QueueFilter &filter, qint64 now) const;
    // Messages by queue id, each read from its own files, never by listing the queue: one
    // postcat for all of them (envelope and headers: parsePostcat), the queue file's mode and
    // the message's defer log. Each has, under "message", the object `postqueue -j` would list
    // for it (showq reads the same files: pending recipients once each, with their delay
    // reasons). Ids that are not queued are absent.
    Result<QHash<QString, QJsonObject>> details(const QStringList &ids) const;
    // The SASL login (sasl_username) each queued message was submitted by, read from the
    // queue files' envelopes with postcat in batches; a message without one (not submitted
    // with AUTH) maps to an empty string, one gone from the queue is absent.
    Result<QHash<QString, QString>> accountsOf(const QStringList &ids) const;
    // Applies an action to messages found by messages(); `missing` are requested ids that
    // were not queued. One result per message, in the order given.
    QList<ActionResult> act(QueueAction action, const QList<QJsonObject> &targets,
                            const QStringList &missing) const;

    // Hands a message to this Postfix for delivery: its sendmail (-C the instance's config
    // directory) with the envelope sender and recipients as arguments, never a shell; the
    // message goes through pickup, not smtpd, so no account's quota is charged. An empty
    // sender is the null sender (<>: nothing bounces back to it). A non-zero exit is
    // ErrorCode::Unavailable with sendmail's words.
    Result<Done> submit(const QByteArray &message, const QString &sender,
                        const QStringList &recipients) const;

    // `postfix reload`: the daemons re-read main.cf, master.cf and their tables (a cidr table
    // is read when a process starts).
    Result<Done> reload() const;

    // Runs a Postfix tool (postconf, postfix, …) for this instance, with an argument vector;
    // a non-zero exit is ErrorCode::Unavailable with the tool's words.
    Result<QByteArray> run(const QString &name, const QStringList &arguments, int timeoutMs) const;

private:
    QStringList configArgs() const;
    QString tool(const QString &name) const;
    // The directory the queue paths postcat prints ("deferred/B/ID") are relative to; `seen`
    // is one of them, to check a guess against.
    QString queueDirectory(const QString &seen) const;

    QString m_configDir;
    QString m_commandDir;
    mutable QString m_queueDirectory; // found once per process
};

} // namespace staffetta::postfix
