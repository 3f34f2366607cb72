"""Delivery-status fields pasted into the text of a notice (no message/delivery-status part).

Amazon WorkMail writes "Technical report:" followed by ``Reporting-MTA``, ``Action``,
``Final-Recipient``, ``Diagnostic-Code`` and ``Status`` lines in its text/plain part; some
appliances do the same. The fields are read like a real report (``dsn.read_report``).
"""

from __future__ import annotations

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .base import kind_from_actions
from .dsn import read_report
from .original import find_original
from .rfc3464 import action_from_status
from .text import notice_text


class InlineDsnReader:
    name = "inline-dsn"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        pats = patterns.format_patterns("inlinedsn")
        text = notice_text(parsed)
        if not evidence.from_mail_system or patterns.search(pats["recipient_field"], text) is None:
            return None
        first = patterns.search(pats["fields"], text)
        if first is None:
            return None
        report = Interpretation(format=self.name)
        report.recipients = [r for r in read_report(text[first.start() :], report) if r.address]
        if not report.recipients:
            return None
        for recipient in report.recipients:
            recipient.action = recipient.action or action_from_status(recipient.status)
        report.original = find_original(parsed)
        report.kind = kind_from_actions(report.recipients)
        return report
