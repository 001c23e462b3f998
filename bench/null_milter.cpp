// The floor for milters: a libmilter milter that receives every event of every message (the
// connection, HELO, MAIL, RCPT, DATA, each header, EOH, the whole body) and accepts it at the
// end of the message, doing nothing else. It answers only that end of message (no reply for the
// other steps, SMFIP_NR_*): what it costs is the milter protocol, libmilter's threads and this
// machine's socket round trips, which bound every real milter driven the same way.
// With `every`, it answers every step (continue), as a libmilter milter that does not negotiate
// SMFIP_NR_* does: the floor of that protocol, one round trip per header and body chunk.
// With `spool DIR`, it also writes each message to an unlinked file in DIR as staffetta-milter
// does (O_TMPFILE, the headers as Postfix sends them, then the body chunks); with `parse DIR`,
// it then walks the spooled message with GMime (content::attachments, the milter's MIME walk),
// and accepts whatever it finds: the floors of the spool and of GMime, without any rule.
//   null_milter unix:PATH SECONDS [every | spool DIR | parse DIR]
#include "content/content.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <libmilter/mfapi.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace {

bool g_every = false;          // answer every step
const char *g_spool = nullptr; // spool each message in this directory
bool g_parse = false;          // and walk it with GMime

struct Spool
{
    int fd = -1;
    staffetta::content::BoundaryLines boundaries; // counted as written, as the milter does
};
Spool *spoolOf(SMFICTX *ctx)
{
    return static_cast<Spool *>(smfi_getpriv(ctx));
}
void spoolWrite(SMFICTX *ctx, const char *data, size_t length)
{
    if (!g_spool)
        return;
    Spool *s = spoolOf(ctx);
    if (!s) {
        s = new Spool;
        s->fd = ::open(g_spool, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (s->fd < 0)
            std::abort(); // a bench that cannot spool measures nothing
        smfi_setpriv(ctx, s);
    }
    s->boundaries.feed(QByteArrayView(data, qsizetype(length)));
    while (length > 0) {
        const ssize_t n = ::write(s->fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            std::abort();
        data += n;
        length -= size_t(n);
    }
}
void spoolClose(SMFICTX *ctx)
{
    if (Spool *s = spoolOf(ctx)) {
        ::close(s->fd);
        delete s;
        smfi_setpriv(ctx, nullptr);
    }
}

sfsistat nothing()
{
    return g_every ? SMFIS_CONTINUE : SMFIS_NOREPLY;
}

sfsistat onNegotiate(SMFICTX *, unsigned long, unsigned long steps, unsigned long, unsigned long,
                     unsigned long *actions, unsigned long *wanted, unsigned long *,
                     unsigned long *)
{
    *actions = 0;
    if (g_every) {
        *wanted = 0;
        return SMFIS_CONTINUE;
    }
    *wanted = steps & (SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL | SMFIP_NR_RCPT |
                       SMFIP_NR_DATA | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY | SMFIP_NR_UNKN);
    return SMFIS_CONTINUE;
}
sfsistat onConnect(SMFICTX *, char *, _SOCK_ADDR *)
{
    return nothing();
}
sfsistat onHelo(SMFICTX *, char *)
{
    return nothing();
}
sfsistat onMail(SMFICTX *, char **)
{
    return nothing();
}
sfsistat onRcpt(SMFICTX *, char **)
{
    return nothing();
}
sfsistat onData(SMFICTX *)
{
    return nothing();
}
sfsistat onHeader(SMFICTX *ctx, char *name, char *value)
{
    if (g_spool) {
        const std::string line = std::string(name) + ": " + value + "\r\n";
        spoolWrite(ctx, line.data(), line.size());
    }
    return nothing();
}
sfsistat onEoh(SMFICTX *ctx)
{
    spoolWrite(ctx, "\r\n", 2);
    return nothing();
}
sfsistat onBody(SMFICTX *ctx, unsigned char *chunk, size_t size)
{
    spoolWrite(ctx, reinterpret_cast<const char *>(chunk), size);
    return nothing();
}
sfsistat onEom(SMFICTX *ctx)
{
    if (Spool *spool = spoolOf(ctx); g_parse && spool) {
        ::lseek(spool->fd, 0, SEEK_SET);
        (void)staffetta::content::attachments(spool->fd, spool->boundaries);
    }
    spoolClose(ctx);
    return SMFIS_ACCEPT;
}
sfsistat onAbort(SMFICTX *ctx)
{
    spoolClose(ctx);
    return SMFIS_CONTINUE;
}
sfsistat onClose(SMFICTX *ctx)
{
    spoolClose(ctx);
    return SMFIS_CONTINUE;
}
sfsistat onUnknown(SMFICTX *, const char *)
{
    return nothing();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5 || std::strncmp(argv[1], "unix:", 5) != 0)
        return 2;
    g_every = argc == 4 && std::strcmp(argv[3], "every") == 0;
    if (argc == 5 && (std::strcmp(argv[3], "spool") == 0 || std::strcmp(argv[3], "parse") == 0)) {
        g_spool = argv[4];
        g_parse = std::strcmp(argv[3], "parse") == 0;
        staffetta::content::init();
    }
    alarm(unsigned(atoi(argv[2]))); // bounded: it stops by itself
    smfiDesc desc{};
    desc.xxfi_name = const_cast<char *>("null_milter");
    desc.xxfi_version = SMFI_VERSION;
    desc.xxfi_flags = 0;
    desc.xxfi_connect = onConnect;
    desc.xxfi_helo = onHelo;
    desc.xxfi_envfrom = onMail;
    desc.xxfi_envrcpt = onRcpt;
    desc.xxfi_header = onHeader;
    desc.xxfi_eoh = onEoh;
    desc.xxfi_body = onBody;
    desc.xxfi_eom = onEom;
    desc.xxfi_abort = onAbort;
    desc.xxfi_close = onClose;
    desc.xxfi_unknown = onUnknown;
    desc.xxfi_data = onData;
    desc.xxfi_negotiate = onNegotiate;
    if (smfi_setconn(argv[1]) != MI_SUCCESS || smfi_register(desc) != MI_SUCCESS ||
        smfi_opensocket(true) != MI_SUCCESS)
        return 1;
    chmod(argv[1] + 5, 0666); // Postfix's smtpd (user postfix) may connect
    return smfi_main() == MI_SUCCESS ? 0 : 1;
}
