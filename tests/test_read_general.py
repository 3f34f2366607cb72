"""Reading what real servers send: the general reader, every delivery-status part, folded SES
JSON, the address the sender wrote."""

from __future__ import annotations

import json

import pytest
from fixture_reading import FIXTURES

from bounceinterp import interpret


def message(headers: str, body: str) -> bytes:
    return (headers.strip("\n") + "\n\n" + body.lstrip("\n")).encode()


NOTICE_HEADERS = (
    "Return-Path: <>\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
    "To: sam@example.org\nSubject: Delivery failure\nDate: Mon, 2 Nov 2026 10:00:00 +0100"
)


def test_addresses_named_near_failure_wording_and_not_the_notices_own():
    raw = message(
        NOTICE_HEADERS,
        """
Hello sam@example.org,

We could not deliver your message to the following recipients:

  ivy@example.com
  jon@example.com

Reason: 550 5.1.1 mailbox unavailable

For help write to postmaster@mx.example.net.
""",
    )
    report = interpret(raw)
    assert [r.address for r in report.recipients] == ["ivy@example.com", "jon@example.com"]
    # the address alone says nothing: the sentence that introduced the list is the diagnostic
    assert report.recipients[0].diagnostic.startswith("We could not deliver your message")


def test_an_address_alone_between_two_sentences():
    raw = message(
        NOTICE_HEADERS,
        """
Delivery of your message to this address

"kim@example.com"

has failed due to a full mailbox. We tried for several days.
""",
    )
    [kim] = interpret(raw).recipients
    assert kim.address == "kim@example.com"
    assert "full mailbox" in kim.diagnostic
    assert kim.category == "mailbox_full"


def test_a_bare_local_part_gets_the_domain_of_the_provider_that_wrote_the_notice():
    raw = message(
        "Return-Path: <MAILER-DAEMON@mx.example.net>\n"
        "From: Mail Delivery Subsystem <MAILER-DAEMON@provider.example>\n"
        "To: <sam@example.org>\nSubject: Mail Delivery Problem",
        "Sorry sam@example.org. Your mail to the following recipients could not be delivered"
        " because they are not accepting mail with attachments:\n\tlena.k\n",
    )
    [lena] = interpret(raw).recipients
    assert lena.address == "lena.k@provider.example"
    assert "not accepting mail with attachments" in lena.diagnostic


def test_the_returned_messages_recipients_when_the_notice_names_nobody():
    raw = message(
        NOTICE_HEADERS,
        """
Your message could not be delivered. This is a permanent error; I have given up.

--- Below this line is a copy of the message.

From: Sam <sam@example.org>
To: max@example.com, Nina <nina@example.com>
Subject: Plans

Hello
""",
    )
    report = interpret(raw)
    assert [r.address for r in report.recipients] == ["max@example.com", "nina@example.com"]
    assert report.original.subject == "Plans"
    assert report.recipients[0].diagnostic.startswith("Your message could not be delivered")


REPORT = """MIME-Version: 1.0
Return-Path: <>
From: MAILER-DAEMON@mx.example.net
To: sam@example.org
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

{text}
--b
{parts}--b--
"""


def status_part(fields: str) -> str:
    return "Content-Type: message/delivery-status\n\n" + fields.strip("\n") + "\n\n"


def test_every_delivery_status_part_is_read():
    parts = "--b\n".join(
        [
            status_part("This message was undeliverable, see below.\n"),
            status_part(
                "Reporting-MTA: dns; mx.example.net\n\n"
                "Final-Recipient: rfc822; owen@example.com\nAction: failed\nStatus: 5.2.1\n"
            ),
            status_part(
                "Reporting-MTA: dns; mx.example.net\n\n"
                "Final-Recipient: rfc822; pia@example.com\nAction: failed\nStatus: 5.1.1\n"
            ),
        ]
    )
    report = interpret(REPORT.format(text="Delivery failed.", parts="--b\n" + parts).encode())
    assert report.format == "rfc3464"
    assert [(r.address, r.status) for r in report.recipients] == [
        ("owen@example.com", "5.2.1"),
        ("pia@example.com", "5.1.1"),
    ]


