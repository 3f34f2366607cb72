"""The explanation of one recipient: headline, final or not, what happened, what to do, and the
mail administrator's part (status code, the server's own words, the facts)."""

from __future__ import annotations

from datetime import datetime

from bounceinterp.model import Interpretation, RecipientStatus

from . import wording
from .categories import category_text
from .context import Context
from .document import Block, Fields, Paragraph, Phrase, Section, Steps, Verbatim, phrase
from .facts import fact_text
from .statusmeaning import meaning
from .when import aware

#: Kinds of notice that say nothing about the delivery of the reader's message: an automatic
#: reply, a spam complaint report, ordinary mail. They get no headline and no "final or not".
NOTICE_KINDS = ("auto_reply", "feedback", "not_a_bounce")

_ACTION_OF_KIND = {
    "failure": "failed",
    "delay": "delayed",
    "success": "delivered",
    "relayed": "relayed",
}
_TONES = {
    "failed": "failed",
    "delayed": "delayed",
    "delivered": "ok",
    "relayed": "info",
    "expanded": "ok",
}


def action_of(recipient: RecipientStatus, interpretation: Interpretation) -> str:
    """The recipient's action, or the one its notice's kind implies when the report has none.

    Only for delivery notices: a recipient of one of :data:`NOTICE_KINDS` has no action.
    """
    action = (recipient.action or "").lower()
    if action in _TONES:
        return action
    return _ACTION_OF_KIND.get(interpretation.kind, "failed")


def retry_until(recipient: RecipientStatus) -> datetime | None:
    """Until when the server keeps trying: Will-Retry-Until, else the ``retry_until`` fact."""
    if recipient.will_retry_until is not None:
        return recipient.will_retry_until
    text = recipient.facts.get("retry_until")
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def headline(recipient: RecipientStatus, interpretation: Interpretation, ctx: Context) -> Phrase:
    original = interpretation.original
    subject = original.subject if original and original.subject else None
    sent = original.date if original else None
    address = recipient.address or recipient.original_address or ctx._(wording.UNKNOWN_RECIPIENT)
    values = {"recipient": address}
    if subject:
        values["subject"] = subject
    moment = ctx.when(sent) if sent is not None else {}
    key = (action_of(recipient, interpretation), subject is not None, sent is not None)
    return phrase(ctx._(wording.HEADLINES[key]), values, moment)


def finality(recipient: RecipientStatus, action: str, ctx: Context) -> Phrase | None:
    """Is it over? For a delay: nothing is lost yet, and until when the server keeps trying."""
    if action == "failed":
        if recipient.permanent is True:
            return Phrase(ctx._(wording.FINAL))
        if recipient.permanent is False:
            return Phrase(ctx._(wording.STOPPED_TEMPORARY))
        return Phrase(ctx._(wording.STOPPED))
    if action != "delayed":
        return None
    until = retry_until(recipient)
    if until is None:
        return Phrase(ctx._(wording.DELAY_OPEN))
    values = ctx.when(until, in_reader_zone=True)
    if aware(until) > aware(ctx.now):
        values["relative"] = ctx.relative(until)
        return phrase(ctx._(wording.DELAY_UNTIL), generated=values)
    return phrase(ctx._(wording.DELAY_UNTIL_PASSED), generated=values)


def _classification(recipient: RecipientStatus, ctx: Context) -> Phrase:
    """The category as a technical name, with the deciding rule and its confidence if known."""
    values = {"category": recipient.category}
    confidence = {"confidence": ctx.percent(recipient.confidence)}
    if recipient.rule:
        values["rule"] = recipient.rule
    if recipient.rule and recipient.confidence > 0:
        template = ctx._("%(category)s (rule %(rule)s, confidence %(confidence)s)")
        return phrase(template, values, confidence)
    if recipient.rule:
        return phrase(ctx._("%(category)s (rule %(rule)s)"), values)
    if recipient.confidence > 0:
        return phrase(ctx._("%(category)s (confidence %(confidence)s)"), values, confidence)
    return phrase("%(category)s", values)


