#include "postfix_wiring.h"

#include "postfix/postfix.h"

#include <QDir>
#include <QHash>
#include <QRegularExpression>

namespace staffetta::setup {

using namespace Qt::Literals::StringLiterals;

namespace {

// main.cf parameters of our own, referenced from master.cf's -o overrides as $name: postconf -P
// takes no whitespace in a value, and one place says where staffettad and the milter listen.
const QString PolicyParameter = u"staffetta_policy"_s;
const QString MilterParameter = u"staffetta_milter"_s;
const QString TrustedParameter = u"staffetta_trusted_clients"_s;
const QString PolicyDefaultAction = u"451 4.3.5 Policy service unavailable, try again later"_s;
const QString DebianSaslPath = u"private/auth"_s;

const QRegularExpression &listSeparators()
{
    static const QRegularExpression re(u"[\\s,]+"_s);
    return re;
}

QStringList tokens(const QString &list)
{
    return list.split(listSeparators(), Qt::SkipEmptyParts);
}

bool references(const QString &list, const QString &parameter)
{
    for (const QString &t : tokens(list)) {
        if (t == u'$' + parameter || t == u"${"_s + parameter + u'}' ||
            t == u"$("_s + parameter + u')')
            return true;
    }
    return false;
}

// Whether a restriction list asks staffettad: through $staffetta_policy, or written out by hand.
bool asksPolicy(const QString &list, const QString &address)
{
    if (references(list, PolicyParameter))
        return true;
    const QStringList t = tokens(list);
    for (qsizetype i = 0; i + 1 < t.size(); ++i) {
        if (t[i] == u"check_policy_service"_s && t[i + 1] == address)
            return true;
    }
    return false;
}

// A list postconf -P can write: its items joined by commas. Braced groups ("{ unix:x,
// connect_timeout=10s }") need their spaces: such a value is left to the admin.
Result<QString> withoutWhitespace(const QString &service, const QString &parameter,
                                  const QString &value)
{
    QString withoutReferences = value;
    withoutReferences.remove(QRegularExpression(u"\\$\\{[A-Za-z0-9_]+\\}"_s)); // ${name}
    if (withoutReferences.contains(u'{') || withoutReferences.contains(u'}')) {
        return Error(ErrorCode::BadRequest,
                     u"master.cf: %1's %2 is \"%3\": a braced value cannot be edited with "
                     "postconf -P; add $%4 to it by hand and run the setup again"_s.arg(
                         service, parameter, value,
                         parameter == u"smtpd_milters"_s ? MilterParameter : PolicyParameter));
    }
    return tokens(value).join(u',');
}

struct MasterEntry
{
    QString key; // name/type
    QString chroot;
    QString command;
};

QList<MasterEntry> masterEntries(const QByteArray &postconfM)
{
    QList<MasterEntry> entries;
    for (const QByteArray &raw : postconfM.split('\n')) {
        const QStringList f =
            QString::fromUtf8(raw).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        if (f.size() >= 8)
            entries.append({f[0] + u'/' + f[1], f[4], f[7]});
    }
    return entries;
}

} // namespace

QStringList PostconfEdit::postconfArguments() const
{
    switch (kind) {
    case Kind::Main:
        return {u"-e"_s, name + u" = "_s + value};
    case Kind::ServiceParameter:
        return {u"-P"_s, name + u'=' + value};
    case Kind::ServiceEntry:
        return {u"-M"_s, name + u'=' + value};
    }
    return {};
}

QStringList mainNames()
{
    return {u"queue_directory"_s,
            u"smtpd_recipient_restrictions"_s,
            u"smtpd_end_of_data_restrictions"_s,
            u"smtpd_milters"_s,
            u"smtpd_sasl_auth_enable"_s,
            u"smtpd_sasl_type"_s,
            u"smtpd_sasl_path"_s,
            u"smtpd_policy_service_default_action"_s,
            u"milter_default_action"_s,
            u"maillog_file"_s};
}

QString postfixAddress(const QString &listen, const QString &queueDirectory)
{
    const QString kind = listen.section(u':', 0, 0).toLower();
    const QString rest = listen.section(u':', 1);
    if (kind == u"unix"_s || kind == u"local"_s) {
        const QString path = QDir::cleanPath(rest);
        const QString queue = QDir::cleanPath(queueDirectory) + u'/';
        if (!queueDirectory.isEmpty() && path.startsWith(queue))
            return u"unix:"_s + path.mid(queue.size());
        return u"unix:"_s + path;
    }
    if ((kind == u"inet"_s || kind == u"inet6"_s) && rest.contains(u'@')) { // libmilter's
        const QString host = rest.section(u'@', 1);
        return u"inet:"_s + (host.isEmpty() ? u"localhost"_s : host) + u':' +
               rest.section(u'@', 0, 0);
    }
    return listen;
}

namespace {

// planPostfix, and the SASL path each wired service asks once its edits are made.
Result<QList<PostconfEdit>> plan(const PostfixState &now, const PostfixWiring &want,
                                 QStringList &saslPaths)
{
    QList<PostconfEdit> edits;
    const QString queueDirectory = now.main.value(u"queue_directory"_s);
    const auto setMain = [&](const QString &name, const QString &value) {
        const QString before = now.main.value(name);
        if (before != value)
            edits.append({PostconfEdit::Kind::Main, name, value, before});
    };
    const QString policy = postfixAddress(want.policyListen, queueDirectory);
    const QString milter =
        want.milterListen.isEmpty() ? QString() : postfixAddress(want.milterListen, queueDirectory);
    setMain(PolicyParameter, u"check_policy_service "_s + policy);
    if (!milter.isEmpty())
        setMain(MilterParameter, milter);
    setMain(u"smtpd_policy_service_default_action"_s, PolicyDefaultAction);
    if (!milter.isEmpty())
        setMain(u"milter_default_action"_s, u"tempfail"_s);
    if (!want.maillogFile.isEmpty() && now.main.value(u"maillog_file"_s).isEmpty())
        setMain(u"maillog_file"_s, want.maillogFile);

    const QList<MasterEntry> entries = masterEntries(now.masterEntries);
    const QHash<QString, QString> overrides = postfix::parameterLines(now.serviceParameters);
    const auto effective = [&](const QString &service, const QString &parameter,
                               const QString &fallback = {}) {
        const QString key = service + u'/' + parameter;
        if (overrides.contains(key))
            return overrides.value(key);
        return now.main.value(parameter, fallback);
    };
    const auto setService = [&](const QString &service, const QString &parameter,
                                const QString &value) {
        const QString key = service + u'/' + parameter;
        const bool set = overrides.contains(key);
        if (!set || overrides.value(key) != value)
            edits.append({PostconfEdit::Kind::ServiceParameter, key, value,
                          set ? overrides.value(key) : QString()});
    };

    // The services clients log in on.
    QStringList services = want.services;
    if (services.isEmpty()) {
        for (const MasterEntry &e : entries) {
            const bool smtpd = e.command == u"smtpd"_s &&
                               (e.key.endsWith(u"/inet"_s) || e.key.endsWith(u"/pass"_s));
            if (smtpd && e.key.section(u'/', 0, 0) != want.trustedService &&
                effective(e.key, u"smtpd_sasl_auth_enable"_s).trimmed().toLower() == u"yes"_s)
                services.append(e.key);
        }
        if (services.isEmpty()) {
            return Error(ErrorCode::NotFound,
                         u"master.cf has no smtpd service that offers AUTH: enable the "
                         "submission and submissions blocks (uncomment them), or name the "
                         "services to wire"_s);
        }
    }
    QString chroot = u"y"_s;
    for (const QString &service : services) {
        const auto entry = std::find_if(entries.cbegin(), entries.cend(),
                                        [&](const MasterEntry &e) { return e.key == service; });
        if (entry == entries.cend()) {
            return Error(
                ErrorCode::NotFound,
                u"master.cf has no service %1 (postconf -M lists name/type)"_s.arg(service));
        }
        if (service == services.first())
            chroot = entry->chroot;
        if (effective(service, u"smtpd_sasl_auth_enable"_s).trimmed().toLower() != u"yes"_s)
            setService(service, u"smtpd_sasl_auth_enable"_s, u"yes"_s);
        // Every RCPT and every message asks staffettad first; what the service said after it
        // still applies (Debian's permit_sasl_authenticated,reject).
        for (const QString &parameter :
             {u"smtpd_recipient_restrictions"_s, u"smtpd_end_of_data_restrictions"_s}) {
            const QString value = effective(service, parameter);
            if (asksPolicy(value, policy))
                continue;
            auto rest = withoutWhitespace(service, parameter, value);
            if (!rest)
                return rest.error();
            setService(service, parameter,
                       u'$' + PolicyParameter +
                           (rest.value().isEmpty() ? QString() : u',' + rest.value()));
        }
        // Ours first: the content rules (and filelink, which rewrites the body) run before
        // any signing milter sees the message.
        if (!milter.isEmpty()) {
            const QString value = effective(service, u"smtpd_milters"_s);
            bool wired = references(value, MilterParameter);
            for (const QString &m : postfix::milterAddresses(value))
                wired = wired || m == milter;
            if (!wired) {
                auto rest = withoutWhitespace(service, u"smtpd_milters"_s, value);
                if (!rest)
                    return rest.error();
                setService(service, u"smtpd_milters"_s,
                           u'$' + MilterParameter +
                               (rest.value().isEmpty() ? QString() : u',' + rest.value()));
            }
        }
        // Logins are the customers' POP/IMAP credentials: Dovecot's SASL.
        const QString type = effective(service, u"smtpd_sasl_type"_s, u"cyrus"_s);
        if (type != u"dovecot"_s)
            setService(service, u"smtpd_sasl_type"_s, u"dovecot"_s);
        const QString path = !want.saslPath.isEmpty() ? want.saslPath
                             : type == u"dovecot"_s
                                 ? effective(service, u"smtpd_sasl_path"_s, DebianSaslPath)
                                 : DebianSaslPath;
        if (effective(service, u"smtpd_sasl_path"_s, u"smtpd"_s) != path)
            setService(service, u"smtpd_sasl_path"_s, path);
        if (!saslPaths.contains(path))
            saslPaths.append(path);
    }

    // The trusted clients' service: ours entirely, so every value is set exactly.
    if (!want.trustedService.isEmpty()) {
        setMain(TrustedParameter, u"check_client_access cidr:"_s + want.trustedMap);
        const QString service = want.trustedService + u"/inet"_s;
        const QString line = u"%1 inet n - %2 - - smtpd"_s.arg(want.trustedService, chroot);
        const auto entry = std::find_if(entries.cbegin(), entries.cend(),
                                        [&](const MasterEntry &e) { return e.key == service; });
        if (entry == entries.cend())
            edits.append({PostconfEdit::Kind::ServiceEntry, service, line, {}});
        else if (entry->command != u"smtpd"_s)
            return Error(ErrorCode::Conflict,
                         u"master.cf's %1 runs %2, not smtpd: choose another trusted port"_s.arg(
                             service, entry->command));
        const QString policyCheck = u'$' + PolicyParameter;
        const QString trusted = u'$' + TrustedParameter;
        setService(service, u"syslog_name"_s, u"postfix/staffetta-trusted"_s);
        setService(service, u"smtpd_sasl_auth_enable"_s, u"no"_s);
        setService(service, u"smtpd_client_restrictions"_s, trusted + u",reject"_s);
        setService(service, u"smtpd_relay_restrictions"_s, trusted + u",reject"_s);
        setService(service, u"smtpd_recipient_restrictions"_s,
                   policyCheck + u',' + trusted + u",reject"_s);
        setService(service, u"smtpd_end_of_data_restrictions"_s, policyCheck);
        if (!milter.isEmpty())
            setService(service, u"smtpd_milters"_s, u'$' + MilterParameter);
    }
    return edits;
}

} // namespace

Result<QList<PostconfEdit>> planPostfix(const PostfixState &now, const PostfixWiring &want)
{
    QStringList saslPaths;
    return plan(now, want, saslPaths);
}

Result<QStringList> saslPaths(const PostfixState &now, const PostfixWiring &want)
{
    QStringList paths;
    if (auto planned = plan(now, want, paths); !planned)
        return planned.error();
    return paths;
}

} // namespace staffetta::setup
