"""A delay is not a failure: the text says so and gives the retry-until date in the reader's way."""

# ruff: noqa: RUF001 - French text uses the typographic apostrophe

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from babel.dates import format_date, format_time
from explain_samples import LANGUAGES, NOW, RETRY_UNTIL, delayed, flat

from bounceinterp.explanation import explain
from bounceinterp.explanation.when import date_width
from bounceinterp.i18n import translations


@pytest.mark.parametrize(
    ("lang", "not_final", "until", "relative"),
    [
        (
            "en",
            "This is not final. Nothing is lost yet",
            "Tuesday, December 1, 2026 at 2:03 PM",
            "(in 3 days)",
        ),
        (
            "fr",
            "Ce n’est pas définitif. Rien n’est perdu pour l’instant",
            "jusqu’au mardi 1 décembre 2026 à 14:03",
            "(dans 3 jours)",
        ),
        (
            "de",
            "Das ist nicht endgültig. Noch ist nichts verloren",
            "bis Dienstag, 1. Dezember 2026 um 14:03 Uhr",
            "(in 3 Tagen)",
        ),
        (
            "es",
            "No es definitivo. Todavía no se ha perdido nada",
            "hasta el 1 de diciembre de 2026 a las 14:03",
            "(dentro de 3 días)",
        ),
        (
            "it",
            "Non è definitivo. Per ora non è perso nulla",
            "fino a martedì 1 dicembre 2026 alle 14:03",
            "(tra 3 giorni)",
        ),
        (
            "pt",
            "Isso ainda não é definitivo. Nada foi perdido",
            "até 1 de dezembro de 2026 às 14:03",
            "(em 3 dias)",
        ),
        (
            "nl",
            "Dit is niet definitief. Er is nog niets verloren",
            "tot dinsdag 1 december 2026 om 14:03",
            "(over 3 dagen)",
        ),
        (
            "pl",
            "To jeszcze nie koniec. Nic nie przepadło",
            "do 1 grudnia 2026, godz. 14:03",
            "(za 3 dni)",
        ),
    ],
)
def test_delay_is_not_final_and_says_until_when(
    lang: str, not_final: str, until: str, relative: str
) -> None:
    text = flat(explain(delayed(), lang=lang, now=NOW))
    assert not_final in text
    assert until in text
    assert relative in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_retry_date_is_babels_date_for_the_locale(lang: str) -> None:
    width = date_width(translations(lang))
    text = flat(explain(delayed(), lang=lang, now=NOW))
    assert flat(format_date(RETRY_UNTIL, width, locale=lang)) in text
    assert flat(format_time(RETRY_UNTIL, "short", locale=lang)) in text


def test_retry_date_is_shown_in_the_senders_time_zone() -> None:
    # 13:03 UTC is 14:03 in the zone of the original message's Date (+01:00).
    text = flat(explain(delayed(datetime(2026, 12, 1, 13, 3, tzinfo=UTC)), lang="fr", now=NOW))
    assert "jusqu’au mardi 1 décembre 2026 à 14:03" in text


def test_delay_asks_not_to_send_again() -> None:
    text = flat(explain(delayed(), lang="en", now=NOW))
    assert "Please do not send the message again" in text
    assert "could not be delivered" not in text
    assert "has not been delivered yet" in text


def test_delay_without_a_date_still_says_nothing_is_lost() -> None:
    text = flat(explain(delayed(until=None), lang="de", now=NOW))
    assert "Das ist nicht endgültig. Noch ist nichts verloren" in text
    assert "falls er aufgibt" in text


def test_delay_whose_deadline_has_passed_says_so() -> None:
    later = datetime(2026, 12, 5, tzinfo=UTC)
    text = flat(explain(delayed(), lang="en", now=later))
    assert "it was to keep trying until Tuesday, December 1, 2026 at 2:03 PM" in text
    assert "in 3 days" not in text


def test_delay_of_unknown_cause_is_not_called_expired() -> None:
    interpretation = delayed()
    interpretation.recipients[0].category = "expired"
    text = flat(explain(interpretation, lang="en", now=NOW))
    assert "gave up" not in text
    assert "has not managed to deliver the message yet" in text


def test_naive_dates_from_a_malformed_bounce_do_not_break_the_explanation() -> None:
    interpretation = delayed(datetime(2026, 12, 1, 13, 3))
    interpretation.original.date = datetime(2026, 11, 27, 9, 13)
    text = flat(explain(interpretation, lang="en", now=datetime(2026, 11, 28, 9, 0, tzinfo=UTC)))
    assert "keeps trying until Tuesday, December 1, 2026 at 1:03" in text
