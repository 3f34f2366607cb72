"""Latency the milter adds to a message, and messages/s, through a real Postfix (unix socket).

    python benchmarks/milter_latency.py [--messages N] [--load N] [--connections C]

Starts a private Postfix instance (tests/postfix/instance.py; needs root and Debian's postfix
package) with two SMTP listeners, one through the milter and one without, and measures:

- per message, each on a new SMTP connection, from connect() to the 250 after DATA and to the
  file in the Maildir, for a bounce and for ordinary mail, with and without the milter
  (p50, p99; "added" is the difference of the medians);
- messages/s: N bounces over C concurrent connections until all are in the Maildir, with and
  without the milter (the notes' set-up: 200 DSNs over 4 connections);
- the protocol alone: the same bounce through the milter by a test MTA client, next to
  ``rewrite_edits`` called directly, so that what the protocol costs shows.

Run by hand, not in tests; prints one table.
"""

from __future__ import annotations

import argparse
import smtplib
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from milter_client import MilterClient, MilterProcess
from milter_messages import fixture_crlf, ordinary_mail
from postfix.instance import DOMAIN, PostfixInstance

from bounceinterp.rewrite import rewrite_edits

BOUNCE_ID = b"<20261124094127.7B2E41A0C44@smtp.example.org>"


def bounce(tag: str) -> bytes:
    raw = fixture_crlf("postfix_user_unknown.eml").split(b"\r\n", 1)[1]  # no Return-Path
    return raw.replace(BOUNCE_ID, f"<{tag}@example.org>".encode())


def message(kind: str) -> tuple[str, str, bytes]:
    tag = uuid.uuid4().hex
    if kind == "bounce":
        return tag, "", bounce(tag)
    return tag, "sophie.lambert@example.net", ordinary_mail(tag)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def wait_file(mta: PostfixInstance, user: str, tag: bytes, seen: set[Path]) -> None:
    while True:
        for path in mta.deliveries(user):
            if path not in seen and tag in path.read_bytes():
                seen.add(path)
                return
        time.sleep(0.0002)


def latency(mta: PostfixInstance, port: int, kind: str, count: int) -> tuple[list, list]:
    """(ms to 250 after DATA, ms to the Maildir file) of ``count`` sequential messages."""
    to_250, to_file = [], []
    seen: set[Path] = set(mta.deliveries("bob"))
    for _ in range(count):
        tag, sender, raw = message(kind)
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.sendmail(sender, [f"bob@{DOMAIN}"], raw)
            to_250.append((time.perf_counter() - start) * 1000)
        wait_file(mta, "bob", tag.encode(), seen)
        to_file.append((time.perf_counter() - start) * 1000)
    return to_250, to_file


def throughput(mta: PostfixInstance, port: int, count: int, connections: int) -> float:
    """Bounces per second over ``connections`` concurrent SMTP connections, until all of them
    are in the Maildir."""
    user = "carol"
    before = len(mta.deliveries(user))
    batches = [[message("bounce") for _ in range(count // connections)] for _ in range(connections)]

    def send(batch: list) -> None:
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for _tag, sender, raw in batch:
                smtp.sendmail(sender, [f"{user}@{DOMAIN}"], raw)

    total = sum(len(b) for b in batches)
    start = time.perf_counter()
    threads = [threading.Thread(target=send, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while len(mta.deliveries(user)) < before + total:
        time.sleep(0.002)
    return total / (time.perf_counter() - start)


def protocol_alone(socket_path: str, count: int) -> tuple[list, list]:
    """(ms per bounce through the milter by a test client, ms of rewrite_edits alone)."""
    raw = bounce("protocol")
    through, direct = [], []
    with MilterClient(socket_path) as client:
        client.negotiate()
        for _ in range(count):
            start = time.perf_counter()
            client.message(raw, recipients=(f"<bob@{DOMAIN}>",))
            through.append((time.perf_counter() - start) * 1000)
    for _ in range(count):
        start = time.perf_counter()
        rewrite_edits(raw, "de")
        direct.append((time.perf_counter() - start) * 1000)
    return through, direct


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200, help="sequential messages per case")
    parser.add_argument("--load", type=int, default=200, help="bounces in the throughput run")
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bi-bench-"))
    (folder / "langs").write_text(f"@{DOMAIN} de\n")
    mta = PostfixInstance(str(folder / "run" / "milter.sock"), base=str(folder))
    mta.setup()
    milter = MilterProcess(mta.milter_socket, "--lang-map", str(folder / "langs"))
    mta.start()
    try:
        for port in (mta.port, mta.plain_port):  # warm both paths (process spawn, caches)
            latency(mta, port, "bounce", 20)
            latency(mta, port, "ordinary", 20)
        rows = []
        results = {}
        for kind in ("bounce", "ordinary"):
            for label, port in (("without milter", mta.plain_port), ("with milter", mta.port)):
                to_250, to_file = latency(mta, port, kind, args.messages)
                results[kind, label] = (to_250, to_file)
                rows.append((f"{kind}, {label}", to_250, to_file))
        print(f"{args.messages} sequential messages per case, each on a new SMTP connection")
        print(f"{'case':<28} {'250 p50':>8} {'250 p99':>8} {'file p50':>9} {'file p99':>9}  (ms)")
        for label, to_250, to_file in rows:
            print(f"{label:<28} {percentile(to_250, .5):8.2f} {percentile(to_250, .99):8.2f} "
                  f"{percentile(to_file, .5):9.2f} {percentile(to_file, .99):9.2f}")  # fmt: skip
        for kind in ("bounce", "ordinary"):
            with_250, with_file = results[kind, "with milter"]
            without_250, without_file = results[kind, "without milter"]
            added_250 = statistics.median(with_250) - statistics.median(without_250)
            added_file = statistics.median(with_file) - statistics.median(without_file)
            added_p99 = percentile(with_250, 0.99) - percentile(without_250, 0.99)
            print(
                f"added by the milter, {kind}: p50 {added_250:+.2f} ms to 250, "
                f"{added_file:+.2f} ms to the Maildir; p99 {added_p99:+.2f} ms to 250"
            )
        plain = throughput(mta, mta.plain_port, args.load, args.connections)
        filtered = throughput(mta, mta.port, args.load, args.connections)
        print(f"throughput, {args.load} bounces over {args.connections} connections: "
              f"{plain:.0f} msg/s without, {filtered:.0f} msg/s with the milter "
              f"(ratio {filtered / plain:.2f})")  # fmt: skip
        through, direct = protocol_alone(mta.milter_socket, args.messages)
        print(f"protocol alone (test client, same bounce): p50 {statistics.median(through):.2f}"
              f" ms per bounce through the milter, {statistics.median(direct):.2f} ms for"
              f" rewrite_edits alone: {statistics.median(through) - statistics.median(direct):.2f}"
              " ms of protocol")  # fmt: skip
    finally:
        mta.stop()
        milter.stop()
        mta.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
