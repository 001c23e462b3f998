#include "pattern.h"

#include <algorithm>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

bool globMatch(QStringView pattern, QStringView text)
{
    // Iterative matcher with a single backtrack point: linear in practice, no recursion.
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

std::optional<SenderPattern> SenderPattern::parse(const QString &text, QString *reason)
{
    auto fail = [reason](const QString &why) {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(u"is empty"_s);
    if (t.size() > 320)
        return fail(u"is longer than 320 characters"_s);
    if (t.count(u'@') != 1)
        return fail(u"must contain exactly one @"_s);
    const qsizetype at = t.indexOf(u'@');
    if (at == 0)
        return fail(u"has nothing before the @ (use * for any local part)"_s);
    const QString domain = t.mid(at + 1);
    if (domain.isEmpty())
        return fail(u"has no domain after the @"_s);
    // A domain of only wildcards and dots (*, **, *.*, ?*, *?) can match every domain.
    if (std::all_of(domain.cbegin(), domain.cend(),
                    [](QChar c) { return c == u'*' || c == u'?' || c == u'.'; }))
        return fail(u"would match every domain (its domain has no fixed character)"_s);
    for (QChar c : t) {
        if (c.isSpace() || c == u'<' || c == u'>' || c == u',' || c == u';')
            return fail(u"contains '%1', which an address cannot contain"_s.arg(c));
    }
    SenderPattern p;
    p.m_text = t;
    p.m_lower = t.toLower();
    p.m_literal = !t.contains(u'*') && !t.contains(u'?');
    return p;
}

bool SenderPattern::matches(const QString &address) const
{
    if (m_literal)
        return address.compare(m_lower, Qt::CaseInsensitive) == 0;
    return globMatch(m_lower, address.toLower());
}

} // namespace staffetta::policy

namespace staffetta::policy {

PatternImport parsePatternLines(const QString &text)
{
    PatternImport out;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        QString why;
        if (auto p = SenderPattern::parse(line, &why))
            out.patterns.append(*p);
        else
            out.problems.append({int(i + 1), line, why});
    }
    return out;
}

} // namespace staffetta::policy
