"""Everything the builders need to speak the reader's language, gathered once per explanation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from gettext import NullTranslations

from babel import Locale
from babel.numbers import format_decimal, format_percent

from .when import date_width, relative, time_templates, when


@dataclass(frozen=True)
class Context:
    lang: str
    catalog: NullTranslations
    locale: Locale
    #: The moment "in 3 days" is counted from.
    now: datetime
    #: The reader's time zone when known (that of the original message's Date), else None.
    zone: tzinfo | None

    def _(self, message: str) -> str:
        return self.catalog.gettext(message)

    def when(self, moment: datetime, in_reader_zone: bool = False) -> dict[str, str]:
        """Date and time of ``moment`` for a sentence ("%(date)s at %(time)s")."""
        width = date_width(self.catalog)
        templates = time_templates(self.catalog)
        if in_reader_zone:
            return when(
                moment, self.locale, width, self.zone, self.zone is None, templates=templates
            )
        return when(moment, self.locale, width, templates=templates)

    def relative(self, moment: datetime) -> str:
        return relative(moment, self.now, self.locale)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        return format_percent(value, locale=self.locale)
