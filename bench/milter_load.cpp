// Load generator for milters: the MTA side of the Sendmail milter protocol (version 6), as
// Postfix's smtpd speaks it. CONNECTIONS connections at once (2 unless -c), each replaying whole
// SMTP transactions from message files: OPTNEG, CONNECT, HELO, then per message MAIL (with
// {auth_authen} = ACCOUNT), RCPT, DATA, the headers, EOH, the body in chunks of 65535 bytes
// (MILTER_CHUNK_SIZE, Postfix's size), EOB, then ABORT (Postfix ends every transaction so) and the
// next message; QUIT at the end. Each message's verdict must be the one its file expects (reject:
// SMFIR_REJECT or a 5xx SMFIR_REPLYCODE; accept: SMFIR_ACCEPT or SMFIR_CONTINUE at EOB); any other
// verdict, a broken connection or a protocol error stops the run with a message on stderr and exit
// status 1. Bounded: exactly MESSAGES messages in all, and a deadline. Prints one JSON line.
//   milter_load [-c CONNECTIONS] SOCKET MESSAGES ACCOUNT FILE:accept|reject ...
//   (SOCKET: unix:PATH or inet:PORT@HOST, the milter's own notation; message i is file i % N)
// Hand-written: Debian has libraries for the milter side (libmilter, pymilter) but none for the
// MTA side, the client. Only the protocol's constants come from libmilter's headers. Plain
// POSIX sockets and threads: nothing of Staffetta's own is measured here.
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <libmilter/mfapi.h> // SMFIF_*, and <mfdef.h>: SMFIC_*, SMFIR_*, SMFIP_*
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Message
{
    std::string file;
    bool expectReject = false;
    std::vector<std::pair<std::string, std::string>> headers; // name, value (folds joined by LF)
    std::string body;                                         // CRLF line ends, as Postfix sends it
    size_t size = 0;                                          // on the wire, for MAIL SIZE=
};

// Reads an RFC 5322 file (LF or CRLF) into headers and a CRLF body.
std::optional<Message> loadMessage(const std::string &spec)
{
    const auto colon = spec.rfind(':');
    if (colon == std::string::npos)
        return std::nullopt;
    Message m;
    m.file = spec.substr(0, colon);
    const std::string verdict = spec.substr(colon + 1);
    if (verdict != "accept" && verdict != "reject")
        return std::nullopt;
    m.expectReject = verdict == "reject";
    std::ifstream in(m.file, std::ios::binary);
    if (!in)
        return std::nullopt;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t pos = 0;
    bool inHeaders = true;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        const bool lastLine = end == std::string::npos;
        if (lastLine)
            end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (inHeaders) {
            if (line.empty()) {
                inHeaders = false;
            } else if ((line[0] == ' ' || line[0] == '\t') && !m.headers.empty()) {
                m.headers.back().second += "\n" + line;
            } else {
                const auto c = line.find(':');
                if (c == std::string::npos)
                    return std::nullopt;
                std::string value = line.substr(c + 1);
                if (!value.empty() && value[0] == ' ')
                    value.erase(0, 1); // Postfix drops the space after the colon (no HDR_LEADSPC)
                m.headers.emplace_back(line.substr(0, c), value);
            }
            continue;
        }
        m.body += line;
        if (!lastLine)
            m.body += "\r\n";
    }
    m.size = m.body.size();
    for (const auto &[name, value] : m.headers)
        m.size += name.size() + value.size() + 4;
    return m;
}

std::optional<int> connectTo(const std::string &spec)
{
    if (spec.rfind("unix:", 0) == 0 || spec.rfind("local:", 0) == 0) {
        const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, spec.c_str() + spec.find(':') + 1, sizeof addr.sun_path - 1);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            close(fd);
            return std::nullopt;
        }
        return fd;
    }
    if (spec.rfind("inet:", 0) == 0) {
        const auto at = spec.find('@');
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(uint16_t(atoi(spec.c_str() + 5)));
        inet_pton(AF_INET, at == std::string::npos ? "127.0.0.1" : spec.c_str() + at + 1,
                  &addr.sin_addr);
        if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            close(fd);
            return std::nullopt;
        }
        return fd;
    }
    return std::nullopt;
}

