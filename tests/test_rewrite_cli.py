"""``bounceinterp rewrite FILE|-``: the filter for delivery agents never loses a message."""

from __future__ import annotations

import subprocess
import sys

from fixture_reading import FIXTURES

from bounceinterp.rewrite import rewrite

BOUNCE = FIXTURES / "postfix_user_unknown.eml"


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "bounceinterp", "rewrite", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LANGUAGE": "en", **(env or {})},
    )


def test_a_bounce_file_comes_out_rewritten():
    result = run("--lang", "nl", str(BOUNCE))
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == rewrite(BOUNCE.read_bytes(), "nl")
    assert b"X-Bounce-Rewritten: bounceinterp" in result.stdout
    assert b"lang=nl" in result.stdout


def test_stdin_and_header_only():
    raw = BOUNCE.read_bytes()
    result = run("--header-only", "--lang", "pl", "-", stdin=raw)
    assert result.returncode == 0
    assert result.stdout == rewrite(raw, "pl", header_only=True)
    assert result.stdout.split(b"\n\n", 1)[1] == raw.split(b"\n\n", 1)[1]


def test_other_mail_comes_out_byte_for_byte():
    for name in ("plain_mail.eml", "newsletter.eml", "auto_reply.eml"):
        raw = (FIXTURES / name).read_bytes()
        result = run("-", stdin=raw)
        assert (result.returncode, result.stdout) == (0, raw), name


def test_a_message_over_the_size_limit_passes_whole_and_unchanged():
    raw = BOUNCE.read_bytes() * 40  # about 200 KB
    result = run("--max-message-bytes", "10000", "-", stdin=raw)
    assert (result.returncode, result.stdout) == (0, raw)


def test_unreadable_input_is_one_line_on_stderr_exit_1_and_nothing_on_stdout(tmp_path):
    for target in (tmp_path / "missing.eml", tmp_path):
        result = run(str(target))
        assert result.returncode == 1
        assert result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"bounceinterp: cannot read {target}")


def test_the_error_speaks_the_language_of_the_terminal(tmp_path):
    result = run(str(tmp_path / "missing.eml"), env={"LANGUAGE": "", "LANG": "de_DE.UTF-8"})
    assert result.returncode == 1
    assert result.stderr.decode().startswith(
        f"bounceinterp: {tmp_path / 'missing.eml'} kann nicht gelesen werden"
    )
