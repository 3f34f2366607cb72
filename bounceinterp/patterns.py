"""Every regular expression applied to message text, and how it is bounded.

What keeps the cost of a pattern small is the size of its input, never a clock: every text a
pattern reads is cut to a documented length first (``limits``), and every bundled pattern is
linear on any input (``benchmarks/patterns_worst_case.py`` checks them on adversarial text), so
the same message gives the same answer on an idle and on a busy machine. A generous time limit
stays only as a last-resort net (a user's own rule with a pattern that backtracks badly): a
search that reaches it counts as no match and is reported in the message's ``warnings``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import regex

from .resources import load_yaml, rules_dir

log = logging.getLogger(__name__)

#: Seconds one search may take before it is abandoned: a last-resort net, never reached by
#: the bundled patterns on inputs within the limits.
LAST_RESORT_TIMEOUT = 5.0

#: The searches abandoned while one message is read (``interpret`` reports them).
_abandoned: ContextVar[list[str] | None] = ContextVar("abandoned", default=None)


@contextmanager
def abandoned_searches() -> Iterator[list[str]]:
    """Collect, while the block runs, a line for every search the time limit stopped."""
    found: list[str] = []
    token = _abandoned.set(found)
    try:
        yield found
    finally:
        _abandoned.reset(token)


def _gave_up(compiled: regex.Pattern, text: str) -> None:
    line = (
        f"a pattern took longer than {LAST_RESORT_TIMEOUT:g} s on {len(text)} characters "
        f"and was skipped: {compiled.pattern[:60]!r}"
    )
    log.warning("%s", line)
    found = _abandoned.get()
    if found is not None:
        found.append(line)


_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE}


#: Bounds on a regular expression before it is compiled (rule files may be a stranger's):
#: its length, and how many copies its counted repetitions may ask for (``x{1000}`` inside
#: ``(...){1000}`` asks for a million, which the engine expands when it compiles).
MAX_PATTERN = 8192
MAX_EXPANSION = 10_000


def check_complexity(pattern: str) -> None:
    """Raise ValueError for a pattern whose compilation alone could exhaust memory: longer than
    ``MAX_PATTERN``, or counted repetitions (``{n}``, ``{m,n}``) whose product, nested in each
    other, exceeds ``MAX_EXPANSION`` (``(?:(?:x{1000}){1000}){100}``)."""
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"longer than {MAX_PATTERN} characters")
    inner: list[int] = [1]  # per open group: the largest expansion inside it
    last = 1  # the expansion of the item just read (a group's, or 1)
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index, last = index + 2, 1
            continue
        if char == "[":  # a character class: skip to its end
            end = pattern.find("]", index + 2)
            index, last = (len(pattern) if end < 0 else end + 1), 1
            continue
        if char == "(":
            inner.append(1)
        elif char == ")" and len(inner) > 1:
            last = inner.pop()
            inner[-1] = max(inner[-1], last)
            index += 1
            continue
        elif char == "{":
            end = pattern.find("}", index)
            numbers = [n.strip() for n in pattern[index + 1 : end].split(",")] if end > 0 else []
            if numbers and all(n.isdigit() or not n for n in numbers) and any(numbers):
                count = max(int(n) for n in numbers if n)
                if count > MAX_EXPANSION or count * last > MAX_EXPANSION:
                    raise ValueError(f"counted repetitions asking for more than {MAX_EXPANSION}")
                inner[-1] = max(inner[-1], count * last)
                index, last = end + 1, 1
                continue
        last = 1
        index += 1


def compile_pattern(pattern: str, flags: str = "") -> regex.Pattern:
    value = regex.V0
    for letter in flags:
        value |= _FLAGS[letter]
    return regex.compile(pattern, value)


def search(compiled: regex.Pattern, text: str, pos: int = 0) -> regex.Match | None:
    """``compiled.search(text)``; a search stopped by the last-resort limit counts as no match."""
    try:
        return compiled.search(text, pos, timeout=LAST_RESORT_TIMEOUT)
    except TimeoutError:
        _gave_up(compiled, text)
        return None


def finditer(
    compiled: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> list[regex.Match]:
    """Every match of ``compiled`` in ``text[pos:endpos]`` (``^`` keeps its meaning: it matches
    at ``pos`` only at a line start)."""
    try:
        return list(compiled.finditer(text, pos, endpos, timeout=LAST_RESORT_TIMEOUT))
    except TimeoutError:
        _gave_up(compiled, text)
        return []


def sub(compiled: regex.Pattern, repl, text: str) -> str:
    try:
        return compiled.sub(repl, text, timeout=LAST_RESORT_TIMEOUT)
    except TimeoutError:
        _gave_up(compiled, text)
        return text


@cache
def load(path: Path) -> dict[str, regex.Pattern]:
    """The compiled patterns of one pattern file (``patterns: {name: {pattern, flags}}``)."""
    data = load_yaml(path)
    return {
        name: compile_pattern(entry["pattern"], entry.get("flags", ""))
        for name, entry in data["patterns"].items()
    }


@cache
def pattern_file(relative: str) -> dict[str, regex.Pattern]:
    """The compiled patterns of ``rules/<relative>`` (remembered by name: asked on every
    message, it must not rebuild a path each time)."""
    return load(rules_dir() / relative)


def named(name: str, relative: str = "patterns.yaml") -> regex.Pattern:
    """Pattern ``name`` of ``rules/<relative>`` (by default the structural patterns)."""
    return pattern_file(relative)[name]


def format_patterns(family: str) -> dict[str, regex.Pattern]:
    """The patterns of one format family's extractor, from ``rules/formats/<family>.yaml``."""
    return pattern_file(f"formats/{family}.yaml")


class KeywordSet:
    """Which of many lower-case keywords occur in a text, in one pass over it: linear in the
    text's length whatever the number of keywords (testing each keyword in turn costs their
    number times the length; ``benchmarks/throughput.py`` measured 4x faster on the corpus).

    The keywords become one trie-shaped expression (``re``: literal text only, so the scan is
    linear and cannot backtrack badly) inside a lookahead, tried at every position: there it
    finds the longest keyword that starts at that position, and the keywords that are
    prefixes of that one start there too."""

    def __init__(self, keywords: Iterable[str]) -> None:
        words = sorted({k for k in keywords if k})
        known = set(words)
        self._prefixes = {
            word: tuple(word[:n] for n in range(1, len(word)) if word[:n] in known)
            for word in words
        }
        self._scanner = re.compile(f"(?=({_trie(words)}))") if words else None

    def found(self, text: str) -> set[str]:
        if self._scanner is None:
            return set()
        hits: set[str] = set()
        for match in self._scanner.finditer(text):
            word = match.group(1)
            if word and word not in hits:
                hits.add(word)
                hits.update(self._prefixes[word])
        return hits


def _trie(words: list[str]) -> str:
    """An expression matching exactly ``words``, shaped as their trie (``ab|ac`` ->
    ``a(?:b|c)``), so that a position is tried character by character, once."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)