// The protocol's failures: what went wrong, for the loud stop.
struct ProtocolError
{
    std::string what;
};

class Connection
{
public:
    explicit Connection(int fd)
        : m_fd(fd)
    {}
    ~Connection() { close(m_fd); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // One packet: 4-byte length (command byte included), the command, the data.
    void send(char cmd, const std::string &data = {}) { sendRaw(cmd, data.data(), data.size()); }
    void sendRaw(char cmd, const char *data, size_t size)
    {
        unsigned char head[5];
        const uint32_t len = htonl(uint32_t(size + 1));
        std::memcpy(head, &len, 4);
        head[4] = uint8_t(cmd);
        iovec iov[2] = {{head, 5}, {const_cast<char *>(data), size}};
        size_t left = 5 + size;
        int first = 0;
        while (left > 0) {
            const ssize_t n = writev(m_fd, iov + first, 2 - first);
            if (n <= 0)
                throw ProtocolError{"write to the milter failed: " + std::string(strerror(errno))};
            left -= size_t(n);
            size_t done = size_t(n);
            while (first < 2 && done >= iov[first].iov_len) {
                done -= iov[first].iov_len;
                ++first;
            }
            if (first < 2) {
                iov[first].iov_base = static_cast<char *>(iov[first].iov_base) + done;
                iov[first].iov_len -= done;
            }
        }
    }
    // One reply packet: its command and its data.
    std::pair<char, std::string> receive()
    {
        unsigned char head[5];
        readExactly(reinterpret_cast<char *>(head), 5);
        uint32_t len;
        std::memcpy(&len, head, 4);
        len = ntohl(len);
        if (len < 1 || len > 1024 * 1024)
            throw ProtocolError{"the milter sent a packet of length " + std::to_string(len)};
        std::string data(len - 1, '\0');
        readExactly(data.data(), data.size());
        return {char(head[4]), std::move(data)};
    }

private:
    void readExactly(char *to, size_t n)
    {
        while (n > 0) {
            const ssize_t r = read(m_fd, to, n);
            if (r <= 0)
                throw ProtocolError{r == 0 ? "the milter closed the connection"
                                           : "read from the milter failed: " +
                                                 std::string(strerror(errno))};
            to += r;
            n -= size_t(r);
        }
    }
    int m_fd;
};

std::string cstrings(std::initializer_list<std::string> parts)
{
    std::string out;
    for (const auto &p : parts) {
        out += p;
        out += '\0';
    }
    return out;
}

uint32_t be32(const std::string &data, size_t at)
{
    uint32_t v;
    std::memcpy(&v, data.data() + at, 4);
    return ntohl(v);
}

enum class Verdict { Continue, Accept, Reject, Tempfail, Discard, Skip };

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Continue:
        return "continue";
    case Verdict::Accept:
        return "accept";
    case Verdict::Reject:
        return "reject";
    case Verdict::Tempfail:
        return "tempfail";
    case Verdict::Discard:
        return "discard";
    case Verdict::Skip:
        return "skip";
    }
    return "?";
}

// One milter session, with what the milter negotiated.
class Session
{
public:
    Session(Connection &c, const std::string &account)
        : m_c(c)
        , m_account(account)
    {}

