"""The fold: every record added to counters, none kept.

A *bounce* is one recipient of a failure or delay notice whose action is ``failed`` or
``delayed``: a notice to three people who all failed is one bounce message and three bounces.
Every breakdown counts bounces. Memory grows with the number of distinct values (domains,
servers, IP addresses, days, and the addresses named by address-level actions), never with the
number of messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from .actions import ActionKey, ActionTally, action_of
from .records import Record


@dataclass
class Summary:
    #: Messages read (error items not included).
    messages: int = 0
    #: Messages by kind (``failure``, ``delay``, ``not_a_bounce``, ``auto_reply``, ...).
    by_kind: Counter[str] = field(default_factory=Counter)
    #: Failure and delay notices.
    bounce_messages: int = 0
    #: Failed or delayed recipients (see the module docstring).
    bounces: int = 0
    by_action: Counter[str] = field(default_factory=Counter)
    #: Failed recipients by permanence: ``final``, ``temporary``, ``unknown``.
    by_permanence: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    delays_by_category: Counter[str] = field(default_factory=Counter)
    by_domain: Counter[str] = field(default_factory=Counter)
    by_remote_server: Counter[str] = field(default_factory=Counter)
    by_blocklist: Counter[str] = field(default_factory=Counter)
    by_client_ip: Counter[str] = field(default_factory=Counter)
    by_day: Counter[date] = field(default_factory=Counter)
    by_day_category: Counter[tuple[date, str]] = field(default_factory=Counter)
    #: Bounces whose message carries no readable date.
    undated: int = 0
    first: datetime | None = None
    last: datetime | None = None
    #: Messages longer than the reading limit, read in part.
    truncated: int = 0
    #: ``(label, one-line error)`` of every message that could not be read or explained.
    errors: list[tuple[str, str]] = field(default_factory=list)
    actions: dict[ActionKey, ActionTally] = field(default_factory=dict)

    def add(self, record: Record) -> None:
        if record.error is not None:
            self.errors.append((record.label, record.error))
            return
        self.messages += 1
        self.by_kind[record.kind] += 1
        self.truncated += record.truncated
        if not record.is_bounce:
            return
        self.bounce_messages += 1
        moment = record.date
        day = moment.date() if moment is not None else None
        if moment is not None:
            self.first = moment if self.first is None or moment < self.first else self.first
            self.last = moment if self.last is None or moment > self.last else self.last
        seen: set[ActionKey] = set()
        for row in record.rows:
            if not row.is_bounce:
                continue
            self.bounces += 1
            self.by_action[row.action] += 1
            self.by_category[row.category] += 1
            if row.action == "delayed":
                self.delays_by_category[row.category] += 1
            else:
                self.by_permanence[_permanence(row.permanent)] += 1
            _count(self.by_domain, row.domain)
            _count(self.by_remote_server, row.remote)
            _count(self.by_blocklist, row.blocklist)
            _count(self.by_client_ip, row.client_ip)
            if day is None:
                self.undated += 1
            else:
                self.by_day[day] += 1
                self.by_day_category[day, row.category] += 1
            key = action_of(row)
            if key is None:
                continue
            tally = self.actions.get(key)
            if tally is None:
                tally = self.actions[key] = ActionTally()
            tally.add(row, key, moment, record.label)
            if key not in seen:
                seen.add(key)
                tally.messages += 1


def _count(counter: Counter[str], value: str) -> None:
    if value:
        counter[value] += 1


def _permanence(permanent: bool | None) -> str:
    return {True: "final", False: "temporary"}.get(permanent, "unknown")  # type: ignore[arg-type]
