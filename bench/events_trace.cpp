// The event index's trace call alone, in one process (no process start, no JSON, no SSH): the
// floor under `staffettactl trace`.
//   events_trace DATABASE QUERIES ROUNDS
// QUERIES has one query a line, "recipient ADDRESS" or "sender ADDRESS"; each is traced ROUNDS
// times as staffettactl does it (an admin's scope: every account; default limit 100), opening
// the index once. Prints one JSON object: per kind, the count, the p50/p99/max in ms and the
// messages matched (median over the queries).
#include "events/index.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <algorithm>
#include <cstdio>

using namespace staffetta;

int main(int argc, char *argv[])
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: events_trace DATABASE QUERIES ROUNDS\n");
        return 2;
    }
    auto opened = events::Index::open(QString::fromLocal8Bit(argv[1]));
    if (!opened) {
        std::fprintf(stderr, "events_trace: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    events::Index &index = *opened.value();
    QFile queries(QString::fromLocal8Bit(argv[2]));
    if (!queries.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "events_trace: cannot read %s\n", argv[2]);
        return 1;
    }
    struct Kind
    {
        QList<double> ms;
        QList<qint64> matched;
    };
    Kind recipient, sender;
    QList<QByteArray> lines = queries.readAll().split('\n');
    const int rounds = std::max(1, atoi(argv[3]));
    for (int r = 0; r < rounds; ++r) {
        for (const QByteArray &line : lines) {
            const qsizetype space = line.indexOf(' ');
            if (space < 0)
                continue;
            api::TraceRequest request;
            const QString value = QString::fromUtf8(line.mid(space + 1));
            const bool byRecipient = line.startsWith("recipient ");
            (byRecipient ? request.recipient : request.sender) = value;
            QElapsedTimer t;
            t.start();
            auto result = index.trace(request, std::nullopt);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (!result) {
                std::fprintf(stderr, "events_trace: %s\n", qPrintable(result.error().message));
                return 1;
            }
            Kind &k = byRecipient ? recipient : sender;
            k.ms.append(ms);
            k.matched.append(result.value().matched);
        }
    }
    const auto summary = [](Kind k) {
        std::sort(k.ms.begin(), k.ms.end());
        std::sort(k.matched.begin(), k.matched.end());
        const auto at = [&](double q) {
            return k.ms.isEmpty()
                       ? 0.0
                       : k.ms[std::min(k.ms.size() - 1, qsizetype(q * double(k.ms.size())))];
        };
        return QJsonObject{
            {QStringLiteral("count"), k.ms.size()},
            {QStringLiteral("p50_ms"), at(0.5)},
            {QStringLiteral("p99_ms"), at(0.99)},
            {QStringLiteral("max_ms"), k.ms.isEmpty() ? 0.0 : k.ms.last()},
            {QStringLiteral("matched_median"),
             k.matched.isEmpty() ? 0 : k.matched[k.matched.size() / 2]},
            {QStringLiteral("matched_max"), k.matched.isEmpty() ? 0 : k.matched.last()}};
    };
    const QJsonObject out{{QStringLiteral("recipient"), summary(recipient)},
                          {QStringLiteral("sender"), summary(sender)}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
