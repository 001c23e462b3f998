#!/usr/bin/env python3
"""A realistic mail log of a busy smarthost, for the event index's benchmark (bench/run events).

    bench/maillog_gen.py OUT_DIR [LINES] [--seed N] [--now EPOCH]

Writes OUT_DIR/mail.log (exactly LINES Postfix lines, 1 000 000 by default), OUT_DIR/staffettad.log
(staffettad's refusals, in its own log as on a relay) and OUT_DIR/queries.txt (recipients and
senders to trace, drawn by volume, the busiest of each first) plus OUT_DIR/summary.json.

Every line is one of the shapes captured from the lab relay (bench/maillog-shapes.txt: Postfix
3.7, staffettad and staffetta-milter, values replaced by {fields}); what this program adds is the
values and their distributions:
- 3000 accounts (login = the mailbox address), each with one to three senders of its domain and
  one or two client addresses; how much each sends follows a Zipf law (a few send thousands of
  messages, most a handful), with office hours busier than the night;
- recipients: each account writes mostly to its own correspondents (20 to 300 of them) and
  sometimes to anyone; the domains follow a Zipf law too (the big mailbox providers first);
  80 % of messages have one recipient, 15 % two to four, 5 % five to twenty;
- per recipient: 93 % delivered at once, 3 % bounced (the remote server's 5xx, then a
  non-delivery notice back to the sender), 4 % deferred (connection refused), retried
  with Postfix's backoff (5 min doubling to 66 min) one to eight times, then delivered, or
  expired and returned to the sender;
- refusals: staffettad's (unauthorized sender, quota, blacklist) with Postfix's NOQUEUE line in
  the mail log and staffettad's own line in its log; one abused account that runs into its quota
  and keeps trying; the milter's attachment refusals;
- noise the index skips: connections without mail, SASL password guessing from many addresses
  (warning lines, lost connections).
"""
import argparse
import heapq
import json
import os
import random
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def load_shapes(path):
    shapes = {}
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, _, template = line.partition(" = ")
        shapes[key.strip()] = template
    return shapes


def syslog_stamp(t):
    tm = time.localtime(t)
    return "%s %02d %02d:%02d:%02d" % (MONTHS[tm.tm_mon - 1], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)


def iso_stamp(t):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


class Zipf:
    """Draws 0..n-1 with weight 1 / (i + q) ** s."""

    def __init__(self, rng, n, s=1.0, q=1.0):
        self.rng = rng
        acc, self.cum = 0.0, []
        for i in range(n):
            acc += 1.0 / (i + q) ** s
            self.cum.append(acc)

    def draw(self):
        import bisect
        return bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])


WORDS = ("studio rossi bianchi ferri colombo ricci marino greco bruno gallo conti costa giordano "
         "mancini rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara "
         "galli martini leone longo gentile martinelli vitale lombardo serra coppola desantis "
         "farmacia officina hotel ristorante edilizia trasporti ottica dentale legale commercialista "
         "immobiliare agenzia assicurazioni autofficina elettrica idraulica tipografia").split()
PROVIDERS = ["gmail.com", "libero.it", "hotmail.it", "outlook.it", "yahoo.it", "virgilio.it",
             "alice.it", "tiscali.it", "icloud.com", "outlook.com", "fastwebnet.it", "tin.it",
             "live.it", "email.it", "pec.it", "legalmail.it"]
MAILBOXES = ("info amministrazione ufficio segreteria fatture ordini commerciale vendite acquisti "
             "contabilita direzione personale tecnico supporto marketing noreply").split()
FIRST = ("marco giulia luca francesca andrea chiara paolo sara giovanni elena matteo anna "
         "stefano laura davide valentina roberto federica simone alessandra").split()


