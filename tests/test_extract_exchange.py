"""Exchange 2003 and 2007 on-premise texts without a usable delivery-status part."""

import pytest
from fixture_reading import NEWLINES, read


@pytest.mark.parametrize("newline", NEWLINES)
def test_exchange2003_quoted_printable_windows1252(newline):
    report = read("exchange2003_not_recognized.eml", newline)
    assert report.format == "exchange2003"
    [rosa] = report.recipients
    assert rosa.address == "rosa@example.org"
    assert rosa.status == "5.1.1"
    assert rosa.diagnostic == (
        "The e-mail account does not exist at the organization this message was sent to. "
        "<ex2003.example.net #5.1.1>"
    )


def test_exchange2007_french_base64_text():
    report = read("exchange2007_text_only_fr.eml")
    assert report.format == "exchange2007"
    [sam] = report.recipients
    assert sam.address == "sam@example.org"
    assert sam.status == "5.1.1"
    assert sam.reply_code == 550
    assert sam.diagnostic == "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
    assert report.original.subject == "Réunion de lundi"
