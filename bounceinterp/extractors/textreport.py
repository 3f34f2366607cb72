"""Plain-text notices of providers and appliances, one pattern file per family.

Yahoo, Gmail's plain text, Office 365, GMX, Zoho, mail filters and the like all write the same
kind of notice: a sentence that says a message could not be delivered, one block per recipient
(an address, then the server's answer), and often the returned message pasted after a dividing
line. Only the wording differs, so the wording lives in ``rules/formats/<family>.yaml`` and this
module holds the one reading procedure. Pattern names a family file may define:

``sender``, ``subject``, ``mailer``
    Must match the From, Subject, X-Mailer header (each optional). A family without ``sender``
    only reads messages from mail software (MAILER-DAEMON, postmaster, ``<>``), so that a notice
    quoted in a person's mail is not taken for a bounce.
``start`` (required)
    Where the notice's recipient list starts; its absence means "not this family".
``marker``
    A second phrase that must also be present somewhere in the text.
``end``
    The line that introduces the returned message (text after it is the original message).
``recipients_end``
    Where the recipient list stops, when diagnostics follow it (default: ``end``).
``recipient`` (required)
    One recipient; group ``address``, optional groups ``diagnostic`` and ``host``. The text
    between two recipient matches is the first one's block.
``diagnostic``, ``host``
    Searched in the recipient's block, then in the whole notice; group ``text`` / ``host``.
``reporter``
    The server that wrote the notice (group ``host``), for ``reporting_mta``.
``noise``
    Removed from a diagnostic (boilerplate prefixes such as "Remote host said:").
``reply``, ``status``
    Reply code and status in a diagnostic written in a non-SMTP way (group ``reply``/``status``).
``delayed``
    In the notice or the Subject: the notice is a delay warning, not a failure.

A family file may also carry ``options: {fallback: [...]}``: where to take recipients from when
the text names none (``x_failed_recipients``, ``original_to``; default both, in that order).
"""

from __future__ import annotations

import quopri
from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns
from ..dsn import complete_codes, reply_code_from_text, status_from_text
from ..model import Interpretation, OriginalMessage, RecipientStatus
from ..original import find_original, from_header_text
from ..parse import ParsedMessage
from ..resources import load_yaml, rules_dir
from .base import kind_from_actions
from .text import failed_recipients_header, is_daemon_sender

DEFAULT_FALLBACK = ("x_failed_recipients", "original_to")


@dataclass
class _Block:
    address: str
    text: str
    diagnostic: str | None = None
    host: str | None = None


class TextReportExtractor:
    """Reads the plain-text notices of one family described by ``rules/formats/<family>.yaml``."""

    def __init__(self, family: str) -> None:
        self.name = family

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        pats = patterns.format_patterns(self.name)
        if not _headers_match(parsed, pats):
            return None
        if "sender" not in pats and not is_daemon_sender(parsed):
            return None
        text = readable_text(parsed)
        start = patterns.search(pats["start"], text)
        if start is None:
            return None
        end = _search(pats, "end", text, start.start())
        notice = text[: end.start()] if end else text
        if "marker" in pats and patterns.search(pats["marker"], text) is None:
            return None
        stop = _search(pats, "recipients_end", notice, start.start())
        area_end = stop.start() if stop else len(notice)
        blocks = _blocks(pats, notice, start.start(), area_end)
        report = Interpretation(format=self.name)
        report.reporting_mta = _squash(_group(pats, "reporter", "host", notice))
        report.original = find_original(parsed)
        if report.original is None and end is not None:
            report.original = from_header_text(_refold(_after_line(text, end.end())))
        if not blocks:
            blocks = [
                _Block(address, "")
                for address in _fallback(parsed, report.original, _options(self.name))
            ]
        if not blocks:
            return None
        delayed = _search(pats, "delayed", notice) or _search(
            pats, "delayed", parsed.header("Subject") or ""
        )
        report.recipients = [
            _recipient(pats, block, notice, "delayed" if delayed else "failed") for block in blocks
        ]
        report.kind = kind_from_actions(report.recipients)
        return report


def readable_text(parsed: ParsedMessage) -> str:
    """The notice's human-readable text. When the MIME structure was unreadable and the message
    was read as plain text, quoted-printable parts are still encoded: decode them."""
    text = parsed.body_text()
    fell_back = any(w.startswith("unreadable MIME structure") for w in parsed.warnings)
    if fell_back and ("=\n" in text or "=3D" in text):
        raw = text.encode("utf-8", "surrogateescape")
        text = quopri.decodestring(raw).decode("utf-8", "replace")
    return text


