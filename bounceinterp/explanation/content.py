"""Build the :class:`Document` that explains an :class:`Interpretation` in one language."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from babel import Locale
from babel.lists import format_list

from bounceinterp.classify import KIND_CATEGORIES
from bounceinterp.i18n import translations
from bounceinterp.model import Interpretation, RecipientStatus
from bounceinterp.verdict import Verdict, verdict, verdicts

from . import wording
from .categories import category_text
from .context import Context
from .document import (
    Block,
    Document,
    Paragraph,
    Phrase,
    Section,
    Steps,
    Table,
    Verbatim,
    VerdictBox,
    phrase,
)
from .recipient import NOTICE_KINDS, name_of, recipient_sections
from .why import why_section


def make_context(interpretation: Interpretation, lang: str, now: datetime | None) -> Context:
    original = interpretation.original
    # The reader's time zone is that of the Date they wrote their message on, when known.
    zone = original.date.tzinfo if original and original.date else None
    return Context(
        lang=lang,
        catalog=translations(lang),
        locale=Locale.parse(lang),
        now=now or datetime.now(UTC),
        zone=zone,
    )


def _counts(found: list[Verdict], ctx: Context):
    happened = [v.happened for v in found]
    failed = happened.count("failed") + happened.count("expired")
    delayed = happened.count("delayed")
    done = len(happened) - failed - delayed
    catalog = ctx.catalog
    if failed:
        template = catalog.ngettext(
            "%(num)s recipient did not get your message.",
            "%(num)s recipients did not get your message.",
            failed,
        )
        yield phrase(template, generated={"num": ctx.number(failed)})
    if delayed:
        template = catalog.ngettext(
            "Delivery to %(num)s recipient is delayed; the server is still trying.",
            "Delivery to %(num)s recipients is delayed; the server is still trying.",
            delayed,
        )
        yield phrase(template, generated={"num": ctx.number(delayed)})
    if done:
        template = catalog.ngettext(
            "Your message was delivered or passed on for %(num)s recipient.",
            "Your message was delivered or passed on for %(num)s recipients.",
            done,
        )
        yield phrase(template, generated={"num": ctx.number(done)})


def _notice(interpretation: Interpretation, ctx: Context) -> list[Block]:
    """What the notice is, without a recipient's headline: an automatic reply (and who sent
    it), a complaint report, ordinary mail, or a report that names no recipient."""
    kind = interpretation.kind
    blocks: list[Block] = [Paragraph(Phrase(ctx._(wording.KIND_SUMMARIES[kind])))]
    if kind == "auto_reply":
        # The RFC 3834 extractor makes the reply's author its one recipient.
        addresses = [r.address for r in interpretation.recipients if r.address]
        sender = interpretation.from_address or next(iter(addresses), None)
        if sender:
            blocks.append(Paragraph(phrase(ctx._(wording.AUTO_REPLY_FROM), {"sender": sender})))
    if kind in KIND_CATEGORIES:
        # The steps of the category the classifier gives such a notice's recipients.
        steps = category_text(KIND_CATEGORIES[kind]).steps
        blocks.append(Steps(tuple(Phrase(ctx._(step)) for step in steps)))
    return blocks


def _table(interpretation: Interpretation, ctx: Context) -> Table:
    """One row per group of recipients explained alike: who, what happened, the cause, who
    must act."""
    header = (ctx._("Recipient"), ctx._("What happened"), ctx._("Why"), ctx._("Who acts"))
    rows = []
    for group in explained_alike(interpretation):
        v = verdict(group[0], interpretation)
        name = group_label(group, interpretation, ctx) if len(group) > 1 else name_of(v, ctx)
        texts = category_text(v.category)
        cause = texts.cause if v.happened in ("failed", "expired", "delayed") else ""
        rows.append(
            (
                Phrase("%(a)s", {"a": name}),
                Phrase(ctx._(wording.HAPPENED_SHORT[v.happened])),
                Phrase(ctx._(cause)) if cause else Phrase(""),
                Phrase(ctx._(wording.WHO_ACTS_SHORT[v.who_acts])),
            )
        )
    return Table(header, tuple(rows))


def _summary(interpretation: Interpretation, ctx: Context) -> Section | None:
    kind = interpretation.kind
    recipients = interpretation.recipients
    blocks: list[Block] = []
    if kind in NOTICE_KINDS or not recipients:
        if kind in wording.KIND_SUMMARIES:
            blocks = _notice(interpretation, ctx)
    elif len(recipients) > 1:
        # the verdict box of the whole notice: how many recipients failed, are delayed, got it
        found = verdicts(interpretation)
        counts = list(_counts(found, ctx))
        tone = "failed" if any(v.happened in ("failed", "expired") for v in found) else "delayed"
        blocks.append(VerdictBox(counts[0], tuple(counts[1:]), None, tone))
        blocks.append(_table(interpretation, ctx))
    if not blocks:
        return None
    tone = {"failure": "failed", "delay": "delayed"}.get(kind, "info")
    return Section(None, 1, blocks, tone)


#: Sections explaining recipients, at most: a mass bounce is explained, not recited (the
#: summary table lists every recipient).
MOST_SECTIONS = 30


def explained_alike(interpretation: Interpretation) -> list[list[RecipientStatus]]:
    """The recipients in groups whose explanations would say the same (same verdict, codes,
    server and words, but for their own address), in the order of the report."""
    groups: dict[tuple, list[RecipientStatus]] = {}
    for recipient in interpretation.recipients:
        v = verdict(recipient, interpretation)
        words = recipient.diagnostic or ""
        for address in {recipient.address, recipient.original_address} - {None}:
            words = words.replace(address, "")  # type: ignore[arg-type]
        key = (
            v.happened, v.category, v.who_acts, v.final, v.permanent, v.retry_until,
            v.stopped_at, v.forwarded_to, v.domain, tuple(sorted(recipient.facts.items())),
            recipient.status, recipient.reply_code, recipient.remote_mta, recipient.command,
            words,
        )  # fmt: skip
        groups.setdefault(key, []).append(recipient)
    return list(groups.values())


def group_label(group: list[RecipientStatus], interpretation: Interpretation, ctx: Context) -> str:
    """ "a@x, b@y and c@z", or "a@x, b@y, c@z and 12 other recipients" in the reader's words."""
    names = [name_of(verdict(r, interpretation), ctx) for r in group]
    if len(names) > 3:
        others = len(names) - 3
        template = ctx.catalog.ngettext(
            "%(num)s other recipient", "%(num)s other recipients", others
        )
        names = [*names[:3], template % {"num": ctx.number(others)}]
    return format_list(names, locale=ctx.locale)


