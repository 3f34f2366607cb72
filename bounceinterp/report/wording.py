"""Words of the report kept as data: category names and table headings, marked with ``N_``
for ``pybabel extract`` and translated at render time with the reader's catalog."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; return it untranslated."""
    return message


#: A short name for every category (docs/categories.md), for the rows of a table.
CATEGORY_NAMES: dict[str, str] = {
    "user_unknown": N_("Address does not exist"),
    "mailbox_disabled": N_("Mailbox disabled"),
    "has_moved": N_("Person has a new address"),
    "mailbox_full": N_("Mailbox full"),
    "host_unknown": N_("Domain does not exist"),
    "not_accept": N_("Domain accepts no mail"),
    "host_down": N_("Server unreachable"),
    "network_error": N_("Network or DNS problem"),
    "expired": N_("Gave up after retrying"),
    "greylisted": N_("Greylisted, retried later"),
    "rate_limited": N_("Too much mail at once"),
    "blocked": N_("Sending server blocked"),
    "bad_reputation": N_("Poor sending reputation"),
    "require_ptr": N_("No reverse DNS"),
    "spf_fail": N_("SPF check failed"),
    "dkim_fail": N_("DKIM check failed"),
    "dmarc_fail": N_("DMARC check failed"),
    "auth_failure": N_("Sender authentication failed"),
    "rejected": N_("Sender address refused"),
    "no_relaying": N_("Relaying refused"),
    "security_error": N_("Security requirement not met"),
    "failed_starttls": N_("Encryption (TLS) failed"),
    "spam_detected": N_("Judged to be spam"),
    "virus_detected": N_("Virus found"),
    "policy_violation": N_("Refused by local policy"),
    "filtered": N_("Dropped by a filter"),
    "content_error": N_("Malformed message"),
    "not_compliant_rfc": N_("Breaks the mail standard"),
    "message_too_big": N_("Message too large"),
    "exceed_limit": N_("Limit exceeded"),
    "syntax_error": N_("SMTP protocol error"),
    "system_error": N_("Recipient's server failed"),
    "system_full": N_("Recipient's server full"),
    "mailer_error": N_("Delivery program failed"),
    "suppressed": N_("On a suppression list"),
    "on_hold": N_("Not enough detail"),
    "undefined": N_("Cause not recognised"),
    "vacation": N_("Automatic reply"),
    "feedback": N_("Spam complaint"),
    "delivered": N_("Delivered"),
}


TITLE = N_("Bounce report")
MESSAGES_READ = N_("Messages read")
UNREADABLE = N_("Could not be read")
TRUNCATED = N_("Read in part (too large)")
BOUNCES = N_("Bounces")
FAILURES = N_("Failures")
FINAL = N_("of which final")
DELAYS = N_("Delays (still being retried)")
PERIOD = N_("Period")
TOP_ACTIONS = N_("What to fix first")
NO_ACTIONS = N_("Nothing to fix: no bounce calls for an action.")
NO_BOUNCES = N_("No bounce found.")
BY_CATEGORY = N_("Bounces by cause")
BY_DOMAIN = N_("By recipient domain")
BY_REMOTE = N_("By recipient's server")
BY_BLOCKLIST = N_("By blocklist")
BY_CLIENT_IP = N_("By sending IP address")
BY_DAY = N_("By day")
ERRORS = N_("Messages that could not be read")
CAUSE = N_("Cause")
FAILED = N_("Failed")
DELAYED = N_("Delayed")
TOTAL = N_("Total")
DOMAIN = N_("Domain")
SERVER = N_("Server")
BLOCKLIST = N_("Blocklist")
CLIENT_IP = N_("Sending IP address")
DAY = N_("Day")
CHART_PER_DAY = N_("Bounces per day, by cause")
CHART_PER_WEEK = N_("Bounces per week, by cause")
CHART_PER_MONTH = N_("Bounces per month, by cause")
CHART_DOMAINS = N_("Top recipient domains")
CHART_BLOCKLISTS = N_("Top blocklists")
OTHER_CAUSES = N_("Other causes")
