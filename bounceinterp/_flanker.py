"""Import flanker quietly.

flanker 0.9.11 builds its PLY address grammars at import time and logs a page of "Symbol ... is
unreachable" warnings, and its address lexer logs a warning for every odd character it meets in
an address header. Bounces are full of odd addresses; nobody using bounceinterp needs to see
those, so both loggers are limited to errors (before the import for the grammar warnings, and
again after it, because the lexer module sets its own level when imported).
"""

from __future__ import annotations

import logging

_QUIET = ("flanker.addresslib._parser.parser", "flanker.addresslib._parser.lexer")
for _name in _QUIET:
    logging.getLogger(_name).setLevel(logging.ERROR)

from flanker import mime  # noqa: E402
from flanker.mime.message.headers.encodedword import mime_to_unicode  # noqa: E402

for _name in _QUIET:
    logging.getLogger(_name).setLevel(logging.ERROR)


def _teach_rfc6533_types() -> None:
    """flanker 0.9.11 predates RFC 6533: its scanner rejects a whole message as "Malformed"
    when it meets message/global, message/global-delivery-status or message/global-headers,
    or any other message/* type it does not know. Map the RFC 6533 types onto their RFC 3464
    counterparts and read any other unknown message/* part as a single opaque part."""
    from flanker.mime.message.headers.wrappers import ContentType

    known = {
        "message/rfc822",
        "message/news",
        "message/delivery-status",
        "message/feedback-report",
        "message/external-body",
        "message/disposition-notification",
        "message/global",
        "message/global-delivery-status",
        "message/global-headers",
        "message/global-disposition-notification",
    }
    container, delivery_status = ContentType.is_message_container, ContentType.is_delivery_status
    rfc_headers, singlepart = ContentType.is_rfc_headers, ContentType.is_singlepart
    ContentType.is_message_container = lambda self: container(self) or self == "message/global"
    ContentType.is_delivery_status = lambda self: (
        delivery_status(self) or self == "message/global-delivery-status"
    )
    ContentType.is_rfc_headers = lambda self: rfc_headers(self) or self == "message/global-headers"
    ContentType.is_singlepart = lambda self: (
        singlepart(self) or (self.main == "message" and self.value.lower() not in known)
    )


_teach_rfc6533_types()

__all__ = ["mime", "mime_to_unicode"]
