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


def one_pass(messages: list[bytes], work: Callable[[bytes], object]) -> float:
    start = time.perf_counter()
    for raw in messages:
        work(raw)
    return len(messages) / (time.perf_counter() - start)


def rates(messages: list[bytes], repeat: int) -> tuple[float, float]:
    """Best messages/s of ``interpret`` and of the floor over ``repeat`` passes each,
    alternated, so that a busy moment of the machine falls on both alike (the best pass is
    the least disturbed one)."""
    ours = floor = 0.0
    for _ in range(repeat):
        ours = max(ours, one_pass(messages, interpret))
        floor = max(floor, one_pass(messages, stdlib_parse))
    return ours, floor


def stdlib_parse(raw: bytes) -> object:
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--repeat", type=int, default=9, help="passes over the files (best wins)")
    args = parser.parse_args()
    files = sorted(args.directory.rglob("*.eml"))
    if not files:
        print(f"no .eml files under {args.directory}", file=sys.stderr)
        return 1
    messages = [f.read_bytes() for f in files]
    interpret(messages[0])  # warm up: imports, rule compilation, catalogs
    ours, floor = rates(messages, args.repeat)
    size = sum(len(m) for m in messages) / 1024
    print(f"{len(messages)} messages, {size:.0f} KiB, best of {args.repeat} passes")
    print(f"interpret():           {ours:8.0f} messages/s")
    print(f"stdlib email (compat32) parse: {floor:8.0f} messages/s")
    print(f"ratio interpret/stdlib: {ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
