#pragma once

#include <QString>

// Why something did not happen, as the relay says it: a stable code (sent as `reason` or
// `reload_code`) and its English sentence (sent beside it for people and the CLI). The
// sentences are marked for translation (context "staffetta::api") and the console
// translates the same text (client::reasonText): one table, two languages.
//   already_held, not_held, not_deferred, not_in_queue, left_queue  (queue actions)
//   staffettad_not_running, reload_timeout,
//   milter_not_running, milter_reload_timeout                       (a policy write)
namespace staffetta::api {

// The English sentence of a code; empty for a code this build does not know.
QString reasonEnglish(const QString &code);
// The untranslated source of a code's sentence (for QCoreApplication::translate), or nullptr.
const char *reasonSource(const QString &code);

} // namespace staffetta::api