def _admin_section(
    recipient: RecipientStatus,
    interpretation: Interpretation,
    ctx: Context,
    extra: Fields,
    notes: list[Phrase],
) -> Section:
    fields: list[tuple[str, Phrase]] = []
    if recipient.status:
        described = meaning(recipient.status, ctx.catalog, ctx.lang)
        if described:
            # TRANSLATORS: a status code and what it means: "5.1.1 (the mailbox does not exist)".
            template = ctx._("%(code)s (%(meaning)s)")
            value = phrase(template, {"code": recipient.status}, {"meaning": described})
        else:
            value = Phrase("%(code)s", {"code": recipient.status})
        fields.append((ctx._("Status code"), value))
    if recipient.reply_code is not None:
        fields.append(
            (ctx._("Reply code"), Phrase("%(code)s", {"code": str(recipient.reply_code)}))
        )
    if recipient.remote_mta:
        fields.append(
            (ctx._("Recipient's server"), Phrase("%(host)s", {"host": recipient.remote_mta}))
        )
    if interpretation.reporting_mta:
        host = interpretation.reporting_mta
        fields.append((ctx._("Server that wrote this report"), Phrase("%(host)s", {"host": host})))
    if recipient.last_attempt is not None:
        template = ctx._("%(date)s at %(time)s")
        fields.append(
            (
                ctx._("Last attempt"),
                phrase(template, generated=ctx.when(recipient.last_attempt, True)),
            )
        )
    until = retry_until(recipient)
    if until is not None:
        template = ctx._("%(date)s at %(time)s")
        fields.append((ctx._("Retrying until"), phrase(template, generated=ctx.when(until, True))))
    fields.extend(extra.items)
    fields.append((ctx._("Classification"), _classification(recipient, ctx)))

    blocks: list[Block] = [Fields(tuple(fields))]
    blocks.extend(Paragraph(note) for note in notes)
    # A notice's "diagnostic" (an ARF feedback type) is no server's answer; it stays in the
    # technical details.
    if recipient.diagnostic and interpretation.kind not in NOTICE_KINDS:
        blocks.append(Verbatim(ctx._("What the server said, word for word:"), recipient.diagnostic))
    return Section(Phrase(ctx._("For your mail administrator")), 2, blocks)


def recipient_sections(
    recipient: RecipientStatus, interpretation: Interpretation, ctx: Context, with_heading: bool
) -> list[Section]:
    """The sections explaining ``recipient``: what happened and what to do, then the admin's.

    For a notice that is not about delivery (:data:`NOTICE_KINDS`), the document's summary says
    everything the reader needs; the recipient only adds the administrator's part.
    """
    heading = None
    if with_heading:
        name = recipient.address or recipient.original_address or ctx._(wording.UNKNOWN_RECIPIENT)
        heading = Phrase("%(recipient)s", {"recipient": name})
    texts = category_text(recipient.category)
    facts = fact_text(recipient.category, recipient.facts, ctx.catalog)
    notes = [Phrase(ctx._(texts.admin)), *facts.admin]
    admin = _admin_section(recipient, interpretation, ctx, Fields(tuple(facts.fields)), notes)
    if interpretation.kind in NOTICE_KINDS:
        return [Section(heading, 1, [], "info"), admin] if heading is not None else [admin]
    action = action_of(recipient, interpretation)
    main = Section(
        heading, 1, [Paragraph(headline(recipient, interpretation, ctx), True)], _TONES[action]
    )
    sections = [main]
    said = finality(recipient, action, ctx)
    if said is not None:
        main.blocks.append(Paragraph(said))
    if action in ("failed", "delayed"):
        if action == "delayed" and recipient.category == "expired":
            happened = wording.DELAY_CAUSE_UNKNOWN
        else:
            happened = texts.happened
        main.blocks.append(Paragraph(Phrase(ctx._(happened))))
        main.blocks.extend(Paragraph(sentence) for sentence in facts.sender)
        who = facts.who or recipient.who_acts
        if who in wording.WHO_ACTS:
            main.blocks.append(Paragraph(Phrase(ctx._(wording.WHO_ACTS[who]))))
        if action == "delayed":
            steps = [Phrase(ctx._(wording.DELAY_WAIT))]
            steps += [Phrase(ctx._(step)) for step in texts.delayed_steps]
        elif facts.steps is not None:
            steps = list(facts.steps)
        else:
            steps = [Phrase(ctx._(step)) for step in texts.steps]
        sections.append(Section(Phrase(ctx._("What you can do")), 2, [Steps(tuple(steps))]))
    sections.append(admin)
    return sections
