"""A load run through a real Postfix with the milter: many messages, a mix of bounces and
ordinary mail, over many concurrent SMTP connections; every message must be delivered, every
bounce rewritten, every ordinary message byte for byte.

    python benchmarks/milter_load.py [--messages 1200] [--connections 24] [--bounces 0.4]

Starts a private Postfix instance (tests/postfix/instance.py; needs root and Debian's postfix
package) and ``bounceinterp milter`` on a unix socket, sends the same mix once through a
listener without the milter and once through the milter, and prints messages/s of both (from
the first connect to the last file in the Maildirs), their ratio, and the checks. Exits 1 when
a check fails. Run by hand, not in tests.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import smtplib
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from milter_client import MilterProcess
from milter_messages import fixture_crlf, large_bounce, ordinary_mail
from postfix.instance import USERS, PostfixInstance, without_delivery_fields

DOMAIN = "bounceinterp.test"
BOUNCES = ["postfix_user_unknown.eml", "exim_mailbox_full.eml", "sendmail_host_unknown.eml",
           "folded_diagnostic_crlf.eml", "postfix_delayed.eml"]  # fmt: skip
TOP_ID = re.compile(rb"(?im)^message-id:[ \t]*<([0-9a-f]{32})@")


def tagged_bounce(name: str, tag: str) -> bytes:
    """Bounce fixture ``name`` as sent by a server: no Return-Path, its own Message-Id
    replaced by one carrying ``tag``."""
    raw = fixture_crlf(name) if name != "large" else large_bounce(120_000)
    if raw[:12].lower() == b"return-path:":
        raw = raw.split(b"\r\n", 1)[1]
    return re.sub(rb"(?im)^message-id:[^\r\n]*", f"Message-Id: <{tag}@example.org>".encode(),
                  raw, count=1)  # fmt: skip


def workload(count: int, bounce_share: float, seed: int) -> list[tuple[str, str, str, bytes]]:
    """(tag, kind, sender, raw) for ``count`` messages; one bounce in 25 is a large one."""
    rng = random.Random(seed)
    messages = []
    for index in range(count):
        tag = uuid.uuid4().hex
        if rng.random() < bounce_share:
            name = "large" if index % 25 == 0 else rng.choice(BOUNCES)
            messages.append((tag, "bounce", "", tagged_bounce(name, tag)))
        else:
            messages.append((tag, "ordinary", "sophie.lambert@example.net", ordinary_mail(tag)))
    return messages


def run(mta: PostfixInstance, port: int, messages: list, connections: int) -> float:
    """Send ``messages`` over ``connections`` concurrent SMTP sessions (recipients spread over
    the users); messages/s until every one is in a Maildir."""
    before = sum(len(mta.deliveries(user)) for user in USERS)
    shares = [messages[i::connections] for i in range(connections)]
    errors: list[BaseException] = []

    def send(share: list) -> None:
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=120) as smtp:
                for index, (_tag, _kind, sender, raw) in enumerate(share):
                    smtp.sendmail(sender, [f"{USERS[index % len(USERS)]}@{DOMAIN}"], raw)
        except BaseException as exc:
            errors.append(exc)

    start = time.perf_counter()
    threads = [threading.Thread(target=send, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    deadline = time.monotonic() + 300
    while sum(len(mta.deliveries(user)) for user in USERS) < before + len(messages):
        if time.monotonic() > deadline:
            raise TimeoutError("not every message was delivered")
        time.sleep(0.005)
    return len(messages) / (time.perf_counter() - start)


def check(mta: PostfixInstance, messages: list) -> list[str]:
    """What went wrong: a message not delivered, delivered twice, a bounce not rewritten, an
    ordinary message changed."""
    delivered: dict[str, list[bytes]] = collections.defaultdict(list)
    for user in USERS:
        for path in mta.deliveries(user):
            data = path.read_bytes()
            found = TOP_ID.search(data.split(b"\n\n", 1)[0])
            if found:
                delivered[found.group(1).decode()].append(data)
    problems = []
    for tag, kind, _sender, raw in messages:
        copies = delivered.get(tag, [])
        if len(copies) != 1:
            problems.append(f"{kind} {tag}: delivered {len(copies)} times")
            continue
        head = copies[0].split(b"\n\n", 1)[0]
        rewritten = b"\nX-Bounce-Rewritten: bounceinterp" in head
        if kind == "bounce" and not rewritten:
            problems.append(f"bounce {tag}: not rewritten")
        if kind == "ordinary" and without_delivery_fields(copies[0]) != raw.replace(b"\r\n", b"\n"):
            problems.append(f"ordinary {tag}: changed")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1200)
    parser.add_argument("--connections", type=int, default=24)
    parser.add_argument("--bounces", type=float, default=0.4, help="share of bounces")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bi-load-"))
    (folder / "langs").write_text(f"alice@{DOMAIN} fr\n@{DOMAIN} de\n")
    mta = PostfixInstance(str(folder / "run" / "milter.sock"), base=str(folder),
                          extra={"default_process_limit": "200"})  # fmt: skip
    mta.setup()
    milter = MilterProcess(mta.milter_socket, "--lang-map", str(folder / "langs"))
    mta.start()
    try:
        plain_mix = workload(args.messages, args.bounces, args.seed)
        milter_mix = workload(args.messages, args.bounces, args.seed)
        plain = run(mta, mta.plain_port, plain_mix, args.connections)
        filtered = run(mta, mta.port, milter_mix, args.connections)
        problems = check(mta, milter_mix)
        bounces = sum(1 for m in milter_mix if m[1] == "bounce")
        actions = collections.Counter(
            line.split("action=")[1].split()[0] for line in milter.log_lines()
        )
        print(f"{args.messages} messages ({bounces} bounces, {args.messages - bounces} ordinary)"
              f" over {args.connections} concurrent SMTP connections")  # fmt: skip
        print(f"without the milter: {plain:.0f} msg/s; with the milter: {filtered:.0f} msg/s "
              f"(ratio {filtered / plain:.2f})")  # fmt: skip
        print(f"milter log: {dict(sorted(actions.items()))}")
        print(f"checks: {len(problems)} problems" + "".join(f"\n  {p}" for p in problems[:20]))
    finally:
        mta.stop()
        milter.stop()
        mta.remove()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
