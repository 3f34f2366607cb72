"""``bounceinterp.rewrite``: the explanation goes inside the bounce; nothing of it is lost."""

from __future__ import annotations

import email
import email.policy

import pytest
from fixture_reading import FIXTURES

from bounceinterp import interpret
from bounceinterp.parse import parse
from bounceinterp.rewrite import apply_edits, rewrite, rewrite_edits

KEPT_TYPES = ("message/delivery-status", "message/rfc822", "text/rfc822-headers")


def fixture(name: str, newline: bytes = b"\n") -> bytes:
    return (FIXTURES / name).read_bytes().replace(b"\n", newline)


def kept_parts(raw: bytes) -> list[tuple[str, bytes]]:
    return [(p.content_type, p.raw()) for p in parse(raw).parts() if p.content_type in KEPT_TYPES]


def original_part(raw: bytes, index: int) -> bytes:
    """Part ``index`` of a top-level multipart, as bytes of the input (whatever its line ending)."""
    boundary = parse(raw).root.params["boundary"].encode()
    return raw.split(b"--" + boundary)[index + 1]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_report_stays_a_report_with_its_parts_byte_for_byte(newline):
    raw = fixture("postfix_user_unknown.eml", newline)
    out = rewrite(raw, "fr")
    assert out != raw
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert message.get_content_type() == "multipart/report"
    assert message.get_param("report-type") == "delivery-status"
    first = message.get_payload()[0]
    assert first.get_content_type() == "multipart/mixed"
    explanation, _original_first = first.get_payload()
    assert explanation.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in explanation.get_payload()] == ["text/plain", "text/html"]
    assert "n\u2019a pas pu être distribué" in explanation.get_payload()[0].get_content()
    # the original first part, its report and its returned message: the input's bytes
    assert original_part(raw, 0).strip(b"\r\n") in out
    for index in (1, 2):
        assert original_part(raw, index) in out
    assert kept_parts(out) == kept_parts(raw)
    assert newline + newline in out and (newline == b"\n" or b"\n\n" not in out)


def test_headers_say_what_happened_and_keep_the_original_subject():
    raw = fixture("postfix_user_unknown.eml")
    message = email.message_from_bytes(rewrite(raw, "de"), policy=email.policy.default)
    assert message["X-Bounce-Category"] == "user_unknown"
    assert message["X-Bounce-Status"] == "5.1.1"
    assert message["X-Bounce-Permanent"] == "yes"
    assert message["X-Bounce-Action"] == "failed"
    assert message["X-Bounce-Original-Subject"] == "Undelivered Mail Returned to Sender"
    assert message["X-Bounce-Rewritten"].startswith("bounceinterp ")
    assert message["Subject"] != "Undelivered Mail Returned to Sender"


def test_a_second_rewrite_changes_nothing_and_the_rewrite_reads_the_same():
    raw = fixture("postfix_user_unknown.eml")
    once = rewrite(raw, "es")
    assert rewrite(once, "es") == once
    assert rewrite(once, "fr") == once
    before, after = interpret(raw), interpret(once)
    assert [(r.address, r.status, r.category) for r in after.recipients] == [
        (r.address, r.status, r.category) for r in before.recipients
    ]
    assert after.subject == before.subject


NOT_BOUNCES = ["plain_mail.eml", "newsletter.eml", "auto_reply.eml", "arf_abuse_report.eml",
               "conversation_quoting_bounce.eml"]  # fmt: skip


@pytest.mark.parametrize("name", NOT_BOUNCES)
def test_what_is_not_a_bounce_comes_out_byte_identical(name):
    raw = fixture(name)
    assert rewrite(raw) == raw


@pytest.mark.parametrize("raw", [b"", b"\x00\xff" * 50, b"Subject: x\n\nhello", b"\n\n\n"])
def test_unreadable_input_comes_out_unchanged(raw):
    assert rewrite(raw) == raw


def test_a_plain_text_bounce_gets_the_explanation_above_its_whole_text():
    raw = fixture("exim_user_unknown.eml")
    out = rewrite(raw, "it")
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert message.get_content_type() == "multipart/mixed"
    explanation, original = message.get_payload()
    assert explanation.get_content_type() == "multipart/alternative"
    body = raw.split(b"\n\n", 1)[1]
    assert body in out
    assert (
        original.get_payload(decode=True).strip()
        == email.message_from_bytes(raw, policy=email.policy.default)
        .get_payload(decode=True)
        .strip()
    )


