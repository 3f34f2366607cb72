"""The classification rule database: load, validate and compile ``rules/classify/`` once, then
say which rules match a recipient.

A rule file is YAML with a ``stage`` (``provider``, ``phrase`` or ``facts``) and a list of
``rules``; the schema and the decision order are written down in ``rules/README.md``. This module
only knows how to read rules and test them against one recipient; the decision order itself
(rules, then status code, then reply code) lives in ``classify.py``.

Matching is designed for speed: every condition that costs no regex (status, reply code, action,
format, a lowercase keyword test) is checked before a rule's regular expression runs, and every
regular expression runs through ``bounceinterp.patterns`` with a time bound.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

from .. import patterns, vocabulary
from ..i18n import gettext as _
from ..resources import load_untrusted_yaml, load_yaml, rules_dir
from .statuscodes import categories

log = logging.getLogger(__name__)

#: Stages in decision order (``facts`` rules never decide a category, they only add facts).
STAGES = ("provider", "phrase", "facts")
STRENGTHS = ("strong", "weak")
#: The fact vocabulary (documented in rules/README.md); a rule may extract no other name.
FACT_NAMES = frozenset(
    {
        "blocklist",
        "blocklist_status",
        "delist_url",
        "client_ip",
        "quota",
        "forwarded_by",
        "retry_until",
        "remote_host",
        "provider",
        "provider_code",
        "help_url",
        "max_size",
        "listing_kind",
    }
)
WHO_ACTS = frozenset(vocabulary.WHO_ACTS)
_RULE_KEYS = frozenset(
    {
        "id",
        "category",
        "description",
        "references",
        "match",
        "facts",
        "priority",
        "strength",
        "confidence",
        "who_acts",
        "applies_to",
        "examples",
        "counterexamples",
    }
)
_MATCH_KEYS = frozenset(
    {"status", "not_status", "status_subject", "reply_code", "action", "format", "command",
     "refused", "diagnostic_type", "keywords", "diagnostic", "flags", "remote_host",
     "reporting_host"}
)  # fmt: skip
_EXAMPLE_KEYS = frozenset(
    {"diagnostic", "status", "reply_code", "action", "format", "command", "refused",
     "diagnostic_type", "remote_mta", "reporting_mta", "facts"}
)  # fmt: skip
#: Who a refusal can be about (``refused``): the recipient's address (RCPT), the envelope sender
#: (MAIL), the connecting host (greeting, HELO/EHLO), or the message itself (DATA).
REFUSED_PARTIES = frozenset(vocabulary.REFUSED)

#: Makes the RuleError of one rule (file and rule id in front of the message).
Fail = Callable[[str], "RuleError"]


class RuleError(ValueError):
    """A rule file that does not follow the schema (the message names the file and the rule)."""


@dataclass(frozen=True)
class Subject:
    """What a rule looks at: one recipient's codes and text, and where the report came from."""

    diagnostic: str = ""
    status: str | None = None
    reply_code: int | None = None
    action: str | None = None
    format: str | None = None
    remote_mta: str | None = None
    reporting_mta: str | None = None
    #: The SMTP command the refusal answered (``RCPT``, ``DATA``, ...), upper case, if known.
    command: str | None = None
    #: The type of the report's Diagnostic-Code (``smtp``, ``x-unix`` for a local delivery
    #: program, ``x-postfix``, ...), lower case, if known.
    diagnostic_type: str | None = None
    #: Who the refusal was about (one of ``REFUSED_PARTIES``), if the bounce says it.
    refused: str | None = None

    @property
    def status_subject(self) -> str | None:
        """The subject digit of the status (``7`` for 5.7.1); None without one, or for X.0.0."""
        parts = (self.status or "").split(".")
        return parts[1] if len(parts) == 3 and parts[1] != "0" else None

    @property
    def lowered(self) -> str:
        return self.diagnostic.lower()

    @classmethod
    def make(cls, diagnostic: str | None = None, **fields: Any) -> Subject:
        """A subject with the diagnostic's whitespace (folded lines, runs of spaces) collapsed."""
        return cls(diagnostic=" ".join((diagnostic or "").split()), **fields)


