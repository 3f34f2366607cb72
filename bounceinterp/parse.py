"""Turn raw bytes into a MIME tree that never raises: the first step of the pipeline.

flanker builds the tree lazily; every access that can fail on broken mail (unknown charsets,
bad transfer encodings, truncated parts) goes through the helpers here, which degrade to
"nothing there" and record a warning instead of raising.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._flanker import mime, mime_to_unicode

MimePart = Any  # flanker.mime.message.part.MimePart; flanker ships no type hints


def normalize_newlines(raw: bytes) -> bytes:
    """CRLF and CR-only line endings become LF, so that every later step sees one kind."""
    if b"\r" not in raw:
        return raw
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def to_bytes(raw: bytes | str) -> bytes:
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return bytes(raw)


@dataclass
class ParsedMessage:
    """A message as the extractors see it: the flanker tree plus safe accessors."""

    raw: bytes
    root: MimePart | None
    warnings: list[str] = field(default_factory=list)
    #: The MIME structure was unreadable: the body was read as one text/plain part, so its
    #: parts' transfer encodings (quoted-printable) are still there.
    read_as_plain_text: bool = False
    _parts: list[MimePart] | None = None
    _body_text: str | None = None
    _top: list[tuple[str, str]] | None = None

    def header(self, name: str, part: MimePart | None = None) -> str | None:
        """Decoded value of header ``name`` of ``part`` (default: the top level), or None."""
        wanted = name.lower()
        return next((v for n, v in self.headers(part) if n.lower() == wanted), None)

    def headers(self, part: MimePart | None = None) -> list[tuple[str, str]]:
        """Every header of ``part`` (default: the top level), decoded, in order.

        The top level is read from the raw bytes with ``read_header_block``: every extractor
        asks for From and Subject, and flanker's header objects cost ten times more to build."""
        if part is None:
            if self._top is None:
                head = self.raw.split(b"\n\n", 1)[0].decode("utf-8", "replace")
                self._top = read_header_block(head)
            return self._top
        try:
            return [(str(n), str(v)) for n, v in part.headers.items()]
        except Exception as exc:
            self.warnings.append(f"headers: {exc}")
            return []

    def parts(self) -> list[MimePart]:
        """Every part of the tree, top level first, depth first, including enclosed messages."""
        if self._parts is None:
            self._parts = list(self._walk())
        return self._parts

    def _walk(self) -> Iterator[MimePart]:
        if self.root is None:
            return
        yield self.root
        try:
            yield from self.root.walk(with_self=False)
        except Exception as exc:
            self.warnings.append(f"MIME structure: {exc}")

    def report_type(self) -> str | None:
        """The ``report-type`` parameter of a top-level multipart/report, lower case."""
        ctype = content_type(self.root)
        if ctype != "multipart/report" or self.root is None:
            return None
        value = self.root.content_type.params.get("report-type")
        return value.strip().lower() if value else None

    def first_part(self, *ctypes: str) -> MimePart | None:
        return next((p for p in self.parts() if content_type(p) in ctypes), None)

    def text(self, part: MimePart | None) -> str:
        """The decoded body of a part as text ('' when it has none or cannot be decoded)."""
        if part is None:
            return ""
        try:
            body = part.body
        except Exception as exc:
            self.warnings.append(f"part {content_type(part)}: {exc}")
            return _fallback_text(part)
        if body is None:
            return ""
        if isinstance(body, bytes):
            return body.decode("utf-8", "replace")
        return _decode_iso2022(str(body))

    def body_text(self) -> str:
        """The human-readable text of the message: its text/plain parts outside enclosed messages.

        Falls back to text/html parts when there is no text/plain part. Computed once: every
        text extractor asks for it.
        """
        if self._body_text is None:
            texts = [self.text(p) for p in self._human_parts("text/plain")]
            if not any(texts):
                texts = [self.text(p) for p in self._human_parts("text/html")]
            self._body_text = "\n".join(t for t in texts if t)
        return self._body_text

    def _human_parts(self, ctype: str) -> Iterator[MimePart]:
        if self.root is None:
            return
        try:
            for part in self.root.walk(with_self=True, skip_enclosed=True):
                if content_type(part) == ctype and not _is_attachment(part):
                    yield part
        except Exception as exc:
            self.warnings.append(f"MIME structure: {exc}")


