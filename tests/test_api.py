"""The library's front door: what ``interpret`` accepts, what it refuses, and that it never
prints; the time budget, a last-resort net that says when it was used."""

from __future__ import annotations

import email
import logging
import mailbox
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_reading import FIXTURES

import bounceinterp
from bounceinterp import Limits, interpret

DSN = FIXTURES / "postfix_user_unknown.eml"


@pytest.mark.parametrize("value", [None, 12345, 1.5, ["a"], Path("x.eml")])
def test_what_is_not_a_message_is_a_type_error(value):
    with pytest.raises(TypeError):
        interpret(value)


def test_an_open_file_is_a_type_error_that_says_what_to_pass():
    with DSN.open("rb") as handle, pytest.raises(TypeError, match="bytes or str"):
        interpret(handle)


@pytest.mark.parametrize(
    "convert",
    [
        bytes,
        bytearray,
        memoryview,
        lambda raw: raw.decode("utf-8", "surrogateescape"),
        email.message_from_bytes,
        mailbox.mboxMessage,
    ],
)
def test_every_form_of_a_message_reads_the_same(convert):
    raw = DSN.read_bytes()
    expected = interpret(raw).to_dict()
    assert interpret(convert(raw)).to_dict() == expected


def test_the_library_logs_to_its_own_logger_and_never_prints():
    assert any(
        isinstance(h, logging.NullHandler) for h in logging.getLogger("bounceinterp").handlers
    )
    script = (
        "import bounceinterp, bounceinterp.api as api\n"
        "def broken(*a, **k): raise RuntimeError('boom')\n"
        "api.detect = broken\n"
        "r = bounceinterp.interpret(b'From: x\\n\\nhello')\n"
        "print(r.warnings)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert result.stderr == b""
    assert b"internal error: RuntimeError: boom" in result.stdout


def test_python_warnings_as_errors_import_cleanly():
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import bounceinterp; bounceinterp.interpret(b'')"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()


def test_a_spent_time_budget_leaves_the_rest_to_the_status_codes():
    raw = (FIXTURES / "gmail_multi_recipient.eml").read_bytes()
    full = interpret(raw)
    cut = interpret(raw, limits=Limits(time_budget=1e-9))
    assert [r.address for r in cut.recipients] == [r.address for r in full.recipients]
    assert any("time budget" in w for w in cut.warnings)
    assert not any("time budget" in w for w in full.warnings)
    assert all(r.category for r in cut.recipients)


def test_the_public_names_are_exported():
    for name in bounceinterp.__all__:
        assert getattr(bounceinterp, name) is not None
    with pytest.raises(AttributeError):
        bounceinterp.no_such_name  # noqa: B018
