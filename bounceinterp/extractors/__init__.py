"""Format extractors: each recognises one family of reports and reads its recipients.

Every extractor has the same shape (see ``base.Extractor``): ``extract(parsed)`` returns an
``Interpretation`` when it recognises the message, else None. ``EXTRACTORS`` is tried in order
and the first answer wins. The order is part of the design: standard machine-readable reports
first (they are exact), then the non-standard texts of real MTAs and providers, and last the
auto-reply check, because many bounces also carry ``Auto-Submitted: auto-replied``.
"""

from __future__ import annotations

from .arf import ArfExtractor
from .base import Extractor
from .rfc3464 import Rfc3464Extractor
from .rfc3834 import AutoReplyExtractor

EXTRACTORS: tuple[Extractor, ...] = (
    Rfc3464Extractor(),
    ArfExtractor(),
    AutoReplyExtractor(),
)

__all__ = ["EXTRACTORS", "Extractor"]
