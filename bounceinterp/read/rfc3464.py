"""RFC 3464 delivery status notifications (RFC 6522 multipart/report) and their RFC 6533
internationalised form (message/global-delivery-status, UTF-8 addresses and text).

Every delivery-status part of the report is read (some servers send one per recipient, or a
first one of prose); a report whose parts name no recipient is left to the next readers, which
read its text."""

from __future__ import annotations

from .. import patterns
from ..detect import STATUS_TYPES, Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .base import kind_from_actions
from .dsn import read_report
from .original import find_original
from .poordsn import complete_from_text


class Rfc3464Reader:
    name = "rfc3464"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        report = Interpretation(format=self.name)
        for part in parsed.parts_of(*STATUS_TYPES):
            if part.enclosed_in_message:
                continue  # a report inside a returned message is that message's business
            if part.content_type == "message/global-delivery-status":
                report.format = "rfc6533"
            text = parsed.text(part, parsed.limits.max_message_bytes)
            report.recipients.extend(read_report(text, report, parsed.limits.max_header_length))
        if not report.recipients:
            return None
        most = parsed.limits.max_recipients
        if len(report.recipients) > most:
            parsed.warnings.append(f"more than {most} recipients: the rest not read")
            del report.recipients[most:]
        report.original = find_original(parsed)
        typed = _expanded_from(parsed.body_text())
        for recipient in report.recipients:
            if recipient.action is None:
                recipient.action = action_from_status(recipient.status)
            if recipient.original_address is None and recipient.address:
                recipient.original_address = typed.get(recipient.address.lower())
        report.kind = kind_from_actions(report.recipients)
        complete_from_text(report, parsed, evidence)
        return report


def _expanded_from(text: str) -> dict[str, str]:
    """The addresses the sender wrote, by the final address, when the report's text says which
    alias was expanded (Postfix's "(expanded from <...>)")."""
    found = patterns.finditer(patterns.named("expanded_from"), text)
    return {m.group("final").lower(): m.group("original") for m in found}


def action_from_status(status: str | None) -> str:
    """The action a report that omits it implies: from the status class, else failed."""
    if status and status.startswith("2"):
        return "delivered"
    if status and status.startswith("4"):
        return "delayed"
    return "failed"