    void open()
    {
        // Offer every action and every protocol step Postfix 3.7 offers (no larger chunks).
        const uint32_t actions = SMFIF_ADDHDRS | SMFIF_CHGBODY | SMFIF_ADDRCPT | SMFIF_DELRCPT |
                                 SMFIF_CHGHDRS | SMFIF_QUARANTINE | SMFIF_CHGFROM |
                                 SMFIF_ADDRCPT_PAR | SMFIF_SETSYMLIST;
        const uint32_t steps = SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOMAIL | SMFIP_NORCPT |
                               SMFIP_NOBODY | SMFIP_NOHDRS | SMFIP_NOEOH | SMFIP_NR_HDR |
                               SMFIP_NOUNKNOWN | SMFIP_NODATA | SMFIP_SKIP | SMFIP_RCPT_REJ |
                               SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL | SMFIP_NR_RCPT |
                               SMFIP_NR_DATA | SMFIP_NR_UNKN | SMFIP_NR_EOH | SMFIP_NR_BODY |
                               SMFIP_HDR_LEADSPC;
        std::string opt(12, '\0');
        const uint32_t v[3] = {htonl(6), htonl(actions), htonl(steps)};
        std::memcpy(opt.data(), v, 12);
        m_c.send(SMFIC_OPTNEG, opt);
        auto [cmd, data] = m_c.receive();
        if (cmd != SMFIC_OPTNEG || data.size() < 12)
            throw ProtocolError{std::string("option negotiation: the milter answered '") + cmd +
                                "'"};
        if (be32(data, 0) < 2)
            throw ProtocolError{"the milter speaks protocol version " +
                                std::to_string(be32(data, 0))};
        m_steps = be32(data, 8);
        if (m_steps & ~steps)
            throw ProtocolError{"the milter asked for protocol steps not offered"};
        m_leadingSpace = (m_steps & SMFIP_HDR_LEADSPC) != 0;

        macros(SMFIC_CONNECT, {{"j", "relay.bench.test"},
                               {"{daemon_name}", "submission"},
                               {"{daemon_addr}", "127.0.0.1"},
                               {"v", "Postfix 3.7.11"},
                               {"_", "client.bench.test [127.0.0.1]"}});
        std::string connect = cstrings({"client.bench.test"});
        connect += '4';
        const uint16_t port = htons(40000);
        connect.append(reinterpret_cast<const char *>(&port), 2);
        connect += cstrings({"127.0.0.1"});
        if (const auto v1 = step(SMFIC_CONNECT, connect, SMFIP_NOCONNECT, SMFIP_NR_CONN);
            v1 != Verdict::Continue && v1 != Verdict::Accept)
            throw ProtocolError{std::string("the milter refused the connection: ") +
                                verdictName(v1)};
        step(SMFIC_HELO, cstrings({"client.bench.test"}), SMFIP_NOHELO, SMFIP_NR_HELO);
    }

    // One transaction; returns the verdict for the message (and its reply text, if any).
    Verdict message(const Message &m, long serial)
    {
        m_reply.clear();
        // Unique across runs too (a milter may key its state on it): the run's pid, the serial.
        char queueId[24];
        snprintf(queueId, sizeof queueId, "%05X%07lX", unsigned(getpid()) & 0xfffff,
                 serial & 0xfffffff);
        macros(SMFIC_MAIL, {{"{auth_type}", "PLAIN"},
                            {"{auth_authen}", m_account},
                            {"{mail_addr}", m_account + "@lab.test"},
                            {"{mail_host}", "lab.test"},
                            {"{mail_mailer}", "smtp"}});
        Verdict v =
            step(SMFIC_MAIL,
                 cstrings({"<" + m_account + "@lab.test>", "SIZE=" + std::to_string(m.size)}),
                 SMFIP_NOMAIL, SMFIP_NR_MAIL);
        if (v != Verdict::Continue)
            return finish(v);
        const std::string rcpt = "r" + std::to_string(serial % 1000) + "@blackhole.example";
        macros(SMFIC_RCPT, {{"i", queueId},
                            {"{rcpt_addr}", rcpt},
                            {"{rcpt_host}", "127.0.0.1"},
                            {"{rcpt_mailer}", "smtp"}});
        v = step(SMFIC_RCPT, cstrings({"<" + rcpt + ">"}), SMFIP_NORCPT, SMFIP_NR_RCPT);
        if (v != Verdict::Continue)
            return finish(v);
        macros(SMFIC_DATA, {{"i", queueId}});
        v = step(SMFIC_DATA, {}, SMFIP_NODATA, SMFIP_NR_DATA);
        if (v != Verdict::Continue)
            return finish(v);
        if (!(m_steps & SMFIP_NOHDRS)) {
            for (const auto &[name, value] : m.headers) {
                v = step(SMFIC_HEADER, cstrings({name, m_leadingSpace ? " " + value : value}),
                         SMFIP_NOHDRS, SMFIP_NR_HDR);
                if (v != Verdict::Continue)
                    return finish(v);
            }
        }
        macros(SMFIC_EOH, {{"i", queueId}});
        v = step(SMFIC_EOH, {}, SMFIP_NOEOH, SMFIP_NR_EOH);
        if (v != Verdict::Continue)
            return finish(v);
        if (!(m_steps & SMFIP_NOBODY)) {
            for (size_t at = 0; at < m.body.size(); at += MILTER_CHUNK_SIZE) {
                const size_t n = std::min<size_t>(MILTER_CHUNK_SIZE, m.body.size() - at);
                m_c.sendRaw(SMFIC_BODY, m.body.data() + at, n);
                if (m_steps & SMFIP_NR_BODY)
                    continue;
                v = reply(SMFIC_BODY);
                if (v == Verdict::Skip)
                    break;
                if (v != Verdict::Continue)
                    return finish(v);
            }
        }
        macros(SMFIC_BODYEOB, {{"i", queueId}});
        m_c.send(SMFIC_BODYEOB);
        return finish(reply(SMFIC_BODYEOB));
    }

