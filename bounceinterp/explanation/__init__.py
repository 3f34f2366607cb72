"""Explanations a person understands, in their own language.

``explain(interpretation, lang=None, format="text")`` turns an :class:`Interpretation` into text,
HTML, Markdown or JSON. The language is negotiated (:mod:`.language`); the sentences come from the
gettext catalogs in ``locales/``; dates and numbers are formatted by Babel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bounceinterp.escapes import json_text
from bounceinterp.model import Interpretation

from . import wording
from .content import build_document, make_context
from .document import Document, Told, VerdictBox
from .language import choose_language
from .render_html import render_html
from .render_markdown import render_markdown
from .render_text import render_text

__all__ = ["FORMATS", "RewriteTexts", "choose_language", "explain", "explanation_dict",
           "rewrite_texts"]  # fmt: skip

_RENDERERS: dict[str, Callable[[Document], str]] = {
    "text": render_text,
    "html": render_html,
    "markdown": render_markdown,
}

#: The output formats of :func:`explain`.
FORMATS = ("text", "html", "markdown", "json")


def explanation_dict(
    interpretation: Interpretation,
    lang: str | None = None,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``"explanation"`` object of the JSON report: the language, the title, the whole text,
    and per recipient the verdict the text tells, in the same words (headline, cause, final or
    not and until when, who must act, the steps)."""
    chosen = choose_language(interpretation, lang)
    document = build_document(interpretation, chosen, now)
    return {
        "lang": chosen,
        "title": document.title,
        "text": render_text(document),
        "recipients": [_told(told) for told in document.told],
    }


def _told(told: Told) -> dict[str, Any]:
    return {
        "address": told.address,
        "happened": told.happened,
        "headline": told.box.headline.plain(),
        "lines": [line.plain() for line in told.box.lines],
        "final": told.final,
        "permanent": told.permanent,
        "retry_until": told.retry_until.isoformat() if told.retry_until else None,
        "who_acts": told.who_acts,
        "category": told.category,
        "steps": [step.plain() for step in told.steps],
    }


def explain(
    interpretation: Interpretation,
    lang: str | None = None,
    format: str = "text",
    *,
    now: datetime | None = None,
    why: bool = False,
) -> str:
    """Explain ``interpretation`` for the person who sent the original message.

    ``lang`` is a language tag or an Accept-Language list (``"fr-CA, en;q=0.5"``); when it names
    no available catalog, or is None, the language comes from the message and the process locale.
    ``format`` is ``text``, ``html``, ``markdown`` or ``json`` (the report with the explanation
    embedded). ``now`` is the moment relative dates ("in 3 days") are counted from (default: the
    current time). The report's own technical text (``Interpretation.technical_text``) ends the
    explanation verbatim; without it, the report's fields do. ``why`` adds a section that says
    how it was decided (the evidence, the deciding rules), in the same language.
    """
    if format == "json":
        report = interpretation.to_dict()
        report["explanation"] = explanation_dict(interpretation, lang, now=now)
        return json_text(report, indent=2) + "\n"
    try:
        render = _RENDERERS[format]
    except KeyError:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}") from None
    chosen = choose_language(interpretation, lang)
    return render(build_document(interpretation, chosen, now, why=why))


@dataclass(frozen=True)
class RewriteTexts:
    """What a rewritten bounce carries, in the reader's language, from one document."""

    lang: str
    #: The new Subject.
    subject: str
    #: One line: the title and the first recipient's headline (``X-Bounce-Summary``).
    summary: str
    text: str
    html: str


def rewrite_texts(
    interpretation: Interpretation,
    lang: str | None = None,
    *,
    now: datetime | None = None,
    fallback: str | None = None,
) -> RewriteTexts:
    """The texts of the rewrite of ``interpretation`` (see ``bounceinterp.rewrite``)."""
    chosen = choose_language(interpretation, lang, fallback)
    ctx = make_context(interpretation, chosen, now)
    document = build_document(interpretation, chosen, now)
    original = interpretation.original
    subject = original.subject if original and original.subject else None
    template = wording.REWRITE_SUBJECTS.get(interpretation.kind)
    new_subject = ctx._(template) % {"subject": subject} if subject and template else document.title
    headline = next(
        (
            block.headline.plain()
            for section in document.sections
            for block in section.blocks
            if isinstance(block, VerdictBox)
        ),
        "",
    )
    summary = f"{document.title}: {headline}" if headline else document.title
    return RewriteTexts(chosen, new_subject, summary, render_text(document), render_html(document))
