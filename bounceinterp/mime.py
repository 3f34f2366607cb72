"""The MIME structure of a message, with where every part lies in the raw bytes.

A small reader of our own rather than flanker or the standard library's parser (README,
"The MIME reader" has the measurements): it keeps each part's byte span, which the rewrite
needs to return the report and the returned message byte for byte; it does no work a bounce
does not need (a part's body is decoded only when asked for); and its cost is bounded by
construction: one pass per nesting level over at most ``Limits.max_depth`` levels, at most
``Limits.max_parts`` parts. The parts that are hard to get right are the standard library's:
parameters (RFC 2231) with ``email.message.Message``, encoded words with ``email.header``,
transfer encodings with ``binascii``.

It never raises on broken MIME: a multipart without its boundary is read as one text part, a
part past the limits is not split further, and each such repair is recorded in ``warnings``.
"""

from __future__ import annotations

import binascii
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

from .limits import Limits
from .textcodec import decode_bytes, decode_header_value

#: Parts whose body is a whole message (RFC 2046, RFC 6532).
MESSAGE_TYPES = frozenset({"message/rfc822", "message/global", "message/news"})
#: Parts whose body is a header block only (RFC 6522 text/rfc822-headers, RFC 6533).
HEADERS_TYPES = frozenset({"text/rfc822-headers", "message/global-headers"})
#: The boundaries of the explanation a rewrite adds (``rewrite``) start with this: its parts
#: are ours, not the notice's, and readers skip them.
EXPLANATION_BOUNDARY_PREFIX = b"=_bounceinterp_"


@dataclass(eq=False)
class Part:
    """One MIME part: its headers (decoded), its type, and its span in ``data``."""

    tree: Tree
    #: The bytes the offsets refer to: the message's, or those of a decoded enclosed message.
    data: bytes
    #: The header block starts at ``start``, the body at ``body_start``; the part ends
    #: (exclusive) at ``end``.
    start: int
    body_start: int
    end: int
    headers: list[tuple[str, str]]
    content_type: str
    params: dict[str, str]
    depth: int
    #: True for the parts of an enclosed (returned) message and the message itself.
    enclosed_in_message: bool = False
    #: True for the parts of an explanation added by a rewrite.
    explanation: bool = False
    children: list[Part] = field(default_factory=list)
    #: The message a message/rfc822 part carries, or the header block of a headers-only part.
    enclosed: Part | None = None
    #: The text before the first boundary of a multipart (where some notices write).
    preamble: bytes = b""
    #: ``headers`` (the very list) and its first value per lower-case name: readers ask for
    #: the same headers many times per message.
    _index: tuple[list, dict[str, str]] | None = field(default=None, repr=False, compare=False)

    def header(self, name: str) -> str | None:
        index = self._index
        if index is None or index[0] is not self.headers:
            first: dict[str, str] = {}
            for key, value in self.headers:
                first.setdefault(key.lower(), value)
            index = self._index = (self.headers, first)
        return index[1].get(name.lower())

    @property
    def is_multipart(self) -> bool:
        return bool(self.children) or self.content_type.startswith("multipart/")

    @property
    def is_attachment(self) -> bool:
        disposition = self.header("Content-Disposition") or ""
        return disposition.strip().lower().startswith("attachment")

    def raw(self) -> bytes:
        """The part as received: header block and body."""
        return self.data[self.start : self.end]

    def raw_body(self) -> bytes:
        return self.data[self.body_start : self.end]

    def decoded(self) -> bytes:
        """The body with its Content-Transfer-Encoding undone (base64, quoted-printable)."""
        body = self.raw_body()
        encoding = (self.header("Content-Transfer-Encoding") or "").strip().lower()
        if encoding == "base64":
            return _from_base64(body)
        if encoding == "quoted-printable":
            return binascii.a2b_qp(body)
        return body

    def text(self) -> str:
        """The body as text, in its declared charset (with the fallbacks of ``textcodec``)."""
        return decode_bytes(self.decoded(), self.params.get("charset"))

    def walk(self) -> Iterator[Part]:
        """This part and every part below it, depth first, enclosed messages included."""
        stack = [self]
        while stack:
            part = stack.pop()
            yield part
            below = [*part.children, *([part.enclosed] if part.enclosed is not None else [])]
            stack.extend(reversed(below))


@dataclass(eq=False)
class Tree:
    """A parsed message: the bytes (line endings made LF) and the root part."""

    data: bytes
    limits: Limits
    warnings: list[str] = field(default_factory=list)
    root: Part | None = None
    parts_made: int = 0
    #: The top-level multipart had no usable boundary and was read as one text part.
    structure_broken: bool = False


def read_tree(data: bytes, limits: Limits) -> Tree:
    """The MIME tree of ``data`` (LF line endings). Never raises."""
    tree = Tree(data, limits)
    tree.root = _read_part(tree, data, _first_header(data), len(data), depth=0, in_message=False)
    return tree