    void quit() { m_c.send(SMFIC_QUIT); }
    const std::string &replyText() const { return m_reply; }

private:
    // Postfix ends every transaction with ABORT, whatever its outcome.
    Verdict finish(Verdict v)
    {
        m_c.send(SMFIC_ABORT);
        return v;
    }
    void macros(char stage, std::initializer_list<std::pair<std::string, std::string>> list)
    {
        std::string data(1, stage);
        for (const auto &[name, value] : list)
            data += cstrings({name, value});
        m_c.send(SMFIC_MACRO, data);
    }
    Verdict step(char cmd, const std::string &data, uint32_t notSent, uint32_t noReply)
    {
        if (m_steps & notSent)
            return Verdict::Continue;
        m_c.send(cmd, data);
        return (m_steps & noReply) ? Verdict::Continue : reply(cmd);
    }
    // Reads until a verdict; at EOB the milter may first send its modifications.
    Verdict reply(char cmd)
    {
        for (;;) {
            auto [r, data] = m_c.receive();
            switch (r) {
            case SMFIR_CONTINUE:
                return Verdict::Continue;
            case SMFIR_ACCEPT:
                return Verdict::Accept;
            case SMFIR_REJECT:
                return Verdict::Reject;
            case SMFIR_TEMPFAIL:
                return Verdict::Tempfail;
            case SMFIR_DISCARD:
                return Verdict::Discard;
            case SMFIR_SKIP:
                if (cmd != SMFIC_BODY)
                    throw ProtocolError{"SMFIR_SKIP outside the body"};
                return Verdict::Skip;
            case SMFIR_REPLYCODE:
                m_reply.assign(data.c_str());
                return m_reply.rfind('5', 0) == 0 ? Verdict::Reject : Verdict::Tempfail;
            case SMFIR_PROGRESS:
                continue;
            case SMFIR_ADDHEADER:
            case SMFIR_INSHEADER:
            case SMFIR_CHGHEADER:
            case SMFIR_ADDRCPT:
            case SMFIR_ADDRCPT_PAR:
            case SMFIR_DELRCPT:
            case SMFIR_REPLBODY:
            case SMFIR_CHGFROM:
            case SMFIR_QUARANTINE:
                if (cmd != SMFIC_BODYEOB)
                    throw ProtocolError{std::string("modification '") + r +
                                        "' before the end of the message"};
                continue;
            default:
                throw ProtocolError{std::string("unexpected reply '") + r + "' to '" + cmd + "'"};
            }
        }
    }

    Connection &m_c;
    std::string m_account;
    uint32_t m_steps = 0;
    bool m_leadingSpace = false;
    std::string m_reply;
};

struct Latencies
{
    std::vector<double> accept, reject;
    double bytes = 0;
};

