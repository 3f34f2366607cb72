"""Shared helpers for extractors of plain-text bounces (no machine-readable report).

A text extractor has the shape of every extractor (recognise, then extract) and uses these
helpers for the parts all text bounces share::

    pats = patterns.format_patterns("qmail")          # rules/formats/qmail.yaml
    if not headers_match(parsed, "qmail"):            # 1. recognise: headers, then text
        return None
    text = notice_text(parsed)                        # the human-readable body
    if not patterns.search(pats["recognise"], text):
        return None
    notice, returned = split_returned(text, pats["returned"])   # 2. cut off the returned mail
    recipients = [                                    # 3. one RecipientStatus per recipient
        recipient(m.group("address"), diagnostic=m.group("diagnostic"))
        for m in patterns.finditer(pats["recipient"], notice)
    ]
    return build("qmail", parsed, recipients, returned)          # 4. kind, original message

Most text formats have one shape: an introduction that names the format, one block per
recipient (an address line, then diagnostic lines), then the returned message. For those,
``textnotice.TextNoticeExtractor(family)`` does all four steps from the family's pattern file
alone; only formats whose structure it cannot express use these helpers directly.

Every pattern on message text comes from ``rules/formats/*.yaml`` (shared ones from
``rules/formats/text.yaml``) and runs through ``bounceinterp.patterns``.
"""

from __future__ import annotations

import quopri
import textwrap
from functools import cache

import regex

from .. import patterns
from ..model import Interpretation, OriginalMessage, RecipientStatus
from ..parse import ParsedMessage
from .base import kind_from_actions
from .dsn import complete_codes, reply_code_from_text, status_from_text
from .original import find_original, from_header_text

__all__ = [
    "address_list",
    "build",
    "failed_recipients_header",
    "fallback_addresses",
    "headers_match",
    "is_daemon_sender",
    "notice_text",
    "one_line",
    "recipient",
    "resolve_address",
    "returned_message",
    "shared_patterns",
    "split_returned",
]


@cache
def shared_patterns() -> dict[str, regex.Pattern]:
    """The structural patterns every text extractor shares (rules/formats/text.yaml)."""
    return patterns.format_patterns("text")


def notice_text(parsed: ParsedMessage) -> str:
    """The human-readable text of the bounce (text/plain parts, else text/html), outside any
    attached message. Empty when the message has no readable text.

    A message whose MIME structure was unreadable was read as plain text (``parse``): its
    quoted-printable parts are still encoded, so they are decoded here."""
    text = parsed.body_text()
    if parsed.read_as_plain_text and ("=\n" in text or "=3D" in text):
        raw = text.encode("utf-8", "surrogateescape")
        text = quopri.decodestring(raw).decode("utf-8", "replace")
    return text


@cache
def _header_patterns(family: str) -> tuple[tuple[str, regex.Pattern], ...]:
    """The ``header:<Name>`` patterns of rules/formats/<family>.yaml: (header name, pattern)."""
    pats = patterns.format_patterns(family)
    return tuple((k.split(":", 1)[1], p) for k, p in pats.items() if k.startswith("header:"))


def headers_match(parsed: ParsedMessage, family: str, *, any_one: bool = False) -> bool:
    """Whether the family's ``header:<Name>`` patterns match the message's headers: every one
    (a family without any matches), or with ``any_one`` at least one. A missing header matches
    nothing."""
    checks = (
        (value := parsed.header(name)) is not None and patterns.search(pattern, value) is not None
        for name, pattern in _header_patterns(family)
    )
    return any(checks) if any_one else all(checks)


def is_daemon_sender(parsed: ParsedMessage, *, null_return_path: bool = True) -> bool:
    """True when From (or, with ``null_return_path``, an empty Return-Path) says the message
    comes from mail software: MAILER-DAEMON, postmaster, "Mail Delivery System", ``<>``.
    Auto-replies also travel with an empty Return-Path, so they check From alone."""
    sender = parsed.header("From") or ""
    if sender and patterns.search(shared_patterns()["mailer_daemon_sender"], sender):
        return True
    return null_return_path and (parsed.header("Return-Path") or "").strip() == "<>"


def address_list(text: str | None) -> list[str]:
    """Every e-mail address written in ``text``, in order, without duplicates (case-insensitive)
    and without angle brackets."""
    if not text:
        return []
    found: list[str] = []
    seen: set[str] = set()
    for match in patterns.finditer(shared_patterns()["email_address"], text):
        value = match.group(0).strip(".")
        if value.lower() not in seen:
            seen.add(value.lower())
            found.append(value)
    return found


