#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace staffetta::policy {

// An authorized-sender or blacklist pattern: an exact address (alice@example.com), a whole
// domain (*@example.com), its subdomains (*@*.example.com), or any glob with ? and *.
// Matching is case-insensitive.
class Glob;

// Why a text is not a valid pattern: a stable code and its one parameter (the limit, the
// character), so the console words it in the user's language (client::patternProblemText);
// message() is the English sentence the relay puts in invalid_policy errors.
struct PatternProblem
{
    enum class Code {
        Empty,
        TooLong,  // argument: the limit
        NotOneAt, // not exactly one @
        NothingBeforeAt,
        NoDomain,
        MatchesEveryDomain, // its domain has no fixed character
        ControlCharacter,   // argument: U+XXXX
        ForbiddenCharacter, // argument: the character
    };
    Code code = Code::Empty;
    QString argument;

    // The English sentence with %1 for the argument, marked for translation in the context
    // "staffetta::policy"; message() fills it in ("must contain exactly one @", ...).
    const char *text() const;
    QString message() const;
    QString withArgument(const QString &sentence) const;

    // In an invalid_policy error entry: {"problem": code name, "argument": ...}.
    void addTo(QJsonObject &entry) const;
    static std::optional<PatternProblem> fromJson(const QJsonObject &entry);
};

class SenderPattern
{
public:
    // nullopt and why (when `problem` is given) when the text is not a valid pattern.
    static std::optional<SenderPattern> parse(const QString &text,
                                              PatternProblem *problem = nullptr);

    bool matches(const QString &address) const;
    const QString &text() const { return m_text; }

private:
    QString m_text;
    QString m_lower;
    std::shared_ptr<const Glob> m_glob; // null for a literal address
};

// A glob (? one character, * any run) compiled once into a bit-parallel automaton: matching
// reads the text once, a few word operations per character whatever the pattern, so no
// pattern and no address can make it slow (a backtracking matcher took 30 s for one RCPT on
// 3,000 patterns `*aaaa…a<tail>`). Hand-written: QRegularExpression (PCRE2) backtracks, and
// its JIT allocates per match; a glob needs neither.
class Glob
{
public:
    explicit Glob(QStringView pattern);   // lower-case
    bool matches(QStringView text) const; // lower-case

private:
    using Word = quint64;
    const Word *mask(QChar c) const;
    // The literal text before the first * and after the last *: a cheap first test.
    QString m_prefix, m_suffix;
    bool m_hasStar = false;
    int m_length = 0; // positions 0..m_length, after runs of * are collapsed
    int m_words = 0;
    std::vector<Word> m_star;  // position i is a *
    std::vector<Word> m_masks; // per distinct character (and one for "any other"): positions
                               // that consume it (the character itself, or ?)
    QList<QChar> m_chars;      // m_chars[k] owns m_masks[(k + 1) * m_words …]
    std::array<quint16, 128> m_ascii{}; // ASCII character -> its mask slot (0: "any other")
};

// Glob match of `text` against `pattern`, both lower-case (compiles the pattern each time).
bool globMatch(QStringView pattern, QStringView text);

} // namespace staffetta::policy

namespace staffetta::policy {

// A bulk import: one address or pattern a line; blank lines and lines starting with # are
// skipped. Every bad line is reported with its number (1-based) and reason.
struct PatternImport
{
    struct Problem
    {
        int line = 0;
        QString text;
        PatternProblem problem;
    };
    QList<SenderPattern> patterns;
    QList<Problem> problems;
};
PatternImport parsePatternLines(const QString &text);

} // namespace staffetta::policy
