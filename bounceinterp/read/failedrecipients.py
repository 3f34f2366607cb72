"""Generic fallback: a notice from mail software that names its failed recipients only in an
``X-Failed-Recipients`` header (Exim adds it; so do Google and several filters).

Tried after every family that reads the text itself, since they know more (one diagnostic per
recipient). Here the notice's text, up to the returned message, is every recipient's diagnostic.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import patterns
from ..model import Interpretation
from ..parse import ParsedMessage
from .text import (
    build,
    failed_recipients_header,
    is_daemon_sender,
    notice_text,
    recipient,
    split_returned,
)


@cache
def _separator() -> regex.Pattern:
    return patterns.format_patterns("text")["returned_generic"]


class FailedRecipientsExtractor:
    name = "x-failed-recipients"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        addresses = failed_recipients_header(parsed)
        if not addresses or not is_daemon_sender(parsed):
            return None
        notice, returned = split_returned(notice_text(parsed), _separator())
        diagnostic = notice.strip()[:2000]
        return build(self.name, parsed, [recipient(a, diagnostic) for a in addresses], returned)
