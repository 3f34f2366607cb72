"""Mailboxes as input: every message of files, directories, Maildir folders, mbox files and
stdin found exactly once, in a stable order, read-only, and never one skipped silently."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import random
from pathlib import Path

import pytest
from report_samples import bounce, day, mailbox_full, maildir, mbox, pbl, user_unknown

from bounceinterp import messages
from bounceinterp.mailbox import is_maildir

FIXTURES = Path(__file__).parent / "fixtures"
DSN = (FIXTURES / "postfix_user_unknown.eml").read_bytes()
PLAIN = (FIXTURES / "plain_mail.eml").read_bytes()
AUTO_REPLY = (FIXTURES / "auto_reply.eml").read_bytes()


def read(*paths, **options) -> list[tuple[str, bytes | None, str | None]]:
    return [(m.label, m.raw, m.error) for m in messages(list(map(str, paths)), **options)]


def three_bounces() -> list[bytes]:
    return [
        bounce("a@example.net", user_unknown(), day(3)),
        bounce("b@example.com", mailbox_full(), day(4)),
        bounce("c@example.de", pbl(), day(5)),
    ]


def test_a_mixed_tree_gives_every_message_exactly_once_in_a_stable_order(tmp_path: Path):
    first, second, third = three_bounces()
    tree = tmp_path / "mail"
    box = maildir(tree / "Maildir", cur=[first, second], new=[third])
    (box / "tmp" / "1795600000.M9P1.mail").write_bytes(DSN)  # being delivered: not mail yet
    (box / "dovecot-uidlist").write_text("3 V1795500000 N4\n")  # the server's index
    (box / "dovecot.index.log").write_bytes(b"\x01\x02 binary index")
    maildir(box / ".Sent", cur=[PLAIN])  # a Maildir++ folder
    mbox(tree / "archive.mbox", [DSN, AUTO_REPLY])
    (tree / "loose").mkdir()
    (tree / "loose" / "bounce.eml").write_bytes(DSN)
    (tree / ".hidden.eml").write_bytes(PLAIN)
    (tree / ".git").mkdir()
    (tree / ".git" / "HEAD").write_bytes(b"ref: refs/heads/main\n")

    found = read(tree)
    labels = [label for label, _raw, _error in found]
    cur = sorted(os.listdir(box / "cur"))
    new = os.listdir(box / "new")
    sent = os.listdir(box / ".Sent" / "cur")
    assert labels == [
        f"{box}/cur/{cur[0]}",
        f"{box}/cur/{cur[1]}",
        f"{box}/new/{new[0]}",
        f"{box}/.Sent/cur/{sent[0]}",
        f"{tree}/archive.mbox#1",
        f"{tree}/archive.mbox#2",
        f"{tree}/loose/bounce.eml",
    ]
    assert [raw for _label, raw, _error in found] == [first, second, third, PLAIN, DSN,
                                                        AUTO_REPLY, DSN]  # fmt: skip
    assert all(error is None for _label, _raw, error in found)
    assert read(tree) == found  # the same again: deterministic


def test_maildir_recognition():
    assert is_maildir(FIXTURES) is False


def test_a_maildir_given_directly_reads_cur_then_new(tmp_path: Path):
    first, second, third = three_bounces()
    box = maildir(tmp_path / "INBOX", cur=[first], new=[second, third])
    assert [raw for _label, raw, _error in read(box)] == [first, second, third]


def test_a_file_is_an_mbox_when_its_first_line_is_a_from_line(tmp_path: Path):
    single = tmp_path / "one.eml"
    single.write_bytes(DSN)
    boxed = mbox(tmp_path / "one.mbox", [DSN])
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    assert read(single) == [(str(single), DSN, None)]
    # one message after a "From " line (a message saved by a mail program) is the file itself
    assert read(boxed) == [(str(boxed), DSN, None)]
    two = mbox(tmp_path / "two.mbox", [DSN, DSN])
    assert [label for label, _, _ in read(two)] == [f"{two}#1", f"{two}#2"]
    assert read(empty) == [(str(empty), b"", None)]  # still one message: nothing lost


def test_mbox_from_lines_in_bodies_are_unquoted_once(tmp_path: Path):
    body = (
        b"Subject: quoting\n\nFrom the start of a line\n>From a quoted line\n"
        b">>>From deeply quoted\nFrom: looks like a header\n > From not at the start\n"
    )
    path = mbox(tmp_path / "box", [body, DSN])
    written = path.read_bytes()
    assert b"\n>From the start" in written and b"\n>>From a quoted" in written
    assert read(path) == [(f"{path}#1", body, None), (f"{path}#2", DSN, None)]


def test_an_mbox_with_crlf_line_ends(tmp_path: Path):
    crlf = DSN.replace(b"\n", b"\r\n")
    path = tmp_path / "box"
    path.write_bytes(b"From a@b Tue Nov  3 10:00:00 2026\r\n" + crlf + b"\r\n"
                     b"From a@b Tue Nov  3 11:00:00 2026\r\n" + crlf + b"\r\n")  # fmt: skip
    assert [raw for _label, raw, _error in read(path)] == [crlf, crlf]


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_mailboxes_are_read_like_plain_ones(tmp_path: Path, suffix, compress):
    plain = mbox(tmp_path / "box", three_bounces())
    packed = tmp_path / f"box{suffix}"
    packed.write_bytes(compress(plain.read_bytes()))
    assert [raw for _l, raw, _e in read(packed)] == [raw for _l, raw, _e in read(plain)]
    assert read(packed)[2][0] == f"{packed}#3"


def test_a_truncated_compressed_mailbox_keeps_what_was_read_and_says_the_rest_failed(
    tmp_path: Path,
):
    originals = [bounce(f"user{i}@example.net", user_unknown(), day(1 + i % 28)) for i in range(40)]
    plain = mbox(tmp_path / "box", originals)
    packed = gzip.compress(plain.read_bytes())
    broken = tmp_path / "box.gz"
    broken.write_bytes(packed[: len(packed) * 2 // 3])
    found = read(broken)
    good = [raw for _label, raw, error in found if error is None]
    assert 0 < len(good) < 40 and good == originals[: len(good)]
    label, raw, error = found[-1]
    assert raw is None and error and label == f"{broken}#{len(good) + 1}"
    assert len(found) == len(good) + 1


def test_the_first_messages_come_out_before_the_rest_of_an_mbox_is_read(tmp_path: Path):
    """Streaming: a reader that had to take the whole mailbox first would have read it all
    before yielding anything."""
    path = mbox(tmp_path / "big", [DSN] * 2000)  # about 7 MB
    reader = messages(str(path))
    iterator = iter(reader)
    assert next(iterator).raw == DSN and next(iterator).raw == DSN
    assert reader.bytes_read < path.stat().st_size / 20
    assert sum(1 for _ in iterator) == 1998
    assert reader.bytes_read == path.stat().st_size


def test_reading_changes_nothing(tmp_path: Path):
    maildir(tmp_path / "Maildir", new=three_bounces())
    archive = mbox(tmp_path / "archive.mbox", three_bounces())
    archive.chmod(0o444)

    def state():
        return sorted(
            (str(p.relative_to(tmp_path)), p.stat().st_mtime_ns, p.stat().st_mode, p.read_bytes())
            for p in tmp_path.rglob("*")
            if p.is_file()
        ) + sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))

    before = state()
    assert len(read(tmp_path)) == 6
    assert state() == before  # no lock file, nothing moved from new/ to cur/, nothing touched


def test_an_unreadable_message_is_an_error_item_and_the_rest_is_read(tmp_path: Path):
    (tmp_path / "a.eml").write_bytes(DSN)
    (tmp_path / "b.eml").symlink_to(tmp_path / "gone.eml")  # a link to nothing
    (tmp_path / "c.eml").write_bytes(PLAIN)
    found = read(tmp_path, tmp_path / "missing.mbox")
    assert found == [
        (f"{tmp_path}/a.eml", DSN, None),
        (f"{tmp_path}/b.eml", None, "No such file or directory"),
        (f"{tmp_path}/c.eml", PLAIN, None),
        (f"{tmp_path}/missing.mbox", None, "No such file or directory"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_an_error_item(tmp_path: Path):
    locked = tmp_path / "locked.eml"
    locked.write_bytes(DSN)
    locked.chmod(0)
    assert read(locked) == [(str(locked), None, "Permission denied")]


def test_fifos_in_a_directory_are_left_alone(tmp_path: Path):
    (tmp_path / "a.eml").write_bytes(DSN)
    os.mkfifo(tmp_path / "pipe")  # reading it would block until someone writes
    assert [label for label, _r, _e in read(tmp_path)] == [f"{tmp_path}/a.eml"]


def test_a_directory_linked_into_itself_is_walked_once(tmp_path: Path):
    (tmp_path / "a.eml").write_bytes(DSN)
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [label for label, _r, _e in read(tmp_path)] == [f"{tmp_path}/a.eml"]


def test_stdin_as_an_mbox_or_as_one_message(tmp_path: Path):
    boxed = mbox(tmp_path / "box", [DSN, PLAIN]).read_bytes()
    assert read("-", stdin=io.BytesIO(boxed)) == [("-#1", DSN, None), ("-#2", PLAIN, None)]
    assert read("-", stdin=io.BytesIO(DSN)) == [("-", DSN, None)]


def test_a_label_given_back_picks_that_message(tmp_path: Path):
    path = mbox(tmp_path / "box.mbox", three_bounces())
    second = three_bounces()[1]
    assert read(f"{path}#2") == [(f"{path}#2", second, None)]
    assert read(f"{path}#4") == [(f"{path}#4", None, "No such file or directory")]


def test_max_bytes_keeps_the_start_of_a_long_message(tmp_path: Path):
    path = mbox(tmp_path / "box", [DSN, PLAIN])
    found = list(messages(str(path), max_bytes=100))
    assert [m.raw for m in found] == [DSN[:100], PLAIN[:100]]
    assert all(m.truncated for m in found)


def test_a_binary_file_without_line_breaks_is_one_message(tmp_path: Path):
    blob = tmp_path / "blob"
    blob.write_bytes(bytes(range(1, 10)) * 100_000)  # 900 kB, no newline at all
    assert read(blob) == [(str(blob), blob.read_bytes(), None)]


class _Trickle(io.RawIOBase):
    """A pipe that hands out a few bytes at a time, so that every boundary falls somewhere
    inside a separator, a quoted line or a line break."""

    def __init__(self, data: bytes, seed: int) -> None:
        self.data = data
        self.position = 0
        self.random = random.Random(seed)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self.random.choice([1, 2, 3, 5, 7, 64, 4096, 300_000]))
        chunk = self.data[self.position : self.position + size]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def awkward_messages(seed: int) -> list[bytes]:
    """Messages with what makes mbox splitting hard: body lines starting with From and
    quoted From, lines longer than the reader's block, CRLF, empty lines at the end."""
    chooser = random.Random(seed)
    pieces = [
        b"From the desk of the director\n", b">From a quoted reply\n", b">>From deeper\n",
        b"From: not a separator\n", b"\n", b"plain text\n", b"> quoted text\n",
        b"From \r\n", b"crlf line\r\n", b"x" * 300_000 + b"\n",
        b"From " + b"y" * 270_000 + b"\n", b">From " + b"z" * 262_139 + b"\n",
    ]  # fmt: skip
    return [
        b"Subject: awkward\n\n"
        + b"".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 12)))
        for _ in range(8)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_mbox_round_trip_whatever_the_reads_and_the_lines(tmp_path: Path, seed: int):
    originals = awkward_messages(seed)
    path = mbox(tmp_path / "box", originals)
    assert [raw for _l, raw, _e in read(path)] == originals
    trickle = _Trickle(path.read_bytes(), seed)
    assert [raw for _l, raw, _e in read("-", stdin=trickle)] == originals
    assert trickle.position == path.stat().st_size


def test_an_eml_file_is_one_message_even_with_several_from_lines(tmp_path: Path):
    saved = mbox(tmp_path / "saved.eml", [DSN, DSN])  # two messages in a file named .eml
    assert [label for label, _, _ in read(saved)] == [str(saved)]
