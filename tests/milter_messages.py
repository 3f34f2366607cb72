"""Messages for the milter tests, CRLF as an MTA hands them over: fixtures, and bounces built
here (a large one, one without language hints)."""

from __future__ import annotations

import base64
import hashlib

from fixture_reading import FIXTURES


def fixture_crlf(name: str) -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def large_bounce(attachment_bytes: int = 240_000) -> bytes:
    """A Postfix bounce whose returned message carries a PDF of ``attachment_bytes`` (base64),
    as a full RET=FULL DSN does."""
    blob = b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(attachment_bytes // 32))
    encoded = base64.encodebytes(blob).replace(b"\n", b"\r\n")
    head = b"\r\n".join(
        [
            b"Return-Path: <>",
            b"Date: Wed, 25 Nov 2026 16:02:11 +0100 (CET)",
            b"From: MAILER-DAEMON@mail.example.org (Mail Delivery System)",
            b"Subject: Undelivered Mail Returned to Sender",
            b"To: paula.nowak@example.org",
            b"Auto-Submitted: auto-replied",
            b"MIME-Version: 1.0",
            b"Content-Type: multipart/report; report-type=delivery-status;",
            b'\tboundary="9A7C21B0F3.1795960931/mail.example.org"',
            b"Content-Transfer-Encoding: 8bit",
            b"Message-Id: <20261125150211.5D4E21B0F51@mail.example.org>",
            b"",
            b"This is a MIME-encapsulated message.",
            b"",
            b"--9A7C21B0F3.1795960931/mail.example.org",
            b"Content-Description: Notification",
            b"Content-Type: text/plain; charset=us-ascii",
            b"",
            b"This is the mail system at host mail.example.org.",
            b"",
            b"I'm sorry to have to inform you that your message could not",
            b"be delivered to one or more recipients. It's attached below.",
            b"",
            b"<jan.kowalski@example.net>: host mx.example.net[198.51.100.25] said: 552 5.2.2",
            b"    <jan.kowalski@example.net>: Mailbox full (in reply to RCPT TO command)",
            b"",
            b"--9A7C21B0F3.1795960931/mail.example.org",
            b"Content-Description: Delivery report",
            b"Content-Type: message/delivery-status",
            b"",
            b"Reporting-MTA: dns; mail.example.org",
            b"X-Postfix-Queue-ID: 9A7C21B0F3",
            b"X-Postfix-Sender: rfc822; paula.nowak@example.org",
            b"Arrival-Date: Wed, 25 Nov 2026 16:02:09 +0100 (CET)",
            b"",
            b"Final-Recipient: rfc822; jan.kowalski@example.net",
            b"Original-Recipient: rfc822;jan.kowalski@example.net",
            b"Action: failed",
            b"Status: 5.2.2",
            b"Remote-MTA: dns; mx.example.net",
            b"Diagnostic-Code: smtp; 552 5.2.2 <jan.kowalski@example.net>: Mailbox full",
            b"",
            b"--9A7C21B0F3.1795960931/mail.example.org",
            b"Content-Description: Undelivered Message",
            b"Content-Type: message/rfc822",
            b"",
            b"From: Paula Nowak <paula.nowak@example.org>",
            b"To: jan.kowalski@example.net",
            b"Subject: Umowa do podpisu",
            b"Date: Wed, 25 Nov 2026 16:02:08 +0100",
            b"Message-ID: <c1a9e3f0-77d2-4b5e-9f10-3e8d2b6a4c71@example.org>",
            b"Content-Language: pl",
            b"MIME-Version: 1.0",
            b'Content-Type: multipart/mixed; boundary="------------x0Q2tKf8"',
            b"",
            b"--------------x0Q2tKf8",
            b"Content-Type: text/plain; charset=UTF-8",
            b"",
            b"W za\xc5\x82\xc4\x85czniku umowa.",
            b"",
            b"--------------x0Q2tKf8",
            b'Content-Type: application/pdf; name="umowa.pdf"',
            b'Content-Disposition: attachment; filename="umowa.pdf"',
            b"Content-Transfer-Encoding: base64",
            b"",
            b"",
        ]
    )
    tail = b"\r\n".join(
        [
            b"--------------x0Q2tKf8--",
            b"",
            b"--9A7C21B0F3.1795960931/mail.example.org--",
            b"",
        ]
    )
    return head + encoded + tail


def ordinary_mail(token: str) -> bytes:
    """A personal message, 8-bit UTF-8, with a folded header: it must pass byte for byte."""
    return b"\r\n".join(
        [
            b"From: Sophie Lambert <sophie.lambert@example.net>",
            b"To: alice@bounceinterp.test",
            b"Subject: =?UTF-8?Q?D=C3=AEner_de_samedi?=",
            b"Date: Tue, 01 Dec 2026 18:04:12 +0100",
            b"Message-ID: <" + token.encode() + b"@example.net>",
            b"References: <0f9b2d7e-6c41-4a35-9e18-b3d5c7a02e61@example.net>",
            b"\t<1a2b3c4d-0000-4a35-9e18-b3d5c7a02e61@example.net>",
            b"MIME-Version: 1.0",
            b"Content-Type: text/plain; charset=UTF-8; format=flowed",
            b"Content-Transfer-Encoding: 8bit",
            b"Content-Language: fr",
            b"",
            b"Bonjour Alice,",
            b"",
            b"on se retrouve samedi \xc3\xa0 20 h ? J'apporte le g\xc3\xa2teau.",
            b"",
            b"Sophie",
            b"",
        ]
    )
