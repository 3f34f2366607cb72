"""Properties that hold for any input (hypothesis): nothing raises, the report is well formed
and within the limits, every explanation renders, a rewrite keeps the mail."""

from __future__ import annotations

import json

from fixture_reading import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from bounceinterp import Limits, explain, interpret, report_schema, rewrite
from bounceinterp.parse import parse
from bounceinterp.rewrite import _header_split

SEEDS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.eml"))]
LANGUAGES = ["en", "fr", "de", "ja", "ar", "ru", "zh_Hans", "pl", None]
FORMATS = ["text", "html", "markdown", "json"]
VALIDATOR = Draft202012Validator(report_schema())
PIECES = [
    b"\n", b"\r\n", b"--", b":", b";", b"=?utf-8?b?", b"?=", b"\x1b[2J", "\u202e".encode(),
    b"Content-Type: multipart/report; boundary=b\n", b"--b\n", b"Final-Recipient: rfc822; a@b\n",
    b"Status: 5.1.1\n", b"Action: failed\n", b"Diagnostic-Code: smtp; 550 5.7.1 x\n",
    b"Last-Attempt-Date: Fri, 31 Dec 9999 23:59:59 -1200\n", b"\x00", b"\xff\xfe",
]  # fmt: skip
SMALL = Limits(max_message_bytes=200_000, max_recipients=200, max_parts=60)
COMMON = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # deadline None: the time an input may take is the fuzzer's and the benchmarks' business


@st.composite
def mutated(draw) -> bytes:
    """A fixture with a few pieces inserted, deleted or repeated."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["insert", "delete", "repeat", "cut", "bytes"]))
        if how == "insert":
            data[at:at] = draw(st.sampled_from(PIECES))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 300))]
        elif how == "repeat":
            data[at:at] = bytes(data[at : at + draw(st.integers(1, 80))]) * draw(
                st.integers(2, 300)
            )
        elif how == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(max_size=64))
    return bytes(data)


messages = st.one_of(mutated(), st.binary(max_size=3000))


def _body(message: bytes) -> bytes:
    return message[_header_split(message) :]


@COMMON
@given(messages)
def test_any_message_reads_into_a_valid_report_within_the_limits(raw):
    report = interpret(raw, limits=SMALL)
    data = report.to_dict()
    assert list(VALIDATOR.iter_errors(json.loads(json.dumps(data)))) == []
    assert len(report.recipients) <= SMALL.max_recipients
    assert len(parse(raw, SMALL).parts()) <= SMALL.max_parts + 1


@COMMON
@given(messages, st.sampled_from(LANGUAGES), st.sampled_from(FORMATS), st.booleans())
def test_any_report_explains_in_every_language_and_format(raw, lang, format, why):
    text = explain(interpret(raw), lang=lang, format=format, why=why)
    assert text and "\x1b" not in text and "\u202e" not in text


@COMMON
@given(messages, st.sampled_from(LANGUAGES), st.booleans())
def test_a_rewrite_keeps_the_mail_and_is_done_once(raw, lang, header_only):
    out = rewrite(raw, lang, header_only=header_only)
    if out == raw:
        return
    assert len(out) > len(raw) - 4096  # only headers change or the explanation is added
    again = rewrite(out, lang, header_only=header_only)
    # Done once: a second rewrite adds no explanation and leaves the body alone. Its X-Bounce-*
    # headers are derived again (a forged set cannot survive); for a message the parser had to
    # repair, what it derives may differ (test_rewrite checks byte identity on real bounces).
    assert _body(again) == _body(out)
    theirs = set(raw.split(b"\n\n", 1)[0].split(b"\n"))
    ours = [line for line in out.split(b"\n\n", 1)[0].split(b"\n") if line not in theirs]
    assert all(len(line) <= 998 for line in ours)  # the header lines the rewrite wrote
