"""Every regular expression applied to message text, and how it is bounded.

What keeps the cost of a pattern small is the size of its input, never a clock: every text a
pattern reads is cut to a documented length first (``limits``), and every bundled pattern is
linear on any input (``benchmarks/patterns_worst_case.py`` checks them on adversarial text), so
the same message gives the same answer on an idle and on a busy machine. A generous time limit
stays only as a last-resort net (a user's own rule with a pattern that backtracks badly): a
search that reaches it counts as no match and is reported in the message's ``warnings``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import regex

from .logs import logger
from .resources import load_yaml, rules_dir

log = logger(__name__)

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
_RE_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
#: The engines a pattern file may name (``engine:``): ``regex`` (the default, with its time
#: limit), or the standard ``re`` for files of literal alternations, which it compiles three
#: times and matches two to three times faster (rules/detect.yaml).
ENGINES = ("regex", "re")


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


def compile_pattern(pattern: str, flags: str = "", engine: str = "regex") -> regex.Pattern:
    if engine == "re":
        plain = 0
        for letter in flags:
            plain |= _RE_FLAGS[letter]
        return re.compile(pattern, plain)  # type: ignore[return-value]
    value = regex.V0
    for letter in flags:
        value |= _FLAGS[letter]
    return regex.compile(pattern, value)


class LazyPattern:
    """A pattern compiled the first time it is used, and then like the compiled one.

    Compiling every bundled pattern costs a quarter of a second, most of a one-shot
    ``bounceinterp explain``, and a message uses only a few of them (the rules its keywords
    select, the families its evidence names). Bundled patterns are checked by the test suite
    (``bounceinterp rules check`` compiles them all); a caller's rules are compiled at load, so
    that a mistake is a RuleError at once."""

    __slots__ = ("_compiled", "engine", "flags", "pattern")

    def __init__(self, pattern: str, flags: str = "", engine: str = "regex") -> None:
        self.pattern = pattern
        self.flags = flags
        self.engine = engine
        self._compiled: regex.Pattern | None = None

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = compile_pattern(self.pattern, self.flags, self.engine)
        return self._compiled

    def __getattr__(self, name: str):  # search, finditer, groupindex ...
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


#: Texts at least this long get the last-resort clock even with a bundled pattern. Shorter
#: ones do not need it (bundled patterns are linear), and it would cost more than the search:
#: arming it takes about 2 us, a search of a header value 0.4 us.
CLOCKED_TEXT = 64 * 1024


def _engine(compiled: regex.Pattern | LazyPattern, text: str) -> tuple[regex.Pattern, bool]:
    """The compiled pattern, and whether its search needs the clock: always for a caller's
    pattern (compiled at load, not lazy), for a bundled one only on a long text."""
    if isinstance(compiled, LazyPattern):
        found = compiled._compiled or compiled.compiled
        return found, len(text) >= CLOCKED_TEXT and not isinstance(found, re.Pattern)
    return compiled, not isinstance(compiled, re.Pattern)


def search(compiled: regex.Pattern, text: str, pos: int = 0) -> regex.Match | None:
    """``compiled.search(text)``; a search stopped by the last-resort limit counts as no match."""
    found, clocked = _engine(compiled, text)
    if not clocked:
        return found.search(text, pos)
    try:
        return found.search(text, pos, timeout=LAST_RESORT_TIMEOUT)
    except TimeoutError:
        _gave_up(found, text)
        return None


def finditer(
    compiled: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None
) -> list[regex.Match]:
    """Every match of ``compiled`` in ``text[pos:endpos]`` (``^`` keeps its meaning: it matches
    at ``pos`` only at a line start)."""
    found, clocked = _engine(compiled, text)
    end = len(text) if endpos is None else endpos
    if not clocked:
        return list(found.finditer(text, pos, end))
    try:
        return list(found.finditer(text, pos, end, timeout=LAST_RESORT_TIMEOUT))
    except TimeoutError:
        _gave_up(found, text)
        return []


def sub(compiled: regex.Pattern, repl, text: str) -> str:
    found, clocked = _engine(compiled, text)
    if not clocked:
        return found.sub(repl, text)
    try:
        return found.sub(repl, text, timeout=LAST_RESORT_TIMEOUT)
    except TimeoutError:
        _gave_up(found, text)
        return text


@cache
def load(path: Path) -> dict[str, regex.Pattern]:
    """The compiled patterns of one pattern file (``patterns: {name: {pattern, flags}}``)."""
    data = load_yaml(path)
    engine = data.get("engine", "regex")
    if engine not in ENGINES:
        raise ValueError(f"{path}: engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return {
        name: LazyPattern(entry["pattern"], entry.get("flags", ""), engine)  # type: ignore[misc]
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


def required_literals(pattern: LazyPattern | regex.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None when that
    cannot be told (a feature the standard parser does not know, or nothing long enough).

    A prefilter: a text without any of them cannot match, so an expensive search is skipped
    for a few substring tests. Read from the pattern itself (its literal runs, through
    alternations and groups), so a rule file never has to repeat them."""
    return _required(pattern.pattern, getattr(pattern, "flags", ""))


