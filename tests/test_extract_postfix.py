"""Postfix text without a delivery-status part."""

import pytest
from fixture_reading import NEWLINES, read


@pytest.mark.parametrize("newline", NEWLINES)
def test_postfix_base64_text_with_inline_returned_headers(newline):
    report = read("postfix_plain_no_dsn.eml", newline)
    assert report.format == "postfix"
    assert report.kind == "failure"
    [karl] = report.recipients
    assert karl.address == "karl@example.org"
    assert karl.status == "5.7.1"
    assert karl.reply_code == 550
    assert karl.remote_mta == "mx.example.org"
    assert "blocked using bl.example.com" in karl.diagnostic
    assert report.original.subject == "Äpfel und Birnen"
