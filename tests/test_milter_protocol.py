"""``bounceinterp milter`` over its unix socket, driven by a test MTA (tests/milter_client.py):
negotiation, what it skips, what it sends back, and how it survives broken peers."""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from milter_client import NR_BITS, MilterClient, MilterProcess, Result, split_message
from milter_messages import fixture_crlf, large_bounce, ordinary_mail

from bounceinterp.milter.session import fold
from bounceinterp.rewrite import rewrite_edits

LANG_MAP = """\
# test readers
alice@example.org        fr
@example.de              de
carol@example.fr         es   # beats nothing: example.fr has no domain entry
"""
#: The environment of the daemon says German: it must never decide a language.
GERMAN_LOCALE = {"LANG": "de_DE.UTF-8", "LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8"}


@pytest.fixture(scope="module")
def workdir():
    # a short path: unix socket paths are limited to 107 bytes
    with tempfile.TemporaryDirectory(prefix="bi-milter-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def milter(workdir):
    (workdir / "langs").write_text(LANG_MAP)
    process = MilterProcess(
        str(workdir / "m.sock"),
        "--lang-map", str(workdir / "langs"), "--default-lang", "it",
        env=GERMAN_LOCALE,
    )  # fmt: skip
    yield process
    assert process.stop() == 0


def connect(milter: MilterProcess, **negotiation: int) -> MilterClient:
    client = MilterClient(milter.path)
    client.negotiate(**negotiation)
    return client


def expected_result(
    raw: bytes, lang: str | None, header_only: bool = False, lead: str = " "
) -> dict:
    """What the filter must send for ``raw``, from the pure function it wraps (header values
    with a leading space when the MTA agreed to SMFIP_HDR_LEADSPC, as Postfix does)."""
    edits = rewrite_edits(raw, lang, header_only=header_only)
    assert edits is not None
    headers, _ = split_message(raw)
    counts: dict[str, int] = {}
    for name, _value in headers:
        counts[name.decode().lower()] = counts.get(name.decode().lower(), 0) + 1
    changed = [(1, n, lead + fold(n, v)) for n, v in edits.change if counts.get(n.lower())]
    deleted = [(i, n, "") for n in edits.delete for i in range(counts[n.lower()], 0, -1)]
    return {
        "changed": deleted + changed,
        "added": [(n, lead + fold(n, v)) for n, v in edits.change if not counts.get(n.lower())]
        + [(n, lead + fold(n, v)) for n, v in edits.add],
        "body": edits.body,
    }


def assert_rewritten(
    result: Result, raw: bytes, lang: str | None, header_only: bool = False, lead: str = " "
) -> None:
    want = expected_result(raw, lang, header_only, lead)
    assert result.reply == b"a" and result.at == b"E"
    assert result.headers_changed() == want["changed"]
    assert result.headers_added() == want["added"]
    body = result.body_chunks()
    if want["body"] is None:
        assert body == []
    else:
        assert b"".join(body) == want["body"]
        assert all(len(chunk) <= 65535 for chunk in body)


def test_negotiation_asks_only_for_what_it_uses(milter):
    with MilterClient(milter.path) as client:
        version, actions, protocol = client.negotiate()
    assert version == 6
    assert actions == 0x01 | 0x02 | 0x10  # add headers, change body, change headers
    assert protocol & NR_BITS == NR_BITS & ~(0x40000 | 0x80000)  # EOH and body are answered
    assert protocol & 0x100000  # header values with their leading space
    assert protocol & (0x1 | 0x2)  # no connect, no helo
    assert not protocol & (0x10 | 0x20 | 0x40)  # it needs headers, end of headers and body


def test_an_ordinary_message_is_accepted_at_the_end_of_its_headers(milter):
    with connect(milter) as client:
        result = client.message(
            ordinary_mail("skip-1"), sender="<sophie@example.net>", queue_id="SKIP1"
        )
    assert (result.reply, result.at) == (b"a", b"N")  # the body is never sent to the filter
    assert "action=skipped" in milter.wait_log("queue=SKIP1")[0]


def test_a_bounce_is_rewritten_in_the_language_of_its_recipient(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with connect(milter) as client:
        result = client.message(raw, recipients=("<Bob@Example.DE>",), queue_id="DE1")
    assert_rewritten(result, raw, "de")
    (line,) = milter.wait_log("queue=DE1")
    assert "action=rewritten category=user_unknown lang=de ms=" in line


def test_the_first_recipient_with_an_entry_decides(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    recipients = ("<nobody@example.net>", "<carol@example.fr>", "<alice@example.org>")
    with connect(milter) as client:
        result = client.message(raw, recipients=recipients)
    assert_rewritten(result, raw, "es")


def test_without_a_map_entry_the_bounce_hints_then_the_default_decide_never_the_locale(milter):
    hinted = fixture_crlf("postfix_user_unknown.eml")  # returned message: Content-Language fr
    plain = fixture_crlf("sendmail_host_unknown.eml")  # no language anywhere
    with connect(milter) as client:
        first = client.message(hinted, recipients=("<zoe@example.net>",), queue_id="HINT1")
        second = client.message(plain, recipients=("<zoe@example.net>",), queue_id="DEFLT1")
    assert_rewritten(first, hinted, "fr")
    assert_rewritten(second, plain, "it")
    assert "lang=it" in milter.wait_log("queue=DEFLT1")[0]


def test_a_plain_text_bounce_is_wrapped_and_its_mime_headers_replaced(milter):
    raw = fixture_crlf("exim_user_unknown.eml")
    with connect(milter) as client:
        result = client.message(raw, recipients=("<bob@example.de>",))
    assert_rewritten(result, raw, "de")
    names = {name for _, name, _ in result.headers_changed()}
    assert "Content-Type" in names or "Content-Type" in dict(result.headers_added())


def test_an_mta_without_leading_space_values_gets_none_back(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with MilterClient(milter.path) as client:
        _, _, protocol = client.negotiate(protocol=0x1FFFFF & ~0x100000)
        assert not protocol & 0x100000
        result = client.message(raw, recipients=("<alice@example.org>",))
    assert_rewritten(result, raw, "fr", lead="")


def test_a_report_from_a_real_sender_is_looked_at_too(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with connect(milter) as client:
        result = client.message(raw, sender="<postmaster@example.org>")
    assert_rewritten(result, raw, "fr")


def test_incoming_x_bounce_headers_are_removed(milter):
    raw = fixture_crlf("postfix_user_unknown.eml").replace(
        b"X-Original-To:",
        b"X-Bounce-Category: delivered\r\nX-Bounce-Status: 2.0.0\r\n"
        b"X-Bounce-Category: none\r\nX-Original-To:",
        1,
    )
    with connect(milter) as client:
        result = client.message(raw, recipients=("<alice@example.org>",))
    assert_rewritten(result, raw, "fr")
    deleted = [(i, n) for i, n, v in result.headers_changed() if v == ""]
    assert deleted == [(2, "X-Bounce-Category"), (1, "X-Bounce-Category"), (1, "X-Bounce-Status")]


def test_a_large_bounce_body_comes_back_in_chunks_of_at_most_65535_bytes(milter):
    raw = large_bounce()
    assert len(raw) > 200_000
    with connect(milter) as client:
        result = client.message(raw, recipients=("<paula@example.de>",))
    assert_rewritten(result, raw, "de")
    assert len(result.body_chunks()) >= 4
    assert raw.split(b"\r\n\r\n", 1)[1][-150_000:] in b"".join(result.body_chunks())


def test_messages_on_one_connection_do_not_share_state(milter):
    first = fixture_crlf("postfix_user_unknown.eml")
    second = fixture_crlf("exim_mailbox_full.eml")
    with connect(milter) as client:
        one = client.message(first, recipients=("<alice@example.org>",))
        skipped = client.message(ordinary_mail("reset-1"), sender="<sophie@example.net>")
        two = client.message(second, recipients=("<bob@example.de>",))
    assert_rewritten(one, first, "fr")
    assert (skipped.reply, skipped.at) == (b"a", b"N")
    assert_rewritten(two, second, "de")


def test_an_abort_forgets_the_message(milter):
    bounce = fixture_crlf("postfix_user_unknown.eml")
    with connect(milter) as client:
        client.send(b"D", b"Mi\0ABORTED1\0")
        client.step(b"M", b"<>\0")
        client.step(b"R", b"<alice@example.org>\0")
        for name, value in split_message(bounce)[0]:
            client.step(b"L", name + b"\0" + value + b"\0")
        client.send(b"A")
        # the next message has a real sender and no report: nothing of the aborted bounce
        # (its null sender, its headers) may make it a candidate
        after = client.message(ordinary_mail("abort-1"), sender="<sophie@example.net>")
        again = client.message(bounce, recipients=("<alice@example.org>",))
    assert (after.reply, after.at) == (b"a", b"N")
    assert_rewritten(again, bounce, "fr")
    assert "action=aborted" in milter.wait_log("queue=ABORTED1")[0]


def test_a_transaction_given_up_before_its_headers_is_not_logged(milter):
    with connect(milter) as client:
        client.send(b"D", b"Mi\0PROBE1\0")
        client.step(b"M", b"<>\0")
        client.step(b"R", b"<nobody@example.org>\0")
        client.send(b"A")  # a refused recipient, a callout: RSET, no DATA
        client.message(ordinary_mail("probe-1"), sender="<s@example.net>", queue_id="PROBE2")
    milter.wait_log("queue=PROBE2")
    assert milter.log_lines("queue=PROBE1") == []


def test_quit_nc_starts_a_new_connection_on_the_same_socket(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with connect(milter) as client:
        client.message(raw, recipients=("<alice@example.org>",))
        client.send(b"K")
        client.negotiate()
        result = client.message(raw, recipients=("<bob@example.de>",))
    assert_rewritten(result, raw, "de")


def test_an_mta_that_offers_no_no_reply_flags_gets_a_reply_to_every_command(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with MilterClient(milter.path) as client:
        _, _, protocol = client.negotiate(protocol=0x1FFFFF & ~NR_BITS)
        assert protocol & NR_BITS == 0
        result = client.message(raw, recipients=("<alice@example.org>",))
    assert_rewritten(result, raw, "fr")


def test_an_mta_that_cannot_replace_bodies_gets_the_headers_only(milter):
    raw = fixture_crlf("postfix_user_unknown.eml")
    with connect(milter, actions=0x01 | 0x10) as client:
        result = client.message(raw, recipients=("<alice@example.org>",))
    assert_rewritten(result, raw, "fr", header_only=True)
    assert dict(result.headers_added())["X-Bounce-Summary"].strip()


def test_header_only_mode(workdir):
    process = MilterProcess(str(workdir / "h.sock"), "--header-only")
    try:
        raw = fixture_crlf("exim_mailbox_full.eml")
        with connect(process) as client:
            result = client.message(raw, queue_id="HDR1")
        assert_rewritten(result, raw, None, header_only=True)
        assert result.body_chunks() == []
        assert [n for _, n, v in result.headers_changed() if v] == []  # Subject kept
        assert "action=headers" in process.wait_log("queue=HDR1")[0]
    finally:
        assert process.stop() == 0


def test_an_oversized_message_passes_unchanged_and_its_body_is_not_read(workdir):
    process = MilterProcess(str(workdir / "o.sock"), "--max-message-bytes", "50000")
    try:
        with connect(process) as client:
            result = client.message(large_bounce(), queue_id="BIG1", body_chunk=16384)
            small = fixture_crlf("postfix_user_unknown.eml")
            normal = client.message(small, recipients=("<alice@example.org>",))
        assert (result.reply, result.at) == (b"a", b"B")
        assert result.modifications == []
        assert "action=oversize" in process.wait_log("queue=BIG1")[0]
        assert normal.reply == b"a" and normal.body_chunks()
    finally:
        assert process.stop() == 0


def test_a_rewrite_over_its_deadline_lets_the_bounce_pass_unchanged(workdir):
    process = MilterProcess(str(workdir / "t.sock"), "--rewrite-timeout", "0.000001")
    try:
        with connect(process) as client:
            result = client.message(large_bounce(), queue_id="SLOW1")
        assert (result.reply, result.at, result.modifications) == (b"a", b"E", [])
        assert "action=timeout" in process.wait_log("queue=SLOW1")[0]
    finally:
        assert process.stop() == 0


@pytest.mark.parametrize(
    "garbage",
    [
        struct.pack(">I", 0),  # empty packet
        struct.pack(">I", 50_000_000) + b"L",  # longer than any packet may be
        struct.pack(">I", 3) + b"Zab",  # unknown command
        struct.pack(">I", 13) + b"O" + struct.pack(">III", 1, 0, 0),  # protocol version 1
        struct.pack(">I", 1) + b"M",  # a command before option negotiation
    ],
    ids=["empty", "oversized", "unknown", "old-version", "before-optneg"],
)
def test_malformed_input_closes_that_connection_only(milter, garbage):
    with MilterClient(milter.path) as bystander:
        bystander.negotiate()
        with MilterClient(milter.path) as client:
            client.sock.sendall(garbage)
            assert client.closed_by_peer()
        raw = fixture_crlf("postfix_user_unknown.eml")
        assert_rewritten(bystander.message(raw, recipients=("<alice@example.org>",)), raw, "fr")


def test_a_header_packet_without_its_nul_closes_the_connection(milter):
    with connect(milter) as client:
        client.step(b"M", b"<>\0")
        client.send(b"L", b"Subject")
        assert client.closed_by_peer()
    with connect(milter) as client:
        raw = fixture_crlf("postfix_user_unknown.eml")
        assert client.message(raw).reply == b"a"


def test_an_mta_that_disconnects_mid_message_leaves_the_daemon_serving(milter):
    raw = large_bounce()
    headers, body = split_message(raw)
    client = connect(milter)
    client.send(b"D", b"Mi\0GONE1\0")
    client.step(b"M", b"<>\0")
    for name, value in headers:
        client.step(b"L", name + b"\0" + value + b"\0")
    client.step(b"N")
    client.step(b"B", body[:30000])
    client.sock.sendall(struct.pack(">I", 65536) + b"B" + body[30000:40000])  # half a packet
    client.close()
    assert "action=aborted" in milter.wait_log("queue=GONE1")[0]
    with connect(milter) as again:
        small = fixture_crlf("postfix_user_unknown.eml")
        assert_rewritten(again.message(small, recipients=("<alice@example.org>",)), small, "fr")


def test_a_stalled_mta_is_disconnected_while_others_are_served(workdir):
    process = MilterProcess(str(workdir / "s.sock"), "--timeout", "1.5")
    try:
        stalled = connect(process)
        stalled.step(b"M", b"<>\0")
        stalled.sock.sendall(struct.pack(">I", 100) + b"L" + b"Subj")  # and then nothing
        with connect(process) as other:
            raw = fixture_crlf("postfix_user_unknown.eml")
            assert other.message(raw).reply == b"a"
        assert stalled.closed_by_peer()
        stalled.close()
        assert process.log_lines("no data for 1.5 s")
    finally:
        assert process.stop() == 0


def test_many_connections_at_once(milter):
    names = ("postfix_user_unknown.eml", "exim_mailbox_full.eml", "sendmail_host_unknown.eml")
    raws = [fixture_crlf(name) for name in names]
    results: dict[int, Result] = {}
    errors: list[BaseException] = []

    def one(index: int) -> None:
        try:
            with connect(milter) as client:
                for turn in range(3):
                    raw = raws[(index + turn) % 3]
                    results[index * 3 + turn] = client.message(
                        raw, recipients=("<alice@example.org>",)
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(results) == 90
    for key, result in results.items():
        index, turn = divmod(key, 3)
        assert_rewritten(result, raws[(index + turn) % 3], "fr")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_closes_everything_and_exits_0(workdir, signum):
    path = workdir / f"stop{signum}.sock"
    process = MilterProcess(str(path))
    idle = connect(process)
    busy = connect(process)
    busy.step(b"M", b"<>\0")
    busy.step(b"L", b"Subject\0 Undelivered Mail Returned to Sender\0")
    process.process.send_signal(signum)
    assert process.stop() == 0
    assert idle.closed_by_peer() and busy.closed_by_peer()
    assert not path.exists()
    assert "stopped" in process.log()
    idle.close()
    busy.close()


def test_sighup_reads_the_language_map_again_and_a_broken_one_leaves_the_old(workdir):
    langs = workdir / "reload-langs"
    langs.write_text("alice@example.org fr\n")
    process = MilterProcess(str(workdir / "r.sock"), "--lang-map", str(langs))
    raw = fixture_crlf("exim_mailbox_full.eml")
    recipients = ("<alice@example.org>",)
    try:
        with connect(process) as client:
            assert_rewritten(client.message(raw, recipients=recipients), raw, "fr")
            langs.write_text("alice@example.org pl\n@example.net nl\n")
            process.process.send_signal(signal.SIGHUP)
            process.wait_log("language map reloaded: 2 entries")
            assert_rewritten(client.message(raw, recipients=recipients), raw, "pl")
            langs.write_text("alice@example.org klingon\n")
            process.process.send_signal(signal.SIGHUP)
            process.wait_log("language map not reloaded")
            assert_rewritten(client.message(raw, recipients=recipients), raw, "pl")
    finally:
        assert process.stop() == 0


def test_a_stale_socket_file_is_replaced_and_a_live_one_is_not_taken_over(workdir):
    path = workdir / "stale.sock"
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens
    process = MilterProcess(str(path))
    try:
        assert oct(os.stat(path).st_mode & 0o777) == "0o666"
        result = subprocess.run(
            [sys.executable, "-m", "bounceinterp", "milter", "--socket", f"unix:{path}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert "another process is listening" in result.stderr
        with connect(process) as client:
            assert client.message(fixture_crlf("postfix_user_unknown.eml")).reply == b"a"
    finally:
        assert process.stop() == 0
