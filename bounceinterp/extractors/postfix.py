"""Postfix bounce(8) text without a delivery-status part.

Old Postfix versions, postmaster copies, and gateways that flatten the MIME structure leave
only the text: "<address>: reason" blocks, continuation lines indented. A text whose DSN
fields survived inline is read here too (its recipients are the same). The patterns are in
rules/formats/postfix.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class PostfixExtractor:
    name = "postfix"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "postfix", self.name)
