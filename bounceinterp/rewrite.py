"""Put the explanation inside the bounce: a bounce in, the same bounce with the reader's
explanation at the top out. A pure function, which the milter and ``bounceinterp rewrite`` call.

What a rewrite keeps and adds (README, "Rewriting bounces"):

- a multipart/report stays one, with the same report-type and boundary; its first part becomes
  a multipart/mixed of the explanation (multipart/alternative: text and HTML) and the original
  first part, byte for byte; every other part (the delivery-status report, the returned
  message) is byte for byte the input's;
- any other bounce becomes a multipart/mixed of the explanation and the original body, whose
  Content-Type and Content-Transfer-Encoding move with it into its part, byte for byte;
- the Subject is localized and the original one kept, RFC 2047-encoded, in
  ``X-Bounce-Original-Subject``; ``X-Bounce-Category``, ``X-Bounce-Status``,
  ``X-Bounce-Permanent`` and ``X-Bounce-Action`` say what happened, for Sieve and mail clients;
  ``X-Bounce-Rewritten`` marks the message so that a second rewrite changes nothing. Any
  ``X-Bounce-*`` header the message arrived with is removed (nobody else may set them): a
  message that only claims to be rewritten (the marker without the explanation part) is
  rewritten, and one that was gets its headers set again from what it says, which changes
  nothing when they are ours;
- a message that is not a bounce, or that cannot be read, is returned unchanged, byte for byte,
  and so is every message when anything goes wrong inside.

Text from the bounce reaches the new headers only RFC 2047-encoded, with its control and
direction characters removed, so it can never start a header of its own.
"""

from __future__ import annotations

import binascii
import hashlib
import logging
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime

from . import __version__
from .api import interpret_parsed
from .limits import DEFAULT_LIMITS, Limits
from .mime import EXPLANATION_BOUNDARY_PREFIX, is_field_line
from .model import Interpretation
from .parse import ParsedMessage, parse

log = logging.getLogger(__name__)

#: The header that marks a rewritten message (its value names the version and the language).
REWRITTEN = "X-Bounce-Rewritten"
#: Headers this module owns: removed from the input, set from the interpretation.
OWN_PREFIX = "x-bounce-"
#: MIME headers that describe the body: they move with it when the body is wrapped.
_BODY_HEADERS = ("content-type", "content-transfer-encoding")


@dataclass
class Edits:
    """What a rewrite changes in a message, in the terms of a milter (RFC-free, line-ending
    free): header values are single lines of ASCII, the body uses the message's line ending."""

    #: Top-level headers whose first occurrence gets a new value (name, value).
    change: list[tuple[str, str]] = field(default_factory=list)
    #: Headers removed (every occurrence), by name.
    delete: list[str] = field(default_factory=list)
    #: Headers added at the end of the header block (name, value).
    add: list[tuple[str, str]] = field(default_factory=list)
    #: The new body, or None when the body stays as it is (header-only mode).
    body: bytes | None = None


def rewrite(
    raw: bytes,
    lang: str | None = None,
    *,
    header_only: bool = False,
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    fallback_lang: str | None = None,
) -> bytes:
    """The bounce ``raw`` with its explanation in ``lang`` (negotiated when None) at the top;
    ``raw`` itself, unchanged, when it is not a bounce, was rewritten already, or anything
    fails. ``header_only`` adds the ``X-Bounce-*`` headers (and a one-line summary) and leaves
    the body alone, for mail systems that cannot replace a body. When neither ``lang`` nor the
    bounce names an available language, ``fallback_lang`` is used (default: the process
    locale, which suits a command run by its reader, not a daemon)."""
    if not isinstance(raw, bytes | bytearray):
        raise TypeError(f"rewrite takes the message as bytes, not {type(raw).__name__}")
    try:
        edits = rewrite_edits(
            raw, lang, header_only=header_only, now=now, limits=limits, fallback_lang=fallback_lang
        )
        return raw if edits is None else apply_edits(raw, edits)
    except Exception as exc:  # never lose or mangle the mail: hand it back as it came
        log.error("rewrite failed, message left unchanged: %s", exc)
        return raw


