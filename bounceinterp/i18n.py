"""Message catalogs and language choice.

Catalogs (``locales/<lang>/LC_MESSAGES/bounceinterp.po``) are compiled at build time
(``datacache``); a catalog whose ``.po`` changed since is compiled in memory on first use
(Babel's reader and MO writer), so a compiled catalog can never be stale, and nothing is
written at run time. Reading a compiled catalog needs only the standard library's gettext.
Language tags from the outside world (``fr-CA``, ``pt_BR``,
``Accept-Language`` lists) are matched to the available catalogs with ``babel.negotiate_locale``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from functools import cache
from gettext import GNUTranslations, NullTranslations

from .resources import locales_dir

DOMAIN = "bounceinterp"
DEFAULT_LANGUAGE = "en"

#: Regional or legacy tags mapped to the catalog that serves them (keys lower case, ``_``).
#: Tags not listed here still fall back to their language part (``de_AT`` -> ``de``).
LANGUAGE_ALIASES: dict[str, str] = {
    "fr_ca": "fr",
    "fr_be": "fr",
    "fr_ch": "fr",
    # ``pt`` is Brazilian Portuguese (as in CLDR); Portugal, Angola, Mozambique and the other
    # countries of European Portuguese get ``pt_PT``.
    "pt_br": "pt",
    "pt_ao": "pt_PT",
    "pt_mz": "pt_PT",
    "pt_cv": "pt_PT",
    "es_419": "es",
    "nl_be": "nl",
    "de_ch": "de",
    "de_at": "de",
    # Simplified Chinese; Traditional (zh_TW, zh_HK) readers are not given it.
    "zh": "zh_Hans",
    "zh_cn": "zh_Hans",
    "zh_sg": "zh_Hans",
    "zh_hans_cn": "zh_Hans",
    "zh_hans_sg": "zh_Hans",
}


def _is_language_tag(tag: str) -> bool:
    """A language tag in its simple form: letters, then letter-or-digit subtags of 1 to 8
    characters each, joined by ``-`` or ``_`` (``fr``, ``pt-BR``, ``es-419``, ``zh_Hant_TW``).
    Checked without a regular expression: the value comes from a message header."""
    first, *rest = tag.replace("_", "-").split("-")
    return (
        tag.isascii()
        and 1 <= len(first) <= 8
        and first.isalpha()
        and all(1 <= len(part) <= 8 and part.isalnum() for part in rest)
    )


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
    """The compiled catalog of ``lang``; the source strings (English) when there is none.

    The catalog compiled at build time (``datacache``) when it was compiled from this very
    ``.po`` file, else compiled now, in memory, with Babel."""
    from .datacache import lookup

    path = locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return NullTranslations()
    source = path.read_bytes()
    found, compiled = lookup(locales_dir(), path, source)
    if not found:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        buffer = io.BytesIO()
        write_mo(buffer, read_po(io.BytesIO(source), locale=lang, domain=DOMAIN))
        compiled = buffer.getvalue()
    return GNUTranslations(io.BytesIO(compiled))


def parse_language_list(value: str | None) -> list[str]:
    """The tags of an Accept-Language / Content-Language value, most wanted first.

    ``"fr-CA, fr;q=0.8, en;q=0.5, *;q=0.1"`` -> ``["fr-CA", "fr", "en"]``. Wildcards, tags with
    ``q=0`` and anything that is not a language tag are dropped; ties keep their order.
    """
    if not value:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, item in enumerate(value.split(",")):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        if not _is_language_tag(tag):
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, number = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(number)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(preferred: Iterable[str]) -> str | None:
    """The first available catalog that serves one of ``preferred`` (tags, best first), or None.

    Uses ``babel.negotiate_locale`` with :data:`LANGUAGE_ALIASES`; ``-`` and ``_`` are both
    accepted as separators, case does not matter.
    """
    wanted = [tag.strip().replace("-", "_") for tag in preferred if tag and tag.strip()]
    if not wanted:
        return None
    from babel import negotiate_locale  # here: a command in the C locale never needs Babel

    available = available_languages()
    chosen = negotiate_locale(wanted, list(available), sep="_", aliases=LANGUAGE_ALIASES)
    if chosen is None:
        return None
    by_lower = {code.lower(): code for code in available}
    return by_lower.get(chosen.lower())


def _is_c_locale(value: str) -> bool:
    return value in ("C", "POSIX") or value.startswith("C.")


def process_languages() -> list[str]:
    """The language tags of the process locale, as gettext reads it.

    LANGUAGE (a ``:`` list) comes first; otherwise the first of LC_ALL, LC_MESSAGES and LANG that
    is set decides, and the C / POSIX locale means no preference.
    """
    language = os.environ.get("LANGUAGE", "")
    if language and not _is_c_locale(language):
        return [part.split(".")[0].split("@")[0] for part in language.split(":") if part]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return [] if _is_c_locale(value) else [value.split(".")[0].split("@")[0]]
    return []


def process_language() -> str:
    """The language of the process locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    return negotiate(process_languages()) or DEFAULT_LANGUAGE


def gettext(message: str) -> str:
    """Translate ``message`` into the process language (for CLI messages and errors)."""
    return translations(process_language()).gettext(message)
