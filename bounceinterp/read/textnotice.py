"""The one reading procedure for plain-text bounces; the wording lives in rules/formats/.

MTAs (qmail, Exim, Postfix...), providers (Yahoo, Gmail's plain text, Office 365...) and
appliances all write the same kind of notice: a sentence that says mail could not be delivered,
one block per recipient (an address, then the server's answer), and often the returned message
after a dividing line. Only the wording differs, so each family is a pattern file,
``rules/formats/<family>.yaml``, read by ``TextNoticeExtractor(family)``. The vocabulary
(every key optional unless marked; see also rules/formats/README.md):

``header:<Name>``
    The named header must match (``header:From``, ``header:Subject``, ``header:X-Mailer``...).
    A family without ``header:From`` only reads messages from mail software (MAILER-DAEMON,
    postmaster, ``<>``), so that a notice quoted in a person's mail is not taken for a bounce.
``recognise`` (required)
    Found in the text: this is the family's notice. Recipients are read from where it matches.
``recognise_subject``
    A Subject that recognises the notice as well (either this or ``recognise`` is enough).
``marker``
    A second phrase that must also be found somewhere in the text.
``list_start``
    Recipients are read from where this matches instead (from the top of the text when it is
    missing from a recognised notice).
``list_end``
    Where the recipient list stops, when more text follows it (default: ``returned``).
``returned``
    The line that introduces the returned message (searched from the recognised sentence). A
    zero-width match (``^(?=Received: )``) keeps its line, the returned message's first header.
``recipient`` (required)
    One recipient: group ``address`` (a bare local part is completed from X-Failed-Recipients),
    optional groups ``diagnostic``, ``host`` and ``original`` (the address the sender wrote,
    when the notice names the alias it expanded). The text that follows, up to the next match, is
    the recipient's block; an address named twice gathers both blocks.
``block_end``
    Where a block's text stops (default: at the first blank line after some text). ``'\\A'``
    leaves the block empty: a recipient named inside a sentence has no text of its own.
``diagnostic``
    The server's answer (group ``text``), searched in the recipient's block. Without a match the
    block itself is the diagnostic; a block with no text of its own takes the first match in the
    notice (one answer written once for several recipients).
``host``
    The remote MTA (group ``host``), searched like ``diagnostic``.
``reporter``
    The server that wrote the notice (group ``host``), for ``reporting_mta``.
``noise``
    Removed from a diagnostic (boilerplate such as "Remote host said:").
``reply``, ``status``
    Reply code and status in a diagnostic written in a non-SMTP way (group ``reply``/``status``).
``delayed``
    In the notice or the Subject: a delay warning, not a failure.

A recognised notice in which no recipient can be read is left to the next readers (the general
reader, ``general``, falls back to X-Failed-Recipients and the returned message).

Formats whose structure this cannot express keep their own module (sendmail, notes, listnotice,
amazonses, inlinedsn, failedrecipients).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from ..detect import Evidence, Recognised
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from .dsn import reply_code_from_text, status_from_text
from .text import (
    build,
    headers_match,
    notice_text,
    one_line,
    recipient,
    resolve_address,
    shared_patterns,
    split_returned,
)

Patterns = dict[str, regex.Pattern]


@dataclass
class _Block:
    address: str
    text: str = ""
    diagnostic: str | None = None
    host: str | None = None
    #: The address the sender wrote, when the notice names it (an alias it expanded).
    original: str | None = None


class TextNoticeReader:
    """Reads the plain-text notices described by ``rules/formats/<family>.yaml``; ``name`` is
    the ``Interpretation.format`` (default: the family; Exim 3's file reads as ``exim``)."""

    def __init__(self, family: str, name: str | None = None) -> None:
        self.family = family
        self.name = name or family

    @property
    def recognises_by_headers(self) -> bool:
        """A family that names its sender (``header:From``) recognises its notices by it, even
        when detection saw nothing (``read.UNDETECTED_READERS``)."""
        return "header:From" in patterns.format_patterns(self.family)

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        pats = patterns.format_patterns(self.family)
        if not headers_match(parsed, self.family):
            return None
        if "header:From" not in pats and not evidence.from_mail_system:
            return None
        text = notice_text(parsed)
        found = _recognise(parsed, pats["recognise"], text)
        if found is None and not _search(pats, "recognise_subject", parsed.header("Subject")):
            return None
        if "marker" in pats and patterns.search(pats["marker"], text) is None:
            return None
        begin = found.start() if found else 0
        notice, returned = text, ""
        if "returned" in pats:
            notice, returned = split_returned(text, pats["returned"], begin)
        if "list_start" in pats:
            start = patterns.search(pats["list_start"], notice)
            begin = start.start() if start else 0
        stop = _search(pats, "list_end", notice, begin)
        end_list = stop.start() if stop else len(notice)
        blocks, outside = _blocks(parsed, pats, notice, begin, end_list)
        delayed = _search(pats, "delayed", notice) or _search(
            pats, "delayed", parsed.header("Subject")
        )
        action = "delayed" if delayed else "failed"
        if not blocks:  # recognised, but no recipient to read: the next readers' turn
            said = _recipient(pats, _Block(""), notice, notice, action).diagnostic
            evidence.recognised.append(Recognised(self.name, said, action))
            return None
        found_recipients = [_recipient(pats, b, notice, outside, action) for b in blocks]
        report = build(self.name, parsed, found_recipients, returned)
        if report is not None:
            report.reporting_mta = one_line(_group(pats, "reporter", "host", notice))
        return report


def _recognise(parsed: ParsedMessage, pattern: regex.Pattern, text: str) -> regex.Match | None:
    """The family's introduction in ``text``; its literal words are looked for first (about
    thirty families are tried on a notice, and a substring test costs a tenth of a search)."""
    needed = patterns.required_literals(pattern)
    if needed is not None:
        lowered = parsed.memo.get("notice_lower")
        if lowered is None:
            lowered = parsed.memo["notice_lower"] = text.lower()
        if not any(literal in lowered for literal in needed):
            return None
    return patterns.search(pattern, text)


def _search(pats: Patterns, key: str, text: str | None, pos: int = 0) -> regex.Match | None:
    return patterns.search(pats[key], text, pos) if key in pats and text else None


def _blocks(
    parsed: ParsedMessage, pats: Patterns, notice: str, begin: int, end: int
) -> tuple[list[_Block], str]:
    """One block per distinct address (a repeated address adds its text to the first block),
    and the notice without the recipients and their blocks (what is said once for all)."""
    matches = patterns.finditer(pats["recipient"], notice, begin, end)
    block_end = pats.get("block_end") or shared_patterns()["paragraph_end"]
    found: dict[str, _Block] = {}
    outside: list[str] = []
    last = 0
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else end
        body = notice[match.end() : stop]
        cut = patterns.search(block_end, body)
        text = body[: cut.start()] if cut else body
        outside.append(notice[last : match.start()])
        last = match.end() + len(text)
        groups = match.groupdict()
        address = resolve_address(parsed, _clean(groups.get("address")))
        if not address:
            continue
        block = found.setdefault(address.lower(), _Block(address))
        block.text += text + "\n"
        block.diagnostic = block.diagnostic or groups.get("diagnostic")
        block.host = block.host or groups.get("host")
        block.original = block.original or _clean(groups.get("original"))
    outside.append(notice[last:])
    return list(found.values()), "\n".join(outside)


def _recipient(
    pats: Patterns, block: _Block, notice: str, outside: str, action: str
) -> RecipientStatus:
    own = "\n".join(filter(None, (block.diagnostic, block.text.strip("\n"))))
    scope = (own, outside) if own.strip() else (own, notice)
    raw = _group(pats, "diagnostic", "text", *scope) or own
    if "noise" in pats:
        raw = patterns.sub(pats["noise"], " ", raw)
    diagnostic = one_line(raw) or ""
    status = status_from_text(diagnostic) or _group(pats, "status", "status", diagnostic)
    code = reply_code_from_text(diagnostic) or _group(pats, "reply", "reply", diagnostic)
    host = block.host or _group(pats, "host", "host", *scope)
    found = recipient(
        block.address,
        diagnostic,
        action=action,
        status=status,
        reply_code=int(code) if code else None,
        remote_mta=one_line(host),
    )
    found.original_address = block.original
    return found


def _group(pats: Patterns, key: str, group: str, *texts: str) -> str | None:
    """Group ``group`` of pattern ``key`` in the first text where it matches."""
    if key not in pats:
        return None
    for text in texts:
        match = patterns.search(pats[key], text)
        if match is not None:
            return match.groupdict().get(group) or match.group(0)
    return None


def _clean(address: str | None) -> str | None:
    if not address:
        return None
    cleaned = address.strip().strip("<>\"'").strip()
    if cleaned.lower().startswith("mailto:"):
        cleaned = cleaned[7:]
    return cleaned.rstrip(".,;:") or None
