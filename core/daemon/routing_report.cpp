#include "routing_report.h"

namespace staffetta::daemon {

using namespace Qt::Literals::StringLiterals;

QList<api::RelayWarning> routingWarnings(const policy::LocalDelivery &delivery,
                                         const policy::Policy &policy)
{
    QList<api::RelayWarning> warnings;
    for (auto it = delivery.routingSettings.cbegin(); it != delivery.routingSettings.cend(); ++it)
        warnings.append({u"postfix_routing"_s, it.key(), it.value(), u"no"_s});
    for (const QString &table : delivery.unlisted)
        warnings.append({u"unlisted_table"_s, table, {}, {}});
    for (const QString &service : delivery.saslWithoutMilter)
        warnings.append({u"milter_not_wired"_s, service, {}, {}});
    for (const QString &domain : policy.localDomains) {
        if (!delivery.domains.contains(domain))
            warnings.append({u"local_domain_not_delivered"_s, {}, domain, {}});
    }
    return warnings;
}

} // namespace staffetta::daemon
