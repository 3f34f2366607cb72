"""The milter protocol, version 6, as far as this filter needs it: packet framing, the
commands an MTA sends, the replies and modifications we send, and option negotiation.

A packet is a 4-byte big-endian length (counting the command byte), a command byte and the
command's data. Strings in the data end with a NUL byte. The protocol is Sendmail's (libmilter,
``include/libmilter/mfdef.h``); Postfix speaks it too (``milter8.c``).
"""

from __future__ import annotations

import asyncio
import struct
from dataclasses import dataclass

# Commands from the MTA (SMFIC_*).
ABORT = b"A"
BODY = b"B"
CONNECT = b"C"
MACRO = b"D"
BODYEOB = b"E"
HELO = b"H"
QUIT_NC = b"K"
HEADER = b"L"
MAIL = b"M"
EOH = b"N"
OPTNEG = b"O"
QUIT = b"Q"
RCPT = b"R"
DATA = b"T"
UNKNOWN = b"U"

# Replies to the MTA (SMFIR_*).
ACCEPT = b"a"
CONTINUE = b"c"
ADDHEADER = b"h"
INSHEADER = b"i"
CHGHEADER = b"m"
REPLBODY = b"b"

# Actions the filter may take (SMFIF_*), offered by the MTA and chosen by the filter.
SMFIF_ADDHDRS = 0x01
SMFIF_CHGBODY = 0x02
SMFIF_CHGHDRS = 0x10

# Protocol steps and replies the filter can do without (SMFIP_*).
SMFIP_NOCONNECT = 0x1
SMFIP_NOHELO = 0x2
SMFIP_NOMAIL = 0x4
SMFIP_NORCPT = 0x8
SMFIP_NOBODY = 0x10
SMFIP_NOHDRS = 0x20
SMFIP_NOEOH = 0x40
SMFIP_NR_HDR = 0x80
SMFIP_NOUNKNOWN = 0x100
SMFIP_NODATA = 0x200
SMFIP_SKIP = 0x400
SMFIP_RCPT_REJ = 0x800
SMFIP_NR_CONN = 0x1000
SMFIP_NR_HELO = 0x2000
SMFIP_NR_MAIL = 0x4000
SMFIP_NR_RCPT = 0x8000
SMFIP_NR_DATA = 0x10000
SMFIP_NR_UNKN = 0x20000
SMFIP_NR_EOH = 0x40000
SMFIP_NR_BODY = 0x80000
SMFIP_HDR_LEADSPC = 0x100000

VERSION = 6
#: The actions this filter asks for: add and change headers, replace the body.
WANTED_ACTIONS = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY
#: Steps we never look at, replies we never give, and header values as written (the space
#: after the colon kept), so that the message rebuilt from the packets is the one sent.
WANTED_PROTOCOL = (
    SMFIP_NOCONNECT
    | SMFIP_NOHELO
    | SMFIP_NOUNKNOWN
    | SMFIP_NODATA
    | SMFIP_NR_CONN
    | SMFIP_NR_HELO
    | SMFIP_NR_MAIL
    | SMFIP_NR_RCPT
    | SMFIP_NR_DATA
    | SMFIP_NR_UNKN
    | SMFIP_NR_HDR
    | SMFIP_HDR_LEADSPC
)
#: For each command that normally gets a reply, the flag that tells the MTA not to expect one.
NO_REPLY_FLAG = {
    CONNECT: SMFIP_NR_CONN,
    HELO: SMFIP_NR_HELO,
    MAIL: SMFIP_NR_MAIL,
    RCPT: SMFIP_NR_RCPT,
    DATA: SMFIP_NR_DATA,
    UNKNOWN: SMFIP_NR_UNKN,
    HEADER: SMFIP_NR_HDR,
    EOH: SMFIP_NR_EOH,
    BODY: SMFIP_NR_BODY,
}

#: The largest packet read (libmilter's largest body chunk, SMFIP_MDS_1M, plus room for a
#: header name). A longer length is a broken or hostile peer: the connection is closed.
MAX_PACKET = (1 << 20) + 1024
#: The largest body chunk sent back in one REPLBODY packet (what libmilter's MTA side reads).
MAX_BODY_CHUNK = 65535

