#include "reputation.h"

#include "events/statement.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <sqlite3.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>

namespace staffetta::reputation {

using namespace Qt::Literals::StringLiterals;
using events::detail::Statement;

namespace {

const QString Section = u"reputation"_s;
const QString ListPrefix = u"reputation.list."_s;

Error configError(const QString &section, const QString &key, const QString &why)
{
    return Error(ErrorCode::Config, u"[%1] %2: %3"_s.arg(section, key, why),
                 {{u"section"_s, section}, {u"key"_s, key}});
}

// A value that may read back as a list (it had commas) as one string.
QString stringValue(const QSettings &s, const QString &key)
{
    const QVariant v = s.value(key);
    return v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
}

QStringList words(const QString &value)
{
    return value.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
}

bool isDomain(const QString &d)
{
    static const QRegularExpression re(
        u"^([a-z0-9_]([a-z0-9_-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$"_s);
    return d.size() <= 253 && re.match(d).hasMatch();
}

// A listing code's IPv4 address as a number; nullopt when it is not one inside 127.0.0.0/8
// (every DNS blacklist answers there).
std::optional<quint32> code(const QString &text)
{
    QHostAddress a;
    if (!a.setAddress(text.trimmed()) || a.protocol() != QAbstractSocket::IPv4Protocol)
        return std::nullopt;
    const quint32 v = a.toIPv4Address();
    if ((v >> 24) != 127)
        return std::nullopt;
    return v;
}

std::optional<std::pair<quint32, quint32>> range(const QString &word)
{
    const QStringList ends = word.split(u'-');
    if (ends.size() > 2)
        return std::nullopt;
    const auto from = code(ends.first());
    const auto to = code(ends.last());
    if (!from || !to || *from > *to)
        return std::nullopt;
    return std::pair{*from, *to};
}

Result<api::ReputationList> parseList(QSettings &s, const QString &section)
{
    api::ReputationList list;
    list.name = section.mid(ListPrefix.size());
    static const QRegularExpression nameRe(u"^[A-Za-z0-9_-]{1,64}$"_s);
    if (!nameRe.match(list.name).hasMatch())
        return Error(ErrorCode::Config,
                     u"[%1]: a list's name is 1 to 64 letters, digits, '-' or '_'"_s.arg(section),
                     {{u"section"_s, section}});
    s.beginGroup(section);
    const QStringList keys = s.childKeys();
    QMap<QString, QString> values;
    for (const QString &key : keys)
        values.insert(key, stringValue(s, key).trimmed());
    s.endGroup();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QString &value = it.value();
        if (key == u"zone"_s) {
            list.zone = value.toLower();
            if (list.zone.endsWith(u'.'))
                list.zone.chop(1);
            if (!isDomain(list.zone))
                return configError(section, key, u"'%1' is not a DNS zone"_s.arg(value));
        } else if (key == u"kind"_s) {
            if (value != u"ip"_s && value != u"domain"_s)
                return configError(section, key, u"must be ip or domain, not '%1'"_s.arg(value));
            list.kind = value;
        } else if (key == u"listed"_s) {
            for (const QString &w : words(value)) {
                if (!range(w))
                    return configError(section, key,
                                       u"'%1' is not an answer code or a range of them inside "
                                       u"127.0.0.0/8 (127.0.0.2, 127.0.0.2-127.0.0.11)"_s.arg(w));
                list.listed.append(w);
            }
        } else if (key == u"removal"_s) {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) ||
                url.host().isEmpty())
                return configError(section, key,
                                   u"'%1' is not an http or https address"_s.arg(value));
            list.removalUrl = url.toString();
        } else {
            return configError(section, key, u"unknown key (zone, kind, listed, removal)"_s);
        }
    }
    for (const QString &required : {u"zone"_s, u"kind"_s, u"listed"_s}) {
        if (!values.contains(required) || values.value(required).isEmpty())
            return configError(section, required,
                               required == u"listed"_s
                                   ? u"is required: the answers that mean listed (a list "
                                     u"without them would read a refusal as a listing)"_s
                                   : u"is required"_s);
    }
    return list;
}

} // namespace

Result<Settings> Settings::load(const Config &config)
{
    return load(config.path, config.stateDir);
}

