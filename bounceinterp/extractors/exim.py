"""Exim plain-text bounces and delay warnings (Exim 4), and the older Exim 3 framing.

Exim 4 sends RFC 3464 reports only when configured to; its usual bounce is text with the
failed addresses indented by two spaces and the reason by four, plus an X-Failed-Recipients
header. A pipe or file delivery names the command and, on the next line, the address that
generated it: that address is the recipient. Patterns: rules/formats/exim.yaml, exim3.yaml.
"""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class EximExtractor:
    name = "exim"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "exim", self.name) or read_blocks(parsed, "exim3", self.name)