def test_a_report_without_a_delivery_status_part_is_read_from_its_text():
    raw = REPORT.format(
        text="I was not able to deliver your message to <rae@example.com>: 550 5.1.1 no such user",
        parts="",
    ).encode()
    report = interpret(raw)
    assert report.is_bounce
    [rae] = report.recipients
    assert rae.address == "rae@example.com" and rae.status == "5.1.1"


def test_the_address_the_sender_wrote_is_kept_beside_a_final_address_that_is_not_one():
    fields = (
        "Reporting-MTA: dns; mx.example.net\n\n"
        "Original-Recipient: rfc822;team@example.com\n"
        "Final-Recipient: x-local; |/usr/bin/deliver-team\n"
        "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: x-unix; permission denied\n"
    )
    report = interpret(
        REPORT.format(text="Delivery failed.", parts="--b\n" + status_part(fields)).encode()
    )
    [team] = report.recipients
    assert team.address == "team@example.com"
    assert team.extra_fields["Final-Recipient"] == "|/usr/bin/deliver-team"


def test_an_alias_expanded_by_postfix_is_the_address_the_sender_wrote():
    text = (
        "This is the mail system at host mx.example.net.\n\n"
        "<tess.real@example.com> (expanded from <tess@example.com>): host\n"
        "    mx.example.com[192.0.2.4] said: 550 5.1.1 User unknown (in reply to RCPT TO command)"
    )
    fields = (
        "Reporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: rfc822; tess.real@example.com\nAction: failed\nStatus: 5.1.1\n"
    )
    report = interpret(REPORT.format(text=text, parts="--b\n" + status_part(fields)).encode())
    [tess] = report.recipients
    assert (tess.address, tess.original_address) == ("tess.real@example.com", "tess@example.com")


def test_ses_json_folded_at_998_characters_is_still_read():
    document = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bouncedRecipients": [
                {
                    "emailAddress": "una@example.com",
                    "action": "failed",
                    "status": "5.1.1",
                    "diagnosticCode": "smtp; 550 5.1.1 user unknown " + "x" * 1200,
                }
            ],
        },
        "mail": {"messageId": "0100-abc", "commonHeaders": {"subject": "Invoice"}},
    }
    text = json.dumps(document)
    folded = "\n".join(text[i : i + 998] for i in range(0, len(text), 998))
    raw = message(
        "From: no-reply@sns.example.com\nTo: ops@example.org\nSubject: AWS Notification Message\n"
        "Content-Type: text/plain; charset=UTF-8",
        folded + "\n",
    )
    report = interpret(raw)
    assert report.format == "amazonses-json"
    [una] = report.recipients
    assert una.address == "una@example.com" and una.status == "5.1.1"
    assert una.diagnostic.endswith("x" * 1200)


@pytest.mark.parametrize(
    ("name", "address", "status", "category", "said"),
    [
        ("mdaemon_transcript_user_unknown.eml", "walt@example.net", "5.1.1", "user_unknown",
         "<-- 550 5.1.1 <walt@example.net>: Recipient address rejected"),
        ("communigate_mailbox_full.eml", "xena@example.net", "5.2.2", "mailbox_full",
         "550 5.2.2 Mailbox full"),
        ("hmailserver_blocklisted.eml", "yves@example.net", "5.7.1", "blocked",
         "blocked using zen.spamhaus.org"),
        ("exchange55_recipient_not_recognized.eml", "zack@corp.example.com", None,
         "user_unknown", "The recipient name is not recognized"),
        ("mercury_over_quota.eml", "amy@example.net", "4.2.2", "mailbox_full",
         "452 4.2.2 Over quota"),
    ],
)  # fmt: skip
def test_notices_of_mail_servers_no_family_reader_knows(name, address, status, category, said):
    report = interpret((FIXTURES / name).read_bytes())
    assert report.is_bounce
    [failed] = report.recipients
    assert (failed.address, failed.status, failed.category) == (address, status, category)
    assert said in failed.diagnostic