def _stamp(moment: datetime | None) -> str | None:
    return format_datetime(moment) if moment is not None else None


def report_fields(interpretation: Interpretation) -> str:
    """The report's machine-readable fields, one per line, values exactly as parsed."""
    lines: list[tuple[str, str | None]] = [
        ("Reporting-MTA", interpretation.reporting_mta),
        ("Arrival-Date", _stamp(interpretation.arrival_date)),
        *interpretation.extra_fields.items(),
    ]
    for recipient in interpretation.recipients:
        diagnostic = recipient.diagnostic
        if diagnostic and recipient.diagnostic_type:
            diagnostic = f"{recipient.diagnostic_type}; {diagnostic}"
        lines += [
            ("", ""),
            ("Final-Recipient", recipient.address),
            ("Original-Recipient", recipient.original_address),
            ("Action", recipient.action),
            ("Status", recipient.status),
            ("Remote-MTA", recipient.remote_mta),
            ("Diagnostic-Code", diagnostic),
            ("Last-Attempt-Date", _stamp(recipient.last_attempt)),
            ("Will-Retry-Until", _stamp(recipient.will_retry_until)),
            *recipient.extra_fields.items(),
        ]
    text = "\n".join(
        f"{name}: {value}" if name else "" for name, value in lines if value is not None
    )
    return text.strip("\n")


def _technical(interpretation: Interpretation, ctx: Context):
    heading = Phrase(ctx._(wording.TECHNICAL))
    if interpretation.technical_text:
        label = ctx._("The report exactly as it was received:")
        verbatim = Verbatim(label, interpretation.technical_text)
        return Section(heading, 1, [verbatim], secondary=True)
    fields = report_fields(interpretation)
    if not fields:
        return None
    label = ctx._("The fields of the report:")
    return Section(heading, 1, [Verbatim(label, fields)], secondary=True)


def build_document(
    interpretation: Interpretation,
    lang: str,
    now: datetime | None = None,
    *,
    why: bool = False,
) -> Document:
    """The explanation of ``interpretation`` in ``lang`` (a language with a catalog, or ``en``);
    with ``why``, a section that says how it was decided (the evidence, the deciding rules)."""
    ctx = make_context(interpretation, lang, now)
    title = ctx._(wording.TITLES.get(interpretation.kind, wording.TITLES["not_a_bounce"]))
    # TRANSLATORS: the punctuation between a label and its value ("Status code: 5.1.1"); French
    # uses a no-break space and a colon.
    colon = ctx.catalog.pgettext("label punctuation", ":")
    document = Document(
        lang,
        title,
        direction=ctx.locale.text_direction,
        colon=colon,
        todo_label=ctx._(wording.TODO_LABEL),
    )
    summary = _summary(interpretation, ctx)
    if summary is not None:
        document.sections.append(summary)
    several = len(interpretation.recipients) > 1
    groups = explained_alike(interpretation)
    for group in groups[:MOST_SECTIONS]:
        first, *rest = group
        label = group_label(group, interpretation, ctx) if rest else None
        document.sections.extend(
            recipient_sections(
                first, interpretation, ctx, several, document.told, label, tuple(rest)
            )
        )
    left = sum(len(group) for group in groups[MOST_SECTIONS:])
    if left:
        template = ctx.catalog.ngettext(
            "%(num)s more recipient is listed only in the table above.",
            "%(num)s more recipients are listed only in the table above.",
            left,
        )
        note = Paragraph(phrase(template, generated={"num": ctx.number(left)}))
        document.sections.append(Section(None, 1, [note], "info"))
    if why:
        document.sections.append(why_section(interpretation, ctx))
    technical = _technical(interpretation, ctx)
    if technical is not None:
        document.sections.append(technical)
    return document
