"""Microsoft Exchange 5.5 to 2003 plain-text non-delivery reports.

These predate Exchange's RFC 3464 reports: the text repeats the returned message's To, Subject
and Sent date, then lists "address on DATE" with the reason and an MSEXCH code below.
Patterns: rules/formats/exchange2003.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class Exchange2003Extractor:
    name = "exchange2003"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "exchange2003", self.name)