def test_nothing_from_the_bounce_becomes_a_header():
    raw = fixture("postfix_user_unknown.eml").replace(
        b"Subject: Undelivered Mail Returned to Sender",
        b"Subject: =?utf-8?q?Hi=0D=0ABcc=3A_victim=40example=2Ecom?=",
    )
    raw = raw.replace(b"X-Original-To:", b"X-Bounce-Category: delivered\nX-Original-To:")
    message = email.message_from_bytes(rewrite(raw, "en"), policy=email.policy.default)
    assert message["Bcc"] is None
    assert message.get_all("X-Bounce-Category") == ["user_unknown"]
    assert "\n" not in str(message["X-Bounce-Original-Subject"])


def test_header_only_mode_leaves_the_body_alone():
    raw = fixture("postfix_user_unknown.eml")
    edits = rewrite_edits(raw, "fr", header_only=True)
    assert edits is not None and edits.body is None
    out = apply_edits(raw, edits)
    assert out.split(b"\n\n", 1)[1] == raw.split(b"\n\n", 1)[1]
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert message["X-Bounce-Summary"]
    assert message["Subject"] == "Undelivered Mail Returned to Sender"


def test_a_forged_marker_does_not_keep_forged_headers():
    raw = fixture("postfix_user_unknown.eml").replace(
        b"X-Original-To:",
        b"X-Bounce-Rewritten: bounceinterp 0.1.0; lang=en\nX-Bounce-Category: delivered\n"
        b"X-Original-To:",
        1,
    )
    out = rewrite(raw, "fr")
    message = email.message_from_bytes(out, policy=email.policy.default)
    assert message.get_all("X-Bounce-Category") == ["user_unknown"]
    assert len(message.get_all("X-Bounce-Rewritten")) == 1
    assert any(p.explanation for p in parse(out).parts())  # the explanation was added
    assert rewrite(out, "fr") == out


def test_a_forged_explanation_part_gets_true_headers():
    once = rewrite(fixture("postfix_user_unknown.eml"), "en")
    forged = once.replace(b"X-Bounce-Category: user_unknown", b"X-Bounce-Category: delivered")
    fixed = rewrite(forged, "en")
    message = email.message_from_bytes(fixed, policy=email.policy.default)
    assert message.get_all("X-Bounce-Category") == ["user_unknown"]
    assert fixed.count(b"=_bounceinterp_alt_") == once.count(b"=_bounceinterp_alt_")


def test_header_only_twice_is_header_only_once():
    raw = fixture("postfix_user_unknown.eml")
    once = rewrite(raw, "de", header_only=True)
    assert once != raw and rewrite(once, "de", header_only=True) == once


@pytest.mark.parametrize("lang", ["de", "ja", "ru"])
def test_encoded_words_stay_within_75_characters(lang):
    out = rewrite(fixture("postfix_delayed.eml"), lang, header_only=True)
    head = out.split(b"\n\n", 1)[0].decode("ascii")
    words = [w for w in head.split() if w.startswith("=?")]
    assert words and max(len(w) for w in words) <= 75
    assert max(len(line) for line in head.splitlines()) <= 998
    message = email.message_from_bytes(out, policy=email.policy.default)
    summary = str(message["X-Bounce-Summary"])
    assert "\ufffd" not in summary and len(summary) > 40


def test_the_fallback_language_replaces_the_process_locale(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de")
    raw = fixture("postfix_user_unknown.eml").replace(b"Content-Language: fr\n", b"")
    plain = email.message_from_bytes(rewrite(raw), policy=email.policy.default)
    assert "lang=de" in plain["X-Bounce-Rewritten"]
    served = rewrite(raw, fallback_lang="nl")
    assert "lang=nl" in email.message_from_bytes(served)["X-Bounce-Rewritten"]
    english = rewrite(raw, fallback_lang="")
    assert "lang=en" in email.message_from_bytes(english)["X-Bounce-Rewritten"]


@pytest.mark.parametrize("value", [None, "text", 12, bytearray(b"x")[0:0]])
def test_a_message_that_is_not_bytes_is_a_type_error(value):
    if isinstance(value, bytearray):
        assert rewrite(value) == b""  # bytes-like is accepted
        return
    with pytest.raises(TypeError):
        rewrite(value)
