"""Courier, OpenSMTPD and DragonFly Mail Agent texts."""

import pytest
from fixture_reading import NEWLINES, read


def test_courier_text_takes_the_remote_answer():
    report = read("courier_text_only.eml")
    assert report.format == "courier"
    [liam] = report.recipients
    assert liam.address == "liam@example.org"
    assert liam.status == "5.1.1"
    assert liam.reply_code == 550
    assert liam.diagnostic == "550 5.1.1 <liam@example.org>... No such user"
    assert liam.remote_mta == "mx.example.org"


@pytest.mark.parametrize("newline", NEWLINES)
def test_opensmtpd_delay_notice(newline):
    report = read("opensmtpd_delayed.eml", newline)
    assert report.format == "opensmtpd"
    assert report.kind == "delay"
    [mia] = report.recipients
    assert mia.address == "mia@example.org"
    assert mia.action == "delayed"
    assert mia.status == "4.7.0"
    assert mia.reply_code == 421
    assert report.original.subject == "Conference badge"


def test_dragonfly_recipient_and_remote_host():
    report = read("dragonfly_rcpt_refused.eml")
    assert report.format == "dragonfly"
    [noah] = report.recipients
    assert noah.address == "noah@example.org"
    assert noah.status == "5.7.1"
    assert noah.reply_code == 550
    assert noah.remote_mta == "mx.example.org"
    assert noah.diagnostic.endswith("550 5.7.1 <noah@example.org>: Relay access denied")
    assert report.original.subject == "Backup report"
