"""The returned original message: which mail bounced (subject, date, recipients, language)."""

from __future__ import annotations

from email.utils import getaddresses

from ..dates import parse_date
from ..model import OriginalMessage
from ..parse import MimePart, ParsedMessage, read_header_block

RETURNED_MESSAGE_TYPES = ("message/rfc822", "message/global")
RETURNED_HEADERS_TYPES = ("text/rfc822-headers", "message/global-headers")


def find_original(parsed: ParsedMessage) -> OriginalMessage | None:
    """The returned message's headers, from an attached message or a headers-only part."""
    for part in parsed.parts()[1:]:
        if part.content_type in RETURNED_MESSAGE_TYPES + RETURNED_HEADERS_TYPES:
            found = _from_enclosed(parsed, part)
            if found is not None:
                return found
    return None


def _from_enclosed(parsed: ParsedMessage, part: MimePart) -> OriginalMessage | None:
    """The headers of the message a part encloses (an attached message or a headers-only
    part); else its text read as a header block."""
    if part.enclosed is not None and part.enclosed.headers:
        return from_headers(part.enclosed.headers)
    return from_header_text(parsed.text(part))


def from_header_text(text: str) -> OriginalMessage | None:
    """Read a header block given as text (text/rfc822-headers, or a message quoted inline)."""
    headers = read_header_block(text)
    return from_headers(headers) if headers else None


def from_headers(headers: list[tuple[str, str]]) -> OriginalMessage:
    found = OriginalMessage(headers=headers)
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name.lower(), value)
    found.message_id = _clean(first.get("message-id"))
    found.subject = _clean(first.get("subject"))
    found.date = parse_date(first.get("date"))
    found.from_address = first_address(first.get("from"))
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
    ten times faster and accepts the malformed lists bounces are full of; and before it, the
    one-address forms nearly every header has (``a@b``, ``Name <a@b>``), read directly."""
    if not value:
        return []
    single = _single_address(value)
    if single is not None:
        return [single]
    return [addr for _, addr in getaddresses([value]) if "@" in addr]


def _single_address(value: str) -> str | None:
    if any(c in value for c in ',"();:\\'):
        return None  # lists, quoted names, comments, groups: the full parser's work
    start, end = value.rfind("<"), value.rfind(">")
    address = value[start + 1 : end] if 0 <= start < end else value
    address = address.strip()
    if address.count("@") != 1 or any(c in address for c in " <>\t"):
        return None
    return address


def first_address(value: str | None) -> str | None:
    found = _addresses(value)
    return found[0] if found else _clean(value)
