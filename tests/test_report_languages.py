"""The report speaks the reader's language through the catalogs, with each language's plural
forms (Russian and Arabic have several) and dates."""

# ruff: noqa: RUF001 - the expected sentences are in French, Russian, Japanese, Arabic...

from __future__ import annotations

import pytest
from babel import Locale
from test_report import month_of_bounces

from bounceinterp.i18n import translations
from bounceinterp.report import summarize
from bounceinterp.report.speech import Reader
from bounceinterp.report.view import report_data


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    return summarize(month_of_bounces(tmp_path_factory.mktemp("mail")))


def actions(summary, lang: str) -> dict[str, str]:
    data = report_data(summary, Reader(lang, translations(lang), Locale.parse(lang)))
    return {action["kind"]: action["text"] for action in data["top_actions"]}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Votre adresse IP d’envoi 203.0.113.7 figure sur Spamhaus PBL\u00a0: 6 retours "
               "venant de 4 domaines depuis le 2\u00a0nov.\u00a02026."),
        ("de", "Ihre sendende IP-Adresse 203.0.113.7 steht auf Spamhaus PBL: 6 Rückläufer von 4 "
               "Domains seit 02.11.2026."),
        ("pl", "Twój nadawczy adres IP 203.0.113.7 figuruje na liście Spamhaus PBL: 6 zwrotów z "
               "4 domen od 2\u00a0lis\u00a02026."),
        ("ja", "お使いの送信元IPアドレス 203.0.113.7 が Spamhaus PBL に登録されています："
               "2026/11/02以降、4個のドメインから6件の配信エラー。"),
    ],
)  # fmt: skip
def test_the_first_action_in_the_reader_s_language(summary, lang, expected):
    assert actions(summary, lang)["blocklisted"] == expected


def test_russian_and_arabic_pick_their_plural_forms(summary):
    russian = actions(summary, "ru")
    assert "2 возврата" in russian["no_reverse_dns"]  # few
    assert "6 возвратов" in russian["blocklisted"]  # many
    assert russian["mailbox_full"].startswith("1 почтовый ящик переполнен")  # one
    arabic = actions(summary, "ar")
    assert "2 رسالتان مرتدتان" in arabic["no_reverse_dns"]  # two
    assert "6 رسائل مرتدة" in arabic["blocklisted"]  # few (3 to 10)
    assert "1 رسالة مرتدة" in arabic["mailbox_full"]  # one
