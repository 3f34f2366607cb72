"""Time to load, validate and compile every bundled classification rule (target < 100 ms).

    python benchmarks/rules_load.py [--repeat N]

Each pass reads the YAML files and compiles the rules afresh (the library does it once per
process and caches the result); the best pass is reported.
"""

from __future__ import annotations

import argparse
import time

import regex

from bounceinterp.classify import rulebook
from bounceinterp.classify.statuscodes import categories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    categories()  # the category table is shared with the rest of the library
    best = float("inf")
    count = 0
    for _ in range(args.repeat):
        rulebook.settings.cache_clear()
        rulebook.patterns.load.cache_clear()
        regex.purge()  # the regex module caches compiled patterns: measure a cold compile
        start = time.perf_counter()
        book = rulebook.build(rulebook.read_directory(rulebook.bundled_dir()))
        best = min(best, time.perf_counter() - start)
        count = sum(1 for _ in book.rules())
    print(f"{count} rules loaded and compiled in {best * 1000:.1f} ms (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