def rewrite_edits(
    raw: bytes,
    lang: str | None = None,
    *,
    header_only: bool = False,
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    fallback_lang: str | None = None,
) -> Edits | None:
    """The edits that rewrite ``raw`` (see :func:`rewrite`), or None to leave it unchanged.
    May raise on a bug: :func:`rewrite` and the milter treat that as "unchanged"."""
    if not isinstance(raw, bytes | bytearray):
        raise TypeError(f"rewrite takes the message as bytes, not {type(raw).__name__}")
    raw = bytes(raw)
    if len(raw) > limits.max_message_bytes:
        return None
    parsed = parse(raw, limits)
    if parsed.root is None:
        return None
    report = interpret_parsed(parsed, limits=limits)
    if not report.is_bounce or not report.recipients:
        return None
    from .explanation import rewrite_texts

    explained = any(part.explanation for part in parsed.parts())
    marker = parsed.header(REWRITTEN)
    if explained and marker is not None:  # rewritten before: in the language it was rewritten in
        lang = marker.rpartition("lang=")[2].strip() or lang
    texts = rewrite_texts(report, lang, now=now, fallback=fallback_lang)
    edits = Edits()
    # Rewritten before: its Subject and the original one stay as they were (a message that
    # was malformed may read a little differently once wrapped); the rest is set again.
    kept = {"x-bounce-original-subject"} if explained and not header_only else set()
    edits.delete = sorted(
        {
            n
            for n, _ in parsed.headers()
            if n.lower().startswith(OWN_PREFIX) and n.lower() not in kept
        },
        key=str.lower,
    )
    edits.add = _bounce_headers(report, texts.lang, texts.summary if header_only else None)
    if not header_only and not explained:
        original_subject = parsed.header("Subject")  # the one before a rewrite (parse.py)
        edits.change.append(("Subject", encode_header(texts.subject)))
        if original_subject is not None:
            edits.add.insert(0, ("X-Bounce-Original-Subject", encode_header(original_subject)))
    if header_only or explained:
        # The body stays; when the headers are already what they would be, nothing changes.
        return None if apply_edits(raw, edits) == raw else edits
    eol = _line_ending(raw)
    explanation = _explanation_part(texts.text, texts.html, _boundary(raw, "alt"), eol)
    root = parsed.root
    if root.content_type == "multipart/report" and root.children:
        edits.body = _report_body(raw, parsed, explanation, eol)
    else:
        _wrap_body(raw, parsed, explanation, eol, edits)
    return edits


def _bounce_headers(
    report: Interpretation, lang: str, summary: str | None
) -> list[tuple[str, str]]:
    """The X-Bounce-* headers, from the first recipient that failed (else the first one).
    Every value is from the library's own vocabulary, or a checked status code."""
    first = next((r for r in report.recipients if r.action == "failed"), report.recipients[0])
    headers = [
        ("X-Bounce-Category", first.category),
        ("X-Bounce-Action", first.action or ("failed" if report.kind == "failure" else "delayed")),
        ("X-Bounce-Permanent", _yes_no(first.permanent)),
    ]
    if first.status and all(p.isdigit() for p in first.status.split(".")):
        headers.insert(1, ("X-Bounce-Status", first.status))
    if summary:
        headers.append(("X-Bounce-Summary", encode_header(summary)))
    headers.append((REWRITTEN, f"bounceinterp {__version__}; lang={lang}"))
    return headers


#: UTF-8 bytes per encoded word: "=?utf-8?b?" + base64 of 45 bytes (60) + "?=" is 72
#: characters, within RFC 2047's 75.
_WORD_BYTES = 45


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"


