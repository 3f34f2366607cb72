"""fml mailing-list manager refusals (not a member, post not allowed).

The list is the failed recipient. Patterns: rules/formats/fml.yaml; procedure: listnotice.
"""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .listnotice import read_list_notice


class FmlExtractor:
    name = "fml"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_list_notice(parsed, "fml", self.name)
