#pragma once
// policy.json's content section, read and written with the rest of the policy (policy.cpp).
// Internal to core/policy.

#include "content.h"

#include <QJsonObject>
#include <QJsonValue>

namespace staffetta::policy::detail {

class Reader;

std::optional<Language> readLanguage(Reader &r, const QJsonValue &v, const QString &path);
ContentRules readContent(Reader &r, const QJsonValue &v, const QString &path);
AccountContent readAccountContent(Reader &r, const QJsonValue &v, const QString &path);
QJsonObject contentJson(const ContentRules &c);
QJsonObject accountContentJson(const AccountContent &c);

} // namespace staffetta::policy::detail
