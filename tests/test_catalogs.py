"""The message catalogs: the template matches the code, and every language is complete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from bounceinterp.i18n import DOMAIN, available_languages, translations
from bounceinterp.resources import locales_dir

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl")
#: Sentences written on a branch, with their translations in this file, waiting for the lead to
#: merge them into the catalogs (pybabel extract + update); docs/report.md says how.
PENDING = ROOT / "docs" / "report-strings.json"
#: Source strings the code no longer uses; the same regeneration drops them from the catalogs.
REPLACED = {(None, "message file, or - for stdin")}


def _pending() -> set[tuple[str | None, str]]:
    if not PENDING.is_file():
        return set()
    strings = json.loads(PENDING.read_text(encoding="utf-8"))
    return {(None, msgid) for msgid in strings["fr"]}


def _ids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalog
        if message.id
    }


def _catalog(lang: str):
    with (locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    extracted = tmp_path / "extracted.pot"
    CommandLineInterface().run(
        [
            "pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"), "-c", "TRANSLATORS:",
            "--no-location", "--sort-by-file", "--project", "bounceinterp",
            "-o", str(extracted), str(ROOT),
        ]
    )  # fmt: skip
    committed = _ids(ROOT / "locales" / f"{DOMAIN}.pot")
    current = _ids(extracted)
    new = current - committed - _pending()
    assert sorted(new, key=str) == [], "new strings: run pybabel extract + update"
    assert sorted(committed - current - REPLACED, key=str) == [], "stale strings: pybabel extract"


def test_every_language_has_a_catalog() -> None:
    assert set(LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(lang: str) -> None:
    template = _ids(locales_dir() / f"{DOMAIN}.pot")
    catalog = _catalog(lang)
    assert not catalog.fuzzy
    assert {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id} == (
        template
    )
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(form.strip() for form in forms), message.id
        if isinstance(message.id, tuple):
            assert len(forms) == catalog.num_plurals, message.id
    assert not catalog.obsolete


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_the_source(lang: str) -> None:
    problems = [(message.id, errors) for message, errors in _catalog(lang).check()]
    assert problems == []


def test_polish_has_three_plural_forms() -> None:
    catalog = _catalog("pl")
    assert catalog.num_plurals == 3
    assert "n % 10 >= 2 && n % 10 <= 4" in catalog.plural_expr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_compiles_in_memory(lang: str) -> None:
    catalog = translations(lang)
    assert catalog.pgettext("date width", "full") in ("full", "long", "medium", "short")


def test_no_compiled_catalog_is_committed() -> None:
    assert list((ROOT / "locales").rglob("*.mo")) == []
