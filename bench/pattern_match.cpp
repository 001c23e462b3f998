// Sender-pattern matching, worst and typical case, against the peers a policy server could
// use: glibc's fnmatch(3), PCRE2 through QRegularExpression (wildcard converted once), and
// the backtracking matcher staffettad had before (kept here only to measure it).
//   pattern_match [ROUNDS]
// Prints one line per case and matcher: microseconds for one sender against every pattern of
// an account (the median of ROUNDS).
#include "policy/pattern.h"

#include <QElapsedTimer>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <fnmatch.h>
#include <functional>

using namespace staffetta::policy;

namespace {

// The matcher staffettad used before the hardening (one backtrack point, O(n·m)).
bool backtracking(QStringView pattern, QStringView text)
{
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

double medianMicros(int rounds, const std::function<int()> &work)
{
    QList<double> times;
    volatile int sink = 0;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        sink = sink + work();
        times.append(double(t.nsecsElapsed()) / 1000.0);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void run(const char *name, const QStringList &patterns, const QString &sender, int rounds)
{
    QList<SenderPattern> ours;
    QList<QByteArray> globs;
    QList<QRegularExpression> regexes;
    for (const QString &p : patterns) {
        ours.append(*SenderPattern::parse(p));
        globs.append(p.toLower().toUtf8());
        regexes.append(QRegularExpression(QRegularExpression::wildcardToRegularExpression(p)));
        regexes.last().optimize();
    }
    const QString lower = sender.toLower();
    const QByteArray utf8 = lower.toUtf8();
    const double staffetta = medianMicros(rounds, [&] {
        int n = 0;
        for (const auto &p : ours)
            n += p.matches(sender);
        return n;
    });
    const double fn = medianMicros(rounds, [&] {
        int n = 0;
        for (const auto &g : globs)
            n += fnmatch(g.constData(), utf8.constData(), 0) == 0;
        return n;
    });
    const double pcre = medianMicros(rounds, [&] {
        int n = 0;
        for (const auto &re : regexes)
            n += re.match(lower).hasMatch();
        return n;
    });
    const double before = medianMicros(rounds, [&] {
        int n = 0;
        for (const auto &g : globs)
            n += backtracking(QString::fromUtf8(g), lower);
        return n;
    });
    std::printf("%s|%lld patterns|staffetta %.1f|fnmatch %.1f|pcre2 %.1f|backtracking %.1f\n", name,
                static_cast<long long>(patterns.size()), staffetta, fn, pcre, before);
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
    // Worst case within the policy's caps: 1,000 patterns of 254 characters of the attack's
    // shape, against a 254-character sender that almost matches each (same literal tail, so
    // the automaton runs over the whole address every time).
    QStringList worst;
    for (int i = 0; i < 1000; ++i)
        worst.append(u'*' + QString(230, u'a') + QStringLiteral("b%1*@x.example").arg(i % 10));
    run("worst", worst, QString(243, u'a') + QStringLiteral("@x.example"), rounds);
    // Typical: an account's senders are addresses and domains.
    QStringList typical;
    for (int i = 0; i < 1000; ++i)
        typical.append(i % 2 ? QStringLiteral("user%1@shop%1.example").arg(i)
                             : QStringLiteral("*@*.brand%1.example").arg(i));
    run("typical", typical, QStringLiteral("newsletter@mail.brand998.example"), rounds);
    return 0;
}
