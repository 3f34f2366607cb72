"""The command line when its surroundings fail: output that cannot be written, input without an
end, Ctrl-C at any moment, limits given as flags. One line on stderr, a documented exit code,
never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import bounceinterp

FIXTURES = Path(__file__).parent / "fixtures"
DSN = FIXTURES / "postfix_user_unknown.eml"
SEVERAL = FIXTURES / "gmail_multi_recipient.eml"
COMMAND = [sys.executable, "-m", "bounceinterp"]


def run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, check=False, timeout=60, **options
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["explain"], ["explain", "--format", "json"], ["rewrite"]])
def test_a_full_disk_is_one_line_and_exit_code_3(command):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, *command, str(DSN)], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert result.returncode == 3
    lines = result.stderr.decode().splitlines()
    assert lines == ["bounceinterp: cannot write the output: No space left on device"]


def test_a_closed_standard_output_is_said_and_not_silent():
    result = subprocess.run(
        [*COMMAND, "explain", str(DSN)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 3
    assert result.stderr.decode().startswith("bounceinterp: cannot write the output: ")
    assert "Traceback" not in result.stderr.decode()


def test_a_reader_that_goes_away_is_a_broken_pipe_not_a_traceback():
    many = [str(DSN)] * 400  # far more than a pipe buffer holds
    process = subprocess.Popen(
        [*COMMAND, "explain", *many], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        process.stdout.read(100)
        process.stdout.close()
        error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 3
    assert error.splitlines() == ["bounceinterp: cannot write the output: Broken pipe"]


def test_standard_input_without_an_end_is_read_up_to_the_limit():
    with open("/dev/zero", "rb") as endless:
        result = subprocess.run(
            [*COMMAND, "explain", "--format", "json", "--max-message-bytes", "200000", "-"],
            stdin=endless,
            capture_output=True,
            timeout=60,
        )
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["is_bounce"] is False
    assert any("larger than 200000 bytes" in warning for warning in report["warnings"])


def reading_standard_input(pid: int, timeout: float = 30) -> bool:
    """Wait until the process is blocked reading its standard input (Linux: the system call
    it is in is read(0, ...)); False where that cannot be seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            call = Path(f"/proc/{pid}/syscall").read_text().split()
        except OSError:
            return False
        if call[:2] == ["0", "0x0"] and os.uname().machine == "x86_64":
            return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize("moment", ["at once", "while loading", "while reading"])
def test_ctrl_c_at_any_moment_exits_130_quietly(moment):
    # Waiting on standard input that never ends: Ctrl-C lands during start-up, or once the
    # command is blocked reading (seen in /proc, so that a busy machine changes nothing).
    process = subprocess.Popen(
        [*COMMAND, "explain", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if moment == "while loading":
        time.sleep(0.05)
    elif moment == "while reading" and not reading_standard_input(process.pid):
        time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    if moment == "while reading":
        assert process.returncode == 130, err.decode()
        assert err == b""
        return
    # Before the interpreter handles signals, the signal ends it, as any program. In the first
    # milliseconds of CPython's own start-up (site, runpy) no line of this project has run
    # yet and CPython reports the interruption itself; from bounceinterp's first line on, the
    # answer is a quiet 130.
    if not err:
        assert process.returncode in (130, -signal.SIGINT)
        return
    # CPython's own words: its traceback, or "Fatal Python error: init_import_site" (exit 1)
    assert process.returncode in (130, -signal.SIGINT, 1), err.decode()
    assert b"KeyboardInterrupt\n" in err, err.decode()
    assert str(Path(bounceinterp.__file__).parent).encode() not in err, err.decode()


def test_limits_are_flags():
    result = run("explain", "--format", "json", "--max-recipients", "1", str(SEVERAL))
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert len(report["recipients"]) == 1
    assert report["warnings"]


@pytest.mark.parametrize("value", ["0", "-3", "lots", "inf", "nan"])
def test_a_limit_that_is_not_a_positive_number_is_a_usage_error(value):
    result = run("explain", "--time-budget", value, str(DSN))
    assert result.returncode == 2
    assert f"{value} is not a positive number" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_help_ends_with_examples_and_exit_codes():
    result = run("--help", env={**os.environ, "LC_ALL": "C.UTF-8"})
    text = result.stdout.decode()
    assert result.returncode == 0
    assert "bounceinterp explain message.eml" in text
    assert "130  interrupted (Ctrl-C)" in text
    assert "  3  the output could not be written" in text


def test_json_escapes_c1_controls_and_direction_characters_and_keeps_them(tmp_path):
    hostile = "550 5.1.1 \u009b2J invoice\u202efdp.exe \u2066x\u2069"
    bounce = tmp_path / "hostile.eml"
    bounce.write_bytes(
        DSN.read_bytes()
        .replace(b"550 5.1.1", hostile.encode("utf-8"), 1)
        .replace(
            b"Content-Type: message/delivery-status",
            b"Content-Type: message/delivery-status; charset=utf-8",
        )
    )
    result = run("explain", "--format", "json", "--lang", "en", str(bounce))
    assert result.returncode == 0
    for raw in ("\u009b", "\u202e", "\u2066", "\u2069"):
        assert raw.encode("utf-8") not in result.stdout
    assert b"\\u009b" in result.stdout and b"\\u202e" in result.stdout
    report = json.loads(result.stdout)
    diagnostics = [r["diagnostic"] or "" for r in report["recipients"]]
    assert any("invoice\u202efdp.exe" in d for d in diagnostics)
    assert "\u202e" not in report["explanation"]["text"]