def read_header_block(text: str) -> list[tuple[str, str]]:
    """The header fields at the start of ``text``, unfolded, encoded words decoded."""
    fields: list[tuple[str, str]] = []
    block = text.lstrip("\n").split("\n\n", 1)[0]
    if block.startswith("From "):  # an mbox separator line before the headers
        block = block.partition("\n")[2]
    for line in block.split("\n"):
        if line[:1] in (" ", "\t"):
            if fields:
                name, value = fields[-1]
                fields[-1] = (name, f"{value} {line.strip()}")
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not name or " " in name:
            break  # not a header line: the block is over
        fields.append((name, value.strip()))
    return [(name, _decode_words(value)) for name, value in fields]


def _decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded (flanker's decoder: it knows the charsets met in mail)."""
    if "=?" not in value:
        return value
    try:
        return mime_to_unicode(value)
    except Exception:
        return value


def content_type(part: MimePart | None) -> str | None:
    if part is None:
        return None
    try:
        return str(part.content_type.value).lower()
    except Exception:
        return None


def raw_text(part: MimePart) -> str:
    """The undecoded text of a flanker part (its headers and body as they were received)."""
    try:
        stream = part._container  # flanker's Stream: the whole message and this part's span
        return stream.string[stream.start : stream.end + 1]
    except (AttributeError, TypeError):
        return ""


def _is_attachment(part: MimePart) -> bool:
    """Content-Disposition: attachment, read from the part's raw headers (flanker would build
    every header object of the part to answer)."""
    disposition = next(
        (v for n, v in read_header_block(raw_text(part)) if n.lower() == "content-disposition"),
        "",
    )
    return disposition.strip().lower().startswith("attachment")


#: Escape sequences that switch an ISO-2022 text (Japanese, Korean, Chinese) to another set.
_ISO2022_ESCAPES = ("\x1b$B", "\x1b$@", "\x1b(J", "\x1b(B", "\x1b$(D", "\x1b$)C")


def _decode_iso2022(text: str) -> str:
    """Decode ISO-2022-JP text left undecoded: the charset is 7-bit, so a part that declares
    none (or us-ascii) reaches us as ASCII with escape sequences in it (Japanese servers)."""
    if "\x1b" not in text or not any(esc in text for esc in _ISO2022_ESCAPES):
        return text
    for codec in ("iso2022_jp_ext", "iso2022_jp_2", "iso2022_kr"):
        try:
            return text.encode("ascii").decode(codec)
        except (UnicodeError, LookupError):
            continue
    return text


def _fallback_text(part: MimePart) -> str:
    """Raw body bytes as text, for parts whose declared charset or encoding is broken."""
    try:
        container = part._container  # flanker keeps the undecoded body here
        raw = container.read_body() if hasattr(container, "read_body") else b""
    except Exception:
        return ""
    if isinstance(raw, bytes):
        return _decode_iso2022(raw.decode("utf-8", "replace"))
    return str(raw)


def parse(raw: bytes | str) -> ParsedMessage:
    """Parse raw mail. Never raises: a message flanker cannot read has ``root`` None."""
    data = normalize_newlines(to_bytes(raw))
    try:
        return ParsedMessage(raw=data, root=mime.from_string(data))
    except Exception as exc:
        warning = f"unreadable MIME structure, read as plain text: {exc}"
    try:
        root = mime.from_string(_as_plain_text(data))
    except Exception as exc:
        return ParsedMessage(raw=data, root=None, warnings=[warning, f"unreadable: {exc}"])
    return ParsedMessage(raw=data, root=root, warnings=[warning], read_as_plain_text=True)


def _as_plain_text(data: bytes) -> bytes:
    """The message with its top-level MIME headers removed, so that its body reads as one
    text/plain part: a bounce with a broken multipart structure still has readable text."""
    head, sep, body = data.partition(b"\n\n")
    kept: list[bytes] = []
    dropping = False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        dropping = name in (b"content-type", b"content-transfer-encoding")
        if not dropping:
            kept.append(line)
    return b"\n".join(kept) + sep + body
