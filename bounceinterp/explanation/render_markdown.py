"""Markdown (CommonMark): for chat tools, issue trackers and Markdown-aware mail clients.

Text from the bounce has every ASCII punctuation character backslash-escaped, so it can neither
format nor link nor inject HTML; the server's words go into a fenced code block, whose fence is
longer than any run of backticks inside, so they are shown exactly as they came.
"""

from __future__ import annotations

import string
from itertools import groupby

from .document import Document, Fields, Paragraph, Phrase, Section, Steps, Verbatim, visible

#: Every ASCII punctuation character, backslash-escaped (CommonMark lets any of them be escaped).
_UNTRUSTED = str.maketrans({char: "\\" + char for char in string.punctuation})
#: Catalog sentences only need the characters that would format them escaped.
_TRUSTED = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|"})


def escape_untrusted(text: str) -> str:
    """``text`` from the bounce, inert in Markdown: one line, all ASCII punctuation escaped."""
    return " ".join(visible(text).split()).translate(_UNTRUSTED)


def _escape_trusted(text: str) -> str:
    return text.translate(_TRUSTED)


def _inline(phrase: Phrase) -> str:
    return phrase.fill(escape=_escape_trusted, value=escape_untrusted, generated=_escape_trusted)


def _fence(text: str) -> str:
    """A code fence longer than the longest run of backticks in ``text``."""
    longest = max((len(list(run)) for char, run in groupby(text) if char == "`"), default=0)
    return "`" * max(3, longest + 1)


def _section(section: Section, colon: str) -> list[str]:
    lines: list[str] = []
    if section.heading is not None:
        lines += ["#" * (section.level + 1) + " " + _inline(section.heading), ""]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            text = _inline(block.phrase)
            lines += [f"**{text}**" if block.emphasis else text, ""]
        elif isinstance(block, Steps):
            lines += [f"{number}. {_inline(step)}" for number, step in enumerate(block.items, 1)]
            lines.append("")
        elif isinstance(block, Fields):
            lines += [
                f"- **{_escape_trusted(label)}**{_escape_trusted(colon)} {_inline(value)}"
                for label, value in block.items
            ]
            lines.append("")
        elif isinstance(block, Verbatim):
            fence = _fence(block.text)
            lines += [_escape_trusted(block.label), "", fence, visible(block.text), fence, ""]
    return lines


def render_markdown(document: Document) -> str:
    lines = ["# " + _escape_trusted(document.title), ""]
    for section in document.sections:
        lines += _section(section, document.colon)
    return "\n".join(lines).rstrip("\n") + "\n"
