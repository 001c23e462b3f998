#include "reasons.h"

#include <QCoreApplication>
#include <QLatin1StringView>

#include <array>
#include <utility>

namespace staffetta::api {

using namespace Qt::Literals::StringLiterals;

namespace {

const std::array<std::pair<QLatin1StringView, const char *>, 9> reasons{{
    {"already_held"_L1, QT_TRANSLATE_NOOP("staffetta::api", "already on hold")},
    {"not_held"_L1, QT_TRANSLATE_NOOP("staffetta::api", "not on hold")},
    {"not_deferred"_L1,
     QT_TRANSLATE_NOOP("staffetta::api", "not deferred (only deferred mail is flushed)")},
    {"not_in_queue"_L1, QT_TRANSLATE_NOOP("staffetta::api", "not in the queue")},
    {"left_queue"_L1, QT_TRANSLATE_NOOP("staffetta::api", "left the queue before the action")},
    {"staffettad_not_running"_L1,
     QT_TRANSLATE_NOOP("staffetta::api",
                       "staffettad is not running; the new policy will be used when it starts.")},
    {"reload_timeout"_L1,
     QT_TRANSLATE_NOOP("staffetta::api",
                       "staffettad did not confirm the reload within 5 s; see its log.")},
    {"milter_not_running"_L1,
     QT_TRANSLATE_NOOP("staffetta::api",
                       "the content milter is not running: mail on the submission port is "
                       "deferred until it starts, with the new policy.")},
    {"milter_reload_timeout"_L1,
     QT_TRANSLATE_NOOP("staffetta::api",
                       "the content milter did not confirm the reload within 5 s; see its log.")},
}};

} // namespace

const char *reasonSource(const QString &code)
{
    for (const auto &[c, text] : reasons) {
        if (c == code)
            return text;
    }
    return nullptr;
}

QString reasonEnglish(const QString &code)
{
    const char *source = reasonSource(code);
    return source ? QString::fromUtf8(source) : QString();
}

} // namespace staffetta::api
