"""Bytes of mail to text: charsets as mail labels them, RFC 2047 encoded words, HTML.

Mail mislabels its charsets all the time (``us-ascii`` over UTF-8, ``gb2312`` over GBK, no label
over Shift_JIS or ISO-2022-JP); each function here falls back to a reading that loses nothing
it can keep, and none raises.
"""

from __future__ import annotations

import codecs
from email.header import decode_header
from html import unescape

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


#: RFC 2047 words are decoded in the first this many characters of a header value (the
#: standard library's decoder slows down much faster than the value grows); the rest of an
#: unusually long value is kept as written.
ENCODED_WORDS_IN = 8192


def decode_header_value(raw: bytes) -> str:
    """A header value as text: raw 8-bit bytes read like a body (UTF-8 first), RFC 2047
    encoded words decoded in their charsets (with the same fallbacks)."""
    text = decode_bytes(raw) if not raw.isascii() else raw.decode("ascii")
    if "=?" not in text:
        return text
    if len(text) > ENCODED_WORDS_IN:
        cut = text.rfind(" ", 0, ENCODED_WORDS_IN)
        cut = cut if cut > 0 else ENCODED_WORDS_IN
        return _encoded_words(text[:cut]) + text[cut:]
    return _encoded_words(text)


def _encoded_words(text: str) -> str:
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


#: Elements that start a new line of text; elements whose content is not text at all.
_BLOCKS = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre",
     "blockquote", "hr", "ul", "ol", "dt", "dd", "section", "article", "header", "footer"}
)  # fmt: skip
_SKIPPED = frozenset({"script", "style", "head", "title"})
#: The longest tag read as a tag; a longer one, or one that does not close before the next
#: ``<``, is text.
MAX_TAG = 4096
_NAME_END = frozenset(" \t\r\n/>")


def html_to_text(html: str) -> str:
    """The text a person reads in an HTML part, one paragraph per block, blank lines between
    blocks collapsed to one; comments, scripts and styles dropped, entities decoded.

    Read with ``str.find`` from tag to tag, each search starting where the last stopped, so
    the cost is linear in the page: the standard library's HTML parser scans from every
    unclosed ``<`` to the end of the text, and thousands of them took minutes."""
    lowered = html.lower() if len(html.lower()) == len(html) else html
    pieces: list[str] = []
    position = 0
    while True:
        start = html.find("<", position)
        if start < 0:
            break
        if html.startswith("<!--", start):  # a comment, whatever it holds
            end = html.find("-->", start + 4)
            pieces.append(html[position:start])
            position = len(html) if end < 0 else end + 3
            continue
        opener = html[start + 1 : start + 2]
        if opener in ("!", "?"):  # a declaration or processing instruction: to the first ">"
            close = html.find(">", start, start + MAX_TAG)
        elif opener.isalpha() or opener == "/":
            close = _tag_end(html, start)
        else:
            close = -1
        if close < 0:  # a "<" that opens no tag: text
            pieces.append(html[position : start + 1])
            position = start + 1
            continue
        pieces.append(html[position:start])
        tag = html[start + 1 : close]
        ending = tag.startswith("/")
        name = _tag_name(tag[1:] if ending else tag)
        position = close + 1
        if name in _SKIPPED and not ending and not tag.endswith("/"):
            end = lowered.find("</" + name, position)  # its content is not text
            position = len(html) if end < 0 else end
        elif name in _BLOCKS:
            pieces.append("\n")
        elif name == "td" and not ending:
            pieces.append(" ")
    pieces.append(html[position:])
    lines = [" ".join(line.split()) for line in unescape("".join(pieces)).split("\n")]
    text: list[str] = []
    for line in lines:
        if line or (text and text[-1]):
            text.append(line)
    return "\n".join(text).strip("\n")


def _tag_end(html: str, start: int) -> int:
    """Where the tag opened at ``start`` closes (its ``>``), or -1 when it does not close
    within :data:`MAX_TAG` characters or another tag opens first. A ``<`` or ``>`` inside a
    double-quoted attribute value does not count. Each ``find`` looks at most MAX_TAG
    characters ahead."""
    limit = min(len(html), start + MAX_TAG)
    close = html.find(">", start, limit)
    opening = html.find("<", start + 1, limit)
    while True:
        first = min(x for x in (close, opening) if x >= 0) if close >= 0 or opening >= 0 else -1
        if first < 0:
            return -1
        if html.count('"', start, first) % 2 == 0:  # outside quotes
            return first if first == close else -1
        quote = html.find('"', first, limit)  # inside a value: go on after it
        if quote < 0:
            return -1
        close = html.find(">", quote, limit)
        opening = html.find("<", quote, limit)


def _tag_name(tag: str) -> str:
    """The lower-case element name at the start of a tag's text ("p", "br" ...); "" for a
    comment, a declaration or a processing instruction."""
    end = 0
    while end < len(tag) and end < 32 and tag[end] not in _NAME_END:
        end += 1
    name = tag[:end].lower()
    return name if name[:1].isalpha() else ""
