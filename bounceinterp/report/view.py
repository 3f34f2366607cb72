"""The report as data: the fold's counts in order, and the top actions in the reader's words.

``report_data`` is the JSON report (``--format json``) and the one model every other renderer
lays out, so that the table, the page and the JSON can never disagree.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from .actions import ActionKey, ActionTally, most_common, ranked
from .fold import Summary
from .sentences import describe
from .speech import Reader

#: What an action's subject and detail are, per kind, as JSON field names.
_SUBJECT = {
    "blocklisted": "client_ip",
    "blocked": "client_ip",
    "bad_reputation": "client_ip",
    "no_reverse_dns": "client_ip",
    "forwarded_auth": "forwarded_by",
    "rate_limited": "domain",
    "unreachable": "domain",
    "expired": "domain",
    "tls_failed": "domain",
    "remote_trouble": "domain",
}
_DETAIL = {
    "blocklisted": "blocklist",
    "defunct_blocklist": "blocklist",
    "forwarded_auth": "category",
    "authentication": "category",
    "other": "category",
}
PERMANENCE = ("final", "temporary", "unknown")
#: How many recipient domains an action lists in its evidence.
TOP_DOMAINS = 5


def counts(counter: Counter[str]) -> dict[str, int]:
    """``counter`` as a JSON object, largest count first, ties in alphabetical order."""
    return {key: counter[key] for key in most_common(counter)}


def report_data(summary: Summary, reader: Reader, top: int = 10) -> dict[str, Any]:
    """The JSON report of ``summary`` (fields in docs/report.md), with at most ``top``
    actions."""
    actions = ranked(summary.actions)
    days = sorted(summary.by_day)
    return {
        "lang": reader.lang,
        "messages": summary.messages,
        "bounce_messages": summary.bounce_messages,
        "bounces": summary.bounces,
        "failures": summary.by_action["failed"],
        "delays": summary.by_action["delayed"],
        "first": _iso(summary.first),
        "last": _iso(summary.last),
        "by_kind": counts(summary.by_kind),
        "by_permanence": {key: summary.by_permanence[key] for key in PERMANENCE},
        "by_category": counts(summary.by_category),
        "delays_by_category": counts(summary.delays_by_category),
        "by_domain": counts(summary.by_domain),
        "by_remote_server": counts(summary.by_remote_server),
        "by_blocklist": counts(summary.by_blocklist),
        "by_client_ip": counts(summary.by_client_ip),
        "by_day": {day.isoformat(): summary.by_day[day] for day in days},
        "by_day_category": _by_day_category(summary, days),
        "undated": summary.undated,
        "truncated": summary.truncated,
        "errors": [{"file": label, "error": error} for label, error in summary.errors],
        "actions": len(actions),
        "top_actions": [_action(key, tally, reader) for key, tally in actions[:top]],
    }


def _by_day_category(summary: Summary, days: list[date]) -> dict[str, dict[str, int]]:
    per_day: dict[date, Counter[str]] = {day: Counter() for day in days}
    for (day, category), count in summary.by_day_category.items():
        per_day[day][category] += count
    return {day.isoformat(): counts(per_day[day]) for day in days}


def _action(key: ActionKey, tally: ActionTally, reader: Reader) -> dict[str, Any]:
    said = describe(key, tally, reader)
    evidence: dict[str, Any] = {}
    if key.kind in _SUBJECT and key.subject:
        evidence[_SUBJECT[key.kind]] = key.subject
    if key.kind in _DETAIL:
        evidence[_DETAIL[key.kind]] = key.detail
    if tally.delist_urls:
        evidence["delist_url"] = most_common(tally.delist_urls, 1)[0]
    evidence["top_domains"] = most_common(tally.domains, TOP_DOMAINS)
    if tally.examples:
        evidence["examples"] = most_common(tally.examples, 10)
        evidence["distinct"] = len(tally.examples)
    evidence["example_message"] = tally.example_message
    return {
        "kind": key.kind,
        "bounces": tally.bounces,
        "messages": tally.messages,
        "domains": len(tally.domains),
        "first": _iso(tally.first),
        "last": _iso(tally.last),
        "evidence": evidence,
        "text": said.text,
        "advice": said.advice,
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None
