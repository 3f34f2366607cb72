"""Which SMTP command a refusal answered, read from the wording of each MTA."""

from pathlib import Path

from bounceinterp import interpret
from bounceinterp.read.smtpcommand import commands_in

FIXTURES = Path(__file__).parent / "fixtures"


def test_wording_of_each_mta():
    assert commands_in("said: 550 5.7.1 Spam (in reply to end of DATA command)") == [(21, "DATA")]
    assert [c for _, c in commands_in("said: 550 No such user (in reply to RCPT TO command)")] == [
        "RCPT"
    ]
    exim = "SMTP error from remote mail server after RCPT TO:<a@example.com>:\n    550 Unknown"
    assert [c for _, c in commands_in(exim)] == ["RCPT"]
    qmail = "192.0.2.1 failed after I sent the message.\nRemote host said: 554 rejected"
    assert [c for _, c in commands_in(qmail)] == ["DATA"]
    assert commands_in("550 5.1.1 User unknown") == []


def test_postfix_bounce_records_the_command_in_its_text():
    report = interpret((FIXTURES / "postfix_user_unknown.eml").read_bytes())
    assert report.recipients[0].command == "RCPT"
    assert report.to_dict()["recipients"][0]["command"] == "RCPT"


def test_user_unknown_at_data_is_a_filter_unless_the_code_says_5_1_1():
    raw = (FIXTURES / "postfix_user_unknown.eml").read_bytes()
    at_data = raw.replace(b"(in reply to RCPT TO command)", b"(in reply to end of DATA command)")
    assert at_data != raw
    generic = at_data.replace(b"5.1.1 <", b"<").replace(b"Status: 5.1.1", b"Status: 5.0.0")
    [recipient] = interpret(generic).recipients
    assert (recipient.command, recipient.category) == ("DATA", "filtered")
    [recipient] = interpret(at_data).recipients
    assert (recipient.command, recipient.category) == ("DATA", "user_unknown")
