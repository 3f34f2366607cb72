"""The actions bounces call for: which one, and what the fold keeps about each.

Every bounced recipient (a failed or delayed row) points to at most one action, found from its
category and facts (:func:`action_of`): a blocklist naming the sending IP, a forwarder that
breaks SPF, a missing reverse DNS name, a domain that throttles, mailboxes that are full... The
fold counts, per action, the bounces, the messages, the recipient domains, the dates and a few
examples (:class:`ActionTally`); actions are ranked by their number of bounces. How an action
is said is :mod:`.sentences`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from .records import Row

#: Authentication failures: with a forwarder they are the forwarder's to fix.
_AUTHENTICATION = ("spf_fail", "dkim_fail", "dmarc_fail", "auth_failure")
#: Categories that call for no action (the sending server retries by itself) or that are not
#: failures at all.
_NO_ACTION = ("greylisted", "vacation", "feedback", "delivered")
#: Categories whose action is about the recipient's domain, one action per domain.
_BY_DOMAIN = {
    "rate_limited": "rate_limited",
    "host_down": "unreachable",
    "network_error": "unreachable",
    "failed_starttls": "tls_failed",
    "system_error": "remote_trouble",
    "system_full": "remote_trouble",
    "mailer_error": "remote_trouble",
}
#: Categories whose action gathers every recipient (the examples are addresses or domains).
_GATHERED = {
    "user_unknown": "user_unknown",
    "mailbox_disabled": "address_inactive",
    "has_moved": "address_inactive",
    "mailbox_full": "mailbox_full",
    "host_unknown": "domain_unknown",
    "not_accept": "domain_unknown",
    "spam_detected": "spam",
    "virus_detected": "virus",
    "policy_violation": "policy",
    "message_too_big": "too_big",
    "rejected": "sender_refused",
    "no_relaying": "relay_refused",
}
#: Actions whose examples are recipients' addresses (else, for domain_unknown, domains).
_ADDRESS_EXAMPLES = ("user_unknown", "address_inactive", "mailbox_full")
#: Actions about one recipient domain (their evidence does not count domains).
DOMAIN_ACTIONS = ("rate_limited", "unreachable", "expired", "tls_failed", "remote_trouble")


class ActionKey(NamedTuple):
    """What one action is about: its kind, and the IP, forwarder, domain or category."""

    kind: str
    subject: str = ""
    detail: str = ""


def action_of(row: Row) -> ActionKey | None:
    """The action a bounced recipient calls for, or None (greylisting: nothing to do)."""
    category = row.category
    if row.blocklist:
        if row.blocklist_defunct:
            return ActionKey("defunct_blocklist", "", row.blocklist)
        return ActionKey("blocklisted", row.client_ip, row.blocklist)
    if category in _NO_ACTION:
        return None
    if category == "blocked":
        return ActionKey("blocked", row.client_ip)
    if category == "bad_reputation":
        return ActionKey("bad_reputation", row.client_ip)
    if category == "require_ptr":
        return ActionKey("no_reverse_dns", row.client_ip)
    if category in _AUTHENTICATION:
        if row.forwarded_by:
            return ActionKey("forwarded_auth", row.forwarded_by, category)
        return ActionKey("authentication", "", category)
    if category == "expired":
        kind = "unreachable" if row.action == "delayed" else "expired"
        return ActionKey(kind, row.domain)
    if category in _BY_DOMAIN:
        return ActionKey(_BY_DOMAIN[category], row.domain)
    if category in _GATHERED:
        return ActionKey(_GATHERED[category])
    return ActionKey("other", "", category)


@dataclass
class ActionTally:
    """What the fold keeps for one action: counts, never the messages."""

    bounces: int = 0
    messages: int = 0
    domains: Counter[str] = field(default_factory=Counter)
    #: Addresses (or domains) to name as examples, for the actions that name them.
    examples: Counter[str] = field(default_factory=Counter)
    delist_urls: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    #: The first message that showed it (a label to give to ``bounceinterp explain``).
    example_message: str = ""

    def add(self, row: Row, key: ActionKey, date: datetime | None, label: str) -> None:
        self.bounces += 1
        if row.domain:
            self.domains[row.domain] += 1
        if key.kind in _ADDRESS_EXAMPLES and row.address:
            self.examples[row.address.lower()] += 1
        elif key.kind == "domain_unknown" and row.domain:
            self.examples[row.domain] += 1
        if row.delist_url:
            self.delist_urls[row.delist_url] += 1
        if date is not None:
            self.first = date if self.first is None or date < self.first else self.first
            self.last = date if self.last is None or date > self.last else self.last
        if not self.example_message:
            self.example_message = label


def most_common(counter: Counter[str], count: int | None = None) -> list[str]:
    """The keys of ``counter``, most frequent first, ties in alphabetical order (so that the
    result never depends on the order the messages were read in)."""
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [key for key, _ in ranked[:count]]


def ranked(actions: dict[ActionKey, ActionTally]) -> list[tuple[ActionKey, ActionTally]]:
    """Most bounces first; then most messages; then by kind and subject."""
    return sorted(actions.items(), key=lambda item: (-item[1].bounces, -item[1].messages, item[0]))
