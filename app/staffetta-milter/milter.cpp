#include "milter.h"

#include "content/content.h"
#include "daemon/listen_backlog.h"
#include "daemon/log.h"
#include "daemon/quota_channel.h"
#include "policy/engine.h"

#include <QFile>

#include <libmilter/mfapi.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace staffetta::milter {

using namespace Qt::Literals::StringLiterals;
using daemon::loggable;
using daemon::QuotaRequest;

namespace {

Shared *g_shared = nullptr; // libmilter's callbacks are plain functions: the one filter
std::mutex g_policyMutex;
std::shared_ptr<const policy::Policy> g_policy;

// A message up to MemoryMessageBytes is received into memory while all sessions together hold
// at most MemoryBudgetBytes there; any other is spooled to a file (what it had in memory
// first). A 5 MB message through the file system cost a write and a read of every byte
// (bench/README.md: the spool was a third of the milter's time); a 25 MB one still never stays
// in memory.
constexpr qsizetype MemoryMessageBytes = 8 << 20;
constexpr qint64 MemoryBudgetBytes = 32 << 20;
std::atomic<qint64> g_inMemory{0};

// One SMTP session (libmilter's private data). Its callbacks never run concurrently.
struct Session
{
    daemon::QuotaChannelClient channel{g_shared->config.quotaSocket};
    // The message being received.
    QString login;
    QString sender;
    int recipients = 0;
    QByteArray queueId;
    content::MessageBuffer memory; // the message, while it fits (see MemoryMessageBytes)
    int spool = -1;                // or its file, once it did not
    qint64 size = 0;               // bytes received: the message as Postfix received it
    bool spoolFailed = false;
    content::BoundaryLines boundaries; // the MIME walk's guard, counted as the spool is written
    bool open = false;                 // MAIL FROM seen, no end of message yet
    unsigned long noReply = 0;         // the steps Postfix agreed not to wait for (SMFIP_NR_*)

    // Every step before the end of message only records: answer none where Postfix agreed
    // (a 5 MB message is some 80 body chunks: 80 round trips less).
    sfsistat next(unsigned long step) const
    {
        return (noReply & step) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
    }

    ~Session() { closeSpool(); }
    void closeSpool()
    {
        if (spool >= 0)
            ::close(spool);
        spool = -1;
        g_inMemory -= memory.size();
        memory.clear();
    }
    // Whether `length` more bytes may be kept in memory (counted against the budget if so).
    bool fitsInMemory(size_t length)
    {
        if (spool >= 0 || memory.size() + qint64(length) > MemoryMessageBytes)
            return false;
        if (g_inMemory.fetch_add(qint64(length)) + qint64(length) <= MemoryBudgetBytes)
            return true;
        g_inMemory -= qint64(length);
        return false;
    }
    void startMessage()
    {
        closeSpool();
        login.clear();
        sender.clear();
        recipients = 0;
        queueId.clear();
        size = 0;
        spoolFailed = false;
        boundaries = {};
        open = true;
    }
    void write(const char *data, size_t length)
    {
        size += qint64(length);
        if (spoolFailed)
            return;
        boundaries.feed(QByteArrayView(data, qsizetype(length)));
        if (fitsInMemory(length)) {
            memory.append(data, qsizetype(length));
            return;
        }
        if (spool < 0) {
            const QByteArray dir = QFile::encodeName(g_shared->config.milterSpoolDir);
            // Unlinked from the start: nothing is left behind by a crash or a kill -9.
            spool = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
            if (spool < 0) {
                spoolFailed = true;
                g_shared->log->write(u"cannot spool a message in %1: %2"_s.arg(
                    g_shared->config.milterSpoolDir, QString::fromLocal8Bit(strerror(errno))));
                return;
            }
            // What was kept in memory goes first, then the memory is given back.
            const QByteArrayView kept = memory.view();
            const bool moved = writeAll(kept.data(), size_t(kept.size()));
            g_inMemory -= memory.size();
            memory.clear();
            if (!moved)
                return;
        }
        writeAll(data, length);
    }
    bool writeAll(const char *data, size_t length)
    {
        while (length > 0) {
            const ssize_t n = ::write(spool, data, length);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                spoolFailed = true; // a full disk: the message is tempfailed at its end
                g_shared->log->write(
                    u"cannot spool a message: %1"_s.arg(QString::fromLocal8Bit(strerror(errno))));
                return false;
            }
            data += n;
            length -= size_t(n);
        }
        return true;
    }
    // The message ends without being charged: its reservation goes back.
    void release()
    {
        if (open && !queueId.isEmpty() && !login.isEmpty()) {
            QuotaRequest r;
            r.kind = QuotaRequest::Kind::Release;
            r.queueId = queueId;
            (void)channel.call(r); // staffettad down: the reservation expires by itself
        }
        open = false;
    }
};

