"""Notices of mailing-list managers that refuse a post (fml, Mailman, Google Groups).

The failed "recipient" is the list itself: the poster learns that the list did not take the
message (not a member, closed list, moderated away). The shared procedure, with the family's
patterns (``rules/formats/<family>.yaml``; the keys mean what they mean in ``textnotice``):

``header:<Name>`` (any number)
    Each must match the named header of the notice (the list software says who it is).
``rejected`` (required)
    The refusal sentence; an optional group ``address`` names the list.
``returned`` (optional)
    The line before the returned post.

The list's address comes from the refusal sentence, else X-Failed-Recipients, else the
List-Post / X-BeenThere / X-ML-Name headers: this is why these notices are not read by
``textnotice``, whose recipients are the addresses a notice lists.
"""

from __future__ import annotations

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .text import (
    address_list,
    build,
    failed_recipients_header,
    headers_match,
    notice_text,
    recipient,
    split_returned,
)

#: Headers that name a list's posting address.
LIST_HEADERS = ("List-Post", "X-BeenThere", "X-ML-Name", "List-Id")


class ListNoticeReader:
    """Reads the refusals of the list manager ``family`` (also the ``Interpretation.format``)."""

    #: Recognised by the list manager's own headers (``read.UNDETECTED_READERS``).
    recognises_by_headers = True

    def __init__(self, family: str) -> None:
        self.name = family

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        return read_list_notice(parsed, self.name)


def read_list_notice(parsed: ParsedMessage, family: str) -> Interpretation | None:
    pats = patterns.format_patterns(family)
    if not headers_match(parsed, family):
        return None
    text = notice_text(parsed)
    notice, returned = text, ""
    if "returned" in pats:
        notice, returned = split_returned(text, pats["returned"])
    refusal = patterns.search(pats["rejected"], notice)
    if refusal is None:
        return None
    named = refusal.groupdict().get("address")
    addresses = [named] if named else failed_recipients_header(parsed)
    for header in LIST_HEADERS:
        if not addresses:
            addresses = address_list(parsed.header(header))
    diagnostic = notice.strip()[:2000]
    return build(family, parsed, [recipient(a, diagnostic) for a in addresses[:1]], returned)