_LENGTH = struct.Struct(">I")
_OPTNEG = struct.Struct(">III")


class ProtocolError(Exception):
    """The peer sent something that is not the milter protocol; the connection is closed."""


async def read_packet(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """The next (command, data) from ``reader``; raises ``asyncio.IncompleteReadError`` at the
    end of the stream and :class:`ProtocolError` for an empty or oversized packet."""
    (length,) = _LENGTH.unpack(await reader.readexactly(4))
    if length == 0 or length > MAX_PACKET:
        raise ProtocolError(f"packet length {length} out of range")
    packet = await reader.readexactly(length)
    return packet[:1], packet[1:]


def packet(command: bytes, data: bytes = b"") -> bytes:
    """One framed packet."""
    return _LENGTH.pack(len(data) + 1) + command + data


@dataclass(frozen=True)
class Options:
    """What was agreed on in option negotiation."""

    version: int
    actions: int
    protocol: int

    def replies_to(self, command: bytes) -> bool:
        """Whether the MTA waits for a reply to ``command``."""
        flag = NO_REPLY_FLAG.get(command)
        return flag is None or not self.protocol & flag


def negotiate(data: bytes) -> tuple[Options, bytes]:
    """The options agreed from the MTA's OPTNEG ``data`` (ours, limited to what it offers) and
    the reply packet. Actions the MTA does not offer are simply not used."""
    if len(data) < _OPTNEG.size:
        raise ProtocolError("short option negotiation")
    version, actions, protocol = _OPTNEG.unpack_from(data)
    if version < 2:
        raise ProtocolError(f"milter protocol version {version} is too old")
    agreed = Options(
        version=min(version, VERSION),
        actions=actions & WANTED_ACTIONS,
        protocol=protocol & WANTED_PROTOCOL,
    )
    return agreed, packet(OPTNEG, _OPTNEG.pack(agreed.version, agreed.actions, agreed.protocol))


def strings(data: bytes) -> list[bytes]:
    """The NUL-terminated strings of a packet's data (a missing last NUL is tolerated)."""
    if data.endswith(b"\0"):
        data = data[:-1]
    return data.split(b"\0") if data else []


def header_field(data: bytes) -> tuple[bytes, bytes]:
    """(name, value) of a HEADER packet."""
    name, sep, rest = data.partition(b"\0")
    if not sep or not name:
        raise ProtocolError("malformed header packet")
    return name, rest[:-1] if rest.endswith(b"\0") else rest


def macros(data: bytes) -> dict[bytes, bytes]:
    """The macro values of a MACRO packet (the first byte names the command they belong to)."""
    items = strings(data[1:])
    return dict(zip(items[::2], items[1::2], strict=False))


def add_header(name: str, value: str) -> bytes:
    """SMFIR_ADDHEADER: append a header at the end of the header block."""
    return packet(ADDHEADER, name.encode("ascii") + b"\0" + value.encode("ascii") + b"\0")


def insert_header(index: int, name: str, value: str) -> bytes:
    """SMFIR_INSHEADER: insert a header before the ``index``-th one (0 = at the top)."""
    payload = _LENGTH.pack(index) + name.encode("ascii") + b"\0" + value.encode("ascii") + b"\0"
    return packet(INSHEADER, payload)


def change_header(index: int, name: str, value: str) -> bytes:
    """SMFIR_CHGHEADER: give the ``index``-th (1-based) header called ``name`` a new value; an
    empty value deletes it."""
    payload = _LENGTH.pack(index) + name.encode("ascii") + b"\0" + value.encode("ascii") + b"\0"
    return packet(CHGHEADER, payload)


def replace_body(body: bytes) -> list[bytes]:
    """SMFIR_REPLBODY packets carrying ``body``, in chunks of at most :data:`MAX_BODY_CHUNK`."""
    return [
        packet(REPLBODY, body[start : start + MAX_BODY_CHUNK])
        for start in range(0, len(body), MAX_BODY_CHUNK)
    ] or [packet(REPLBODY, b"")]
