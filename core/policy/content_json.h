#pragma once
// policy.json's content section, read and written with the rest of the policy (policy.cpp).
// Internal to core/policy.

#include "alerts.h"
#include "content.h"

#include <QJsonObject>
#include <QJsonValue>

namespace staffetta::policy::detail {

class Reader;

// An address the relay may send mail to: a plain dot-atom local part (no %, !, quotes:
// nothing Postfix would route further) at a domain name.
bool isPlainAddress(const QString &a);

std::optional<Language> readLanguage(Reader &r, const QJsonValue &v, const QString &path);
ContentRules readContent(Reader &r, const QJsonValue &v, const QString &path);
AccountContent readAccountContent(Reader &r, const QJsonValue &v, const QString &path);
QJsonObject contentJson(const ContentRules &c);
QJsonObject accountContentJson(const AccountContent &c);

// policy.json's alerts section (alerts.cpp).
AlertRules readAlerts(Reader &r, const QJsonValue &v, const QString &path);
AccountAlerts readAccountAlerts(Reader &r, const QJsonValue &v, const QString &path);
QJsonObject alertsJson(const AlertRules &a);
QJsonObject accountAlertsJson(const AccountAlerts &a);
QJsonObject alertThresholdsJson(AlertRule rule, const AlertThresholds &t);

} // namespace staffetta::policy::detail