Session *session(SMFICTX *ctx)
{
    return static_cast<Session *>(smfi_getpriv(ctx));
}

QByteArray macro(SMFICTX *ctx, const char *name)
{
    const char *v = smfi_getsymval(ctx, const_cast<char *>(name));
    return v ? QByteArray(v) : QByteArray();
}

void noteQueueId(SMFICTX *ctx, Session *s)
{
    if (s->queueId.isEmpty())
        s->queueId = macro(ctx, "i");
}

QString unbracket(const char *address)
{
    QString a = QString::fromUtf8(address ? address : "");
    if (a.startsWith(u'<') && a.endsWith(u'>'))
        a = a.mid(1, a.size() - 2);
    return a;
}

sfsistat tempfail(SMFICTX *ctx, Session *s, const char *text)
{
    smfi_setreply(ctx, const_cast<char *>("451"), const_cast<char *>("4.3.0"),
                  const_cast<char *>(text));
    s->release();
    return SMFIS_TEMPFAIL;
}

sfsistat onNegotiate(SMFICTX *ctx, unsigned long actions, unsigned long steps, unsigned long,
                     unsigned long, unsigned long *wantedActions, unsigned long *wantedSteps,
                     unsigned long *reserved2, unsigned long *reserved3)
{
    auto *s = new Session;
    smfi_setpriv(ctx, s);
    *wantedActions = actions & (SMFIF_ADDRCPT | SMFIF_ADDRCPT_PAR);
    const unsigned long quiet =
        SMFIP_NR_CONN | SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY;
    s->noReply = steps & quiet;
    *wantedSteps = (steps & (SMFIP_NOHELO | SMFIP_NOUNKNOWN | SMFIP_NODATA)) | s->noReply;
    *reserved2 = 0;
    *reserved3 = 0;
    return SMFIS_CONTINUE;
}

sfsistat onConnect(SMFICTX *ctx, char *, _SOCK_ADDR *)
{
    Session *s = session(ctx);
    if (!s) { // an MTA that did not negotiate (milter protocol before version 6)
        s = new Session;
        smfi_setpriv(ctx, s);
    }
    return s->next(SMFIP_NR_CONN);
}

sfsistat onEnvFrom(SMFICTX *ctx, char **argv)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    s->release(); // a new MAIL FROM without an end of the last message (RSET)
    s->startMessage();
    s->sender = unbracket(argv[0]);
    s->login = QString::fromUtf8(macro(ctx, "{auth_authen}"));
    if (s->login.isEmpty()) {
        // Relaying by trusted address (the only mail this milter sees without AUTH): the
        // account the client belongs to, as staffettad charges it. Postfix's "_" macro is
        // "name [address]".
        const QByteArray client = macro(ctx, "_");
        const qsizetype open = client.lastIndexOf('['), close = client.lastIndexOf(']');
        QString address = open >= 0 && close > open
                              ? QString::fromLatin1(client.mid(open + 1, close - open - 1))
                              : QString();
        if (address.startsWith(u"IPv6:"_s, Qt::CaseInsensitive))
            address = address.mid(5);
        if (const auto p = g_shared->policy()) {
            if (const policy::Account *a = p->accountForClient(address))
                s->login = a->login;
        }
    }
    return s->next(SMFIP_NR_MAIL);
}

