"""RFC 5965 Abuse Reporting Format (feedback-loop complaints): never a bounce."""

from __future__ import annotations

from ..dsn import clean_address, split_groups
from ..model import Interpretation, RecipientStatus
from ..original import find_original
from ..parse import ParsedMessage


class ArfExtractor:
    name = "arf"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        part = parsed.first_part("message/feedback-report")
        if part is None and parsed.report_type() != "feedback-report":
            return None
        report = Interpretation(kind="feedback", format=self.name)
        report.original = find_original(parsed)
        fields = [f for g in split_groups(parsed.text(part)) for f in g.fields] if part else []
        values = dict(reversed(fields))
        recipients = [clean_address(v) for n, v in fields if n in ("original-rcpt-to",)]
        if not recipients and report.original is not None:
            recipients = list(report.original.to)
        for address in recipients or [None]:
            report.recipients.append(
                RecipientStatus(
                    address=address,
                    category="feedback",
                    diagnostic=values.get("feedback-type"),
                    extra_fields={k: v for k, v in fields if k.startswith(("feedback", "user"))},
                )
            )
        report.reporting_mta = values.get("reporting-mta")
        return report
