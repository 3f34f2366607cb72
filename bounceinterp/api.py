"""The library's entry point: raw message in, Interpretation out."""

from __future__ import annotations

import logging
import time
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from . import patterns
from .classify import classify, rulebook
from .detect import STATUS_TYPES, detect
from .limits import DEFAULT_LIMITS, Limits
from .model import Interpretation
from .parse import ParsedMessage, parse
from .read import read
from .read.original import first_address
from .read.smtpcommand import add_commands

if TYPE_CHECKING:
    import email.message

log = logging.getLogger(__name__)


def interpret(
    raw: bytes | str | email.message.Message,
    rules: str | Path | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Interpretation:
    """Read a message and say what it is: a bounce (and why), a delay, or something else.

    ``rules`` is a directory of the caller's own classification rules (``rules/README.md``),
    which take precedence over the bundled ones. It is loaded first (once per process), and a
    mistake there is the caller's: FileNotFoundError when it is not a directory, RuleError
    (``bounceinterp.RuleError``) when a rule file cannot be read or breaks the schema.

    Never raises on malformed mail: what cannot be read is reported in ``warnings``. A
    recipient that could not be classified keeps what was read, with category ``undefined``.
    """
    started = time.thread_time()
    raw = message_bytes(raw)
    book = rulebook.load(rules)
    with patterns.abandoned_searches() as abandoned:
        try:
            parsed = parse(raw, limits)
        except Exception as exc:  # a bug of ours must not lose the caller's message
            return _internal_error(exc)
        report = _read(parsed, book, limits, started)
    report.warnings.extend(abandoned)
    return report


def interpret_parsed(
    parsed: ParsedMessage, rules: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Interpretation:
    """:func:`interpret` of a message already parsed with ``parse(raw, limits)`` (the rewrite
    reads the message once for both)."""
    started = time.thread_time()
    book = rulebook.load(rules)
    with patterns.abandoned_searches() as abandoned:
        report = _read(parsed, book, limits, started)
    report.warnings.extend(abandoned)
    return report


def _internal_error(exc: Exception) -> Interpretation:
    log.error("interpret failed: %s", exc, exc_info=log.isEnabledFor(logging.DEBUG))
    return Interpretation(warnings=[f"internal error: {type(exc).__name__}: {exc}"])


def message_bytes(raw: object) -> bytes | str:
    """The message as ``interpret`` reads it: bytes (bytearray and memoryview too), str, or a
    parsed ``email.message.Message`` (``mailbox.Message`` too), written back as bytes. Anything
    else is the caller's mistake: TypeError (a path is not read; ``bounceinterp.messages()``
    reads files, directories and mailboxes)."""
    if isinstance(raw, bytes | str):
        return raw
    if isinstance(raw, bytearray | memoryview):
        return bytes(raw)
    if any(c.__module__ == "email.message" and c.__name__ == "Message" for c in type(raw).__mro__):
        return raw.as_bytes()  # type: ignore[attr-defined]  # mailbox.Message too; no import
    if isinstance(raw, PathLike):
        raise TypeError(
            "interpret() reads a message, not a path: pass its bytes, or read files and "
            "mailboxes with bounceinterp.messages()"
        )
    raise TypeError(f"interpret() reads a message as bytes or str, not {type(raw).__name__}")


def _read(
    parsed: ParsedMessage, book: rulebook.Rulebook, limits: Limits, started: float
) -> Interpretation:
    try:
        evidence = detect(parsed)
        report = read(parsed, evidence, parsed.warnings)
        report.detection = [(s.name, s.seen) for s in evidence.signals]
        report.subject = parsed.header("Subject")
        report.from_address = first_address(parsed.header("From"))
        if report.kind != "not_a_bounce":
            report.technical_text = technical_text(parsed)
        add_commands(report, parsed)
    except Exception as exc:  # a bug of ours must not lose the caller's message
        return _internal_error(exc)
    # a failure leaves that recipient undefined, with a warning
    classify(report, book, limits, started)
    report.warnings.extend(parsed.warnings)
    return report


def technical_text(parsed: ParsedMessage) -> str:
    """The delivery-status part as written, else the human-readable text of the notice."""
    part = parsed.first_part(*STATUS_TYPES)
    text = parsed.text(part, parsed.limits.max_message_bytes) if part is not None else ""
    return (text or parsed.body_text()).strip("\n")


def extract(parsed: ParsedMessage) -> Interpretation:
    """What the readers find in ``parsed`` (before classification), after detection."""
    return read(parsed, detect(parsed), parsed.warnings)
