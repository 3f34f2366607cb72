"""Postfix text without a delivery-status part."""

from pathlib import Path

import pytest

from bounceinterp.api import extract
from bounceinterp.parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
NEWLINES = [b"\n", b"\r\n", b"\r"]


def read(name: str, newline: bytes = b"\n"):
    return extract(parse((FIXTURES / name).read_bytes().replace(b"\n", newline)))


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
