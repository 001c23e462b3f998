#pragma once

#include <QString>
#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>

namespace staffetta::policy {

// The abuse alerts (policy.json `alerts`): rules staffetta-events evaluates on the event index,
// each with its thresholds and each can be off. The relay sets them for every account; an
// account may replace a whole rule (a mailing script's account a higher rate, say).
enum class AlertRule {
    QuotaReached,       // the daily quota refused a message
    HourlyRate,         // more than factor × the account's 14-day hourly baseline in an hour
    BounceRate,         // more than percent % bounced of the account's last `last` deliveries
    UnauthorizedSender, // more than per_hour refusals of an unauthorized sender in an hour
    ClientIps,          // mail of one account from more than per_hour client IPs in an hour
};
inline constexpr std::array<AlertRule, 5> AllAlertRules{
    AlertRule::QuotaReached, AlertRule::HourlyRate, AlertRule::BounceRate,
    AlertRule::UnauthorizedSender, AlertRule::ClientIps};

QString toName(AlertRule r); // quota_reached, hourly_rate, bounce_rate, unauthorized_sender,
                             // client_ips
std::optional<AlertRule> alertRuleNamed(const QString &name);

// One rule's settings. The fields a rule does not use stay at their defaults and are not
// written: quota_reached {enabled}; hourly_rate {enabled, factor, min_count};
// bounce_rate {enabled, percent, last}; unauthorized_sender and client_ips {enabled, per_hour};
// every rule also {suspend} (written only when true).
struct AlertThresholds
{
    bool enabled = true;
    double factor = 0; // hourly_rate: k (1 to 1000)
    int minCount = 0;  // hourly_rate: an hour with fewer messages never trips it
    int percent = 0;   // bounce_rate: 1 to 100
    int last = 0;      // bounce_rate: N deliveries, and no alert before there are N
    int perHour = 0;   // unauthorized_sender, client_ips
    // Every rule: the alert suspends the account too (accounts suspend, by staffetta-events,
    // with the alert as its reason; an admin resumes it). Off by default.
    bool suspend = false;

    static AlertThresholds defaults(AlertRule r);
    bool operator==(const AlertThresholds &) const = default;
};

// Who an alert's e-mail goes to.
enum class AlertRecipient { Contact, Abuse };
QString toName(AlertRecipient r); // contact, abuse

struct AlertRules
{
    std::array<AlertThresholds, 5> rules = {
        AlertThresholds::defaults(AlertRule::QuotaReached),
        AlertThresholds::defaults(AlertRule::HourlyRate),
        AlertThresholds::defaults(AlertRule::BounceRate),
        AlertThresholds::defaults(AlertRule::UnauthorizedSender),
        AlertThresholds::defaults(AlertRule::ClientIps)};
    QString abuse; // the provider's abuse address; may be empty
    QList<AlertRecipient> notify = {AlertRecipient::Contact, AlertRecipient::Abuse};

    const AlertThresholds &rule(AlertRule r) const { return rules[size_t(r)]; }
    AlertThresholds &rule(AlertRule r) { return rules[size_t(r)]; }
};

// An account's part (policy.json `accounts[i].alerts`): its contact, its own abuse address
// and recipients, and the rules it replaces.
struct AccountAlerts
{
    QString contact; // the customer's address for alerts; may be empty
    QString abuse;   // empty: the relay's
    std::optional<QList<AlertRecipient>> notify;
    std::array<std::optional<AlertThresholds>, 5> rules;

    bool isEmpty() const
    {
        return contact.isEmpty() && abuse.isEmpty() && !notify &&
               std::none_of(rules.begin(), rules.end(),
                            [](const auto &r) { return r.has_value(); });
    }
};

} // namespace staffetta::policy
