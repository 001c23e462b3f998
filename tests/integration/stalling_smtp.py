#!/usr/bin/env python3
"""An SMTP server that stops answering, for the probe's timeout tests (loopback, any port).

Usage: stalling_smtp.py MODE [DELAY]. Prints the port it listens on (one line), then serves
until killed; every connection is kept open (never closed by the server). MODE:
  silent       accepts the connection and never sends a byte (no banner)
  mute         the banner and the EHLO reply (with STARTTLS and AUTH), then nothing more
  slow         every reply, the banner included, after DELAY s (never STARTTLS: 454)
"""
import socket
import sys
import threading
import time

MODE = sys.argv[1]
DELAY = float(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else 0.0
held = []

EHLO = b"250-stalling.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n"


def reply(line):
    verb = line.split(b" ", 1)[0].upper()
    if verb in (b"EHLO", b"HELO"):
        return EHLO
    if verb == b"STARTTLS":
        return b"454 4.7.0 TLS not available\r\n"
    if verb == b"AUTH":
        return b"535 5.7.8 Authentication failed\r\n"
    if verb == b"QUIT":
        return b"221 2.0.0 Bye\r\n"
    return b"250 2.0.0 Ok\r\n"


def serve(conn):
    held.append(conn)
    if MODE == "silent":
        return
    try:
        time.sleep(DELAY if MODE == "slow" else 0)
        conn.sendall(b"220 stalling.example ESMTP\r\n")
        buffer = b""
        answered = 0
        while True:
            data = conn.recv(4096)
            if not data:
                return
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                line = line.rstrip(b"\r")
                print(f"C: {line!r}", file=sys.stderr, flush=True)
                if MODE == "mute" and answered >= 1:
                    continue  # the session goes on, the server says nothing more
                if MODE == "slow":
                    time.sleep(DELAY)
                conn.sendall(reply(line))
                answered += 1
    except OSError:
        pass


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    print(sock.getsockname()[1], flush=True)
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
