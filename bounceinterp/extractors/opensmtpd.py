"""OpenSMTPD bounces and delay notices: "address: reason" lines.

Recent OpenSMTPD versions also attach a message/delivery-status part (read by the RFC 3464
extractor first); older ones send the text alone. The patterns are in
rules/formats/opensmtpd.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class OpensmtpdExtractor:
    name = "opensmtpd"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "opensmtpd", self.name)
