"""The MIME reader decision, measured: bounceinterp's own reader beside the standard library's
``email`` package and flanker (when installed), on every .eml under the given directories.

    python benchmarks/mime_readers.py DIR [DIR...] [--repeat N]

For each reader: the time to build the tree and decode every text part (best of N passes, one
core), the cost of importing it (in a fresh interpreter), and what it gets right on real mail:
how many messages it reads without raising, in how many it finds a delivery-status part, a
returned message with a Subject (attached or headers only), and a text/plain part with text.
flanker is optional (``pip install flanker``); it is measured only when it imports.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STATUS = ("message/delivery-status", "message/global-delivery-status")
RETURNED = ("message/rfc822", "message/global", "text/rfc822-headers")


@dataclass
class Findings:
    read: int = 0
    raised: int = 0
    status_part: int = 0
    returned_subject: int = 0
    text: int = 0


def ours(raw: bytes) -> tuple[bool, bool, bool]:
    from bounceinterp.parse import parse

    parsed = parse(raw)
    status = parsed.first_part(*STATUS) is not None
    returned = False
    for part in parsed.parts_of(*RETURNED):
        if part.enclosed is not None and part.enclosed.header("Subject"):
            returned = True
            break
    text = any(p.content_type == "text/plain" and p.text().strip() for p in parsed.parts())
    return status, returned, text


def stdlib(raw: bytes) -> tuple[bool, bool, bool]:
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    status = returned = text = False
    for part in message.walk():
        ctype = part.get_content_type()
        if ctype in STATUS:
            status = True
        elif ctype in RETURNED:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            returned = returned or bool(inner is not None and inner.get("Subject"))
        elif ctype == "text/plain" and not part.is_multipart():
            body = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or "utf-8"
            try:
                decoded = body.decode(charset, "replace")
            except LookupError:
                decoded = body.decode("utf-8", "replace")
            text = text or bool(decoded.strip())
    return status, returned, text


def flanker(raw: bytes) -> tuple[bool, bool, bool]:
    from flanker import mime

    message = mime.from_string(raw)
    status = returned = text = False
    for part in message.walk(with_self=True):
        ctype = str(part.content_type.value).lower()
        if ctype in STATUS:
            status = True
        elif ctype in RETURNED and part.enclosed is not None:
            returned = returned or bool(part.enclosed.headers.get("Subject"))
        elif ctype == "text/plain":
            body = part.body
            text = text or bool(body and str(body).strip())
    return status, returned, text


READERS: dict[str, tuple[Callable[[bytes], tuple[bool, bool, bool]], str]] = {
    "bounceinterp.mime": (ours, "import bounceinterp.parse"),
    "stdlib email": (stdlib, "import email, email.policy, email.parser"),
    "flanker": (flanker, "from flanker import mime"),
}


def import_seconds(statement: str) -> float | None:
    """Best of three imports in a fresh interpreter, minus the interpreter's own start."""

    def run(code: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], capture_output=True)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode()[-300:])
            best = min(best, time.perf_counter() - start)
        return best

    try:
        return run(statement) - run("pass")
    except RuntimeError:
        return None


def measure(work, messages: list[bytes], repeat: int) -> tuple[float, Findings]:
    found = Findings()
    for raw in messages:
        try:
            status, returned, text = work(raw)
        except Exception:
            found.raised += 1
            continue
        found.read += 1
        found.status_part += status
        found.returned_subject += returned
        found.text += text
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for raw in messages:
            with contextlib.suppress(Exception):
                work(raw)
        best = min(best, time.perf_counter() - start)
    return len(messages) / best, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = sorted(f for d in args.directories for f in d.rglob("*.eml"))
    messages = [f.read_bytes() for f in files]
    print(f"{len(messages)} messages, {sum(map(len, messages)) / 1024:.0f} KiB")
    print(f"{'reader':18} {'msg/s':>8} {'import ms':>10} {'raised':>7} {'DSN part':>9} "
          f"{'returned':>9} {'text':>6}")  # fmt: skip
    for name, (work, statement) in READERS.items():
        try:
            work(messages[0])
        except ImportError:
            print(f"{name:18} not installed")
            continue
        except Exception:
            pass
        per_second, found = measure(work, messages, args.repeat)
        imported = import_seconds(statement)
        shown = f"{imported * 1000:.0f}" if imported is not None else "?"
        print(f"{name:18} {per_second:8.0f} {shown:>10} {found.raised:7} {found.status_part:9} "
              f"{found.returned_subject:9} {found.text:6}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
