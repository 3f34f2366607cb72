"""Exim plain-text bounces, delay warnings, and the Exim report completed from its text."""

import pytest
from fixture_reading import NEWLINES, read


@pytest.mark.parametrize("newline", NEWLINES)
def test_exim_quoted_printable_koi8r_and_bare_local_part(newline):
    report = read("exim_user_unknown.eml", newline)
    assert report.format == "exim"
    assert report.kind == "failure"
    bob, carl = report.recipients
    assert bob.address == "bob@example.org"
    assert bob.status == "5.1.1"
    assert bob.reply_code == 550
    assert bob.remote_mta == "mx.example.org"
    assert bob.diagnostic.endswith("Recipient address rejected: Пользователь не найден")
    # Exim wrote only the local part in the text; X-Failed-Recipients has the whole address.
    assert carl.address == "carl@example.net"
    assert carl.diagnostic == "Unrouteable address"
    assert carl.reply_code is None
    assert report.original.subject == "Quarterly figures"


def test_exim_delay_warning_is_a_delay_not_a_failure():
    report = read("exim_delay_warning.eml")
    assert report.format == "exim"
    assert report.kind == "delay"
    [erin] = report.recipients
    assert erin.address == "erin@example.com"
    assert erin.action == "delayed"
    assert erin.status == "4.3.0"
    assert erin.reply_code == 451


def test_exim_report_for_a_pipe_is_completed_from_the_text():
    report = read("exim_pipe_poor_dsn.eml")
    assert report.format == "rfc3464"
    [frank] = report.recipients
    assert frank.address == "frank@example.net"
    assert frank.original_address == "|/usr/local/bin/ticket-import frank@example.net"
    assert frank.status == "5.0.0"
    assert frank.action == "failed"
    assert report.original.subject == "Printer is broken again"


def test_a_forwarded_exim_bounce_is_not_a_bounce():
    report = read("conversation_forwarding_bounce.eml")
    assert report.kind == "not_a_bounce"
