"""Which language to explain a bounce in.

In order: the language the caller asks for; the Accept-Language (or X-Accept-Language) of the
returned original message, which says what its sender's mail program prefers; the original's
Content-Language, the language the sender wrote in; the process locale (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG); English. At each step Babel negotiates against the available catalogs, so
``fr-CA`` gets French and ``pt-BR`` Portuguese; a step that names no available language passes
to the next.
"""

from __future__ import annotations

from collections.abc import Iterator

from bounceinterp.i18n import (
    DEFAULT_LANGUAGE,
    negotiate,
    parse_language_list,
    process_languages,
)
from bounceinterp.model import Interpretation


def _wishes(
    interpretation: Interpretation, lang: str | None, fallback: str | None
) -> Iterator[list[str]]:
    if lang:
        yield parse_language_list(lang)
    original = interpretation.original
    if original is not None:
        # Accept-Language, else X-Accept-Language (merged by read.original.from_headers).
        yield parse_language_list(original.accept_language)
        yield parse_language_list(original.content_language)
    # A daemon serving many readers names its own last choice instead of its process locale.
    yield process_languages() if fallback is None else parse_language_list(fallback)


def choose_language(
    interpretation: Interpretation, lang: str | None = None, fallback: str | None = None
) -> str:
    """The catalog language to explain ``interpretation`` in (see the module's docstring);
    ``fallback``, when given, takes the place of the process locale ("" for English)."""
    for wanted in _wishes(interpretation, lang, fallback):
        found = negotiate(wanted)
        if found is not None:
            return found
    return DEFAULT_LANGUAGE
