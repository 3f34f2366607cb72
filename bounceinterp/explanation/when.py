"""Dates, times and durations in the reader's locale, through ``babel.dates``."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from gettext import NullTranslations

from babel import Locale
from babel.dates import format_date, format_time, format_timedelta, get_timezone_gmt

_WIDTHS = ("full", "long", "medium", "short")


def date_width(catalog: NullTranslations) -> str:
    """How long a date is written in a sentence, as the language's catalog says."""
    # TRANSLATORS: how dates are written inside sentences ("until DATE"): "full" (with the day
    # of the week), "long", "medium" or "short" (Babel/CLDR widths). Type one of these four words,
    # untranslated. Pick "long" where the weekday would be in the wrong grammatical case.
    width = catalog.pgettext("date width", "full")
    return width if width in _WIDTHS else "full"


def aware(moment: datetime) -> datetime:
    """``moment`` with a time zone: a naive datetime (which the model should not carry, but a
    malformed bounce might) is read as UTC, as RFC 5322 reads ``-0000``."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def time_templates(catalog: NullTranslations) -> tuple[str, str]:
    """How a time is written in this language, without and with its UTC offset."""
    # TRANSLATORS: a time of day inside a sentence ("at %(time)s"); add the word that follows
    # a time in your language if it has one (German "%(time)s Uhr").
    alone = catalog.pgettext("time of day", "%(time)s")
    # TRANSLATORS: a time of day with its UTC offset, when the reader's time zone is unknown:
    # "14:03 (GMT+01:00)".
    zoned = catalog.pgettext("time of day with zone", "%(time)s (%(zone)s)")
    return alone, zoned


def when(
    moment: datetime,
    locale: Locale,
    width: str,
    zone: tzinfo | None = None,
    show_zone: bool = False,
    templates: tuple[str, str] = ("%(time)s", "%(time)s (%(zone)s)"),
) -> dict[str, str]:
    """``{"date": ..., "time": ...}`` for ``moment``, in ``zone`` when given (else its own).

    With ``show_zone`` the time carries its UTC offset in the locale's words ("14:03 (GMT+01:00)").
    ``templates`` (:func:`time_templates`) place the time and the offset.
    """
    shown = aware(moment).astimezone(zone) if zone is not None else moment
    values = {"time": format_time(shown, "short", locale=locale)}
    if show_zone and shown.tzinfo is not None:
        values["zone"] = get_timezone_gmt(shown, "long", locale=locale)
        time_text = _fill(templates[1], values)
    else:
        time_text = _fill(templates[0], values)
    return {"date": format_date(shown, width, locale=locale), "time": time_text}


def _fill(template: str, values: dict[str, str]) -> str:
    try:
        return template % values
    except (KeyError, ValueError, TypeError):  # a broken translation: the plain time
        return values["time"]


def relative(moment: datetime, now: datetime, locale: Locale) -> str:
    """``moment`` seen from ``now``: "in 3 days", "dans 3 jours", "vor 2 Stunden"."""
    return format_timedelta(aware(moment) - aware(now), add_direction=True, locale=locale)
