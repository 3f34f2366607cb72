"""Amazon SES event notifications sent as e-mail (SES -> SNS -> e-mail subscription).

The text is a JSON document: ``notificationType`` (or ``eventType``) ``Bounce`` with
``bounce.bouncedRecipients`` (emailAddress, action, status, diagnosticCode) and ``bounceType``
(``Permanent`` / ``Transient``); ``Complaint`` (a feedback-loop report, never a bounce); or
``Delivery`` (a success notice). An SNS envelope may wrap it, with the document as a string in
its ``Message`` field. Structure is read with ``json``; no pattern applies to the wording.
"""

from __future__ import annotations

import json
from typing import Any

from .. import patterns
from ..dsn import complete_codes, status_from_text, strip_type
from ..model import Interpretation, OriginalMessage, RecipientStatus
from ..original import from_headers
from ..parse import ParsedMessage
from .base import kind_from_actions
from .text import notice_text


class AmazonSesExtractor:
    name = "amazonses-json"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        document = _document(notice_text(parsed))
        if document is None:
            return None
        kind = str(document.get("notificationType") or document.get("eventType") or "").lower()
        report = Interpretation(format=self.name)
        report.original = _original(document.get("mail"))
        if kind == "bounce":
            bounce = document.get("bounce") or {}
            report.reporting_mta = strip_type(bounce.get("reportingMTA"))[1]
            report.recipients = _bounced(bounce)
            report.kind = kind_from_actions(report.recipients)
        elif kind == "complaint":
            report.kind = "feedback"
            complaint = document.get("complaint") or {}
            report.recipients = [
                RecipientStatus(
                    address=r.get("emailAddress"),
                    category="feedback",
                    diagnostic=complaint.get("complaintFeedbackType"),
                )
                for r in complaint.get("complainedRecipients") or []
                if isinstance(r, dict)
            ]
        elif kind == "delivery":
            report.kind = "success"
            delivery = document.get("delivery") or {}
            report.reporting_mta = delivery.get("reportingMTA")
            report.recipients = [
                _delivered(address, delivery) for address in delivery.get("recipients") or []
            ]
        else:
            return None
        return report if report.recipients else None


def _document(text: str) -> dict[str, Any] | None:
    """The SES notification in ``text``, unwrapped from an SNS envelope when there is one."""
    match = patterns.search(patterns.format_patterns("amazonses")["json_start"], text)
    if match is None:
        return None
    try:
        document, _ = json.JSONDecoder().raw_decode(text[match.start() :])
    except ValueError:
        return None
    if isinstance(document, dict) and isinstance(document.get("Message"), str):
        try:
            document = json.loads(document["Message"])
        except ValueError:
            return None
    return document if isinstance(document, dict) else None


def _bounced(bounce: dict[str, Any]) -> list[RecipientStatus]:
    transient = str(bounce.get("bounceType", "")).lower() == "transient"
    recipients = []
    for entry in bounce.get("bouncedRecipients") or []:
        if not isinstance(entry, dict) or not entry.get("emailAddress"):
            continue
        action = str(entry.get("action") or ("delayed" if transient else "failed")).lower()
        diagnostic_type, diagnostic = strip_type(entry.get("diagnosticCode"))
        recipient = RecipientStatus(
            address=str(entry["emailAddress"]),
            action=action,
            status=status_from_text(entry.get("status")) or status_from_text(diagnostic),
            diagnostic=diagnostic,
            diagnostic_type=diagnostic_type,
        )
        recipient.extra_fields = {
            k: str(bounce[k]) for k in ("bounceType", "bounceSubType") if bounce.get(k)
        }
        complete_codes(recipient)
        recipients.append(recipient)
    return recipients


def _delivered(address: str, delivery: dict[str, Any]) -> RecipientStatus:
    recipient = RecipientStatus(
        address=str(address),
        action="delivered",
        diagnostic=delivery.get("smtpResponse"),
        remote_mta=delivery.get("remoteMtaIp"),
    )
    recipient.status = status_from_text(recipient.diagnostic)
    complete_codes(recipient)
    return recipient


def _original(mail: Any) -> OriginalMessage | None:
    if not isinstance(mail, dict):
        return None
    headers = [
        (str(h.get("name")), str(h.get("value")))
        for h in mail.get("headers") or []
        if isinstance(h, dict) and h.get("name")
    ]
    if not headers:
        common = mail.get("commonHeaders") or {}
        headers = [("Subject", str(common["subject"]))] if common.get("subject") else []
    found = from_headers(headers)
    if not found.message_id and mail.get("messageId"):
        found.message_id = str(mail["messageId"])
    return found
