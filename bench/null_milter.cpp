// The floor for milters: a libmilter milter that receives every event of every message (the
// connection, HELO, MAIL, RCPT, DATA, each header, EOH, the whole body) and accepts it at the
// end of the message, doing nothing else. It answers only that end of message (no reply for the
// other steps, SMFIP_NR_*): what it costs is the milter protocol, libmilter's threads and this
// machine's socket round trips, which bound every real milter driven the same way.
// With `every`, it answers every step (continue), as a libmilter milter that does not negotiate
// SMFIP_NR_* does: the floor of that protocol, one round trip per header and body chunk.
//   null_milter unix:PATH SECONDS [every]
#include <cstdlib>
#include <cstring>
#include <libmilter/mfapi.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

bool g_every = false; // answer every step

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
sfsistat onHeader(SMFICTX *, char *, char *)
{
    return nothing();
}
sfsistat onEoh(SMFICTX *)
{
    return nothing();
}
sfsistat onBody(SMFICTX *, unsigned char *, size_t)
{
    return nothing();
}
sfsistat onEom(SMFICTX *)
{
    return SMFIS_ACCEPT;
}
sfsistat onAbort(SMFICTX *)
{
    return SMFIS_CONTINUE;
}
sfsistat onClose(SMFICTX *)
{
    return SMFIS_CONTINUE;
}
sfsistat onUnknown(SMFICTX *, const char *)
{
    return nothing();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || std::strncmp(argv[1], "unix:", 5) != 0)
        return 2;
    g_every = argc == 4 && std::strcmp(argv[3], "every") == 0;
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
