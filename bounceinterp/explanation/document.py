"""The content model of an explanation: what to say, before deciding how it looks.

The builder (``content.py``) fills a :class:`Document` with sentences already translated into the
reader's language; the renderers (``render_*.py``) only lay it out. Text that came from the bounce
(subject, addresses, the server's words) never gets mixed into a translated sentence as markup:
it travels as a :class:`Phrase` value, so each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bounceinterp.escapes import visible, without_controls

__all__ = ["visible", "without_controls"]  # re-exported for the renderers

#: A named placeholder of a catalog sentence, or an escaped percent sign. Run on catalog
#: templates only (trusted text), never on text from the bounce.
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


@dataclass(frozen=True)
class Phrase:
    """A translated sentence (``%(name)s`` placeholders) and the values that fill it.

    ``template`` is trusted (it comes from a catalog); ``values`` are not (they may come from the
    bounce) and are escaped by the renderer before they are put in.
    """

    template: str
    values: Mapping[str, str] = field(default_factory=dict)
    #: Names of the values this library made (dates, numbers, translated meanings), as opposed
    #: to values copied from the bounce. Renderers still escape them, but may do so lightly.
    generated: frozenset[str] = frozenset()

    def fill(
        self,
        escape: Callable[[str], str] = str,
        value: Callable[[str], str] = str,
        generated: Callable[[str], str] | None = None,
    ) -> str:
        """The sentence with ``escape`` applied to its own text and ``value`` to each value
        (``generated`` to the values named in :attr:`generated`, when given).

        The two never mix: the template is split at its placeholders, so escaping for one
        format cannot touch a placeholder, and a value is never read as a template. A
        placeholder without a value is left as written.
        """
        if not self.values:
            return escape(self.template)
        parts: list[str] = []
        position = 0
        for match in _PLACEHOLDER.finditer(self.template):
            parts.append(escape(self.template[position : match.start()]))
            name = match.group(1)
            if name is None:
                parts.append(escape("%"))
            elif name in self.values:
                fill = generated if generated is not None and name in self.generated else value
                parts.append(fill(self.values[name]))
            else:
                parts.append(escape(match.group()))
            position = match.end()
        parts.append(escape(self.template[position:]))
        return "".join(parts)

    def plain(self) -> str:
        return self.fill()


def phrase(
    template: str,
    untrusted: Mapping[str, str] | None = None,
    generated: Mapping[str, str] | None = None,
) -> Phrase:
    """A :class:`Phrase` whose values come from the bounce (``untrusted``) or from this library
    (``generated``: dates, numbers, translated words)."""
    return Phrase(template, {**(untrusted or {}), **(generated or {})}, frozenset(generated or ()))


@dataclass(frozen=True)
class Paragraph:
    phrase: Phrase
    #: Shown more prominently (the headline of a recipient).
    emphasis: bool = False


@dataclass(frozen=True)
class Steps:
    """Numbered things the reader can do, in order."""

    items: tuple[Phrase, ...]


@dataclass(frozen=True)
class Fields:
    """Label / value pairs for the mail administrator. Labels are translated, values untrusted."""

    items: tuple[tuple[str, Phrase], ...]


@dataclass(frozen=True)
class Verbatim:
    """Text from the bounce shown exactly as it came (the server's words, the technical report)."""

    label: str
    text: str


@dataclass(frozen=True)
class VerdictBox:
    """The verdict at the top: the headline, then one line each for the cause, whether it is
    final (with the give-up date), and who must act, then the one thing to do."""

    headline: Phrase
    lines: tuple[Phrase, ...]
    todo: Phrase | None
    #: ``failed``, ``delayed``, ``ok``, ``info`` (the renderers' colours).
    tone: str


@dataclass(frozen=True)
class Journey:
    """The way a message goes: you, your mail server, the recipient's server, the recipient,
    with where it stopped (or waits) and who must act, as Exchange Online's enhanced NDR shows
    it. ``stops`` are translated labels; ``details`` untrusted values shown under them (the
    recipient's domain)."""

    stops: tuple[str, ...]
    details: tuple[Phrase | None, ...]
    #: The index of the stop where the message stopped (or waits); None when it got through.
    stopped_at: int | None
    #: The index of the stop that must act; None when nobody must.
    acts: int | None
    #: The translated marks: where it stopped ("stopped here" / "waiting here"), who acts.
    stop_mark: str
    act_mark: str
    #: The message waits at ``stopped_at`` (a delay) rather than stopped there for good.
    waiting: bool = False
    #: How a stop and its detail are written on one line ("%(stop)s (%(detail)s)").
    detail_template: str = "%(stop)s (%(detail)s)"

    @property
    def stop_sign(self) -> str:
        return "…" if self.waiting else "✕"


def act_sign(rtl: bool) -> str:
    """The arrow before "must act", pointing the way the text reads."""
    return "⬅" if rtl else "➜"


@dataclass(frozen=True)
class Table:
    """A summary table: translated column headings, rows of values."""

    header: tuple[str, ...]
    rows: tuple[tuple[Phrase, ...], ...]


Block = Paragraph | Steps | Fields | Verbatim | VerdictBox | Journey | Table


@dataclass
class Section:
    """A part of the explanation. Level 1 is a recipient (or the whole notice), level 2 a part
    of it. ``tone`` (``failed``, ``delayed``, ``ok``, ``info``) lets a renderer colour it."""

    heading: Phrase | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    tone: str | None = None
    #: Shown smaller and quieter (the administrator's part, the technical details).
    secondary: bool = False


@dataclass(frozen=True)
class Told:
    """What the document tells about one recipient, kept apart for the JSON report, which
    carries the same verdict as the text (``explanation_dict``)."""

    address: str | None
    happened: str
    final: bool
    permanent: bool | None
    retry_until: datetime | None
    who_acts: str
    category: str
    box: VerdictBox
    steps: tuple[Phrase, ...]


@dataclass
class Document:
    lang: str
    title: str
    sections: list[Section] = field(default_factory=list)
    #: Text direction of ``lang`` (``ltr`` or ``rtl``), for HTML.
    direction: str = "ltr"
    #: What separates a label from its value in this language (":" or "\u00a0:").
    colon: str = ":"
    #: The label before the one thing to do in a verdict box ("First thing to do:").
    todo_label: str = ""
    #: What the document tells about each recipient of a delivery report, in order.
    told: list[Told] = field(default_factory=list)
