"""Sun/Oracle Messaging Server and IMail Server texts."""

import pytest
from fixture_reading import NEWLINES, read


def test_messagingserver_fields_in_text():
    report = read("messagingserver_text_only.eml")
    assert report.format == "messagingserver"
    [tara] = report.recipients
    assert tara.address == "tara@example.org"
    assert tara.status == "5.1.1"
    assert tara.reply_code == 550
    assert tara.diagnostic == "550 5.1.1 <tara@example.org>... User unknown"
    assert tara.remote_mta == "mx.example.org"


@pytest.mark.parametrize("newline", NEWLINES)
def test_imail_reason_line(newline):
    report = read("imailserver_undeliverable.eml", newline)
    assert report.format == "imailserver"
    [uma] = report.recipients
    assert uma.address == "uma@example.net"
    assert uma.diagnostic == "Unknown user"
    assert report.original.subject == "Shift schedule"
