"""Inline SVG charts for the HTML report: bars only, no text inside the drawings (labels are
HTML around them, so they stay readable at any width), colours from CSS classes (so dark mode
recolours them), every tooltip escaped. No script, no external resource."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

from babel.dates import format_skeleton

from . import wording as w
from .speech import Reader

#: Causes drawn in their own colour; the rest share one ("Other causes").
COLOURS = 6
OTHER = "~other"


@dataclass(frozen=True)
class TimeChart:
    title: str
    svg: str
    #: (colour class index, name) per series, for the legend.
    legend: list[tuple[int, str]]
    first_label: str
    last_label: str
    peak: int


def _bucket_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def _unit(first: date, last: date) -> str:
    span = (last - first).days + 1
    return "day" if span <= 92 else "week" if span <= 2 * 366 else "month"


def time_chart(data: dict[str, Any], reader: Reader, category_name: Any) -> TimeChart | None:
    """Bounces per day (per week, per month over long periods), stacked by cause."""
    per_day = {date.fromisoformat(day): counts for day, counts in data["by_day_category"].items()}
    if not per_day:
        return None
    first, last = min(per_day), max(per_day)
    unit = _unit(first, last)
    totals: Counter[str] = Counter()
    for counts in per_day.values():
        totals.update(counts)
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    own = ranked if len(ranked) <= COLOURS + 1 else ranked[:COLOURS]
    series = [*own, OTHER] if len(ranked) > len(own) else own
    buckets: dict[date, Counter[str]] = {}
    start = _bucket_start(first, unit)
    while start <= last:
        buckets[start] = Counter()
        start = _next(start, unit)
    for day, counts in per_day.items():
        bucket = buckets[_bucket_start(day, unit)]
        for category, count in counts.items():
            bucket[category if category in own else OTHER] += count
    peak = max(sum(b.values()) for b in buckets.values()) or 1
    names = {c: category_name(c) for c in own}
    names[OTHER] = reader._(w.OTHER_CAUSES)

    def label(start: date) -> str:
        if unit == "month":
            return format_skeleton("yMMM", start, locale=reader.locale)
        return reader.day(start)

    step, height = 10, 100
    parts = [
        f'<svg class="time" viewBox="0 0 {len(buckets) * step} {height}" '
        'preserveAspectRatio="none" role="img" aria-hidden="true">'
    ]
    for index, (start, counts) in enumerate(buckets.items()):
        y = float(height)
        for colour, category in enumerate(series):
            count = counts.get(category, 0)
            if not count:
                continue
            bar = height * count / peak
            y -= bar
            tip = reader._("%(period)s, %(cause)s: %(count)s") % {
                "period": label(start),
                "cause": names[category],
                "count": reader.number(count),
            }
            parts.append(
                f'<rect class="s{colour}" x="{index * step + 1}" y="{y:.2f}" '
                f'width="{step - 2}" height="{bar:.2f}"><title>{escape(tip)}</title></rect>'
            )
    parts.append("</svg>")
    title = {
        "day": reader._(w.CHART_PER_DAY),
        "week": reader._(w.CHART_PER_WEEK),
        "month": reader._(w.CHART_PER_MONTH),
    }[unit]
    return TimeChart(
        title=title,
        svg="".join(parts),
        legend=[(i, names[c]) for i, c in enumerate(series)],
        first_label=label(next(iter(buckets))),
        last_label=label(list(buckets)[-1]),
        peak=peak,
    )


def bar(value: int, peak: int) -> str:
    """A horizontal bar, ``value`` out of ``peak``, as wide as its table cell."""
    share = 100 * value / peak if peak else 0
    return (
        '<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect width="{share:.2f}" height="1"/></svg>'
    )
