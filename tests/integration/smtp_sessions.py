#!/usr/bin/env python3
"""Drives several SMTP submission sessions step by step, interleaved, with a real client
(Python's smtplib: STARTTLS, AUTH PLAIN), the way an attacker opens parallel sessions.

Reads a JSON spec on stdin:
  {"host": H, "port": P, "user": U, "password": W, "sender": S,
   "sessions": [{"rcpts": [...], "end": "data" | "kill" | "quit", "sender"?: S2,
                 "mail_options"?: ["AUTH=<...>", ...]}, ...]}
Without "user" the sessions do not authenticate. Addresses go out as given (swaks splits its
recipients at commas; a quoted local part may hold some). Every session connects and says
MAIL FROM first; then the RCPTs go round robin (first RCPT of every session, then the second,
...); then each session ends as told, in order: DATA with a small message, a dropped
connection without QUIT, or QUIT.
Prints {"sessions": [{"rcpt": [code, ...], "data": code | null}]} as JSON.
"""
import json
import smtplib
import ssl
import sys


def main():
    spec = json.load(sys.stdin)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    clients, results = [], []
    for s in spec["sessions"]:
        c = smtplib.SMTP(spec["host"], spec["port"], timeout=60)
        c.ehlo("attacker.example")
        c.starttls(context=context)
        c.ehlo("attacker.example")
        if spec.get("user"):
            c.login(spec["user"], spec["password"])
        code, _ = c.mail(s.get("sender", spec["sender"]), s.get("mail_options", []))
        assert code == 250, code
        clients.append(c)
        results.append({"rcpt": [], "data": None})
    longest = max(len(s["rcpts"]) for s in spec["sessions"])
    for i in range(longest):
        for c, s, r in zip(clients, spec["sessions"], results):
            if i < len(s["rcpts"]):
                code, _ = c.rcpt(s["rcpts"][i])
                r["rcpt"].append(code)
    for c, s, r in zip(clients, spec["sessions"], results):
        end = s.get("end", "data")
        if end == "data":
            try:
                code, _ = c.data(b"Subject: parallel\r\n\r\nOne of many sessions.\r\n")
            except smtplib.SMTPDataError as e:  # e.g. 554 no valid recipients
                code = e.smtp_code
            r["data"] = code
            c.quit()
        elif end == "kill":
            c.sock.close()  # the client dies: no RSET, no QUIT
        else:
            c.quit()
    json.dump({"sessions": results}, sys.stdout)


if __name__ == "__main__":
    main()
