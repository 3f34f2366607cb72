"""``bounceinterp explain --jobs N`` over many files: messages per second by number of workers.

    python benchmarks/explain_jobs.py DIR... [--jobs 1,2] [--format json]

Runs the command itself (start-up included) on every message under the directories, output
to /dev/null, best of three runs per number of workers; prints the rate and the speed-up
over one worker.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--format", default="json")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    count = sum(1 for d in args.directories for p in d.rglob("*") if p.is_file())
    base = None
    for jobs in (int(j) for j in args.jobs.split(",")):
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "bounceinterp", "explain", "--format", args.format,
                 "--jobs", str(jobs), *map(str, args.directories)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )  # fmt: skip
            best = min(best, time.perf_counter() - start)
        base = base or best
        print(f"--jobs {jobs}: {count / best:7.0f} messages/s  ({best:.2f} s)  x{base / best:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
