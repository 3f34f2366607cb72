"""Import flanker quietly.

flanker 0.9.11 builds its PLY address grammars at import time and logs a page of "Symbol ... is
unreachable" warnings through the ``logging`` module; nobody using bounceinterp needs to see them.
"""

from __future__ import annotations

import logging

for _name in ("flanker.addresslib._parser.parser", "flanker.addresslib._parser.lexer"):
    logging.getLogger(_name).setLevel(logging.ERROR)

from flanker import mime  # noqa: E402
from flanker.addresslib import address  # noqa: E402

__all__ = ["address", "mime"]
