"""Sun Java System / Oracle Communications Messaging Server reports, read from their text.

The text carries the same fields as the report part (recipient, reason, diagnostic code, remote
system), so it stands in when that part is missing. Patterns: rules/formats/messagingserver.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class MessagingserverExtractor:
    name = "messagingserver"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "messagingserver", self.name)
