"""Step 2 of the pipeline: is this a bounce, a delay warning, an automatic reply, a complaint
report, or ordinary mail? Decided on evidence that holds across mail software, before any
reader looks for recipients; the evidence is kept (``--why`` lists it).

The signals (patterns in ``rules/detect.yaml``):

- where it comes from: a null or mail-system return path, a mail-software sender
  (MAILER-DAEMON, postmaster, gateways, antivirus and filter appliances), Auto-Submitted,
  X-Failed-Recipients;
- what it is: a report content type (delivery status, disposition, feedback report), a failure
  or delay Subject, failure or delay sentences in the notice's text, an SMTP refusal quoted in
  it, a returned original message;
- what rules it out: a person forwarding or quoting a notice by hand, a notice of mail software
  about something else (a quota warning, a frozen message).

A delivery-status report that is the message's own (not inside a returned message) is a
report; otherwise a notice is a bounce when it comes from the mail system and says a message
failed (or is delayed), and nothing rules it out. Readers then find who failed and why; a
bounce no reader can read still counts as one, with its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from . import patterns
from .parse import ParsedMessage

#: Report parts that carry per-recipient delivery status (RFC 3464, RFC 6533).
STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
FEEDBACK_TYPES = ("message/feedback-report",)
DISPOSITION_TYPES = (
    "message/disposition-notification",
    "message/global-disposition-notification",
)
RETURNED_TYPES = (
    "message/rfc822",
    "message/global",
    "text/rfc822-headers",
    "message/global-headers",
)

#: Kinds of message detection tells apart (``Evidence.kind``).
DETECTED_KINDS = ("report", "failure", "delay", "disposition", "feedback", "auto_reply", "none")


@cache
def _patterns() -> dict[str, regex.Pattern]:
    return patterns.pattern_file("detect.yaml")


@dataclass(frozen=True)
class Signal:
    """One piece of evidence: its name (``explanation.why.SIGNALS`` says what each means) and
    what was seen, shortened."""

    name: str
    seen: str = ""


@dataclass(frozen=True)
class Recognised:
    """A family reader recognised the notice but could read no recipient block in it: what it
    knows of the notice, for the general reader's fallback (``read.general``)."""

    format: str
    diagnostic: str | None
    action: str


@dataclass
class Evidence:
    """What detection saw, and the kind of message it concludes."""

    signals: list[Signal] = field(default_factory=list)
    kind: str = "none"
    #: The notice's own text (before any returned message), as the readers should read it,
    #: and the returned message pasted after it (both '' for a report, read from its parts).
    notice: str = ""
    returned: str = ""
    #: Families that recognised the notice without finding its recipients, in reading order.
    recognised: list[Recognised] = field(default_factory=list)

    def has(self, *names: str) -> bool:
        return any(s.name == name for s in self.signals for name in names)

    def seen(self, name: str) -> str | None:
        return next((s.seen for s in self.signals if s.name == name), None)

    @property
    def from_mail_system(self) -> bool:
        """The message comes from mail software, not from a person."""
        return self.has("null_return_path", "mail_software_sender", "x_failed_recipients")

    @property
    def is_bounce(self) -> bool:
        return self.kind in ("report", "failure", "delay")

    @property
    def delayed(self) -> bool:
        return self.has("delay_subject", "delay_sentence")


def _excerpt(match: regex.Match | None, text: str = "") -> str:
    if match is None:
        return " ".join(text.split())[:80]
    return " ".join(match.group(0).split())[:80]


#: How much of a notice detection reads (the sentences that say what it is come first).
DETECTION_TEXT = 64 * 1024


def split_notice(parsed: ParsedMessage) -> tuple[str, str]:
    """(notice, returned): the human-readable text of the notice, and the returned message
    pasted after it (the text after the separator line; '' when there is none)."""
    text = parsed.body_text()
    cut = patterns.search(_patterns()["returned_separator"], text.lower())
    if cut is None:
        return text, ""
    line_end = text.find("\n", cut.end())
    return text[: cut.start()], "" if line_end < 0 else text[line_end + 1 :]


def detect(parsed: ParsedMessage) -> Evidence:
    """The evidence of ``parsed`` and the kind it points to (see the module's docstring).

    Signals are looked for in the order of the decision and only as far as it needs: ordinary
    mail (no report, nothing from the mail system) costs a few header tests."""
    pats = _patterns()
    evidence = Evidence()
    add = evidence.signals.append

    def check(name: str, value: str | None, pattern: str | None = None, lowered: bool = False):
        if not value:
            return False
        found = patterns.search(pats[pattern or name], value if lowered else value.lower())
        if found is not None:
            add(Signal(name, _excerpt(found)))
        return found is not None

    check("null_return_path", parsed.header("Return-Path"), "mail_system_return_path")
    check("mail_software_sender", parsed.header("From"))
    check("auto_submitted", parsed.header("Auto-Submitted"))
    failed = parsed.header("X-Failed-Recipients")
    if failed and "@" in failed:
        add(Signal("x_failed_recipients", _excerpt(None, failed)))
    types = {p.content_type for p in parsed.parts() if not p.enclosed_in_message}
    report_type = parsed.report_type()
    if types & set(FEEDBACK_TYPES) or report_type == "feedback-report":
        add(Signal("feedback_report", report_type or "message/feedback-report"))
        evidence.kind = "feedback"
        return evidence
    subject = parsed.header("Subject") or ""
    check("failure_subject", subject)
    check("delay_subject", subject)
    if types & set(STATUS_TYPES) or report_type == "delivery-status":
        add(Signal("delivery_status_report", report_type or "message/delivery-status"))
        evidence.kind = "report"
        return evidence
    if types & set(DISPOSITION_TYPES) or report_type == "disposition-notification":
        add(Signal("disposition_report", report_type or "message/disposition-notification"))
    origin = evidence.from_mail_system or (
        evidence.has("auto_submitted") and evidence.has("failure_subject", "delay_subject")
    )
    if not origin and not evidence.has("disposition_report"):
        return evidence  # a person's message: nothing more to look at
    evidence.notice, evidence.returned = split_notice(parsed)
    if types & set(RETURNED_TYPES) or len(evidence.notice) < len(parsed.body_text()):
        add(Signal("returned_message"))
    head = evidence.notice[:DETECTION_TEXT].lower()
    for name in ("failure_sentence", "delay_sentence", "smtp_failure_reply", "not_a_failure"):
        check(name, head, lowered=True)
    if not check("person_forward", subject):
        check("person_forward", head[:2000], lowered=True)
    evidence.kind = _conclude(evidence, origin)
    return evidence


def _conclude(evidence: Evidence, origin: bool) -> str:
    has = evidence.has
    if has("person_forward") and not evidence.from_mail_system:
        return "none"
    if has("disposition_report"):  # a read receipt, unless it says the message was refused
        refused = has("failure_subject", "failure_sentence") and not has("not_a_failure")
        return "failure" if refused else "disposition"
    wording = ("failure_subject", "failure_sentence", "delay_subject", "delay_sentence")
    says = has(*wording, "x_failed_recipients") or (
        has("smtp_failure_reply") and has("returned_message")
    )
    if not origin or not says or has("not_a_failure") or has("person_forward"):
        return "none"
    if evidence.delayed and not has("failure_subject"):
        return "delay"
    return "failure"
