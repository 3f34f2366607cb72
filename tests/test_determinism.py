"""The same message gives the same report on an idle and on a busy machine: what is read is
bounded by sizes, not by clocks (``limits``, ``patterns``)."""

from __future__ import annotations

import multiprocessing
import os

from bounceinterp import interpret


def large_bounce(recipients: int = 3000) -> bytes:
    """A DSN of ``recipients`` recipients, each with a long diagnostic: about 2 MB, more
    diagnostic text than the rules read in one message (``Limits.max_rule_text``)."""
    groups = []
    for n in range(recipients):
        words = " ".join(f"word{n % 97}x{i}" for i in range(60))
        groups.append(
            f"Final-Recipient: rfc822; user{n}@example.net\n"
            "Action: failed\n"
            "Status: 5.7.1\n"
            f"Diagnostic-Code: smtp; 550 5.7.1 Service unavailable; client [192.0.2.{n % 250}] "
            f"blocked using zen.spamhaus.org {words}\n"
        )
    return (
        "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        "--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
        "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        + "\n".join(groups)
        + "\n--b--\n"
    ).encode()


def _spin(stop) -> None:  # one busy core
    while not stop.is_set():
        sum(range(10_000))


def test_a_large_bounce_reads_the_same_under_cpu_load():
    raw = large_bounce()
    assert len(raw) > 1_500_000
    idle = interpret(raw).to_dict()
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    spinners = [
        context.Process(target=_spin, args=(stop,)) for _ in range(2 * (os.cpu_count() or 1))
    ]
    for spinner in spinners:
        spinner.start()
    try:
        busy = interpret(raw).to_dict()
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join()
    assert busy == idle
    assert len(idle["recipients"]) == 3000
    # the rules read the first 512 KiB of diagnostics; past it, codes decide, and it is said
    assert any("classified by their codes only" in w for w in idle["warnings"])
    assert not any("time budget" in w for w in idle["warnings"])