#: (pattern, status) -> whether it matches: every candidate rule asks, for a handful of codes.
_STATUS_MATCHES: dict[tuple[tuple[str, ...], str], bool] = {}


@dataclass(frozen=True)
class StatusPattern:
    """``5.1.1``, ``X.1.1`` (any class), ``5.7.*`` (any detail) or ``4.*`` (any subject)."""

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> StatusPattern:
        parts = tuple(str(text).strip().upper().split("."))
        ok = 1 <= len(parts) <= 3 and all(p.isdigit() or p in ("X", "*") for p in parts)
        if not ok or parts[0] not in ("2", "4", "5", "X"):
            raise RuleError(_("bad status pattern {pattern}").format(pattern=repr(text)))
        return cls(parts)

    def matches(self, status: str) -> bool:
        key = (self.parts, status)
        known = _STATUS_MATCHES.get(key)
        if known is None:
            if len(_STATUS_MATCHES) > 50_000:  # statuses come from mail: keep the memo small
                _STATUS_MATCHES.clear()
            known = _STATUS_MATCHES[key] = self._matches(status)
        return known

    def _matches(self, status: str) -> bool:
        given = status.split(".")
        for index, want in enumerate(self.parts):
            if want == "*":
                return True
            if index >= len(given) or (want != "X" and want != given[index]):
                return False
        return len(given) == len(self.parts)


@dataclass(frozen=True)
class Example:
    subject: Subject
    facts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    category: str | None
    description: str
    references: tuple[str, ...]
    priority: int
    strength: str
    confidence: float | None
    who_acts: str | None
    statuses: tuple[StatusPattern, ...]
    #: Statuses that rule this rule out (a specific code the wording must not override).
    not_statuses: tuple[StatusPattern, ...]
    #: Status subjects (``"2"`` for X.2.x) the wording agrees with: with a status of another
    #: subject (X.0.0 aside), the rule does not match (ambiguous wording carries its context).
    status_subjects: frozenset[str]
    #: Who the refusal must be about (``REFUSED_PARTIES``).
    refused: frozenset[str]
    reply_codes: frozenset[int]
    actions: frozenset[str]
    formats: frozenset[str]
    commands: frozenset[str]
    diagnostic_types: frozenset[str]
    keywords: tuple[str, ...]
    diagnostic: regex.Pattern | None
    remote_host: regex.Pattern | None
    reporting_host: regex.Pattern | None
    facts: dict[str, str]
    applies_to: frozenset[str]
    examples: tuple[Example, ...]
    counterexamples: tuple[Example, ...]
    source: str
    #: 0 for a rule from the caller's directory (tried first), 1 for a bundled rule.
    origin: int = 1
    #: status -> whether ``statuses`` and ``not_statuses`` let it through (asked per candidate
    #: recipient, for a handful of distinct codes).
    _status_memo: dict[str | None, bool] = field(default_factory=dict, compare=False, repr=False)

    def status_allowed(self, status: str | None) -> bool:
        known = self._status_memo.get(status)
        if known is None:
            if len(self._status_memo) > 1000:  # codes come from mail: keep the memo small
                self._status_memo.clear()
            known = (not self.statuses or bool(status and any(
                p.matches(status) for p in self.statuses
            ))) and not (status and any(p.matches(status) for p in self.not_statuses))  # fmt: skip
            self._status_memo[status] = known
        return known

    def match(self, subject: Subject, lowered: str) -> Match | None:
        """The match of this rule on ``subject`` (``lowered`` is its diagnostic in lower case)."""
        if not self.status_allowed(subject.status):
            return None
        if self.status_subjects and subject.status_subject not in (None, *self.status_subjects):
            return None
        if self.refused and subject.refused not in self.refused:
            return None
        if self.reply_codes and subject.reply_code not in self.reply_codes:
            return None
        if self.actions and subject.action not in self.actions:
            return None
        if self.formats and subject.format not in self.formats:
            return None
        if self.commands and subject.command not in self.commands:
            return None
        if self.diagnostic_types and subject.diagnostic_type not in self.diagnostic_types:
            return None
        evidence: list[str] = []
        if self.keywords:
            keyword = next((k for k in self.keywords if k in lowered), None)
            if keyword is None:
                return None
            if self.diagnostic is None:
                evidence.append(keyword)
        if self.remote_host is not None:
            if not (subject.remote_mta and patterns.search(self.remote_host, subject.remote_mta)):
                return None
            evidence.append(subject.remote_mta)
        if self.reporting_host is not None:
            host = subject.reporting_mta
            if not (host and patterns.search(self.reporting_host, host)):
                return None
            evidence.append(host)
        facts = dict(self.facts)
        if self.diagnostic is not None:
            found = patterns.search(self.diagnostic, subject.diagnostic)
            if found is None:
                return None
            evidence.insert(0, found.group(0).strip())
            for name, value in found.groupdict().items():
                if value and name in FACT_NAMES:
                    facts[name] = value.strip()
        if not evidence:
            evidence = [subject.status or (str(subject.reply_code) if subject.reply_code else "")]
        return Match(self, " | ".join(e for e in evidence if e), facts)


