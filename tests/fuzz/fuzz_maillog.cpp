// Fuzzes the mail-log parsers (core/events/parser.cpp), which read Postfix's and staffettad's
// lines byte by byte: any bytes must parse to an event or to none, never read past the line.
// Parts of a log line are the client's (addresses, HELO names, a remote server's reply), so
// the same bytes are also made into those parts of lines shaped as Postfix 3.7 writes them —
// a quoted local part holding log syntax, a reply or a reject's text holding anything — and
// what was put in must come out: the address, the status, the size, the account.
#include "events/parser.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace staffetta::events;

namespace {

const QDateTime &now()
{
    static const QDateTime at(QDate(2026, 12, 2), QTime(1, 0), Qt::LocalTime);
    return at;
}

// A log line holds no control character: Postfix's printable() writes '?' for them.
std::string printable(std::string s)
{
    for (char &c : s) {
        if (static_cast<unsigned char>(c) < ' ' || c == 0x7f)
            c = '?';
    }
    return s;
}

// Text a client writes into a log line: the fuzzer's bytes, and pieces of Postfix's own log
// syntax among them (found by chance, they would be too rare to try the parser).
std::string clientText(FuzzedDataProvider &in, size_t maxLength)
{
    static constexpr std::string_view Syntax[] = {", status=sent (",
                                                  ", status=bounced (",
                                                  ", status=expired, ",
                                                  ", relay=",
                                                  ", dsn=",
                                                  ", delay=",
                                                  ", orig_to=<",
                                                  ", size=",
                                                  ", nrcpt=",
                                                  ">, ",
                                                  ">",
                                                  "<",
                                                  "\"",
                                                  "\\",
                                                  ")",
                                                  "; from=<",
                                                  "> to=<",
                                                  " proto=ESMTP",
                                                  " helo=<",
                                                  "@",
                                                  ", sasl_method=",
                                                  ", sasl_username=",
                                                  ", sasl_sender=",
                                                  ", ",
                                                  " ("};
    std::string text;
    for (int pieces = in.ConsumeIntegralInRange(0, 8); pieces > 0 && text.size() < maxLength;
         --pieces) {
        if (in.ConsumeBool())
            text += Syntax[in.ConsumeIntegralInRange<size_t>(0, std::size(Syntax) - 1)];
        else
            text += in.ConsumeRandomLengthString(maxLength / 4);
    }
    return printable(text);
}

// RFC 5322 atext (8-bit too: SMTPUTF8).
bool atext(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           u >= 0x80 || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string::npos;
}

// The local part as Postfix's quote_822_local writes it: as is when it is a dot-atom, else
// one quoted string with " and \ escaped.
std::string quoted(const std::string &local)
{
    bool atom = !local.empty() && local.front() != '.' && local.back() != '.' &&
                local.find("..") == std::string::npos;
    for (const char c : local)
        atom = atom && (atext(c) || c == '.');
    if (atom)
        return local;
    std::string q = "\"";
    for (const char c : local) {
        if (c == '"' || c == '\\')
            q += '\\';
        q += c;
    }
    return q + '"';
}

// An address of the envelope as Postfix logs it; the domain is one Postfix accepts (letters,
// digits, dots and dashes, or an IPv4 literal), or none.
std::string address(FuzzedDataProvider &in)
{
    const std::string local = clientText(in, 64);
    switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0:
        return local.empty() ? std::string() : quoted(local); // <>, or <postmaster>
    case 1:
        return quoted(local) + "@[192.0.2." + std::to_string(in.ConsumeIntegral<uint8_t>()) + "]";
    default: {
        std::string domain = in.ConsumeRandomLengthString(24);
        static constexpr std::string_view Chars = "abcdefghijklmnopqrstuvwxyz0123456789.-";
        for (char &c : domain)
            c = Chars[static_cast<unsigned char>(c) % Chars.size()];
        return quoted(local) + '@' + (domain.empty() ? "example.com" : domain);
    }
    }
}

[[noreturn]] void mismatch(const char *what, const QByteArray &line, const QString &got,
                           const std::string &want)
{
    std::fprintf(stderr, "fuzz_maillog: %s\n  line: %s\n  got:  %s\n  want: %s\n", what,
                 line.constData(), got.toUtf8().constData(), want.c_str());
    std::abort();
}

void expect(const char *what, const QByteArray &line, const QString &got, const std::string &want)
{
    if (got != QString::fromUtf8(want.data(), qsizetype(want.size())))
        mismatch(what, line, got, want);
}

void expect(const char *what, const QByteArray &line, qint64 got, qint64 want)
{
    if (got != want)
        mismatch(what, line, QString::number(got), std::to_string(want));
}

Event parse(const std::string &text, QByteArray &line)
{
    line = QByteArray(text.data(), qsizetype(text.size()));
    return parsePostfixLine(line, now());
}

