"""The report as plain text for a terminal: figures, the top actions, then aligned tables.

Values from the bounces arrive already made inert by :mod:`.safe` in the action sentences;
every other value from a bounce (domains, servers, blocklists, labels) goes through
:func:`.safe.shown` here. Columns are aligned by display width (a CJK character takes two).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from . import wording as w
from .safe import shown
from .speech import Reader

WIDTH = 100


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _pad(text: str, columns: int, right: bool = False) -> str:
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def _heading(text: str, underline: str = "-") -> list[str]:
    return ["", text, underline * width(text)]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns; the first is text (left), the others numbers (right)."""
    columns = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [_pad(cell, columns[i], right=i > 0) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def render_table(data: dict[str, Any], reader: Reader, top: int = 10) -> str:
    _ = reader._
    n = reader.number
    lines = [_(w.TITLE), "=" * width(_(w.TITLE))]
    figures = [
        (_(w.MESSAGES_READ), n(data["messages"])),
        (_(w.BOUNCES), n(data["bounces"])),
        ("  " + _(w.FAILURES), n(data["failures"])),
        ("    " + _(w.FINAL), n(data["by_permanence"]["final"])),
        ("  " + _(w.DELAYS), n(data["delays"])),
    ]
    if data["errors"]:
        figures.append((_(w.UNREADABLE), n(len(data["errors"]))))
    if data["truncated"]:
        figures.append((_(w.TRUNCATED), n(data["truncated"])))
    if data["first"]:
        figures.append((_(w.PERIOD), period(data, reader)))
    label_width = max(width(label) for label, _value in figures)
    lines += [f"{_pad(label, label_width)}  {value}" for label, value in figures]

    if not data["bounces"]:
        lines += ["", _(w.NO_BOUNCES)]
    else:
        lines += _heading(_(w.TOP_ACTIONS))
        if not data["top_actions"]:
            lines.append(_(w.NO_ACTIONS))
        for number, action in enumerate(data["top_actions"], 1):
            marker = f"{n(number)}. "
            indent = " " * width(marker)
            lines.append(_wrap(action["text"], marker, indent))
            lines.append(_wrap(action["advice"], indent, indent))
        lines += _heading(_(w.BY_CATEGORY))
        lines += table(
            [_(w.CAUSE), _(w.FAILED), _(w.DELAYED), _(w.TOTAL)],
            [_category_row(category, count, data, reader)
             for category, count in data["by_category"].items()],
        )  # fmt: skip
        for title, column, key in (
            (w.BY_DOMAIN, w.DOMAIN, "by_domain"),
            (w.BY_REMOTE, w.SERVER, "by_remote_server"),
            (w.BY_BLOCKLIST, w.BLOCKLIST, "by_blocklist"),
            (w.BY_CLIENT_IP, w.CLIENT_IP, "by_client_ip"),
        ):
            if data[key]:
                lines += _heading(_(title))
                lines += table([_(column), _(w.BOUNCES)], _top_rows(data[key], reader, top))
        if data["by_day"]:
            lines += _heading(_(w.BY_DAY))
            lines += table([_(w.DAY), _(w.BOUNCES)], _day_rows(data["by_day"], reader, top))
    if data["errors"]:
        lines += _heading(_(w.ERRORS))
        lines += [shown(error["error"]) for error in data["errors"]]
    return "\n".join(lines) + "\n"


def period(data: dict[str, Any], reader: Reader) -> str:
    first = date.fromisoformat(data["first"][:10])
    last = date.fromisoformat(data["last"][:10])
    return reader.period(first, last)


def _wrap(text: str, first: str, rest: str) -> str:
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def category_name(category: str, reader: Reader) -> str:
    name = w.CATEGORY_NAMES.get(category)
    return f"{reader._(name)} ({category})" if name else shown(category)


def _category_row(category: str, total: int, data: dict[str, Any], reader: Reader) -> list[str]:
    delayed = data["delays_by_category"].get(category, 0)
    return [
        category_name(category, reader),
        reader.number(total - delayed),
        reader.number(delayed),
        reader.number(total),
    ]


def _top_rows(values: dict[str, int], reader: Reader, top: int) -> list[list[str]]:
    items = list(values.items())
    rows = [[shown(key), reader.number(count)] for key, count in items[:top]]
    rest = items[top:]
    if rest:
        rows.append([more(len(rest), reader), reader.number(sum(c for _k, c in rest))])
    return rows


def _day_rows(by_day: dict[str, int], reader: Reader, top: int) -> list[list[str]]:
    """The most recent days (at least two weeks' worth of rows), oldest first."""
    items = list(by_day.items())
    shown_days = max(top, 14)
    earlier, recent = items[:-shown_days], items[-shown_days:]
    rows = []
    if earlier:
        label = reader.ngettext("%(num)s earlier day", "%(num)s earlier days", len(earlier))
        rows.append([label, reader.number(sum(c for _d, c in earlier))])
    rows += [[reader.day(date.fromisoformat(day)), reader.number(c)] for day, c in recent]
    return rows


def more(count: int, reader: Reader) -> str:
    # TRANSLATORS: the last row of a table that shows only the largest values: "and 12 more"
    # (domains, servers, days...).
    return reader.ngettext("and %(num)s more", "and %(num)s more", count)
