"""Ipswitch IMail Server "Undeliverable Mail" notices.

A reason line per recipient ("Unknown user: a@example.org") or "undeliverable to" followed by
the relay's answer; the returned message after "Original message follows.". The patterns are in
rules/formats/imailserver.yaml."""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .text import read_blocks


class ImailserverExtractor:
    name = "imailserver"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_blocks(parsed, "imailserver", self.name)