// Lines Postfix writes, built from the fuzzer's bytes, and what they must parse to.
void checkShapes(FuzzedDataProvider &in)
{
    static constexpr const char *Statuses[] = {"sent", "deferred", "bounced", "expired"};
    const std::string prefix = "Dec 02 00:18:57 relay postfix/";
    QByteArray line;

    // smtp: to=<R>[, orig_to=<O>], relay=.., delay=.., delays=.., dsn=.., status=S (REPLY)
    const std::string to = address(in);
    const std::string origTo = in.ConsumeBool() ? address(in) : std::string();
    const std::string status = Statuses[in.ConsumeIntegralInRange(0, 3)];
    const std::string reply = clientText(in, 200);
    Event e = parse(prefix + "smtp[1]: 0346C546168: to=<" + to + ">" +
                        (origTo.empty() ? "" : ", orig_to=<" + origTo + ">") +
                        ", relay=mx.example.com[192.0.2.1]:25, delay=1.5, delays=0/0/1/0.5, "
                        "dsn=4.4.1, status=" +
                        status + " (" + reply + ")",
                    line);
    expect("delivery kind", line, qint64(e.kind), qint64(Event::Kind::Delivery));
    expect("recipient", line, e.recipient, to);
    expect("orig_to", line, e.origRecipient, origTo);
    expect("relay", line, e.relay, "mx.example.com[192.0.2.1]:25");
    expect("dsn", line, e.dsn, "4.4.1");
    expect("status", line, e.status, status);
    expect("reply", line, e.reply, reply);

    // qmgr: from=<S>, size=N, nrcpt=N (queue active); from=<S>, status=expired, ...
    const std::string from = address(in);
    const auto size = in.ConsumeIntegralInRange<qint64>(0, 1'000'000'000);
    const auto nrcpt = in.ConsumeIntegralInRange<qint64>(1, 1000);
    e = parse(prefix + "qmgr[1]: 0346C546168: from=<" + from + ">, size=" + std::to_string(size) +
                  ", nrcpt=" + std::to_string(nrcpt) + " (queue active)",
              line);
    expect("from kind", line, qint64(e.kind), qint64(Event::Kind::From));
    expect("sender", line, e.sender, from);
    expect("size", line, e.size, size);
    expect("nrcpt", line, e.nrcpt, nrcpt);
    e = parse(prefix + "qmgr[1]: 0346C546168: from=<" + from +
                  ">, status=expired, returned to sender",
              line);
    expect("expired kind", line, qint64(e.kind), qint64(Event::Kind::Expired));
    expect("expired sender", line, e.sender, from);

    // smtpd and cleanup: TEXT; from=<S> to=<R> proto=ESMTP helo=<H>, the HELO name without
    // what smtpd replaces in it.
    const std::string text = clientText(in, 200);
    std::string helo = clientText(in, 32);
    for (char &c : helo) {
        if (std::string_view(" <>()\\\";:@").find(c) != std::string::npos)
            c = '?';
    }
    const std::string envelope = "; from=<" + from + "> to=<" + to + "> proto=ESMTP" +
                                 (helo.empty() ? "" : " helo=<" + helo + ">");
    e = parse(prefix +
                  "submission/smtpd[1]: NOQUEUE: reject: RCPT from h.example[192.0.2.7]: "
                  "554 5.7.1 " +
                  text + envelope,
              line);
    expect("reject kind", line, qint64(e.kind), qint64(Event::Kind::Refusal));
    expect("reject sender", line, e.sender, from);
    expect("reject recipient", line, e.recipient, to);
    expect("reject text", line, e.reply, "554 5.7.1 " + text);
    e = parse(prefix +
                  "cleanup[1]: 0346C546168: milter-reject: END-OF-MESSAGE from "
                  "h.example[192.0.2.7]: 5.7.1 " +
                  text + envelope,
              line);
    expect("milter sender", line, e.sender, from);
    expect("milter recipient", line, e.recipient, to);

    // smtpd: client=HOST[IP][, sasl_method=M, sasl_username=LOGIN][, sasl_sender=AUTH=]
    std::string login = printable(in.ConsumeRandomLengthString(32));
    for (char &c : login) {
        if (c == ',')
            c = '.';
    }
    const std::string auth = clientText(in, 64);
    const bool loggedIn = in.ConsumeBool();
    e = parse(prefix + "smtpd[1]: 0346C546168: client=h.example[192.0.2.7]" +
                  (loggedIn ? ", sasl_method=PLAIN, sasl_username=" + login : std::string()) +
                  ", sasl_sender=" + auth,
              line);
    expect("client kind", line, qint64(e.kind), qint64(Event::Kind::Client));
    expect("account", line, e.account, loggedIn ? login : std::string());
    expect("client ip", line, e.clientIp, "192.0.2.7");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // An exact-size copy, so that ASan sees a read one byte past the line.
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    const Event e = parsePostfixLine(line, now());
    if (e.kind != Event::Kind::None && e.queueId.size() > line.size())
        __builtin_trap();
    parseStaffettadLine(line);
    FuzzedDataProvider in(data, size);
    checkShapes(in);
    return 0;
}
