"""Completes a poor RFC 3464 report from its own human-readable text; never replaces it.

Some reports carry a delivery-status part that lacks what the text says: no Diagnostic-Code,
a generic ``5.0.0`` status, or a Final-Recipient that is a pipe command or a mailbox file
(Exim's "pipe to |..." deliveries) instead of an address. When a text reader recognises the
same message's text, its findings fill those gaps: per recipient by address, else by position
when both list the same number of recipients. The report keeps its format and fields.

Called by ``rfc3464`` on the report it has just read; when nothing is missing it does nothing.
"""

from __future__ import annotations

from ..detect import Evidence
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from .dsn import complete_codes, is_generic
from .text import address_list

#: Extractors that read reports, not texts: never asked to complete one.
_NOT_TEXT = frozenset({"rfc3464", "rfc6533", "mdn", "arf", "rfc3834", "general"})


def complete_from_text(report: Interpretation, parsed: ParsedMessage, evidence: Evidence) -> None:
    """Fill the gaps of a poor report from the first text reader that reads its text."""
    if not any(_is_poor(r) for r in report.recipients):
        return
    from . import READERS  # the text readers, in their documented order

    for reader in READERS:
        if reader.name in _NOT_TEXT:
            continue
        found = reader.read(parsed, evidence)
        if found is not None and found.is_bounce:
            _complete(report, found.recipients)
            if report.original is None:
                report.original = found.original
            return
    _diagnostics_from_paragraphs(report, parsed.body_text())


def _diagnostics_from_paragraphs(report: Interpretation, text: str) -> None:
    """No extractor knows this text: a recipient without a diagnostic takes the paragraph of
    the text that names its address ("<a@example.com>: 550 user unknown ...")."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    for recipient in report.recipients:
        if recipient.diagnostic or not recipient.address:
            continue
        wanted = recipient.address.lower()
        naming = (p for p in paragraphs if wanted in p.lower() and len(p) > len(wanted) + 4)
        recipient.diagnostic = next(naming, None)
        complete_codes(recipient)


def _is_poor(recipient: RecipientStatus) -> bool:
    """No diagnostic, no address, or a generic status that the diagnostic does not make
    specific (``complete_codes`` has already tried)."""
    return (
        not recipient.diagnostic
        or not _is_address(recipient.address)
        or (is_generic(recipient.status) and recipient.reply_code is None)
    )


def _is_address(value: str | None) -> bool:
    return bool(value) and address_list(value) == [value]


def _better_status(status: str | None, candidate: str | None) -> bool:
    """A specific status of the same class where the report has a generic one (or none)."""
    if not is_generic(status) or candidate is None or is_generic(candidate):
        return False
    return status is None or status[0] == candidate[0]


def _complete(report: Interpretation, texts: list[RecipientStatus]) -> None:
    by_address = {t.address.lower(): t for t in texts if t.address}
    positional = len(texts) == len(report.recipients)
    for index, recipient in enumerate(report.recipients):
        text = by_address.get((recipient.address or "").lower())
        if text is None and positional:
            text = texts[index]
        if text is None:
            continue
        delivery_target = None  # a pipe command or a mailbox file instead of an address
        if not _is_address(recipient.address) and text.address:
            delivery_target = recipient.address
            recipient.original_address = recipient.original_address or recipient.address
            recipient.address = text.address
        if not recipient.diagnostic:
            said = [part for part in (delivery_target, text.diagnostic) if part]
            recipient.diagnostic = ": ".join(said) or None
            recipient.diagnostic_type = recipient.diagnostic_type or text.diagnostic_type
        recipient.remote_mta = recipient.remote_mta or text.remote_mta
        if recipient.reply_code is None:
            recipient.reply_code = text.reply_code
        if _better_status(recipient.status, text.status):
            recipient.status = text.status
        complete_codes(recipient)
