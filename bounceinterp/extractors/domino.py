"""IBM (Lotus) Domino non-delivery text: "was not delivered to: ... because: ...".

One reason is written once for all the listed recipients. Patterns: rules/formats/domino.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class DominoExtractor:
    name = "domino"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "domino", self.name)
