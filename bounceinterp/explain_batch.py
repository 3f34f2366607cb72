"""``bounceinterp explain`` on many messages: each explained on its own (in this process, or
with ``--jobs N`` in worker processes), printed in the order of the input.

A message that cannot be read, or whose explanation fails (a bug of ours, or a worker that
died on it), is an error item: one line on stderr, and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .escapes import json_text
from .i18n import gettext as _
from .limits import DEFAULT_LIMITS, Limits
from .mailbox import Message


@dataclass(frozen=True)
class Settings:
    """What every message is explained with (sent to the workers)."""

    format: str = "text"
    lang: str | None = None
    why: bool = False
    rules: str | Path | None = None
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Explained:
    """One message's output (the text, or one JSON line), or the sentence saying why not."""

    label: str
    output: str | None = None
    error: str | None = None
    #: The language the explanation was written in (the CLI warns when --lang had none).
    language: str | None = None


def explained(
    messages: Iterable[Message], settings: Settings, jobs: int = 1
) -> Iterator[Explained]:
    """Every message explained, in order; ``jobs`` worker processes when above 1."""
    if jobs <= 1:
        for message in messages:
            yield explain_message(message, settings)
        return
    from .report.run import records

    yield from records(  # type: ignore[misc]
        messages,
        jobs=jobs,
        rules=settings.rules,
        work=partial(explain_chunk, settings),  # type: ignore[arg-type]
        limits=settings.limits,
        error=_failed,
    )


def explain_chunk(settings: Settings, chunk: Sequence[Message]) -> list[Explained]:
    return [explain_message(message, settings) for message in chunk]


def explain_message(message: Message, settings: Settings) -> Explained:
    from .api import interpret
    from .explanation import choose_language, explain, explanation_dict

    if message.raw is None:
        text = _("cannot read {file}: {reason}")
        return Explained(message.label, error=text.format(file=message.label, reason=message.error))
    limits = settings.limits
    result = interpret(message.raw, rules=settings.rules, limits=limits)
    if message.truncated:
        result.warnings.append(
            f"the message is larger than {limits.max_message_bytes} bytes: only its "
            "beginning was read"
        )
    try:
        language = choose_language(result, settings.lang)
        if settings.format == "json":
            data = result.to_dict()
            if settings.lang:
                data["explanation"] = explanation_dict(result, settings.lang)
            data["file"] = message.label
            return Explained(message.label, json_text(data), language=language)
        output = explain(result, lang=settings.lang, format=settings.format, why=settings.why)
        return Explained(message.label, output, language=language)
    except Exception as exc:  # a bug of ours: this message fails, the others go on
        return _failed(message.label, str(exc))


def _failed(label: str, reason: str) -> Explained:
    text = _("cannot explain {file}: {reason}")
    return Explained(label, error=text.format(file=label, reason=reason))
