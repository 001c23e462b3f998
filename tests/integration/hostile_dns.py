#!/usr/bin/env python3
"""A hostile DNS resolver for the reputation check's tests: UDP and TCP on one loopback port.

Usage: hostile_dns.py MODE [DELAY]. Prints the port it listens on (one line), then serves
until killed. Each query it gets is logged on stderr. MODE:
  tc-silent    every UDP answer has TC set (no records); TCP connections are accepted, the
               query is read, and nothing is ever sent back
  tc-slow      TC over UDP; over TCP the right answer (127.0.0.2, a listing) after DELAY s
  wrong-owner  over UDP the right id and question, but the A record 127.0.0.2 is owned by
               evil.example, not by the name asked
  wrong-id     over UDP first a listing (127.0.0.2, right question and owner) with another
               transaction id, then the right answer: NXDOMAIN
  wrong-question  the right id, but the question and the A record 127.0.0.2 are about
               evil.example; then NXDOMAIN for the right question
  cname        the name asked is a CNAME to listed.example, whose A record is 127.0.0.2
The answers are built by hand (struct): the point is to send what a resolver must not.
"""
import socket
import struct
import sys
import threading
import time

MODE = sys.argv[1]
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
held = []  # TCP connections kept open and silent


def parse_query(data):
    """(id, flags, question bytes as sent, qname as text)."""
    qid, flags = struct.unpack("!HH", data[:4])
    pos, labels = 12, []
    while data[pos]:
        n = data[pos]
        labels.append(data[pos + 1 : pos + 1 + n].decode("ascii"))
        pos += 1 + n
    pos += 1 + 4  # the root label, QTYPE, QCLASS
    return qid, flags, data[12:pos], ".".join(labels)


def name(text):
    out = b""
    for label in text.split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def message(qid, question, answers=(), rcode=0, tc=False, flags_in=0x0100):
    flags = 0x8000 | (flags_in & 0x0100) | 0x0080 | rcode  # QR, RD as asked, RA
    if tc:
        flags |= 0x0200
    header = struct.pack("!HHHHHH", qid, flags, 1, len(answers), 0, 0)
    return header + question + b"".join(answers)


def a_record(owner, address):
    return name(owner) + struct.pack("!HHIH", 1, 1, 60, 4) + socket.inet_aton(address)


def cname_record(owner, target):
    rdata = name(target)
    return name(owner) + struct.pack("!HHIH", 5, 1, 60, len(rdata)) + rdata


def udp_answers(data):
    qid, flags, question, qname = parse_query(data)
    print(f"udp {MODE} {qname} id={qid}", file=sys.stderr, flush=True)
    if MODE in ("tc-silent", "tc-slow"):
        return [message(qid, question, tc=True, flags_in=flags)]
    if MODE == "wrong-owner":
        return [message(qid, question, [a_record("evil.example", "127.0.0.2")], flags_in=flags)]
    if MODE == "wrong-id":
        return [
            message(qid ^ 0x5A5A, question, [a_record(qname, "127.0.0.2")], flags_in=flags),
            message(qid, question, rcode=3, flags_in=flags),
        ]
    if MODE == "wrong-question":
        other = name("evil.example") + struct.pack("!HH", 1, 1)
        return [
            message(qid, other, [a_record("evil.example", "127.0.0.2")], flags_in=flags),
            message(qid, question, rcode=3, flags_in=flags),
        ]
    if MODE == "cname":
        return [
            message(
                qid,
                question,
                [cname_record(qname, "listed.example"), a_record("listed.example", "127.0.0.2")],
                flags_in=flags,
            )
        ]
    raise SystemExit(f"unknown mode {MODE}")


def serve_udp(sock):
    while True:
        data, peer = sock.recvfrom(65535)
        for answer in udp_answers(data):
            sock.sendto(answer, peer)


def serve_tcp_connection(conn):
    try:
        length = struct.unpack("!H", conn.recv(2, socket.MSG_WAITALL))[0]
        data = conn.recv(length, socket.MSG_WAITALL)
        qid, flags, question, qname = parse_query(data)
        print(f"tcp {MODE} {qname} id={qid}", file=sys.stderr, flush=True)
        if MODE == "tc-slow":
            time.sleep(DELAY)
            answer = message(qid, question, [a_record(qname, "127.0.0.2")], flags_in=flags)
            conn.sendall(struct.pack("!H", len(answer)) + answer)
        held.append(conn)  # never closed: the client must give up on its own
    except (OSError, struct.error):
        pass


def serve_tcp(sock):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve_tcp_connection, args=(conn,), daemon=True).start()


def bind():
    # UDP and TCP on the same port, as a resolver's address names both.
    for _ in range(100):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = udp.getsockname()[1]
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        tcp.listen(64)
        return udp, tcp, port
    raise SystemExit("no port free for both UDP and TCP")


def main():
    udp, tcp, port = bind()
    threading.Thread(target=serve_tcp, args=(tcp,), daemon=True).start()
    print(port, flush=True)
    serve_udp(udp)


if __name__ == "__main__":
    main()
