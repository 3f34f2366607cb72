"""The result objects of the library: what a bounce says, per message and per recipient.

Everything here is plain data (dataclasses) and serialises to the JSON report of
docs/report-schema.md (``to_dict``). Times are timezone-aware ``datetime`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from .vocabulary import KINDS, Category, Kind, Refused, WhoActs

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "Interpretation",
    "JSONValue",
    "OriginalMessage",
    "RecipientStatus",
]

#: A JSON value, as ``to_dict`` returns them (``json.dumps`` writes them as they are).
JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | float | bool | None"

#: The version of the JSON report's schema (bounceinterp/schema/report.schema.json), in every
#: report: a minor version adds fields, a major one may remove or rename (docs/report-schema.md).
SCHEMA_VERSION = "1.0"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class OriginalMessage:
    """Headers of the returned (original) message, as far as the bounce carries them."""

    message_id: str | None = None
    subject: str | None = None
    date: datetime | None = None
    from_address: str | None = None
    to: list[str] = field(default_factory=list)
    content_language: str | None = None
    accept_language: str | None = None
    #: Every header of the returned message, decoded, in order (name, value).
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """First value of header ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        return next((v for n, v in self.headers if n.lower() == wanted), None)

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "message_id": self.message_id,
            "subject": self.subject,
            "date": _iso(self.date),
            "from": self.from_address,
            "to": list(self.to),
            "content_language": self.content_language,
            "accept_language": self.accept_language,
        }


@dataclass
class RecipientStatus:
    """One recipient of a report: what happened (from the report) and why (from classification)."""

    address: str | None = None
    original_address: str | None = None
    action: str | None = None
    status: str | None = None
    reply_code: int | None = None
    diagnostic: str | None = None
    #: The type prefix of Diagnostic-Code (``smtp``, ``x-unix``, ...), lower case.
    diagnostic_type: str | None = None
    remote_mta: str | None = None
    #: The SMTP command the remote server's refusal answered (RCPT, DATA, MAIL, CONNECT).
    command: str | None = None
    #: Who the refusal was about: ``recipient``, ``sender`` (the envelope sender), ``host`` (the
    #: sending server) or ``message``, when the bounce says it.
    refused: Refused | None = None
    last_attempt: datetime | None = None
    will_retry_until: datetime | None = None
    #: Per-recipient fields the parser did not map to an attribute (``X-`` fields and the like).
    extra_fields: dict[str, str] = field(default_factory=dict)
    # --- decided by classification ---
    category: Category = "undefined"
    #: Will sending the same message to the same address again fail the same way? From the
    #: status class (a 4.x.x may work later), else the category's usual answer.
    permanent: bool | None = None
    #: Has the sending server stopped trying (the message was returned)? True for a failure,
    #: whatever the status class (an expiry after retries is final and yet not permanent);
    #: False for a delay, which the server is still retrying.
    final: bool | None = None
    who_acts: WhoActs | None = None
    facts: dict[str, str] = field(default_factory=dict)
    rule: str | None = None
    confidence: float = 0.0
    #: The text or code the deciding rule matched on.
    evidence: str | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "address": self.address,
            "original_address": self.original_address,
            "action": self.action,
            "status": self.status,
            "reply_code": self.reply_code,
            "diagnostic": self.diagnostic,
            "diagnostic_type": self.diagnostic_type,
            "remote_mta": self.remote_mta,
            "command": self.command,
            "refused": self.refused,
            "last_attempt": _iso(self.last_attempt),
            "will_retry_until": _iso(self.will_retry_until),
            "extra_fields": dict(self.extra_fields),
            "category": self.category,
            "permanent": self.permanent,
            "final": self.final,
            "who_acts": self.who_acts,
            "facts": dict(self.facts),
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
        }


@dataclass
class Interpretation:
    """What ``bounceinterp.interpret`` found in one message."""

    kind: Kind = "not_a_bounce"
    #: Which extractor read the message (``rfc3464``, ``rfc6533``, ``arf``, ``rfc3834``, ...);
    #: None when nothing recognised it.
    format: str | None = None
    reporting_mta: str | None = None
    arrival_date: datetime | None = None
    received_from_mta: str | None = None
    original_envelope_id: str | None = None
    dsn_gateway: str | None = None
    #: Per-message fields the parser did not map to an attribute (``X-Postfix-Queue-ID``, ...).
    extra_fields: dict[str, str] = field(default_factory=dict)
    original: OriginalMessage | None = None
    recipients: list[RecipientStatus] = field(default_factory=list)
    #: Subject and From of the bounce itself, for display.
    subject: str | None = None
    from_address: str | None = None
    #: The report's own technical text, verbatim: the delivery-status part of a DSN, else the
    #: text of the notice (bounce, auto-reply, complaint report). For people who want the
    #: original words; not part of ``to_dict()``.
    technical_text: str | None = None
    #: Problems met while reading a malformed message (never fatal).
    warnings: list[str] = field(default_factory=list)
    #: The evidence detection saw (signal name, what was seen), in the order it looked.
    detection: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_bounce(self) -> bool:
        """True for a failure or a delay notice: something the sender must know about."""
        return self.kind in ("failure", "delay")

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "schema_version": SCHEMA_VERSION,
            "is_bounce": self.is_bounce,
            "kind": self.kind,
            "format": self.format,
            "reporting_mta": self.reporting_mta,
            "arrival_date": _iso(self.arrival_date),
            "received_from_mta": self.received_from_mta,
            "original_envelope_id": self.original_envelope_id,
            "dsn_gateway": self.dsn_gateway,
            "extra_fields": dict(self.extra_fields),
            "original": self.original.to_dict() if self.original else None,
            "recipients": [r.to_dict() for r in self.recipients],
            "detection": [{"signal": name, "seen": seen} for name, seen in self.detection],
            "warnings": list(self.warnings),
        }
