"""A work function for the report runner's crash test: it interprets like the real one, but
its process dies at once (as if the kernel had killed it) on one poisoned message. Importable
by the worker processes, which is why it is a module of its own."""

from __future__ import annotations

import os
from collections.abc import Sequence

from bounceinterp.mailbox import Message
from bounceinterp.report import worker
from bounceinterp.report.records import Record

POISON = b"X-Test: this message kills the process that reads it\n\n"


def interpret_or_die(chunk: Sequence[Message]) -> list[Record]:
    if any(message.raw == POISON for message in chunk):
        os._exit(9)
    return worker.interpret_chunk(chunk)