Result<Settings> Settings::load(const QString &path, const QString &stateDir)
{
    Settings settings;
    settings.database = stateDir + u"/reputation.sqlite"_s;
    if (path.isEmpty() || !QFileInfo::exists(path))
        return settings;
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError)
        return Error(ErrorCode::Config, u"the configuration %1 is malformed"_s.arg(path),
                     {{u"path"_s, path}});
    s.beginGroup(Section);
    const QStringList keys = s.childKeys();
    QMap<QString, QString> values;
    for (const QString &key : keys)
        values.insert(key, stringValue(s, key).trimmed());
    s.endGroup();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QString &value = it.value();
        if (key == u"resolver"_s) {
            if (value.isEmpty())
                continue;
            const qsizetype colon = value.lastIndexOf(u':');
            const QString host = colon < 0 ? value : value.left(colon);
            QHostAddress a;
            if (!a.setAddress(host) || a.protocol() != QAbstractSocket::IPv4Protocol)
                return configError(
                    Section, key,
                    u"'%1' is not an IPv4 address with an optional :port"_s.arg(value));
            settings.resolverAddress = a.toString();
            if (colon >= 0) {
                bool ok = false;
                settings.resolverPort = value.mid(colon + 1).toInt(&ok);
                if (!ok || settings.resolverPort < 1 || settings.resolverPort > 65535)
                    return configError(Section, key,
                                       u"'%1' has no valid port"_s.arg(value.mid(colon + 1)));
            }
        } else if (key == u"public_ips"_s) {
            for (const QString &w : words(value)) {
                QHostAddress a;
                if (w.contains(u'/') || w.contains(u'%') || !a.setAddress(w))
                    return configError(Section, key, u"'%1' is not an IP address"_s.arg(w));
                if (!settings.publicIps.contains(a.toString()))
                    settings.publicIps.append(a.toString());
            }
        } else if (key == u"database"_s) {
            if (!value.isEmpty())
                settings.database = value;
        } else if (key == u"timeout"_s) {
            bool ok = false;
            settings.timeoutSecs = value.toInt(&ok);
            if (!ok || settings.timeoutSecs < 1 || settings.timeoutSecs > 60)
                return configError(Section, key, u"must be a number of seconds from 1 to 60"_s);
        } else if (key == u"deadline"_s) {
            bool ok = false;
            settings.deadlineSecs = value.toInt(&ok);
            if (!ok || settings.deadlineSecs < 1 || settings.deadlineSecs > MaxDeadlineSecs)
                return configError(Section, key,
                                   u"must be a number of seconds from 1 to %1 (the systemd "
                                   u"unit stops a longer check)"_s.arg(MaxDeadlineSecs));
        } else {
            return configError(
                Section, key, u"unknown key (resolver, public_ips, database, timeout, deadline)"_s);
        }
    }
    const QStringList sections = s.childGroups();
    for (const QString &section : sections) {
        if (!section.startsWith(ListPrefix))
            continue;
        auto list = parseList(s, section);
        if (!list)
            return list.error();
        settings.lists.append(list.value());
    }
    return settings;
}

bool isListingCode(const QStringList &listed, const QString &answer)
{
    const auto a = code(answer);
    if (!a)
        return false;
    for (const QString &w : listed) {
        if (const auto r = range(w); r && *a >= r->first && *a <= r->second)
            return true;
    }
    return false;
}

QString queryName(const api::ReputationList &list, const QString &target)
{
    if (list.kind == u"domain"_s)
        return target + u'.' + list.zone;
    QHostAddress a(target);
    QStringList labels;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v = a.toIPv4Address();
        for (int shift = 0; shift < 32; shift += 8)
            labels.append(QString::number((v >> shift) & 0xff));
    } else {
        const Q_IPV6ADDR v6 = a.toIPv6Address();
        for (int i = 15; i >= 0; --i) {
            labels.append(QString::number(v6[i] & 0x0f, 16));
            labels.append(QString::number(v6[i] >> 4, 16));
        }
    }
    return labels.join(u'.') + u'.' + list.zone;
}

QString senderDomain(const QString &pattern)
{
    const qsizetype at = pattern.lastIndexOf(u'@');
    QString domain = (at < 0 ? pattern : pattern.mid(at + 1)).toLower();
    if (domain.startsWith(u"*."_s))
        domain = domain.mid(2);
    return isDomain(domain) ? domain : QString();
}