sfsistat onEnvRcpt(SMFICTX *ctx, char **)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    ++s->recipients;
    return s->next(SMFIP_NR_RCPT);
}

sfsistat onHeader(SMFICTX *ctx, char *name, char *value)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    noteQueueId(ctx, s);
    // Postfix passes a folded header with bare LF inside the value: put CRLF back, so the
    // spool is the message as the client sent it.
    QByteArray line = QByteArray(name) + ": ";
    for (const char *p = value; *p; ++p) {
        if (*p == '\n' && (p == value || p[-1] != '\r'))
            line += '\r';
        line += *p;
    }
    line += "\r\n";
    s->write(line.constData(), size_t(line.size()));
    return s->next(SMFIP_NR_HDR);
}

sfsistat onEoh(SMFICTX *ctx)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    noteQueueId(ctx, s);
    s->write("\r\n", 2);
    return s->next(SMFIP_NR_EOH);
}

sfsistat onBody(SMFICTX *ctx, unsigned char *chunk, size_t size)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    s->write(reinterpret_cast<const char *>(chunk), size);
    return s->next(SMFIP_NR_BODY);
}

// A refusal decided here, counted in the account's hourly stats by staffettad.
void countRefusal(Session *s, const QString &metric)
{
    if (s->login.isEmpty())
        return;
    QuotaRequest r;
    r.kind = QuotaRequest::Kind::Refused;
    r.login = s->login;
    r.metric = metric;
    (void)s->channel.call(r);
}

sfsistat refuseSize(SMFICTX *ctx, Session *s, const policy::Policy &p,
                    const policy::Account *account)
{
    const qint64 max = p.maxMessageSize(account);
    QByteArray text = policy::sizeNoticeText(p.language(account), max);
    smfi_setreply(ctx, const_cast<char *>("552"), const_cast<char *>("5.3.4"), text.data());
    g_shared->log->write(u"reject: size account %1 sender <%2> size %3 over %4 queue id %5"_s
                             .arg(loggable(s->login), loggable(s->sender))
                             .arg(s->size)
                             .arg(max)
                             .arg(loggable(QString::fromUtf8(s->queueId))));
    countRefusal(s, policy::metric::RejectedSize);
    s->release();
    return SMFIS_REJECT;
}

sfsistat refuseAttachment(SMFICTX *ctx, Session *s, const policy::Policy &p,
                          const policy::Account *account, const QString &name)
{
    const QStringList lines = p.content.noticeLines(p.language(account), name);
    std::array<QByteArray, 10> text;
    std::array<char *, 11> line{};
    for (qsizetype i = 0; i < lines.size() && i < qsizetype(text.size()); ++i) {
        text[size_t(i)] = lines[i].toLatin1();
        line[size_t(i)] = text[size_t(i)].data();
    }
    // Unused lines stay null: libmilter stops at the first.
    smfi_setmlreply(ctx, const_cast<char *>("554"), const_cast<char *>("5.7.1"), line[0], line[1],
                    line[2], line[3], line[4], line[5], line[6], line[7], line[8], line[9],
                    static_cast<char *>(nullptr));
    g_shared->log->write(
        u"reject: attachment account %1 sender <%2> attachment \"%3\" queue id %4"_s.arg(
            loggable(s->login), loggable(s->sender), loggable(name),
            loggable(QString::fromUtf8(s->queueId))));
    countRefusal(s, policy::metric::RejectedAttachment);
    s->release();
    return SMFIS_REJECT;
}

