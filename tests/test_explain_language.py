"""Which language an explanation is written in."""

# ruff: noqa: RUF001 - French text uses the typographic apostrophe

from __future__ import annotations

import pytest
from explain_samples import failure, original

from bounceinterp.explanation import choose_language, explanation_dict
from bounceinterp.i18n import available_languages, negotiate, parse_language_list
from bounceinterp.model import Interpretation
from bounceinterp.read.original import from_headers

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_process(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def message(**headers) -> Interpretation:
    return failure(original=original(**headers))


def test_all_eight_languages_are_available() -> None:
    assert set(available_languages()) >= {"en", "fr", "de", "es", "it", "pt", "nl", "pl"}


def test_explicit_language_comes_first() -> None:
    assert choose_language(message(accept_language="fr", content_language="nl"), "de") == "de"


@pytest.mark.parametrize(
    ("asked", "chosen"),
    [
        ("fr_CA", "fr"),
        ("fr-CA", "fr"),
        ("pt-BR", "pt"),
        ("pt_br", "pt"),
        ("de-AT", "de"),
        ("PL", "pl"),
        ("es-419", "es"),
        ("pt-PT", "pt_PT"),
        ("pt-AO", "pt_PT"),
        ("ja-JP", "ja"),
        ("zh-CN", "zh_Hans"),
        ("zh-Hans-SG", "zh_Hans"),
        ("ru-RU", "ru"),
    ],
)
def test_regional_tags_reach_their_language(asked: str, chosen: str) -> None:
    assert choose_language(message(), asked) == chosen


def test_unavailable_explicit_language_falls_through_to_the_message() -> None:
    assert choose_language(message(content_language="it"), "ko") == "it"


def test_accept_language_of_the_original_comes_next() -> None:
    interpretation = message(accept_language="ko, nl;q=0.8, fr;q=0.9", content_language="de")
    assert choose_language(interpretation) == "fr"


def test_x_accept_language_header_is_read_too() -> None:
    # Built as the parser builds it: from_headers merges X-Accept-Language into accept_language.
    headers = [("Content-Language", "de"), ("X-Accept-Language", "es-ES, en")]
    interpretation = failure(original=from_headers(headers))
    assert choose_language(interpretation) == "es"


def test_languages_come_from_the_original_fields_only() -> None:
    # The fields are what the parser read; a header list alone is not consulted again.
    interpretation = message(headers=[("Accept-Language", "es")], content_language="it")
    assert choose_language(interpretation) == "it"


@pytest.mark.parametrize(
    "value", ["fr-", "-fr", "fr--CA", "f r", "françai", "abcdefghi", "fr-abcdefghi", "1fr", "*"]
)
def test_malformed_language_tags_are_dropped(value: str) -> None:
    assert parse_language_list(f"{value}, nl") == ["nl"]


def test_language_tag_subtags_may_be_digits() -> None:
    assert parse_language_list("es-419;q=0.5, zh_Hant_TW") == ["zh_Hant_TW", "es-419"]


def test_content_language_when_no_preference_is_stated() -> None:
    assert choose_language(message(content_language="pt-BR")) == "pt"


def test_process_locale_after_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert choose_language(message()) == "nl"
    assert choose_language(message(content_language="it")) == "it"


def test_language_variable_beats_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.setenv("LANGUAGE", "ko:pl")
    assert choose_language(Interpretation()) == "pl"


def test_c_locale_in_lc_all_means_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert choose_language(Interpretation()) == "en"


def test_english_when_nothing_matches() -> None:
    assert choose_language(message(accept_language="ko, fi", content_language="tlh"), "sw") == "en"
    assert choose_language(Interpretation()) == "en"


def test_explanation_dict_reports_the_chosen_language() -> None:
    result = explanation_dict(message(content_language="fr"))
    assert result["lang"] == "fr"
    assert result["title"] == "Votre message n’a pas pu être distribué"
    assert result["text"].startswith(result["title"])


def test_accept_language_parsing() -> None:
    assert parse_language_list("fr-CA, fr;q=0.8, en;q=0.5, *;q=0.1, de;q=0") == [
        "fr-CA",
        "fr",
        "en",
    ]
    assert parse_language_list("") == []
    assert parse_language_list("<script>, nl") == ["nl"]


def test_negotiate_returns_the_catalog_code() -> None:
    assert negotiate(["FR-be"]) == "fr"
    assert negotiate(["zz"]) is None