QList<api::ReputationTarget> targetsOf(const Settings &settings, const policy::Policy &policy)
{
    QList<api::ReputationTarget> out;
    for (const QString &ip : settings.publicIps)
        out.append({ip, u"ip"_s, {}, {}});
    QMap<QString, QStringList> domains;
    for (const policy::Account &account : policy.accounts) {
        for (const policy::SenderPattern &p : account.senders) {
            const QString d = senderDomain(p.text());
            if (!d.isEmpty() && !domains[d].contains(account.login))
                domains[d].append(account.login);
        }
    }
    for (auto it = domains.begin(); it != domains.end(); ++it) {
        it.value().sort();
        out.append({it.key(), u"domain"_s, it.value(), {}});
    }
    return out;
}

// ------------------------------------------------------------------------------ the DNS
//
// libresolv builds each query (res_nmkquery) and parses each answer (ns_initparse, ns_parserr,
// ns_name_uncompress); the sending is written here, on purpose, instead of res_nquery's: glibc's
// res_send applies `retrans` to its UDP tries only. After a truncated (TC) answer it asks again
// over TCP with a blocking connect() and read() and no timeout at all, so a resolver that sets TC
// and then never answers on TCP held `reputation check` (and its systemd unit) forever. Here
// every wait is a poll() bounded by the try's timeout and by the whole check's deadline. And an
// answer is matched to its question here, records included (res_send matched ids, but which
// records answer the name asked was left to res_nquery's callers): see readResponse().