@dataclass(frozen=True)
class Match:
    rule: Rule
    evidence: str
    facts: dict[str, str]


@dataclass
class Rulebook:
    """Every compiled rule, grouped by stage in precedence order, and the decision settings."""

    deciding: list[Rule]
    fact_rules: list[Rule]
    settings: dict[str, Any]
    #: Keyword index of ``deciding``: the rules (by position) each keyword belongs to, and the
    #: rules that have no keyword. One substring test per distinct keyword then picks the few
    #: rules worth trying, instead of trying every rule on every recipient.
    _by_keyword: dict[str, tuple[int, ...]] = field(init=False, repr=False)
    _without_keyword: frozenset[int] = field(init=False, repr=False)
    _keywords: patterns.KeywordSet = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(self.deciding):
            for keyword in rule.keywords:
                index.setdefault(keyword, []).append(position)
        self._by_keyword = {k: tuple(v) for k, v in index.items()}
        self._without_keyword = frozenset(
            position for position, rule in enumerate(self.deciding) if not rule.keywords
        )
        self._keywords = patterns.KeywordSet(self._by_keyword)

    def rules(self) -> Iterator[Rule]:
        yield from self.deciding
        yield from self.fact_rules

    def candidates(self, lowered: str) -> list[Rule]:
        """The deciding rules that can match a diagnostic (lower case), in precedence order."""
        positions = set(self._without_keyword)
        for keyword in self._keywords.found(lowered):
            positions.update(self._by_keyword[keyword])
        return [self.deciding[p] for p in sorted(positions)]

    def matches(self, subject: Subject) -> Iterator[Match]:
        """Matching provider and phrase rules, most precedent first (lazily: stop when done)."""
        lowered = subject.lowered
        for rule in self.candidates(lowered):
            found = rule.match(subject, lowered)
            if found is not None:
                yield found

    def facts(self, subject: Subject, category: str) -> dict[str, str]:
        """Facts from the ``facts`` rules that apply to ``category`` (first rule wins a name)."""
        lowered = subject.lowered
        found: dict[str, str] = {}
        for rule in self.fact_rules:
            if rule.applies_to and category not in rule.applies_to:
                continue
            hit = rule.match(subject, lowered)
            if hit is not None:
                for name, value in hit.facts.items():
                    found.setdefault(name, value)
        return found


# --- loading -----------------------------------------------------------------------------------


