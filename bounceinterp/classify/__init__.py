"""Step 4 of the pipeline: per recipient, why delivery failed: category, permanence, who must
act, and facts. A chain of evidence (written down in ``rules/README.md``):

1. provider rules, then phrase rules (``rules/classify/``), the first match in precedence order;
   their inputs are the diagnostic's words, the codes, the SMTP stage (``command``) and who was
   refused (``refused``); a ``weak`` rule (vague wording) decides only when the status code is
   absent or vague;
2. the enhanced status code (``rules/status-codes.yaml``) when it is specific;
3. nothing more: a vague code (X.0.0, X.7.1, X.5.0, ..., ``rules/classify/order.yaml``) or a
   bare reply code decides nothing on its own. A delay whose cause was not found is
   ``expired`` (cause unknown); a failure is ``on_hold``; with no code and no words at all,
   ``undefined``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from .. import patterns
from ..limits import DEFAULT_LIMITS, Limits
from ..logs import logger
from ..model import Interpretation, RecipientStatus
from ..read.dsn import is_generic
from ..read.smtpcommand import refused_party
from ..vocabulary import Category, WhoActs
from . import forwarding, rulebook
from .rulebook import Match, Rulebook, Subject
from .statuscodes import categories, status_info

log = logger(__name__)

#: Patterns that read status codes out of a reply's text.
STATUS_TEXT = "classify/status-text.yaml"

#: Categories an extractor decides by itself (the report's kind says it all).
KIND_CATEGORIES: dict[str, Category] = {"auto_reply": "vacation", "feedback": "feedback"}


@dataclass
class Decision:
    category: Category
    rule: str
    confidence: float
    evidence: str | None = None
    facts: dict[str, str] = field(default_factory=dict)
    who_acts: WhoActs | None = None


@dataclass
class _Reading:
    """What the rules may still read in one message, and what they already decided: rules
    read at most ``max_diagnostic`` characters of a diagnostic and ``max_rule_text`` in all
    (sizes, not time: the answer never depends on the machine's load), and a subject already
    seen (a mass bounce repeats its diagnostic) is decided once."""

    remaining: int
    most: int
    decided: dict[Subject, tuple[Decision, dict[str, str]]] = field(default_factory=dict)
    cut: bool = False
    #: The message's time budget ran out: the recipients left get their codes only.
    out_of_time: bool = False


def classify(
    report: Interpretation,
    rules: str | Path | Rulebook | None = None,
    limits: Limits = DEFAULT_LIMITS,
    started: float | None = None,
) -> None:
    """Classify every recipient of ``report`` in place; ``rules`` is a directory of the
    caller's own rules, which take precedence over the bundled ones (or a loaded Rulebook).

    A recipient whose classification fails (a bug of ours) stays ``undefined`` and the report
    gets a warning: what the extractor read is never lost. ``started`` is the thread CPU time
    (``time.thread_time``) at which work on the message began: once ``limits.time_budget`` is
    spent, the recipients left are classified by their codes only, and the report says so.
    This last-resort net is never reached within the other limits.
    """
    book = rules if isinstance(rules, Rulebook) else rulebook.load(rules)
    reading = _Reading(limits.max_rule_text, limits.max_diagnostic)
    deadline = (time.thread_time() if started is None else started) + limits.time_budget
    for index, recipient in enumerate(report.recipients):
        # The clock is read every 16 recipients: reading it costs as much as a small decision.
        if index % 16 == 0 and reading.remaining and time.thread_time() > deadline:
            reading.remaining, reading.out_of_time = 0, True
        try:
            classify_recipient(recipient, report, book, reading)
        except Exception as exc:
            log.error("classification failed: %s", exc, exc_info=log.isEnabledFor(logging.DEBUG))
            report.warnings.append(f"classification failed: {type(exc).__name__}: {exc}")
            recipient.category, recipient.rule = "undefined", "none"
            recipient.confidence, recipient.evidence = 0.0, None
    if reading.out_of_time:
        report.warnings.append(
            f"the time budget of {limits.time_budget:g} s was spent: the last recipients were "
            "classified by their codes only"
        )
    elif reading.cut:
        report.warnings.append(
            f"the diagnostics exceed {limits.max_rule_text} characters in all: the last "
            "recipients were classified by their codes only"
        )


def classify_recipient(
    recipient: RecipientStatus,
    report: Interpretation,
    book: Rulebook,
    reading: _Reading | None = None,
) -> None:
    if report.kind in KIND_CATEGORIES:
        recipient.category = KIND_CATEGORIES[report.kind]
        recipient.rule = recipient.rule or f"kind/{report.kind}"
        recipient.confidence = 1.0
    elif recipient.action in ("delivered", "relayed", "expanded"):
        recipient.category, recipient.rule = "delivered", "action/success"
        recipient.confidence = 1.0
    elif recipient.rule is None:
        _status_from_reply(recipient)
        recipient.refused = recipient.refused or refused_party(
            recipient.diagnostic, recipient.command
        )
        reading = reading or _Reading(DEFAULT_LIMITS.max_rule_text, DEFAULT_LIMITS.max_diagnostic)
        subject = subject_of(recipient, report, reading)
        if subject not in reading.decided:
            decision = decide(subject, book)
            found = dict(decision.facts)
            for name, value in book.facts(subject, decision.category).items():
                found.setdefault(name, value)
            reading.decided[subject] = (decision, found)
        decision, found = reading.decided[subject]
        recipient.category = decision.category
        recipient.rule = decision.rule
        recipient.confidence = decision.confidence
        recipient.evidence = decision.evidence
        recipient.who_acts = recipient.who_acts or decision.who_acts
        facts = dict(found)
        _common_facts(recipient, report, decision.category, facts, book)
        for name, value in facts.items():
            recipient.facts.setdefault(name, value)
        if (
            "forwarded_by" in recipient.facts
            and recipient.category in book.settings["forwarding_categories"]
        ):
            # The forwarder broke the check (no SRS): its administrator must act, not the
            # sender's (rules/README.md, "forwarded_by").
            recipient.who_acts = "recipient_admin"
    _settle(recipient)


def _status_from_reply(recipient: RecipientStatus) -> None:
    """Prefer the enhanced status code of the remote server's own reply (in the diagnostic)
    to the reporting MTA's summary Status, and use it when the report gives none."""
    if not recipient.diagnostic:
        return
    found = patterns.search(patterns.named("reply_with_status", STATUS_TEXT), recipient.diagnostic)
    if found is None:
        return
    status = found.group("status")
    if recipient.status != status and not is_generic(status):
        if recipient.action == "delayed" and status[0] == "5":
            return  # a delay notice quoting an old refusal: the delay is what happened
        recipient.status = status


def subject_of(
    recipient: RecipientStatus, report: Interpretation, reading: _Reading | None = None
) -> Subject:
    text = recipient.diagnostic or ""
    if reading is not None:
        text = text[: reading.most]
        if len(text) > reading.remaining:
            text, reading.cut = "", True
        reading.remaining -= len(text)
    if text:
        text = patterns.sub(patterns.named("continuation_code", STATUS_TEXT), " ", text)
    return Subject.make(
        text,
        status=recipient.status,
        reply_code=recipient.reply_code,
        action=recipient.action,
        format=report.format,
        remote_mta=recipient.remote_mta,
        reporting_mta=report.reporting_mta,
        command=recipient.command,
        diagnostic_type=recipient.diagnostic_type,
        refused=recipient.refused,
    )


def decide(subject: Subject, book: Rulebook) -> Decision:
    """The category of one recipient, in the decision order of the module docstring."""
    conf = book.settings["confidence"]
    specific = _status_decision(subject.status, book)
    for found in book.matches(subject):
        if found.rule.strength == "strong" or specific is None:
            return _from_match(found, conf)
    if specific is not None:
        return specific
    if subject.action == "delayed":
        return Decision("expired", "action/delayed", conf["delayed"], subject.action)
    said = subject.status or (str(subject.reply_code) if subject.reply_code else None)
    if said or subject.diagnostic:
        return Decision("on_hold", "vague", conf["vague"], said or subject.diagnostic[:80])
    return Decision("undefined", "none", 0.0)


def _from_match(found: Match, conf: dict[str, float]) -> Decision:
    rule = found.rule
    if rule.confidence is not None:
        confidence = rule.confidence
    else:
        confidence = conf[rule.stage if rule.strength == "strong" else "weak"]
    category = cast(Category, rule.category or "undefined")  # checked when the rule loaded
    who = cast(WhoActs | None, rule.who_acts)
    return Decision(category, rule.id, confidence, found.evidence, dict(found.facts), who)


def _status_decision(status: str | None, book: Rulebook) -> Decision | None:
    """The category of a specific status code; None for a vague one (X.0.0, those listed in
    order.yaml, a provider's own unregistered detail such as 5.4.312) or none."""
    info = status_info(status)
    if info is None or info.category == "undefined" or is_generic(status):
        return None
    if info.code in book.settings["vague_statuses"]:
        return None
    conf = book.settings["confidence"]["status"]
    return Decision(cast(Category, info.category), f"status/{info.code}", conf, status)


def _common_facts(
    recipient: RecipientStatus,
    report: Interpretation,
    category: str,
    facts: dict[str, str],
    book: Rulebook,
) -> None:
    """Facts that come from the report's fields rather than from a rule's text."""
    if recipient.will_retry_until is not None:
        facts.setdefault("retry_until", recipient.will_retry_until.isoformat())
    if recipient.remote_mta:
        facts.setdefault("remote_host", recipient.remote_mta)
    if category in book.settings["forwarding_categories"] and "forwarded_by" not in facts:
        forwarder = forwarding.forwarded_by(recipient, report)
        if forwarder:
            facts["forwarded_by"] = forwarder


#: Whether the sending server has stopped trying, by the recipient's action.
_FINAL_OF_ACTION = {"failed": True, "delayed": False, "delivered": True, "relayed": True,
                    "expanded": True}  # fmt: skip


def _settle(recipient: RecipientStatus) -> None:
    """Permanence from the status class (a 5.x.x will not work as it is; a failed action
    without a status is a 5), else the category's usual answer; finality from what the server
    did (a returned message is final, a delay is not); who acts from the category."""
    usual = categories().get(recipient.category, {})
    if recipient.who_acts is None:
        recipient.who_acts = usual.get("who_acts")
    if recipient.category in ("vacation", "feedback"):
        recipient.permanent = recipient.final = None
        return
    recipient.final = _FINAL_OF_ACTION.get(recipient.action or "")
    if recipient.action == "delayed" or recipient.category == "delivered":
        recipient.permanent = False
        return
    status_class = _status_class(recipient)
    if status_class is not None:
        recipient.permanent = status_class == "5"
    elif recipient.action == "failed":  # RFC 3464: "failed" is the action of a 5.x.x status
        recipient.permanent = True
    elif recipient.permanent is None:
        recipient.permanent = usual.get("permanent")


def _status_class(recipient: RecipientStatus) -> str | None:
    if recipient.status:
        return recipient.status[0]
    if recipient.reply_code is not None:
        return str(recipient.reply_code)[0]
    return None