def _after_line(text: str, pos: int) -> str:
    """The text after the line that contains ``pos``."""
    newline = text.find("\n", pos)
    return text[newline + 1 :] if newline >= 0 else ""


def _refold(text: str) -> str:
    """A pasted header block whose continuation lines lost their indentation: indent every line
    of the block that does not start a header field, so that it reads as a continuation."""
    header_line = patterns.format_patterns("textreport")["header_field"]
    head, sep, rest = text.lstrip("\n").partition("\n\n")
    lines = head.split("\n")
    fixed = [
        line
        if index == 0 or line[:1] in " \t" or patterns.search(header_line, line)
        else " " + line
        for index, line in enumerate(lines)
    ]
    return "\n".join(fixed) + sep + rest


def _headers_match(parsed: ParsedMessage, pats: dict[str, regex.Pattern]) -> bool:
    for key, header in (("sender", "From"), ("subject", "Subject"), ("mailer", "X-Mailer")):
        if key in pats and patterns.search(pats[key], parsed.header(header) or "") is None:
            return False
    return True


def _search(
    pats: dict[str, regex.Pattern], key: str, text: str, pos: int = 0
) -> regex.Match | None:
    return patterns.search(pats[key], text, pos) if key in pats else None


def _blocks(pats: dict[str, regex.Pattern], notice: str, begin: int, end: int) -> list[_Block]:
    """One block per distinct address; a repeated address adds its text to the first block."""
    area = notice[:end]
    matches = [m for m in patterns.finditer(pats["recipient"], area) if m.start() >= begin]
    found: dict[str, _Block] = {}
    for index, match in enumerate(matches):
        address = _clean(match.group("address"))
        if not address:
            continue
        stop = matches[index + 1].start() if index + 1 < len(matches) else end
        block = found.setdefault(address.lower(), _Block(address, ""))
        block.text += area[match.end() : stop] + "\n"
        groups = match.groupdict()
        block.diagnostic = block.diagnostic or groups.get("diagnostic")
        block.host = block.host or groups.get("host")
    return list(found.values())


def _recipient(
    pats: dict[str, regex.Pattern], block: _Block, notice: str, action: str
) -> RecipientStatus:
    raw = block.diagnostic or _group(pats, "diagnostic", "text", block.text, notice) or block.text
    if "noise" in pats:
        raw = patterns.sub(pats["noise"], " ", raw)
    diagnostic = _squash(raw)
    recipient = RecipientStatus(
        address=block.address,
        action=action,
        diagnostic=diagnostic,
        remote_mta=block.host or _squash(_group(pats, "host", "host", block.text, notice)),
    )
    if diagnostic:
        recipient.status = status_from_text(diagnostic) or _group(
            pats, "status", "status", diagnostic
        )
        code = reply_code_from_text(diagnostic) or _group(pats, "reply", "reply", diagnostic)
        recipient.reply_code = int(code) if code else None
    complete_codes(recipient)
    return recipient


def _group(pats: dict[str, regex.Pattern], key: str, group: str, *texts: str) -> str | None:
    """Group ``group`` of pattern ``key`` in the first text where it matches."""
    if key not in pats:
        return None
    for text in texts:
        match = patterns.search(pats[key], text)
        if match is not None:
            return match.groupdict().get(group) or match.group(0)
    return None


def _squash(value: str | None) -> str | None:
    """Whitespace runs (line breaks included) become one space; empty becomes None."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _clean(address: str | None) -> str | None:
    if not address:
        return None
    cleaned = address.strip().strip("<>\"'").strip()
    if cleaned.lower().startswith("mailto:"):
        cleaned = cleaned[7:]
    return cleaned.rstrip(".,;:") or None


def _fallback(parsed: ParsedMessage, original: OriginalMessage | None, options: dict) -> list[str]:
    for source in options.get("fallback", DEFAULT_FALLBACK):
        if source == "x_failed_recipients":
            found = failed_recipients_header(parsed)
        elif source == "original_to":
            found = list(original.to) if original else []
        else:
            found = []
        if found:
            return found
    return []


@cache
def _options(family: str) -> dict:
    return load_yaml(rules_dir() / "formats" / f"{family}.yaml").get("options") or {}
