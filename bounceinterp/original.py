"""The returned original message: which mail bounced (subject, date, recipients, language)."""

from __future__ import annotations

from email.utils import getaddresses

from ._flanker import mime_to_unicode
from .dates import parse_date
from .model import OriginalMessage
from .parse import MimePart, ParsedMessage, content_type

RETURNED_MESSAGE_TYPES = ("message/rfc822", "message/global")
RETURNED_HEADERS_TYPES = ("text/rfc822-headers", "message/global-headers")


def find_original(parsed: ParsedMessage) -> OriginalMessage | None:
    """The returned message's headers, from an attached message or a headers-only part."""
    for part in parsed.parts()[1:]:
        if content_type(part) in RETURNED_MESSAGE_TYPES + RETURNED_HEADERS_TYPES:
            found = _from_enclosed(parsed, part)
            if found is not None:
                return found
    return None


def _from_enclosed(parsed: ParsedMessage, part: MimePart) -> OriginalMessage | None:
    """flanker keeps both an attached message and a headers-only part as ``enclosed``; its raw
    text is read directly (flanker's own header objects cost ten times more to build)."""
    try:
        enclosed = part.enclosed
    except Exception as exc:
        parsed.warnings.append(f"returned message: {exc}")
        enclosed = None
    if enclosed is not None:
        found = from_header_text(_raw_text(enclosed))
        if found is not None:
            return found
    return from_header_text(parsed.text(part))


def _raw_text(part: MimePart) -> str:
    """The undecoded text of a flanker part (its headers and body as they were received)."""
    try:
        stream = part._container  # flanker's Stream: the whole message and this part's span
        return stream.string[stream.start : stream.end + 1]
    except (AttributeError, TypeError):
        return ""


def from_header_text(text: str) -> OriginalMessage | None:
    """Read a header block given as text (text/rfc822-headers, or a message quoted inline)."""
    headers = read_header_block(text)
    return from_headers(headers) if headers else None


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
    if "=?" not in value:
        return value
    try:
        return mime_to_unicode(value)
    except Exception:
        return value


def from_headers(headers: list[tuple[str, str]]) -> OriginalMessage:
    found = OriginalMessage(headers=headers)
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name.lower(), value)
    found.message_id = _clean(first.get("message-id"))
    found.subject = _clean(first.get("subject"))
    found.date = parse_date(first.get("date"))
    found.from_address = _first_address(first.get("from"))
    found.to = _addresses(first.get("to"))
    found.content_language = _clean(first.get("content-language"))
    found.accept_language = _clean(first.get("accept-language") or first.get("x-accept-language"))
    return found


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _addresses(value: str | None) -> list[str]:
    """The addresses of an address header. The standard library's parser, not flanker's: it is
    ten times faster and accepts the malformed lists bounces are full of."""
    if not value:
        return []
    return [addr for _, addr in getaddresses([value]) if "@" in addr]


def _first_address(value: str | None) -> str | None:
    found = _addresses(value)
    return found[0] if found else _clean(value)
