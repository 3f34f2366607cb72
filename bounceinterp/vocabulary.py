"""The closed vocabularies of the report, as types a type checker can hold a caller to.

``Category`` is checked against rules/categories.yaml by the tests (``test_vocabulary``): the
rule database and this file cannot drift apart. Every value is also what the JSON report
writes (docs/report-schema.md)."""

from __future__ import annotations

from typing import Literal, get_args

#: What a message is (``Interpretation.kind``); ``is_bounce`` is true for failure and delay.
Kind = Literal["failure", "delay", "success", "relayed", "auto_reply", "feedback", "not_a_bounce"]

#: Why a recipient's delivery failed or waits (``RecipientStatus.category``; docs/categories.md).
Category = Literal[
    "user_unknown", "mailbox_disabled", "has_moved", "mailbox_full", "host_unknown",
    "not_accept", "host_down", "network_error", "expired", "greylisted", "rate_limited",
    "blocked", "bad_reputation", "require_ptr", "spf_fail", "dkim_fail", "dmarc_fail",
    "auth_failure", "rejected", "no_relaying", "security_error", "failed_starttls",
    "spam_detected", "virus_detected", "policy_violation", "filtered", "content_error",
    "not_compliant_rfc", "message_too_big", "exceed_limit", "syntax_error", "system_error",
    "system_full", "mailer_error", "suppressed", "on_hold", "undefined", "vacation", "feedback",
    "delivered",
]  # fmt: skip

#: Who can fix it (``RecipientStatus.who_acts``): nobody yet (a delay that clears by itself),
#: the sender, the sender's mail administrator or provider, the recipient, or theirs.
WhoActs = Literal["nobody", "sender", "sender_admin", "recipient", "recipient_admin"]

#: Who a refusal was about (``RecipientStatus.refused``).
Refused = Literal["recipient", "sender", "host", "message"]

#: What happened to the message for one recipient (the verdict: ``explanation`` JSON).
Happened = Literal["failed", "expired", "delayed", "delivered", "relayed"]

KINDS: tuple[str, ...] = get_args(Kind)
CATEGORIES: tuple[str, ...] = get_args(Category)
WHO_ACTS: tuple[str, ...] = get_args(WhoActs)
REFUSED: tuple[str, ...] = get_args(Refused)
HAPPENED: tuple[str, ...] = get_args(Happened)
