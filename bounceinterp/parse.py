"""Step 1 of the pipeline: raw bytes to a MIME tree that never raises, with safe accessors.

``parse(raw)`` makes line endings LF, reads the MIME structure (``mime``) within the limits
(``limits``) and gives the later steps what they ask for: headers, the parts of a type, the
decoded text of a part, and the human-readable text of the notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .limits import DEFAULT_LIMITS, Limits
from .mime import Part, Tree, header_end, read_tree
from .mime import read_header_block as mime_header_block
from .textcodec import html_to_text

MimePart = Part


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
    """A message as the readers see it: the MIME tree plus safe accessors."""

    raw: bytes
    tree: Tree
    limits: Limits = DEFAULT_LIMITS
    _parts: list[Part] | None = None
    _body_text: str | None = None
    _texts: dict[tuple[int, int], str] = field(default_factory=dict)
    #: What readers work out once per message and share (the lowered notice text ...).
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Part | None:
        return self.tree.root

    @property
    def warnings(self) -> list[str]:
        return self.tree.warnings

    @property
    def read_as_plain_text(self) -> bool:
        """The top-level MIME structure was unusable and the body was read as one text part,
        so the transfer encodings of the parts it holds (quoted-printable) are still there."""
        return self.tree.structure_broken

    def header(self, name: str, part: Part | None = None) -> str | None:
        """Decoded value of header ``name`` of ``part`` (default: the top level), or None."""
        part = part if part is not None else self.root
        return part.header(name) if part is not None else None

    def headers(self, part: Part | None = None) -> list[tuple[str, str]]:
        """Every header of ``part`` (default: the top level), decoded, in order."""
        part = part if part is not None else self.root
        return part.headers if part is not None else []

    def parts(self) -> list[Part]:
        """Every part of the tree, top level first, depth first, including enclosed messages."""
        if self._parts is None:
            self._parts = list(self.root.walk()) if self.root is not None else []
        return self._parts

    def report_type(self) -> str | None:
        """The ``report-type`` parameter of a top-level multipart/report, lower case."""
        root = self.root
        if root is None or root.content_type != "multipart/report":
            return None
        value = root.params.get("report-type")
        return value.strip().lower() if value else None

    def first_part(self, *ctypes: str) -> Part | None:
        return next(self.parts_of(*ctypes), None)

    def parts_of(self, *ctypes: str) -> Iterator[Part]:
        """The parts of one of ``ctypes``, in tree order."""
        return (p for p in self.parts() if p.content_type in ctypes)

    def text(self, part: Part | None, limit: int | None = None) -> str:
        """The decoded body of a part as text ('' when it has none): at most ``limit``
        characters (default ``max_text``; a delivery-status report gets more room, one group
        per recipient), with a warning when there was more."""
        if part is None:
            return ""
        limit = limit or self.limits.max_text
        key = (id(part), limit)
        if key not in self._texts:
            text = part.text()
            if len(text) > limit:
                self.warnings.append(
                    f"{part.content_type} part longer than {limit} characters: the rest not read"
                )
                text = text[:limit]
            self._texts[key] = text
        return self._texts[key]

    def body_text(self) -> str:
        """The human-readable text of the message: its text/plain parts outside enclosed
        messages and attachments, else its text/html parts as text, else the preamble of its
        multipart. Computed once: every reader asks for it."""
        if self._body_text is None:
            texts = [self.text(p) for p in self._human_parts("text/plain")]
            if not any(t.strip() for t in texts):
                texts = [html_to_text(self.text(p)) for p in self._human_parts("text/html")]
            if not any(t.strip() for t in texts) and self.root is not None:
                texts = [self.root.preamble.decode("utf-8", "replace")]
            text = "\n".join(t for t in texts if t)
            if len(text) > self.limits.max_text:
                self.warnings.append(
                    f"notice longer than {self.limits.max_text} characters: the rest not read"
                )
                text = text[: self.limits.max_text]
            self._body_text = text
        return self._body_text

    def _human_parts(self, ctype: str) -> Iterator[Part]:
        for part in self.parts():
            own = part.content_type == ctype and not (part.enclosed_in_message or part.explanation)
            if own and (not part.is_attachment or part is self.root):
                yield part


def content_type(part: Part | None) -> str | None:
    return part.content_type if part is not None else None


def read_header_block(text: str, limits: Limits = DEFAULT_LIMITS) -> list[tuple[str, str]]:
    """The header fields at the start of ``text`` (a header block pasted into a notice, or a
    text/rfc822-headers body), unfolded, encoded words decoded."""
    data = normalize_newlines(text.lstrip("\n").encode("utf-8", "surrogateescape"))
    return mime_header_block(data[: header_end(data, 0, len(data))], limits)


def parse(raw: bytes | str, limits: Limits = DEFAULT_LIMITS) -> ParsedMessage:
    """Parse raw mail within ``limits``. Never raises. A message larger than
    ``limits.max_message_bytes`` is read up to that size, with a warning."""
    data = to_bytes(raw)
    cut = len(data) > limits.max_message_bytes
    if cut:
        data = data[: limits.max_message_bytes]
    data = normalize_newlines(data)
    tree = read_tree(data, limits)
    _restore_subject(tree)
    if cut:
        tree.warnings.append(
            f"message larger than {limits.max_message_bytes} bytes: only its beginning was read"
        )
    return ParsedMessage(raw=data, tree=tree, limits=limits)


def _restore_subject(tree: Tree) -> None:
    """A bounce rewritten by ``bounceinterp.rewrite`` carries its own Subject in
    X-Bounce-Original-Subject: the readers see that one, as if it had not been rewritten."""
    root = tree.root
    if root is None or root.header("X-Bounce-Rewritten") is None:
        return
    original = root.header("X-Bounce-Original-Subject")
    if original is not None:
        root.headers = [(n, original if n.lower() == "subject" else v) for n, v in root.headers]
    elif any(part.explanation for part in root.walk()):  # rewritten, and it had no Subject
        root.headers = [(n, v) for n, v in root.headers if n.lower() != "subject"]
