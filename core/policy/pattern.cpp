#include "pattern.h"

#include "common/limits.h"
#include "common/names.h"

#include <QCoreApplication>

#include <algorithm>

namespace staffetta::policy {

using namespace Qt::Literals::StringLiterals;

Glob::Glob(QStringView pattern)
{
    QString tokens; // the pattern with every run of * collapsed to one
    for (QChar c : pattern) {
        if (c == u'*' && tokens.endsWith(u'*'))
            continue;
        tokens.append(c);
    }
    const qsizetype firstStar = tokens.indexOf(u'*');
    m_hasStar = firstStar >= 0;
    m_prefix = tokens.left(m_hasStar ? firstStar : tokens.size());
    m_suffix = m_hasStar ? tokens.mid(tokens.lastIndexOf(u'*') + 1) : QString();
    m_prefix.truncate(m_prefix.indexOf(u'?') < 0 ? m_prefix.size() : m_prefix.indexOf(u'?'));
    m_suffix.remove(0, m_suffix.lastIndexOf(u'?') + 1);

    m_length = int(tokens.size());
    m_words = m_length / 64 + 1; // bits 0..m_length
    m_star.assign(size_t(m_words), 0);
    m_masks.assign(size_t(m_words), 0); // slot 0: what any other character may consume (?)
    auto set = [this](std::vector<Word> &bits, size_t slot, int i) {
        bits[slot * size_t(m_words) + size_t(i / 64)] |= Word(1) << (i % 64);
    };
    for (int i = 0; i < m_length; ++i) {
        const QChar c = tokens[i];
        if (c == u'*') {
            set(m_star, 0, i);
            continue;
        }
        if (c == u'?')
            continue; // added to every slot below
        qsizetype k = m_chars.indexOf(c);
        if (k < 0) {
            k = m_chars.size();
            m_chars.append(c);
            m_masks.resize(m_masks.size() + size_t(m_words), 0);
            if (c.unicode() < 128)
                m_ascii[c.unicode()] = quint16(k + 1);
        }
        set(m_masks, size_t(k + 1), i);
    }
    for (int i = 0; i < m_length; ++i) {
        if (tokens[i] == u'?') {
            for (qsizetype k = 0; k <= m_chars.size(); ++k)
                set(m_masks, size_t(k), i);
        }
    }
}

const Glob::Word *Glob::mask(QChar c) const
{
    qsizetype slot = 0;
    if (c.unicode() < 128)
        slot = m_ascii[c.unicode()];
    else if (const qsizetype k = m_chars.indexOf(c); k >= 0)
        slot = k + 1;
    return m_masks.data() + slot * m_words;
}

bool Glob::matches(QStringView text) const
{
    if (!m_hasStar && text.size() != m_length)
        return false;
    // (Qt: a null text starts with nothing but a null string, hence the isEmpty() tests.)
    if (text.size() < m_prefix.size() + m_suffix.size() ||
        (!m_prefix.isEmpty() && !text.startsWith(m_prefix)) ||
        (!m_suffix.isEmpty() && !text.endsWith(m_suffix)))
        return false;

    // The set of pattern positions reachable after each character (Shift-And with stars):
    // bit i = the first i tokens matched. A * at i keeps i (it eats the character) and is
    // passed over for free (i -> i + 1); runs of * are collapsed, so one step is enough.
    constexpr int MaxWords = 8; // patterns of up to 511 characters without allocating
    Word stackBits[2 * MaxWords];
    std::vector<Word> heapBits;
    Word *bits = stackBits;
    if (m_words > MaxWords) {
        heapBits.resize(size_t(2 * m_words));
        bits = heapBits.data();
    }
    Word *state = bits, *next = bits + m_words;
    auto closeOverStars = [this](Word *s) {
        Word carry = 0;
        for (int w = 0; w < m_words; ++w) {
            const Word passed = s[w] & m_star[size_t(w)];
            s[w] |= (passed << 1) | carry;
            carry = passed >> 63;
        }
    };
    std::fill(state, state + m_words, Word(0));
    state[0] = 1;
    closeOverStars(state);
    for (QChar c : text) {
        const Word *consume = mask(c);
        Word carry = 0, any = 0;
        for (int w = 0; w < m_words; ++w) {
            const Word moved = state[w] & consume[w];
            next[w] = (moved << 1) | carry | (state[w] & m_star[size_t(w)]);
            carry = moved >> 63;
            any |= next[w];
        }
        if (!any)
            return false;
        closeOverStars(next);
        std::swap(state, next);
    }
    return (state[m_length / 64] >> (m_length % 64)) & 1;
}

bool globMatch(QStringView pattern, QStringView text)
{
    return Glob(pattern).matches(text);
}

const char *PatternProblem::text() const
{
    // QT_TRANSLATE_NOOP: the relay says these in English, the console translates the same
    // words (client::patternProblemText), so the sentence is written once.
    switch (code) {
    case Code::Empty:
        return QT_TRANSLATE_NOOP("staffetta::policy", "is empty");
    case Code::TooLong:
        return QT_TRANSLATE_NOOP("staffetta::policy",
                                 "is longer than %1 characters (an address is at most %1)");
    case Code::NotOneAt:
        return QT_TRANSLATE_NOOP("staffetta::policy", "must contain exactly one @");
    case Code::NothingBeforeAt:
        return QT_TRANSLATE_NOOP("staffetta::policy",
                                 "has nothing before the @ (use * for any local part)");
    case Code::NoDomain:
        return QT_TRANSLATE_NOOP("staffetta::policy", "has no domain after the @");
    case Code::MatchesEveryDomain:
        return QT_TRANSLATE_NOOP("staffetta::policy",
                                 "would match every domain (its domain has no fixed character)");
    case Code::ControlCharacter:
        return QT_TRANSLATE_NOOP("staffetta::policy", "contains the control character %1");
    case Code::ForbiddenCharacter:
        return QT_TRANSLATE_NOOP("staffetta::policy",
                                 "contains '%1', which an address cannot contain");
    }
    return "";
}

namespace {

// The one table of pattern problem names (the API's words in invalid_policy errors).
const std::array<std::pair<PatternProblem::Code, QLatin1StringView>, 8> problemNames{{
    {PatternProblem::Code::Empty, "empty"_L1},
    {PatternProblem::Code::TooLong, "too_long"_L1},
    {PatternProblem::Code::NotOneAt, "not_one_at"_L1},
    {PatternProblem::Code::NothingBeforeAt, "nothing_before_at"_L1},
    {PatternProblem::Code::NoDomain, "no_domain"_L1},
    {PatternProblem::Code::MatchesEveryDomain, "matches_every_domain"_L1},
    {PatternProblem::Code::ControlCharacter, "control_character"_L1},
    {PatternProblem::Code::ForbiddenCharacter, "forbidden_character"_L1},
}};

} // namespace

void PatternProblem::addTo(QJsonObject &entry) const
{
    entry.insert(u"problem"_s, nameOf(problemNames, code));
    if (!argument.isEmpty())
        entry.insert(u"argument"_s, argument);
}

std::optional<PatternProblem> PatternProblem::fromJson(const QJsonObject &entry)
{
    const auto code = valueOf(problemNames, entry.value(u"problem"_s).toString());
    if (!code)
        return std::nullopt;
    return PatternProblem{*code, entry.value(u"argument"_s).toString()};
}

QString PatternProblem::message() const
{
    return withArgument(QString::fromUtf8(text()));
}

QString PatternProblem::withArgument(const QString &sentence) const
{
    return sentence.contains(u"%1"_s) ? sentence.arg(argument) : sentence;
}

std::optional<SenderPattern> SenderPattern::parse(const QString &text, PatternProblem *problem)
{
    using Code = PatternProblem::Code;
    auto fail = [problem](Code code, const QString &argument = {}) {
        if (problem)
            *problem = {code, argument};
        return std::nullopt;
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(Code::Empty);
    if (t.size() > limits::MaxPatternLength)
        return fail(Code::TooLong, QString::number(limits::MaxPatternLength));
    if (t.count(u'@') != 1)
        return fail(Code::NotOneAt);
    const qsizetype at = t.indexOf(u'@');
    if (at == 0)
        return fail(Code::NothingBeforeAt);
    const QString domain = t.mid(at + 1);
    if (domain.isEmpty())
        return fail(Code::NoDomain);
    // A domain of only wildcards and dots (*, **, *.*, ?*, *?) can match every domain.
    if (std::all_of(domain.cbegin(), domain.cend(),
                    [](QChar c) { return c == u'*' || c == u'?' || c == u'.'; }))
        return fail(Code::MatchesEveryDomain);
    for (QChar c : t) {
        if (c.category() == QChar::Other_Control)
            return fail(Code::ControlCharacter, u"U+%1"_s.arg(c.unicode(), 4, 16, QChar(u'0')));
        if (c.isSpace() || c == u'<' || c == u'>' || c == u',' || c == u';')
            return fail(Code::ForbiddenCharacter, QString(c));
    }
    SenderPattern p;
    p.m_text = t;
    p.m_lower = t.toLower();
    if (t.contains(u'*') || t.contains(u'?'))
        p.m_glob = std::make_shared<const Glob>(p.m_lower);
    return p;
}

bool SenderPattern::matches(const QString &address) const
{
    if (!m_glob)
        return address.compare(m_lower, Qt::CaseInsensitive) == 0;
    return m_glob->matches(address.toLower());
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
        PatternProblem why;
        if (auto p = SenderPattern::parse(line, &why))
            out.patterns.append(*p);
        else
            out.problems.append({int(i + 1), line, why});
    }
    return out;
}

} // namespace staffetta::policy