def bundled_dir() -> Path:
    return rules_dir() / "classify"


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a directory (any depth), in a stable order."""
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


@cache
def settings() -> dict[str, Any]:
    """Decision settings (``rules/classify/order.yaml``): vague status codes, confidences."""
    return load_yaml(bundled_dir() / "order.yaml")


def load(extra: str | Path | None = None) -> Rulebook:
    """The bundled rulebook, with the rules of directory ``extra`` (if given) taking precedence.

    Raises FileNotFoundError when ``extra`` is not a directory, and RuleError when one of its
    rule files cannot be read or does not follow the schema.
    """
    return _load(str(Path(extra).resolve()) if extra else None)


@cache
def _load(extra: str | None) -> Rulebook:
    rules: list[Rule] = []
    if extra:
        rules.extend(read_directory(Path(extra), origin=0))
    overridden = {r.id for r in rules}
    rules.extend(r for r in read_directory(bundled_dir(), origin=1) if r.id not in overridden)
    return build(rules)


def build(rules: Iterable[Rule]) -> Rulebook:
    rules = list(rules)
    order = {stage: index for index, stage in enumerate(STAGES)}

    def rank(rule: Rule) -> tuple[int, int, int]:
        return (rule.origin, order[rule.stage], -rule.priority)

    deciding = sorted((r for r in rules if r.stage != "facts"), key=rank)
    fact_rules = sorted((r for r in rules if r.stage == "facts"), key=rank)
    return Rulebook(deciding, fact_rules, settings())


def read_directory(directory: Path, origin: int = 1) -> list[Rule]:
    """Every rule of every rule file under ``directory``; raises RuleError on a schema error,
    FileNotFoundError when ``directory`` is not a directory."""
    if not directory.is_dir():
        raise FileNotFoundError(_("no rules directory {directory}").format(directory=directory))
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(directory):
        for rule in read_file(path, origin):
            if rule.id in seen:
                message = _("rule id {rule} already used in {file}")
                raise RuleError(f"{path}: " + message.format(rule=rule.id, file=seen[rule.id]))
            seen[rule.id] = str(path)
            rules.append(rule)
    return rules


def read_file(path: Path, origin: int = 1) -> list[Rule]:
    """The rules of one file; a file without a ``rules`` list (settings, patterns) has none."""
    try:
        data = load_yaml(path) if origin else load_untrusted_yaml(path)
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {position})").format(position=exc.start)
        raise RuleError(f"{path}: {message}") from exc
    except OSError as exc:
        message = _("cannot read: {reason}").format(reason=exc.strerror or exc)
        raise RuleError(f"{path}: {message}") from exc
    except Exception as exc:
        import yaml  # not imported at start: the prepared cache usually spares the parser

        if not isinstance(exc, yaml.YAMLError):
            raise
        raise RuleError(f"{path}: " + _("not valid YAML: {reason}").format(reason=exc)) from exc
    if not isinstance(data, dict) or "rules" not in data:
        return []
    stage = data.get("stage")
    if stage not in STAGES:
        message = _("stage must be one of {stages}, not {stage}")
        raise RuleError(f"{path}: " + message.format(stages=", ".join(STAGES), stage=repr(stage)))
    if not isinstance(data["rules"], list):
        raise RuleError(f"{path}: " + _("rules must be a list"))
    return [compile_rule(entry, stage, f"{path.name}", origin) for entry in data["rules"]]


def compile_rule(entry: Any, stage: str, source: str, origin: int = 1) -> Rule:
    """One rule entry checked against the schema and compiled; raises RuleError naming
    ``source`` (the file) and the rule's id."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        message = _("every rule needs a string id: {entry}").format(entry=str(entry)[:80])
        raise RuleError(f"{source}: {message}")
    rid = entry["id"]

    def fail(message: str) -> RuleError:
        return RuleError(f"{source}: {rid}: {message}")

    try:
        return _compile_rule(entry, stage, source, origin, fail)
    except RuleError:
        raise
    except (TypeError, ValueError, AttributeError) as exc:  # a value of an unexpected shape
        raise fail(_("a value of the wrong type: {reason}").format(reason=exc)) from exc


