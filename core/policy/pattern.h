#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace staffetta::policy {

// An authorized-sender or blacklist pattern: an exact address (alice@example.com), a whole
// domain (*@example.com), its subdomains (*@*.example.com), or any glob with ? and *.
// Matching is case-insensitive. Hand-written because a glob on a short string needs neither
// a regex engine nor its allocation per request.
class SenderPattern
{
public:
    // nullopt and a reason when the text is not a valid pattern.
    static std::optional<SenderPattern> parse(const QString &text, QString *reason = nullptr);

    bool matches(const QString &address) const;
    const QString &text() const { return m_text; }

private:
    QString m_text;
    QString m_lower;
    bool m_literal = false;
};

// Glob match of `text` against `pattern` (? one character, * any run), both lower-case.
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
        QString reason;
    };
    QList<SenderPattern> patterns;
    QList<Problem> problems;
};
PatternImport parsePatternLines(const QString &text);

} // namespace staffetta::policy
