#pragma once

#include "common/result.h"
#include "queue.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace staffetta::api {

struct JailStatus
{
    QString name;
    int currentlyBanned = 0;
    int totalBanned = 0;
    int currentlyFailed = 0;
    QStringList bannedIps;

    QJsonObject toJson() const;
    static JailStatus fromJson(const QJsonObject &o);
    friend bool operator==(const JailStatus &, const JailStatus &) = default;
};

// Something on the relay an admin should fix; the console writes the sentence from the code.
//   postfix_routing: Postfix `parameter` is `value`, the relay needs `expected`
//   unlisted_table: `parameter` names a table Postfix cannot list: every local recipient counts
//   local_domain_not_delivered: the policy's local domain `value` is not delivered here
//   milter_not_wired: Postfix service `parameter` offers AUTH without the content milter:
//   its mail is charged by staffettad, but no content rule (attachments, BCC) applies there
//   staffettad_stale: staffettad's report of these (file `parameter`) is `value` seconds old
//   (empty: there is none), more than `expected`: staffettad is not running or cannot read
//   Postfix's settings, and the warnings shown are the last it found (if any)
struct RelayWarning
{
    QString code;
    QString parameter;
    QString value;
    QString expected;

    QJsonObject toJson() const;
    static RelayWarning fromJson(const QJsonObject &o);
    friend bool operator==(const RelayWarning &, const RelayWarning &) = default;
};

// What staffettad writes to STATE/staffettad.warnings (atomically) each time it reads Postfix's
// delivery settings (at start, after a policy load, every minute): the routing warnings above
// for the policy in force. `info` shows them from there: it never runs postconf or postmap
// for them itself.
struct RoutingReport
{
    static constexpr const char *FileName = "staffettad.warnings";
    static constexpr qint64 MaxAgeSecs = 5 * 60; // older: staffettad_stale

    QDateTime time;
    qint64 pid = 0;
    QList<RelayWarning> warnings;

    QJsonObject toJson() const;
    // BadResponse when the file is not such a report.
    static Result<RoutingReport> fromJson(const QJsonObject &o);
};

// One of the relay's services as `info` found it: listening (or running) or not.
//   postfix       Postfix's master process (its pid file, alive)
//   submission    a port where clients log in (an smtpd service with AUTH) accepts connections
//   dovecot_auth  the SASL authentication service Postfix asks (smtpd_sasl_path) accepts them
//   staffettad    the policy service's socket accepts connections
//   fail2ban      fail2ban answers on its socket
//   milter        staffetta-milter's socket accepts connections (only when Postfix uses it)
//   events        staffetta-events, the event index's follower, runs (its pid file, alive)
// `detail` is English, for people at a terminal (the console words the name).
struct ServiceStatus
{
    // In the state directory, while staffetta-events runs.
    static constexpr const char *EventsPidFile = "staffetta-events.pid";

    QString name;
    bool up = false;
    QString detail;

    QJsonObject toJson() const;
    static ServiceStatus fromJson(const QJsonObject &o);
    friend bool operator==(const ServiceStatus &, const ServiceStatus &) = default;
};

// A test domain of the relay's policy: its addresses test001@domain … testNNN@domain reach a
// black hole, are checked by every rule and never count against a quota.
struct TestDomainInfo
{
    QString domain;
    int addresses = 0;
    QString address(int n) const; // 1-based: test001@domain
    QJsonObject toJson() const;
    static TestDomainInfo fromJson(const QJsonObject &o);
};

// The answer to `staffettactl info`.
struct RelayInfo
{
    int apiVersion = 0;
    QString staffettaVersion;
    QString hostname;
    QString postfixVersion;
    // Message counts by Postfix queue name (incoming, active, deferred, hold, maildrop).
    QMap<QString, int> queues;
    // fail2ban may be down while Postfix is fine: that is reported, not fatal.
    bool fail2banAvailable = false;
    QString fail2banError;
    QList<JailStatus> jails;
    // The caller's role on this relay and, for a partner, the accounts it manages.
    QString role;
    QStringList accounts;
    QList<RelayWarning> warnings;
    // What the caller may do here (permission names, see common/access.h): the console
    // offers what these allow, never guessing from the role's name.
    QStringList permissions;
    // Alerts of the caller's accounts nobody acknowledged yet (the console's badge); -1 when
    // the relay has no event index (staffetta-events is not set up).
    qint64 unacknowledgedAlerts = -1;
    // The relay's services, in the order above (empty from a relay older than this list).
    QList<ServiceStatus> services;
    QList<TestDomainInfo> testDomains;

    int queuedTotal() const;
    // The names of the services that are down.
    QStringList servicesDown() const;
    int bannedTotal() const;

    QJsonObject toJson() const;
    static Result<RelayInfo> fromJson(const QJsonObject &o);
};

} // namespace staffetta::api
