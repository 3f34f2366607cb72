"""The shape every format extractor has."""

from __future__ import annotations

from typing import Protocol

from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage


class Extractor(Protocol):
    #: The value of ``Interpretation.format`` this extractor produces.
    name: str

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        """An Interpretation when this extractor recognises the message, else None."""
        ...


def kind_from_actions(recipients: list[RecipientStatus]) -> str:
    """The report's kind from its recipients' actions: any failure makes it a failure report."""
    actions = {r.action for r in recipients}
    if "failed" in actions:
        return "failure"
    if "delayed" in actions:
        return "delay"
    if "delivered" in actions:
        return "success"
    if actions & {"relayed", "expanded"}:
        return "relayed"
    return "failure"
