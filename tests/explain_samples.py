"""Interpretation objects built by hand for the explanation tests (no parser involved)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

from bounceinterp.model import Interpretation, OriginalMessage, RecipientStatus

PARIS = timezone(timedelta(hours=1))
#: "Now" for every test that shows a relative date: a day after the message was sent.
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=PARIS)
SENT = datetime(2026, 11, 27, 9, 13, 58, tzinfo=PARIS)
RETRY_UNTIL = datetime(2026, 12, 1, 14, 3, tzinfo=PARIS)

#: Every shipped language (``test_catalogs`` checks that no catalog is missing from this list).
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "pt_PT", "nl", "pl", "ru", "ja", "zh_Hans", "ar")

#: The categories (docs/categories.md).
CATEGORIES = (
    *("user_unknown", "mailbox_disabled", "has_moved", "mailbox_full", "host_unknown"),
    *("not_accept", "host_down", "network_error", "expired", "greylisted", "rate_limited"),
    *("blocked", "bad_reputation", "require_ptr", "spf_fail", "dkim_fail", "dmarc_fail"),
    *("auth_failure", "rejected", "no_relaying", "security_error", "failed_starttls"),
    *("spam_detected", "virus_detected", "policy_violation", "filtered", "content_error"),
    *("not_compliant_rfc", "message_too_big", "exceed_limit", "syntax_error", "system_error"),
    *("system_full", "mailer_error", "suppressed", "on_hold", "undefined", "vacation"),
    *("feedback", "delivered"),
)


def original(**changes) -> OriginalMessage:
    values = {
        "message_id": "<abc@example.org>",
        "subject": "Endives au fromage",
        "date": SENT,
        "from_address": "me@example.org",
        "to": ["jacqueline@example.com"],
    }
    values.update(changes)
    return OriginalMessage(**values)


def recipient(**changes) -> RecipientStatus:
    values = {
        "address": "jacqueline@example.com",
        "action": "failed",
        "status": "5.0.0",
        "reply_code": 550,
        "diagnostic": "550 5.0.0 refused",
        "remote_mta": "mx.example.com",
        "category": "undefined",
        "permanent": True,
        "who_acts": "sender",
    }
    values.update(changes)
    return RecipientStatus(**values)


def failure(*recipients: RecipientStatus, **changes) -> Interpretation:
    values = {
        "kind": "failure",
        "format": "rfc3464",
        "reporting_mta": "mail.example.org",
        "arrival_date": SENT + timedelta(seconds=4),
        "original": original(),
        "recipients": list(recipients) or [recipient()],
    }
    values.update(changes)
    return Interpretation(**values)


def spf_after_forward() -> Interpretation:
    """The situation the project exists for: a forwarder without SRS, refused by SPF."""
    return failure(
        recipient(
            status="5.7.23",
            diagnostic=(
                "550 5.7.23 <jacqueline@example.com>: Recipient address rejected: Message "
                "rejected due to: SPF fail - not authorized"
            ),
            category="spf_fail",
            # what the classifier says once it has seen the forwarder (rules/README.md)
            who_acts="recipient_admin",
            facts={"forwarded_by": "mail.example.fr", "client_ip": "192.0.2.7"},
            rule="spf/policyd-spf-reject",
            confidence=0.95,
        )
    )


def delayed(until: datetime | None = RETRY_UNTIL) -> Interpretation:
    return Interpretation(
        kind="delay",
        format="rfc3464",
        reporting_mta="mail.example.org",
        original=original(),
        recipients=[
            recipient(
                action="delayed",
                status="4.4.1",
                reply_code=None,
                diagnostic="connect to mx.example.com[203.0.113.5]:25: Connection timed out",
                category="host_down",
                permanent=False,
                who_acts="nobody",
                will_retry_until=until,
                last_attempt=datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
            )
        ],
    )


def feedback_report(*addresses: str) -> Interpretation:
    """A spam complaint (RFC 5965), as the ARF extractor and the classifier leave it: one
    recipient per complaining address, no action, the feedback type as the diagnostic."""
    return Interpretation(
        kind="feedback",
        format="arf",
        reporting_mta="feedback.example.net",
        original=original(),
        recipients=[
            RecipientStatus(
                address=address,
                category="feedback",
                diagnostic="abuse",
                extra_fields={"feedback-type": "abuse", "user-agent": "ExampleFBL/2.1"},
                rule="kind/feedback",
                confidence=1.0,
            )
            for address in addresses or ("jacqueline@example.com",)
        ],
    )


def auto_reply(from_address: str | None = None) -> Interpretation:
    """An RFC 3834 automatic reply, as its extractor and the classifier leave it: the reply's
    author is the one recipient, no action, nobody has to act."""
    return Interpretation(
        kind="auto_reply",
        format="rfc3834",
        from_address=from_address,
        recipients=[
            RecipientStatus(
                address="jacqueline@example.com",
                category="vacation",
                who_acts="nobody",
                rule="kind/auto_reply",
                confidence=1.0,
            )
        ],
    )


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def flat(text: str) -> str:
    """``text`` with its line wrapping undone: white space runs become one space, and a line
    break between two wide (Chinese, Japanese) characters, which the text renderer may break
    anywhere, disappears."""

    def join(match: re.Match[str]) -> str:
        before, after = match.string[match.start() - 1 : match.start()], match.group(1)
        if "\n" in match.group(0) and before and _wide(before) and _wide(after):
            return after
        return " " + after

    return re.sub(r"\s+(\S)", join, text.strip())
