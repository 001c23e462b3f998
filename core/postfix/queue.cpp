#include "queue.h"

#include "api/info.h"

#include <QRegularExpression>

namespace staffetta::postfix {

using namespace Qt::Literals::StringLiterals;

namespace {

// * and ? make it a wildcard pattern over the whole address; otherwise a substring.
QRegularExpression addressMatcher(const QString &text)
{
    if (text.contains(u'*') || text.contains(u'?')) {
        return QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                      text, QRegularExpression::UnanchoredWildcardConversion),
                                  QRegularExpression::CaseInsensitiveOption);
    }
    return QRegularExpression(QRegularExpression::escape(text),
                              QRegularExpression::CaseInsensitiveOption);
}

} // namespace

bool QueueFilter::matches(const QJsonObject &m, qint64 now) const
{
    if (!queue.isEmpty() && m.value(u"queue_name"_s).toString() != queue)
        return false;
    if (!ids.isEmpty() && !ids.contains(m.value(u"queue_id"_s).toString()))
        return false;
    const qint64 age = now - qint64(m.value(u"arrival_time"_s).toDouble());
    if ((minAge >= 0 && age < minAge) || (maxAge >= 0 && age > maxAge))
        return false;
    if (!sender.isEmpty()) {
        if (!m_senderRe)
            m_senderRe = addressMatcher(sender);
        if (!m_senderRe->match(m.value(u"sender"_s).toString()).hasMatch())
            return false;
    }
    if (recipient.isEmpty() && reason.isEmpty())
        return true;
    if (!recipient.isEmpty() && !m_recipientRe)
        m_recipientRe = addressMatcher(recipient);
    bool recipientOk = recipient.isEmpty(), reasonOk = reason.isEmpty();
    for (const QJsonValue &r : m.value(u"recipients"_s).toArray()) {
        const QJsonObject o = r.toObject();
        if (!recipientOk && m_recipientRe->match(o.value(u"address"_s).toString()).hasMatch())
            recipientOk = true;
        if (!reasonOk &&
            o.value(u"delay_reason"_s).toString().contains(reason, Qt::CaseInsensitive))
            reasonOk = true;
    }
    return recipientOk && reasonOk;
}

QHash<QString, QString> parsePostsuperReport(const QByteArray &stderrOutput)
{
    static const QHash<QString, QString> outcomes = {{u"removed"_s, u"deleted"_s},
                                                     {u"placed on hold"_s, u"held"_s},
                                                     {u"released from hold"_s, u"released"_s},
                                                     {u"requeued"_s, u"requeued"_s}};
    static const QRegularExpression re(u"^postsuper: ([0-9A-Za-z]+): (.+)$"_s,
                                       QRegularExpression::MultilineOption);
    QHash<QString, QString> report;
    auto it = re.globalMatch(QString::fromUtf8(stderrOutput));
    while (it.hasNext()) {
        const auto m = it.next();
        const QString outcome = outcomes.value(m.captured(2).trimmed());
        if (!outcome.isEmpty())
            report.insert(m.captured(1), outcome);
    }
    return report;
}

QJsonObject parsePostcat(const QByteArray &output)
{
    // postcat -e -h prints "*** ENVELOPE RECORDS file ***", "name: value" lines, then
    // "*** MESSAGE CONTENTS file ***" with the headers (continuation lines start with
    // whitespace), then "*** HEADER EXTRACTED file ***" / "*** MESSAGE FILE END ***".
    enum { None, Envelope, Headers, Other } part = None;
    QJsonObject envelope, attributes;
    QJsonArray recipients, headers;
    QString queue;
    QString name, value;
    const auto flushHeader = [&] {
        if (!name.isEmpty())
            headers.append(QJsonArray{name, value});
        name.clear();
        value.clear();
    };
    for (const QByteArray &raw : output.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(u"*** "_s)) {
            flushHeader();
            if (line.contains(u"ENVELOPE RECORDS"_s)) // "*** ENVELOPE RECORDS deferred/1/ID ***"
                queue = line.section(u' ', 3, 3).section(u'/', 0, 0);
            part = line.contains(u"ENVELOPE RECORDS"_s)   ? Envelope
                   : line.contains(u"MESSAGE CONTENTS"_s) ? Headers
                                                          : Other;
            continue;
        }
        if (part == Envelope) {
            const qsizetype colon = line.indexOf(u": "_s);
            if (colon <= 0)
                continue;
            const QString key = line.left(colon).trimmed();
            const QString v = line.mid(colon + 2).trimmed();
            if (key == u"named_attribute"_s) {
                const qsizetype eq = v.indexOf(u'=');
                if (eq > 0)
                    attributes.insert(v.left(eq), v.mid(eq + 1));
            } else if (key == u"message_size"_s) {
                envelope.insert(key, v.section(u' ', 0, 0, QString::SectionSkipEmpty).toLongLong());
            } else if (key == u"recipient"_s || key == u"done_recipient"_s) {
                recipients.append(
                    QJsonObject{{u"address"_s, v}, {u"done"_s, key == u"done_recipient"_s}});
            } else if (!envelope.contains(key)) {
                envelope.insert(key, v);
            }
        } else if (part == Headers) {
            if (line.isEmpty()) {
                flushHeader();
                part = Other; // the body starts here; -h printed headers only
            } else if (line.front().isSpace() && !name.isEmpty()) {
                value += u' ' + line.trimmed();
            } else {
                flushHeader();
                const qsizetype colon = line.indexOf(u':');
                name = colon > 0 ? line.left(colon) : line;
                value = colon > 0 ? line.mid(colon + 1).trimmed() : QString();
            }
        }
    }
    flushHeader();
    envelope.insert(u"recipients"_s, recipients);
    envelope.insert(u"attributes"_s, attributes);
    return {{u"queue_name"_s, queue}, {u"envelope"_s, envelope}, {u"headers"_s, headers}};
}

QString accountOf(const QJsonObject &detail)
{
    return detail.value(u"envelope"_s)
        .toObject()
        .value(u"attributes"_s)
        .toObject()
        .value(u"sasl_username"_s)
        .toString();
}

} // namespace staffetta::postfix
