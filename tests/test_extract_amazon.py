"""Amazon SES JSON notifications and Amazon WorkMail's delivery-status fields in text."""

from fixture_reading import read


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
