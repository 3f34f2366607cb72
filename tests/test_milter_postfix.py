"""The milter inside a real Postfix (Debian's package): a private instance per test run
(tests/postfix/instance.py), SMTP on a loopback port, Maildir delivery, the milter on a unix
socket for smtpd (mail from other servers) and cleanup (bounces Postfix writes itself).

Runs when /usr/sbin/postfix exists; with BOUNCEINTERP_REQUIRE_POSTFIX=1 (CI) a missing
Postfix is a failure, not a skip.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import smtplib
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from milter_client import MilterProcess
from milter_messages import fixture_crlf, ordinary_mail
from postfix.instance import (
    DOMAIN,
    UNREACHABLE,
    PostfixInstance,
    postfix_available,
    without_delivery_fields,
)

from bounceinterp import explain, interpret
from bounceinterp.parse import parse
from bounceinterp.rewrite import apply_edits, rewrite_edits

LANG_MAP = f"""\
alice@{DOMAIN}   de
dave@{DOMAIN}    es
@{DOMAIN}        nl
"""
KEPT_TYPES = ("message/delivery-status", "message/rfc822", "text/rfc822-headers")


class Milter:
    """The milter of the instance, which tests may stop or kill and the next test gets back."""

    def __init__(self, folder: Path) -> None:
        self.socket = str(folder / "run" / "milter.sock")
        self.map = folder / "langs"
        self.map.write_text(LANG_MAP)
        self.process: MilterProcess | None = None

    def running(self) -> MilterProcess:
        if self.process is None or self.process.process.poll() is not None:
            self.process = MilterProcess(self.socket, "--lang-map", str(self.map))
        return self.process

    def stop(self) -> None:
        if self.process is not None and self.process.process.poll() is None:
            assert self.process.stop() == 0
        self.process = None


@pytest.fixture(scope="module")
def folder():
    if not postfix_available():
        if os.environ.get("BOUNCEINTERP_REQUIRE_POSTFIX") == "1":
            pytest.fail("BOUNCEINTERP_REQUIRE_POSTFIX=1 but /usr/sbin/postfix is not installed")
        pytest.skip("Postfix is not installed (/usr/sbin/postfix)")
    path = Path(tempfile.mkdtemp(prefix="bi-pf-"))  # short: unix socket paths are limited
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def milter(folder):
    holder = Milter(folder)
    yield holder
    holder.stop()


@pytest.fixture(scope="module")
def mta(folder, milter):
    instance = PostfixInstance(milter.socket, base=str(folder))
    instance.setup()
    milter.running()
    instance.start()
    yield instance
    instance.stop()


def token() -> str:
    return uuid.uuid4().hex


def send(mta: PostfixInstance, sender: str, recipient: str, raw: bytes) -> str:
    """Send ``raw`` over SMTP; the queue id Postfix gave it."""
    with smtplib.SMTP("127.0.0.1", mta.port, timeout=30) as smtp:
        smtp.ehlo("sender.example.net")
        smtp.mail(sender)
        code, reply = smtp.rcpt(recipient)
        assert code == 250, reply
        code, reply = smtp.data(raw)
        assert code == 250, reply
    return reply.decode().rsplit(" ", 1)[1]


def as_sent(raw: bytes, old: bytes, tag: str) -> bytes:
    """``raw`` as a server would send it: with its own Message-Id replaced by one carrying
    ``tag`` (so that the test finds its delivery), without the Return-Path of a delivered copy
    (Postfix drops that header from incoming mail: message_drop_headers)."""
    first, rest = raw.split(b"\r\n", 1)
    assert old in raw and first.lower() == b"return-path: <>"
    return rest.replace(old, f"<{tag}@example.org>".encode(), 1)


def lf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n")


def kept_parts(raw: bytes) -> list[tuple[str, bytes]]:
    return [(p.content_type, p.raw()) for p in parse(raw).parts() if p.content_type in KEPT_TYPES]


def read(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def explanation_text(message: email.message.EmailMessage) -> str:
    parts = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    return parts[0].get_content()


def title(delivered: bytes, lang: str) -> str:
    """The first line of the library's own explanation of ``delivered`` in ``lang``."""
    return explain(interpret(delivered), lang=lang).splitlines()[0]


def test_a_bounce_from_another_server_arrives_rewritten_in_the_recipients_language(mta, milter):
    tag = token()
    raw = as_sent(
        fixture_crlf("postfix_user_unknown.eml"),
        b"<20261124094127.7B2E41A0C44@smtp.example.org>",
        tag,
    )
    raw = raw.replace(b"X-Original-To:", b"X-Bounce-Category: forged\r\nX-Original-To:", 1)
    queue_id = send(mta, "", f"alice@{DOMAIN}", raw)
    [path] = mta.wait_for("alice", tag.encode())
    delivered = path.read_bytes()
    message = read(path)

    edits = rewrite_edits(raw, "de")  # alice reads German (the bounce itself hints French)
    assert edits is not None and edits.body is not None
    assert without_delivery_fields(delivered).split(b"\n\n", 1)[1] == lf(edits.body)
    assert message.get_content_type() == "multipart/report"
    assert message.get_param("report-type") == "delivery-status"
    assert kept_parts(delivered) == kept_parts(lf(raw))  # report and returned message
    assert message.get_all("X-Bounce-Category") == ["user_unknown"]
    assert message["X-Bounce-Status"] == "5.1.1"
    assert message["X-Bounce-Rewritten"].endswith("lang=de")
    assert message["X-Bounce-Original-Subject"] == "Undelivered Mail Returned to Sender"
    assert title(delivered, "de") in explanation_text(message)
    assert message["Subject"] == explain_subject(raw, "de")
    log = milter.running().wait_log(f"queue={queue_id}")
    assert "action=rewritten category=user_unknown lang=de" in log[0]


