#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

namespace staffetta::policy {

// The Postfix policy delegation protocol: a request is `name=value` lines ended by an
// empty line; the answer is `action=...` and an empty line. The parser is incremental
// (bytes arrive in any chunks) and bounded: a line over 4 KiB or a request over 64
// attributes is a protocol error, after which the connection must be closed.
class RequestParser
{
public:
    using Attributes = QHash<QByteArray, QByteArray>;

    // Appends data; complete requests are appended to `out`. Returns false on a protocol error.
    bool feed(const QByteArray &data, QList<Attributes> &out);
    bool failed() const { return m_failed; }

private:
    QByteArray m_buffer;
    Attributes m_current;
    bool m_failed = false;
};

QByteArray formatAction(const QByteArray &action);

} // namespace staffetta::policy
