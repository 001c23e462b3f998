#include "lab_helpers.h"

#include <algorithm>

#include <QDirIterator>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUuid>

#include "api/api.h"
#include "api/verbs.h"

namespace staffetta::test {

using namespace Qt::Literals::StringLiterals;

transport::SshEndpoint labEndpoint(const QString &userKey, const QString &keyKey)
{
    const Lab &lab = Lab::get();
    transport::SshEndpoint e;
    e.host = lab.value(u"LAB_SMTP_HOST"_s);
    e.port = quint16(lab.port(u"LAB_SSH_PORT"_s));
    e.user = lab.value(userKey);
    e.auth = transport::SshAuth::KeyFile;
    e.keyFile = lab.value(keyKey);
    e.knownHostsFile = lab.value(u"LAB_SSH_KNOWN_HOSTS"_s);
    return e;
}

client::RelayClient clientAs(const QString &userKey, const QString &keyKey)
{
    return client::RelayClient(std::make_shared<transport::SshTransport>(
        labEndpoint(userKey, keyKey), transport::SshCredentials{}));
}

api::RelayInfo localInfo()
{
    const Lab &lab = Lab::get();
    const auto out =
        run(u"/usr/bin/env"_s, {u"STAFFETTA_CONF="_s + lab.value(u"LAB_STAFFETTA_CONF"_s),
                                qEnvironmentVariable("STAFFETTACTL"), u"info"_s, u"--json"_s});
    auto parsed = api::parseResponse(out.out, out.err, out.exitCode);
    EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message.toStdString());
    if (!parsed)
        return {};
    auto info = api::RelayInfo::fromJson(parsed.value());
    EXPECT_TRUE(info.ok());
    return info ? info.value() : api::RelayInfo{};
}

QStringList bannedIps(const QString &jail)
{
    for (const auto &j : localInfo().jails) {
        if (j.name == jail)
            return j.bannedIps;
    }
    return {};
}

void unban(const QString &jail, const QString &ip)
{
    // Not banned is fine: fail2ban-client then exits non-zero, which is not a failure here.
    runProcess(u"fail2ban-client"_s, {u"-s"_s, Lab::get().value(u"LAB_FAIL2BAN_SOCKET"_s), u"set"_s,
                                      jail, u"unbanip"_s, ip});
}

QString labValue(const char *key)
{
    return Lab::get().value(QString::fromLatin1(key));
}

QStringList sinkFilesWith(const QString &needle)
{
    QStringList out;
    QDirIterator it(labValue("LAB_SINK_DIR"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle.toUtf8()))
            out.append(f.fileName());
    }
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject ctl(const QStringList &words, const QByteArray &input)
{
    const auto out =
        run(u"/usr/bin/env"_s,
            QStringList{u"STAFFETTA_CONF="_s + Lab::get().value(u"LAB_STAFFETTA_CONF"_s),
                        qEnvironmentVariable("STAFFETTACTL")} +
                words + QStringList{u"--json"_s},
            input);
    auto parsed = api::parseResponse(out.out, out.err, out.exitCode);
    EXPECT_TRUE(parsed.ok()) << out.out.toStdString() << out.err.toStdString();
    return parsed ? parsed.value() : QJsonObject{};
}

LabAccount addAccount(const QString &prefix, const QJsonObject &keys)
{
    LabAccount a;
    const QString id = QUuid::createUuid().toString(QUuid::Id128).left(8);
    a.login = prefix + u'-' + id;
    a.password = u"pw-"_s + QUuid::createUuid().toString(QUuid::Id128);
    a.sender = a.login + u'@' + Lab::get().value(u"LAB_LOCAL_DOMAIN"_s);
    ctl(api::verbs::AccountsAdd + QStringList{a.login},
        QJsonDocument(
            QJsonObject{{u"senders"_s, QJsonArray{a.sender}}, {u"password"_s, a.password}})
            .toJson(QJsonDocument::Compact));
    for (auto it = keys.begin(); it != keys.end(); ++it)
        setAccountKey(a.login, it.key(), it.value(), u"test account"_s);
    // Dovecot reads its passwd-file again at the next login after a change (once a second).
    const bool usable = waitUntil(
        [&] {
            const auto out = send({a.login,
                                   a.sender,
                                   {u"test001@"_s + Lab::get().value(u"LAB_BLACKHOLE_DOMAIN"_s)},
                                   {u"--quit-after"_s, u"AUTH"_s},
                                   {},
                                   a.password});
            return anyReplyStartsWith(out, u"235"_s);
        },
        15000);
    EXPECT_TRUE(usable) << a.login.toStdString() << " cannot log in";
    return a;
}

