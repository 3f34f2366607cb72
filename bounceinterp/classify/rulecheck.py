"""``bounceinterp rules check``: validate rule files and run every example and counterexample.

An example must match its rule, and the whole rulebook must decide the rule's category for it
(so a rule shadowed by another one is caught), with the example's expected facts among the
facts found. A counterexample must not match its rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from .. import patterns
from ..i18n import gettext as _
from . import decide, rulebook
from .rulebook import Example, Rule, RuleError


@dataclass
class CheckReport:
    directory: Path
    rules: int = 0
    examples: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(directory: str | Path | None = None) -> CheckReport:
    """Check the rules of ``directory`` (the bundled rules when None) against the schema and
    their own examples; a user's directory is checked together with the bundled rules.

    Raises FileNotFoundError when ``directory`` is not a directory (a caller's mistake, not a
    problem of the rules). Problems are ``FILE: RULE-ID: sentence`` lines, translated.
    """
    path = Path(directory) if directory else rulebook.bundled_dir()
    report = CheckReport(path)
    try:
        rules = rulebook.read_directory(path, origin=0 if directory else 1)
        if directory:
            overridden = {r.id for r in rules}
            bundled = [r for r in rulebook.read_directory(rulebook.bundled_dir())
                       if r.id not in overridden]  # fmt: skip
        else:
            bundled = []
    except RuleError as exc:
        report.problems.append(str(exc))
        return report
    book = rulebook.build(rules + bundled)
    report.rules = len(rules)
    for rule in rules:
        compile_problem = _compile_now(rule)
        if compile_problem:
            report.problems.append(f"{rule.source}: {rule.id}: {compile_problem}")
            continue
        if rule.stage != "facts" and _unfiltered(rule):
            problem: str | None = _(
                "a regex with no keywords, status, reply code or host runs on every recipient; "
                "add keywords"
            )
            report.problems.append(f"{rule.source}: {rule.id}: {problem}")
        for example in rule.examples:
            report.examples += 1
            problem = _run_example(rule, example, book)
            if problem:
                report.problems.append(f"{rule.source}: {rule.id}: {problem}")
        for counter in rule.counterexamples:
            report.examples += 1
            if rule.match(counter.subject, counter.subject.lowered) is not None:
                problem = _("counterexample matches: {example}").format(example=_show(counter))
                report.problems.append(f"{rule.source}: {rule.id}: {problem}")
    return report


def _unfiltered(rule: Rule) -> bool:
    cheap = rule.keywords or rule.statuses or rule.reply_codes or rule.remote_host
    return rule.diagnostic is not None and not (cheap or rule.reporting_host)


def _run_example(rule: Rule, example: Example, book: rulebook.Rulebook) -> str | None:
    subject = example.subject
    found = rule.match(subject, subject.lowered)
    if found is None:
        return _("example does not match: {example}").format(example=_show(example))
    if rule.stage == "facts":
        facts = found.facts
    else:
        decision = decide(subject, book)
        if decision.category != rule.category:
            message = _("example decided {category} by rule {rule}, not {expected}: {example}")
            return message.format(
                category=decision.category,
                rule=decision.rule,
                expected=rule.category,
                example=_show(example),
            )
        facts = dict(decision.facts)
        for name, value in book.facts(subject, decision.category).items():
            facts.setdefault(name, value)
    wrong = {k: facts.get(k) for k, v in example.facts.items() if facts.get(k) != v}
    if wrong:
        message = _("facts {found} instead of {expected}: {example}")
        return message.format(found=wrong, expected=example.facts, example=_show(example))
    return None


def _show(example: Example) -> str:
    subject = example.subject
    text = subject.diagnostic[:90] or f"status {subject.status}"
    return repr(text)


def _compile_now(rule: rulebook.Rule) -> str | None:
    """Compile the patterns a bundled rule compiles on first use (``patterns.LazyPattern``)."""
    for pattern in (rule.diagnostic, rule.remote_host, rule.reporting_host):
        if isinstance(pattern, patterns.LazyPattern):
            try:
                compiled = pattern.compiled
            except regex.error as exc:
                message = _("bad regular expression {pattern}: {reason}")
                return message.format(pattern=repr(pattern.pattern[:60]), reason=exc)
            if pattern is rule.diagnostic:
                try:
                    rulebook.check_groups(compiled, RuleError)
                except RuleError as exc:
                    return str(exc)
    return None
