#include "protocol.h"

namespace staffetta::policy {

namespace {
constexpr qsizetype MaxLine = 4096;
constexpr qsizetype MaxAttributes = 64;
} // namespace

bool RequestParser::feed(const QByteArray &data, QList<Attributes> &out)
{
    if (m_failed)
        return false;
    m_buffer.append(data);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', start);
        if (nl < 0)
            break;
        QByteArrayView line(m_buffer.constData() + start, nl - start);
        if (line.endsWith('\r'))
            line.chop(1);
        start = nl + 1;
        if (line.size() > MaxLine) {
            m_failed = true;
            return false;
        }
        if (line.isEmpty()) {
            if (!m_current.isEmpty())
                out.append(std::move(m_current));
            m_current = {};
            continue;
        }
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0 || m_current.size() >= MaxAttributes) {
            m_failed = true;
            return false;
        }
        m_current.insert(line.first(eq).toByteArray(), line.sliced(eq + 1).toByteArray());
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > MaxLine) {
        m_failed = true;
        return false;
    }
    return true;
}

QByteArray formatAction(const QByteArray &action)
{
    return "action=" + action + "\n\n";
}

} // namespace staffetta::policy
