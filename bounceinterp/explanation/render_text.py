"""Plain text: what a terminal or a text/plain mail part shows, in the HTML page's order (the
verdict first, then the journey, the details, the administrator's part)."""

from __future__ import annotations

import unicodedata

from .document import (
    Document,
    Fields,
    Journey,
    Paragraph,
    Phrase,
    Section,
    Steps,
    Table,
    Verbatim,
    VerdictBox,
    act_sign,
    visible,
)

WIDTH = 76


#: Unicode categories of characters a line may not start with (closing punctuation, marks
#: such as "。", the prolonged sound mark "ー") or end with (opening brackets), in Chinese and
#: Japanese text, where a line may otherwise break between any two characters.
_NO_LINE_START = frozenset({"Pe", "Pf", "Po", "Lm"})
_NO_LINE_END = frozenset({"Ps", "Pi"})


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


#: No assigned character below this one is wide (Unicode's first wide character is U+1100):
#: text under it, European text included, needs no lookup.
_FIRST_WIDE = "\u1100"


def _has_wide(text: str) -> bool:
    """Whether ``text`` holds a wide character (looked up once per distinct character)."""
    if not text or max(text) < _FIRST_WIDE:
        return False
    return any(_wide(char) for char in set(text))


def _pieces(text: str) -> list[str]:
    """The text cut where a line may break: after spaces, and around wide characters."""
    if not _has_wide(text):  # the usual case: words, one column per character
        words = text.split(" ")
        return [word + " " for word in words[:-1]] + [words[-1]]
    pieces: list[str] = []
    for char in text:
        glue = bool(pieces) and (
            char == " "
            or unicodedata.category(char) in _NO_LINE_START
            or unicodedata.category(pieces[-1][-1]) in _NO_LINE_END
            or not (_wide(char) or _wide(pieces[-1][-1]) or pieces[-1][-1] == " ")
        )
        if glue:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    """``text`` filled to :data:`WIDTH` terminal columns. Breaks at spaces, and between wide
    (Chinese, Japanese) characters, which take two columns; a word longer than a line is kept
    whole."""
    later = indent if hanging is None else hanging
    text = _collapsed(text)
    width = _width if _has_wide(text) else len
    lines: list[str] = []
    line, used = indent, len(indent)
    for piece in _pieces(text):
        size = width(piece.rstrip(" "))
        if used + size > WIDTH and line.strip():
            lines.append(line.rstrip(" "))
            piece = piece.lstrip(" ")
            line, used = later, len(later)
        line += piece
        used += width(piece)
    lines.append(line.rstrip(" "))
    return "\n".join(lines)


def _collapsed(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space; no-break spaces are kept (French
    puts them before ":" and inside quotes, where a line must not break)."""
    flat = text.replace("\r", " ").replace("\t", " ").replace("\n", " ")
    return " ".join(word for word in flat.split(" ") if word)


def _label(label: str, value: str) -> str:
    """``label`` and ``value`` on one line; no space after a full-width colon."""
    return f"{label}{value}" if label and _wide(label[-1]) else f"{label} {value}"


def _plain(phrase: Phrase) -> str:
    return phrase.fill(value=visible)


def _width(text: str) -> int:
    """Columns a text takes on a terminal (wide East Asian characters take two)."""
    if not _has_wide(text):
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_MARKS = {"failed": "✕", "delayed": "…", "ok": "✓", "info": "•"}


def _box(block: VerdictBox, todo_label: str) -> list[str]:
    """The verdict between two rules, its headline marked by its tone."""
    rule = "-" * WIDTH
    mark = _MARKS.get(block.tone, "•")
    lines = [rule, _wrap(f"{mark} {_plain(block.headline)}", "", "  ")]
    lines += [_wrap(_plain(line), "  ") for line in block.lines]
    if block.todo is not None:
        # The label on its own line: the step is a sentence of its own, with its capital.
        lines += [_wrap(todo_label, "  "), _wrap(_plain(block.todo), "    ")]
    return [*lines, rule, ""]


def _journey(block: Journey, rtl: bool) -> list[str]:
    parts = []
    for index, label in enumerate(block.stops):
        text = label
        detail = block.details[index]
        if detail is not None:
            text = block.detail_template % {"stop": label, "detail": _plain(detail)}
        if index == block.stopped_at:
            text += f" [{block.stop_sign} {block.stop_mark}]"
        if index == block.acts:
            text += f" [{act_sign(rtl)} {block.act_mark}]"
        parts.append(text)
    return [_wrap_units(parts, " ← " if rtl else " → ", "  ", "    "), ""]


def _wrap_units(units: list[str], separator: str, indent: str, hanging: str) -> str:
    """``units`` joined by ``separator``, lines broken only between units (a stop and its
    marks stay together, in any script); a unit wider than a line gets one of its own."""
    lines: list[str] = []
    line = indent
    for index, unit in enumerate(units):
        piece = unit if index == 0 else separator + unit
        if index and _width(line) + _width(piece) > WIDTH:
            lines.append(line.rstrip())
            line = hanging + separator.lstrip() + unit
        else:
            line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)


def _table(block: Table) -> list[str]:
    rows = [block.header, *[tuple(_plain(c) for c in row) for row in block.rows]]
    lines = []
    for row in rows:
        lines.append(_wrap(" | ".join(cell for cell in row if cell), "  ", "      "))
    return [*lines, ""]


def _section(section: Section, document: Document) -> list[str]:
    lines: list[str] = []
    if section.heading is not None:
        heading = _plain(section.heading)
        lines += [heading, ("=" if section.level == 1 else "-") * _width(heading), ""]
    for block in section.blocks:
        if isinstance(block, VerdictBox):
            lines += _box(block, document.todo_label)
        elif isinstance(block, Journey):
            lines += _journey(block, document.direction == "rtl")
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, Paragraph):
            lines += [_wrap(_plain(block.phrase)), ""]
        elif isinstance(block, Steps):
            for number, step in enumerate(block.items, 1):
                marker = f"  {number}. "
                lines.append(_wrap(_plain(step), marker, " " * len(marker)))
            lines.append("")
        elif isinstance(block, Fields):
            for label, value in block.items:
                lines.append(_wrap(_label(label + document.colon, _plain(value)), "  ", "      "))
            lines.append("")
        elif isinstance(block, Verbatim):
            lines.append(_wrap(block.label))
            lines += [f"  > {line}".rstrip() for line in visible(block.text).splitlines()]
            lines.append("")
    return lines


def render_text(document: Document) -> str:
    lines = [document.title, "=" * _width(document.title), ""]
    for section in document.sections:
        lines += _section(section, document)
    return "\n".join(lines).rstrip("\n") + "\n"
