"""Evidence that a bounced message had been forwarded, for explaining authentication failures.

A forwarder that relays mail without rewriting the envelope sender (SRS) makes the final server's
SPF check fail against the original sender's domain. The bounce shows it in several ways, looked
at in this order: an SRS address in the returned message's Return-Path, an Original-Recipient
that differs from the Final-Recipient, an X-Forwarded-To header, and a Received header added for
an address other than the final recipient. The patterns are in ``rules/classify/forwarding.yaml``.
"""

from __future__ import annotations

from .. import patterns
from ..model import Interpretation, OriginalMessage, RecipientStatus

_FORWARD_HEADERS = ("x-forwarded-to", "x-forwarded-for", "x-original-to", "delivered-to")


def _pattern(name: str):
    return patterns.named(name, "classify/forwarding.yaml")


def forwarded_by(recipient: RecipientStatus, report: Interpretation) -> str | None:
    """The host or domain that forwarded the message to ``recipient``, when the bounce shows it."""
    original = report.original or OriginalMessage()
    final = _lower(recipient.address)
    for name in ("return-path", "sender"):
        value = original.header(name)
        found = patterns.search(_pattern("srs_address"), value) if value else None
        if found:
            return found.group("host").lower()
    first = _domain(recipient.original_address)
    original_address = _lower(recipient.original_address)
    if first and final and original_address != final and first != _domain(final):
        return report.reporting_mta or first
    by_host, for_address = _top_received(original)
    for name in _FORWARD_HEADERS:
        value = _lower(original.header(name))
        if value and final and final not in value and "@" in value:
            return by_host or report.reporting_mta or _domain(value)
    if by_host and for_address and final and for_address != final:
        return by_host
    return None


def _top_received(original: OriginalMessage) -> tuple[str | None, str | None]:
    """``by`` host and ``for`` address of the most recent Received header of the message."""
    value = original.header("received")
    if not value:
        return None, None
    by = patterns.search(_pattern("received_by"), value)
    for_ = patterns.search(_pattern("received_for"), value)
    return (
        by.group("host").lower() if by else None,
        for_.group("address").lower() if for_ else None,
    )


def _lower(value: str | None) -> str | None:
    return value.strip().strip("<>").lower() if value else None


def _domain(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].strip().strip(">").lower() or None