def _compile_rule(entry: dict, stage: str, source: str, origin: int, fail: Fail) -> Rule:
    rid = entry["id"]
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise fail(_("unknown keys {keys}").format(keys=sorted(map(str, unknown))))
    category = entry.get("category")
    if stage == "facts":
        if category is not None:
            raise fail(_("a facts rule must not set a category"))
        if not entry.get("applies_to") and not entry.get("match"):
            raise fail(_("a facts rule needs match or applies_to"))
    elif category not in categories():
        raise fail(_("unknown category {category}").format(category=repr(category)))
    for name in _as_list(entry.get("applies_to")):
        if name not in categories():
            # TRANSLATORS: applies_to, match, stage, strength, who_acts, keywords are keys of a
            # rule file (rules/README.md) and stay in English in these messages.
            raise fail(_("applies_to: unknown category {category}").format(category=repr(name)))
    if not entry.get("description"):
        raise fail(_("description is required"))
    strength = entry.get("strength", "strong")
    if strength not in STRENGTHS:
        raise fail(_("strength must be strong or weak, not {value}").format(value=repr(strength)))
    who = entry.get("who_acts")
    if who is not None and who not in WHO_ACTS:
        raise fail(_("unknown who_acts {value}").format(value=repr(who)))
    facts = _facts(entry.get("facts"), fail)
    bad_facts = set(facts) - FACT_NAMES
    if bad_facts:
        raise fail(_("unknown facts {names}").format(names=sorted(bad_facts)))
    match = _mapping(entry.get("match"), "match", fail)
    if set(match) - _MATCH_KEYS:
        strays = sorted(map(str, set(match) - _MATCH_KEYS))
        raise fail(_("match: unknown keys {keys}").format(keys=strays))
    if not match:
        raise fail(_("match is required"))
    statuses = tuple(_status(s, fail) for s in _as_list(match.get("status")))
    status_subjects = frozenset(str(d) for d in _as_list(match.get("status_subject")))
    if not status_subjects <= set("1234567"):
        raise fail(
            _("status_subject must be digits 1 to 7, not {value}").format(
                value=sorted(status_subjects)
            )
        )
    refused = frozenset(str(r) for r in _as_list(match.get("refused")))
    if not refused <= REFUSED_PARTIES:
        message = _("refused must be one of {parties}, not {value}")
        raise fail(
            message.format(parties=", ".join(sorted(REFUSED_PARTIES)), value=sorted(refused))
        )
    not_statuses = tuple(_status(s, fail) for s in _as_list(match.get("not_status")))
    reply_codes = frozenset(
        _number(c, "reply_code", int, fail) for c in _as_list(match.get("reply_code"))
    )
    if not all(isinstance(k, str) for k in _as_list(match.get("keywords"))):
        raise fail(_("keywords must be strings (quote a keyword that contains ': ')"))
    keywords = tuple(k.lower() for k in _as_list(match.get("keywords")))
    flags = str(match.get("flags", "i"))
    diagnostic = _compile(match.get("diagnostic"), flags, fail, eager=origin == 0)
    if diagnostic is not None and not isinstance(diagnostic, patterns.LazyPattern):
        check_groups(diagnostic, fail)  # a bundled rule's: by rules check
    confidence = _number(entry.get("confidence"), "confidence", float, fail)
    if confidence is not None and not 0 <= confidence <= 1:
        raise fail(_("confidence must be between 0 and 1"))
    priority = _number(entry.get("priority", 50), "priority", int, fail)
    rule = Rule(
        id=rid,
        stage=stage,
        category=category,
        description=str(entry["description"]).strip(),
        references=tuple(str(r) for r in _as_list(entry.get("references"))),
        priority=priority if priority is not None else 50,
        strength=strength,
        confidence=confidence,
        who_acts=who,
        statuses=statuses,
        not_statuses=not_statuses,
        status_subjects=status_subjects,
        refused=refused,
        reply_codes=reply_codes,
        actions=frozenset(str(a) for a in _as_list(match.get("action"))),
        formats=frozenset(str(f) for f in _as_list(match.get("format"))),
        commands=frozenset(str(c).upper() for c in _as_list(match.get("command"))),
        diagnostic_types=frozenset(str(t).lower() for t in _as_list(match.get("diagnostic_type"))),
        keywords=keywords,
        diagnostic=diagnostic,
        remote_host=_compile(match.get("remote_host"), "i", fail, origin == 0),
        reporting_host=_compile(match.get("reporting_host"), "i", fail, origin == 0),
        facts=facts,
        applies_to=frozenset(_as_list(entry.get("applies_to"))),
        examples=tuple(_example(e, fail) for e in _as_list(entry.get("examples"))),
        counterexamples=tuple(_example(e, fail) for e in _as_list(entry.get("counterexamples"))),
        source=source,
        origin=origin,
    )
    if not rule.examples:
        raise fail(_("at least one example is required"))
    return rule


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _mapping(value: Any, key: str, fail: Fail) -> dict:
    """``value`` when it is a mapping (or absent: empty); else the rule's error."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        # TRANSLATORS: {key} is a key of a rule file (facts, match), kept in English.
        message = _("{key} must be a mapping (name: value), not {value}")
        raise fail(message.format(key=key, value=repr(value)[:80]))
    return value


def _facts(value: Any, fail: Fail) -> dict[str, str]:
    return {str(k): str(v) for k, v in _mapping(value, "facts", fail).items()}


#: The range each number of a rule file must be in.
_NUMBER_RANGES = {"priority": (-1000, 1000), "reply_code": (200, 599), "confidence": (0, 1)}


def _number(value: Any, key: str, kind: type, fail: Fail) -> Any:
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        number = kind(value)
        if kind is int and number != float(value):
            raise ValueError  # 2.5 is no whole number
    except (TypeError, ValueError, OverflowError):  # .inf and .nan are not numbers here
        # TRANSLATORS: {key} is a key of a rule file (priority, reply_code), kept in English.
        message = _("{key} must be a number, not {value}")
        raise fail(message.format(key=key, value=repr(value))) from None
    low, high = _NUMBER_RANGES.get(key, (None, None))
    if low is not None and not low <= number <= high:
        # TRANSLATORS: {key} is a key of a rule file (priority, reply_code), kept in English.
        message = _("{key} must be between {low} and {high}, not {value}")
        raise fail(message.format(key=key, low=low, high=high, value=repr(value)))
    return number


def _status(text: Any, fail: Fail) -> StatusPattern:
    try:
        return StatusPattern.parse(text)
    except RuleError as exc:
        raise fail(str(exc)) from exc


def check_groups(diagnostic: regex.Pattern, fail: Fail) -> None:
    groups = {g for g in diagnostic.groupindex if not g.startswith("_")}
    if groups - FACT_NAMES:
        message = _("named groups must be fact names: {names}")
        raise fail(message.format(names=sorted(groups - FACT_NAMES)))


def _compile(pattern: Any, flags: str, fail: Fail, eager: bool = True) -> regex.Pattern | None:
    """The rule's pattern, checked; compiled now for a caller's rule (``eager``), on first use
    for a bundled one (``patterns.LazyPattern``)."""
    if pattern is None:
        return None
    try:
        patterns.check_complexity(str(pattern))
        if not eager:
            return patterns.LazyPattern(str(pattern), flags)  # type: ignore[return-value]
        return patterns.compile_pattern(str(pattern), flags)
    except (regex.error, KeyError, ValueError) as exc:
        message = _("bad regular expression {pattern}: {reason}")
        raise fail(message.format(pattern=repr(str(pattern)[:60]), reason=exc)) from exc


def _example(value: Any, fail: Fail) -> Example:
    if isinstance(value, str):
        return Example(Subject.make(value))
    if not isinstance(value, dict) or set(value) - _EXAMPLE_KEYS:
        raise fail(_("bad example {example}").format(example=repr(str(value)[:80])))

    def fail_here(message: str) -> RuleError:
        example = repr(str(value.get("diagnostic", ""))[:60])
        return fail(_("example {example}: {problem}").format(example=example, problem=message))

    reply = value.get("reply_code")
    subject = Subject.make(
        str(value.get("diagnostic", "")),
        status=str(value["status"]) if value.get("status") else None,
        reply_code=_number(reply, "reply_code", int, fail_here),
        action=value.get("action"),
        format=value.get("format"),
        remote_mta=value.get("remote_mta"),
        reporting_mta=value.get("reporting_mta"),
        command=str(value["command"]).upper() if value.get("command") else None,
        refused=str(value["refused"]) if value.get("refused") else None,
        diagnostic_type=str(value["diagnostic_type"]).lower()
        if value.get("diagnostic_type")
        else None,
    )
    return Example(subject, _facts(value.get("facts"), fail_here))