def test_a_plain_text_bounce_arrives_wrapped_with_its_mime_headers_replaced(mta):
    tag = token()
    raw = as_sent(
        fixture_crlf("exim_user_unknown.eml"), b"<E1rXyZa-0004Qe-2b@smtp.example.net>", tag
    )
    send(mta, "", f"bob@{DOMAIN}", raw)  # bob: the @domain entry, Dutch
    [path] = mta.wait_for("bob", tag.encode())
    edits = rewrite_edits(raw, "nl")
    assert edits is not None and edits.body is not None
    expected = email.message_from_bytes(lf(apply_edits(raw, edits)), policy=email.policy.default)
    delivered = without_delivery_fields(path.read_bytes())
    message = email.message_from_bytes(delivered, policy=email.policy.default)
    assert delivered.split(b"\n\n", 1)[1] == lf(edits.body)
    assert [(n, str(v)) for n, v in message.items()] == [(n, str(v)) for n, v in expected.items()]
    assert message.get_content_type() == "multipart/mixed"
    assert message["Content-Transfer-Encoding"] is None  # moved into the original's part
    assert message["X-Bounce-Rewritten"].endswith("lang=nl")


def explain_subject(raw: bytes, lang: str) -> str:
    edits = rewrite_edits(raw, lang)
    assert edits is not None
    encoded = dict(edits.change)["Subject"]
    return str(email.message_from_bytes(b"Subject: " + encoded.encode() + b"\n\n",
                                        policy=email.policy.default)["Subject"])  # fmt: skip


def test_the_delay_warning_and_bounce_postfix_writes_itself_arrive_rewritten(mta):
    tag = token()
    original = (
        f"From: Dave <dave@{DOMAIN}>\nTo: zoe@{UNREACHABLE}\nSubject: Presupuesto 2027\n"
        f"Date: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <{tag}@{DOMAIN}>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nHola Zoe.\n"
    ).encode()
    mta.sendmail(f"dave@{DOMAIN}", [f"zoe@{UNREACHABLE}"], original)
    paths = mta.wait_for("dave", tag.encode(), count=2, timeout=90, flush_every=5)
    by_action = {read(path)["X-Bounce-Action"]: path for path in paths}
    assert set(by_action) == {"delayed", "failed"}
    for action, path in by_action.items():
        message = read(path)
        delivered = path.read_bytes()
        assert message["From"].addresses[0].addr_spec == f"MAILER-DAEMON@mx.{DOMAIN}"
        assert message.get_content_type() == "multipart/report"
        assert message["X-Bounce-Rewritten"].endswith("lang=es")
        assert message["X-Bounce-Status"] == "4.4.1"
        first = message.get_payload()[0]
        assert first.get_content_type() == "multipart/mixed"
        assert first.get_payload()[0].get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in message.get_payload()[1:]] == [
            "message/delivery-status",
            "message/rfc822" if action == "failed" else "text/rfc822-headers",
        ]
        assert title(delivered, "es") in explanation_text(message)
        report = interpret(delivered)
        assert report.kind == ("delay" if action == "delayed" else "failure")
        assert [r.address for r in report.recipients] == [f"zoe@{UNREACHABLE}"]


def test_with_the_milter_stopped_a_bounce_arrives_unchanged(mta, milter):
    milter.stop()
    try:
        tag = token()
        raw = as_sent(
            fixture_crlf("postfix_user_unknown.eml"),
            b"<20261124094127.7B2E41A0C44@smtp.example.org>",
            tag,
        )
        send(mta, "", f"erin@{DOMAIN}", raw)
        [path] = mta.wait_for("erin", tag.encode())
        assert without_delivery_fields(path.read_bytes()) == lf(raw)
        assert f"warning: connect to Milter service unix:{milter.socket}" in mta.log()
    finally:
        milter.running()


def test_with_the_milter_killed_mid_message_the_bounce_arrives_unchanged(mta, milter):
    process = milter.running()
    tag = token()
    raw = as_sent(
        fixture_crlf("exim_mailbox_full.eml"),
        b"<E1vNdKv-003Fq2-0b@mail.example.de>",
        tag,
    )
    replies: list[tuple[int, bytes]] = []
    with smtplib.SMTP("127.0.0.1", mta.port, timeout=60) as smtp:
        smtp.ehlo("sender.example.net")
        smtp.mail("")  # the milter has the message in hand from here on
        smtp.rcpt(f"frank@{DOMAIN}")
        process.process.send_signal(signal.SIGSTOP)  # it hangs: Postfix waits on it ...
        sender = threading.Thread(target=lambda: replies.append(smtp.data(raw)))
        sender.start()
        time.sleep(0.3)  # ... while it sends the headers
        process.kill()  # and then it dies
        sender.join(60)
    assert replies and replies[0][0] == 250
    [path] = mta.wait_for("frank", tag.encode())
    assert without_delivery_fields(path.read_bytes()) == lf(raw)
    assert f"warning: milter unix:{milter.socket}: can't read" in mta.log()
    milter.running()


def test_an_ordinary_message_passes_byte_for_byte(mta, milter):
    tag = token()
    raw = ordinary_mail(tag)
    queue_id = send(mta, "sophie.lambert@example.net", f"carol@{DOMAIN}", raw)
    [path] = mta.wait_for("carol", tag.encode())
    assert without_delivery_fields(path.read_bytes()) == lf(raw)
    assert "action=skipped" in milter.running().wait_log(f"queue={queue_id}")[0]
