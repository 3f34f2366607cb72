"""How this was decided (``--why``): the evidence that made the message a bounce, and per
recipient the rule that decided its category, what it matched and the facts it found. Part of
the document, in the reader's language, escaped by each renderer like everything else."""

from __future__ import annotations

from bounceinterp.model import Interpretation

from .context import Context
from .document import Fields, Paragraph, Phrase, Section, phrase
from .markers import N_
from .wording import HOW_DECIDED

#: What each detection signal (``bounceinterp.detect``) means.
SIGNALS: dict[str, str] = {
    "null_return_path": N_("The return path is empty or belongs to the mail system"),
    "mail_software_sender": N_("The sender is mail software"),
    "auto_submitted": N_("Auto-Submitted says a program sent it"),
    "x_failed_recipients": N_("X-Failed-Recipients names who failed"),
    "delivery_status_report": N_("It carries a delivery-status report"),
    "disposition_report": N_("It carries a disposition notification"),
    "feedback_report": N_("It carries a complaint (feedback) report"),
    "failure_subject": N_("The Subject says a message failed"),
    "delay_subject": N_("The Subject says a message is delayed"),
    "failure_sentence": N_("The text says a message failed"),
    "delay_sentence": N_("The text says a message is delayed"),
    "smtp_failure_reply": N_("The text quotes a server's refusal"),
    "returned_message": N_("The original message is returned"),
    "person_forward": N_("A person forwarded or quoted it"),
    "not_a_failure": N_("The mail system writes about something else"),
}

DETECTION = N_("What this message is, and why:")
DECIDED = N_("%(address)s: %(category)s, decided by rule %(rule)s (confidence %(confidence)s)")
EVIDENCE = N_("Matched")
FACT = N_("Fact %(name)s")


def why_section(interpretation: Interpretation, ctx: Context) -> Section:
    blocks: list = [Paragraph(Phrase(ctx._(DETECTION)))]
    signals: list[tuple[str, Phrase]] = []
    for name, seen in interpretation.detection:
        meaning = ctx._(SIGNALS[name]) if name in SIGNALS else name
        shown = Phrase("%(seen)s", {"seen": seen}) if seen else Phrase("")
        signals.append((meaning, shown))
    if signals:
        blocks.append(Fields(tuple(signals)))
    for recipient in interpretation.recipients:
        values = {
            "address": recipient.address or "?",
            "category": recipient.category,
            "rule": recipient.rule or "-",
        }
        confidence = {"confidence": ctx.percent(recipient.confidence)}
        blocks.append(Paragraph(phrase(ctx._(DECIDED), values, confidence)))
        items: list[tuple[str, Phrase]] = []
        if recipient.evidence:
            items.append((ctx._(EVIDENCE), Phrase("%(e)s", {"e": recipient.evidence})))
        for name, value in sorted(recipient.facts.items()):
            items.append((ctx._(FACT) % {"name": name}, Phrase("%(v)s", {"v": value})))
        if items:
            blocks.append(Fields(tuple(items)))
    return Section(Phrase(ctx._(HOW_DECIDED)), 1, blocks, secondary=True)
