"""Gettext markers for sentences kept in data tables and translated later, at render time.

``pybabel extract`` finds ``N_("...")`` (one of its default keywords); the call itself returns its
argument unchanged. The translation happens where the sentence is used, with the reader's catalog.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; return it untranslated."""
    return message