def encode_header(text: str) -> str:
    """``text`` as one line of RFC 2047 encoded words (UTF-8, each at most 75 characters, split
    between characters, so the line folds between them), control and bidi characters removed;
    plain ASCII text is kept readable."""
    from .explanation.document import without_controls

    cleaned = " ".join(without_controls(text).split())
    if cleaned.isascii() and "=?" not in cleaned:
        return cleaned
    words: list[str] = []
    chunk = b""
    for char in cleaned:
        encoded = char.encode("utf-8", "replace")
        if len(chunk) + len(encoded) > _WORD_BYTES:
            words.append(_encoded_word(chunk))
            chunk = b""
        chunk += encoded
    words.append(_encoded_word(chunk))
    return " ".join(words)


def _encoded_word(data: bytes) -> str:
    return "=?utf-8?b?" + binascii.b2a_base64(data, newline=False).decode("ascii") + "?="


def _line_ending(raw: bytes) -> bytes:
    """The message's own line ending (CRLF on the wire, LF in files, CR in old Mac files)."""
    head = raw[:4096]
    if b"\r\n" in head:
        return b"\r\n"
    return b"\r" if b"\r" in head and b"\n" not in head else b"\n"


def _boundary(raw: bytes, purpose: str) -> bytes:
    """A boundary that the message cannot contain: derived from the message itself (so a
    rewrite is reproducible), and checked. Readers know an explanation by its prefix."""
    digest = hashlib.sha256(raw + purpose.encode()).hexdigest()[:32]
    candidate = EXPLANATION_BOUNDARY_PREFIX + f"{purpose}_{digest}".encode()
    while candidate in raw:
        candidate += b"_"
    return candidate


def _qp(text: str, eol: bytes) -> bytes:
    encoded = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return encoded.replace(b"\n", eol)


def _explanation_part(text: str, html: str, boundary: bytes, eol: bytes) -> bytes:
    """The multipart/alternative entity (headers and body) of the explanation."""
    lines = [
        b'Content-Type: multipart/alternative; boundary="' + boundary + b'"',
        b"",
        b"--" + boundary,
        b"Content-Type: text/plain; charset=utf-8",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        _qp(text, eol),
        b"--" + boundary,
        b"Content-Type: text/html; charset=utf-8",
        b"Content-Transfer-Encoding: quoted-printable",
        b"",
        _qp(html, eol),
        b"--" + boundary + b"--",
    ]
    return eol.join(lines)


class _OriginalOffsets:
    """Maps an offset in the parsed (LF) bytes to the same place in the original bytes: each
    CRLF made one LF shifts the rest by one."""

    def __init__(self, raw: bytes) -> None:
        self.collapsed: list[int] = []
        position = raw.find(b"\r\n")
        while position >= 0:
            self.collapsed.append(position - len(self.collapsed))
            position = raw.find(b"\r\n", position + 2)

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self.collapsed, offset)


def _report_body(raw: bytes, parsed: ParsedMessage, explanation: bytes, eol: bytes) -> bytes:
    """The body of a multipart/report whose first part is replaced by a multipart/mixed of the
    explanation and that first part, unchanged; the rest of the body is the input's bytes."""
    where = _OriginalOffsets(raw)
    root = parsed.root
    assert root is not None  # rewrite_edits returned early otherwise
    first = root.children[0]
    start, end = where(first.start), where(first.end)
    boundary = _boundary(raw, "mix")
    mixed = eol.join(
        [
            b'Content-Type: multipart/mixed; boundary="' + boundary + b'"',
            b"",
            b"--" + boundary,
            explanation,
            b"--" + boundary,
            raw[start:end],
            b"--" + boundary + b"--",
        ]
    )
    return raw[where(root.body_start) : start] + mixed + raw[end:]


