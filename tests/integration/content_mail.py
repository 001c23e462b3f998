#!/usr/bin/env python3
"""Builds MIME messages the way mail clients do (Python's email package) and submits them
through the lab relay with smtplib (STARTTLS, AUTH PLAIN); reads a POP3 mailbox (poplib).

  content_mail.py send KIND   reads {"host","port","user","password","sender","to":[...]}
                              on stdin, prints {"code": N, "reply": "...", "body": "..."}
                              (body: the message's bytes after its header, as sent)
  content_mail.py pop3        reads {"host","port","user","password"}, prints
                              {"messages": ["<the whole message>", ...]}

KIND: plain | pdf | zip | rfc2231_exe | nested_exe | upper_pdf_exe | big_pdf | big_pdf_zip
"""
import json
import poplib
import smtplib
import ssl
import sys
from email import policy
from email.message import EmailMessage


def build(kind, sender, to):
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = sender
    m["To"] = ", ".join(to)
    m["Subject"] = "content " + kind
    m["Message-ID"] = "<content-%s-%s@lab.test>" % (kind, id(m))
    m.set_content("Buongiorno,\nin allegato il documento.\n")
    if kind == "pdf":
        m.add_attachment(b"%PDF-1.4\n%fake\n", maintype="application", subtype="pdf",
                         filename="fattura.pdf")
    elif kind == "zip":
        m.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip",
                         filename="esempio.zip")
    elif kind == "rfc2231_exe":
        # A non-ASCII name: email writes it RFC 2231-encoded (filename*=utf-8''...).
        m.add_attachment(b"MZ", maintype="application", subtype="octet-stream",
                         filename=("utf-8", "", "fattura-\u00e8.exe"))
    elif kind == "nested_exe":
        inner = EmailMessage(policy=policy.SMTP)
        inner["From"] = "someone@example.com"
        inner["Subject"] = "forwarded"
        inner.set_content("see attached")
        inner.add_attachment(b"MZ", maintype="application", subtype="octet-stream",
                             filename="setup.exe")
        m.add_attachment(inner)
    elif kind in ("big_pdf", "big_pdf_zip"):
        # About 9 MB on the wire: more than the milter keeps in memory (8 MiB), so it is
        # spooled to a file part way through, under the lab's 10 MiB size limit.
        m.add_attachment(b"%PDF-1.4\n" + bytes(range(256)) * 26000, maintype="application",
                         subtype="pdf", filename="manuale.pdf")
        if kind == "big_pdf_zip":
            m.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip",
                             filename="esempio.zip")
    elif kind == "upper_pdf_exe":
        m.add_attachment(b"MZ", maintype="application", subtype="octet-stream",
                         filename="x.PDF.exe")
    elif kind != "plain":
        raise SystemExit("unknown kind " + kind)
    return m


def send(kind, spec):
    m = build(kind, spec["sender"], spec["to"])
    data = m.as_bytes()
    body = data.split(b"\r\n\r\n", 1)[1]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    c = smtplib.SMTP(spec["host"], spec["port"], timeout=60)
    try:
        c.starttls(context=context)
        c.login(spec["user"], spec["password"])
        c.sendmail(spec["sender"], spec["to"], data)
        code, reply = 250, "accepted"
    except smtplib.SMTPRecipientsRefused as e:
        first = list(e.recipients.values())[0]
        code, reply = first[0], first[1].decode("utf-8", "replace")
    except smtplib.SMTPResponseException as e:
        # Refused at any step (DATA, MAIL, or the session itself while the milter is down).
        code, reply = e.smtp_code, e.smtp_error.decode("utf-8", "replace")
    try:
        c.quit()
    except (smtplib.SMTPException, OSError):
        pass
    return {"code": code, "reply": reply, "body": body.decode("utf-8", "replace"),
            "message_id": m["Message-ID"]}


def pop3(spec):
    p = poplib.POP3(spec["host"], spec["port"], timeout=30)
    p.user(spec["user"])
    p.pass_(spec["password"])
    out = []
    count, _ = p.stat()
    for i in range(1, count + 1):
        _, lines, _ = p.retr(i)
        out.append(b"\r\n".join(lines).decode("utf-8", "replace"))
    p.quit()
    return {"messages": out}


def main():
    spec = json.load(sys.stdin)
    if sys.argv[1] == "send":
        print(json.dumps(send(sys.argv[2], spec)))
    elif sys.argv[1] == "pop3":
        print(json.dumps(pop3(spec)))
    else:
        raise SystemExit("usage: content_mail.py send KIND | pop3")


if __name__ == "__main__":
    main()
