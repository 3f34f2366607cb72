"""Dates found in bounces, as timezone-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_date(value: str | None) -> datetime | None:
    """An RFC 5322 date (as DSN fields and headers carry it) as an aware datetime, else None.

    Trailing comments such as ``(JST)`` or ``(UTC)`` are ignored; a date without a zone, or with
    ``-0000`` (zone unknown), is read as UTC.
    """
    if not value:
        return None
    text = value.strip()
    if "(" in text:
        text = text.split("(", 1)[0].strip()
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return _parse_iso(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return _in_range(parsed)


def _in_range(moment: datetime) -> datetime | None:
    """``moment``, unless it cannot be compared with other times: a date at the edge of the
    calendar whose zone moves it outside it (31 Dec 9999 23:59 -1200 is in the year 10000 in
    UTC) is no date a bounce can mean."""
    try:
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment


def _parse_iso(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return _in_range(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))
