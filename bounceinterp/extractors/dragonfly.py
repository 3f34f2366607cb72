"""DragonFly Mail Agent (dma) bounces: one recipient per notice, plain text.

dma writes the recipient in a sentence, the remote host's answer after a blank line, then the
returned message's headers. The patterns are in rules/formats/dragonfly.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class DragonflyExtractor:
    name = "dragonfly"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "dragonfly", self.name)