sfsistat onEom(SMFICTX *ctx)
{
    Session *s = session(ctx);
    if (!s)
        return SMFIS_TEMPFAIL;
    noteQueueId(ctx, s);
    const std::shared_ptr<const policy::Policy> p = g_shared->policy();
    if (!p)
        return tempfail(ctx, s, "Content rules not loaded yet, try again later");
    const bool inMemory = s->spool < 0 && s->memory.size() > 0;
    if (s->spoolFailed || (!inMemory && (s->spool < 0 || ::lseek(s->spool, 0, SEEK_SET) != 0)))
        return tempfail(ctx, s, "Cannot check the message content now, try again later");
    const policy::Account *account = s->login.isEmpty() ? nullptr : p->account(s->login);

    // 1. The size (the policy service leaves it to the milter).
    if (s->size > p->maxMessageSize(account))
        return refuseSize(ctx, s, *p, account);

    // 2. Attachments.
    if (p->attachmentMode(account) == policy::AttachmentMode::AllowList) {
        auto found = inMemory ? content::attachments(s->memory, s->boundaries)
                              : content::attachments(s->spool, s->boundaries);
        if (!found) {
            if (found.error().code == ErrorCode::MessageTooComplex ||
                found.error().code == ErrorCode::MessageAmbiguous) {
                g_shared->log->write(
                    u"reject: structure account %1 sender <%2> queue id %3: %4"_s.arg(
                        loggable(s->login), loggable(s->sender),
                        loggable(QString::fromUtf8(s->queueId)), found.error().message));
                smfi_setreply(ctx, const_cast<char *>("554"), const_cast<char *>("5.7.1"),
                              const_cast<char *>("The message's MIME structure cannot be "
                                                 "checked: it is refused"));
                s->release();
                return SMFIS_REJECT;
            }
            g_shared->log->write(u"cannot check queue id %1: %2"_s.arg(
                loggable(QString::fromUtf8(s->queueId)), found.error().message));
            return tempfail(ctx, s, "Cannot check the message content now, try again later");
        }
        if (auto bad = content::firstForbidden(found.value(), p->allowedExtensions(account)))
            return refuseAttachment(ctx, s, *p, account, bad->name);
    }

    // 3. The BCC archive.
    const policy::Bcc &bcc = p->bcc(account);
    QByteArray archive;
    if (bcc.mode == policy::BccMode::Address)
        archive = bcc.address.toUtf8();
    else if (bcc.mode == policy::BccMode::Mailbox && !g_shared->config.archiveDomain.isEmpty())
        archive = bcc.mailbox.toUtf8() + '@' + g_shared->config.archiveDomain.toUtf8();
    if (bcc.mode == policy::BccMode::Mailbox && archive.isEmpty()) {
        g_shared->log->write(
            u"cannot archive queue id %1: this relay has no [archive] domain"_s.arg(
                loggable(QString::fromUtf8(s->queueId))));
        return tempfail(ctx, s, "The archive is not available, try again later");
    }
    if (!archive.isEmpty()) {
        QByteArray rcpt = '<' + archive + '>';
        if (smfi_addrcpt_par(ctx, rcpt.data(), const_cast<char *>("NOTIFY=NEVER")) != MI_SUCCESS)
            return tempfail(ctx, s, "The archive is not available, try again later");
    }

    // 4. The quota, last: only a message every rule passed is charged.
    if (!s->login.isEmpty()) {
        QuotaRequest r;
        r.kind = QuotaRequest::Kind::Commit;
        // Without a queue id staffettad cannot find the held message: it charges every
        // recipient (the safe side) and the hold expires.
        r.queueId = s->queueId.isEmpty() ? QByteArrayLiteral("-") : s->queueId;
        r.login = s->login;
        r.recipients = s->recipients;
        const auto answer = s->channel.call(r);
        if (!answer) {
            g_shared->log->write(u"cannot charge queue id %1: %2"_s.arg(
                loggable(QString::fromUtf8(s->queueId)), answer.error().message));
            return tempfail(ctx, s, "Quota service unavailable, try again later");
        }
        if (answer.value().startsWith("OVER ")) {
            // "OVER N day" or "OVER N hour" (the limit the message no longer fits).
            const QList<QByteArray> over = answer.value().mid(5).split(' ');
            const QByteArray per = over.value(1) == "hour" ? "hour" : "day";
            const QByteArray text = '<' + s->sender.toUtf8() + "> has exceeded " + over.value(0) +
                                    " messages per 1 " + per;
            smfi_setreply(ctx, const_cast<char *>("450"), const_cast<char *>("4.7.1"),
                          const_cast<char *>(text.constData()));
            s->open = false; // staffettad gave the reservation back itself
            return SMFIS_TEMPFAIL;
        }
        if (answer.value() != "OK")
            return tempfail(ctx, s, "Quota service unavailable, try again later");
    }
    s->open = false;
    s->closeSpool();
    return SMFIS_CONTINUE;
}

