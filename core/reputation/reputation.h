#pragma once

#include "api/reputation.h"
#include "common/relay_config.h"
#include "common/result.h"
#include "policy/policy.h"

#include <QByteArray>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct sqlite3;

// The relay's reputation: its public IPs and its accounts' sender domains checked against DNS
// blacklists (libresolv builds the queries and parses the answers: res_nmkquery, ns_initparse;
// the sending is ours, under one deadline: see lookup()), the results kept with their history
// in SQLite. Relay-only: `staffettactl reputation check` runs it (a systemd timer, daily).
namespace staffetta::reputation {

// staffetta.conf's reputation settings (the file Config was read from):
//   [reputation]  resolver=127.0.0.1:53 (empty: the system's resolver, /etc/resolv.conf)
//                 public_ips=203.0.113.25 2001:db8::25 (the relay's own sending addresses)
//                 database=STATE_DIR/reputation.sqlite
//                 timeout=5 (seconds each UDP try, two, and the TCP fallback after a truncated
//                   answer)   deadline=300 (seconds for the whole check, every query: the
//                   systemd unit's TimeoutStartSec stays above its largest value)
//   [reputation.list.NAME]   zone=zen.spamhaus.org   kind=ip | domain
//                 listed=127.0.0.2-127.0.0.11 (the answers that mean "listed"; any other
//                   answer, 127.255.255.254 "query refused" among them, is not a listing)
//                 removal=https://check.spamhaus.org/ (the list's removal page)
struct Settings
{
    QString resolverAddress; // IPv4; empty: the system's resolver
    int resolverPort = 53;
    int timeoutSecs = 5;
    int deadlineSecs = 300;
    static constexpr int MaxDeadlineSecs = 900; // the unit's TimeoutStartSec is 20 minutes
    QStringList publicIps;                      // normalised
    QList<api::ReputationList> lists;
    QString database;

    // Every key is checked: an unknown key, a bad address, zone, kind, code or URL is a
    // config error naming its section and key.
    static Result<Settings> load(const Config &config);
    static Result<Settings> load(const QString &path, const QString &stateDir);
};

// Whether `answer` (an IPv4 address) is one of `listed`'s codes (addresses and a-b ranges).
bool isListingCode(const QStringList &listed, const QString &answer);
// The name to ask a list about: the reversed address (IPv4 octets, IPv6 nibbles) or the
// domain, then the zone.
QString queryName(const api::ReputationList &list, const QString &target);
// The domains a sender pattern names: `*@shop.example` and `*@*.shop.example` name
// shop.example; a pattern whose domain has another wildcard names none.
QString senderDomain(const QString &pattern);

// What the lists are asked about: the public IPs, and every sender domain of the policy's
// accounts with the accounts that use it (sorted).
QList<api::ReputationTarget> targetsOf(const Settings &settings, const policy::Policy &policy);

// One DNS A query through the configured resolver (blocking; staffettactl's own thread),
// never past `deadline`: each UDP try waits `timeoutSecs`, a truncated answer's TCP fallback
// as long, and none of them past the deadline.
struct Answer
{
    enum class Kind { Addresses, NoSuchName, Failure } kind = Kind::Failure;
    QStringList addresses;
    QString detail; // a Failure's reason ("timeout: ..." when nothing answered in time)
};
Answer lookup(const Settings &settings, const QString &name, const QDeadlineTimer &deadline);

// What a DNS response says about the A query for `name` with transaction id `id`: nullopt when
// it does not answer that question (not a response, another id, question, type or class) — a
// late or forged answer, never read. Only the A records owned by `name` (case-insensitively),
// or by the end of the CNAME chain that starts there, are its addresses; records about any
// other name are not. `truncated`: the TC flag (the answer is then only the TCP one).
std::optional<Answer> readResponse(const QByteArray &response, quint16 id, const QString &name,
                                   bool *truncated = nullptr);

// Every target asked on every list of its kind: the results without their `since`. The whole
// check ends within settings.deadlineSecs: what was not asked by then is an error result.
QList<api::ReputationTarget> check(const Settings &settings, QList<api::ReputationTarget> targets);

// The checks and the history of each target's status on each list (SQLite, WAL).
class Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;
    static Result<std::unique_ptr<Store>> open(const QString &path);

    // Records one check (one transaction): every result, a change row where a status differs
    // from the previous check's, and fills in each result's `since`. Returns the listings that
    // are new: listed now, and not listed at the last check that got an answer (listed or
    // clear), so a list that timed out in between does not raise the listing again.
    Result<QList<api::ReputationChange>> record(const QDateTime &now, const QString &by,
                                                QList<api::ReputationTarget> &targets);
    // The last check (checked invalid when there was none).
    Result<api::ReputationReport> latest();
    // Newest first; `target` empty: every target.
    Result<QList<api::ReputationChange>> history(const QString &target, qint64 limit);

private:
    Store() = default;
    Error failure(const QString &what) const;

    QString m_path;
    sqlite3 *m_db = nullptr;
};

} // namespace staffetta::reputation
