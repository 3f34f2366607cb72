"""A mutation fuzzer for ``interpret``, ``explain`` and ``rewrite``, with nothing to install.

    python fuzz/mutate.py [--inputs 100000] [--jobs 2] [--seed 1] [SEED_DIR ...]

Seeds are the .eml files of the given directories (default: tests/fixtures, and the shared
corpus when it is beside the project). Each input is a seed mutated: bytes flipped, inserted
or deleted, a slice duplicated or a line repeated thousands of times (boundaries, folded
headers), two seeds spliced, hostile text inserted (terminal escapes, direction overrides,
dates at the edge of the range, huge numbers). Every input is interpreted; one in five is
also explained (a random language and format) and rewritten. The run fails when anything
raises, or when an input takes more than --max-seconds (default 2) or, for one in twenty
measured with tracemalloc, more peak memory than 10 times its size plus 8 MB. Prints the
slowest inputs; writes any failing input to fuzz/failures/.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    b"\x1b]0;owned\x07\x1b[2J",
    "\u202e".encode(),
    "\u2066\u2069".encode(),
    "\u009b".encode(),
    b"Last-Attempt-Date: Fri, 31 Dec 9999 23:59:59 -1200\n",
    b"Will-Retry-Until: 0001-01-01T00:00:00+14:00\n",
    b"Date: Mon, 1 Jan 0001 00:00:00 +1400\n",
    b"=?utf-8?b?" + b"A" * 5000 + b"?=",
    b"=?x?q?=FF?=",
    b'Content-Type: multipart/mixed; boundary=""\n',
    b"--\n",
    b"\n\n",
    b"\r",
    b"\x00",
    b"550 5.7.1 " + b"9" * 400,
    b"Final-Recipient: rfc822; " + b"a" * 3000 + b"@x\n",
    b"Diagnostic-Code: smtp; 550 " + b"(" * 2000 + b"\n",
    b'charset="utf-7"',
    b"charset=x-unknown",
]
LANGUAGES = ("en", "fr", "de", "ja", "ar", "ru", "zh_Hans", None)
FORMATS = ("text", "html", "markdown", "json")


def seeds(directories: list[Path]) -> list[bytes]:
    found = [p.read_bytes() for d in directories for p in sorted(d.rglob("*.eml")) if p.is_file()]
    return [s for s in found if len(s) < 2_000_000]


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    data = bytearray(rng.choice(pool))
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(8)
        at = rng.randrange(len(data) + 1)
        if choice == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice == 1:  # insert random bytes
            data[at:at] = rng.randbytes(rng.randint(1, 200))
        elif choice == 2 and data:  # delete a slice
            del data[at : at + rng.randint(1, 500)]
        elif choice == 3 and data:  # duplicate a slice many times
            piece = data[at : at + rng.randint(1, 200)]
            data[at:at] = piece * rng.randint(2, 2000)
        elif choice == 4:  # repeat a line thousands of times
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = bytes(data[start : end + 1 if end >= 0 else len(data)])[:2000]
            data[start:start] = line * rng.randint(100, 5000)
        elif choice == 5:  # splice another seed
            other = rng.choice(pool)
            cut = rng.randrange(len(other) + 1)
            data[at:] = other[cut:]
        elif choice == 6:  # hostile text
            data[at:at] = rng.choice(HOSTILE)
        elif data:  # truncate
            del data[at:]
    return bytes(data[:12_000_000])


def check(task: tuple[int, int, int, list[str], float]) -> tuple[int, float, int, list[str]]:
    """Run ``count`` inputs from ``seed``: (inputs done, slowest seconds, its size, problems)."""
    seed, count, measure_every, directories, max_seconds = task
    import resource

    from bounceinterp import explain, interpret, rewrite

    # A runaway allocation is a finding (MemoryError, kept), not the end of the machine.
    resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, resource.RLIM_INFINITY))
    rng = random.Random(seed)
    pool = seeds([Path(d) for d in directories])
    slowest, slowest_size, problems = 0.0, 0, []
    for index in range(count):
        raw = mutate(rng, pool)
        measured = index % measure_every == 0
        if measured:
            tracemalloc.start()
        start = time.perf_counter()
        try:
            report = interpret(raw)
            if index % 5 == 0:
                explain(report, lang=rng.choice(LANGUAGES), format=rng.choice(FORMATS))
                rewrite(raw, rng.choice(LANGUAGES))
        except (Exception, MemoryError):
            problems.append(_keep(raw, traceback.format_exc()))
            continue
        finally:
            elapsed = time.perf_counter() - start
            if measured:
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                if peak > 10 * len(raw) + 8 * 1024 * 1024:
                    problems.append(_keep(raw, f"peak memory {peak} for {len(raw)} bytes"))
        if measured:
            continue  # tracemalloc makes it several times slower: its time says nothing
        if elapsed > max_seconds:
            problems.append(_keep(raw, f"{elapsed:.2f} s for {len(raw)} bytes"))
        if elapsed > slowest:
            slowest, slowest_size = elapsed, len(raw)
    return count, slowest, slowest_size, problems


def _keep(raw: bytes, why: str) -> str:
    folder = ROOT / "fuzz" / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"failure-{os.getpid()}-{time.monotonic_ns()}.eml"
    path.write_bytes(raw)
    return f"{path}: {why.strip().splitlines()[-1]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="*", type=Path)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=2.0)
    args = parser.parse_args()
    directories = args.directories or [ROOT / "tests" / "fixtures"]
    corpus = ROOT.parent / "shared" / "corpus"
    if not args.directories and corpus.is_dir():
        directories.append(corpus)
    batch = 500
    tasks = [
        (args.seed * 1_000_003 + n, min(batch, args.inputs - n * batch), 20,
         [str(d) for d in directories], args.max_seconds)
        for n in range((args.inputs + batch - 1) // batch)
    ]  # fmt: skip
    done, slowest, slowest_size, problems = 0, 0.0, 0, []
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        for count, worst, size, found in pool.map(check, tasks):
            done += count
            problems += found
            if worst > slowest:
                slowest, slowest_size = worst, size
            print(f"\r{done} inputs, {len(problems)} problems", end="", file=sys.stderr)
    print(file=sys.stderr)
    print(f"{done} inputs in {time.perf_counter() - start:.0f} s; slowest {slowest:.3f} s "
          f"({slowest_size} bytes); {len(problems)} problems")  # fmt: skip
    for problem in problems[:50]:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
