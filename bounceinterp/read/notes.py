"""Lotus Notes (R4/R5 SMTP MTA) non-delivery text.

The "Failure Reasons" section mixes the reason lines and the failed addresses (each alone on a
line, after its reason); Japanese servers write the reason in ISO-2022-JP, often without
declaring the charset (``parse`` decodes it). Patterns: rules/formats/notes.yaml.
"""

from __future__ import annotations

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .text import (
    address_list,
    build,
    notice_text,
    one_line,
    recipient,
    split_returned,
)


class NotesReader:
    name = "notes"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        pats = patterns.format_patterns("notes")
        text = notice_text(parsed)
        start = patterns.search(pats["recognise"], text)
        if start is None or not evidence.from_mail_system:
            return None
        section, returned = split_returned(text[start.end() :], pats["returned"])
        addresses: list[str] = []
        reasons: list[str] = []
        for line in section.split("\n"):
            if patterns.search(pats["address_line"], line):
                addresses.extend(address_list(line))
            elif line.strip():
                reasons.append(line)
        diagnostic = one_line("\n".join(reasons))
        return build(self.name, parsed, [recipient(a, diagnostic) for a in addresses], returned)
