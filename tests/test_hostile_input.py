"""Regression tests for the hostile inputs of issue 12, each built here from its description:
nothing raises, what is read stays within the limits and the report says when something was
cut, nothing from the bounce reaches an output unescaped, and a caller's rules are untrusted
input too. (Their cost in time and memory is measured by benchmarks/hostile_input.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixture_reading import FIXTURES

from bounceinterp import Limits, RuleError, explain, interpret, rewrite
from bounceinterp.classify import rulebook
from bounceinterp.cli import main
from bounceinterp.explanation import explanation_dict

FORMATS = ("text", "html", "markdown", "json")
DSN = (FIXTURES / "postfix_user_unknown.eml").read_bytes()
DELAY = (FIXTURES / "postfix_delayed.eml").read_bytes()


def with_fields(raw: bytes, *fields: bytes) -> bytes:
    """``raw`` with per-recipient fields added after its Final-Recipient line."""
    head, marker, rest = raw.partition(b"Final-Recipient:")
    line_end = rest.index(b"\n") + 1
    return head + marker + rest[:line_end] + b"".join(f + b"\n" for f in fields) + rest[line_end:]


def explained_everywhere(raw: bytes) -> None:
    report = interpret(raw)
    for lang in ("en", "fr", "ja", "ar"):
        for format in FORMATS:
            assert explain(report, lang=lang, format=format)
        json.dumps(explanation_dict(report, lang))


@pytest.mark.parametrize(
    ("source", "field"),
    [
        (DSN, b"Last-Attempt-Date: Fri, 31 Dec 9999 23:59:59 -1200"),
        (DELAY, b"Will-Retry-Until: Fri, 31 Dec 9999 23:59:59 -1200"),
        (DSN, b"Last-Attempt-Date: Mon, 1 Jan 0001 00:00:00 +1400"),
        (DELAY, b"Will-Retry-Until: 0001-01-01T00:00:00+14:00"),
    ],
)
def test_1_dates_at_the_edge_of_the_range_are_read_and_explained(source, field):
    raw = with_fields(source, field)
    explained_everywhere(raw)
    report = interpret(raw)
    assert [r.address for r in report.recipients] == [
        r.address for r in interpret(source).recipients
    ]


def test_2_a_notice_concatenated_with_itself_is_read_once_within_the_limits():
    one = (FIXTURES / "office365_recipient_not_found.eml").read_bytes()
    raw = one * 110
    report = interpret(raw)
    limits = Limits()
    assert len(report.technical_text or "") <= limits.max_message_bytes
    assert len(report.recipients) <= limits.max_recipients
    explained_everywhere(raw)


def test_3_a_boundary_line_repeated_thousands_of_times_makes_no_more_parts_than_the_limit():
    raw = (FIXTURES / "gmail_multi_recipient.eml").read_bytes()
    boundary_line = next(line for line in raw.split(b"\n") if line.startswith(b"--"))
    raw = raw.replace(boundary_line + b"\n", (boundary_line + b"\n") * 4001, 1)
    report = interpret(raw)
    assert any("MIME parts" in w for w in report.warnings)
    explained_everywhere(raw)


@pytest.mark.parametrize("where", ["top", "dsn"])
def test_4_megabytes_of_folded_header_lines_are_cut_to_the_longest_value_kept(where):
    folded = b"X-Long: start\n" + b"\tcontinued folded line of a very long header\n" * 25_000
    raw = folded + DSN if where == "top" else with_fields(DSN, folded.rstrip(b"\n"))
    report = interpret(raw)
    assert report.recipients
    limit = Limits().max_header_length
    values = [v for r in report.recipients for v in r.extra_fields.values()]
    values += list(report.extra_fields.values())
    assert all(len(v) <= limit for v in values)


def test_5_a_thousand_long_diagnostics_are_classified_within_the_rule_text_limit():
    groups = b"".join(
        b"\nFinal-Recipient: rfc822; user%d@example.net\nAction: failed\nStatus: 5.7.1\n"
        b"Diagnostic-Code: smtp; 550 5.7.1 uribl " % n + b"abcdefghij" * 200 + b"\n"
        for n in range(1000)
    )
    raw = DSN.replace(b"\nFinal-Recipient:", groups + b"\nFinal-Recipient:", 1)
    report = interpret(raw)
    assert len(report.recipients) == 1001
    assert all(r.category for r in report.recipients)
    assert any("classified by their codes only" in w for w in report.warnings)


def test_6_why_shows_terminal_escapes_instead_of_sending_them(tmp_path, capsys):
    hostile = with_fields(
        DSN.replace(b"Remote-MTA: dns;", b"Remote-MTA: dns; \x1b]0;owned\x07\x1b[2J", 1)
    ).replace(b"antoine.lemaire@example.net", b"ant\x1b[31moine@example.net")
    path = tmp_path / "hostile.eml"
    path.write_bytes(hostile)
    assert main(["explain", "--why", "--lang", "en", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out


@pytest.mark.parametrize("format", FORMATS)
def test_7_a_direction_override_is_shown_not_obeyed(format):
    raw = DSN.replace(b"Subject: ", b"Subject: invoice\xe2\x80\xaefdp.exe ", 1).replace(
        b"550 5.1.1", "550 5.1.1 \u202etxt.exe".encode(), 1
    )
    text = explain(interpret(raw), lang="en", format=format)
    assert "\u202e" not in text


def test_8_json_escapes_c1_controls():
    raw = DSN.replace(b"550 5.1.1", "550 5.1.1 \u009b2J".encode(), 1)
    text = explain(interpret(raw), lang="en", format="json")
    assert "\u009b" not in text and "\\u009b" in text
    assert any("\u009b" in (r["diagnostic"] or "") for r in json.loads(text)["recipients"])


@pytest.mark.parametrize(
    ("key", "value"), [("priority", ".inf"), ("priority", "1e400"), ("reply_code", ".inf")]
)
def test_9_an_infinite_number_in_a_rule_is_a_rule_error(tmp_path, key, value, capsys):
    match = f"reply_code: {value}" if key == "reply_code" else "keywords: [x]"
    priority = f"    priority: {value}\n" if key == "priority" else ""
    (tmp_path / "mine.yaml").write_text(
        "stage: phrase\nrules:\n  - id: mine/x\n    category: blocked\n    description: d\n"
        f"{priority}    match: {{{match}}}\n    examples: ['x']\n"
    )
    with pytest.raises(RuleError, match=key):
        rulebook.read_directory(tmp_path, origin=0)
    assert main(["rules", "check", str(tmp_path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_10_a_billion_laughs_rule_file_is_refused_at_once(tmp_path):
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\nrules: []\n")
    with pytest.raises(RuleError, match="not valid YAML"):
        rulebook.read_directory(tmp_path, origin=0)


def test_10_a_regex_that_would_expand_on_compiling_is_refused(tmp_path):
    (tmp_path / "bomb.yaml").write_text(
        "stage: phrase\nrules:\n  - id: mine/bomb\n    category: blocked\n    description: d\n"
        "    match: {keywords: [frobnicate], diagnostic: '(?:(?:x{1000}){1000}){100}frobnicate'}\n"
        "    examples: ['frobnicate']\n"
    )
    with pytest.raises(RuleError, match="regular expression"):
        rulebook.read_directory(tmp_path, origin=0)


def test_10_a_rule_file_over_the_size_cap_is_refused(tmp_path):
    (tmp_path / "big.yaml").write_text("rules: []\n# " + "x" * (1024 * 1024 + 10) + "\n")
    with pytest.raises(RuleError):
        rulebook.read_directory(tmp_path, origin=0)


def test_a_rewrite_of_any_of_these_keeps_the_mail(tmp_path):
    for raw in (
        with_fields(DSN, b"Last-Attempt-Date: Fri, 31 Dec 9999 23:59:59 -1200"),
        DSN.replace(b"Subject: ", b"Subject: \x1b[2J\xe2\x80\xae", 1),
        b"\x00\xff" * 1000,
    ):
        out = rewrite(raw, "fr")
        assert out == raw or len(out) > len(raw)


def test_the_limits_hold_for_a_message_larger_than_the_read_limit():
    raw = DSN + b"x" * (2 * 1024 * 1024)
    report = interpret(raw, limits=Limits(max_message_bytes=1024 * 1024))
    assert any("larger than" in w or "not read" in w for w in report.warnings)
    assert report.recipients


def test_fixtures_of_every_kind_survive_being_cut_anywhere():
    for path in sorted(Path(FIXTURES).glob("*.eml"))[:20]:
        raw = path.read_bytes()
        for cut in range(0, len(raw), max(len(raw) // 7, 1)):
            report = interpret(raw[:cut])
            explain(report, lang="de")
