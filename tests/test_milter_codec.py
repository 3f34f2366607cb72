"""bounceinterp.milter.protocol: packets as libmilter frames them, and option negotiation."""

from __future__ import annotations

import asyncio
import struct

import pytest

from bounceinterp.milter import protocol as p


def test_packets_are_length_command_data():
    assert p.packet(b"c") == b"\x00\x00\x00\x01c"
    assert p.add_header("X-A", " b") == b"\x00\x00\x00\x08hX-A\x00 b\x00"
    assert p.change_header(2, "Subject", "") == b"\x00\x00\x00\x0em\x00\x00\x00\x02Subject\x00\x00"
    assert p.insert_header(0, "X-A", " b") == b"\x00\x00\x00\x0ci\x00\x00\x00\x00X-A\x00 b\x00"


def test_a_body_goes_back_in_chunks_of_at_most_65535_bytes():
    body = bytes(range(256)) * 1000  # 256,000 bytes
    packets = p.replace_body(body)
    assert [len(x) - 5 for x in packets] == [65535, 65535, 65535, 59395]
    assert b"".join(x[5:] for x in packets) == body
    assert all(x[4:5] == b"b" for x in packets)
    assert p.replace_body(b"") == [b"\x00\x00\x00\x01b"]  # an empty body is still replaced


def test_negotiation_keeps_only_what_both_sides_want():
    offer = struct.pack(">III", 6, 0x1FF, 0x1FFFFF)
    options, reply = p.negotiate(offer)
    assert options == p.Options(6, p.WANTED_ACTIONS, p.WANTED_PROTOCOL)
    assert reply == p.packet(b"O", struct.pack(">III", 6, p.WANTED_ACTIONS, p.WANTED_PROTOCOL))
    old, _ = p.negotiate(struct.pack(">III", 2, p.SMFIF_ADDHDRS, 0))
    assert old == p.Options(2, p.SMFIF_ADDHDRS, 0)
    assert old.replies_to(p.HEADER) and old.replies_to(p.MAIL)
    assert not options.replies_to(p.HEADER) and options.replies_to(p.EOH)
    for broken in (b"", struct.pack(">III", 1, 0x1FF, 0x1FFFFF)):
        with pytest.raises(p.ProtocolError):
            p.negotiate(broken)


def test_command_data():
    assert p.strings(b"<>\x00SIZE=100\x00") == [b"<>", b"SIZE=100"]
    assert p.strings(b"<a@b>") == [b"<a@b>"]
    assert p.header_field(b"Subject\x00 hi\n there\x00") == (b"Subject", b" hi\n there")
    assert p.macros(b"Ti\x00ABC123\x00{daemon_name}\x00mx\x00") == {
        b"i": b"ABC123",
        b"{daemon_name}": b"mx",
    }
    for broken in (b"Subject", b"\x00value\x00"):
        with pytest.raises(p.ProtocolError):
            p.header_field(broken)


def read_all(data: bytes) -> list:
    async def run() -> list:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        found = []
        while True:
            try:
                found.append(await p.read_packet(reader))
            except asyncio.IncompleteReadError:
                return found

    return asyncio.run(run())


def test_reading_packets_and_refusing_bad_lengths():
    assert read_all(p.packet(b"N") + p.packet(b"B", b"body")) == [(b"N", b""), (b"B", b"body")]
    assert read_all(p.packet(b"B", b"body")[:6]) == []  # cut off: the end of the stream
    for length in (0, p.MAX_PACKET + 1):
        with pytest.raises(p.ProtocolError):
            read_all(struct.pack(">I", length) + b"B")
