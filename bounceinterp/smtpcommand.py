"""Which SMTP command a refusal answered (RCPT, DATA, MAIL, CONNECT), from the bounce's text.

The distinction matters: "user unknown" at RCPT is about the address, the same words at DATA
(after the recipient was accepted) mean a filter refused the message. The wording of each MTA
is in ``rules/smtp-commands.yaml``.
"""

from __future__ import annotations

from functools import cache

import regex

from . import patterns
from .model import Interpretation
from .parse import ParsedMessage
from .resources import load_yaml, rules_dir


@cache
def _commands() -> tuple[tuple[str, regex.Pattern], ...]:
    data = load_yaml(rules_dir() / "smtp-commands.yaml")
    return tuple(
        (entry["command"], patterns.compile_pattern(entry["pattern"], entry.get("flags", "")))
        for entry in data["commands"]
    )


def commands_in(text: str) -> list[tuple[int, str]]:
    """Every command mention in ``text`` as (position, command), in text order."""
    found = [
        (match.start(), command)
        for command, pattern in _commands()
        for match in patterns.finditer(pattern, text)
    ]
    return sorted(found)


def add_commands(report: Interpretation, parsed: ParsedMessage) -> None:
    """Give each failed recipient the command its refusal answered, when the text says it:
    the only command the notice names, or else the first one named after the recipient's
    address."""
    pending = [r for r in report.recipients if r.command is None and r.action == "failed"]
    if not pending:
        return
    text = parsed.body_text()
    mentions = commands_in(text)
    if not mentions:
        return
    distinct = {command for _, command in mentions}
    for recipient in pending:
        if len(distinct) == 1:
            recipient.command = mentions[0][1]
            continue
        where = text.find(recipient.address or "\0")
        after = [command for position, command in mentions if where >= 0 and position > where]
        recipient.command = after[0] if after else None
