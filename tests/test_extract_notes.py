"""Lotus Notes and Domino non-delivery texts."""

import pytest
from fixture_reading import NEWLINES, read


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
