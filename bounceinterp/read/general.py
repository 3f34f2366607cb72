"""The general reader: who failed, in a notice that no family reader knows.

Detection has already said that the message is a bounce (or a delay warning). In the notice's
own text (before any returned message), the failed recipients are the addresses named near
failure wording or a quoted SMTP refusal: in the same paragraph, or in the list that a sentence
ending with a colon introduces ("... to the following recipients:"). The notice's own From,
To, Return-Path and Reply-To and the returned message's sender are never recipients. A bare
local part in such a list (a provider naming its own user) gets the domain of the notice's
sender. The diagnostic is the paragraph that names the address, or the sentence that
introduced the list when the paragraph is the address alone.

When the text names nobody: the addresses of X-Failed-Recipients, then the recipients (To, Cc)
of the returned message, with the notice's failure paragraph as their diagnostic; when a family
reader recognised the notice (``Evidence.recognised``), its reading of the diagnostic and the
action, under its name.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..detect import Evidence, split_notice
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from .original import first_address
from .text import address_list, build, failed_recipients_header, recipient, returned_message

#: How long a paragraph may be and still be read as one (longer "paragraphs" are cut in lines).
_PARAGRAPH = 1500
#: How many recipients the reader takes from one notice.
_MOST = 1000


@cache
def _pats() -> dict[str, regex.Pattern]:
    return patterns.pattern_file("detect.yaml")


@cache
def _shared() -> dict[str, regex.Pattern]:
    return patterns.format_patterns("text")


class GeneralReader:
    name = "general"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        if evidence.kind not in ("failure", "delay", "report", "disposition"):
            return None
        notice, returned = evidence.notice, evidence.returned
        if not notice:  # a report whose fields name nobody: its text is read
            notice, returned = split_notice(parsed)
        action = "delayed" if evidence.kind == "delay" else "failed"
        own = _own_addresses(parsed, returned)
        paragraphs = _paragraphs(notice)
        name = self.name
        found = _named(paragraphs, own, _sender_domain(parsed))
        if not found:
            cause = _failure_paragraph(paragraphs) or " ".join(notice.split())[:500]
            if evidence.recognised:  # a family knows where this notice says why
                family = evidence.recognised[0]
                name, action, cause = family.format, family.action, family.diagnostic or cause
            found = [(a, cause) for a in _fallback(parsed, returned, own)]
        recipients = [recipient(a, d, action=action) for a, d in found[:_MOST]]
        return build(name, parsed, recipients, returned)


def _paragraphs(text: str) -> list[str]:
    """The notice's paragraphs (blank-line separated), a long one cut into its lines."""
    result: list[str] = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        if len(block) > _PARAGRAPH:
            result.extend(line for line in block.split("\n") if line.strip())
        else:
            result.append(block)
    return result


def _says_failure(paragraph: str) -> bool:
    lowered = paragraph.lower()
    pats = _pats()
    return any(
        patterns.search(pats[name], lowered) is not None
        for name in ("failure_sentence", "delay_sentence", "smtp_failure_reply")
    )


def _introduces_list(paragraph: str) -> bool:
    """A failure sentence ending with a colon: the recipients follow it."""
    return paragraph.rstrip().endswith(":") and _says_failure(paragraph)


def _named(paragraphs: list[str], own: set[str], domain: str | None) -> list[tuple[str, str]]:
    """(address, diagnostic) for every address named near failure wording, in order: in a
    paragraph that says a failure, in the list such a paragraph introduces, or alone in a
    paragraph next to one ("Delivery to this address\n\n"a@b"\n\nhas failed ...")."""
    found: dict[str, tuple[str, str]] = {}
    failing = [_says_failure(p) for p in paragraphs]
    for index, paragraph in enumerate(paragraphs):
        intro = paragraphs[index - 1] if index and _introduces_list(paragraphs[index - 1]) else None
        addresses = [a for a in address_list(paragraph) if a.lower() not in own]
        alone = bool(addresses) and len(_without(paragraph, *addresses)) < 4
        beside = any(failing[i] for i in (index - 1, index + 1) if 0 <= i < len(paragraphs))
        if not (failing[index] or intro is not None or (alone and beside)):
            continue
        lines = paragraph.split("\n")
        tail = next((i for i, line in enumerate(lines) if _introduces_list(line)), None)
        if not addresses and domain and (intro is not None or tail is not None):
            start = 0 if intro is not None else (tail or 0) + 1
            addresses = _local_parts(lines[start:], domain)
        context = _context(paragraphs, index, intro, own)
        for address in addresses:
            if address.lower() not in found:
                found[address.lower()] = (address, _diagnostic(paragraph, addresses, context))
    return list(found.values())


