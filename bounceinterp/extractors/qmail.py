"""qmail-send bounces (netqmail, qmail-ldap, vpopmail): plain text, one block per recipient.

qmail never sends a machine-readable report; every bounce is final (qmail sends no delay
warnings). The per-recipient text is qmail-remote's: which host refused, and what it said.
The patterns are in rules/formats/qmail.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class QmailExtractor:
    name = "qmail"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "qmail", self.name)
