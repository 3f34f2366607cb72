"""Rejections written as disposition notifications (RFC 8098 MDN): a Sieve ``reject`` (RFC 5429),
as Dovecot's LDA and Pigeonhole send it, refuses the message at delivery and tells the sender
with ``Disposition: automatic-action/MDN-sent-automatically; deleted`` and a sentence saying
why. Detection calls a disposition notification a failure only when its Subject or text says a
message was refused; a read receipt ("displayed", or "deleted" by the person) is not one.
"""

from __future__ import annotations

from ..detect import DISPOSITION_TYPES, Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .dsn import clean_address, split_groups
from .original import find_original
from .text import build, notice_text, one_line, recipient


class MdnReader:
    name = "mdn"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        if not evidence.has("disposition_report") or evidence.kind != "failure":
            return None
        fields: dict[str, str] = {}
        for part in parsed.parts_of(*DISPOSITION_TYPES):
            for group in split_groups(parsed.text(part)):
                for name, value in group.fields:
                    fields.setdefault(name, value)
        disposition = fields.get("disposition", "").lower()
        automatic = "automatic-action" in disposition or not disposition
        refused = any(word in disposition for word in ("deleted", "denied", "failed", "rejected"))
        if not (automatic and (refused or not disposition)):
            return None  # a person's receipt ("displayed", "manual-action ... deleted")
        address = clean_address(fields.get("final-recipient") or fields.get("original-recipient"))
        original = find_original(parsed)
        addresses = [address] if address else list(original.to) if original else []
        reason = one_line(notice_text(parsed)) or one_line(fields.get("disposition"))
        report = build(self.name, parsed, [recipient(a, reason) for a in addresses])
        if report is not None:
            report.reporting_mta = one_line(fields.get("reporting-ua"))
        return report
