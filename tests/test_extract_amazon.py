"""Amazon SES JSON notifications and Amazon WorkMail's delivery-status fields in text."""

import json

import pytest
from fixture_reading import read

from bounceinterp.detect import detect
from bounceinterp.parse import parse
from bounceinterp.read.amazonses import AmazonSesReader


def ses_notice(document: str) -> bytes:
    """An SES notification e-mail whose text is ``document``."""
    return (
        "From: SES Notifications <no-reply@sns.example.com>\n"
        "To: ops@example.com\n"
        "Subject: AWS Notification Message\n"
        "Content-Type: text/plain; charset=UTF-8\n\n" + document + "\n"
    ).encode()


def read_ses(document: str):
    parsed = parse(ses_notice(document))
    return AmazonSesReader().read(parsed, detect(parsed))


def test_ses_bounce_notification():
    report = read("amazonses_bounce_json.eml")
    assert report.format == "amazonses-json"
    assert report.kind == "failure"
    [recipient] = report.recipients
    assert recipient.address == "victor@example.org"
    assert recipient.action == "failed"
    assert recipient.status == "5.1.1"
    assert recipient.reply_code == 550
    assert recipient.diagnostic == "550 5.1.1 user unknown"
    assert recipient.diagnostic_type == "smtp"
    assert report.reporting_mta == "a1-2.smtp-out.example.com"
    assert recipient.extra_fields["bounceType"] == "Permanent"
    assert report.original.subject == "March newsletter"


def test_ses_complaint_is_feedback_not_a_bounce():
    report = read("amazonses_complaint_json.eml")
    assert report.kind == "feedback"
    assert [r.address for r in report.recipients] == ["wendy@example.org"]
    assert report.recipients[0].diagnostic == "abuse"


def test_workmail_fields_in_text():
    report = read("workmail_inline_dsn.eml")
    assert report.format == "inline-dsn"
    assert report.reporting_mta == "a1-1.smtp-out.example.com"
    [recipient] = report.recipients
    assert recipient.address == "yvonne@example.org"
    assert recipient.action == "failed"
    assert recipient.status == "5.2.2"
    assert recipient.reply_code == 550
    assert recipient.diagnostic == "550 5.2.2 <yvonne@example.org>... Mailbox full"
    assert report.original.subject == "Tickets"


def test_ses_numbers_where_text_is_documented_are_read_as_text():
    document = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bouncedRecipients": [
                {"emailAddress": "ivan@example.org", "status": 511, "diagnosticCode": 550},
                {"emailAddress": ["not", "an", "address"]},
            ],
            "reportingMTA": 42,
        },
        "mail": {"headers": [{"name": "Subject", "value": 7}], "messageId": 12},
    }
    report = read_ses(json.dumps(document))
    [recipient] = report.recipients
    assert recipient.address == "ivan@example.org"
    assert recipient.diagnostic == "550"
    assert recipient.reply_code == 550
    assert report.reporting_mta == "42"
    assert report.original.subject == "7"
    assert report.original.message_id == "12"


@pytest.mark.parametrize(
    "document",
    [
        '{"notificationType": "Bounce", "bounce": [{"bouncedRecipients": []}]}',
        '{"notificationType": "Bounce", "bounce": {"bouncedRecipients": {"a": 1}}}',
        '{"notificationType": "Delivery", "delivery": "delivered"}',
        '{"notificationType": "Complaint", "complaint": ["abuse"]}',
        '{"notificationType": "Bounce", "bounce": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"Type": "Notification", "Message": "' + "[" * 100000 + "]" * 100000 + '"}',
    ],
)
def test_ses_documents_of_unexpected_shapes_are_no_report(document):
    assert read_ses(document) is None


def test_ses_delivery_recipients_that_are_not_text_are_skipped():
    document = {
        "notificationType": "Delivery",
        "delivery": {"recipients": ["judy@example.org", None, {"x": 1}], "smtpResponse": 250},
    }
    report = read_ses(json.dumps(document))
    assert report.kind == "success"
    assert [r.address for r in report.recipients] == ["judy@example.org"]
    assert report.recipients[0].diagnostic == "250"