namespace {

constexpr int Tries = 2;          // UDP tries per query (each `timeout` seconds)
constexpr int MaxCnameHops = 8;   // a longer chain is refused, never half followed
constexpr int MaxMessage = 65535; // a DNS message over TCP (its 2-byte length)

// A socket that is closed when it goes out of scope.
class Fd
{
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

struct Server
{
    sockaddr_storage address{};
    socklen_t length = 0;
    QString text; // "127.0.0.1:53", for the details
};

// The configured resolver, else the system's (/etc/resolv.conf, as res_ninit read it: IPv4
// servers in nsaddr_list, IPv6 ones in the extension glibc keeps beside it).
QList<Server> servers(const Settings &settings, const struct __res_state &state)
{
    QList<Server> out;
    if (!settings.resolverAddress.isEmpty()) {
        Server s;
        auto *in = reinterpret_cast<sockaddr_in *>(&s.address);
        in->sin_family = AF_INET;
        in->sin_port = htons(quint16(settings.resolverPort));
        inet_pton(AF_INET, settings.resolverAddress.toLatin1().constData(), &in->sin_addr);
        s.length = sizeof(sockaddr_in);
        s.text = settings.resolverAddress + u':' + QString::number(settings.resolverPort);
        out.append(s);
        return out;
    }
    for (int i = 0; i < state.nscount && i < MAXNS; ++i) {
        Server s;
        char text[INET6_ADDRSTRLEN] = {};
        if (state.nsaddr_list[i].sin_family == AF_INET) {
            std::memcpy(&s.address, &state.nsaddr_list[i], sizeof(sockaddr_in));
            s.length = sizeof(sockaddr_in);
            inet_ntop(AF_INET, &state.nsaddr_list[i].sin_addr, text, sizeof text);
            s.text = QString::fromLatin1(text) + u':' +
                     QString::number(ntohs(state.nsaddr_list[i].sin_port));
        } else if (const sockaddr_in6 *in6 = state._u._ext.nsaddrs[i];
                   in6 && in6->sin6_family == AF_INET6) {
            std::memcpy(&s.address, in6, sizeof(sockaddr_in6));
            s.length = sizeof(sockaddr_in6);
            inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
            s.text = u"[%1]:%2"_s.arg(QString::fromLatin1(text)).arg(ntohs(in6->sin6_port));
        } else {
            continue;
        }
        out.append(s);
    }
    return out;
}

QDeadlineTimer earlier(const QDeadlineTimer &a, const QDeadlineTimer &b)
{
    return b < a ? b : a;
}

// Waits for `events` on `fd` until `until`: false at the deadline (or on a poll error).
bool waitFor(int fd, short events, const QDeadlineTimer &until)
{
    for (;;) {
        const qint64 left = until.remainingTime();
        if (left == 0)
            return false;
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, left < 0 ? -1 : int(std::min<qint64>(left, INT_MAX)));
        if (n > 0)
            return true;
        if (n == 0)
            continue; // remainingTime() reads 0 now
        if (errno != EINTR)
            return false;
    }
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Answer failure(const QString &detail)
{
    Answer a;
    a.detail = detail;
    return a;
}

bool sameName(const char *a, const QByteArray &b)
{
    // DNS names compare ASCII case-insensitively (RFC 4343); ns_parserr's presentation form
    // escapes every other byte, so no locale's folding comes into it.
    return qstricmp(a, b.constData()) == 0;
}

struct Exchange
{
    enum class Kind { Answer, Truncated, NoAnswer } kind = Kind::NoAnswer;
    Answer answer;
    QString why;           // NoAnswer's reason
    bool timedOut = false; // NoAnswer: nothing came in time
};

// One UDP try: the query sent to `server`, then the first datagram that answers it. The socket
// is connected, so the kernel drops datagrams from any other address or port; those that come
// from the server and do not answer this question (a late answer, a forged one) are dropped
// too, and the wait goes on until `until`.
Exchange udpTry(const Server &server, const QByteArray &query, quint16 id, const QString &name,
                const QDeadlineTimer &until)
{
    Exchange x;
    Fd fd(::socket(server.address.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0 ||
        ::connect(fd.get(), reinterpret_cast<const sockaddr *>(&server.address), server.length) !=
            0 ||
        ::send(fd.get(), query.constData(), size_t(query.size()), 0) != query.size()) {
        x.why = u"cannot send the query to %1: %2"_s.arg(server.text, errnoText(errno));
        return x;
    }
    QByteArray buffer(MaxMessage, Qt::Uninitialized);
    while (waitFor(fd.get(), POLLIN, until)) {
        const ssize_t n = ::recv(fd.get(), buffer.data(), size_t(buffer.size()), 0);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            // ECONNREFUSED: the server's ICMP "port unreachable", nothing listens there.
            x.why = u"%1 did not take the query: %2"_s.arg(server.text, errnoText(errno));
            return x;
        }
        bool truncated = false;
        auto answer = readResponse(buffer.left(n), id, name, &truncated);
        if (!answer)
            continue;
        x.kind = truncated ? Exchange::Kind::Truncated : Exchange::Kind::Answer;
        x.answer = *answer;
        return x;
    }
    x.why = u"no answer from %1"_s.arg(server.text);
    x.timedOut = true;
    return x;
}

// Reads exactly `size` bytes before `until`; `why` stays empty when the time ran out.
bool readAll(int fd, char *into, qsizetype size, const QDeadlineTimer &until, QString *why)
{
    qsizetype got = 0;
    while (got < size) {
        if (!waitFor(fd, POLLIN, until))
            return false;
        const ssize_t n = ::read(fd, into + got, size_t(size - got));
        if (n == 0) {
            *why = u"the connection was closed"_s;
            return false;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            *why = errnoText(errno);
            return false;
        }
        got += n;
    }
    return true;
}

// The TCP fallback after a truncated UDP answer (RFC 7766): connect, the query with its
// 2-byte length, the answer with its own; every step before `until`.
Exchange tcpTry(const Server &server, const QByteArray &query, quint16 id, const QString &name,
                const QDeadlineTimer &until)
{
    Exchange x;
    const QString truncated = u"the answer was truncated and %1"_s.arg(server.text);
    const QString prefix = truncated + u" did not answer over TCP: "_s;
    Fd fd(::socket(server.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (fd.get() < 0) {
        x.why = prefix + errnoText(errno);
        return x;
    }
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&server.address), server.length) !=
            0 &&
        errno != EINPROGRESS) {
        x.why = prefix + errnoText(errno);
        return x;
    }
    if (!waitFor(fd.get(), POLLOUT, until)) {
        x.why = truncated + u" took no TCP connection"_s;
        x.timedOut = true;
        return x;
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
        x.why = prefix + errnoText(error ? error : errno);
        return x;
    }
    QByteArray framed;
    framed.append(char(query.size() >> 8)).append(char(query.size() & 0xff)).append(query);
    qsizetype sent = 0;
    while (sent < framed.size()) {
        if (!waitFor(fd.get(), POLLOUT, until)) {
            x.why = truncated + u" did not take the query over TCP"_s;
            x.timedOut = true;
            return x;
        }
        const ssize_t n =
            ::send(fd.get(), framed.constData() + sent, size_t(framed.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno != EINTR && errno != EAGAIN) {
            x.why = prefix + errnoText(errno);
            return x;
        }
        sent += std::max<ssize_t>(n, 0);
    }
    unsigned char header[2];
    QString why;
    if (!readAll(fd.get(), reinterpret_cast<char *>(header), 2, until, &why)) {
        x.timedOut = why.isEmpty();
        x.why = x.timedOut ? truncated + u" did not answer over TCP"_s : prefix + why;
        return x;
    }
    QByteArray response((header[0] << 8) | header[1], Qt::Uninitialized);
    if (!readAll(fd.get(), response.data(), response.size(), until, &why)) {
        x.timedOut = why.isEmpty();
        x.why = x.timedOut ? truncated + u" did not finish its answer over TCP"_s : prefix + why;
        return x;
    }
    // One query per connection: an answer that is not to it is no answer at all.
    auto answer = readResponse(response, id, name);
    if (!answer) {
        x.why = truncated + u" answered another question over TCP (transaction id or question)"_s;
        return x;
    }
    x.kind = Exchange::Kind::Answer;
    x.answer = *answer;
    return x;
}

} // namespace

std::optional<Answer> readResponse(const QByteArray &response, quint16 id, const QString &name,
                                   bool *truncated)
{
    ns_msg message;
    if (ns_initparse(reinterpret_cast<const unsigned char *>(response.constData()),
                     int(response.size()), &message) != 0)
        return std::nullopt;
    if (ns_msg_id(message) != id || !ns_msg_getflag(message, ns_f_qr) ||
        ns_msg_getflag(message, ns_f_opcode) != ns_o_query || ns_msg_count(message, ns_s_qd) != 1)
        return std::nullopt;
    const QByteArray asked = name.toLatin1();
    ns_rr question;
    if (ns_parserr(&message, ns_s_qd, 0, &question) != 0 ||
        !sameName(ns_rr_name(question), asked) || ns_rr_type(question) != ns_t_a ||
        ns_rr_class(question) != ns_c_in)
        return std::nullopt;
    if (truncated)
        *truncated = ns_msg_getflag(message, ns_f_tc);

    Answer answer;
    switch (ns_msg_getflag(message, ns_f_rcode)) {
    case ns_r_noerror:
        break;
    case ns_r_nxdomain:
        answer.kind = Answer::Kind::NoSuchName;
        return answer;
    case ns_r_servfail:
        answer.detail = u"the resolver could not answer (SERVFAIL)"_s;
        return answer;
    case ns_r_refused:
        answer.detail = u"the resolver refused the query (REFUSED)"_s;
        return answer;
    default:
        answer.detail =
            u"the resolver answered with RCODE %1"_s.arg(ns_msg_getflag(message, ns_f_rcode));
        return answer;
    }

    QList<ns_rr> records;
    for (int i = 0; i < ns_msg_count(message, ns_s_an); ++i) {
        ns_rr rr;
        if (ns_parserr(&message, ns_s_an, i, &rr) != 0) {
            answer.detail = u"the answer could not be parsed"_s;
            return answer;
        }
        records.append(rr);
    }
    // The name whose addresses answer the question: `name`, or where its CNAME chain ends
    // (each link owned by the name before it; a loop or a longer chain is refused).
    QByteArray owner = asked;
    QList<QByteArray> chain{owner};
    for (;;) {
        const auto link = std::find_if(records.cbegin(), records.cend(), [&](const ns_rr &rr) {
            return ns_rr_type(rr) == ns_t_cname && ns_rr_class(rr) == ns_c_in &&
                   sameName(ns_rr_name(rr), owner);
        });
        if (link == records.cend())
            break;
        char target[NS_MAXDNAME] = {};
        if (ns_name_uncompress(ns_msg_base(message), ns_msg_end(message), ns_rr_rdata(*link),
                               target, sizeof target) < 0) {
            answer.detail = u"the answer's CNAME could not be parsed"_s;
            return answer;
        }
        owner = QByteArray(target);
        if (std::any_of(chain.cbegin(), chain.cend(),
                        [&](const QByteArray &n) { return sameName(n.constData(), owner); })) {
            answer.detail = u"the answer's CNAME chain is a loop"_s;
            return answer;
        }
        if (chain.size() > MaxCnameHops) {
            answer.detail = u"the answer's CNAME chain is longer than %1"_s.arg(MaxCnameHops);
            return answer;
        }
        chain.append(owner);
    }
    QStringList strangers;
    for (const ns_rr &rr : records) {
        const bool ours = sameName(ns_rr_name(rr), owner);
        if (ours && ns_rr_type(rr) == ns_t_a && ns_rr_class(rr) == ns_c_in &&
            ns_rr_rdlen(rr) == 4) {
            char text[INET_ADDRSTRLEN] = {};
            inet_ntop(AF_INET, ns_rr_rdata(rr), text, sizeof text);
            answer.addresses.append(QString::fromLatin1(text));
        } else if (!ours && !(ns_rr_type(rr) == ns_t_cname &&
                              std::any_of(chain.cbegin(), chain.cend(), [&](const QByteArray &n) {
                                  return sameName(ns_rr_name(rr), n);
                              }))) {
            strangers.append(QString::fromLatin1(ns_rr_name(rr)));
        }
    }
    if (!answer.addresses.isEmpty()) {
        answer.kind = Answer::Kind::Addresses;
    } else if (strangers.isEmpty()) {
        answer.kind = Answer::Kind::NoSuchName; // the name exists, without an address
    } else {
        // Records about another name and none about this one: not an answer to trust either
        // way (neither a listing nor a delisting).
        strangers.removeDuplicates();
        answer.detail = u"the answer's records are about %1, not %2"_s.arg(
            strangers.join(u", "_s), QString::fromLatin1(owner));
    }
    return answer;
}

Answer lookup(const Settings &settings, const QString &name, const QDeadlineTimer &deadline)
{
    struct __res_state state;
    std::memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0)
        return failure(u"the resolver could not be set up (res_ninit)"_s);
    const QList<Server> targets = servers(settings, state);
    unsigned char buffer[NS_PACKETSZ];
    const int n = res_nmkquery(&state, ns_o_query, name.toLatin1().constData(), ns_c_in, ns_t_a,
                               nullptr, 0, nullptr, buffer, sizeof buffer);
    res_nclose(&state);
    if (n < NS_HFIXEDSZ)
        return failure(u"the query for %1 could not be built"_s.arg(name));
    if (targets.isEmpty())
        return failure(u"no resolver: /etc/resolv.conf names no name server"_s);
    const QByteArray query(reinterpret_cast<const char *>(buffer), n);
    const quint16 id = quint16((buffer[0] << 8) | buffer[1]);
    const std::chrono::seconds timeout(settings.timeoutSecs);

