"""Message catalogs: load ``locales/<lang>/LC_MESSAGES/bounceinterp.po`` for a language.

Catalogs are compiled in memory from the ``.po`` sources on first use (Babel's reader and MO
writer), so no compiled ``.mo`` file can ever be stale, and nothing is written at run time.
"""

from __future__ import annotations

import io
import os
from functools import cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .resources import locales_dir

DOMAIN = "bounceinterp"
DEFAULT_LANGUAGE = "en"


@cache
def available_languages() -> tuple[str, ...]:
    """Language codes that have a catalog, plus English (the source language)."""
    found = {DEFAULT_LANGUAGE}
    root = locales_dir()
    for entry in root.iterdir():
        if (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            found.add(entry.name)
    return tuple(sorted(found))


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang``; the source strings (English) when there is none."""
    path = locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def process_language() -> str:
    """The language of the process locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    from babel import negotiate_locale

    wanted: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            wanted.extend(part.split(".")[0].split("@")[0] for part in value.split(":") if part)
            break
    chosen = negotiate_locale(wanted, list(available_languages()), sep="_") if wanted else None
    if chosen is None and wanted:
        chosen = negotiate_locale([w.split("_")[0] for w in wanted], list(available_languages()))
    return chosen or DEFAULT_LANGUAGE


def gettext(message: str) -> str:
    """Translate ``message`` into the process language (for CLI messages and errors)."""
    return translations(process_language()).gettext(message)
