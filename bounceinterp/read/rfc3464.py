"""RFC 3464 delivery status notifications (RFC 6522 multipart/report) and their RFC 6533
internationalised form (message/global-delivery-status, UTF-8 addresses and text)."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage, content_type
from .base import kind_from_actions
from .dsn import read_report
from .original import find_original
from .poordsn import complete_from_text

STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")


class Rfc3464Extractor:
    name = "rfc3464"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        part = parsed.first_part(*STATUS_TYPES)
        if part is None:
            return None
        report = Interpretation(format=self.name)
        if content_type(part) == "message/global-delivery-status":
            report.format = "rfc6533"
        report.recipients = read_report(parsed.text(part), report)
        if not report.recipients:
            parsed.warnings.append("delivery-status part without recipient fields")
            return None
        report.original = find_original(parsed)
        for recipient in report.recipients:
            if recipient.action is None:
                recipient.action = action_from_status(recipient.status)
        report.kind = kind_from_actions(report.recipients)
        complete_from_text(report, parsed)
        return report


def action_from_status(status: str | None) -> str:
    """The action a report that omits it implies: from the status class, else failed."""
    if status and status.startswith("2"):
        return "delivered"
    if status and status.startswith("4"):
        return "delayed"
    return "failed"
