"""Messages per second of ``interpret()`` over every .eml in a directory, beside the floor of
only parsing the same bytes with the standard library's ``email`` package (compat32).

    python benchmarks/throughput.py DIR [--repeat N]

Runs on one core, in one process; the files are read into memory first so that disk speed is
not measured. Prints both rates and their ratio.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bounceinterp import interpret


def rate(messages: list[bytes], work: Callable[[bytes], object], repeat: int) -> float:
    """Best messages/s over ``repeat`` passes (the best pass is the least disturbed one)."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for raw in messages:
            work(raw)
        elapsed = time.perf_counter() - start
        best = max(best, len(messages) / elapsed)
    return best


def stdlib_parse(raw: bytes) -> object:
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the files (best wins)")
    args = parser.parse_args()
    files = sorted(args.directory.rglob("*.eml"))
    if not files:
        print(f"no .eml files under {args.directory}", file=sys.stderr)
        return 1
    messages = [f.read_bytes() for f in files]
    interpret(messages[0])  # warm up: imports, rule compilation, catalogs
    ours = rate(messages, interpret, args.repeat)
    floor = rate(messages, stdlib_parse, args.repeat)
    size = sum(len(m) for m in messages) / 1024
    print(f"{len(messages)} messages, {size:.0f} KiB, best of {args.repeat} passes")
    print(f"interpret():           {ours:8.0f} messages/s")
    print(f"stdlib email (compat32) parse: {floor:8.0f} messages/s")
    print(f"ratio interpret/stdlib: {ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
