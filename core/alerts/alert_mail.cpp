#include "alert_mail.h"

#include <cmath>

namespace staffetta::alerts {

using namespace Qt::Literals::StringLiterals;
using policy::Language;

namespace {

QString number(double v)
{
    return std::floor(v) == v ? QString::number(qint64(v)) : QString::number(v, 'f', 2);
}

// What the rule means, in the customer's words.
QString ruleText(const QString &rule, Language l)
{
    const bool it = l == Language::Italian;
    if (rule == u"quota_reached"_s)
        return it ? u"è stato raggiunto il limite giornaliero di invio"_s
                  : u"the daily sending limit was reached"_s;
    if (rule == u"hourly_rate"_s)
        return it ? u"in un'ora sono stati inviati molti più messaggi del solito"_s
                  : u"far more messages than usual were sent in one hour"_s;
    if (rule == u"bounce_rate"_s)
        return it ? u"molti degli ultimi messaggi sono stati respinti dai destinatari"_s
                  : u"many of the last messages were refused by their recipients' servers"_s;
    if (rule == u"unauthorized_sender"_s)
        return it ? u"ripetuti tentativi di invio con mittenti non autorizzati"_s
                  : u"repeated attempts to send with senders that are not authorized"_s;
    if (rule == u"client_ips"_s)
        return it ? u"l'account è stato usato da molti indirizzi IP diversi in un'ora"_s
                  : u"the account was used from many different IP addresses in one hour"_s;
    return rule;
}

} // namespace

std::optional<notify::Mail> alertMail(const api::Alert &alert, const policy::Policy &policy,
                                      const QString &relay)
{
    const policy::Account *account = policy.account(alert.account);
    QStringList to;
    for (policy::AlertRecipient who : policy.alertNotify(account)) {
        const QString address = who == policy::AlertRecipient::Contact
                                    ? policy.alertContact(account)
                                    : policy.abuseAddress(account);
        if (!address.isEmpty() && !to.contains(address, Qt::CaseInsensitive))
            to.append(address);
    }
    if (to.isEmpty())
        return std::nullopt;
    const Language l = policy.language(account);
    const bool it = l == Language::Italian;
    const QString abuse = policy.abuseAddress(account);
    notify::Mail mail;
    mail.to = to;
    mail.from = abuse.isEmpty() ? u"postmaster@"_s + relay : abuse;
    if (alert.rule == u"reputation_listed"_s) {
        // samples: the IP or domain, the list, its zone, the removal page.
        const QString target = alert.samples.value(0), list = alert.samples.value(1),
                      zone = alert.samples.value(2), removal = alert.samples.value(3);
        mail.subject = it ? u"Avviso: %1 è nella lista nera %2"_s.arg(target, list)
                          : u"Alert: %1 is listed on the blacklist %2"_s.arg(target, list);
        QStringList lines;
        if (it)
            lines << u"Il controllo di reputazione del relay %1 ha trovato %2 nella lista nera "
                     u"%3 (%4)."_s.arg(relay, target, list, zone)
                  << QString()
                  << (removal.isEmpty()
                          ? u"La lista non indica una pagina per la rimozione."_s
                          : u"Pagina per la richiesta di rimozione: %1"_s.arg(removal))
                  << QString() << u"Questo messaggio è generato automaticamente."_s;
        else
            lines << u"The reputation check of the relay %1 found %2 on the blacklist %3 (%4)."_s
                         .arg(relay, target, list, zone)
                  << QString()
                  << (removal.isEmpty() ? u"The list names no removal page."_s
                                        : u"Removal request page: %1"_s.arg(removal))
                  << QString() << u"This message was generated automatically."_s;
        mail.body = lines.join(u'\n') + u'\n';
        return mail;
    }
    mail.subject =
        it ? u"Avviso: attività anomala dell'account %1 (%2)"_s.arg(alert.account, alert.rule)
           : u"Alert: unusual activity of account %1 (%2)"_s.arg(alert.account, alert.rule);
    const QString window = alert.windowFrom.toString(u"yyyy-MM-dd HH:mm"_s) + u" – "_s +
                           alert.windowTo.toString(u"yyyy-MM-dd HH:mm"_s) + u" UTC"_s;
    QStringList lines;
    if (it) {
        lines << u"Gentile cliente,"_s << QString()
              << u"il relay %1 ha rilevato un'attività anomala dell'account %2: %3."_s.arg(
                     relay, alert.account, ruleText(alert.rule, l))
              << QString() << u"Regola: %1"_s.arg(alert.rule) << u"Periodo: %1"_s.arg(window)
              << u"Valore osservato: %1 (soglia: %2%3)"_s.arg(
                     number(alert.observed), number(alert.threshold),
                     alert.rule == u"hourly_rate"_s
                         ? u", media oraria degli ultimi 14 giorni: %1"_s.arg(
                               number(alert.baseline))
                         : QString());
        if (!alert.queueIds.isEmpty())
            lines << u"Messaggi di esempio (queue id): %1"_s.arg(alert.queueIds.join(u", "_s));
        if (!alert.samples.isEmpty())
            lines << u"Dettagli: %1"_s.arg(alert.samples.join(u", "_s));
        lines << QString()
              << u"Se non riconoscete questo traffico, la password dell'account o uno script "
                 u"potrebbero essere stati compromessi: cambiate la password e verificate i "
                 u"sistemi che inviano posta con questo account."_s
              << QString() << u"Questo messaggio è generato automaticamente."_s;
    } else {
        lines << u"Dear customer,"_s << QString()
              << u"the relay %1 noticed unusual activity of the account %2: %3."_s.arg(
                     relay, alert.account, ruleText(alert.rule, l))
              << QString() << u"Rule: %1"_s.arg(alert.rule) << u"Window: %1"_s.arg(window)
              << u"Observed: %1 (threshold: %2%3)"_s.arg(
                     number(alert.observed), number(alert.threshold),
                     alert.rule == u"hourly_rate"_s
                         ? u", hourly average of the last 14 days: %1"_s.arg(number(alert.baseline))
                         : QString());
        if (!alert.queueIds.isEmpty())
            lines << u"Sample messages (queue ids): %1"_s.arg(alert.queueIds.join(u", "_s));
        if (!alert.samples.isEmpty())
            lines << u"Details: %1"_s.arg(alert.samples.join(u", "_s));
        lines << QString()
              << u"If you do not recognise this traffic, the account's password or a script "
                 u"may have been compromised: change the password and check the systems that "
                 u"send mail with this account."_s
              << QString() << u"This message was generated automatically."_s;
    }
    mail.body = lines.join(u'\n') + u'\n';
    return mail;
}

} // namespace staffetta::alerts
