"""Named structural patterns from ``rules/patterns.yaml``, run with a time bound.

Every regular expression applied to message text goes through the ``regex`` module with a
timeout: attacker-written text must never make the library hang.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import regex

from .resources import load_yaml, rules_dir

log = logging.getLogger(__name__)

#: Seconds one regex search on message text may take before it is abandoned.
REGEX_TIMEOUT = 0.05

_FLAGS = {"i": regex.IGNORECASE, "m": regex.MULTILINE, "s": regex.DOTALL, "x": regex.VERBOSE}


def compile_pattern(pattern: str, flags: str = "") -> regex.Pattern:
    value = regex.V0
    for letter in flags:
        value |= _FLAGS[letter]
    return regex.compile(pattern, value)


def search(compiled: regex.Pattern, text: str, pos: int = 0) -> regex.Match | None:
    """``compiled.search(text)`` bounded in time; a timeout is logged and counts as no match."""
    try:
        return compiled.search(text, pos, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        log.warning("pattern %r timed out on %d characters", compiled.pattern[:60], len(text))
        return None


def finditer(
    compiled: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> list[regex.Match]:
    """Every match of ``compiled`` in ``text[pos:endpos]`` (``^`` keeps its meaning: it matches
    at ``pos`` only at a line start), bounded in time."""
    try:
        return list(compiled.finditer(text, pos, endpos, timeout=REGEX_TIMEOUT))
    except TimeoutError:
        log.warning("pattern %r timed out on %d characters", compiled.pattern[:60], len(text))
        return []


def sub(compiled: regex.Pattern, repl, text: str) -> str:
    try:
        return compiled.sub(repl, text, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        log.warning("pattern %r timed out on %d characters", compiled.pattern[:60], len(text))
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
