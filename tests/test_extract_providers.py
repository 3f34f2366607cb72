"""Plain-text notices of mail providers (Yahoo, Gmail, Office 365, GMX, Zoho, Google), read by
the pattern-driven ``textreport`` extractor."""

import pytest
from fixture_reading import NEWLINES, read


def test_yahoo_mailbox_full():
    report = read("yahoo_mailbox_full.eml")
    assert report.format == "yahoo"
    assert report.kind == "failure"
    [recipient] = report.recipients
    assert recipient.address == "bob@example.org"
    assert recipient.action == "failed"
    assert recipient.status == "5.2.2"
    assert recipient.reply_code == 552
    assert recipient.diagnostic == "552 5.2.2 <bob@example.org>... Mailbox is over quota [RCPT_TO]"
    assert report.original.subject == "Lunch on Friday"


def test_yahoo_reads_the_same_with_crlf_and_cr():
    for newline in (b"\r\n", b"\r"):
        report = read("yahoo_mailbox_full.eml", newline)
        assert [r.address for r in report.recipients] == ["bob@example.org"]
        assert report.original.subject == "Lunch on Friday"


def test_gmail_plain_permanent_failure_keeps_the_remote_answer():
    report = read("gmail_plain_rejected.eml")
    assert report.format == "gmail"
    [recipient] = report.recipients
    assert recipient.address == "erin@example.org"
    assert recipient.action == "failed"
    assert recipient.status == "5.1.1"
    assert recipient.reply_code == 550
    assert recipient.diagnostic.startswith("550 5.1.1 <erin@example.org>: Recipient address")
    assert report.original.subject == "Invitation"


def test_gmail_plain_delay_is_a_delay():
    report = read("gmail_plain_delay.eml")
    assert report.kind == "delay"
    [recipient] = report.recipients
    assert recipient.address == "dave@example.net"
    assert recipient.action == "delayed"
    assert recipient.reply_code is None
    assert "did not accept our requests to connect" in recipient.diagnostic
    assert report.original.subject == "Quarterly figures"


def test_office365_friendly_text():
    report = read("office365_recipient_not_found.eml")
    assert report.format == "office365"
    assert report.reporting_mta == "AM0PR01MB0001.eurprd01.prod.outlook.example.com"
    [recipient] = report.recipients  # the address is named twice; one recipient
    assert recipient.address == "grace@example.org"
    assert recipient.action == "failed"
    assert recipient.status == "5.1.10"
    assert recipient.reply_code == 550
    assert recipient.diagnostic.startswith("550 5.1.10 RESOLVER.ADR.RecipientNotFound")
    assert report.original.subject == "Project plan"


def test_a_person_quoting_a_notice_is_not_a_bounce():
    report = read("quoted_office365_notice.eml")
    assert report.kind == "not_a_bounce"


def test_gmx_two_recipients_and_broken_header_folding():
    report = read("gmx_two_recipients.eml")
    assert report.format == "gmx"
    ivan, judy = report.recipients
    assert (ivan.address, ivan.status, ivan.remote_mta) == (
        "ivan@example.org",
        "5.1.1",
        "mx1.example.org",
    )
    assert ivan.diagnostic == "550 5.1.1 <ivan@example.org>... User unknown"
    assert ivan.reply_code == 550
    assert (judy.address, judy.status, judy.reply_code) == ("judy@example.org", "4.2.2", 452)
    # the returned headers' continuation lines lost their indentation; they are still read
    assert report.original.subject == "Photos from the trip"


def test_zoho_error_code_fields():
    report = read("zoho_invalid_address.eml")
    assert report.format == "zoho"
    [recipient] = report.recipients
    assert recipient.address == "leo@example.org"
    assert recipient.status == "5.1.1"
    assert recipient.reply_code == 550
    assert recipient.diagnostic.startswith("Invalid Address, ERROR_CODE :550")
    assert report.original.subject == "Meeting notes"


def test_google_notice_without_recipient_takes_x_failed_recipients():
    # Google names the envelope recipient in X-Failed-Recipients (here the alias the sender
    # wrote to); the returned message's To is who the sender addressed, not who failed.
    report = read("google_send_as_failure.eml")
    assert report.format == "googlenotice"
    [recipient] = report.recipients
    assert recipient.address == "team-alias@example.net"
    assert recipient.action == "failed"
    assert recipient.diagnostic.startswith("** Message not delivered ** You're sending this")
    assert recipient.diagnostic.endswith(
        "The response was: Authentication failed: the SMTP server does not accept the saved"
        " password"
    )
    assert report.original.subject == "Slides"


@pytest.mark.parametrize("newline", NEWLINES)
def test_google_notice_naming_nobody_fails_for_x_failed_recipients_only(newline):
    report = read("google_send_as_three_recipients.eml", newline)
    assert report.format == "googlenotice"
    assert [r.address for r in report.recipients] == ["bob@example.org"]
    assert "'Send mail as' feature" in report.recipients[0].diagnostic
    assert report.original.subject == "Team dinner"


@pytest.mark.parametrize("newline", NEWLINES)
def test_google_message_blocked_names_its_recipient_and_keeps_googles_words(newline):
    report = read("google_message_blocked.eml", newline)
    assert report.format == "googlenotice"
    [recipient] = report.recipients
    assert recipient.address == "bob@example.org"
    assert recipient.action == "failed"
    assert recipient.diagnostic == (
        "** Message blocked ** Your message to bob@example.org has been blocked. See technical"
        " details below for more information. The response was: 552 5.7.0 Our system detected"
        " an illegal attachment on your message. Please visit"
        " http://support.example.org/attachments to review our attachment guidelines."
    )
    assert recipient.status == "5.7.0"
    assert recipient.reply_code == 552
    assert report.original.subject == "Quarterly figures"