void removeAccount(const QString &login)
{
    ctl(api::verbs::AccountsRemove + QStringList{login});
}

QJsonObject setAccountKey(const QString &login, const QString &key, const QJsonValue &value,
                          const QString &comment)
{
    const QJsonObject current = ctl({u"policy"_s, u"get"_s});
    QJsonObject policy = current.value(u"policy"_s).toObject();
    QJsonArray accounts = policy.value(u"accounts"_s).toArray();
    bool found = false;
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        QJsonObject a = accounts[i].toObject();
        if (a.value(u"login"_s).toString() != login)
            continue;
        found = true;
        if (value.isUndefined())
            a.remove(key);
        else
            a.insert(key, value);
        accounts[i] = a;
    }
    EXPECT_TRUE(found) << "the lab policy has no account " << login.toStdString();
    policy.insert(u"accounts"_s, accounts);
    return ctl({u"policy"_s, u"apply"_s},
               QJsonDocument(QJsonObject{{u"base_revision"_s, current.value(u"revision"_s)},
                                         {u"policy"_s, policy},
                                         {u"comment"_s, comment}})
                   .toJson());
}

int quotaUsed(const QString &login)
{
    for (const auto &a : ctl({u"usage"_s}).value(u"accounts"_s).toArray()) {
        if (a.toObject().value(u"login"_s).toString() == login)
            return a.toObject().value(u"used"_s).toInt();
    }
    ADD_FAILURE() << "no usage for " << login.toStdString();
    return -1;
}

void labCommand(const QString &verb)
{
    const auto out = run(qEnvironmentVariable("STAFFETTA_SOURCE_DIR") + u"/tests/lab/lab"_s,
                         {verb, u"--dir"_s, Lab::get().value(u"LAB_DIR"_s)});
    EXPECT_EQ(out.exitCode, 0) << out.err.toStdString();
}

QString labPostfixVersion()
{
    const auto out = run(u"postconf"_s, {u"-c"_s, Lab::get().value(u"LAB_POSTFIX_CONFIG"_s),
                                         u"-h"_s, u"mail_version"_s});
    return QString::fromUtf8(out.out).trimmed();
}

// The server's replies, one per line, as swaks shows them ("<~ " or "<~* " then the reply).
QStringList replies(const ProcessOutput &out)
{
    QStringList r;
    for (const QByteArray &line : out.out.split('\n')) {
        if (line.startsWith("<~* ") || line.startsWith("<~  "))
            r.append(QString::fromUtf8(line.mid(4)).trimmed());
    }
    return r;
}

bool canConnect(const QString &from)
{
    const Lab &lab = Lab::get();
    QTcpSocket socket;
    socket.bind(QHostAddress(from));
    socket.connectToHost(lab.value(u"LAB_SMTP_HOST"_s),
                         quint16(lab.port(u"LAB_SUBMISSION_PORT"_s)));
    return socket.waitForConnected(3000);
}

ProcessOutput send(const Send &s)
{
    const Lab &lab = Lab::get();
    QStringList args{
        u"--server"_s,   lab.value(u"LAB_SMTP_HOST"_s),
        u"--port"_s,     s.port.isEmpty() ? lab.value(u"LAB_SUBMISSION_PORT"_s) : s.port,
        u"-tls"_s,       u"--from"_s,
        s.from,          u"--to"_s,
        s.to.join(u','), u"--timeout"_s,
        u"30"_s};
    if (!s.user.isEmpty())
        args << u"--auth"_s << u"PLAIN"_s << u"--auth-user"_s << s.user << u"--auth-password"_s
             << (s.password.isEmpty() ? lab.accounts().value(s.user) : s.password);
    if (!s.localInterface.isEmpty())
        args << u"--local-interface"_s << s.localInterface;
    return run(u"swaks"_s, args + s.extra, {}, 120000);
}

bool anyReplyWith(const ProcessOutput &out, const QString &prefix, const QString &text)
{
    const QStringList all = replies(out);
    return std::any_of(all.begin(), all.end(),
                       [&](const QString &r) { return r.startsWith(prefix) && r.contains(text); });
}

bool anyReplyStartsWith(const ProcessOutput &out, const QString &prefix)
{
    return anyReplyWith(out, prefix, {});
}

} // namespace staffetta::test