    Exchange last;
    for (int attempt = 0; attempt < Tries && !deadline.hasExpired(); ++attempt) {
        for (const Server &server : targets) {
            if (deadline.hasExpired())
                break;
            Exchange x =
                udpTry(server, query, id, name, earlier(QDeadlineTimer(timeout), deadline));
            if (x.kind == Exchange::Kind::Truncated)
                x = tcpTry(server, query, id, name, earlier(QDeadlineTimer(timeout), deadline));
            if (x.kind == Exchange::Kind::Answer)
                return x.answer;
            last = x;
        }
    }
    if (deadline.hasExpired())
        return failure(u"timeout: the check's deadline passed"_s +
                       (last.why.isEmpty() ? QString() : u" (%1)"_s.arg(last.why)));
    if (!last.timedOut)
        return failure(last.why);
    return failure(u"timeout: %1 within %2 s"_s.arg(last.why).arg(settings.timeoutSecs));
}

QList<api::ReputationTarget> check(const Settings &settings, QList<api::ReputationTarget> targets)
{
    // A list (or the resolver) that does not answer MaxFailures queries in a row is not asked
    // about the rest: a relay with many domains would otherwise wait out every timeout.
    constexpr int MaxFailures = 3;
    // And the whole check has one deadline, over every query: a resolver that answers each
    // one just before its timeout (or a long list of targets) cannot hold the daily unit.
    const QDeadlineTimer deadline{std::chrono::seconds(settings.deadlineSecs)};
    QMap<QString, int> failures;
    for (api::ReputationTarget &t : targets) {
        t.results.clear();
        for (const api::ReputationList &list : settings.lists) {
            if (list.kind != t.kind)
                continue;
            api::ReputationResult r;
            r.list = list.name;
            if (failures.value(list.name) >= MaxFailures || deadline.hasExpired()) {
                r.status = u"error"_s;
                r.detail = deadline.hasExpired()
                               ? u"not asked: the check's deadline (%1 s) had passed"_s.arg(
                                     settings.deadlineSecs)
                               : u"not asked: the list did not answer %1 queries in a row"_s.arg(
                                     MaxFailures);
                t.results.append(r);
                continue;
            }
            const Answer a = lookup(settings, queryName(list, t.target), deadline);
            failures[list.name] =
                a.kind == Answer::Kind::Failure ? failures.value(list.name) + 1 : 0;
            r.answers = a.addresses;
            switch (a.kind) {
            case Answer::Kind::NoSuchName:
                r.status = u"clear"_s;
                break;
            case Answer::Kind::Failure:
                r.status = u"error"_s;
                r.detail = a.detail;
                break;
            case Answer::Kind::Addresses:
                r.status =
                    std::any_of(a.addresses.cbegin(), a.addresses.cend(),
                                [&](const QString &x) { return isListingCode(list.listed, x); })
                        ? u"listed"_s
                        : u"refused"_s;
                break;
            }
            t.results.append(r);
        }
    }
    return targets;
}

