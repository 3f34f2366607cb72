"""RFC 3834 automatic replies (vacation, out-of-office): never a bounce.

Tried last, because bounces too are marked ``Auto-Submitted: auto-replied``.
"""

from __future__ import annotations

from ..model import Interpretation, RecipientStatus
from ..original import _first_address
from ..parse import ParsedMessage

#: Headers that, with these values, mark an automatic reply.
AUTO_REPLY_HEADERS = {
    "auto-submitted": ("auto-replied",),
    "x-autoreply": ("yes", "true"),
    "x-autorespond": None,
    "x-autoresponder": None,
}


class AutoReplyExtractor:
    name = "rfc3834"

    def extract(self, parsed: ParsedMessage) -> Interpretation | None:
        if not self._is_auto_reply(parsed):
            return None
        report = Interpretation(kind="auto_reply", format=self.name)
        report.recipients.append(
            RecipientStatus(
                address=_first_address(parsed.header("From")),
                category="vacation",
                who_acts="nobody",
            )
        )
        return report

    @staticmethod
    def _is_auto_reply(parsed: ParsedMessage) -> bool:
        for name, values in AUTO_REPLY_HEADERS.items():
            value = parsed.header(name)
            if value is None:
                continue
            if values is None or value.strip().lower().split(";")[0].strip() in values:
                return True
        return False
