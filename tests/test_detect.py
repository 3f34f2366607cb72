"""Detection on evidence: what makes a message a bounce, a delay, a report or none of these."""

from __future__ import annotations

import pytest

from bounceinterp import interpret
from bounceinterp.detect import detect
from bounceinterp.parse import parse


def message(headers: str, body: str) -> bytes:
    return (headers.strip("\n") + "\n\n" + body.lstrip("\n")).encode()


GROUPWISE_LIKE = message(
    """
Return-Path: <>
From: Mailer-Daemon@gw.example.edu
To: paula@example.org
Subject: Message status - undeliverable
Date: Tue, 3 Nov 2026 09:12:00 -0500
""",
    """
The message that you sent was undeliverable to the following:

\tquentin@example.edu (user not found)
""",
)


def kinds(raw: bytes) -> tuple[str, list[str]]:
    evidence = detect(parse(raw))
    return evidence.kind, [s.name for s in evidence.signals]


def test_a_notice_no_family_knows_is_a_bounce_on_its_evidence():
    kind, signals = kinds(GROUPWISE_LIKE)
    assert kind == "failure"
    assert {"null_return_path", "mail_software_sender", "failure_subject"} <= set(signals)
    report = interpret(GROUPWISE_LIKE)
    assert report.is_bounce and report.format == "general"
    [quentin] = report.recipients
    assert quentin.address == "quentin@example.edu"
    assert quentin.diagnostic == "quentin@example.edu (user not found)"
    assert quentin.category == "user_unknown"
    assert ("failure_subject", "message status - undeliverable") in report.detection


@pytest.mark.parametrize(
    ("subject", "sentence"),
    [
        ("Non remis : Réunion", "Votre message n'a pas pu être distribué à rose@example.fr."),
        ("Unzustellbar: Termin", "Die Nachricht konnte nicht zugestellt werden: rose@example.de."),
        ("No se puede entregar: cita", "El mensaje no se pudo entregar a rose@example.es."),
        ("Non recapitabile: riunione", "Impossibile recapitare il messaggio a rose@example.it."),
        ("Não entregue: reunião", "A mensagem não pôde ser entregue a rose@example.pt."),
        ("Onbestelbaar: afspraak", "Het bericht kon niet worden bezorgd aan rose@example.nl."),
        ("Niedostarczona: spotkanie", "Wiadomość nie mogła zostać dostarczona do rose@example.pl."),
        ("Недоставленное сообщение", "Сообщение не может быть доставлено rose@example.ru."),
        ("配信エラー", "rose@example.jp 宛のメールは配信できませんでした。"),
        ("退信\uff1a会议", "邮件无法投递到 rose@example.cn。"),
    ],
)
def test_failure_wording_in_the_languages_the_rules_know(subject, sentence):
    raw = message(
        f"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nSubject: {subject}\n"
        "To: sam@example.org\nContent-Type: text/plain; charset=utf-8",
        sentence + "\n",
    )
    report = interpret(raw)
    assert report.is_bounce
    named = [w.strip(".。") for w in sentence.replace("。", " ").split() if "@" in w]
    assert [r.address for r in report.recipients] == named


def test_a_delay_notice_is_a_delay():
    raw = message(
        "Return-Path: <>\nFrom: MAILER-DAEMON@relay.example.net\nTo: sam@example.org\n"
        "Subject: Delivery delayed: Quarterly figures",
        """
This is a warning only: your message has not yet been delivered to

  tom@example.com

The server will keep trying for 4 more days.

Reason: 451 4.4.1 Connection timed out
""",
    )
    report = interpret(raw)
    assert report.kind == "delay"
    [tom] = report.recipients
    assert tom.action == "delayed" and tom.permanent is False


@pytest.mark.parametrize(
    "raw",
    [
        # a person forwarding a bounce by hand
        message(
            "From: Sam <sam@example.org>\nTo: help@example.org\n"
            "Subject: Fwd: Undelivered Mail Returned to Sender",
            """
Can you look at this? I keep getting it.

---------- Forwarded message ---------
From: Mail Delivery System <MAILER-DAEMON@smtp.example.org>
Subject: Undelivered Mail Returned to Sender

<tom@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1 User unknown
""",
        ),
        # a reply quoting a bounce on a mailing list
        message(
            "From: Ana <ana@example.net>\nTo: list@lists.example.org\n"
            "Subject: Re: Undelivered Mail Returned to Sender",
            "> <tom@example.com>: host mx.example.com said: 550 5.1.1 User unknown\n\n"
            "The list address bounced for me too.\n",
        ),
        # a quota warning to the mailbox's owner, from the mail system
        message(
            "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: sam@example.org\n"
            "Subject: Your mailbox\nAuto-Submitted: auto-replied",
            "The size of your mailbox has exceeded a warning threshold set by the administrator.\n",
        ),
        # ordinary mail that talks about bounces
        message(
            "From: Ana <ana@example.net>\nTo: sam@example.org\nSubject: Our newsletter",
            "Some of our mail could not be delivered last week; the mailbox was full.\n",
        ),
    ],
)
def test_what_is_not_a_bounce_stays_not_a_bounce(raw):
    report = interpret(raw)
    assert not report.is_bounce
    assert report.kind == "not_a_bounce"


def test_a_bounce_no_reader_can_name_a_recipient_of_is_still_a_bounce():
    raw = message(
        "Return-Path: <>\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.edu>\n"
        "To: sam@example.org\nSubject: Returned mail: see transcript for details\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        "<<< No Message Collected >>>\n",
    )
    report = interpret(raw)
    assert report.is_bounce and report.kind == "failure" and report.recipients == []


def test_a_sieve_rejection_written_as_a_disposition_notification_is_a_failure():
    raw = message(
        "Return-Path: <>\nFrom: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>\n"
        "To: <sam@example.net>\nSubject: Automatically rejected mail\n"
        "Auto-Submitted: auto-replied (rejected)\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"',
        """
--r
Content-Type: text/plain; charset=utf-8

Your message to <uma@example.org> was automatically rejected:
Not taking mail from you, sorry.

--r
Content-Type: message/disposition-notification

Reporting-UA: mail.example.org; Dovecot Mail Delivery Agent
Final-Recipient: rfc822; uma@example.org
Original-Message-ID: <abc@example.net>
Disposition: automatic-action/MDN-sent-automatically; deleted

--r--
""",
    )
    report = interpret(raw)
    assert report.is_bounce and report.format == "mdn"
    [uma] = report.recipients
    assert uma.address == "uma@example.org"
    assert "Not taking mail from you" in uma.diagnostic


def test_a_read_receipt_is_not_a_bounce():
    raw = message(
        "From: Uma <uma@example.org>\nTo: sam@example.net\nSubject: Read: Plans\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"',
        """
--r
Content-Type: text/plain

Your message was displayed.

--r
Content-Type: message/disposition-notification

Final-Recipient: rfc822; uma@example.org
Disposition: manual-action/MDN-sent-manually; displayed

--r--
""",
    )
    assert not interpret(raw).is_bounce


def test_ordinary_mail_costs_only_header_tests():
    raw = message("From: Ana <ana@example.net>\nTo: sam@example.org\nSubject: Hi", "Lunch?\n")
    evidence = detect(parse(raw))
    assert evidence.kind == "none"
    assert evidence.notice == ""  # the text was never read
