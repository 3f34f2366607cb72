"""RFC 3464 / RFC 6533 delivery-status fields: from the text of the report part to records.

The body of a message/delivery-status part is a group of per-message fields, a blank line, then
one group of per-recipient fields per recipient. Real reports bend this: folded lines, missing
blank lines, fields in odd case, stray spaces before the colon. This module reads all of those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .. import patterns
from ..dates import parse_date
from ..limits import DEFAULT_LIMITS
from ..model import Interpretation, RecipientStatus

#: Fields that start a recipient's group (one of them is required per recipient by RFC 3464).
RECIPIENT_FIELDS = frozenset(
    {
        "final-recipient",
        "original-recipient",
        "action",
        "status",
        "remote-mta",
        "diagnostic-code",
        "last-attempt-date",
        "will-retry-until",
        "final-log-id",
    }
)
MESSAGE_FIELDS = frozenset(
    {
        "reporting-mta",
        "dsn-gateway",
        "received-from-mta",
        "arrival-date",
        "original-envelope-id",
    }
)


@dataclass
class FieldGroup:
    """One blank-line separated group of fields, names in lower case, in order."""

    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)

    def names(self) -> set[str]:
        return {n for n, _ in self.fields}


def split_groups(text: str, longest: int = DEFAULT_LIMITS.max_header_length) -> list[FieldGroup]:
    """Unfold continuation lines and split the fields into blank-line separated groups.
    Linear in the text: the lines of a folded field are gathered, then joined once; a value
    is kept up to ``longest`` characters (``Limits.max_header_length``)."""
    groups: list[list[tuple[str, list[str]]]] = []
    current: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                groups.append(current)
                current = []
            continue
        if line[0] in " \t" and current:
            current[-1][1].append(line.strip())
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip() or " " in name.strip():
            continue  # not a field line: prose in a badly built report
        current.append((name.strip().lower(), [value.strip()]))
    if current:
        groups.append(current)
    joined = [
        FieldGroup([(name, " ".join(p for p in pieces if p)[:longest]) for name, pieces in group])
        for group in groups
    ]
    return _separate_run_together(joined)


def _separate_run_together(groups: list[FieldGroup]) -> list[FieldGroup]:
    """Split groups where a report forgot the blank line between message and recipient fields,
    or between two recipients (a second Final-Recipient inside one group)."""
    result: list[FieldGroup] = []
    for group in groups:
        current = FieldGroup()
        seen: set[str] = set()
        for name, value in group.fields:
            starts_new = (name == "final-recipient" and "final-recipient" in seen) or (
                name in RECIPIENT_FIELDS and seen and seen <= MESSAGE_FIELDS | _x_fields(seen)
            )
            if starts_new and current.fields:
                result.append(current)
                current, seen = FieldGroup(), set()
            current.fields.append((name, value))
            seen.add(name)
        if current.fields:
            result.append(current)
    return result


def _x_fields(names: set[str]) -> set[str]:
    return {n for n in names if n.startswith("x-")}


#: RFC 3464 action values, by the stem real reports write them with ("deliverable",
#: "Failed.", "delayed (will retry)").
ACTION_STEMS = (
    ("fail", "failed"),
    ("delay", "delayed"),
    ("deliver", "delivered"),
    ("relay", "relayed"),
    ("expand", "expanded"),
)


def normalize_action(value: str) -> str | None:
    word = value.strip().lower()
    return next((action for stem, action in ACTION_STEMS if word.startswith(stem)), word or None)


def strip_type(value: str | None) -> tuple[str | None, str | None]:
    """``"rfc822; a@b"`` -> ``("rfc822", "a@b")``; a value without a type keeps None as type."""
    if value is None:
        return None, None
    kind, sep, rest = value.partition(";")
    if sep and kind.strip() and " " not in kind.strip() and "@" not in kind:
        return kind.strip().lower(), rest.strip()
    return None, value.strip()


def clean_address(value: str | None, *, xtext: bool = False) -> str | None:
    """An address from a recipient field: type stripped, escapes decoded, brackets removed.

    ``xtext``: the field carries the ORCPT value, xtext-encoded by RFC 3461 (Original-Recipient);
    elsewhere a ``+`` is part of the address (``bob+41@example.com`` is a sub-address)."""
    kind, text = strip_type(value)
    if not text:
        return None
    if kind == "utf-8":
        text = patterns.sub(patterns.named("utf8_address_escape"), _unicode_char, text)
    elif xtext and "+" in text and kind in ("rfc822", None):
        text = patterns.sub(patterns.named("xtext_escape"), _xtext_char, text)
    text = text.strip().strip("<>").strip()
    if len(text) > 1 and text[0] == text[-1] == '"' and text.count('"') == 2:
        text = text[1:-1].strip()  # the whole address quoted, not a quoted local part
    return text or None


def _unicode_char(match: regex.Match) -> str:
    """The character a ``\\x{HEX}`` escape stands for; the escape as written when its value is
    no character (above U+10FFFF, or a surrogate, which cannot be printed or encoded)."""
    value = int(match.group(1), 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return match.group(0)
    return chr(value)


def _xtext_char(match: regex.Match) -> str:
    """The character an xtext ``+HEX`` escape stands for. xtext escapes printable ASCII only
    (RFC 3461); a control character or a non-ASCII byte is kept as written."""
    value = int(match.group(1), 16)
    return chr(value) if 0x20 <= value <= 0x7E else match.group(0)


def status_from_text(text: str | None) -> str | None:
    """The first enhanced status code written in ``text`` (e.g. a diagnostic), or None."""
    if not text:
        return None
    match = patterns.search(patterns.named("enhanced_status"), text)
    return ".".join(match.groups()) if match else None


def reply_code_from_text(text: str | None) -> int | None:
    """The SMTP reply code a diagnostic starts with, else the first one followed by a status."""
    if not text:
        return None
    match = patterns.search(patterns.named("reply_code_leading"), text)
    if match is None:
        match = patterns.search(patterns.named("reply_code_anywhere"), text)
    return int(match.group(1)) if match else None


def is_generic(status: str | None) -> bool:
    """A status that says nothing about why: ``X.0.0``."""
    return status is None or status.endswith(".0.0")


def apply_message_fields(report: Interpretation, group: FieldGroup) -> None:
    for name, value in group.fields:
        if name == "reporting-mta":
            report.reporting_mta = strip_type(value)[1]
        elif name == "dsn-gateway":
            report.dsn_gateway = strip_type(value)[1]
        elif name == "received-from-mta":
            report.received_from_mta = strip_type(value)[1]
        elif name == "arrival-date":
            report.arrival_date = parse_date(value)
        elif name == "original-envelope-id":
            report.original_envelope_id = value
        else:
            report.extra_fields[_field_title(name)] = value


def recipient_from_group(group: FieldGroup) -> RecipientStatus:
    recipient = RecipientStatus()
    status_comment = None
    for name, value in group.fields:
        if name == "final-recipient":
            recipient.address = clean_address(value)
        elif name == "original-recipient":
            recipient.original_address = clean_address(value, xtext=True)
        elif name == "action":
            recipient.action = normalize_action(value)
        elif name == "status":
            recipient.status = status_from_text(value)
            status_comment = _comment(value)
        elif name == "remote-mta":
            recipient.remote_mta = _without_comment(strip_type(value)[1])
        elif name == "diagnostic-code":
            recipient.diagnostic_type, recipient.diagnostic = strip_type(value)
        elif name == "last-attempt-date":
            recipient.last_attempt = parse_date(value)
        elif name == "will-retry-until":
            recipient.will_retry_until = parse_date(value)
        else:
            recipient.extra_fields[_field_title(name)] = value
    if not _is_internet_address(recipient.address) and _is_internet_address(
        recipient.original_address
    ):
        # Final-Recipient is no Internet address (an X.400 name, a local mailbox file or
        # program): the report names the address the sender wrote; the final one is kept.
        if recipient.address:
            recipient.extra_fields["Final-Recipient"] = recipient.address
        recipient.address = recipient.original_address
    if recipient.address is None:
        recipient.address = recipient.original_address
    if recipient.diagnostic is None and status_comment:
        # RFC 3464 fields may carry comments; without a Diagnostic-Code, a Status comment such
        # as "4.0.0 (cat.example.net: host name lookup failure)" is all the report says.
        recipient.diagnostic = status_comment
    complete_codes(recipient)
    return recipient


def _is_internet_address(value: str | None) -> bool:
    """``local@domain``, without the spaces, slashes and pipes of other address types."""
    if not value or value.count("@") < 1:
        return False
    local, _, domain = value.rpartition("@")
    return bool(local) and "." in domain and not any(c in value for c in " \t|/")


def _comment(value: str) -> str | None:
    """The text of the parenthesised comment in a field value, if any."""
    start, end = value.find("("), value.rfind(")")
    text = value[start + 1 : end].strip() if 0 <= start < end else ""
    return text or None


def complete_codes(recipient: RecipientStatus) -> None:
    """Take the reply code from the diagnostic, and a specific status from it when the report's
    Status is missing or generic (``5.0.0`` while the server said ``550 5.1.1``)."""
    if recipient.reply_code is None:
        recipient.reply_code = reply_code_from_text(recipient.diagnostic)
    if is_generic(recipient.status):
        specific = status_from_text(recipient.diagnostic)
        if specific and (recipient.status is None or _more_specific(specific, recipient.status)):
            recipient.status = specific


def _more_specific(candidate: str, status: str) -> bool:
    """A non-generic code of the same class as the generic ``status``."""
    return not is_generic(candidate) and candidate[0] == status[0]


def _without_comment(value: str | None) -> str | None:
    """``"mx.example.com. (203.0.113.4, the server for ...)"`` -> ``"mx.example.com"``."""
    if not value:
        return value
    return value.split("(", 1)[0].strip().rstrip(".") or value


def _field_title(name: str) -> str:
    return "-".join(part.capitalize() if part != "id" else "ID" for part in name.split("-"))


def read_report(
    text: str, report: Interpretation, longest: int = DEFAULT_LIMITS.max_header_length
) -> list[RecipientStatus]:
    """Fill ``report``'s per-message fields from ``text`` and return its recipients."""
    recipients: list[RecipientStatus] = []
    for group in split_groups(text, longest):
        names = group.names()
        if names & RECIPIENT_FIELDS:
            recipients.append(recipient_from_group(group))
        else:
            apply_message_fields(report, group)
    return recipients
