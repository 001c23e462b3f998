#pragma once

#include "alerts.h"
#include "common/limits.h"
#include "common/result.h"
#include "content.h"
#include "pattern.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace staffetta::policy {

inline constexpr int SchemaVersion = 1;

enum class QuotaWindow { CalendarDay, Rolling24h };

struct BlacklistEntry
{
    SenderPattern pattern;
    QString message; // appended to the reject reply
};

struct Limits
{
    int dailyQuota = 300;
    int maxRecipients = 100;
    qint64 maxMessageSize = 25 * 1024 * 1024;
    QuotaWindow window = QuotaWindow::CalendarDay;
    // Off when unset: external recipients per clock hour, and per day for each sender address
    // within an account (the relay docs' "a maximum number of e-mails per day per sender").
    std::optional<int> hourlyQuota;
    std::optional<int> senderDailyQuota;
    // The blacklists' caps, as the hosting panel our customers know has them: the relay-wide
    // list holds up to `relayBlacklistCap` entries plus `relayBlacklistPerAccount` for each
    // account, each account's up to `accountBlacklistCap`. The admin sets them; the parser
    // enforces them, so no apply and no hand edit goes past them.
    int relayBlacklistCap = 50;
    int relayBlacklistPerAccount = 5;
    int accountBlacklistCap = 20;
    int relayBlacklistCapFor(qsizetype accounts) const
    {
        return int(qMin<qint64>(relayBlacklistCap + relayBlacklistPerAccount * qint64(accounts),
                                limits::MaxRelayBlacklist));
    }
};

// An account suspended for suspected abuse: its AUTH still succeeds (a client that retries
// a refused login would get its address banned), every RCPT is refused with `550 5.7.1` and
// `message` (the relay's default wording in the account's language when empty), and its
// queued mail is held. Set and cleared only by `accounts suspend|resume`, which fill `by`,
// `role` and `at`: a partner's policy apply may not touch it.
struct Suspension
{
    QString reason;  // why, for the audit log and the mail to the contact
    QString message; // the SMTP reply's text; printable ASCII
    QString by;      // who suspended it
    QString role;    // the role it did it with ("admin", "partner", "alert")
    QDateTime at;    // when (UTC)
    bool operator==(const Suspension &) const = default;
};

struct Policy;
// Whether the relay-wide blacklist is over its cap (Limits::relayBlacklistCapFor), with the
// reason. Checked on the whole policy when it is written (staffettactl's apply): a partner's
// view holds only its accounts, so the parser, which reads views too, cannot.
std::optional<QString> relayBlacklistProblem(const Policy &p);

// The invalid_policy error of validation problems ([{path, reason, ...}]): the first five in
// its message, all of them in details.errors.
Error invalidPolicy(const QJsonArray &problems);

// Why `login` may not be a new account's login, or nothing. An existing login is only
// required to be a SASL login (the parser's rule); a new one is kept to what reads and
// travels unambiguously: ASCII letters and digits, then also . _ - + and one @ (no look-alike
// letters, no `%` or `?` that Dovecot or a shell read, no leading `-` that a command line
// reads as an option).
std::optional<QString> newLoginProblem(const QString &login);
// A login as an error message shows it: quoted, non-printable characters as \u escapes.
QString quotedLogin(const QString &login);

// The reply text of a suspended account's refused RCPT.
QByteArray suspendedReply(const Suspension &s, Language language);
namespace detail {
QJsonObject suspensionJson(const Suspension &s); // as policy.json holds it
}

// A client network trusted to relay for an account without AUTH (on the relay's trusted
// port): the network's address and prefix length, as written in the policy.
struct TrustedNet
{
    QHostAddress network;
    int prefix = 0;
    QString text() const;
    bool contains(const QHostAddress &address) const { return address.isInSubnet(network, prefix); }
    bool operator==(const TrustedNet &) const = default;
};

namespace detail {
QJsonArray trustedJson(const QList<TrustedNet> &nets); // as policy.json holds them
}

struct Account
{
    QString login; // the SASL login
    QList<SenderPattern> senders;
    QList<BlacklistEntry> blacklist;
    std::optional<int> dailyQuota;
    std::optional<int> maxRecipients;
    std::optional<qint64> maxMessageSize;
    std::optional<int> hourlyQuota;
    std::optional<int> senderDailyQuota;
    std::optional<Language> language; // the relay's (content.language) when unset
    AccountContent content;
    AccountAlerts alerts;
    std::optional<Suspension> suspended;
    QList<TrustedNet> trustedClients; // relaying without AUTH from these; one account each
};

