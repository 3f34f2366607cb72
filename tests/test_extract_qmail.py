"""qmail-send plain-text bounces."""

import pytest
from fixture_reading import NEWLINES, read


@pytest.mark.parametrize("newline", NEWLINES)
def test_qmail_two_recipients_with_remote_answer_and_local_error(newline):
    report = read("qmail_mailbox_full.eml", newline)
    assert report.format == "qmail"
    assert report.kind == "failure"
    carol, dave = report.recipients
    assert carol.address == "carol@example.org"
    assert carol.action == "failed"
    assert carol.reply_code == 552
    assert carol.status == "5.2.2"
    assert carol.diagnostic == "552 5.2.2 <carol@example.org>: Mailbox quota exceeded"
    assert carol.remote_mta == "192.0.2.33"
    assert dave.address == "dave@example.com"
    assert dave.status == "5.1.1"
    assert dave.reply_code is None
    assert dave.diagnostic == "Sorry, no mailbox here by that name. (#5.1.1)"
    assert report.original.subject == "Garden party on Sunday"
    assert report.original.message_id == "<20240303091238.4206.qmail@mx1.example.net>"


def test_a_person_quoting_a_qmail_bounce_is_not_a_bounce():
    report = read("conversation_quoting_bounce.eml")
    assert report.kind == "not_a_bounce"
    assert not report.recipients
