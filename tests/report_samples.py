"""Bounces written the way Postfix 3.x writes them, with the recipient, the refusal and the dates
as parameters, and mailbox trees (mbox, Maildir) built from them in a temporary directory.

The layout is Postfix's own (bounce(8) templates: "Undelivered Mail Returned to Sender" and
"Delayed Mail (still being retried)", a multipart/report with the notification, the
delivery-status part and the returned headers). Every name, address and IP is made up
(example.* domains, documentation IP ranges).
"""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

MTA = "smtp.example.org"
SENDER = "claire.rousseau@example.org"


@dataclass(frozen=True)
class Refusal:
    """What the remote server answered."""

    status: str
    diagnostic: str
    remote: str = "mx.example.net"
    remote_ip: str = "198.51.100.20"
    action: str = "failed"


def pbl(ip: str = "203.0.113.7") -> Refusal:
    return Refusal(
        "5.7.1",
        f"554 5.7.1 Service unavailable; Client host [{ip}] blocked using pbl.spamhaus.org; "
        f"https://www.spamhaus.org/query/ip/{ip}",
    )


def spf_fail(ip: str = "192.0.2.7") -> Refusal:
    return Refusal(
        "5.7.23",
        "550 5.7.23 <{rcpt}>: Recipient address rejected: Message rejected due to: SPF fail - "
        f"not authorized. Please see http://www.openspf.net/Why?s=mfrom;id={SENDER};ip={ip};"
        "r=<UNKNOWN>",
    )


def no_ptr(ip: str = "203.0.113.7") -> Refusal:
    return Refusal(
        "5.7.25",
        f"550-5.7.25 [{ip}] The IP address sending this message does not have a PTR record "
        "setup, or the corresponding forward DNS entry does not point to the sending IP. As a "
        "policy, Gmail does not accept messages from IPs with missing PTR records. - gsmtp",
        remote="gmail-smtp-in.l.google.com",
        remote_ip="192.0.2.26",
    )


def user_unknown() -> Refusal:
    return Refusal(
        "5.1.1",
        "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table",
    )


def mailbox_full() -> Refusal:
    return Refusal("5.2.2", "552 5.2.2 <{rcpt}>: Recipient address rejected: Mailbox full")


def host_down() -> Refusal:
    return Refusal("4.4.1", "", action="delayed")


def bounce(
    rcpt: str,
    refusal: Refusal,
    when: datetime,
    *,
    original_rcpt: str | None = None,
    mta: str = MTA,
    subject: str = "Compte rendu de la réunion",
) -> bytes:
    """One bounce for ``rcpt``, written by ``mta`` at ``when``. With ``original_rcpt`` the
    message was forwarded by ``mta`` (a .forward or virtual alias to another domain)."""
    queue_id = hashlib.sha256(f"{rcpt}{when}".encode()).hexdigest()[:11].upper()
    stamp = int(when.timestamp())
    boundary = f"{queue_id}.{stamp}/{mta}"
    date = format_datetime(when)
    arrival = format_datetime(when - timedelta(seconds=4))
    delayed = refusal.action == "delayed"
    diagnostic = refusal.diagnostic.replace("{rcpt}", rcpt)
    if delayed:
        reason = f"connect to {refusal.remote}[{refusal.remote_ip}]:25: Connection timed out"
        said = f"<{rcpt}>: {reason}"
        diagnostic_field = f"X-Postfix; {reason}"
    else:
        said = (
            f"<{rcpt}>: host {refusal.remote}[{refusal.remote_ip}] said: {diagnostic} (in "
            "reply to RCPT TO command)"
        )
        diagnostic_field = f"smtp; {diagnostic}"
    if original_rcpt:
        said = said.replace(f"<{rcpt}>:", f"<{rcpt}> (expanded from <{original_rcpt}>):", 1)
    notice = "\n".join(textwrap.wrap(said, 76, subsequent_indent="    ", break_long_words=False))
    if delayed:
        heading = "Delayed Mail (still being retried)"
        intro = (
            "####################################################################\n"
            "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
            "####################################################################\n\n"
            "Your message could not be delivered for more than 4 hour(s).\n"
            "It will be retried until it is 5 day(s) old.\n"
        )
        retry = f"Will-Retry-Until: {format_datetime(when + timedelta(days=5))}\n"
    else:
        heading = "Undelivered Mail Returned to Sender"
        intro = (
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.\n"
        )
        retry = ""
    folded = "\n    ".join(
        textwrap.wrap(diagnostic_field, 78, break_long_words=False, break_on_hyphens=False)
    )
    text = f"""Return-Path: <>
X-Original-To: {SENDER}
Delivered-To: {SENDER}
Received: by {mta} (Postfix)
\tid {queue_id}; {date}
Date: {date}
From: MAILER-DAEMON@{mta} (Mail Delivery System)
Subject: {heading}
To: {SENDER}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Content-Transfer-Encoding: 8bit
Message-Id: <{when:%Y%m%d%H%M%S}.{queue_id}@{mta}>

This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host {mta}.

{intro}
For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

{notice}

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {mta}
X-Postfix-Queue-ID: {queue_id}
X-Postfix-Sender: rfc822; {SENDER}
Arrival-Date: {arrival}

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822;{original_rcpt or rcpt}
Action: {refusal.action}
Status: {refusal.status}
{"" if delayed else f"Remote-MTA: dns; {refusal.remote}{chr(10)}"}Diagnostic-Code: {folded}
{retry}
--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <{SENDER}>
Received: from [192.0.2.40] (ws-04.example.org [192.0.2.40])
\tby {mta} (Postfix) with ESMTPSA id {queue_id}
\tfor <{original_rcpt or rcpt}>; {arrival}
Message-ID: <{queue_id.lower()}@example.org>
Date: {arrival}
From: Claire Rousseau <{SENDER}>
To: <{original_rcpt or rcpt}>
Subject: {subject}
Content-Language: fr
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8; format=flowed

--{boundary}--
"""
    return text.encode()


def day(number: int, hour: int = 10) -> datetime:
    """A moment on day ``number`` of November 2026, UTC."""
    return datetime(2026, 11, number, hour, 14, 3, tzinfo=UTC)


def mbox(path: Path, messages: list[bytes]) -> Path:
    """An mboxrd file as a delivery agent writes it: a ``From`` line before each message,
    ``From`` lines in bodies quoted, an empty line after each message."""
    with path.open("wb") as out:
        for index, raw in enumerate(messages):
            out.write(f"From MAILER-DAEMON  Tue Nov {index + 1:2d} 10:14:03 2026\n".encode())
            for line in raw.splitlines(keepends=True):
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                out.write(line)
            if not raw.endswith(b"\n"):
                out.write(b"\n")
            out.write(b"\n")
    return path


def maildir(path: Path, new: list[bytes] = (), cur: list[bytes] = ()) -> Path:  # type: ignore[assignment]
    """A Maildir with ``cur`` messages (seen) and ``new`` ones, named as Dovecot names them."""
    for part in ("cur", "new", "tmp"):
        (path / part).mkdir(parents=True, exist_ok=True)
    for index, raw in enumerate(cur):
        (path / "cur" / f"17955{index:05d}.M{index}P4242.mail,S={len(raw)}:2,S").write_bytes(raw)
    for index, raw in enumerate(new):
        (path / "new" / f"17956{index:05d}.M{index}P4243.mail,S={len(raw)}").write_bytes(raw)
    return path
