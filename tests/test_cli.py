"""The command line: output shapes, errors on bad input, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bounceinterp.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
DSN = FIXTURES / "postfix_user_unknown.eml"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bounceinterp", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_json_for_one_file():
    result = run_cli("explain", "--format", "json", str(DSN))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["is_bounce"] is True
    assert data["recipients"][0]["status"] == "5.1.1"


def test_json_lines_for_several_files_in_order_with_an_error_line(tmp_path):
    missing = tmp_path / "nope.eml"
    plain = FIXTURES / "plain_mail.eml"
    result = run_cli("explain", "--format", "json", str(DSN), str(missing), str(plain))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert first["file"] == str(DSN) and first["is_bounce"] is True
    assert second["file"] == str(missing) and "error" in second
    assert third["kind"] == "not_a_bounce"
    stderr = result.stderr.decode()
    assert "nope.eml" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_stdin():
    result = run_cli("explain", "--format", "json", "-", stdin=DSN.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["recipients"][0]["address"]


def test_an_mbox_with_two_bounces_gives_two_reports(tmp_path):
    from report_samples import bounce, day, mailbox_full, mbox, user_unknown

    box = mbox(
        tmp_path / "box.mbox",
        [bounce("a@example.net", user_unknown(), day(3)),
         bounce("b@example.com", mailbox_full(), day(4))],
    )  # fmt: skip
    result = run_cli("explain", "--format", "json", str(box))
    assert result.returncode == 0 and result.stderr == b""
    first, second = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert first["file"] == f"{box}#1" and first["recipients"][0]["category"] == "user_unknown"
    assert second["file"] == f"{box}#2" and second["recipients"][0]["category"] == "mailbox_full"
    text = run_cli("explain", "--lang", "en", str(box)).stdout.decode()
    assert f"==> {box}#1 <==" in text and f"==> {box}#2 <==" in text
    one = run_cli("explain", "--format", "json", f"{box}#2")  # a label given back
    assert json.loads(one.stdout)["file"] == f"{box}#2"


def test_an_mbox_on_stdin(tmp_path):
    from report_samples import mbox

    box = mbox(tmp_path / "box", [DSN.read_bytes(), (FIXTURES / "plain_mail.eml").read_bytes()])
    result = run_cli("explain", "--format", "json", "-", stdin=box.read_bytes())
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.decode().splitlines())
    assert (first["file"], first["is_bounce"]) == ("-#1", True)
    assert (second["file"], second["kind"]) == ("-#2", "not_a_bounce")


def test_a_directory_is_explained_message_by_message_with_an_error_line_for_a_broken_one(
    tmp_path,
):
    (tmp_path / "a.eml").write_bytes(DSN.read_bytes())
    (tmp_path / "b.eml").symlink_to(tmp_path / "nowhere.eml")
    (tmp_path / "c.eml").write_bytes((FIXTURES / "plain_mail.eml").read_bytes())
    result = run_cli("explain", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["file"] for line in lines] == [str(tmp_path / n) for n in ("a.eml", "b.eml",
                                                                              "c.eml")]  # fmt: skip
    assert "error" in lines[1] and lines[0]["is_bounce"] and lines[2]["kind"] == "not_a_bounce"
    stderr = result.stderr.decode()
    assert stderr.strip().splitlines() == [
        f"bounceinterp: cannot read {tmp_path / 'b.eml'}: No such file or directory"
    ]


def test_an_empty_directory_explains_nothing(tmp_path):
    result = run_cli("explain", str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as exit_info:
        main(["explain"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2


def test_binary_garbage_is_read_without_error(tmp_path):
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(bytes(range(256)) * 40)
    result = run_cli("explain", "--format", "json", str(garbage))
    assert result.returncode == 0
    assert json.loads(result.stdout)["is_bounce"] is False


def test_a_failure_while_explaining_one_file_is_one_line_and_the_next_file_goes_on(
    monkeypatch, capsys
):
    import bounceinterp.explanation as explanation

    calls = []

    def explain_once_then_fail(result, lang=None, format="text", **options):
        calls.append(result)
        if len(calls) == 1:
            raise RuntimeError("renderer bug")
        return "explained\n"

    monkeypatch.setattr(explanation, "explain", explain_once_then_fail)
    status = main(["explain", str(DSN), str(DSN)])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.strip().splitlines() == [f"bounceinterp: cannot explain {DSN}: renderer bug"]
    assert "explained" in out and "Traceback" not in err


@pytest.mark.parametrize("output", ["json", "text"])
def test_a_lone_surrogate_in_an_address_is_printed_escaped(monkeypatch, capsys, output):
    from bounceinterp.model import Interpretation, RecipientStatus

    def read_badly(raw, rules=None, **options):  # undecodable bytes of a malformed address
        recipient = RecipientStatus(address="p\udcffat@example.com", action="failed")
        return Interpretation(kind="failure", recipients=[recipient])

    monkeypatch.setattr("bounceinterp.api.interpret", read_badly)
    assert main(["explain", "--format", output, str(DSN)]) == 0
    out, err = capsys.readouterr()
    assert "p\\udcffat@example.com" in out
    assert "Traceback" not in err
    if output == "json":
        assert json.loads(out)["recipients"][0]["address"] == "p\udcffat@example.com"


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    fixtures = sorted(FIXTURES.glob("*.eml"))
    for index in range(80):  # more than two chunks of messages
        source = fixtures[index % len(fixtures)]
        (tmp_path / f"{index:03}.eml").write_bytes(source.read_bytes())
    (tmp_path / "040.eml").unlink()
    (tmp_path / "040.eml").symlink_to(tmp_path / "missing.eml")
    one = run_cli("explain", "--format", "json", "--jobs", "1", str(tmp_path))
    two = run_cli("explain", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    labels = [json.loads(line)["file"] for line in two.stdout.decode().splitlines()]
    assert labels == [str(path) for path in sorted(tmp_path.iterdir())]
