"""A progress line on standard error, only when it is a terminal (never in a pipe or a log).

``[#########-----------]  45 %  2,345 messages read``: a bar when the size of the input is
known (files on disk, counted before decompression), else the count alone. Redrawn at most ten
times a second, from the main thread (no thread of its own); erased when done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from babel.numbers import format_percent

from .speech import Reader

BAR = 24
INTERVAL = 0.1


class Progress:
    def __init__(
        self,
        stream: TextIO,
        reader: Reader,
        total: Callable[[], int | None] | None = None,
        done: Callable[[], int] | None = None,
    ) -> None:
        self.stream = stream
        self.reader = reader
        self.enabled = _is_terminal(stream)
        self.total = total() if self.enabled and total is not None else None
        self.done = done
        self._drawn = False
        self._last = 0.0

    def update(self, messages: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < INTERVAL:
            return
        self._last = now
        count = self.reader.ngettext("%(num)s message read", "%(num)s messages read", messages)
        line = count
        if self.total and self.done is not None:
            share = min(self.done() / self.total, 1.0)
            filled = round(BAR * share)
            percent = format_percent(share, locale=self.reader.locale)
            line = f"[{'#' * filled}{'-' * (BAR - filled)}] {percent:>6}  {count}"
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()
        self._drawn = True

    def note(self, line: str) -> None:
        """Print ``line`` (an error) on its own line, above the bar."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self._drawn = False
            self._last = 0.0
        self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
