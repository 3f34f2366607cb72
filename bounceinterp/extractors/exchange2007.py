"""Microsoft Exchange 2007 and later, on premise: the text of a report without a usable
delivery-status part (Exchange normally attaches one, read by the RFC 3464 extractor first).

The administrators' section names each recipient and the server's answer; its headings are
localised. Patterns: rules/formats/exchange2007.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class Exchange2007Extractor:
    name = "exchange2007"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "exchange2007", self.name)
