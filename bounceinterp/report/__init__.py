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
from typing import Any

from bounceinterp.mailbox import messages

from .fold import Summary
from .run import default_jobs, records
from .speech import Reader, reader_for
from .view import report_data as _report_data

__all__ = ["Summary", "default_jobs", "render", "report_data", "summarize"]


def summarize(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    rules: str | Path | None = None,
) -> Summary:
    """The fold of every message of ``paths``, interpreted by ``jobs`` processes."""
    from .command import READ_LIMIT

    summary = Summary()
    for record in records(messages(paths, max_bytes=READ_LIMIT), jobs=jobs, rules=rules):
        summary.add(record)
    return summary


def report_data(
    summary: Summary, lang: str | Reader | None = None, top: int = 10
) -> dict[str, Any]:
    """The JSON report of ``summary`` (docs/report.md), in ``lang`` (else the process locale)."""
    reader = lang if isinstance(lang, Reader) else reader_for(lang)
    return _report_data(summary, reader, top)


def render(
    summary: Summary, format: str = "table", lang: str | Reader | None = None, top: int = 10
) -> str:
    """``summary`` as a terminal table, JSON or a self-contained HTML page."""
    from .command import FORMATS
    from .command import render as render_format

    if format not in FORMATS or format == "csv":
        raise ValueError(f"unknown format {format!r}; choose table, json or html")
    reader = lang if isinstance(lang, Reader) else reader_for(lang)
    return render_format(format, _report_data(summary, reader, top), reader, top)
