"""Time and peak memory of the hostile inputs of SECURITY.md, at the sizes they were found at.

    python benchmarks/hostile_input.py

Each case runs in a fresh process: the input is built in memory, then interpreted and
explained (text); prints the seconds, the input's size and the peak memory the case added as
a multiple of it. The bound SECURITY.md documents: 2 s and 10x the size for any message under
the size limit.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
DSN = FIXTURES / "postfix_user_unknown.eml"


def with_field(raw: bytes, field: bytes) -> bytes:
    head, marker, rest = raw.partition(b"Final-Recipient:")
    end = rest.index(b"\n") + 1
    return head + marker + rest[:end] + field + b"\n" + rest[end:]


def diagnostics(count: int, length: int) -> bytes:
    groups = b"".join(
        b"\nFinal-Recipient: rfc822; user%d@example.net\nAction: failed\nStatus: 5.7.1\n"
        b"Diagnostic-Code: smtp; 550 5.7.1 uribl " % n + b"a" * length + b"\n"
        for n in range(count)
    )
    raw = DSN.read_bytes()
    return raw.replace(b"\nFinal-Recipient:", groups + b"\nFinal-Recipient:", 1)


def repeated_boundary(times: int) -> bytes:
    raw = (FIXTURES / "gmail_multi_recipient.eml").read_bytes()
    line = next(x for x in raw.split(b"\n") if x.startswith(b"--"))
    return raw.replace(line + b"\n", (line + b"\n") * (times + 1), 1)


def folded(megabytes: int, inside_dsn: bool) -> bytes:
    line = b"\tcontinued folded line of a very long header value\n"
    block = b"X-Long: start\n" + line * (megabytes * 1024 * 1024 // len(line))
    raw = DSN.read_bytes()
    return with_field(raw, block.rstrip(b"\n")) if inside_dsn else block + raw


EDGE_DATE = b"Last-Attempt-Date: Fri, 31 Dec 9999 23:59:59 -1200"
CASES = {
    "edge dates": lambda: with_field(DSN.read_bytes(), EDGE_DATE),
    "notice x110": lambda: (FIXTURES / "office365_recipient_not_found.eml").read_bytes() * 110,
    "boundary x4000": lambda: repeated_boundary(4000),
    "folded 1 MB": lambda: folded(1, False),
    "folded 4 MB": lambda: folded(4, False),
    "folded 8 MB in DSN": lambda: folded(8, True),
    "1000 x 2000 uribl": lambda: diagnostics(1000, 2000),
    "2000 x 4000 uribl": lambda: diagnostics(2000, 4000),
}  # fmt: skip


def run(name: str) -> dict:
    from bounceinterp import explain, interpret

    raw = CASES[name]()
    interpret(DSN.read_bytes())  # warm up
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    explain(interpret(raw), lang="en")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": seconds, "bytes": len(raw), "added": max(peak - before, 0)}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run(sys.argv[2])))
        return 0
    print(f"{'case':22} {'size':>10} {'seconds':>8} {'memory':>7}")
    for name in CASES:
        out = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        found = json.loads(out)
        size = found["bytes"] / 1024 / 1024
        ratio = found["added"] / found["bytes"]
        print(f"{name:22} {size:8.2f} MB {found['seconds']:8.3f} {ratio:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
