"""Throughput and memory of ``bounceinterp report``. Run by hand (never by the tests):

    .venv/bin/python benchmarks/report_throughput.py [--messages 4000] [--passes 3] [CORPUS...]

The messages of the corpus directories (default: ../shared/corpus/dev and wild/emails, every
``*.eml``) are replicated, in a temporary directory, into an mbox and a Maildir of
``--messages`` messages each; nothing is written elsewhere. Then, for each:

- messages/s of ``bounceinterp report --format json`` with ``--jobs 1`` and with one job per
  core, wall clock of the whole command (process start included), best of ``--passes``; and
  the steady rate without the start-up, from a second input three times as large
  ((3N - N) / (t(3N) - t(N)));
- peak resident memory (VmHWM, Linux) of the command's process and of its largest worker, for
  an mbox of 1,000 and of 10,000 messages: it must not grow with the number of messages.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT.parent / "shared" / "corpus" / "dev", ROOT.parent / "shared" / "corpus" / "wild"]
sys.path.insert(0, str(ROOT))

from bounceinterp.report.run import default_jobs  # noqa: E402


def corpus(directories: list[Path]) -> list[bytes]:
    found = [p.read_bytes() for d in directories for p in sorted(d.rglob("*.eml")) if p.is_file()]
    if not found:
        sys.exit(f"no .eml file under {', '.join(map(str, directories))}")
    return found


def write_mbox(path: Path, sources: list[bytes], count: int) -> Path:
    with path.open("wb") as out:
        for raw in itertools.islice(itertools.cycle(sources), count):
            out.write(b"From MAILER-DAEMON Tue Nov  3 10:14:03 2026\n")
            for line in raw.splitlines(keepends=True):
                out.write(b">" + line if line.lstrip(b">").startswith(b"From ") else line)
            out.write(b"\n" if raw.endswith(b"\n") else b"\n\n")
    return path


def write_maildir(path: Path, sources: list[bytes], count: int) -> Path:
    for part in ("cur", "new", "tmp"):
        (path / part).mkdir(parents=True)
    for index, raw in enumerate(itertools.islice(itertools.cycle(sources), count)):
        (path / "new" / f"1795{index:06d}.M{index}P1.bench").write_bytes(raw)
    return path


def command(path: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "bounceinterp", "report", "--format", "json",
            "--jobs", str(jobs), str(path)]  # fmt: skip


def timed(path: Path, jobs: int, passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        subprocess.run(command(path, jobs), check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            for child in (task / "children").read_text().split():
                found.add(int(child))
                found |= _children(int(child))
    except OSError:
        pass
    return found


def _peak_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def peak_memory(path: Path, jobs: int) -> tuple[int, int]:
    """(peak RSS of the command, peak RSS of its largest child) in KiB, polled every 10 ms."""
    process = subprocess.Popen(command(path, jobs), stdout=subprocess.DEVNULL)
    parent = 0
    children: dict[int, int] = {}
    while process.poll() is None:
        parent = max(parent, _peak_kib(process.pid) or 0)
        for child in _children(process.pid):
            children[child] = max(children.get(child, 0), _peak_kib(child) or 0)
        time.sleep(0.01)
    return parent, max(children.values(), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=CORPUS)
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    sources = corpus(args.corpus)
    cores = default_jobs()
    print(f"{len(sources)} corpus messages replicated; {cores} cores; Python "
          f"{sys.version.split()[0]}; {os.uname().machine}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bounceinterp-bench-") as temporary:
        tmp = Path(temporary)
        n = args.messages
        inputs = {
            "mbox": (write_mbox(tmp / "small.mbox", sources, n),
                     write_mbox(tmp / "triple.mbox", sources, 3 * n)),
            "Maildir": (write_maildir(tmp / "Maildir", sources, n),
                        write_maildir(tmp / "Maildir3", sources, 3 * n)),
        }  # fmt: skip
        print(f"\nthroughput, {n} messages (wall clock of the command, best of {args.passes}); "
              f"steady rate from {3 * n} messages")  # fmt: skip
        for name, (small, triple) in inputs.items():
            rates = []
            for jobs in (1, cores):
                once, thrice = timed(small, jobs, args.passes), timed(triple, jobs, args.passes)
                steady = 2 * n / (thrice - once)
                rates.append((n / once, steady))
                print(f"  {name:8} --jobs {jobs}: {n / once:6.0f} msg/s ({once:.2f} s), "
                      f"steady {steady:6.0f} msg/s")  # fmt: skip
            print(f"  {name:8} ratio --jobs {cores} / --jobs 1: {rates[1][0] / rates[0][0]:.2f} "
                  f"(steady {rates[1][1] / rates[0][1]:.2f})")  # fmt: skip
        print("\npeak resident memory (VmHWM), mbox")
        small = write_mbox(tmp / "small.mbox", sources, 1_000)
        large = write_mbox(tmp / "large.mbox", sources, 10_000)
        for jobs in (1, cores):
            (p1, w1), (p10, w10) = peak_memory(small, jobs), peak_memory(large, jobs)
            workers = f"; largest worker {w1 / 1024:.1f} -> {w10 / 1024:.1f} MiB" if w1 else ""
            print(f"  --jobs {jobs}: command {p1 / 1024:.1f} MiB for 1,000 messages -> "
                  f"{p10 / 1024:.1f} MiB for 10,000 (ratio {p10 / p1:.2f}){workers}")  # fmt: skip


if __name__ == "__main__":
    main()
