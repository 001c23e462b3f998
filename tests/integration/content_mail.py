#!/usr/bin/env python3
"""Builds MIME messages the way mail clients do (Python's email package) and submits them
through the lab relay with smtplib (STARTTLS, AUTH PLAIN); reads a POP3 mailbox (poplib).

  content_mail.py send KIND   reads {"host","port","user","password","sender","to":[...]}
                              on stdin, prints {"code": N, "reply": "...", "body": "..."}
                              (body: the message's bytes after its header, as sent)
  content_mail.py pop3        reads {"host","port","user","password"}, prints
                              {"messages": ["<the whole message>", ...]}

KIND: plain | pdf | zip | rfc2231_exe | nested_exe | upper_pdf_exe | big_pdf | big_pdf_zip |
      uuencode_exe | uuencode_pdf | signed | signed_exe_signature
"""
import binascii
import json
import os
import poplib
import smtplib
import ssl
import sys
import uuid
from email import policy
from email.encoders import encode_7or8bit
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText


def uuencoded(name, data):
    """A file the way uuencode(1) writes it into a text: begin line, 45-byte lines, end."""
    lines = ["begin 644 " + name]
    for at in range(0, len(data), 45):
        lines.append(binascii.b2a_uu(data[at:at + 45], backtick=True).decode("ascii").rstrip("\n"))
    return "\n".join(lines + ["`", "end"]) + "\n"


def signed(kind, sender, to):
    """A multipart/signed (RFC 3156) the way OpenPGP clients send it: the text, then the
    signature part; for signed_exe_signature that part is a 300 KB invoice.exe typed as a
    signature."""
    m = MIMEMultipart("signed", protocol="application/pgp-signature", micalg="pgp-sha256",
                      policy=policy.SMTP)
    m["From"] = sender
    m["To"] = ", ".join(to)
    m["Subject"] = "content " + kind
    m["Message-ID"] = "<content-%s-%s@lab.test>" % (kind, uuid.uuid4().hex)
    m.attach(MIMEText("Buongiorno,\nin allegato il documento.\n", "plain", "utf-8",
                      policy=policy.SMTP))
    if kind == "signed":
        sig = MIMEApplication(b"-----BEGIN PGP SIGNATURE-----\n\niHUEARYIAB0WIQQ=\n=AbCd\n"
                              b"-----END PGP SIGNATURE-----\n", "pgp-signature",
                              _encoder=encode_7or8bit, policy=policy.SMTP, name="signature.asc")
        sig["Content-Description"] = "OpenPGP digital signature"
        sig.add_header("Content-Disposition", "attachment", filename="signature.asc")
    else:
        sig = MIMEApplication(b"MZ" + os.urandom(300 * 1024), "pgp-signature", policy=policy.SMTP)
        sig.add_header("Content-Disposition", "attachment", filename="invoice.exe")
    m.attach(sig)
    return m


def build(kind, sender, to):
    if kind in ("signed", "signed_exe_signature"):
        return signed(kind, sender, to)
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = sender
    m["To"] = ", ".join(to)
    m["Subject"] = "content " + kind
    m["Message-ID"] = "<content-%s-%s@lab.test>" % (kind, uuid.uuid4().hex)
    if kind in ("uuencode_exe", "uuencode_pdf"):
        # The file in the text itself, as old clients attach (no MIME part, no name header).
        name = "evil.exe" if kind == "uuencode_exe" else "report.pdf"
        m.set_content("Buongiorno,\nil file qui sotto.\n\n" +
                      uuencoded(name, b"MZ\x90\x00" * 200) + "\nSaluti\n")
        return m
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
