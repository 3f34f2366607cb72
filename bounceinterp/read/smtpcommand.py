"""Which SMTP command a refusal answered (RCPT, DATA, MAIL, CONNECT), from the bounce's text.

The distinction matters: "user unknown" at RCPT is about the address, the same words at DATA
(after the recipient was accepted) mean a filter refused the message. The wording of each MTA
is in ``rules/smtp-commands.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import cast

import regex

from .. import patterns
from ..model import Interpretation
from ..parse import ParsedMessage
from ..resources import load_yaml, rules_dir
from ..vocabulary import Refused


@cache
def _scanner() -> tuple[regex.Pattern, tuple[str, ...]]:
    """One alternation of every entry (group ``c<N>`` is entry N, its flags scoped to it), so
    that the text is scanned once, and the command of each entry by N."""
    entries = load_yaml(rules_dir() / "smtp-commands.yaml")["commands"]
    alternatives = [
        f"(?P<c{n}>(?{entry.get('flags', '')}:{entry['pattern']}))"
        if entry.get("flags")
        else f"(?P<c{n}>{entry['pattern']})"
        for n, entry in enumerate(entries)
    ]
    return patterns.compile_pattern("|".join(alternatives)), tuple(e["command"] for e in entries)


def commands_in(text: str) -> list[tuple[int, str]]:
    """Every command mention in ``text`` as (position, command), in text order."""
    scanner, commands = _scanner()
    return [
        (match.start(), commands[int(str(match.lastgroup)[1:])])
        for match in patterns.finditer(scanner, text)
    ]


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
    if len(distinct) == 1:
        for recipient in pending:
            recipient.command = mentions[0][1]
        return
    # Where each address is first named, found in one pass; then the first mention after it
    # by bisection: linear in the text and the recipients, whatever their number.
    named = _first_positions(text)
    positions = [position for position, _ in mentions]
    for recipient in pending:
        where = named.get((recipient.address or "").lower())
        index = bisect_right(positions, where) if where is not None else len(positions)
        recipient.command = mentions[index][1] if index < len(positions) else None


def _first_positions(text: str) -> dict[str, int]:
    """Where each address the text names appears first (lower case), from one scan."""
    from .text import shared_patterns

    found: dict[str, int] = {}
    for match in patterns.finditer(shared_patterns()["email_address"], text):
        found.setdefault(match.group(0).strip(".").lower(), match.start())
    return found


#: The party a refused command is about.
PARTY_OF_COMMAND = {"RCPT": "recipient", "MAIL": "sender", "CONNECT": "host", "DATA": "message"}


@cache
def _party_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    entries = load_yaml(rules_dir() / "smtp-commands.yaml").get("refused", [])
    return tuple(
        (entry["party"], patterns.compile_pattern(entry["pattern"], entry.get("flags", "")))
        for entry in entries
    )


def refused_party(diagnostic: str | None, command: str | None) -> Refused | None:
    """Who a refusal is about: the server's words when they say it ("Sender address
    rejected"), else the command it answered (RCPT: the recipient, MAIL: the sender...)."""
    if diagnostic:
        for party, pattern in _party_patterns():
            if patterns.search(pattern, diagnostic) is not None:
                return cast(Refused, party)
    return cast(Refused | None, PARTY_OF_COMMAND.get(command or ""))
