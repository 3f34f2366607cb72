"""RFC 5965 Abuse Reporting Format (feedback-loop complaints): never a bounce."""

from __future__ import annotations

from ..detect import Evidence
from ..model import Interpretation, RecipientStatus
from ..parse import MimePart, ParsedMessage
from .dsn import clean_address, split_groups
from .original import find_original

#: Fields naming the complaining recipient: RFC 5965 Original-Rcpt-To, and the older
#: Removal-Recipient of opt-out reports (draft-shafranovich-feedback-report).
RECIPIENT_FIELDS = ("original-rcpt-to", "removal-recipient")


def _report_fields(parsed: ParsedMessage, part: MimePart) -> list[tuple[str, str]]:
    """The feedback-report fields (one header-like block), lower-case names."""
    return [f for group in split_groups(parsed.text(part)) for f in group.fields]


class ArfReader:
    name = "arf"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        part = parsed.first_part("message/feedback-report")
        if part is None and parsed.report_type() != "feedback-report":
            return None
        report = Interpretation(kind="feedback", format=self.name)
        report.original = find_original(parsed)
        fields = _report_fields(parsed, part) if part is not None else []
        values = dict(reversed(fields))
        recipients = [clean_address(v) for n, v in fields if n in RECIPIENT_FIELDS]
        if not recipients and report.original is not None:
            recipients = list(report.original.to)
        most = parsed.limits.max_recipients
        if len(recipients) > most:
            parsed.warnings.append(f"more than {most} recipients: the rest not read")
            recipients = recipients[:most]
        extra = {k: v for k, v in fields if k.startswith(("feedback", "user"))}
        for address in recipients or [None]:
            report.recipients.append(
                RecipientStatus(
                    address=address,
                    category="feedback",
                    diagnostic=values.get("feedback-type"),
                    extra_fields=dict(extra),
                )
            )
        report.reporting_mta = values.get("reporting-mta")
        return report
