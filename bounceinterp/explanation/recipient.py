"""The explanation of one recipient, every sentence chosen from its verdict
(``bounceinterp.verdict``): the verdict box (headline, cause, final or not, who must act, the one
thing to do), the journey strip, what happened, the steps, and the mail administrator's part
(status code, the server's own words, the facts)."""

from __future__ import annotations

from dataclasses import replace

from bounceinterp.model import Interpretation, RecipientStatus
from bounceinterp.verdict import Verdict, verdict

from . import wording
from .categories import DELAY_CAUSE_UNKNOWN, CategoryText, category_text
from .context import Context
from .document import (
    Block,
    Fields,
    Journey,
    Paragraph,
    Phrase,
    Section,
    Steps,
    Told,
    Verbatim,
    VerdictBox,
    phrase,
)
from .facts import FactText, fact_text
from .markers import N_
from .statusmeaning import meaning
from .when import aware

#: Kinds of notice that say nothing about the delivery of the reader's message: an automatic
#: reply, a spam complaint report, ordinary mail. They get no headline and no "final or not".
NOTICE_KINDS = ("auto_reply", "feedback", "not_a_bounce")

#: What happened -> the renderers' tone.
TONES = {"failed": "failed", "expired": "failed", "delayed": "delayed", "delivered": "ok",
         "relayed": "info"}  # fmt: skip
#: The journey's stops, in order, and the stop each ``Verdict.stopped_at`` / who-acts names.
_JOURNEY = ("sender", "sender_server", "recipient_server", "recipient")
_STOP_OF = {"sender_server": 1, "recipient_server": 2, "recipient": 3}
_ACTOR_OF = {"sender": 0, "sender_admin": 1, "recipient_admin": 2, "recipient": 3}

#: A delay whose cause is unknown is told as such, not as an expiry.
_DELAY_HAPPENED_UNKNOWN = N_(
    "The server has not managed to deliver the message yet, and the report does not say why."
)
_DELAY_ADMIN_UNKNOWN = N_(
    "The message is still in the sending server's queue; the report gives no reason for the delay."
)


def name_of(v: Verdict, ctx: Context) -> str:
    return v.address or ctx._(wording.UNKNOWN_RECIPIENT)


def headline(
    v: Verdict, interpretation: Interpretation, ctx: Context, label: str | None = None
) -> Phrase:
    original = interpretation.original
    subject = original.subject if original and original.subject else None
    sent = original.date if original else None
    values = {"recipient": label or name_of(v, ctx)}
    if subject:
        values["subject"] = subject
    moment = ctx.when(sent) if sent is not None else {}
    key = (v.happened, subject is not None, sent is not None)
    return phrase(ctx._(wording.HEADLINES[key]), values, moment)


def finality(v: Verdict, ctx: Context) -> Phrase | None:
    """Is it over? A delay is never called final; until when the server keeps trying."""
    if v.happened == "failed":
        return Phrase(ctx._(wording.FINAL if v.permanent else wording.STOPPED))
    if v.happened == "expired":
        return Phrase(ctx._(wording.GAVE_UP))
    if v.happened != "delayed":
        return None
    if v.retry_until is None:
        return Phrase(ctx._(wording.DELAY_OPEN))
    values = ctx.when(v.retry_until, in_reader_zone=True)
    if aware(v.retry_until) > aware(ctx.now):
        values["relative"] = ctx.relative(v.retry_until)
        return phrase(ctx._(wording.DELAY_UNTIL), generated=values)
    return phrase(ctx._(wording.DELAY_UNTIL_PASSED), generated=values)


def cause(v: Verdict, texts: CategoryText, ctx: Context) -> Phrase:
    if v.happened == "delayed" and v.category == "expired":
        return Phrase(ctx._(DELAY_CAUSE_UNKNOWN))
    return Phrase(ctx._(texts.cause))


def steps(v: Verdict, texts: CategoryText, facts: FactText, ctx: Context) -> list[Phrase]:
    """What to do, chosen by what happened: a delay that clears by itself asks to wait; any
    other delay asks for the fix and not to send again; a returned message says how to send it
    again (later, or once the cause is fixed)."""
    own = list(facts.steps) if facts.steps is not None else None
    if v.happened == "delayed":
        if v.waits and own is None:
            return [Phrase(ctx._(wording.DELAY_WAIT))] + [
                Phrase(ctx._(s)) for s in texts.delayed_steps
            ]
        fix = own or [Phrase(ctx._(s)) for s in texts.delayed_steps or texts.steps]
        if texts.resends and own is None and not texts.delayed_steps:
            # The steps say how to send a corrected message; the retried one would fail alike.
            return fix
        return [*fix, Phrase(ctx._(wording.DELAY_NO_RESEND))]
    found = own or [Phrase(ctx._(s)) for s in texts.steps]
    if v.happened == "expired":
        return [*found, Phrase(ctx._(wording.RESEND_LATER))]
    if not texts.resends and own is None:
        found.append(Phrase(ctx._(wording.RESEND_AFTER_FIX)))
    return found


