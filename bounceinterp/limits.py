"""How much of a message is read: the bounds that keep the cost of any input linear and small.

Mail is written by strangers, and the milter reads every bounce before it is delivered, so no
input may cost more than its size justifies. Every step reads within these limits; what lies
beyond them is kept (a rewrite still carries it, byte for byte) but not examined, and the
report says so in ``warnings``. The limits are sizes and counts, never clocks, so that the
same message gives the same report on an idle and on a busy machine; ``time_budget`` is only a
last-resort net, reported when it is hit.

Defaults are generous for real bounces (the largest in the corpora is 0.3 MB, the most
recipients 30) and documented in SECURITY.md; every one is a keyword of ``interpret``,
``rewrite`` and a flag of the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    #: The largest message read whole (bytes); beyond it only its first part is read.
    max_message_bytes: int = 10 * 1024 * 1024
    #: How deep MIME parts nest (a multipart inside a returned message inside a report ...).
    max_depth: int = 12
    #: How many MIME parts are read.
    max_parts: int = 500
    #: How many header fields of one header block are read.
    max_headers: int = 1000
    #: The longest header value kept (bytes after unfolding).
    max_header_length: int = 64 * 1024
    #: How many recipients one report may list.
    max_recipients: int = 10_000
    #: The longest notice text scanned by the readers' patterns (characters).
    max_text: int = 256 * 1024
    #: The longest diagnostic that rules look at (characters; the rest is kept, not matched).
    max_diagnostic: int = 4096
    #: How much diagnostic text rules read in one message, all recipients together
    #: (characters; recipients past it are classified by their codes only).
    max_rule_text: int = 512 * 1024
    #: Seconds of CPU one message may take before the rest of its work is skipped.
    time_budget: float = 5.0

    def with_overrides(self, **overrides: float | int | None) -> Limits:
        """These limits with the given ones changed (None leaves a limit as it is)."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown limits: {', '.join(sorted(unknown))}")
        given = {name: value for name, value in overrides.items() if value is not None}
        for name, value in given.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"limit {name} must be a positive number, not {value!r}")
        return replace(self, **given)  # type: ignore[arg-type]  # each checked above


DEFAULT_LIMITS = Limits()
