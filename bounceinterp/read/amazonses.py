"""Amazon SES event notifications sent as e-mail (SES -> SNS -> e-mail subscription).

The text is a JSON document: ``notificationType`` (or ``eventType``) ``Bounce`` with
``bounce.bouncedRecipients`` (emailAddress, action, status, diagnosticCode) and ``bounceType``
(``Permanent`` / ``Transient``); ``Complaint`` (a feedback-loop report, never a bounce); or
``Delivery`` (a success notice). An SNS envelope may wrap it, with the document as a string in
its ``Message`` field. Structure is read with ``json``; no pattern applies to the wording.
The JSON is not trusted to have the documented types: a field of another type counts as absent
and a scalar is read as text.
"""

from __future__ import annotations

import json
from typing import Any

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation, OriginalMessage, RecipientStatus
from ..parse import ParsedMessage
from .base import kind_from_actions
from .dsn import complete_codes, status_from_text, strip_type
from .original import from_headers
from .text import notice_text


class AmazonSesReader:
    name = "amazonses-json"
    #: Recognised by its JSON, not by detection's signals (``read.UNDETECTED_READERS``).
    recognises_by_headers = True

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        document = _document(notice_text(parsed))
        if document is None:
            return None
        kind = (_text(document.get("notificationType") or document.get("eventType")) or "").lower()
        report = Interpretation(format=self.name)
        report.original = _original(document.get("mail"))
        if kind == "bounce":
            bounce = _dict(document.get("bounce"))
            report.reporting_mta = strip_type(_text(bounce.get("reportingMTA")))[1]
            report.recipients = _bounced(bounce)
            report.kind = kind_from_actions(report.recipients)
        elif kind == "complaint":
            report.kind = "feedback"
            complaint = _dict(document.get("complaint"))
            report.recipients = [
                RecipientStatus(
                    address=_text(r.get("emailAddress")),
                    category="feedback",
                    diagnostic=_text(complaint.get("complaintFeedbackType")),
                )
                for r in _list(complaint.get("complainedRecipients"))
                if isinstance(r, dict)
            ]
        elif kind == "delivery":
            report.kind = "success"
            delivery = _dict(document.get("delivery"))
            report.reporting_mta = _text(delivery.get("reportingMTA"))
            report.recipients = [
                _delivered(address, delivery)
                for address in map(_text, _list(delivery.get("recipients")))
                if address
            ]
        else:
            return None
        return report if report.recipients else None


def _dict(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """``value`` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    """A scalar (string, number, boolean) as text; None when absent, empty or structured."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value) or None


def _document(text: str) -> dict[str, Any] | None:
    """The SES notification in ``text``, unwrapped from an SNS envelope when there is one.

    A mail server that enforces RFC 5322's 998-character lines breaks a long JSON line
    anywhere, even inside a string; line breaks are never part of valid JSON text (they are
    escaped in strings), so a document that does not read as it is is read again without them.
    """
    match = patterns.search(patterns.format_patterns("amazonses")["json_start"], text)
    if match is None:
        return None
    json_text = text[match.start() :]
    document = _decoded(json_text)
    if document is None and "\n" in json_text:
        document = _decoded(json_text.replace("\n", ""))
    if document is not None and isinstance(document.get("Message"), str):
        inner = _decoded(document["Message"])
        document = inner if inner is not None else _decoded(document["Message"].replace("\n", ""))
    return document


def _decoded(text: str) -> dict[str, Any] | None:
    try:
        document, _ = json.JSONDecoder().raw_decode(text)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to read
        return None
    return document if isinstance(document, dict) else None


def _bounced(bounce: dict[str, Any]) -> list[RecipientStatus]:
    transient = (_text(bounce.get("bounceType")) or "").lower() == "transient"
    recipients = []
    for entry in _list(bounce.get("bouncedRecipients")):
        address = _text(entry.get("emailAddress")) if isinstance(entry, dict) else None
        if not address:
            continue
        action = (_text(entry.get("action")) or ("delayed" if transient else "failed")).lower()
        diagnostic_type, diagnostic = strip_type(_text(entry.get("diagnosticCode")))
        recipient = RecipientStatus(
            address=address,
            action=action,
            status=status_from_text(_text(entry.get("status"))) or status_from_text(diagnostic),
            diagnostic=diagnostic,
            diagnostic_type=diagnostic_type,
        )
        recipient.extra_fields = {
            k: value for k in ("bounceType", "bounceSubType") if (value := _text(bounce.get(k)))
        }
        complete_codes(recipient)
        recipients.append(recipient)
    return recipients


def _delivered(address: str, delivery: dict[str, Any]) -> RecipientStatus:
    recipient = RecipientStatus(
        address=address,
        action="delivered",
        diagnostic=_text(delivery.get("smtpResponse")),
        remote_mta=_text(delivery.get("remoteMtaIp")),
    )
    recipient.status = status_from_text(recipient.diagnostic)
    complete_codes(recipient)
    return recipient


def _original(mail: Any) -> OriginalMessage | None:
    if not isinstance(mail, dict):
        return None
    headers = [
        (name, _text(h.get("value")) or "")
        for h in _list(mail.get("headers"))
        if isinstance(h, dict) and (name := _text(h.get("name")))
    ]
    if not headers:
        subject = _text(_dict(mail.get("commonHeaders")).get("subject"))
        headers = [("Subject", subject)] if subject else []
    found = from_headers(headers)
    if not found.message_id:
        found.message_id = _text(mail.get("messageId"))
    return found
