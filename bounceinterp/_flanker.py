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
from flanker.addresslib import address  # noqa: E402

for _name in _QUIET:
    logging.getLogger(_name).setLevel(logging.ERROR)

__all__ = ["address", "mime"]
