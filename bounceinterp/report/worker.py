"""The work done in each worker process: interpret a chunk of messages, return their records.

Module-level functions only, so that a process pool can name them. ``start`` runs once in
each worker; the same functions run in the parent with ``--jobs 1``.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Sequence
from pathlib import Path

from bounceinterp.api import interpret
from bounceinterp.classify import rulebook
from bounceinterp.i18n import gettext as _
from bounceinterp.limits import DEFAULT_LIMITS, Limits
from bounceinterp.mailbox import Message

from .records import Record, error_record, record_of

_settings: dict[str, object] = {"rules": None, "diagnostics": False, "limits": DEFAULT_LIMITS}


def start(
    rules: str | Path | None,
    diagnostics: bool,
    in_worker: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> None:
    """Settings for the records this process makes; the rule book is loaded (and checked)
    once here rather than on the first message."""
    _settings["rules"] = rules
    _settings["diagnostics"] = diagnostics
    _settings["limits"] = limits
    if in_worker:
        # Ctrl-C is the parent's to handle: it stops the pool and says so once.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        logging.basicConfig(level=logging.WARNING, format="bounceinterp: %(message)s")
    rulebook.load(rules)


def interpret_chunk(chunk: Sequence[Message]) -> list[Record]:
    """The records of ``chunk``, in its order; a message that could not be read, or that broke
    the library, is an error record (never an exception that would lose the whole chunk)."""
    return [_record(message) for message in chunk]


def _record(message: Message) -> Record:
    if message.raw is None:
        text = _("cannot read {file}: {reason}")
        return error_record(message.label, text.format(file=message.label, reason=message.error))
    try:
        result = interpret(
            message.raw,
            rules=_settings["rules"],  # type: ignore[arg-type]
            limits=_settings["limits"],  # type: ignore[arg-type]
        )
        record = record_of(
            message.label, message.raw, result, diagnostics=bool(_settings["diagnostics"])
        )
    except Exception as exc:  # a bug of ours: this message is an error, the others go on
        text = _("cannot explain {file}: {reason}")
        return error_record(message.label, text.format(file=message.label, reason=exc))
    return record._replace(truncated=message.truncated) if message.truncated else record
