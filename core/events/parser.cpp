#include "parser.h"

#include <QRegularExpression>

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

// The value of `key=` in a Postfix "k=v, k=v" list, up to the next ", " (or the end); a value
// in <...> is taken whole (an address may contain ", ").
View field(View body, View key)
{
    size_t at = 0;
    for (;;) {
        at = body.find(key, at);
        if (at == View::npos)
            return {};
        const size_t eq = at + key.size();
        if (eq < body.size() && body[eq] == '=' && (at == 0 || body[at - 1] == ' '))
            break;
        at += 1;
    }
    const size_t start = at + key.size() + 1;
    if (start < body.size() && body[start] == '<') {
        const size_t end = body.find(">, ", start);
        const size_t close = end != View::npos ? end : body.find('>', start);
        return close == View::npos ? body.substr(start + 1)
                                   : body.substr(start + 1, close - start - 1);
    }
    size_t end = body.find(", ", start);
    const size_t space = body.find(' ', start);
    if (space != View::npos && (end == View::npos || space < end))
        end = space;
    return after(body, start).substr(0, end == View::npos ? View::npos : end - start);
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

// "... ; from=<s> to=<r> proto=..." at the end of a reject line.
void envelopeOfReject(View body, Event &e)
{
    const size_t semi = body.rfind("; from=<");
    if (semi == View::npos)
        return;
    const View tail = body.substr(semi + 2);
    e.sender = str(field(tail, "from"));
    e.recipient = str(field(tail, "to"));
    e.reply = str(body.substr(0, semi));
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
        e.kind = Event::Kind::Client;
        hostAndIp(field(body, "client"), e.clientHost, e.clientIp);
        e.account = str(field(body, "sasl_username"));
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
        e.sender = str(field(body, "from"));
        if (field(body, "status") == "expired") {
            e.kind = Event::Kind::Expired;
            e.status = u"expired"_s;
            e.reply = str(rest(body, "status=expired, "));
        } else {
            e.kind = Event::Kind::From;
            e.size = number(field(body, "size"));
            e.nrcpt = number(field(body, "nrcpt"));
        }
    } else if (starts("to=<") && body.find(", status=") != View::npos) {
        e.kind = Event::Kind::Delivery;
        e.transport = str(program);
        e.recipient = str(field(body, "to"));
        e.origRecipient = str(field(body, "orig_to"));
        e.relay = str(field(body, "relay"));
        e.delay = str(field(body, "delay")).toDouble();
        e.dsn = str(field(body, "dsn"));
        const View status = rest(body, ", status=");
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