double pct(std::vector<double> &v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace

int main(int argc, char **argv)
{
    int connections = 2;
    int arg = 1;
    if (argc > 2 && std::strcmp(argv[1], "-c") == 0) {
        connections = std::max(1, atoi(argv[2]));
        arg = 3;
    }
    if (argc - arg < 4) {
        fprintf(stderr, "usage: milter_load [-c CONNECTIONS] SOCKET MESSAGES ACCOUNT "
                        "FILE:accept|reject ...\n");
        return 2;
    }
    const std::string socketSpec = argv[arg];
    const long total = std::max(1L, atol(argv[arg + 1]));
    const std::string account = argv[arg + 2];
    std::vector<Message> messages;
    for (int i = arg + 3; i < argc; ++i) {
        auto m = loadMessage(argv[i]);
        if (!m) {
            fprintf(stderr, "milter_load: cannot read %s (FILE:accept|reject, an RFC 5322 file)\n",
                    argv[i]);
            return 2;
        }
        messages.push_back(std::move(*m));
    }
    const auto deadline = Clock::now() + std::chrono::seconds(600);

    std::vector<Latencies> latencies(static_cast<size_t>(connections));
    std::atomic<long> next{0};
    std::atomic<long> failures{0};
    std::mutex lock; // the first failure's report and the first refusal's text
    std::string firstFailure, rejectReply;
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            auto fail = [&](const std::string &why) {
                ++failures;
                std::lock_guard g(lock);
                if (firstFailure.empty())
                    firstFailure = why;
            };
            const auto fd = connectTo(socketSpec);
            if (!fd) {
                fail("cannot connect to " + socketSpec + ": " + strerror(errno));
                return;
            }
            Connection conn(*fd);
            Session s(conn, account);
            long i = -1;
            try {
                s.open();
                for (i = next++; i < total && Clock::now() < deadline && failures == 0;
                     i = next++) {
                    const Message &m = messages[size_t(i) % messages.size()];
                    const auto t0 = Clock::now();
                    const Verdict v = s.message(m, i);
                    const double us =
                        std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
                    const bool rejected = v == Verdict::Reject;
                    const bool accepted = v == Verdict::Accept || v == Verdict::Continue;
                    if (m.expectReject ? !rejected : !accepted) {
                        fail("message " + std::to_string(i) + " (" + m.file + "): expected " +
                             (m.expectReject ? "reject" : "accept") + ", the milter said " +
                             verdictName(v) +
                             (s.replyText().empty() ? "" : " \"" + s.replyText() + "\""));
                        break;
                    }
                    if (rejected && !s.replyText().empty()) {
                        std::lock_guard g(lock);
                        if (rejectReply.empty())
                            rejectReply = s.replyText();
                    }
                    latencies[size_t(c)].bytes += double(m.size);
                    (rejected ? latencies[size_t(c)].reject : latencies[size_t(c)].accept)
                        .push_back(us);
                }
                s.quit();
            } catch (const ProtocolError &e) {
                fail((i >= 0 ? "message " + std::to_string(i) + ": " : std::string()) + e.what);
            }
        });
    }
    for (auto &t : threads)
        t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> accept, reject, all;
    double bytes = 0;
    for (const auto &l : latencies) {
        bytes += l.bytes;
        accept.insert(accept.end(), l.accept.begin(), l.accept.end());
        reject.insert(reject.end(), l.reject.begin(), l.reject.end());
    }
    all = accept;
    all.insert(all.end(), reject.begin(), reject.end());
    std::string escaped;
    for (const char ch : rejectReply) {
        if (ch == '"' || ch == '\\')
            escaped += '\\';
        if (ch == '\r' || ch == '\n')
            escaped += ' ';
        else if (uint8_t(ch) >= 0x20)
            escaped += ch;
    }
    const size_t nAccept = accept.size(), nReject = reject.size();
    printf("{\"connections\": %d, \"messages\": %zu, \"failures\": %ld, \"seconds\": %.3f, "
           "\"mps\": %.1f, \"mbps\": %.1f, \"p50_us\": %.0f, \"p99_us\": %.0f, "
           "\"accept\": {\"count\": %zu, \"p50_us\": %.0f, \"p99_us\": %.0f}, "
           "\"reject\": {\"count\": %zu, \"p50_us\": %.0f, \"p99_us\": %.0f}, "
           "\"reject_reply\": \"%s\"}\n",
           connections, all.size(), failures.load(), seconds, double(all.size()) / seconds,
           bytes / seconds / 1e6, pct(all, 0.50), pct(all, 0.99), nAccept, pct(accept, 0.50),
           pct(accept, 0.99), nReject, pct(reject, 0.50), pct(reject, 0.99), escaped.c_str());
    if (failures.load() != 0) {
        fprintf(stderr, "milter_load: FAILED (%ld): %s\n", failures.load(), firstFailure.c_str());
        return 1;
    }
    return 0;
}