sfsistat onAbort(SMFICTX *ctx)
{
    if (Session *s = session(ctx)) {
        noteQueueId(ctx, s);
        s->release();
        s->closeSpool();
    }
    return SMFIS_CONTINUE;
}

sfsistat onClose(SMFICTX *ctx)
{
    if (Session *s = session(ctx)) {
        s->release();
        delete s;
        smfi_setpriv(ctx, nullptr);
    }
    return SMFIS_CONTINUE;
}

} // namespace

void Shared::setPolicy(std::shared_ptr<const policy::Policy> p)
{
    const std::lock_guard lock(g_policyMutex);
    g_policy = std::move(p);
}

std::shared_ptr<const policy::Policy> Shared::policy() const
{
    const std::lock_guard lock(g_policyMutex);
    return g_policy;
}

Result<Done> start(Shared &shared)
{
    g_shared = &shared;
    content::init();
    static smfiDesc desc{};
    desc.xxfi_name = const_cast<char *>("staffetta");
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_flags = SMFIF_ADDRCPT | SMFIF_ADDRCPT_PAR;
    desc.xxfi_connect = onConnect;
    desc.xxfi_envfrom = onEnvFrom;
    desc.xxfi_envrcpt = onEnvRcpt;
    desc.xxfi_header = onHeader;
    desc.xxfi_eoh = onEoh;
    desc.xxfi_body = onBody;
    desc.xxfi_eom = onEom;
    desc.xxfi_abort = onAbort;
    desc.xxfi_close = onClose;
    desc.xxfi_negotiate = onNegotiate;
    if (smfi_register(desc) != MI_SUCCESS)
        return Error(ErrorCode::Internal, u"libmilter refused the filter's registration"_s);
    const QString listen = shared.config.milterListen;
    static QByteArray conn; // libmilter keeps the pointer
    conn = listen.toUtf8();
    if (smfi_setconn(conn.data()) != MI_SUCCESS ||
        smfi_setbacklog(daemon::largestListenBacklog()) != MI_SUCCESS ||
        smfi_opensocket(1) != MI_SUCCESS)
        return Error(ErrorCode::Config, u"cannot listen on %1"_s.arg(listen));
    if (listen.startsWith(u"unix:"_s) || listen.startsWith(u"local:"_s)) {
        const QByteArray path = QFile::encodeName(listen.mid(listen.indexOf(u':') + 1));
        const group *grp = getgrnam(shared.config.milterSocketGroup.toLocal8Bit().constData());
        if (!grp)
            return Error(ErrorCode::Config, u"[milter] socket_group: there is no group %1"_s.arg(
                                                shared.config.milterSocketGroup));
        // Only Postfix's group may talk to the filter.
        if (::chown(path.constData(), geteuid(), grp->gr_gid) != 0 ||
            ::chmod(path.constData(), 0660) != 0)
            return Error(ErrorCode::Config, u"cannot give %1 to the group %2: %3"_s.arg(
                                                listen, shared.config.milterSocketGroup,
                                                QString::fromLocal8Bit(strerror(errno))));
    }
    return Done{};
}

int run()
{
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}

} // namespace staffetta::milter
