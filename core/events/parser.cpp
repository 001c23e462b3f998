#include "parser.h"

#include <QRegularExpression>

namespace staffetta::events {

using namespace Qt::Literals::StringLiterals;

namespace {

// The value of `key=` in a Postfix "k=v, k=v" list, up to the next ", " (or the end); a value
// in <...> is taken whole (an address may contain ", ").
QString field(const QString &body, const QString &key)
{
    const QString needle = key + u'=';
    qsizetype at = body.indexOf(needle);
    while (at > 0 && body.at(at - 1) != u' ')
        at = body.indexOf(needle, at + 1);
    if (at < 0)
        return {};
    const qsizetype start = at + needle.size();
    if (body.mid(start, 1) == u"<"_s) {
        const qsizetype end = body.indexOf(u">, "_s, start);
        const qsizetype close = end >= 0 ? end : body.indexOf(u'>', start);
        return close < 0 ? body.mid(start + 1) : body.mid(start + 1, close - start - 1);
    }
    qsizetype end = body.indexOf(u", "_s, start);
    const qsizetype space = body.indexOf(u' ', start);
    if (space >= 0 && (end < 0 || space < end))
        end = space;
    return end < 0 ? body.mid(start) : body.mid(start, end - start);
}

// "HOST[IP]" (or "HOST[IP]:PORT").
void hostAndIp(const QString &value, QString &host, QString &ip)
{
    const qsizetype open = value.indexOf(u'[');
    const qsizetype close = value.indexOf(u']', open);
    if (open < 0 || close < 0) {
        host = value;
        return;
    }
    host = value.left(open);
    ip = value.mid(open + 1, close - open - 1);
}

qint64 syslogTime(const QString &stamp, const QDateTime &now)
{
    // "Dec  1 20:43:59" or "Dec 01 20:43:59"; months are English whatever the locale.
    static const QStringList months{u"Jan"_s, u"Feb"_s, u"Mar"_s, u"Apr"_s, u"May"_s, u"Jun"_s,
                                    u"Jul"_s, u"Aug"_s, u"Sep"_s, u"Oct"_s, u"Nov"_s, u"Dec"_s};
    const int month = int(months.indexOf(stamp.left(3))) + 1;
    const auto digits = [&](qsizetype at) {
        const QChar a = stamp.at(at), b = stamp.at(at + 1);
        return (a == u' ' ? 0 : a.digitValue()) * 10 + b.digitValue();
    };
    const int day = digits(4), hour = digits(7), minute = digits(10), second = digits(13);
    const QTime time(hour, minute, second);
    if (month < 1 || !time.isValid())
        return QDateTime(QDate(), QTime(), Qt::LocalTime).toSecsSinceEpoch();
    const QDateTime local = now.timeSpec() == Qt::LocalTime ? now : now.toLocalTime();
    // The year of `now`, the one before when that would be more than a day ahead of it
    // (compared as local date and time: no time zone lookup).
    int year = local.date().year();
    const QDate tomorrow = local.date().addDays(1);
    const QDate date(year, month, day);
    if (date > tomorrow || (date == tomorrow && time > local.time()))
        --year;
    // Every local-time conversion looks the time zone up (glibc stats /etc/localtime each
    // time): once per hour of the log, then the minutes and seconds are added.
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

// "... ; from=<s> to=<r> proto=..." at the end of a reject line.
void envelopeOfReject(const QString &body, Event &e)
{
    const qsizetype semi = body.lastIndexOf(u"; from=<"_s);
    if (semi < 0)
        return;
    const QString tail = body.mid(semi + 2);
    e.sender = field(tail, u"from"_s);
    e.recipient = field(tail, u"to"_s);
    e.reply = body.left(semi);
}

} // namespace

Event parsePostfixLine(const QByteArray &bytes, const QDateTime &now)
{
    // Mmm dd hh:mm:ss HOST postfix[/SERVICE]/PROGRAM[PID]: TEXT
    static const QRegularExpression header(
        u"^([A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d) \\S+ [^ \\[]*/([a-z]+)\\[\\d+\\]: (.*)$"_s);
    static const QRegularExpression queueId(u"^([0-9A-Za-z]{6,20}): (.*)$"_s);
    Event e;
    const QString line = QString::fromUtf8(bytes).trimmed();
    const auto m = header.match(line);
    if (!m.hasMatch())
        return e;
    const QString program = m.captured(2);
    QString body = m.captured(3);
    const qint64 time = syslogTime(m.captured(1), now);

    if (program == u"smtpd"_s && body.startsWith(u"NOQUEUE: reject: "_s)) {
        e.kind = Event::Kind::Refusal;
        e.time = time;
        e.source = u"postfix"_s;
        body = body.mid(17);
        e.reason = body.section(u' ', 0, 0).toLower(); // RCPT, MAIL, DATA, ...
        QString host;
        hostAndIp(body.section(u' ', 2, 2).chopped(1), host, e.clientIp);
        envelopeOfReject(body.section(u": "_s, 1), e);
        e.dsn = e.reply.section(u' ', 1, 1);
        return e;
    }
    const auto q = queueId.match(body);
    if (!q.hasMatch())
        return e;
    e.time = time;
    e.queueId = q.captured(1);
    body = q.captured(2);

    if (program == u"smtpd"_s && body.startsWith(u"client="_s)) {
        e.kind = Event::Kind::Client;
        hostAndIp(field(body, u"client"_s), e.clientHost, e.clientIp);
        e.account = field(body, u"sasl_username"_s);
    } else if (program == u"cleanup"_s && body.startsWith(u"message-id="_s)) {
        e.kind = Event::Kind::MessageId;
        e.messageId = body.mid(11).trimmed();
        if (e.messageId.startsWith(u'<') && e.messageId.endsWith(u'>'))
            e.messageId = e.messageId.mid(1, e.messageId.size() - 2);
    } else if (program == u"cleanup"_s && body.startsWith(u"milter-reject: "_s)) {
        e.kind = Event::Kind::Refusal;
        e.source = u"postfix"_s;
        e.reason = u"milter"_s;
        hostAndIp(body.section(u": "_s, 1, 1).section(u" from "_s, 1), e.clientHost, e.clientIp);
        const QString text = body.section(u": "_s, 2);
        envelopeOfReject(text, e);
        e.dsn = e.reply.section(u' ', 0, 0);
    } else if (program == u"qmgr"_s && body == u"removed"_s) {
        e.kind = Event::Kind::Removed;
    } else if (program == u"qmgr"_s && body.startsWith(u"from=<"_s)) {
        e.sender = field(body, u"from"_s);
        if (field(body, u"status"_s) == u"expired"_s) {
            e.kind = Event::Kind::Expired;
            e.status = u"expired"_s;
            e.reply = body.section(u"status=expired, "_s, 1);
        } else {
            e.kind = Event::Kind::From;
            e.size = field(body, u"size"_s).toLongLong();
            e.nrcpt = field(body, u"nrcpt"_s).toLongLong();
        }
    } else if (body.startsWith(u"to=<"_s) && body.contains(u", status="_s)) {
        e.kind = Event::Kind::Delivery;
        e.transport = program;
        e.recipient = field(body, u"to"_s);
        e.origRecipient = field(body, u"orig_to"_s);
        e.relay = field(body, u"relay"_s);
        e.delay = field(body, u"delay"_s).toDouble();
        e.dsn = field(body, u"dsn"_s);
        const qsizetype at = body.indexOf(u", status="_s);
        const QString rest = body.mid(at + 9);
        e.status = rest.section(u' ', 0, 0);
        const qsizetype open = rest.indexOf(u" ("_s);
        if (open >= 0 && rest.endsWith(u')'))
            e.reply = rest.mid(open + 2, rest.size() - open - 3);
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
    const auto stamp = [](const QString &s) {
        return QDateTime::fromString(s, u"yyyy-MM-dd HH:mm:ss"_s).toSecsSinceEpoch();
    };
    if (const auto m = unauthorized.match(line); m.hasMatch()) {
        e.kind = Event::Kind::Refusal;
        e.time = stamp(m.captured(1));
        e.reason = u"unauthorized_sender"_s;
        e.sender = m.captured(2);
        e.account = m.captured(3);
        e.clientIp = m.captured(4);
    } else if (const auto o = other.match(line); o.hasMatch()) {
        e.kind = Event::Kind::Refusal;
        e.time = stamp(o.captured(1));
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