def _first_header(data: bytes) -> int:
    """Where the header block starts: after blank (or all-space) lines that a saved message
    sometimes begins with."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # a UTF-8 byte order mark
    while position < len(data):
        line_end = data.find(b"\n", position)
        if line_end < 0 or data[position:line_end].strip(b" \t"):
            break
        position = line_end + 1
    return position if position < len(data) else 0  # fmt: skip


def header_end(data: bytes, start: int, end: int) -> int:
    """Where the header block that begins at ``start`` ends: the offset of the body (after the
    blank line), or ``end`` when there is no body. A text that does not begin with a header
    field has no header block: its body starts at ``start``."""
    line_end = data.find(b"\n", start, end)
    first_line = data[start : line_end if line_end >= 0 else end]
    if first_line.startswith(b"From ") and line_end >= 0:  # an mbox separator line
        next_end = data.find(b"\n", line_end + 1, end)
        first_line = data[line_end + 1 : next_end if next_end >= 0 else end]
    if not is_field_line(first_line):
        return start
    blank = data.find(b"\n\n", start, end)
    return end if blank < 0 else blank + 2


def is_field_line(line: bytes) -> bool:
    """``Name: value``, with a field name of letters, digits, ``-`` and ``_`` (a name with
    other characters is, in mail, a continuation line that lost its indentation)."""
    name, colon, _ = line.partition(b":")
    return (
        bool(colon)
        and bool(name)
        and len(name) <= 80
        and name.replace(b"-", b"").replace(b"_", b"").isalnum()
    )


def read_header_block(block: bytes, limits: Limits) -> list[tuple[str, str]]:
    """The fields of a header block, unfolded and decoded, in order. A line that is not a
    field is read as the continuation of the one before (pasted and re-saved headers lose
    their indentation). Linear in its size: the lines of a field are gathered, joined once."""
    fields: list[tuple[bytes, list[bytes]]] = []
    lines = block.split(b"\n")
    if lines and lines[0].startswith(b"From "):  # an mbox separator line before the headers
        lines = lines[1:]
    for line in lines:
        if not line.strip():
            if fields:
                break  # the blank line that ends the block
            continue
        if line[:1] in (b" ", b"\t") or not is_field_line(line):
            if fields:
                fields[-1][1].append(line.strip())
            continue
        if len(fields) >= limits.max_headers:
            break
        name, _, value = line.partition(b":")
        fields.append((name.strip(), [value.strip()]))
    result: list[tuple[str, str]] = []
    for name, pieces in fields:
        value = b" ".join(p for p in pieces if p)[: limits.max_header_length]
        result.append((name.decode("ascii", "replace"), decode_header_value(value)))
    return result


def content_type_of(headers: list[tuple[str, str]], default: str) -> tuple[str, dict[str, str]]:
    """The media type (lower case) and parameters of a Content-Type header. Parameters are
    read by the standard library (quoting, RFC 2231 continuations and charsets), unless they
    are plain ``name=value`` or ``name="value"`` pairs, the usual case, read directly."""
    value = next((v for n, v in headers if n.lower() == "content-type"), None)
    if not value:
        return default, {}
    simple = _simple_content_type(value, default)
    if simple is not None:
        return simple
    holder = Message()
    holder["Content-Type"] = value
    try:
        params = holder.get_params(header="content-type", unquote=True) or []
    except Exception:  # the standard library can trip on hostile parameters
        return value.split(";", 1)[0].strip().lower() or default, {}
    ctype = params[0][0].strip().lower() if params else ""
    if "/" not in ctype or " " in ctype:
        ctype = default
    found: dict[str, str] = {}
    for name, raw in params[1:]:
        text = str(raw[2] if isinstance(raw, tuple) else raw).strip()  # RFC 2231: a triple
        if text.startswith('"') and text.count('"') >= 2:
            text = text[1 : text.index('"', 1)]  # a quoted value with junk glued after it
        found.setdefault(name.strip().lower(), text)
    return ctype, found


def _simple_content_type(value: str, default: str) -> tuple[str, dict[str, str]] | None:
    """``type/subtype; name=value; name="value"`` read without the standard library (3x
    faster); None for anything else (comments, escapes, RFC 2231, a quoted ``;``)."""
    if "*" in value or "(" in value or "\\" in value or "'" in value:
        return None
    head, *items = value.split(";")
    ctype = head.strip().lower()
    if "/" not in ctype or " " in ctype:
        ctype = default
    found: dict[str, str] = {}
    for item in items:
        name, equals, text = item.partition("=")
        text = text.strip()
        quotes = text.count('"')
        if quotes:
            if quotes != 2 or not (text.startswith('"') and text.endswith('"')):
                return None
            text = text[1:-1]
        if equals:
            found.setdefault(name.strip().lower(), text)
    return ctype, found


def _read_part(tree: Tree, data: bytes, start: int, end: int, depth: int, in_message: bool,
               default: str = "text/plain") -> Part:  # fmt: skip
    limits = tree.limits
    tree.parts_made += 1
    body_start = header_end(data, start, end)
    headers = read_header_block(data[start:body_start], limits)
    ctype, params = content_type_of(headers, default)
    part = Part(tree, data, start, body_start, end, headers, ctype, params, depth, in_message)
    if depth >= limits.max_depth or tree.parts_made >= limits.max_parts:
        if ctype.startswith(("multipart/", "message/")):
            tree.warnings.append(f"MIME parts below depth {depth} not read (limits)")
        return part
    if ctype.startswith("multipart/"):
        _split_multipart(tree, part, in_message)
    elif ctype in MESSAGE_TYPES:
        inner, inner_start, inner_end = _enclosed_span(part)
        part.enclosed = _read_part(tree, inner, inner_start, inner_end, depth + 1, True)
    elif ctype in HEADERS_TYPES:
        inner, inner_start, inner_end = _enclosed_span(part)
        block_end = header_end(inner, inner_start, inner_end)
        inner_headers = read_header_block(inner[inner_start:block_end], limits)
        part.enclosed = Part(tree, inner, inner_start, block_end, block_end, inner_headers,
                             "text/rfc822-headers", {}, depth + 1, True)  # fmt: skip
    return part


def _enclosed_span(part: Part) -> tuple[bytes, int, int]:
    """Where the message (or header block) a part encloses lies: its own body, or, for one
    sent with a transfer encoding (base64, rare but seen), the decoded copy of it."""
    encoding = (part.header("Content-Transfer-Encoding") or "").strip().lower()
    if encoding not in ("base64", "quoted-printable"):
        return part.data, part.body_start, part.end
    decoded = part.decoded().replace(b"\r\n", b"\n")
    return decoded, 0, len(decoded)


def _split_multipart(tree: Tree, part: Part, in_message: bool) -> None:
    """The children of a multipart, from its boundary lines (RFC 2046 section 5.1.1)."""
    boundary = part.params.get("boundary", "").encode("utf-8", "surrogateescape")
    spans = _boundary_spans(part.data, part.body_start, part.end, boundary, tree.limits)
    if spans is None:
        # No usable boundary: the body is read as one text part (a notice whose MIME headers
        # promise parts it does not have still has readable text).
        part.content_type, part.params = "text/plain", {"charset": part.params.get("charset", "")}
        if part.depth == 0:
            tree.structure_broken = True
        tree.warnings.append("multipart without its boundary, read as text")
        return
    preamble_end, children = spans
    part.preamble = part.data[part.body_start : preamble_end]
    digest = part.content_type == "multipart/digest"
    ours = part.explanation or boundary.startswith(EXPLANATION_BOUNDARY_PREFIX + b"alt_")
    for child_start, child_end in children:
        if tree.parts_made >= tree.limits.max_parts:
            tree.warnings.append(f"more than {tree.limits.max_parts} MIME parts: the rest not read")
            break
        default = "message/rfc822" if digest else "text/plain"
        child = _read_part(tree, part.data, child_start, child_end, part.depth + 1, in_message,
                           default)  # fmt: skip
        child.explanation = ours
        part.children.append(child)


def _boundary_spans(
    data: bytes, start: int, end: int, boundary: bytes, limits: Limits
) -> tuple[int, list[tuple[int, int]]] | None:
    """(end of the preamble, [(start, end) of each body part]) of a multipart body, or None when
    no delimiter line is found. A delimiter line is ``--boundary`` at the start of a line,
    followed only by white space (``--boundary--`` closes); the line break before it belongs to
    the delimiter. One pass over the body."""
    if not boundary or len(boundary) > 200:
        return None
    marker = b"--" + boundary
    delimiters: list[tuple[int, int, bool]] = []  # (line start, line end, closing)
    position = start
    while True:
        found = data.find(marker, position, end)
        if found < 0:
            break
        position = found + len(marker)
        if found != start and data[found - 1 : found] != b"\n":
            continue
        line_end = data.find(b"\n", position, end)
        line_end = end if line_end < 0 else line_end
        rest = data[position:line_end]
        closing = rest.startswith(b"--")
        if rest[2 if closing else 0 :].strip(b" \t"):
            continue  # "--boundaryX": another (longer) boundary, not this one
        delimiters.append((found, line_end, closing))
        if closing or len(delimiters) > limits.max_parts:
            break
        position = line_end
    if not delimiters:
        return None
    children: list[tuple[int, int]] = []
    for index, (_line_start, line_end, closing) in enumerate(delimiters):
        if closing:
            break
        child_start = min(line_end + 1, end)
        if index + 1 < len(delimiters):
            child_end = max(child_start, delimiters[index + 1][0] - 1)  # before its line break
        else:
            child_end = end  # no closing delimiter: the part runs to the end
        children.append((child_start, child_end))
    preamble_end = max(start, delimiters[0][0] - 1)
    return preamble_end, children


def _from_base64(body: bytes) -> bytes:
    """Base64 as mail carries it: line breaks and stray characters ignored, bad padding
    repaired (the last incomplete group is dropped)."""
    try:
        return binascii.a2b_base64(body)
    except binascii.Error:
        pass
    compact = bytes(c for c in body if c in _BASE64_ALPHABET)
    compact = compact[: len(compact) - len(compact) % 4]
    try:
        return binascii.a2b_base64(compact)
    except binascii.Error:
        return b""


_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
