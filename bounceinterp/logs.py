"""The library's loggers. A library does not print: their records go nowhere unless the
application configures logging (the command line and the milter do). Kept out of the package's
``__init__`` so that importing ``bounceinterp`` stays cheap."""

from __future__ import annotations

import logging

logging.getLogger("bounceinterp").addHandler(logging.NullHandler())


def logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
