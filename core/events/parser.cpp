#include "parser.h"

#include <QRegularExpression>

#include <algorithm>
#include <string_view>

namespace staffetta::events {

using namespace Qt::Literals::StringLiterals;

namespace {

// Postfix's lines are read as bytes and only the fields kept become QStrings: a mail log is
// millions of lines, and converting each whole line to UTF-16 and matching it with a regular
// expression was most of the ingest (measured with `bench/run events`). The shapes are
// Postfix's own, fixed since 2.x; what does not fit one is a line the index does not keep.
using View = std::string_view;

QString str(View v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

View after(View s, size_t at)
{
    return at >= s.size() ? View() : s.substr(at);
}

// The `n`th word of `s` (0-based, split at single spaces as QString::section does).
View word(View s, int n)
{
    size_t start = 0;
    for (int i = 0; i < n; ++i) {
        const size_t space = s.find(' ', start);
        if (space == View::npos)
            return {};
        start = space + 1;
    }
    const size_t end = s.find(' ', start);
    return s.substr(start, end == View::npos ? View::npos : end - start);
}

// What follows the first `sep` in `s` (empty when there is none).
View rest(View s, View sep)
{
    const size_t at = s.find(sep);
    return at == View::npos ? View() : s.substr(at + sep.size());
}

// An address as Postfix logs it between < and > (info_log_address_format = external, the
// default since Postfix 3.5): a local part that is not a dot-atom is written as one quoted
// string, with " and \ escaped by a backslash, and that string may hold anything else the
// client put there: <, >, ", ", "status=", a whole log line. The domain follows the last '@'.
// `s` starts after the '<'; the result is the offset of the '>' that ends the address, npos
// when the line ends first.
size_t addressEnd(View s)
{
    size_t at = 0;
    if (!s.empty() && s.front() == '"') {
        for (at = 1; at < s.size() && s[at] != '"'; ++at) {
            if (s[at] == '\\')
                ++at;
        }
    }
    return at >= s.size() ? View::npos : s.find('>', at);
}

// The address at the start of `s` (just after its '<'), and `s` moved past its '>'.
View takeAddress(View &s)
{
    const size_t end = addressEnd(s);
    const View address = s.substr(0, end);
    s = end == View::npos ? View() : s.substr(end + 1);
    return address;
}

// A byte of a domain, or of a local part that is not quoted, as addressEnd's addresses have
// them: no space, no control, none of < > @ ".
bool plain(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > ' ' && u != 0x7f && c != '<' && c != '>' && c != '@' && c != '"';
}

// addressEnd read backwards, for lines where the address is not the first thing: where the
// address that ends at `close` (its '>') starts, just after its '<'; npos when it is not one.
// A quoted local part's opening quote is the nearest '"' before its closing one that is not
// escaped (preceded by an even number of backslashes): every other '"' in it is.
size_t addressStart(View s, size_t close)
{
    size_t at = close;
    while (at > 0 && plain(s[at - 1]))
        --at;
    if (at > 0 && s[at - 1] == '<')
        return at; // <>, or an address without a domain (<postmaster>)
    if (at > 0 && s[at - 1] == '@')
        --at;
    else if (at != close)
        return View::npos;
    if (at > 0 && s[at - 1] == '"') {
        size_t quote = at - 1;
        for (;;) {
            quote = quote == 0 ? View::npos : s.rfind('"', quote - 1);
            if (quote == View::npos)
                return View::npos;
            size_t backslashes = 0;
            while (backslashes < quote && s[quote - 1 - backslashes] == '\\')
                ++backslashes;
            if (backslashes % 2 == 0)
                break;
        }
        at = quote;
    } else {
        while (at > 0 && plain(s[at - 1]))
            --at;
    }
    return at > 0 && s[at - 1] == '<' ? at : View::npos;
}

// The next ", key=value" of the fields Postfix writes after an address, read in its order, so
// that nothing inside an address or after status= is taken for a field. The value ends at
// the next space (", " or " (queue active)"); `tail` is the line from the value on (status=
// takes it all: the remote reply). False when `s` holds no more fields.
bool nextField(View &s, View &key, View &value, View &tail)
{
    if (s.size() < 2 || s[0] != ',' || s[1] != ' ')
        return false;
    const size_t eq = s.find('=', 2);
    if (eq == View::npos)
        return false;
    key = s.substr(2, eq - 2);
    tail = s.substr(eq + 1);
    const size_t space = tail.find(' ');
    const size_t end =
        space != View::npos && space > 0 && tail[space - 1] == ',' ? space - 1 : space;
    value = tail.substr(0, end);
    s = end == View::npos ? View() : tail.substr(end);
    return true;
}

// "HOST[IP]" (or "HOST[IP]:PORT").
void hostAndIp(View value, QString &host, QString &ip)
{
    const size_t open = value.find('[');
    const size_t close = open == View::npos ? View::npos : value.find(']', open);
    if (close == View::npos) {
        host = str(value);
        return;
    }
    host = str(value.substr(0, open));
    ip = str(value.substr(open + 1, close - open - 1));
}

qint64 number(View v)
{
    qint64 n = 0;
    for (const char c : v) {
        if (c < '0' || c > '9')
            return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

bool digit(char c)
{
    return c >= '0' && c <= '9';
}

// "Mmm dd hh:mm:ss" (the day space- or zero-padded); false when `s` is not one.
bool syslogStamp(View s, int &month, int &day, int &hour, int &minute, int &second)
{
    static constexpr View Months = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (s.size() < 15 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':' ||
        !(s[4] == ' ' || digit(s[4])) || !digit(s[5]))
        return false;
    for (const int at : {7, 8, 10, 11, 13, 14})
        if (!digit(s[size_t(at)]))
            return false;
    const size_t m = Months.find(s.substr(0, 3));
    if (m == View::npos || m % 3 != 0)
        return false;
    const auto two = [&](size_t at) {
        return (s[at] == ' ' ? 0 : s[at] - '0') * 10 + (s[at + 1] - '0');
    };
    month = int(m / 3) + 1;
    day = two(4);
    hour = two(7);
    minute = two(10);
    second = two(13);
    return true;
}

// Local time to seconds since the epoch. Every local-time conversion looks the time zone up
// (glibc stats /etc/localtime each time): once per hour of the log, then the minutes and
// seconds are added.
qint64 localSeconds(int year, int month, int day, int hour, int minute, int second)
{
    struct Hour
    {
        int year = 0, month = 0, day = 0, hour = -1;
        qint64 start = 0;
    };
    thread_local Hour cached;
    if (cached.year != year || cached.month != month || cached.day != day || cached.hour != hour) {
        cached = {
            year, month, day, hour,
            QDateTime(QDate(year, month, day), QTime(hour, 0), Qt::LocalTime).toSecsSinceEpoch()};
    }
    return cached.start + minute * 60 + second;
}

qint64 syslogTime(int month, int day, int hour, int minute, int second, const QDateTime &now)
{
    const QTime time(hour, minute, second);
    if (!time.isValid())
        return QDateTime(QDate(), QTime(), Qt::LocalTime).toSecsSinceEpoch();
    const QDateTime local = now.timeSpec() == Qt::LocalTime ? now : now.toLocalTime();
    // The year of `now`, the one before when that would be more than a day ahead of it
    // (compared as local date and time: no time zone lookup).
    int year = local.date().year();
    const QDate tomorrow = local.date().addDays(1);
    const QDate date(year, month, day);
    if (date > tomorrow || (date == tomorrow && time > local.time()))
        --year;
    return localSeconds(year, month, day, hour, minute, second);
}

// staffettad's "yyyy-MM-dd hh:mm:ss" (local time), matched by its line's expression already.
qint64 isoTime(const QString &s)
{
    const auto n = [&](qsizetype at, qsizetype len) {
        return QStringView(s).mid(at, len).toInt();
    };
    const QDate date(n(0, 4), n(5, 2), n(8, 2));
    const QTime time(n(11, 2), n(14, 2), n(17, 2));
    if (!date.isValid() || !time.isValid())
        return QDateTime(QDate(), QTime(), Qt::LocalTime).toSecsSinceEpoch();
    return localSeconds(date.year(), date.month(), date.day(), time.hour(), time.minute(),
                        time.second());
}

// "TEXT; from=<S> to=<R> proto=P helo=<H>" (Postfix's smtpd_check.c, log_whatsup; cleanup's
// milter-reject alike): TEXT holds the client's and remote servers' words, S and R are quoted
// as the client wrote them, so "; from=<" may be in any of the three. But smtpd replaces
// space, <, > and ; in the HELO name, and P is a word: the envelope is read from the end.
// Nothing is taken when the line does not end so.
void envelopeOfReject(View body, Event &e)
{
    View s = body;
    if (const size_t helo = s.rfind(" helo=<");
        helo != View::npos && s.back() == '>' && s.find_first_of(" <>", helo + 7) == s.size() - 1)
        s = s.substr(0, helo);
    const size_t proto = s.rfind(" proto=");
    if (proto == View::npos || s.find(' ', proto + 1) != View::npos)
        return;
    s = s.substr(0, proto);
    if (s.empty() || s.back() != '>')
        return;
    size_t open = addressStart(s, s.size() - 1);
    View recipient;
    if (open != View::npos && open >= 5 && s.substr(open - 5, 5) == " to=<") {
        recipient = s.substr(open, s.size() - 1 - open);
        s = s.substr(0, open - 5);
        if (s.empty() || s.back() != '>')
            return;
        open = addressStart(s, s.size() - 1);
    }
    if (open == View::npos || open < 8 || s.substr(open - 8, 8) != "; from=<")
        return;
    e.sender = str(s.substr(open, s.size() - 1 - open));
    e.recipient = str(recipient);
    e.reply = str(s.substr(0, open - 8));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

} // namespace

Event parsePostfixLine(const QByteArray &bytes, const QDateTime &now)
{
    // Mmm dd hh:mm:ss HOST postfix[/SERVICE]/PROGRAM[PID]: TEXT
    Event e;
    View line(bytes.constData(), size_t(bytes.size()));
    while (!line.empty() && isSpace(line.front()))
        line.remove_prefix(1);
    while (!line.empty() && isSpace(line.back()))
        line.remove_suffix(1);
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!syslogStamp(line, month, day, hour, minute, second) || line.size() < 16 || line[15] != ' ')
        return e;
    // HOST, then the syslog tag: "postfix/submission/smtpd[15768]:"
    const size_t hostEnd = line.find(' ', 16);
    if (hostEnd == View::npos || hostEnd == 16)
        return e;
    const size_t tagEnd = line.find(' ', hostEnd + 1);
    const View tag =
        line.substr(hostEnd + 1, tagEnd == View::npos ? View::npos : tagEnd - hostEnd - 1);
    const size_t bracket = tag.find('[');
    const size_t slash = bracket == View::npos ? View::npos : tag.rfind('/', bracket);
    if (slash == View::npos || slash + 1 == bracket || tag.size() < bracket + 4 ||
        tag.substr(tag.size() - 2) != "]:" || tagEnd == View::npos)
        return e;
    const View program = tag.substr(slash + 1, bracket - slash - 1);
    for (const char c : program)
        if (c < 'a' || c > 'z')
            return e;
    for (const char c : tag.substr(bracket + 1, tag.size() - bracket - 3))
        if (!digit(c))
            return e;
    View body = after(line, tagEnd + 1);
    const qint64 time = syslogTime(month, day, hour, minute, second, now);

    if (program == "smtpd" && body.substr(0, 17) == "NOQUEUE: reject: ") {
        e.kind = Event::Kind::Refusal;
        e.time = time;
        e.source = u"postfix"_s;
        body = body.substr(17);
        e.reason = str(word(body, 0)).toLower(); // RCPT, MAIL, DATA, ...
        View client = word(body, 2);
        if (!client.empty())
            client.remove_suffix(1); // the ':' after it
        QString host;
        hostAndIp(client, host, e.clientIp);
        envelopeOfReject(rest(body, ": "), e);
        e.dsn = e.reply.section(u' ', 1, 1);
        return e;
    }
    // QUEUEID: TEXT
    const size_t colon = body.find(": ");
    if (colon == View::npos || colon < 6 || colon > 20)
        return e;
    for (const char c : body.substr(0, colon))
        if (!digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return e;
    e.time = time;
    e.queueId = str(body.substr(0, colon));
    body = body.substr(colon + 2);
    const auto starts = [&](View prefix) {
        return body.substr(0, prefix.size()) == prefix;
    };

    if (program == "smtpd" && starts("client=")) {
        // client=HOST[IP], sasl_method=M, sasl_username=LOGIN, sasl_sender=S, orig_... (in
        // this order, each but client= when there is one: smtpd_sasl_proto.c). S is the AUTH=
        // of the client's MAIL FROM, its own words: the login ends where Postfix's next field
        // starts.
        e.kind = Event::Kind::Client;
        View s = body.substr(7);
        const size_t comma = s.find(", ");
        hostAndIp(s.substr(0, comma), e.clientHost, e.clientIp);
        s = comma == View::npos ? View() : s.substr(comma);
        View key, value, tail;
        if (nextField(s, key, value, tail) && key == "sasl_method" &&
            nextField(s, key, value, tail) && key == "sasl_username") {
            size_t end = tail.size();
            for (const View next :
                 {View(", sasl_sender="), View(", orig_queue_id="), View(", orig_client=")})
                end = std::min(end, tail.find(next));
            e.account = str(tail.substr(0, end));
        }
    } else if (program == "cleanup" && starts("message-id=")) {
        e.kind = Event::Kind::MessageId;
        View id = body.substr(11);
        while (!id.empty() && isSpace(id.front()))
            id.remove_prefix(1);
        if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
            id = id.substr(1, id.size() - 2);
        e.messageId = str(id);
    } else if (program == "cleanup" && starts("milter-reject: ")) {
        e.kind = Event::Kind::Refusal;
        e.source = u"postfix"_s;
        e.reason = u"milter"_s;
        // "milter-reject: END-OF-MESSAGE from HOST[IP]: TEXT"
        const View stage = rest(body, ": ");
        hostAndIp(rest(stage.substr(0, stage.find(": ")), " from "), e.clientHost, e.clientIp);
        envelopeOfReject(rest(stage, ": "), e);
        e.dsn = e.reply.section(u' ', 0, 0);
    } else if (program == "qmgr" && body == "removed") {
        e.kind = Event::Kind::Removed;
    } else if (program == "qmgr" && starts("from=<")) {
        // from=<S>, size=N, nrcpt=N (queue active) | from=<S>, status=expired, returned to sender
        View s = body.substr(6);
        e.sender = str(takeAddress(s));
        View key, value, tail;
        if (nextField(s, key, value, tail) && key == "status" && value == "expired") {
            e.kind = Event::Kind::Expired;
            e.status = u"expired"_s;
            e.reply = str(after(s, 2));
            return e;
        }
        e.kind = Event::Kind::From;
        e.size = e.nrcpt = 0;
        do {
            if (key == "size")
                e.size = number(value);
            else if (key == "nrcpt")
                e.nrcpt = number(value);
        } while (nextField(s, key, value, tail));
    } else if (starts("to=<")) {
        // to=<R>[, orig_to=<O>], relay=.., [conn_use=.., ]delay=.., delays=.., dsn=..,
        // status=S (REPLY): the reply is the remote server's, the last field.
        View s = body.substr(4);
        const View recipient = takeAddress(s);
        View orig;
        if (s.substr(0, 11) == ", orig_to=<") {
            s.remove_prefix(11);
            orig = takeAddress(s);
        }
        View key, value, status, relay, delay, dsn;
        bool hasStatus = false;
        while (!hasStatus && nextField(s, key, value, status)) {
            if (key == "relay")
                relay = value;
            else if (key == "delay")
                delay = value;
            else if (key == "dsn")
                dsn = value;
            hasStatus = key == "status";
        }
        if (!hasStatus)
            return e;
        e.kind = Event::Kind::Delivery;
        e.transport = str(program);
        e.recipient = str(recipient);
        e.origRecipient = str(orig);
        e.relay = str(relay);
        e.delay = str(delay).toDouble();
        e.dsn = str(dsn);
        e.status = str(word(status, 0));
        const size_t open = status.find(" (");
        if (open != View::npos && status.back() == ')')
            e.reply = str(status.substr(open + 2, status.size() - open - 3));
    }
    return e;
}

Event parseStaffettadLine(const QByteArray &bytes)
{
    // yyyy-MM-dd hh:mm:ss staffettad[PID]: reject: unauthorized sender <S> for account A from IP
    // yyyy-MM-dd hh:mm:ss staffettad[PID]: reject: METRIC account A sender <S> from IP: ACTION
    static const QRegularExpression unauthorized(
        u"^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) staffettad\\[\\d+\\]: reject: unauthorized "
        u"sender <([^>]*)> for account (\\S*) from (\\S+)$"_s);
    static const QRegularExpression other(
        u"^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) staffettad\\[\\d+\\]: reject: (\\S+) "
        u"account (\\S*) sender <([^>]*)> from ([^:\\s]+): (.*)$"_s);
    Event e;
    const QString line = QString::fromUtf8(bytes).trimmed();
    if (const auto m = unauthorized.match(line); m.hasMatch()) {
        e.kind = Event::Kind::Refusal;
        e.time = isoTime(m.captured(1));
        e.reason = u"unauthorized_sender"_s;
        e.sender = m.captured(2);
        e.account = m.captured(3);
        e.clientIp = m.captured(4);
    } else if (const auto o = other.match(line); o.hasMatch()) {
        e.kind = Event::Kind::Refusal;
        e.time = isoTime(o.captured(1));
        e.reason = o.captured(2);
        e.account = o.captured(3);
        e.sender = o.captured(4);
        e.clientIp = o.captured(5);
        e.reply = o.captured(6);
        e.dsn = e.reply.section(u' ', 1, 1);
    } else {
        return e;
    }
    e.source = u"staffettad"_s;
    return e;
}

} // namespace staffetta::events
