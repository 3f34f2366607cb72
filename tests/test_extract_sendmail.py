"""Sendmail 8 plain-text bounces and Sendmail 5 transcripts."""

import pytest
from fixture_reading import NEWLINES, read


@pytest.mark.parametrize("newline", NEWLINES)
def test_sendmail_plain_text_prefers_the_remote_answer(newline):
    report = read("sendmail_plain_user_unknown.eml", newline)
    assert report.format == "sendmail"
    assert report.kind == "failure"
    [gina] = report.recipients
    assert gina.address == "gina@example.org"
    assert gina.status == "5.1.1"
    assert gina.reply_code == 550
    assert gina.diagnostic == "550 5.1.1 <gina@example.org>... User unknown"
    assert gina.remote_mta == "mx.example.org"
    assert report.original.subject == "Minutes of the meeting"


def test_v5_sendmail_transcript_names_each_recipient():
    report = read("v5sendmail_transcript.eml")
    assert report.format == "sendmail"
    henry, ivan = report.recipients
    assert henry.address == "henry@example.com"
    assert henry.diagnostic == "550 No such user here"
    assert henry.reply_code == 550
    assert henry.remote_mta == "mx.example.com"
    assert ivan.address == "ivan@nohost.example.org"
    assert ivan.diagnostic == "550 Host unknown (Authoritative answer from name server)"
    assert report.original.subject == "Old friends"


def test_v5_sendmail_host_only_transcript_falls_back_on_the_returned_recipients():
    report = read("v5sendmail_deferred_host_only.eml")
    [judy] = report.recipients
    assert judy.address == "judy@slow.example.com"
    assert judy.action == "failed"
    assert judy.reply_code == 421
    assert judy.diagnostic.startswith("421 slow.example.com (smtp)... Deferred")