@cache
def _required(pattern: str, flags: str) -> frozenset[str] | None:
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parser  # type: ignore[attr-defined]

    value = 0
    for letter in flags:
        value |= _RE_FLAGS.get(letter, 0)
    try:
        tree = sre_parser.parse(pattern, value)
    except Exception:  # syntax of the regex module only: no prefilter
        return None
    return _required_in(list(tree), sre_constants)


#: Shorter literal runs select too much to be worth a test.
_SHORTEST_LITERAL = 3


def _required_in(items: list, c) -> frozenset[str] | None:
    """For a parsed sequence: the best set among its literal runs and required sub-items."""
    found: list[frozenset[str] | None] = []
    run: list[str] = []

    def end_run() -> None:
        if len(run) >= _SHORTEST_LITERAL:
            found.append(frozenset({"".join(run).lower()}))
        run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        end_run()
        if op is c.SUBPATTERN:
            found.append(_required_in(list(av[-1]), c))
        elif op is c.ATOMIC_GROUP:
            found.append(_required_in(list(av), c))
        elif op is c.BRANCH:
            branches = [_required_in(list(branch), c) for branch in av[1]]
            if all(b is not None for b in branches):
                found.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.append(_required_in(list(av[2]), c))
    end_run()
    usable = [f for f in found if f]
    if not usable:
        return None
    return max(usable, key=lambda strings: (min(map(len, strings)), -len(strings)))


class KeywordSet:
    """Which of many lower-case keywords occur in a text, in time linear in the text's length
    whatever the number of keywords (testing each keyword in turn costs their number times the
    length; ``benchmarks/throughput.py`` measured 4x faster on the corpus).

    Two ways, with the same answer (a test checks it): the first texts of a process look up
    the keywords that begin with each pair of letters the text holds; from the
    :data:`TRIE_AFTER`-th text on, one trie-shaped expression (``re``: literal text only, so it
    cannot backtrack badly) inside a lookahead finds at each position the longest keyword that
    starts there, and the keywords that are prefixes of it start there too. The trie is 3x
    faster per text but takes 0.1 s to compile: a one-shot command never pays for it."""

    #: Texts scanned by letter pairs before the trie is compiled.
    TRIE_AFTER = 200

    def __init__(self, keywords: Iterable[str]) -> None:
        words = sorted({k for k in keywords if k})
        self._words = words
        known = set(words)
        self._prefixes = {
            word: tuple(word[:n] for n in range(1, len(word)) if word[:n] in known)
            for word in words
        }
        self._single = tuple(w for w in words if len(w) == 1)
        by_pair: dict[str, list[str]] = {}
        for word in words:
            if len(word) > 1:
                by_pair.setdefault(word[:2], []).append(word)
        self._by_pair = {pair: tuple(found) for pair, found in by_pair.items()}
        self._scanned = 0
        self._scanner: re.Pattern[str] | None = None

    def found(self, text: str) -> set[str]:
        if not self._words:
            return set()
        if self._scanner is None:
            self._scanned += 1
            if self._scanned <= self.TRIE_AFTER:
                return self.found_by_pairs(text)
            self._scanner = re.compile(f"(?=({_trie(self._words)}))")
        return self.found_by_trie(text)

    def found_by_pairs(self, text: str) -> set[str]:
        hits = {word for word in self._single if word in text}
        pairs = {text[i : i + 2] for i in range(len(text) - 1)}
        for pair in pairs.intersection(self._by_pair):
            hits.update(word for word in self._by_pair[pair] if word in text)
        return hits

    def found_by_trie(self, text: str) -> set[str]:
        if self._scanner is None:
            self._scanner = re.compile(f"(?=({_trie(self._words)}))")
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
