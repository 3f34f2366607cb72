"""Bytes of mail to text: charsets as mail labels them, RFC 2047 encoded words, HTML.

Mail mislabels its charsets all the time (``us-ascii`` over UTF-8, ``gb2312`` over GBK, no label
over Shift_JIS or ISO-2022-JP); each function here falls back to a reading that loses nothing
it can keep, and none raises.
"""

from __future__ import annotations

import codecs
from email.header import decode_header
from html import unescape
from html.parser import HTMLParser

#: Labels seen in mail mapped to the codec that reads what is really sent under them (the
#: superset that mail programs write in practice).
_CHARSET_FOR_LABEL = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "ms_kanji": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "ansi_x3.4-1968": "utf-8",
    "iso-8859-8-i": "iso-8859-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
    "x-user-defined": "utf-8",
    "utf8": "utf-8",
}

#: Escape sequences that switch an ISO-2022 text (Japanese, Korean, Chinese) to another set.
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(B", b"\x1b$(D", b"\x1b$)C")


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label names no known charset."""
    if not label:
        return None
    name = label.strip().strip('"').lower()
    name = _CHARSET_FOR_LABEL.get(name, name)
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """``data`` as text: in ``charset`` when it is a real one and fits, else as UTF-8, else as
    ISO-2022-JP when its escape sequences say so, else as windows-1252 (which reads any byte)."""
    if not data:
        return ""
    codec = codec_for(charset)
    if codec is not None and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeError:
        text = None
    if b"\x1b" in data and any(escape in data for escape in _ISO2022_ESCAPES):
        for candidate in ("iso2022_jp_ext", "iso2022_jp_2", "iso2022_kr"):
            try:
                return data.decode(candidate)
            except UnicodeError:
                continue
    if text is not None:
        return text
    if codec is not None and codec != "utf-8":
        return data.decode(codec, "replace")
    return (
        data.decode("cp1252", "replace").replace("\ufffd", "?")
        if _is_cp1252(data)
        else (data.decode("latin-1"))
    )


def _is_cp1252(data: bytes) -> bool:
    """windows-1252 leaves five byte values undefined; latin-1 reads those."""
    return not any(b in data for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def decode_header_value(raw: bytes) -> str:
    """A header value as text: raw 8-bit bytes read like a body (UTF-8 first), RFC 2047
    encoded words decoded in their charsets (with the same fallbacks)."""
    text = decode_bytes(raw) if not raw.isascii() else raw.decode("ascii")
    if "=?" not in text:
        return text
    try:
        chunks = decode_header(text)
    except Exception:  # the standard library's decoder can trip on broken words
        return text
    # Plain chunks of a non-ASCII value come back as raw-unicode-escape bytes.
    plain = "raw-unicode-escape" if not text.isascii() else None
    return "".join(
        chunk
        if isinstance(chunk, str)
        else chunk.decode(plain, "replace")
        if charset is None and plain
        else decode_bytes(chunk, charset)
        for chunk, charset in chunks
    )


class _TextOfHtml(HTMLParser):
    """The readable text of an HTML document: block elements become line breaks, scripts and
    styles are dropped, entities decoded."""

    BLOCKS = frozenset(
        {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre",
         "blockquote", "hr", "ul", "ol", "dt", "dd", "section", "article", "header", "footer"}
    )  # fmt: skip
    SKIPPED = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.pieces.append("\n")
        elif tag == "td":
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def html_to_text(html: str) -> str:
    """The text a person reads in an HTML part, one paragraph per block, blank lines between
    blocks collapsed to one."""
    reader = _TextOfHtml()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # HTMLParser is lenient, but never let a page stop the reading
        return unescape(html)
    lines = [" ".join(line.split()) for line in "".join(reader.pieces).split("\n")]
    text: list[str] = []
    for line in lines:
        if line or (text and text[-1]):
            text.append(line)
    return "\n".join(text).strip("\n")
