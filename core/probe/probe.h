#pragma once

#include "api/info.h"
#include "smtp/smtp_client.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace staffetta::client {
class RelayClient;
}

// The test-delivery probes: a relay's real limits, checked from the desktop through its
// submission port like a customer's mail client, against what the relay's policy says.
// No widgets: the console's Test delivery view and staffetta-probe run the same code.
namespace staffetta::probe {

enum class Kind { Connection, Sender, Recipients, Size, Attachments, Delivery };
inline constexpr Kind AllKinds[] = {Kind::Connection, Kind::Sender,      Kind::Recipients,
                                    Kind::Size,       Kind::Attachments, Kind::Delivery};
QString kindName(Kind k);  // "connection", "sender", ... (JSON, the CLI's --probes)
QString kindTitle(Kind k); // translated
std::optional<Kind> kindFromName(const QString &name);

enum class Outcome { Pass, Fail, Finding, Skipped };
QString outcomeName(Outcome o);  // "pass", "fail", "finding", "skipped"
QString outcomeTitle(Outcome o); // translated

struct Result
{
    Kind kind = Kind::Connection;
    Outcome outcome = Outcome::Skipped;
    QString expected; // from the relay's policy (translated sentence)
    QString observed; // what the relay did
    QStringList notes;
    QJsonObject data; // the measured values, for scripts (untranslated keys)
    qint64 elapsedMs = 0;
    QJsonObject toJson() const;
};

// What the relay's policy says for the probing account (`info` and `policy get`).
struct Expectations
{
    bool known = false;
    QString testDomain;
    int testAddresses = 0;
    int maxRecipients = -1;
    qint64 maxMessageSize = -1;
    QStringList senderPatterns;
    bool attachmentRule = false; // an allow list is active for the account
    QStringList allowedExtensions;
    // Reads a `policy get` result for `login`; the test domain from `info`.
    static Expectations from(const api::RelayInfo &info, const QJsonObject &policySnapshot,
                             const QString &login);
    // Whether the policy authorizes `sender` for the account.
    bool authorizes(const QString &sender) const;
};

struct Settings
{
    QString host;
    quint16 port = 587;
    QHostAddress localAddress; // connect from this address (null: any)
    QString login;
    QString password;
    QString sender;
    QList<Kind> probes = {std::begin(AllKinds), std::end(AllKinds)};
    // The one unauthorized sender of the Sender probe. At most one per run, and none when
    // one was tried from this desktop within GuardMinutes (guardFile remembers when): three
    // refused senders get the desktop's IP banned by the relay's fail2ban.
    bool tryUnauthorizedSender = false;
    QString guardFile;
    // Each step's wait: a TCP connection, the banner, a command's reply (the reply to a
    // message's final dot: at least 120 s, the relay's content checks take their time).
    int commandTimeoutMs = 30000;
    int deliveryTimeoutMs = 60000;
    // The whole run's: no step goes past it (the relay's answers over SSH neither), and the
    // probes it leaves are failures ("not run").
    int timeLimitMs = 600000;
    // Set by the caller when the relay's answers are known already (tests, the console);
    // else the runner asks the relay client.
    std::optional<Expectations> expectations;
};

inline constexpr int GuardMinutes = 60;

struct Report
{
    QString host;
    quint16 port = 0;
    QString login, sender;
    QDateTime started, finished;
    bool cancelled = false;
    QString error; // a run that could not start (no relay answer)
    // Why the probes after some point were not run: the relay stopped answering (a step's
    // timeout), or the run's time limit was reached.
    QString stopped;
    QList<Result> results;
    QStringList transcript; // every session, secrets masked
    const Result *result(Kind k) const;
    QJsonObject toJson() const;
    QString toHtml() const;
};

// What a run reports while it goes, on the thread that runs it.
struct Callbacks
{
    std::function<void(int done, int total, const QString &step)> progress;
    std::function<void(const Result &)> result;
    std::function<void(const QString &)> transcript;
};

// Runs the probes, blocking (a worker thread, or a headless program's main thread; never the
// UI thread). `relay` (may be null: no delivery confirmation, expectations must be given)
// answers `info`, `policy get` and `trace`.
Report run(const Settings &settings, client::RelayClient *relay, const smtp::CancelFlag &cancel,
           const Callbacks &callbacks = {});

// The console's handle on a run: the probes on a thread of their own, progress and results
// as queued signals on the owner's thread, cancel at any time. Destroying it cancels the run
// and waits for its sessions to end (a second at most each: QUIT, then the socket closes).
class Runner : public QObject
{
    Q_OBJECT
public:
    Runner(Settings settings, std::shared_ptr<client::RelayClient> relay,
           QObject *parent = nullptr);
    ~Runner() override;
    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progress(int done, int total, const QString &step);
    void resultReady(const staffetta::probe::Result &result);
    void transcriptLine(const QString &line);
    void finished(const staffetta::probe::Report &report);

private:
    Settings m_settings;
    std::shared_ptr<client::RelayClient> m_relay;
    smtp::CancelFlag m_cancel;
    QThread *m_thread = nullptr;
};

} // namespace staffetta::probe
