"""The reader's language for a report: its catalog, and Babel for numbers, dates and lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.numbers import format_decimal

from bounceinterp.i18n import negotiate, parse_language_list, process_language, translations


@dataclass(frozen=True)
class Reader:
    """Everything a report needs to speak to its reader."""

    lang: str
    catalog: NullTranslations
    locale: Locale

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int, **values: str) -> str:
        """The form of ``singular``/``plural`` for ``count``, with ``%(num)s`` the count in the
        reader's digits and the other ``%(name)s`` placeholders filled from ``values``."""
        template = self.catalog.ngettext(singular, plural, count)
        return template % {"num": self.number(count), **values}

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def day(self, value: date) -> str:
        """Babel's medium date (``Nov 3, 2026``, ``3 nov. 2026``), its spaces no-break ones so
        that a line is never broken inside a date."""
        return format_date(value, "medium", locale=self.locale).replace(" ", "\u00a0")

    def period(self, first: date, last: date) -> str:
        """Two dates as one interval, as Babel writes it in the reader's locale."""
        if first == last:
            return self.day(first)
        return format_interval(first, last, "yMMMd", locale=self.locale)

    def listing(self, items: Sequence[str]) -> str:
        """``a, b and c`` in the reader's language."""
        return format_list(list(items), locale=self.locale)


def reader_for(lang: str | None = None) -> Reader:
    """The reader of a report: ``lang`` (a tag or an Accept-Language list) when a catalog
    serves it, else the process locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    chosen = (negotiate(parse_language_list(lang)) if lang else None) or process_language()
    return Reader(chosen, translations(chosen), Locale.parse(chosen))