def _without(paragraph: str, *addresses: str) -> str:
    """What a paragraph says besides the addresses it names."""
    for address in addresses:
        paragraph = paragraph.replace(address, "")
    return paragraph.strip(" \t\n<>:;,.()[]\"'")


def _context(paragraphs: list[str], index: int, intro: str | None, own: set[str]) -> str:
    """What is said around a paragraph that names addresses and nothing else: the sentence
    that introduced it and the reason given after it (a following paragraph that says a failure
    and names no other address)."""
    around = [intro] if intro is not None else []
    if intro is None and index:
        around.append(paragraphs[index - 1])
    if index + 1 < len(paragraphs):
        after = paragraphs[index + 1]
        others = [a for a in address_list(after) if a.lower() not in own]
        if not others and _says_failure(after):
            around.append(after)
    return " ".join(" ".join(p.split()) for p in around)


def _local_parts(lines: list[str], domain: str) -> list[str]:
    """Lines that hold one bare local part each (``mykewlaolacct``), as addresses at
    ``domain``."""
    found = []
    for line in lines:
        word = line.strip()
        if word and " " not in word and patterns.search(_shared()["local_part"], word):
            found.append(f"{word}@{domain}")
    return found


def _diagnostic(paragraph: str, addresses: list[str], context: str) -> str:
    """The paragraph that names the address, one line; the text around it (the sentence that
    introduced it, the reason after it) when the paragraph says nothing but addresses; in a
    transcript, the line that quotes the server's refusal of the address."""
    if len(_without(paragraph, *addresses)) < 4 and context:
        return context
    lines = [line for line in paragraph.split("\n") if line.strip()]
    if len(lines) > 3:  # a transcript: the line that quotes the refusal of this address
        reply = _pats()["smtp_failure_reply"]
        for line in lines:
            if any(a in line for a in addresses) and patterns.search(reply, line.lower()):
                return " ".join(line.split())
    return " ".join(paragraph.split())


def _failure_paragraph(paragraphs: list[str]) -> str | None:
    """The first quoted refusal (from its line to the end of its paragraph), else the first
    paragraph that says a failure."""
    pats = _pats()
    for name in ("smtp_failure_reply", "failure_sentence", "delay_sentence"):
        for paragraph in paragraphs:
            found = patterns.search(pats[name], paragraph.lower())
            if found is None:
                continue
            if name == "smtp_failure_reply":
                paragraph = paragraph[paragraph.rfind("\n", 0, found.start()) + 1 :]
            return " ".join(paragraph.split())
    return None


def _own_addresses(parsed: ParsedMessage, returned: str) -> set[str]:
    """Addresses that are the notice's own or the returned message's sender: never failed
    recipients."""
    own: set[str] = set()
    for name in ("From", "To", "Cc", "Return-Path", "Reply-To", "Sender", "Delivered-To",
                 "X-Original-To", "Envelope-To"):  # fmt: skip
        own.update(a.lower() for a in address_list(parsed.header(name)))
    original = returned_message(parsed, returned)
    if original is not None:
        sent_to = {a.lower() for a in [*original.to, *address_list(original.header("cc"))]}
        for name in ("from", "return-path"):
            own.update(
                a.lower() for a in address_list(original.header(name)) if a.lower() not in sent_to
            )
    return own


def _sender_domain(parsed: ParsedMessage) -> str | None:
    sender = first_address(parsed.header("From")) or ""
    return sender.rsplit("@", 1)[1].lower() if "@" in sender else None


def _fallback(parsed: ParsedMessage, returned: str, own: set[str]) -> list[str]:
    """X-Failed-Recipients, else the recipients of the returned message."""
    addresses = failed_recipients_header(parsed)
    if not addresses:
        original = returned_message(parsed, returned)
        if original is not None:
            addresses = [*original.to, *address_list(original.header("cc"))]
    seen: set[str] = set()
    result = []
    for address in addresses:
        if address.lower() not in seen and address.lower() not in own:
            seen.add(address.lower())
            result.append(address)
    return result


def empty_report(evidence: Evidence) -> Interpretation:
    """A bounce that detection recognised but no reader could read a recipient of."""
    return Interpretation(kind="delay" if evidence.kind == "delay" else "failure", format="general")


__all__ = ["GeneralReader", "RecipientStatus", "empty_report"]
