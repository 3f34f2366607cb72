"""Plain text: what a terminal or a text/plain mail part shows."""

from __future__ import annotations

import textwrap

from .document import Document, Fields, Paragraph, Phrase, Section, Steps, Verbatim, visible

WIDTH = 76


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _plain(phrase: Phrase) -> str:
    return phrase.fill(value=visible)


def _section(section: Section, colon: str) -> list[str]:
    lines: list[str] = []
    if section.heading is not None:
        heading = _plain(section.heading)
        lines += [heading, ("=" if section.level == 1 else "-") * len(heading), ""]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines += [_wrap(_plain(block.phrase)), ""]
        elif isinstance(block, Steps):
            for number, step in enumerate(block.items, 1):
                marker = f"  {number}. "
                lines.append(_wrap(_plain(step), marker, " " * len(marker)))
            lines.append("")
        elif isinstance(block, Fields):
            for label, value in block.items:
                lines.append(_wrap(f"{label}{colon} {_plain(value)}", "  ", "      "))
            lines.append("")
        elif isinstance(block, Verbatim):
            lines.append(_wrap(block.label))
            lines += [f"  > {line}".rstrip() for line in visible(block.text).splitlines()]
            lines.append("")
    return lines


def render_text(document: Document) -> str:
    lines = [document.title, "=" * len(document.title), ""]
    for section in document.sections:
        lines += _section(section, document.colon)
    return "\n".join(lines).rstrip("\n") + "\n"
