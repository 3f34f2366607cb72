"""GNU Mailman refusals sent to a poster (a held post is not a refusal).

The list is the failed recipient. Patterns: rules/formats/mailman.yaml; procedure: listnotice.
"""

from __future__ import annotations

from ..model import Interpretation
from ..parse import ParsedMessage
from .listnotice import read_list_notice


class MailmanExtractor:
    name = "mailman"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        return read_list_notice(parsed, "mailman", self.name)
