"""RFC 3464 field parsing on the shapes real reports take."""

from datetime import timedelta

from bounceinterp.dates import parse_date
from bounceinterp.model import Interpretation
from bounceinterp.read.dsn import clean_address, read_report, reply_code_from_text, status_from_text

REPORT = """Reporting-MTA: dns; mx1.example.net
X-Postfix-Queue-ID: 4Qx1Yb2KzVz9sWn
Arrival-Date: Fri, 27 Nov 2026 09:14:02 +0100 (CET)

Final-Recipient: rfc822; bob@example.com
Original-Recipient: rfc822;robert@example.org
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
    not exist. Please try double-checking the recipient's email
    address for typos.
Last-Attempt-Date: Fri, 27 Nov 2026 09:14:05 +0100
"""


def test_message_and_recipient_fields():
    report = Interpretation()
    [recipient] = read_report(REPORT, report)
    assert report.reporting_mta == "mx1.example.net"
    assert report.extra_fields == {"X-Postfix-Queue-ID": "4Qx1Yb2KzVz9sWn"}
    assert report.arrival_date.utcoffset() == timedelta(hours=1)
    assert recipient.address == "bob@example.com"
    assert recipient.original_address == "robert@example.org"
    assert recipient.action == "failed"
    assert recipient.remote_mta == "mx.example.com"
    assert recipient.diagnostic_type == "smtp"
    assert recipient.diagnostic == (
        "550-5.1.1 The email account that you tried to reach does not exist. Please try "
        "double-checking the recipient's email address for typos."
    )
    assert recipient.last_attempt.isoformat() == "2026-11-27T09:14:05+01:00"


def test_generic_status_gives_way_to_the_diagnostics_specific_code():
    [recipient] = read_report(REPORT, Interpretation())
    assert recipient.status == "5.1.1"
    assert recipient.reply_code == 550


def test_specific_status_is_kept_even_if_the_diagnostic_says_otherwise():
    text = REPORT.replace("Status: 5.0.0", "Status: 5.2.2")
    [recipient] = read_report(text, Interpretation())
    assert recipient.status == "5.2.2"


def test_missing_blank_line_between_message_and_recipient_fields():
    text = "Reporting-MTA: dns; a.example\nFinal-Recipient: rfc822; x@example.com\nAction: failed\n"
    report = Interpretation()
    [recipient] = read_report(text, report)
    assert report.reporting_mta == "a.example"
    assert recipient.address == "x@example.com"


def test_two_recipients_without_a_blank_line_between_them():
    text = (
        "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n"
        "Final-Recipient: rfc822; b@example.com\nAction: delayed\nStatus: 4.4.1\n"
    )
    recipients = read_report(text, Interpretation())
    assert [(r.address, r.action, r.status) for r in recipients] == [
        ("a@example.com", "failed", "5.1.1"),
        ("b@example.com", "delayed", "4.4.1"),
    ]


def test_addresses_in_every_form():
    assert clean_address("rfc822; <Bob@Example.com>") == "Bob@Example.com"
    assert clean_address("RFC822;bob@example.com") == "bob@example.com"
    assert clean_address("bob@example.com") == "bob@example.com"
    assert clean_address("utf-8; jos\\x{E9}@exemple.fr") == "josé@exemple.fr"
    assert clean_address("rfc822; bob+2Bnews@example.com", xtext=True) == "bob+news@example.com"
    assert clean_address("rfc822; bob+41@example.com") == "bob+41@example.com"  # a sub-address
    assert clean_address("rfc822; ") is None


def test_codes_in_text():
    assert status_from_text("550 5.7.1 <x@example.com>: Relay access denied") == "5.7.1"
    assert status_from_text("version 10.5.2.1 of the filter") is None
    assert status_from_text("no code here") is None
    assert reply_code_from_text("452-4.2.2 The email account is over quota") == 452
    assert reply_code_from_text("host said: 554 5.7.1 rejected") == 554
    assert reply_code_from_text("Connection refused") is None


def test_dates_become_timezone_aware():
    assert parse_date("Thu, 29 Apr 2013 23:45:41 +0900 (JST)").isoformat() == (
        "2013-04-29T23:45:41+09:00"
    )
    assert parse_date("Thu, 29 Apr 2013 23:45:41").tzinfo is not None
    assert parse_date("2026-11-27T09:14:02+01:00").utcoffset() == timedelta(hours=1)
    assert parse_date("not a date") is None
    assert parse_date(None) is None


def test_escapes_that_name_no_character_are_kept_as_written():
    # above U+10FFFF: chr() would raise; a surrogate could not be printed or encoded
    assert clean_address("utf-8; a\\x{FFFFFF}b@example.com") == "a\\x{FFFFFF}b@example.com"
    assert clean_address("utf-8; a\\x{D800}b@example.com") == "a\\x{D800}b@example.com"
    assert clean_address("utf-8; \\x{1F600}@example.com") == "\U0001f600@example.com"
    # xtext escapes printable ASCII only: a control character or a raw byte stays as written
    assert clean_address("rfc822; a+00b@example.com", xtext=True) == "a+00b@example.com"
    assert clean_address("rfc822; caf+C3+A9@example.com", xtext=True) == "caf+C3+A9@example.com"
    assert clean_address("rfc822; a+20b@example.com", xtext=True) == "a b@example.com"


def test_a_report_with_an_impossible_escape_is_still_read():
    report = Interpretation()
    text = REPORT.replace("rfc822; bob@example.com", "utf-8; b\\x{D800}ob@example.com")
    [recipient] = read_report(text, report)
    assert recipient.address == "b\\x{D800}ob@example.com"
    assert recipient.address.encode("utf-8")
    assert recipient.status == "5.1.1"


def test_a_status_comment_is_the_diagnostic_when_the_report_gives_none():
    text = (
        "Final-Recipient: rfc822;pat@example.net\nAction: delayed\n"
        "Status: 4.0.0 (example.net: host name lookup failure)\n\n"
        "Final-Recipient: rfc822;sam@example.org\nAction: failed\n"
        "Status: 5.0.0 (permanent failure)\nDiagnostic-Code: smtp; 550 user unknown\n"
    )
    delayed, failed = read_report(text, Interpretation())
    assert (delayed.status, delayed.diagnostic) == (
        "4.0.0",
        "example.net: host name lookup failure",
    )
    assert (failed.status, failed.diagnostic) == ("5.0.0", "550 user unknown")