def journey(v: Verdict, ctx: Context) -> Journey:
    details: list[Phrase | None] = [None, None, None, None]
    if v.domain:
        details[2] = Phrase("%(domain)s", {"domain": v.domain})
    stop = None if v.stopped_at == "delivered" else _STOP_OF[v.stopped_at]
    acts = _ACTOR_OF.get(v.who_acts)
    mark = wording.STILL_TRYING_HERE if v.happened == "delayed" else wording.STOPPED_HERE
    return Journey(
        stops=tuple(ctx._(wording.JOURNEY[name]) for name in _JOURNEY),
        details=tuple(details),
        stopped_at=stop,
        acts=acts,
        stop_mark=ctx._(mark),
        act_mark=ctx._(wording.ACTS_HERE),
        waiting=v.happened == "delayed",
        detail_template=ctx._(wording.JOURNEY_DETAIL),
    )


def box(
    v: Verdict,
    interpretation: Interpretation,
    ctx: Context,
    todo: Phrase | None,
    label: str | None = None,
) -> VerdictBox:
    texts = category_text(v.category)
    lines: list[Phrase] = []
    if v.happened in ("failed", "expired", "delayed"):
        lines.append(cause(v, texts, ctx))
    if v.forwarded_to:
        lines.append(phrase(ctx._(wording.FORWARDED_TO), {"final": v.forwarded_to}))
    said = finality(v, ctx)
    if said is not None:
        lines.append(said)
    if v.happened in ("failed", "expired", "delayed"):
        lines.append(Phrase(ctx._(wording.WHO_ACTS[v.who_acts])))
    return VerdictBox(
        headline(v, interpretation, ctx, label), tuple(lines), todo, TONES[v.happened]
    )


def _classification(recipient: RecipientStatus, ctx: Context) -> Phrase:
    """The category as a technical name, with the deciding rule and its confidence if known."""
    values: dict[str, str] = {"category": recipient.category}
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
    v: Verdict,
    interpretation: Interpretation,
    ctx: Context,
    extra: Fields,
    notes: list[Phrase],
) -> Section:
    recipient = v.recipient
    fields: list[tuple[str, Phrase]] = []
    if recipient.address and v.address and recipient.address != v.address:
        fields.append((ctx._("Final address"), Phrase("%(a)s", {"a": recipient.address})))
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
    if v.retry_until is not None:
        template = ctx._("%(date)s at %(time)s")
        fields.append(
            (ctx._("Retrying until"), phrase(template, generated=ctx.when(v.retry_until, True)))
        )
    fields.extend(extra.items)
    fields.append((ctx._("Classification"), _classification(recipient, ctx)))

    blocks: list[Block] = [Fields(tuple(fields))]
    blocks.extend(Paragraph(note) for note in notes)
    # A notice's "diagnostic" (an ARF feedback type) is no server's answer; it stays in the
    # technical details.
    if recipient.diagnostic and interpretation.kind not in NOTICE_KINDS:
        blocks.append(Verbatim(ctx._("What the server said, word for word:"), recipient.diagnostic))
    return Section(Phrase(ctx._(wording.FOR_ADMIN)), 2, blocks, secondary=True)


def recipient_sections(
    recipient: RecipientStatus,
    interpretation: Interpretation,
    ctx: Context,
    several: bool,
    told: list[Told] | None = None,
    label: str | None = None,
    also: tuple[RecipientStatus, ...] = (),
) -> list[Section]:
    """The sections explaining ``recipient``: the verdict, what happened and what to do, then
    the administrator's part.

    For a notice that is not about delivery (:data:`NOTICE_KINDS`), the document's summary says
    everything the reader needs; the recipient only adds the administrator's part.
    """
    v = verdict(recipient, interpretation)
    heading = Phrase("%(recipient)s", {"recipient": label or name_of(v, ctx)}) if several else None
    texts = category_text(v.category)
    facts = fact_text(v.category, recipient.facts, ctx.catalog)
    admin_note = texts.admin
    if v.happened == "delayed" and v.category == "expired":
        admin_note = _DELAY_ADMIN_UNKNOWN
    notes = [Phrase(ctx._(admin_note)), *facts.admin]
    admin = _admin_section(v, interpretation, ctx, Fields(tuple(facts.fields)), notes)
    if interpretation.kind in NOTICE_KINDS:
        return [Section(heading, 1, [], "info"), admin] if heading is not None else [admin]
    todo = steps(v, texts, facts, ctx) if v.happened in ("failed", "expired", "delayed") else []
    # When nobody needs to act, the box says so; it names no "first thing to do".
    first = todo[0] if todo and v.who_acts != "nobody" else None
    verdict_box = box(v, interpretation, ctx, first, label)
    if told is not None:
        said = Told(
            address=v.address,
            happened=v.happened,
            final=v.final,
            permanent=v.permanent,
            retry_until=v.retry_until,
            who_acts=v.who_acts,
            category=v.category,
            box=verdict_box,
            steps=tuple(todo),
        )
        told.append(said)
        # The recipients explained with this one are told the same verdict.
        told.extend(replace(said, address=verdict(r, interpretation).address) for r in also)
    main = Section(heading, 1, [verdict_box], TONES[v.happened])
    sections = [main]
    if v.happened in ("failed", "expired", "delayed"):
        main.blocks.append(journey(v, ctx))
        if v.happened == "delayed" and v.category == "expired":
            happened = _DELAY_HAPPENED_UNKNOWN
        else:
            happened = texts.happened
        if not facts.replaces_happened:
            main.blocks.append(Paragraph(Phrase(ctx._(happened))))
        main.blocks.extend(Paragraph(sentence) for sentence in facts.sender)
        sections.append(Section(Phrase(ctx._(wording.WHAT_TO_DO)), 2, [Steps(tuple(todo))]))
    sections.append(admin)
    return sections
