"""RFC 3834 automatic replies (vacation, out-of-office): never a bounce.

Tried last, because bounces too are marked ``Auto-Submitted: auto-replied``: every bounce
reader has had its turn. A notice from mail software itself (MAILER-DAEMON, postmaster)
that no reader could read is still not an auto-reply. Markers: rules/formats/rfc3834.yaml.
"""

from __future__ import annotations

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from .original import first_address
from .text import headers_match


class AutoReplyReader:
    name = "rfc3834"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        if not self._is_auto_reply(parsed) or evidence.has("mail_software_sender"):
            return None
        report = Interpretation(kind="auto_reply", format=self.name)
        report.recipients.append(
            RecipientStatus(
                address=first_address(parsed.header("From")),
                category="vacation",
                who_acts="nobody",
            )
        )
        return report

    @staticmethod
    def _is_auto_reply(parsed: ParsedMessage) -> bool:
        if headers_match(parsed, "rfc3834", any_one=True):
            return True
        pats = patterns.format_patterns("rfc3834")
        return patterns.search(pats["subject"], parsed.header("Subject") or "") is not None
