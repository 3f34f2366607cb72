"""Lotus Notes and Domino non-delivery texts."""

from pathlib import Path

import pytest

from bounceinterp.api import extract
from bounceinterp.parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
NEWLINES = [b"\n", b"\r\n", b"\r"]


def read(name: str, newline: bytes = b"\n"):
    return extract(parse((FIXTURES / name).read_bytes().replace(b"\n", newline)))


def test_notes_iso2022jp_reason_without_declared_charset():
    report = read("notes_iso2022jp_undeclared.eml")
    assert report.format == "notes"
    [olivia] = report.recipients
    assert olivia.address == "olivia@branch.example.co.jp"
    assert olivia.diagnostic == "ディレクトリに登録されていません"
    assert olivia.action == "failed"
    assert report.original.subject == "会議"


@pytest.mark.parametrize("newline", NEWLINES)
def test_domino_one_reason_for_two_recipients(newline):
    report = read("domino_routing_loop.eml", newline)
    assert report.format == "domino"
    paul, quinn = report.recipients
    assert (paul.address, quinn.address) == ("paul@example.org", "quinn@example.org")
    reason = "User paul (paul@example.org) not listed in Domino Directory"
    assert paul.diagnostic == reason
    assert quinn.diagnostic == reason
