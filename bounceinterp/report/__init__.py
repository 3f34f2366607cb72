"""Reports over many bounces: what goes wrong, how often, and what to fix first.

``summarize(paths)`` reads every message of ``paths`` (files, directories, Maildir folders,
mbox files; see :mod:`bounceinterp.mailbox`), interprets them on ``jobs`` processes and folds
them into a :class:`Summary` (counts only: memory stays flat). ``report_data(summary, lang)``
is the JSON report with the top actions in the reader's words; ``render(summary, format)``
lays it out as ``table``, ``json`` or ``html``. ``bounceinterp report`` is the command.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fold import Summary
    from .speech import Reader

__all__ = ["Summary", "render", "report_data", "summarize"]


def __getattr__(name: str) -> Any:
    # The package is imported by every command-line run (to offer the ``report`` command);
    # its working modules are imported only when a report is made.
    if name == "Summary":
        from .fold import Summary

        return Summary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def summarize(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    rules: str | Path | None = None,
) -> Summary:
    """The fold of every message of ``paths``, interpreted by ``jobs`` processes."""
    from bounceinterp.mailbox import messages

    from .command import READ_LIMIT
    from .fold import Summary
    from .run import records

    summary = Summary()
    for record in records(messages(paths, max_bytes=READ_LIMIT), jobs=jobs, rules=rules):
        summary.add(record)
    return summary


def _reader(lang: str | Reader | None) -> Reader:
    from .speech import Reader, reader_for

    return lang if isinstance(lang, Reader) else reader_for(lang)


def report_data(
    summary: Summary, lang: str | Reader | None = None, top: int = 10
) -> dict[str, Any]:
    """The JSON report of ``summary`` (docs/report.md), in ``lang`` (else the process locale)."""
    from .view import report_data as data_of

    return data_of(summary, _reader(lang), top)


def render(
    summary: Summary, format: str = "table", lang: str | Reader | None = None, top: int = 10
) -> str:
    """``summary`` as a terminal table, JSON or a self-contained HTML page."""
    from .command import render as render_format
    from .view import report_data as data_of

    if format not in ("table", "json", "html"):
        raise ValueError(f"unknown format {format!r}; choose table, json or html")
    reader = _reader(lang)
    return render_format(format, data_of(summary, reader, top), reader, top)
