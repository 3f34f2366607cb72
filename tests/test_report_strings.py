"""docs/report-strings.json: the translations of the sentences this branch adds, waiting to be
merged into the catalogs. Every new sentence of the code is there in every language, with the
same placeholders and the right number of plural forms, and a report rendered through catalogs
built from it speaks the language."""

# ruff: noqa: RUF001 - the expected sentences are in French, Russian, Japanese...

from __future__ import annotations

import io
import json
import string
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.support import Translations
from test_report import month_of_bounces

from bounceinterp.report import summarize
from bounceinterp.report.speech import Reader
from bounceinterp.report.view import report_data

ROOT = Path(__file__).resolve().parent.parent
STRINGS = json.loads((ROOT / "docs" / "report-strings.json").read_text(encoding="utf-8"))
LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "ja", "zh", "ru", "ar")


def _new_messages(tmp_path: Path) -> dict[str, str | tuple[str, str]]:
    """Source strings of the code that the committed template does not have yet, by msgid."""
    extracted = tmp_path / "extracted.pot"
    CommandLineInterface().run(
        ["pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"), "-c", "TRANSLATORS:",
         "--no-location", "-o", str(extracted), str(ROOT)]
    )  # fmt: skip
    with (ROOT / "locales" / "bounceinterp.pot").open("rb") as handle:
        committed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    with extracted.open("rb") as handle:
        current = {(m.id if isinstance(m.id, str) else m.id[0]): m.id
                   for m in read_po(handle) if m.id}  # fmt: skip
    return {key: value for key, value in current.items() if key not in committed}


def placeholders(text: str) -> set[str]:
    """``%(name)s`` and ``{name}`` fields of a catalog sentence."""
    found = {f"%({part.split(')', 1)[0]})" for part in text.split("%(")[1:]}
    found |= {f"{{{name}}}" for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    return found


def test_every_new_sentence_is_translated_in_every_language_and_nothing_else(tmp_path):
    new = _new_messages(tmp_path)
    assert sorted(STRINGS) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        assert sorted(STRINGS[lang]) == sorted(new), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_and_plural_forms(tmp_path, lang):
    new = _new_messages(tmp_path)
    forms = get_plural(lang).num_plurals
    for key, msgid in new.items():
        translation = STRINGS[lang][key]
        if isinstance(msgid, tuple):
            assert isinstance(translation, list) and len(translation) == forms, (lang, key)
            expected = placeholders(msgid[0]) | placeholders(msgid[1])
            for form in translation:
                assert form.strip() and placeholders(form) == expected, (lang, key, form)
        else:
            assert isinstance(translation, str) and translation.strip(), (lang, key)
            assert placeholders(translation) == placeholders(msgid), (lang, key, translation)
            if len(msgid.split()) >= 4:
                assert translation != msgid, (lang, key)  # not left in English


def catalog_for(lang: str) -> Translations:
    """The catalog of ``lang`` as it will be once merged: built from the strings file."""
    catalog = Catalog(locale=lang, domain="bounceinterp")
    for key, value in STRINGS[lang].items():
        if isinstance(value, list):
            catalog.add((key, key), tuple(value))  # the plural msgid only names the entry
        else:
            catalog.add(key, value)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain="bounceinterp")


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return summarize(month_of_bounces(tmp_path_factory.mktemp("mail")))


def reader(lang: str) -> Reader:
    return Reader(lang, catalog_for(lang), Locale.parse(lang))


def test_a_french_report(summary):
    data = report_data(summary, reader("fr"))
    first = data["top_actions"][0]
    assert first["text"] == (
        "Votre adresse IP d’envoi 203.0.113.7 figure sur Spamhaus PBL\u00a0: 6 retours venant de "
        "4 domaines depuis le 2\u00a0nov.\u00a02026."
    )
    assert "https://check.spamhaus.org/" in first["advice"]
    unknown = next(a for a in data["top_actions"] if a["kind"] == "user_unknown")
    assert unknown["text"].startswith(
        "2 adresses n’existent pas (quentin@example.net et rita@example.org)"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Ihre sendende IP-Adresse 203.0.113.7 steht auf Spamhaus PBL: 6 Rückläufer von 4 "
               "Domains seit 02.11.2026."),
        ("pl", "Państwa adres IP nadawczy 203.0.113.7 figuruje na liście Spamhaus PBL: 6 zwrotów z "
               "4 domen od 2\u00a0lis\u00a02026."),
        ("ru", "Ваш IP-адрес отправки 203.0.113.7 внесён в Spamhaus PBL: 6 возвратов из 4 доменов "
               "с 2\u00a0нояб.\u00a02026\u202fг."),  # one period: the date's abbreviation ends it
        ("ja", "お使いの送信元IPアドレス 203.0.113.7 が Spamhaus PBL に登録されています："
               "2026/11/02以降、4個のドメインから6件の配信エラー。"),
    ],
)  # fmt: skip
def test_the_first_action_in_other_languages(summary, lang, expected):
    assert report_data(summary, reader(lang))["top_actions"][0]["text"] == expected


def test_arabic_and_russian_pick_their_plural_forms(summary):
    arabic = {a["kind"]: a["text"] for a in report_data(summary, reader("ar"))["top_actions"]}
    assert "2 رسالتان مرتدتان" in arabic["no_reverse_dns"]  # two
    assert "6 رسائل مرتدة" in arabic["blocklisted"]  # few (3-10)
    russian = {a["kind"]: a["text"] for a in report_data(summary, reader("ru"))["top_actions"]}
    assert "2 возврата" in russian["no_reverse_dns"] and "6 возвратов" in russian["blocklisted"]
    assert russian["mailbox_full"].startswith("1 почтовый ящик переполнен")
