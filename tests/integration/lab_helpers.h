#pragma once

#include "api/info.h"
#include "client/relay_client.h"
#include "test_support.h"
#include "transport/ssh_transport.h"

namespace staffetta::test {

// Integration tests run against the lab relay named by STAFFETTA_LAB_ENV.
class LabTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(Lab::get().ok()) << "STAFFETTA_LAB_ENV does not name a lab.env";
    }
};

// The lab's sshd as the console reaches it: root with the lab key (admin), or another lab
// user and key (LAB_PARTNER_USER/KEY, LAB_HELPDESK_USER/KEY).
transport::SshEndpoint labEndpoint(const QString &userKey = QStringLiteral("LAB_SSH_USER"),
                                   const QString &keyKey = QStringLiteral("LAB_SSH_KEY"));

// The console's client for the lab relay as that lab user (admin by default).
client::RelayClient clientAs(const QString &userKey = QStringLiteral("LAB_SSH_USER"),
                             const QString &keyKey = QStringLiteral("LAB_SSH_KEY"));

// `staffettactl info`, run on the relay host as the lab's SSH key would run it.
api::RelayInfo localInfo();
QStringList bannedIps(const QString &jail);
void unban(const QString &jail, const QString &ip);
// tests/lab/lab VERB --dir LAB_DIR (policy-restart, policy-stop, ...).
void labCommand(const QString &verb);
// A value of the lab's lab.env (LAB_...).
QString labValue(const char *key);
// The files the lab's blackhole sink dumped that contain `needle`.
QStringList sinkFilesWith(const QString &needle);
// A file's bytes; empty when it cannot be read.
QByteArray readFile(const QString &path);

// `staffettactl WORDS --json` run on the relay host as root (admin), `input` on stdin: the
// response's result (a failed call is a test failure).
QJsonObject ctl(const QStringList &words, const QByteArray &input = {});
// Sets one key of an account's policy entry (an undefined value removes it) through
// `policy apply` as admin; the apply's answer (a refused apply is a test failure).
QJsonObject setAccountKey(const QString &login, const QString &key, const QJsonValue &value,
                          const QString &comment);
// An account of its own for a test (`accounts add` as admin, then each of `keys` set in its
// policy entry), usable once it returns: its first login worked (from 127.0.0.1, which the
// lab's jails ignore). removeAccount() takes it away again.
struct LabAccount
{
    QString login, password, sender;
};
LabAccount addAccount(const QString &prefix, const QJsonObject &keys = {});
void removeAccount(const QString &login);
// External recipients charged to `login` today, as `staffettactl usage` says.
int quotaUsed(const QString &login);
// The lab Postfix instance's mail_version.
QString labPostfixVersion();

// Whether a TCP connection from `from` (a local address) reaches the submission port: false
// while fail2ban's nftables rule rejects that address.
bool canConnect(const QString &from);

// One message through the lab's submission port with swaks (STARTTLS, AUTH PLAIN as `user`
// with its lab password; no AUTH when `user` is empty).
struct Send
{
    QString user;
    QString from;
    QStringList to;
    QStringList extra;      // more swaks arguments
    QString localInterface; // e.g. LAB_BANNED_CLIENT
    QString password = {};  // empty: the account's lab password
    QString port = {};      // empty: LAB_SUBMISSION_PORT
};
ProcessOutput send(const Send &s);
// The server's replies, one per line, as swaks shows them.
QStringList replies(const ProcessOutput &out);
bool anyReplyStartsWith(const ProcessOutput &out, const QString &prefix);
// A reply that starts with `prefix` and holds `text` (Postfix puts the address and "Recipient
// address rejected:" between a policy service's code and its words).
bool anyReplyWith(const ProcessOutput &out, const QString &prefix, const QString &text);

} // namespace staffetta::test
