"""interpret() on DSNs as real servers send them (fixtures in tests/fixtures, see its README)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bounceinterp import interpret

FIXTURES = Path(__file__).parent / "fixtures"
CET = timezone(timedelta(hours=1))


def load(name: str):
    return interpret((FIXTURES / name).read_bytes())


def test_postfix_user_unknown():
    report = load("postfix_user_unknown.eml")
    assert (report.is_bounce, report.kind, report.format) == (True, "failure", "rfc3464")
    assert report.reporting_mta == "smtp.example.org"
    assert report.arrival_date == datetime(2026, 11, 24, 10, 41, 25, tzinfo=CET)
    assert "X-Postfix-Queue-ID" in report.extra_fields
    [recipient] = report.recipients
    assert recipient.address == "antoine.lemaire@example.net"
    assert (recipient.action, recipient.status, recipient.reply_code) == ("failed", "5.1.1", 550)
    assert recipient.remote_mta == "mx.example.net"
    assert recipient.diagnostic_type == "smtp"
    assert "User unknown in virtual mailbox table" in recipient.diagnostic
    assert (recipient.category, recipient.permanent) == ("user_unknown", True)
    original = report.original
    assert original.subject == "Compte rendu de la réunion de lundi"
    assert original.message_id == "<6d0c4b1e-93a2-4f7e-b815-2c9a7e51d3f0@example.org>"
    assert original.from_address == "claire.rousseau@example.org"
    assert original.to == ["antoine.lemaire@example.net"]
    assert original.content_language == "fr"
    assert original.date.tzinfo is not None


def test_forwarded_spf_failure_keeps_both_addresses_and_the_headers_only_original():
    report = load("postfix_spf_fail_after_forward.eml")
    [recipient] = report.recipients
    assert recipient.address == "jacqueline.martin@example.com"
    assert recipient.original_address == "jacqueline@example.fr"
    assert (recipient.status, recipient.reply_code) == ("5.7.23", 550)
    assert recipient.category == "spf_fail"
    assert report.original.subject == "Endives au fromage à la béchamel"  # RFC 2047, UTF-8
    assert report.original.content_language == "fr"


def test_exim_generic_status_is_made_specific_from_the_diagnostic():
    [recipient] = load("exim_mailbox_full.eml").recipients
    assert recipient.address == "petra.wagner@example.net"
    assert (recipient.status, recipient.reply_code) == ("5.2.2", 552)
    assert recipient.category == "mailbox_full"


def test_sendmail_upper_case_types_and_received_from_mta():
    report = load("sendmail_host_unknown.eml")
    assert report.received_from_mta == "ws-compta-04.example.com"
    [recipient] = report.recipients
    assert (recipient.address, recipient.status) == ("sophie.garnier@exmaple.test", "5.1.2")
    assert recipient.remote_mta == "exmaple.test"
    assert recipient.category == "host_unknown"
    assert recipient.last_attempt is not None
    assert report.original.subject == "Facture 2026-118"


def test_exchange_ndr_with_display_name_field_and_latin1_subject():
    report = load("exchange_user_unknown.eml")
    assert report.reporting_mta == "EX01.corp.example.com"
    [recipient] = report.recipients
    assert (recipient.address, recipient.status) == ("lucie.blanc@example.net", "5.1.10")
    assert "X-Display-Name" in recipient.extra_fields
    assert "RecipientNotFound" in recipient.diagnostic
    assert report.original.subject == "Réunion budget 2027"
    assert report.original.accept_language == "fr-FR, en-US"


def test_gmail_two_recipients_and_a_folded_diagnostic():
    report = load("gmail_multi_recipient.eml")
    assert report.reporting_mta == "googlemail.com"
    first, second = report.recipients
    assert (first.address, first.status, first.reply_code) == (
        "lea.moreau@example.net",
        "5.1.1",
        550,
    )
    assert "\n" not in first.diagnostic and "does not exist" in first.diagnostic
    assert first.remote_mta == "aspmx.l.google.com"
    assert (second.address, second.status) == ("thomas.girard@example.com", "5.2.2")
    assert [r.category for r in report.recipients] == ["user_unknown", "mailbox_full"]
    assert report.original.to == ["lea.moreau@example.net", "thomas.girard@example.com"]


def test_delayed_dsn_is_a_delay_not_a_failure():
    report = load("postfix_delayed.eml")
    assert (report.kind, report.is_bounce) == ("delay", True)
    [recipient] = report.recipients
    assert (recipient.action, recipient.status, recipient.permanent) == ("delayed", "4.4.1", False)
    assert recipient.will_retry_until == datetime(2026, 12, 1, 14, 3, tzinfo=CET)
    assert recipient.diagnostic_type == "x-postfix"
    assert "Connection refused" in recipient.diagnostic


def test_global_dsn_with_utf8_addresses_and_raw_utf8_original():
    report = load("global_dsn_utf8.eml")
    assert (report.kind, report.format) == ("failure", "rfc6533")
    [recipient] = report.recipients
    assert recipient.address == "josé@example.fr"
    assert "boîte aux lettres" in recipient.diagnostic
    assert report.original.subject == "Grüße aus Köln"
    assert report.original.from_address == "jürgen.müller@example.de"


def test_crlf_file_with_a_diagnostic_folded_over_three_lines():
    raw = (FIXTURES / "folded_diagnostic_crlf.eml").read_bytes()
    assert b"\r\n" in raw
    [recipient] = interpret(raw).recipients
    assert recipient.diagnostic.startswith("550 5.7.1 Service unavailable, Client host [192.0.2.7]")
    assert "\r" not in recipient.diagnostic and "\n" not in recipient.diagnostic
    assert "https://www.spamhaus.org/query/ip/192.0.2.7" in recipient.diagnostic


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_endings_do_not_change_the_result(ending):
    raw = (FIXTURES / "postfix_user_unknown.eml").read_bytes()
    converted = interpret(raw.replace(b"\n", ending)).to_dict()
    assert converted == interpret(raw).to_dict()


def test_missing_status_is_recovered_from_the_diagnostic():
    [recipient] = load("missing_status.eml").recipients
    assert (recipient.address, recipient.status, recipient.reply_code) == (
        "bob@example.com",
        "5.1.1",
        550,
    )


def test_truncated_report_still_gives_what_it_has():
    report = load("malformed_truncated.eml")
    assert report.is_bounce
    [recipient] = report.recipients
    assert (recipient.address, recipient.status) == ("nina.weber@example.de", "5.1.1")


def test_plain_mail_is_not_a_bounce():
    report = load("plain_mail.eml")
    assert (report.kind, report.is_bounce, report.recipients) == ("not_a_bounce", False, [])


def test_auto_reply_is_recognised_and_not_a_bounce():
    report = load("auto_reply.eml")
    assert (report.kind, report.is_bounce, report.format) == ("auto_reply", False, "rfc3834")
    assert report.recipients[0].category == "vacation"


def test_arf_report_is_feedback_not_a_bounce():
    report = load("arf_abuse_report.eml")
    assert (report.kind, report.is_bounce, report.format) == ("feedback", False, "arf")
    assert report.recipients[0].address == "hugo.lefebvre@example.net"
    assert report.recipients[0].category == "feedback"
    assert report.original.subject.startswith("Black Friday")


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00\xff" * 100, "Subject: only a header", b"Content-Type: multipart/report\n\n--"],
)
def test_garbage_never_raises(raw):
    report = interpret(raw)
    assert report.kind == "not_a_bounce"


def test_to_dict_dates_are_iso_8601_with_offset():
    data = load("postfix_delayed.eml").to_dict()
    assert data["recipients"][0]["will_retry_until"] == "2026-12-01T14:03:00+01:00"
    assert datetime.fromisoformat(data["arrival_date"]).tzinfo is not None


def test_a_report_without_diagnostic_takes_it_from_the_paragraph_naming_the_recipient():
    raw = (FIXTURES / "postfix_user_unknown.eml").read_bytes()
    unknown_mta = raw.replace(b"This is the mail system at host", b"Notice from the gateway at")
    head, _, tail = unknown_mta.partition(b"Diagnostic-Code: smtp;")
    no_diagnostic = head + tail.split(b"\n\n", 1)[1]
    report = interpret(no_diagnostic)
    [recipient] = report.recipients
    assert report.format == "rfc3464"
    assert recipient.diagnostic.startswith("<antoine.lemaire@example.net>: host mx.example.net")
    assert recipient.diagnostic.endswith("(in reply to RCPT TO command)")
    assert (recipient.reply_code, recipient.command) == (550, "RCPT")