class World:
    def __init__(self, rng, accounts=3000, domains=40000, addresses=300000):
        self.rng = rng
        self.domains = list(PROVIDERS)
        seen = set(self.domains)
        while len(self.domains) < domains:
            d = "%s%s%s%s.%s" % (rng.choice(WORDS), rng.choice(["", "-", ""]), rng.choice(WORDS),
                                 rng.choice(["", "", str(rng.randrange(100))]),
                                 rng.choice(["it", "it", "it", "com", "eu", "net"]))
            if d not in seen:
                seen.add(d)
                self.domains.append(d)
        self.domain_draw = Zipf(rng, len(self.domains), s=1.1, q=2.0)
        self.addresses, seen = [], set()
        while len(self.addresses) < addresses:
            d = self.domains[self.domain_draw.draw()]
            local = (rng.choice(FIRST) + rng.choice([".", "", "_"]) + rng.choice(WORDS)
                     if rng.random() < 0.7 else rng.choice(MAILBOXES))
            if rng.random() < 0.3:
                local += str(rng.randrange(1, 99))
            a = "%s@%s" % (local, d)
            if a not in seen:
                seen.add(a)
                self.addresses.append(a)
        self.address_draw = Zipf(rng, len(self.addresses), s=0.85, q=30.0)
        self.mx = {}
        self.accounts = []
        used = set()
        for i in range(accounts):
            while True:
                d = "%s-%s.it" % (rng.choice(WORDS), rng.choice(WORDS)) if rng.random() < 0.5 else \
                    "%s%d.it" % (rng.choice(WORDS), rng.randrange(1000))
                if d not in used:
                    used.add(d)
                    break
            login = "%s@%s" % (rng.choice(MAILBOXES[:6]), d)
            senders = [login] + ["%s@%s" % (m, d) for m in rng.sample(MAILBOXES, rng.choice([0, 0, 1, 2]))
                                 if "%s@%s" % (m, d) != login]
            ips = [self.public_ip() for _ in range(rng.choice([1, 1, 1, 2]))]
            hosts = ["unknown" if rng.random() < 0.3 else
                     "host-%s.%s" % (ip.replace(".", "-"), rng.choice(["retail.telecomitalia.it", "business.fastweb.it",
                                                                        "static.vodafone.it", "ip.tiscali.it",
                                                                        "cust.eolo.it", "wind3.it"]))
                     for ip in ips]
            n = rng.randrange(20, 300)
            contacts = [self.addresses[self.address_draw.draw()] for _ in range(n)]
            self.accounts.append({"login": login, "domain": d, "senders": senders,
                                  "quota": rng.choice([300, 300, 300, 500, 1000, 2000]),
                                  "clients": list(zip(hosts, ips)), "contacts": contacts,
                                  "contact_draw": Zipf(rng, n, s=1.0, q=1.0)})
        self.account_draw = Zipf(rng, accounts, s=1.05, q=3.0)

    def public_ip(self):
        r = self.rng
        return "%d.%d.%d.%d" % (r.choice([2, 5, 37, 79, 80, 82, 87, 93, 95, 151, 176, 185, 188, 212, 213, 217]),
                                r.randrange(256), r.randrange(256), r.randrange(1, 255))

    def relay_of(self, domain):
        if domain not in self.mx:
            h = abs(hash(domain))
            if domain == "gmail.com":
                name = "gmail-smtp-in.l.google.com"
            elif domain in PROVIDERS:
                name = "mx%d.%s" % (h % 3 + 1, domain)
            else:
                name = "%s.mail.protection.outlook.com" % domain.replace(".", "-") if h % 4 == 0 else "mx.%s" % domain
            self.mx[domain] = (name, "%d.%d.%d.%d" % (h % 200 + 20, h // 200 % 256, h // 51200 % 256, h // 13107200 % 254 + 1))
        return self.mx[domain]


class Log:
    """Lines in time order: events are pushed with their time and written when no earlier one
    can come any more (the simulation clock passed them)."""

    def __init__(self, shapes, host, mail, staffettad, lines):
        self.shapes, self.host = shapes, host
        self.mail, self.staffettad = mail, staffettad
        self.heap, self.seq = [], 0
        self.target, self.written, self.daemon_lines = lines, 0, 0
        self.counts = {}

    def push(self, t, key, **values):
        self.seq += 1
        heapq.heappush(self.heap, (t, self.seq, key, values))

    def flush(self, until):
        while self.heap and self.heap[0][0] <= until and self.written < self.target:
            t, _, key, values = heapq.heappop(self.heap)
            self.emit(t, key, values)

    def emit(self, t, key, values):
        line = self.shapes[key].format(ts=syslog_stamp(t), iso=iso_stamp(t), host=self.host, **values)
        self.counts[key] = self.counts.get(key, 0) + 1
        if key.startswith("staffettad."):
            self.staffettad.write(line + "\n")
            self.daemon_lines += 1
        else:
            self.mail.write(line + "\n")
            self.written += 1

    def full(self):
        return self.written >= self.target


class Generator:
    def __init__(self, rng, world, log, now):
        self.rng, self.w, self.log, self.now = rng, world, log, now
        self.qids = set()
        self.pid = {p: [rng.randrange(1000, 60000) for _ in range(n)]
                    for p, n in (("smtpd", 40), ("smtp", 40), ("cleanup", 6), ("bounce", 4), ("error", 2))}
        self.qmgr = rng.randrange(1000, 60000)
        self.staffettad = rng.randrange(1000, 60000)
        self.sent_rcpts, self.sent_senders = {}, {}

    def p(self, kind):
        pool = self.pid[kind]
        if self.rng.random() < 0.001:  # a process reached max_use: another pid
            pool[self.rng.randrange(len(pool))] = self.rng.randrange(1000, 60000)
        return self.rng.choice(pool)

    def qid(self):
        while True:
            q = "%X" % self.rng.getrandbits(44)
            if len(q) == 11 and q not in self.qids:
                self.qids.add(q)
                return q

    def msgid(self, domain, t):
        r = self.rng.random()
        if r < 0.4:
            return "%08x.%06x.%d@%s" % (int(t), self.rng.getrandbits(24), self.rng.randrange(1000), domain)
        if r < 0.7:
            return "%08x-%04x-%04x-%04x-%012x@%s" % tuple([self.rng.getrandbits(32), self.rng.getrandbits(16),
                                                            self.rng.getrandbits(16), self.rng.getrandbits(16),
                                                            self.rng.getrandbits(48), domain])
        return "%s.%d@%s" % ("".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(16)),
                             self.rng.randrange(10 ** 6), domain)

    def delays(self, total):
        a = round(self.rng.uniform(0.01, 0.4), 2)
        b = round(self.rng.uniform(0, 0.02), 2)
        c = round(self.rng.uniform(0.02, max(0.03, total * 0.4)), 2)
        return "%s/%s/%s/%s" % (a, b, c, round(max(0.0, total - a - b - c), 2))

    def session(self, t, abused=None):
        rng, log = self.rng, self.log
        a = abused or self.w.accounts[self.w.account_draw.draw()]
        chost, cip = rng.choice(a["clients"])
        smtpd = self.p("smtpd")
        log.push(t, "smtpd.connect", pid=smtpd, client_host=chost, client_ip=cip)
        t += rng.uniform(0.1, 0.4)
        helo = "[%s]" % cip if rng.random() < 0.3 else "PC-%s" % a["domain"].split(".")[0].upper()[:12]
        sender = rng.choice(a["senders"])
        if abused:  # a script on a compromised site: random senders, always over quota
            sender = "%s@%s" % (rng.choice(FIRST), a["domain"])
        r = rng.random()
        if abused or r < 0.025:  # staffettad refuses at RCPT: no queue file
            rcpt = self.w.addresses[self.w.address_draw.draw()]
            which = "quota" if abused else rng.choice(["unauthorized", "unauthorized", "quota", "blacklist"])
            if which == "unauthorized":
                sender = "%s@%s" % (rng.choice(MAILBOXES), self.w.domains[self.w.domain_draw.draw()])
            key = {"unauthorized": "smtpd.reject_sender", "quota": "smtpd.reject_quota",
                   "blacklist": "smtpd.reject_blacklist"}[which]
            log.push(t, "staffettad." + which, pid=self.staffettad, account=a["login"], sender=sender,
                     client_ip=cip, recipient=rcpt, quota=a["quota"])
            log.push(t + 0.01, key, pid=smtpd, client_host=chost, client_ip=cip, sender=sender,
                     recipient=rcpt, helo=helo, account=a["login"], quota=a["quota"])
            log.push(t + 0.2, "smtpd.disconnect_rejected", pid=smtpd, client_host=chost, client_ip=cip)
            return
        n = 1 if r < 0.8 else rng.randrange(2, 5) if r < 0.95 else rng.randrange(5, 21)
        rcpts = []
        while len(rcpts) < n:
            x = a["contacts"][a["contact_draw"].draw()] if rng.random() < 0.8 else \
                self.w.addresses[self.w.address_draw.draw()]
            if x not in rcpts:
                rcpts.append(x)
        qid = self.qid()
        size = int(rng.lognormvariate(10.2, 1.4)) + 800
        log.push(t, "smtpd.client", pid=smtpd, qid=qid, client_host=chost, client_ip=cip, account=a["login"])
        cleanup = self.p("cleanup")
        t += 0.05 + size / 5e6
        log.push(t, "cleanup.message_id", pid=cleanup, qid=qid, message_id=self.msgid(a["domain"], t))
        if rng.random() < 0.003:  # a forbidden attachment: the milter refuses it at its end
            log.push(t + 0.01, "cleanup.milter_reject", pid=cleanup, qid=qid, client_host=chost, client_ip=cip,
                     filename=rng.choice(["fattura.zip", "documento.exe", "ordine.pdf.js", "scan.7z"]),
                     sender=sender, recipient=rcpts[0], helo=helo)
            log.push(t + 0.1, "smtpd.disconnect_milter", pid=smtpd, client_host=chost, client_ip=cip, rcpt=n,
                     commands_failed="%d/%d" % (n + 6, n + 7))
            return
        log.push(t + 0.01, "qmgr.from", pid=self.qmgr, qid=qid, sender=sender, size=size, nrcpt=n)
        log.push(t + 0.05, "smtpd.disconnect", pid=smtpd, client_host=chost, client_ip=cip, rcpt=n, commands=n + 7)
        self.sent_senders[sender] = self.sent_senders.get(sender, 0) + 1
        done = t
        bounced = []
        for rcpt in rcpts:
            self.sent_rcpts[rcpt] = self.sent_rcpts.get(rcpt, 0) + 1
            end, fate = self.deliver(qid, sender, size, rcpt, t)
            done = max(done, end)
            if fate == "bounced":
                bounced.append(rcpt)
            elif fate == "expired":
                log.push(end, "qmgr.expired", pid=self.qmgr, qid=qid, sender=sender)
                bounced.append(rcpt)
        if bounced:
            done = self.notice(qid, sender, done + 0.01)
        log.push(done + 0.01, "qmgr.removed", pid=self.qmgr, qid=qid)

    def deliver(self, qid, sender, size, rcpt, t):
        """One recipient's attempts; returns (time of the last, fate)."""
        rng, log = self.rng, self.log
        domain = rcpt.rsplit("@", 1)[1]
        relay, ip = self.w.relay_of(domain)
        smtp = self.p("smtp")
        r = rng.random()
        start = t
        t += rng.uniform(0.2, 2.5)
        if r < 0.93:
            d = t - start
            log.push(t, "smtp.sent", pid=smtp, qid=qid, recipient=rcpt, relay_host=relay, relay_ip=ip,
                     delay=round(d, 2), delays=self.delays(d))
            return t, "sent"
        if r < 0.96:
            d = t - start
            log.push(t, "smtp.bounced", pid=smtp, qid=qid, recipient=rcpt, relay_host=relay, relay_ip=ip,
                     delay=round(d, 2), delays=self.delays(d))
            return t, "bounced"
        tries = rng.randrange(1, 9)
        expires = rng.random() < 0.25
        backoff = 300.0
        for i in range(tries):
            d = t - start
            log.push(t - 0.01, "smtp.connect_refused", pid=smtp, relay_host=relay, relay_ip=ip)
            log.push(t, "smtp.deferred_refused", pid=smtp, qid=qid, recipient=rcpt, relay_host=relay, relay_ip=ip,
                     delay=int(d) if d > 100 else round(d, 2), delays=self.delays(min(d, 30)))
            t += backoff * rng.uniform(1.0, 1.2)
            backoff = min(backoff * 2, 4000.0)
            log.push(t, "qmgr.from", pid=self.qmgr, qid=qid, sender=sender, size=size, nrcpt=1)
            t += rng.uniform(0.05, 1.0)
        if expires:
            return t, "expired"
        d = t - start
        log.push(t, "smtp.sent", pid=self.p("smtp"), qid=qid, recipient=rcpt, relay_host=relay, relay_ip=ip,
                 delay=round(d), delays=self.delays(min(d, 30)))
        return t, "sent"

    def notice(self, qid, sender, t):
        """The non-delivery notice back to the sender, delivered through the relay's smtp; the
        bounced message is removed once it is queued (the order the lab logged them)."""
        log = self.log
        nqid = self.qid()
        log.push(t, "notice.message_id", pid=self.p("cleanup"), qid=nqid,
                 stamp=time.strftime("%Y%m%d%H%M%S", time.localtime(t)))
        log.push(t + 0.001, "qmgr.from_null", pid=self.qmgr, qid=nqid, size=self.rng.randrange(2000, 9000))
        log.push(t + 0.002, "bounce.notice", pid=self.p("bounce"), qid=qid, notice_qid=nqid)
        domain = sender.rsplit("@", 1)[1]
        relay, ip = self.w.relay_of(domain)
        d = self.rng.uniform(0.2, 1.5)
        log.push(t + d, "smtp.sent", pid=self.p("smtp"), qid=nqid, recipient=sender, relay_host=relay, relay_ip=ip,
                 delay=round(d, 2), delays=self.delays(d))
        log.push(t + d + 0.01, "qmgr.removed", pid=self.qmgr, qid=nqid)
        return t + 0.003

    def noise(self, t):
        """A connection that sends nothing the index keeps: password guessing, a probe."""
        rng, log = self.rng, self.log
        smtpd = self.p("smtpd")
        ip = self.w.public_ip()
        log.push(t, "smtpd.connect", pid=smtpd, client_host="unknown", client_ip=ip)
        r = rng.random()
        if r < 0.75:
            log.push(t + 2.1, "smtpd.sasl_failed", pid=smtpd, client_host="unknown", client_ip=ip,
                     guess=rng.choice(["admin", "info", "test", "user", "postmaster", "sales", rng.choice(FIRST)]))
            log.push(t + 2.2, "smtpd.disconnect_auth", pid=smtpd, client_host="unknown", client_ip=ip)
        elif r < 0.9:
            log.push(t + 0.3, "smtpd.disconnect_probe", pid=smtpd, client_host="unknown", client_ip=ip)
        else:
            log.push(t + 0.01, "smtpd.lost_connect", pid=smtpd, client_host="unknown", client_ip=ip)
            log.push(t + 0.01, "smtpd.disconnect_none", pid=smtpd, client_host="unknown", client_ip=ip)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("lines", nargs="?", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--now", type=float, default=time.time())
    ap.add_argument("--days", type=float, default=4.0)
    ap.add_argument("--shapes", default=os.path.join(HERE, "maillog-shapes.txt"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    shapes = load_shapes(args.shapes)
    world = World(rng)
    os.makedirs(args.out, exist_ok=True)
    # About 8.26 lines per event on average (measured on this generator: with 10, 1M lines asked
    # over 9 days spanned 10.9, and a log ending more than a day after its reader's clock is read
    # as last year's): the rate that makes LINES lines span DAYS days, office hours three times
    # busier than the night.
    per_event = 8.26
    mean_gap = args.days * 86400 / (args.lines / per_event)
    t = args.now - args.days * 86400
    with open(os.path.join(args.out, "mail.log"), "w") as mail, \
            open(os.path.join(args.out, "staffettad.log"), "w") as daemon:
        log = Log(shapes, "relay.example.net", mail, daemon, args.lines)
        gen = Generator(rng, world, log, args.now)
        abused = world.accounts[rng.randrange(100, 3000)]
        burst_at = args.now - args.days * 86400 * 0.35
        while not log.full():
            hour = time.localtime(t).tm_hour
            busy = 1.5 if 8 <= hour < 19 else 0.5
            t += rng.expovariate(busy / mean_gap)
            r = rng.random()
            if burst_at <= t < burst_at + 3 * 3600 and r < 0.3:
                gen.session(t, abused=abused)
            elif r < 0.08:
                gen.noise(t)
            else:
                gen.session(t)
            log.flush(t - 1)
        log.flush(float("inf"))
        lines, daemon_lines, last = log.written, log.daemon_lines, t
    # Queries: the busiest recipients and senders first (the worst case for a trace), then
    # others drawn by volume, as a helpdesk would look them up.
    def pick(counts, n):
        top = sorted(counts, key=counts.get, reverse=True)
        keys, weights = list(counts), list(counts.values())
        return top[:5] + rng.choices(keys, weights=weights, k=n - 5)
    with open(os.path.join(args.out, "queries.txt"), "w") as q:
        for r in pick(gen.sent_rcpts, 100):
            q.write("recipient %s\n" % r)
        for s in pick(gen.sent_senders, 100):
            q.write("sender %s\n" % s)
    top_r = max(gen.sent_rcpts.values())
    top_s = max(gen.sent_senders.values())
    json.dump({"mail_lines": lines, "staffettad_lines": daemon_lines, "accounts": len(world.accounts),
               "messages": sum(gen.sent_senders.values()), "recipients": len(gen.sent_rcpts),
               "senders": len(gen.sent_senders), "busiest_recipient": top_r, "busiest_sender": top_s,
               "first": args.now - args.days * 86400, "last": last, "shapes": log.counts},
              open(os.path.join(args.out, "summary.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