// A domain whose numbered addresses reach a black hole (`test001@domain` … `test300@domain`),
// for customers' and the console's test deliveries: checked by every rule, never charged to
// the quota (see routing.h, Route::Test).
struct TestDomain
{
    static constexpr int MaxAddresses = 999;
    static constexpr int MaxDomains = 16; // per policy
    QString domain;                       // lower-case
    int addresses = 300;
    // The n-th address (1-based): test001@domain.
    QString address(int n) const;
    // Whether `recipient` is one of them (test001 … testNNN, any case).
    bool contains(const QString &recipient) const;
};

// The relay policy (policy.json): one definition for the console that edits it and the
// daemon that enforces it.
struct Policy
{
    QStringList localDomains; // lower-case
    QList<TestDomain> testDomains;
    Limits limits;
    QList<BlacklistEntry> blacklist; // relay-wide
    QList<Account> accounts;
    ContentRules content;
    AlertRules alerts;

    // Parses and validates. Every problem is reported with its exact path
    // (`accounts[3].senders[1]: "*@" is not a valid pattern: has no domain after the @`);
    // unknown and duplicate keys are refused, and so is what exceeds a limit of
    // common/limits.h (patterns, logins, messages, list lengths). The Error is
    // ErrorCode::InvalidPolicy with details.errors = [{path, reason}, ...].
    // The file's bytes (duplicate keys refused, see strict_json.h), indented.
    static Result<Policy> fromJson(const QByteArray &json);
    QByteArray toJson() const;
    // The same as a JSON object, for a policy inside a request or a response: no detour
    // through bytes. The object is checked like the file (a request's duplicate keys are
    // refused where the request is parsed).
    static Result<Policy> fromJsonObject(const QJsonObject &root);
    QJsonObject toJsonObject() const;

    const Account *account(const QString &login) const;
    // The account a client address relays for without AUTH (its trusted_clients), or nullptr.
    const Account *accountForClient(const QString &address) const;
    // For editing a copy in place (the console's drafts). Detaches the shared account list,
    // so the edit never reaches the policy this one was copied from.
    Account *account(const QString &login);
    // After editing `accounts` in place (the console's drafts), before account() is used.
    void reindex() { index(); }
    int dailyQuota(const Account *a) const
    {
        return a && a->dailyQuota ? *a->dailyQuota : limits.dailyQuota;
    }
    // The test domain `recipient` is an address of, or null.
    const TestDomain *testDomain(const QString &recipient) const;
    int maxRecipients(const Account *a) const
    {
        return a && a->maxRecipients ? *a->maxRecipients : limits.maxRecipients;
    }
    qint64 maxMessageSize(const Account *a) const
    {
        return a && a->maxMessageSize ? *a->maxMessageSize : limits.maxMessageSize;
    }
    std::optional<int> hourlyQuota(const Account *a) const
    {
        return a && a->hourlyQuota ? a->hourlyQuota : limits.hourlyQuota;
    }
    std::optional<int> senderDailyQuota(const Account *a) const
    {
        return a && a->senderDailyQuota ? a->senderDailyQuota : limits.senderDailyQuota;
    }

    Language language(const Account *a) const
    {
        return a && a->language ? *a->language : content.language;
    }
    AttachmentMode attachmentMode(const Account *a) const
    {
        return a && a->content.attachmentMode ? *a->content.attachmentMode : content.attachmentMode;
    }
    const QStringList &allowedExtensions(const Account *a) const
    {
        return a && a->content.allowedExtensions ? *a->content.allowedExtensions
                                                 : content.allowedExtensions;
    }
    const Bcc &bcc(const Account *a) const
    {
        return a && a->content.bcc ? *a->content.bcc : content.bcc;
    }

    // The alert settings in force for an account (its own, else the relay's).
    const AlertThresholds &alertRule(const Account *a, AlertRule r) const
    {
        return a && a->alerts.rules[size_t(r)] ? *a->alerts.rules[size_t(r)] : alerts.rule(r);
    }
    QString alertContact(const Account *a) const { return a ? a->alerts.contact : QString(); }
    QString abuseAddress(const Account *a) const
    {
        return a && !a->alerts.abuse.isEmpty() ? a->alerts.abuse : alerts.abuse;
    }
    const QList<AlertRecipient> &alertNotify(const Account *a) const
    {
        return a && a->alerts.notify ? *a->alerts.notify : alerts.notify;
    }

private:
    void index();
    QHash<QString, qsizetype> m_byLogin;
    QList<std::pair<TrustedNet, qsizetype>> m_trusted; // every account's trusted networks
};

} // namespace staffetta::policy
