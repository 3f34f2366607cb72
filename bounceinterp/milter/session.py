"""One MTA connection: the state of the message in hand and the replies to each command.

Only bounces are looked at: a message with a null envelope sender, or whose top-level
Content-Type is multipart/report. Any other message is accepted at the end of its headers, so
the MTA never sends us its body. A bounce is collected whole, rewritten at the end of the
message, and its edits sent back; anything that goes wrong (an error, a timeout, a message
larger than the limit) accepts it unchanged. We never reject, tempfail or discard.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import ClassVar

from bounceinterp.rewrite import REWRITTEN, Edits

from . import protocol as p
from .config import Config, LanguageMap

ACCEPT = p.packet(p.ACCEPT)
CONTINUE = p.packet(p.CONTINUE)

#: Envelope recipients kept per message (the language map needs only the first with an entry).
MAX_RECIPIENTS = 1000

#: rewrite(raw, lang, header_only) -> edits or None; may raise, and is given a deadline.
Rewriter = Callable[[bytes, str | None, bool], Awaitable[Edits | None]]


@dataclass
class Outcome:
    """What happened to one message, for its log line."""

    action: str  # skipped, rewritten, headers, unchanged, oversize, error, timeout, aborted
    queue_id: str | None = None
    category: str | None = None
    lang: str | None = None
    ms: float = 0.0
    detail: str | None = None


@dataclass
class Message:
    """What we know of the message in hand."""

    started: float = field(default_factory=time.perf_counter)
    sender: bytes | None = None
    recipients: list[str] = field(default_factory=list)
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: list[bytes] = field(default_factory=list)
    size: int = 0
    oversize: bool = False
    #: Set once we have answered ACCEPT: later commands of the message get ACCEPT again.
    done: bool = False

    def is_candidate(self) -> bool:
        """A bounce, or what may be one: null sender, or a report at the top level."""
        if self.sender in (b"", b"<>"):
            return True
        for name, value in self.headers:
            if name.lower() == b"content-type":
                media = value.split(b";", 1)[0].strip().lower()
                return media == b"multipart/report"
        return False


class Session:
    """The protocol state of one connection. :meth:`handle` takes a command and returns the
    packets to send back (none for commands the MTA expects no reply to)."""

    def __init__(
        self,
        config: Config,
        rewriter: Rewriter,
        report: Callable[[Outcome], None],
        languages: Callable[[], LanguageMap] | None = None,
    ):
        self.config = config
        #: The language map in force (the daemon reads it again on SIGHUP).
        self.languages = languages or (lambda: config.language_map)
        self.rewriter = rewriter
        self.report = report
        self.options: p.Options | None = None
        self.message: Message | None = None
        self.queue_id: str | None = None
        self.closed = False

    async def handle(self, command: bytes, data: bytes) -> list[bytes]:
        if command == p.OPTNEG:
            self.options, reply = p.negotiate(data)
            self.reset()
            return [reply]
        if self.options is None:
            raise p.ProtocolError(f"command {command!r} before option negotiation")
        handler = self._handlers.get(command)
        if handler is None:
            raise p.ProtocolError(f"unknown command {command!r}")
        replies = await handler(self, data)
        return replies if self.options.replies_to(command) else []

    def reset(self) -> None:
        """Forget the message in hand (end of message, abort, new connection)."""
        self.message = None
        self.queue_id = None

    def abandon(self) -> None:
        """The message in hand is given up (abort, new MAIL, end of connection): logged when
        its content had begun and it got no answer yet. A transaction that ends before its
        headers (a refused recipient, a probe) is not a message and is not logged."""
        message = self.message
        if message is not None and not message.done and message.size:
            self._log(message, Outcome("aborted"))
        self.reset()

    # -- commands ---------------------------------------------------------------------------

    async def _ignored(self, data: bytes) -> list[bytes]:
        return [CONTINUE]

    async def _macro(self, data: bytes) -> list[bytes]:
        values = p.macros(data)
        queue_id = values.get(b"i") or values.get(b"{i}")
        if queue_id:
            self.queue_id = "".join(c for c in queue_id.decode("ascii", "replace") if c.isalnum())
        return []  # macros are never answered

    async def _mail(self, data: bytes) -> list[bytes]:
        queue_id = self.queue_id  # the macros of this MAIL came just before it
        if self.message is not None and not self.message.done:
            self.abandon()  # the MTA gave the last message up without an abort
        args = p.strings(data)
        self.message = Message(sender=args[0].strip() if args else b"")
        self.queue_id = queue_id
        return [CONTINUE]

    async def _rcpt(self, data: bytes) -> list[bytes]:
        message = self._current()
        args = p.strings(data)
        if args and len(message.recipients) < MAX_RECIPIENTS:
            message.recipients.append(args[0].decode("utf-8", "replace"))
        return [ACCEPT if message.done else CONTINUE]

    async def _header(self, data: bytes) -> list[bytes]:
        message = self._current()
        name, value = p.header_field(data)
        if not message.done and not message.oversize:
            message.headers.append((name, value))
            self._count(message, len(name) + len(value) + 4)
        return [ACCEPT if message.done else CONTINUE]

    async def _eoh(self, data: bytes) -> list[bytes]:
        message = self._current()
        if message.done:
            return [ACCEPT]
        if message.oversize:
            return [self._accept(message, Outcome("oversize"))]
        if not message.is_candidate():
            return [self._accept(message, Outcome("skipped"))]
        return [CONTINUE]

    async def _body(self, data: bytes) -> list[bytes]:
        message = self._current()
        if message.done:
            return [ACCEPT]
        message.body.append(data)
        self._count(message, len(data))
        if message.oversize:
            return [self._accept(message, Outcome("oversize"))]
        return [CONTINUE]

    async def _eom(self, data: bytes) -> list[bytes]:
        message = self._current()
        try:
            if message.done:
                return [ACCEPT]
            if message.oversize:
                return [self._accept(message, Outcome("oversize"))]
            if not message.is_candidate():
                return [self._accept(message, Outcome("skipped"))]
            return await self._rewrite(message)
        finally:
            self.reset()

    async def _abort(self, data: bytes) -> list[bytes]:
        self.abandon()
        return []  # abort is never answered

    async def _quit(self, data: bytes) -> list[bytes]:
        self.abandon()
        self.closed = True
        return []

    async def _quit_nc(self, data: bytes) -> list[bytes]:
        self.abandon()
        return []

    _handlers: ClassVar[dict[bytes, Callable[[Session, bytes], Awaitable[list[bytes]]]]] = {
        p.CONNECT: _ignored,
        p.HELO: _ignored,
        p.DATA: _ignored,
        p.UNKNOWN: _ignored,
        p.MACRO: _macro,
        p.MAIL: _mail,
        p.RCPT: _rcpt,
        p.HEADER: _header,
        p.EOH: _eoh,
        p.BODY: _body,
        p.BODYEOB: _eom,
        p.ABORT: _abort,
        p.QUIT: _quit,
        p.QUIT_NC: _quit_nc,
    }

    # -- the rewrite ------------------------------------------------------------------------

    async def _rewrite(self, message: Message) -> list[bytes]:
        assert self.options is not None
        actions = self.options.actions
        if not actions & p.SMFIF_ADDHDRS or not actions & p.SMFIF_CHGHDRS:
            return [self._accept(message, Outcome("unchanged", detail="no header actions"))]
        header_only = self.config.header_only or not actions & p.SMFIF_CHGBODY
        lang = self.languages().language_for(message.recipients)
        try:
            edits = await self.rewriter(self._raw(message), lang, header_only)
            if edits is None:
                return [self._accept(message, Outcome("unchanged"))]
            packets = self._edit_packets(message, edits)
        except TimeoutError:
            return [self._accept(message, Outcome("timeout"))]
        except Exception as exc:  # a bug of ours must never hold up a bounce
            return [self._accept(message, Outcome("error", detail=type(exc).__name__))]
        added = dict(edits.add)
        outcome = Outcome(
            "headers" if edits.body is None else "rewritten",
            category=added.get("X-Bounce-Category"),
            lang=added.get(REWRITTEN, "").rpartition("lang=")[2] or None,
        )
        return [*packets, self._accept(message, outcome)]

    def _raw(self, message: Message) -> bytes:
        """The message as the MTA received it, CRLF line endings (as the body comes)."""
        assert self.options is not None
        colon = b":" if self.options.protocol & p.SMFIP_HDR_LEADSPC else b": "
        lines = [name + colon + _crlf(value) + b"\r\n" for name, value in message.headers]
        return b"".join(lines) + b"\r\n" + b"".join(message.body)

    def _edit_packets(self, message: Message, edits: Edits) -> list[bytes]:
        """The modification packets for ``edits``: every header named in ``delete`` removed
        (last first, so that the indexes stay valid), the first of each ``change`` changed,
        ``add`` appended in order, then the body in chunks."""
        assert self.options is not None
        lead = " " if self.options.protocol & p.SMFIP_HDR_LEADSPC else ""
        seen: dict[str, int] = {}
        for raw_name, _value in message.headers:
            key = raw_name.decode("ascii", "replace").lower()
            seen[key] = seen.get(key, 0) + 1
        changed = {name.lower() for name, _value in edits.change}
        packets: list[bytes] = []
        for name in edits.delete:
            keep = 1 if name.lower() in changed else 0
            for index in range(seen.get(name.lower(), 0), keep, -1):
                packets.append(p.change_header(index, name, ""))
        for name, value in edits.change:
            folded = lead + fold(name, value)
            if seen.get(name.lower()):
                packets.append(p.change_header(1, name, folded))
            else:
                packets.append(p.add_header(name, folded))
        for name, value in edits.add:
            packets.append(p.add_header(name, lead + fold(name, value)))
        if edits.body is not None:
            packets.extend(p.replace_body(edits.body))
        return packets

    # -- helpers ----------------------------------------------------------------------------

    def _current(self) -> Message:
        if self.message is None:  # headers without MAIL: a broken MTA, but keep going
            self.message = Message(sender=None)
        return self.message

    def _count(self, message: Message, size: int) -> None:
        message.size += size
        if message.size > self.config.max_message_bytes:
            message.oversize = True
            message.headers.clear()
            message.body.clear()

    def _accept(self, message: Message, outcome: Outcome) -> bytes:
        message.done = True
        message.headers.clear()
        message.body.clear()
        self._log(message, outcome)
        return ACCEPT

    def _log(self, message: Message, outcome: Outcome) -> None:
        outcome.queue_id = self.queue_id
        outcome.ms = (time.perf_counter() - message.started) * 1000
        self.report(outcome)


def _crlf(value: bytes) -> bytes:
    """A folded header value with its line breaks as CRLF (the MTA may send bare LF)."""
    return value.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def fold(name: str, value: str) -> str:
    """``value`` folded at spaces so that no line of ``name: value`` passes 78 characters;
    the MTA writes its own line ending at each ``\\n``. Line breaks in the value (there should
    be none) become spaces: nothing in a value can start a header of its own."""
    value = value.replace("\r", " ").replace("\n", " ")
    lines: list[str] = []
    current = ""
    width = len(name) + 2
    for word in value.split(" "):
        if current and width + len(current) + 1 + len(word) > 78:
            lines.append(current)
            current, width = "", 1  # a continuation line starts with a space
        current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n ".join(lines)
