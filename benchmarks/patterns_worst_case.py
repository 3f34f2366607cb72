"""Every bundled pattern on adversarial text: is its cost linear in the text's length?

    python benchmarks/patterns_worst_case.py [--small 10000] [--large 100000] [--top 10]

Patterns are those of every rule file (pattern files, rule diagnostics, SMTP command
patterns), compiled with their file's engine. Each is searched, with no time limit, in texts
made of one repeated piece (letters, spaces, dots, digits, '<', status-code fragments...: the
shapes that make a badly written pattern backtrack), at two lengths. A linear pattern takes
about large/small times longer on the large text; one that backtracks takes the square of that
or more. Prints the slowest patterns, the largest growth, and exits 1 when a pattern grows more
than quadratically-ish (over 4x the linear growth) or takes over a second.
"""

from __future__ import annotations

import argparse
import sys
import time

from bounceinterp.patterns import compile_pattern
from bounceinterp.resources import load_yaml, rules_dir

PIECES = {
    "letters": "a",
    "letter dot": "a.",
    "spaces": " ",
    "newlines": "\n",
    "at": "a@",
    "angle": "<",
    "digits": "5",
    "ip": "1.",
    "words": "ab ",
    "dashes": "-",
    "quotes": '"',
    "hashes": "#",
    "colon": "a:",
    "mixed": "a1 .-@<>x",
    "capitals": "A",
    "bracket": "[a",
    "reply code": "550 ",
    "status": "5.1.",
    "paren": "(a",
}


def bundled_patterns() -> list[tuple[str, str, str, str]]:
    """(where, pattern, flags, engine) of every pattern in the rule files."""
    found = []
    root = rules_dir()
    for path in sorted(root.rglob("*.yaml")):
        data = load_yaml(path)
        if not isinstance(data, dict):
            continue
        where = path.relative_to(root).as_posix()
        engine = data.get("engine", "regex")
        for name, entry in (data.get("patterns") or {}).items():
            found.append((f"{where}:{name}", entry["pattern"], entry.get("flags", ""), engine))
        for rule in data.get("rules") or []:
            match = rule.get("match") or {}
            for key in ("diagnostic", "remote_host", "reporting_host"):
                if match.get(key):
                    flags = match.get("flags", "i") if key == "diagnostic" else "i"
                    found.append((f"{where}:{rule['id']}:{key}", match[key], flags, "regex"))
        for key in ("commands", "refused"):
            for index, entry in enumerate(data.get(key) or []):
                if isinstance(entry, dict) and "pattern" in entry:
                    found.append(
                        (
                            f"{where}:{key}[{index}]",
                            entry["pattern"],
                            entry.get("flags", ""),
                            "regex",
                        )
                    )
    return found


def worst(compiled, size: int) -> tuple[float, str]:
    """The longest search over the adversarial texts of ``size`` characters, and its piece."""
    slowest, which = 0.0, ""
    for name, piece in PIECES.items():
        text = (piece * (size // len(piece) + 1))[:size]
        start = time.perf_counter()
        compiled.search(text)
        elapsed = time.perf_counter() - start
        if elapsed > slowest:
            slowest, which = elapsed, name
    return slowest, which


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    linear = args.large / args.small
    rows = []
    for where, pattern, flags, engine in bundled_patterns():
        compiled = compile_pattern(pattern, flags, engine)
        small, _ = worst(compiled, args.small)
        large, piece = worst(compiled, args.large)
        rows.append((large, large / max(small, 1e-6), where, piece))
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns; worst search of {args.large} characters:")
    for large, growth, where, piece in rows[: args.top]:
        print(f"  {large * 1000:8.2f} ms  x{growth:5.1f} from {args.small}  {where}  [{piece}]")
    bad = [r for r in rows if r[0] > 1.0 or (r[0] > 0.005 and r[1] > 4 * linear)]
    print(f"linear growth would be x{linear:.0f}; {len(bad)} pattern(s) beyond it")
    for large, growth, where, piece in bad:
        print(f"  SUPER-LINEAR {where} [{piece}]: {large:.3f} s, x{growth:.0f}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