def failed_recipients_header(parsed: ParsedMessage) -> list[str]:
    """The addresses of the ``X-Failed-Recipients`` header(s) (Exim and others add it)."""
    values = [v for n, v in parsed.headers() if n.lower() == "x-failed-recipients"]
    return [a for v in values for a in address_list(v)]


def split_returned(text: str, boundary: regex.Pattern, pos: int = 0) -> tuple[str, str]:
    """``(notice, returned)``: the text before the first line matching ``boundary`` (searched
    from ``pos``) and the text after that line (the returned message, inline). ``returned`` is
    '' without a boundary. A zero-width boundary (a lookahead such as ``^(?=Received: )``) keeps
    its line: it is the returned message's first header."""
    match = patterns.search(boundary, text, pos)
    if match is None:
        return text, ""
    if match.end() == match.start():
        return text[: match.start()], text[match.start() :]
    end = text.find("\n", match.end())
    return text[: match.start()], "" if end < 0 else text[end + 1 :]


def one_line(text: str | None) -> str | None:
    """``text`` with its whitespace (line breaks, indentation) collapsed; None when empty."""
    if not text:
        return None
    value = " ".join(text.split())
    return value or None


def recipient(
    address: str | None,
    diagnostic: str | None = None,
    *,
    action: str = "failed",
    status: str | None = None,
    reply_code: int | None = None,
    remote_mta: str | None = None,
    diagnostic_type: str | None = None,
) -> RecipientStatus:
    """One recipient of a text bounce. The diagnostic is collapsed to one line; the status and
    reply code are taken from it when not given (``550 5.1.1 ...``)."""
    text = one_line(diagnostic)
    code = reply_code or reply_code_from_text(text)
    found = RecipientStatus(
        address=address.strip().strip("<>") if address else None,
        action=action,
        status=status or status_from_text(text),
        reply_code=code,
        diagnostic=text,
        diagnostic_type=diagnostic_type or ("smtp" if code else None),
        remote_mta=remote_mta,
    )
    complete_codes(found)
    return found


def returned_message(parsed: ParsedMessage, returned: str = "") -> OriginalMessage | None:
    """The returned message: an attached one (message/rfc822, text/rfc822-headers) first, else
    the header block of the text that follows the notice (``returned``), indented or not."""
    found = find_original(parsed)
    if found is not None:
        return found
    text = returned.lstrip("\n")
    if not text.strip():
        return None
    head = textwrap.dedent(text.split("\n\n", 1)[0]).lstrip()
    if not patterns.search(shared_patterns()["header_line"], head):
        return None
    return from_header_text(_refold(head))


def _refold(head: str) -> str:
    """A pasted header block whose continuation lines lost their indentation: indent every line
    that does not start a header field, so that it reads as a continuation."""
    field = shared_patterns()["header_field"]
    lines = head.split("\n")
    return "\n".join(
        line if i == 0 or line[:1] in " \t" or patterns.search(field, line) else " " + line
        for i, line in enumerate(lines)
    )


def build(
    name: str,
    parsed: ParsedMessage,
    recipients: list[RecipientStatus],
    returned: str = "",
) -> Interpretation | None:
    """The Interpretation of a text bounce, or None when no recipient was found (a text that
    looked like a bounce but names nobody is left to the next extractor)."""
    recipients = [r for r in recipients if r.address]
    if not recipients:
        return None
    report = Interpretation(format=name, recipients=recipients)
    report.kind = kind_from_actions(recipients)
    report.original = returned_message(parsed, returned)
    return report


def resolve_address(parsed: ParsedMessage, value: str | None) -> str | None:
    """An address as a notice writes it; a bare local part (``alice``, Exim does this) is
    completed from X-Failed-Recipients when one of those has the same local part."""
    if not value:
        return None
    found = address_list(value)
    if found:
        return found[0]
    local = value.strip().strip("<>").strip()
    for candidate in failed_recipients_header(parsed):
        if candidate.split("@", 1)[0].lower() == local.lower():
            return candidate
    return None


def fallback_addresses(parsed: ParsedMessage, returned: str = "") -> list[str]:
    """Who failed, when a recognised notice names nobody: the X-Failed-Recipients header, else
    the recipients (To) of the returned message."""
    addresses = failed_recipients_header(parsed)
    if not addresses:
        original = returned_message(parsed, returned)
        addresses = list(original.to) if original else []
    return addresses
