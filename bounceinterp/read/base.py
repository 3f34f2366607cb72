"""The shape every reader has."""

from __future__ import annotations

from typing import Protocol

from ..detect import Evidence
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from ..vocabulary import Kind


class Reader(Protocol):
    #: The value of ``Interpretation.format`` this reader produces.
    name: str

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        """An Interpretation with the recipients this reader finds, else None (the next reader
        is asked). A reader that recognises a notice but finds no recipient answers None."""
        ...


def kind_from_actions(recipients: list[RecipientStatus]) -> Kind:
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
