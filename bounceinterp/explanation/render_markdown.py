"""Markdown (CommonMark, with GitHub's tables): for chat tools, issue trackers and Markdown-aware
mail clients, in the HTML page's order.

Text from the bounce can neither format, link, embed an image nor inject HTML, and stays
readable: the characters that start markup (`` \\ ` * _ [ ] < > ! | ~ # & { } ``) are
backslash-escaped, and a word that a renderer would turn into a link by itself (a URL, an
address) goes into a code span, where nothing is interpreted. The server's words go into a
fenced code block whose fence is longer than any run of backticks inside.
"""

from __future__ import annotations

from itertools import groupby

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

#: The characters that can start Markdown markup inline (CommonMark lets any ASCII punctuation
#: be escaped; these are the ones that matter in running text and table cells).
_MARKUP = str.maketrans({char: "\\" + char for char in "\\`*_[]<>!|~#&{}"})
#: Catalog sentences only need the characters that would format them escaped.
_TRUSTED = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|"})


def _linkable(word: str) -> bool:
    """A word GitHub-flavoured Markdown links by itself: a URL, www.*, an e-mail address."""
    lowered = word.lower()
    return "://" in lowered or lowered.startswith("www.") or "@" in word


def _code(word: str) -> str:
    longest = max((len(list(run)) for char, run in groupby(word) if char == "`"), default=0)
    fence = "`" * (longest + 1)
    padding = " " if word.startswith("`") or word.endswith("`") else ""
    return f"{fence}{padding}{word}{padding}{fence}"


def escape_untrusted(text: str) -> str:
    """``text`` from the bounce, inert in Markdown: one line, markup characters escaped, linkable
    words in code spans."""
    words = " ".join(visible(text).split()).split(" ")
    return " ".join(_code(w) if _linkable(w) else w.translate(_MARKUP) for w in words)


def _escape_trusted(text: str) -> str:
    return text.translate(_TRUSTED)


def _inline(phrase: Phrase) -> str:
    return phrase.fill(escape=_escape_trusted, value=escape_untrusted, generated=_escape_trusted)


def _fence(text: str) -> str:
    """A code fence longer than the longest run of backticks in ``text``."""
    longest = max((len(list(run)) for char, run in groupby(text) if char == "`"), default=0)
    return "`" * max(3, longest + 1)


def _box(block: VerdictBox, todo_label: str) -> list[str]:
    lines = [f"> **{_inline(block.headline)}**", ">"]
    for line in block.lines:
        lines += [f"> {_inline(line)}", ">"]
    if block.todo is not None:
        lines += [f"> **{_escape_trusted(todo_label)}**", ">", f"> {_inline(block.todo)}"]
    else:
        lines.pop()
    return [*lines, ""]


def _journey(block: Journey, rtl: bool) -> list[str]:
    parts = []
    for index, label in enumerate(block.stops):
        text = _escape_trusted(label)
        detail = block.details[index]
        if detail is not None:
            template = _escape_trusted(block.detail_template)
            text = template % {"stop": text, "detail": _inline(detail)}
        if index == block.stopped_at:
            text = f"**{text}** {block.stop_sign} _{_escape_trusted(block.stop_mark)}_"
        if index == block.acts:
            text += f" {act_sign(rtl)} _{_escape_trusted(block.act_mark)}_"
        parts.append(text)
    return [(" ← " if rtl else " → ").join(parts), ""]


def _table(block: Table) -> list[str]:
    lines = ["| " + " | ".join(_escape_trusted(h) for h in block.header) + " |"]
    lines.append("|" + "---|" * len(block.header))
    for row in block.rows:
        lines.append("| " + " | ".join(_inline(cell) for cell in row) + " |")
    return [*lines, ""]


def _section(section: Section, document: Document, level: int) -> list[str]:
    lines: list[str] = []
    if section.heading is not None:
        lines += ["#" * level + " " + _inline(section.heading), ""]
    for block in section.blocks:
        if isinstance(block, VerdictBox):
            lines += _box(block, document.todo_label)
        elif isinstance(block, Journey):
            lines += _journey(block, document.direction == "rtl")
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, Paragraph):
            text = _inline(block.phrase)
            lines += [f"**{text}**" if block.emphasis else text, ""]
        elif isinstance(block, Steps):
            lines += [f"{number}. {_inline(step)}" for number, step in enumerate(block.items, 1)]
            lines.append("")
        elif isinstance(block, Fields):
            lines += [
                f"- **{_escape_trusted(label)}**{_escape_trusted(document.colon)} {_inline(value)}"
                for label, value in block.items
            ]
            lines.append("")
        elif isinstance(block, Verbatim):
            fence = _fence(block.text)
            lines += [_escape_trusted(block.label), "", fence, visible(block.text), fence, ""]
    return lines


def render_markdown(document: Document) -> str:
    lines = ["# " + _escape_trusted(document.title), ""]
    titled = False
    for section in document.sections:
        if section.level == 1:
            titled = section.heading is not None
            level = 2
        else:
            level = 3 if titled else 2
        lines += _section(section, document, level)
    return "\n".join(lines).rstrip("\n") + "\n"
