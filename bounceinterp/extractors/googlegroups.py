"""Google Groups refusals: the group does not exist or does not take the post.

The list is the failed recipient. Patterns: rules/formats/googlegroups.yaml; procedure: listnotice.
"""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .listnotice import read_list_notice


class GooglegroupsExtractor:
    name = "googlegroups"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_list_notice(parsed, "googlegroups", self.name)