def _wrap_body(
    raw: bytes, parsed: ParsedMessage, explanation: bytes, eol: bytes, edits: Edits
) -> None:
    """A multipart/mixed of the explanation and the original body, which keeps its own
    Content-Type and Content-Transfer-Encoding headers (moved, as they were written)."""
    where = _OriginalOffsets(raw)
    root = parsed.root
    assert root is not None  # rewrite_edits returned early otherwise
    body = raw[where(root.body_start) :]
    moved = _header_lines(raw[: where(root.body_start)], _BODY_HEADERS)
    if not moved:
        moved = [b"Content-Type: text/plain; charset=us-ascii"]
    boundary = _boundary(raw, "mix")
    edits.body = eol.join(
        [
            b"--" + boundary,
            explanation,
            b"--" + boundary,
            *moved,
            b"",
            body,
            b"--" + boundary + b"--",
            b"",
        ]
    )
    had = {n.lower() for n, _ in parsed.headers()}
    edits.delete.extend(n for n in ("Content-Transfer-Encoding",) if n.lower() in had)
    content_type = f'multipart/mixed; boundary="{boundary.decode()}"'
    if "content-type" in had:
        edits.change.append(("Content-Type", content_type))
    else:
        edits.add.insert(0, ("Content-Type", content_type))
    if "mime-version" not in had:
        edits.add.insert(0, ("MIME-Version", "1.0"))
    if not body.isascii():
        edits.add.insert(0, ("Content-Transfer-Encoding", "8bit"))


def _header_lines(block: bytes, names: tuple[str, ...]) -> list[bytes]:
    """The header fields called one of ``names`` in a raw header block, as written (folded
    lines included, line endings removed)."""
    found: list[bytes] = []
    keep = False
    for line in block.splitlines():
        if line[:1] in (b" ", b"\t"):
            if keep:
                found.append(line)
            continue
        keep = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace") in names
        if keep:
            found.append(line)
    return found


def apply_edits(raw: bytes, edits: Edits) -> bytes:
    """``raw`` with ``edits`` applied the way an MTA applies a milter's: a changed header keeps
    its place, added headers go at the end of the header block, the body is replaced."""
    eol = _line_ending(raw)
    split = _header_split(raw)
    head, body = raw[:split], raw[split:]
    deleted = {n.lower() for n in edits.delete}
    changes = {n.lower(): (n, v) for n, v in edits.change}
    out: list[bytes] = []
    skipping = False
    for line in head.splitlines(keepends=True):
        if not line.endswith((b"\n", b"\r")):  # a last header with no line ending (no body)
            line += eol
        # A continuation, as the parser reads one: indented, or not a field at all (pasted
        # headers that lost their indentation).
        continued = line[:1] in (b" ", b"\t") or not (
            is_field_line(line.rstrip(b"\r\n")) or not line.strip() or line.startswith(b"From ")
        )
        if continued:
            if not skipping:
                out.append(line)
            continue
        if not line.strip():
            continue  # the blank line that ends the block is written below
        name = line.split(b":", 1)[0].strip().decode("ascii", "replace")
        skipping = name.lower() in deleted or name.lower() in changes
        if name.lower() in changes:
            out.append(_field(name, changes.pop(name.lower())[1], eol))
        elif not skipping:
            out.append(line)
    for name, value in [*changes.values(), *edits.add]:
        out.append(_field(name, value, eol))
    new_body = body if edits.body is None else edits.body
    return b"".join(out) + eol + new_body


def _header_split(raw: bytes) -> int:
    """Where the body of ``raw`` starts (after the blank line that ends the headers); 0 when
    it does not begin with a header field, as the parser reads it (``mime.header_end``)."""
    first = raw[:1000].split(b"\n", 1)[0].split(b"\r", 1)[0]
    if not (first.startswith(b"From ") or is_field_line(first)):
        return 0
    separators = (b"\r\n\r\n", b"\n\n", b"\r\r")
    candidates = [i + len(sep) for sep in separators if (i := raw.find(sep)) >= 0]
    return min(candidates) if candidates else len(raw)


def _field(name: str, value: str, eol: bytes) -> bytes:
    """One header field, folded at the spaces between words when it is long."""
    lines: list[str] = []
    current = f"{name}:"
    for word in value.split(" "):
        if len(current) + 1 + len(word) > 78 and current != f"{name}:":
            lines.append(current)
            current = ""
        current += " " + word
    lines.append(current)
    return eol.join(line.encode("ascii", "replace") for line in lines) + eol
