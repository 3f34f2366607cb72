"""Courier mail server notices whose text comes without a usable delivery-status part.

Courier normally sends RFC 3464 reports (read first); its text part also stands alone when a
gateway drops the report part. The patterns are in rules/formats/courier.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class CourierExtractor:
    name = "courier"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "courier", self.name)