// ------------------------------------------------------------------------------ the store

namespace {

const char *const Schema =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS checks(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    " checked_by TEXT NOT NULL, lists TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS results(check_id INTEGER NOT NULL, target TEXT NOT NULL,"
    " kind TEXT NOT NULL, accounts TEXT NOT NULL, list TEXT NOT NULL, status TEXT NOT NULL,"
    " answers TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY(check_id, target, list));"
    "CREATE INDEX IF NOT EXISTS results_target ON results(target, list, check_id);"
    "CREATE TABLE IF NOT EXISTS changes(id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
    " target TEXT NOT NULL, kind TEXT NOT NULL, list TEXT NOT NULL, previous TEXT NOT NULL,"
    " status TEXT NOT NULL, answers TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS changes_target ON changes(target, list, time);";

QString jsonList(const QStringList &l)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact));
}

QStringList listJson(const QString &s)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(s.toUtf8()).array())
        out.append(v.toString());
    return out;
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

Store::~Store()
{
    sqlite3_close(m_db);
}

Error Store::failure(const QString &what) const
{
    return Error(ErrorCode::Unavailable,
                 u"reputation %1: %2: %3"_s.arg(
                     m_path, what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString()),
                 {{u"path"_s, m_path}});
}

Result<std::unique_ptr<Store>> Store::open(const QString &path)
{
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    if (sqlite3_open(path.toUtf8().constData(), &store->m_db) != SQLITE_OK)
        return store->failure(u"cannot open"_s);
    // Before the schema: switching to WAL takes a lock a reader may hold for a moment.
    sqlite3_busy_timeout(store->m_db, 5000);
    if (sqlite3_exec(store->m_db, Schema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return store->failure(u"cannot create the schema"_s);
    return store;
}

Result<QList<api::ReputationChange>> Store::record(const QDateTime &now, const QString &by,
                                                   QList<api::ReputationTarget> &targets)
{
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failure(u"cannot start a check"_s);
    auto rollback = [this](const QString &what) {
        Error e = failure(what);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    };
    const qint64 t = now.toSecsSinceEpoch();
    QStringList lists;
    for (const api::ReputationTarget &target : targets) {
        for (const api::ReputationResult &r : target.results) {
            if (!lists.contains(r.list))
                lists.append(r.list);
        }
    }
    {
        Statement s(m_db, "INSERT INTO checks(time, checked_by, lists) VALUES(?1, ?2, ?3)",
                    {t, by, jsonList(lists)});
        if (!s.run())
            return rollback(u"cannot record a check"_s);
    }
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    QList<api::ReputationChange> fresh;
    for (api::ReputationTarget &target : targets) {
        for (api::ReputationResult &r : target.results) {
            QString previous;
            {
                Statement s(m_db,
                            "SELECT status FROM results WHERE target = ?1 AND list = ?2"
                            " AND check_id < ?3 ORDER BY check_id DESC LIMIT 1",
                            {target.target, r.list, id});
                if (s.step())
                    previous = s.text(0);
            }
            QString answered; // the last status that was an answer: listed or clear
            {
                Statement s(m_db,
                            "SELECT status FROM results WHERE target = ?1 AND list = ?2"
                            " AND check_id < ?3 AND status IN ('listed', 'clear')"
                            " ORDER BY check_id DESC LIMIT 1",
                            {target.target, r.list, id});
                if (s.step())
                    answered = s.text(0);
            }
            {
                Statement s(m_db,
                            "INSERT INTO results(check_id, target, kind, accounts, list, status,"
                            " answers, detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
                            {id, target.target, target.kind, jsonList(target.accounts), r.list,
                             r.status, jsonList(r.answers), r.detail});
                if (!s.run())
                    return rollback(u"cannot record a result"_s);
            }
            if (previous != r.status) {
                Statement s(m_db,
                            "INSERT INTO changes(time, target, kind, list, previous, status,"
                            " answers) VALUES(?1,?2,?3,?4,?5,?6,?7)",
                            {t, target.target, target.kind, r.list, previous, r.status,
                             jsonList(r.answers)});
                if (!s.run())
                    return rollback(u"cannot record a change"_s);
                r.since = now.toUTC();
            } else {
                Statement s(m_db, "SELECT MAX(time) FROM changes WHERE target = ?1 AND list = ?2",
                            {target.target, r.list});
                r.since = s.step() && !s.isNull(0) ? utc(s.integer(0)) : now.toUTC();
            }
            if (r.status == u"listed"_s && answered != u"listed"_s)
                fresh.append({now.toUTC(), target.target, target.kind, r.list, previous, r.status,
                              r.answers});
        }
    }
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(u"cannot commit a check"_s);
    return fresh;
}

Result<api::ReputationReport> Store::latest()
{
    api::ReputationReport report;
    qint64 id = 0;
    {
        Statement s(m_db, "SELECT id, time, checked_by FROM checks ORDER BY id DESC LIMIT 1");
        if (!s.ok())
            return failure(u"cannot read the checks"_s);
        if (!s.step())
            return report;
        id = s.integer(0);
        report.checked = utc(s.integer(1));
        report.checkedBy = s.text(2);
    }
    Statement s(m_db,
                "SELECT r.target, r.kind, r.accounts, r.list, r.status, r.answers, r.detail,"
                " (SELECT MAX(time) FROM changes c WHERE c.target = r.target AND c.list = r.list)"
                " FROM results r WHERE r.check_id = ?1 ORDER BY r.kind DESC, r.rowid",
                {id});
    if (!s.ok())
        return failure(u"cannot read the results"_s);
    while (s.step()) {
        const QString target = s.text(0);
        if (report.targets.isEmpty() || report.targets.last().target != target)
            report.targets.append({target, s.text(1), listJson(s.text(2)), {}});
        report.targets.last().results.append(
            {s.text(3), s.text(4), listJson(s.text(5)), s.text(6), utc(s.integer(7))});
    }
    return report;
}

Result<QList<api::ReputationChange>> Store::history(const QString &target, qint64 limit)
{
    Statement s(m_db,
                target.isEmpty()
                    ? "SELECT time, target, kind, list, previous, status, answers FROM changes"
                      " WHERE ?1 = '' ORDER BY time DESC, id DESC LIMIT ?2"
                    : "SELECT time, target, kind, list, previous, status, answers FROM changes"
                      " WHERE target = ?1 ORDER BY time DESC, id DESC LIMIT ?2",
                {target, limit});
    if (!s.ok())
        return failure(u"cannot read the history"_s);
    QList<api::ReputationChange> out;
    while (s.step())
        out.append({utc(s.integer(0)), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5),
                    listJson(s.text(6))});
    return out;
}

} // namespace staffetta::reputation
