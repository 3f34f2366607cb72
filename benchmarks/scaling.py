"""How ``interpret()`` scales: with the number of recipients, and with the size of a message
up to 50 MB, in time and in peak memory.

    python benchmarks/scaling.py [--sizes 1,5,10,25,50] [--recipients 1000,2000,5000,10000]

Each case runs in a fresh process (so its peak memory is its own): the message is built in
memory, ``interpret`` runs once to warm up on a small message, then on the case, with
``max_message_bytes`` raised so that the whole message is read. Prints seconds, microseconds
per recipient or milliseconds per MB (constant when the cost is linear), and the peak memory
the case added, as a multiple of the message's size.
"""

from __future__ import annotations

import argparse
import base64
import json
import resource
import subprocess
import sys
import time

MB = 1024 * 1024


def dsn(recipients: int, returned: bytes = b"") -> bytes:
    groups = "".join(
        f"\nFinal-Recipient: rfc822; user{n}@example.net\nAction: failed\nStatus: 5.1.1\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <user{n}@example.net>: Recipient address rejected: "
        "User unknown in virtual mailbox table\n"
        for n in range(recipients)
    )
    return (
        b"From: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\n"
        b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
        b"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n"
        + groups.encode()
        + b"\n--b\nContent-Type: message/rfc822\n\n"
        + (returned or b"Subject: hello\nTo: user0@example.net\n\nhi\n")
        + b"\n--b--\n"
    )


def attachment(size: int) -> bytes:
    """A returned message carrying a base64 attachment of about ``size`` bytes."""
    payload = base64.encodebytes(bytes(range(256)) * (size // 342 + 1))[:size]
    return (
        b"Subject: the report\nTo: user0@example.net\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\n'
        b"see attached\n--m\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + payload
        + b"\n--m--\n"
    )


def text_bounce(size: int) -> bytes:
    """A plain-text bounce (no report) whose returned message is pasted after it."""
    line = b"> This is a line of the returned message, quoted in the notice text of the bounce.\n"
    return (
        b"From: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\n"
        b"Subject: Undelivered Mail Returned to Sender\n\n"
        b"This is the mail system at host mx.example.org.\n\n"
        b"I'm sorry to have to inform you that your message could not\n"
        b"be delivered to one or more recipients.\n\n"
        b"<user@example.net>: host mx.example.net said: 550 5.1.1 User unknown\n\n"
        b"--- Below this line is a copy of the message.\n\n"
        b"Subject: hello\nTo: user@example.net\n\n" + line * (size // len(line))
    )


SHAPES = {
    "attachment": lambda size: dsn(1, attachment(size)),
    "text": text_bounce,
}


def run_case(kind: str, amount: int) -> dict:
    """Run one case in this process and return its figures (called in a child process)."""
    from bounceinterp import Limits, interpret

    raw = dsn(amount) if kind == "recipients" else SHAPES[kind](amount * MB)
    limits = Limits(max_message_bytes=len(raw) + MB, max_recipients=max(amount, 10_000) + 1)
    interpret(dsn(3), limits=limits)  # warm up: rules, imports
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    report = interpret(raw, limits=limits)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "seconds": seconds,
        "bytes": len(raw),
        "added_memory": max(peak - before, 0),
        "recipients": len(report.recipients),
    }


def child(kind: str, amount: int) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(amount)],
        capture_output=True,
        check=True,
        text=True,
    )
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5,10,25,50", help="message sizes in MB")
    parser.add_argument("--recipients", default="1000,2000,5000,10000")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child[0], int(args.child[1]))))
        return 0
    print("recipients   seconds   us/recipient   read")
    for count in (int(n) for n in args.recipients.split(",")):
        found = child("recipients", count)
        per = found["seconds"] / count * 1e6
        print(f"{count:10}  {found['seconds']:8.3f}  {per:13.1f}  {found['recipients']:6}")
    for shape in SHAPES:
        print(f"\n{shape:10}  MB   seconds   ms/MB   peak memory added / size")
        for size in (int(n) for n in args.sizes.split(",")):
            found = child(shape, size)
            megabytes = found["bytes"] / MB
            per = found["seconds"] / megabytes * 1000
            ratio = found["added_memory"] / found["bytes"]
            print(f"{'':10} {megabytes:4.0f}  {found['seconds']:8.3f}  {per:6.1f}   {ratio:4.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
