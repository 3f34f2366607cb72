"""What a worker sends back for one message: a few plain fields per recipient, never the whole
Interpretation, so that results cross process boundaries cheaply and the fold stays small."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from bounceinterp.model import Interpretation, RecipientStatus

#: Message kinds whose failed or delayed recipients are bounces.
BOUNCE_KINDS = ("failure", "delay")
#: The action of a recipient counted as a bounce, by message kind, when the report gives none.
_IMPLIED_ACTION = {"failure": "failed", "delay": "delayed"}
#: How far into a message its top header block is looked for.
_HEADER_SPAN = 64 * 1024


class Row(NamedTuple):
    """One recipient of one message, as the report counts and lists it."""

    address: str
    domain: str
    action: str
    status: str
    reply_code: int | None
    category: str
    permanent: bool | None
    who_acts: str
    #: The server that refused or delayed (Remote-MTA, else the remote_host fact), host only.
    remote: str
    blocklist: str
    #: True when the blocklist no longer exists (``blocklist_status: defunct``).
    blocklist_defunct: bool
    delist_url: str
    client_ip: str
    forwarded_by: str
    #: The server's words; empty unless the caller asked for them (CSV output).
    diagnostic: str

    @property
    def is_bounce(self) -> bool:
        return self.action in ("failed", "delayed")


class Record(NamedTuple):
    """One message read: its kind, date and recipients, or why it could not be read."""

    label: str
    kind: str
    #: When the bounce was written: its Date header, else the latest Last-Attempt-Date, else its
    #: Arrival-Date; as written (with the writer's UTC offset); None when none is readable.
    date: datetime | None
    rows: tuple[Row, ...]
    #: For a message that could not be read or explained: the one-line error, in the reader's
    #: language ("cannot read box.mbox#3: ...").
    error: str | None = None
    #: True when the message was longer than the reader's limit and only its start was read.
    truncated: bool = False

    @property
    def is_bounce(self) -> bool:
        return self.kind in BOUNCE_KINDS


def error_record(label: str, message: str) -> Record:
    return Record(label, "error", None, (), message)


def record_of(
    label: str, raw: bytes, result: Interpretation, *, diagnostics: bool = False
) -> Record:
    """The record of one interpreted message; ``diagnostics`` keeps the servers' words."""
    implied = _IMPLIED_ACTION.get(result.kind, "")
    rows = tuple(_row(r, implied, diagnostics) for r in result.recipients)
    return Record(label, result.kind, bounce_date(raw, result), rows)


def _row(recipient: RecipientStatus, implied_action: str, diagnostics: bool) -> Row:
    facts = recipient.facts
    address = recipient.address or recipient.original_address or ""
    return Row(
        address=address,
        domain=domain_of(address),
        action=(recipient.action or implied_action).lower(),
        status=recipient.status or "",
        reply_code=recipient.reply_code,
        category=recipient.category or "undefined",
        permanent=recipient.permanent,
        who_acts=recipient.who_acts or "",
        remote=server_name(recipient.remote_mta or facts.get("remote_host") or ""),
        blocklist=facts.get("blocklist", ""),
        blocklist_defunct=facts.get("blocklist_status") == "defunct",
        delist_url=facts.get("delist_url", ""),
        client_ip=facts.get("client_ip", ""),
        forwarded_by=facts.get("forwarded_by", ""),
        diagnostic=(recipient.diagnostic or "") if diagnostics else "",
    )


def domain_of(address: str) -> str:
    """The domain of ``address`` in lower case (``Pat@Example.COM`` -> ``example.com``); empty
    when it has none."""
    local, at, domain = address.rpartition("@")
    return domain.strip().strip("<>[]").rstrip(".").lower() if at and local else ""


def server_name(value: str) -> str:
    """A server as counted: ``mx.example.co.jp [192.0.2.95]`` -> ``mx.example.co.jp``,
    ``MX.Example.net.`` -> ``mx.example.net``, ``[192.0.2.9]`` -> ``192.0.2.9``."""
    words = value.split()
    return words[0].strip("[]").rstrip(".").lower() if words else ""


def bounce_date(raw: bytes, result: Interpretation) -> datetime | None:
    """When the bounce was written (see :attr:`Record.date`)."""
    written = _date_header(raw)
    if written is not None:
        return written
    attempts = [r.last_attempt for r in result.recipients if r.last_attempt is not None]
    if attempts:
        return _aware(max(attempts, key=_aware))
    return _aware(result.arrival_date) if result.arrival_date is not None else None


def _date_header(raw: bytes) -> datetime | None:
    """The Date field of the top header block (unfolded), read as RFC 5322 says."""
    head = raw[:_HEADER_SPAN]
    ends = [i for i in (head.find(b"\n\n"), head.find(b"\n\r\n")) if i >= 0]
    value: bytes | None = None
    for line in head[: min(ends) if ends else len(head)].split(b"\n"):
        if value is not None:
            if line[:1] not in (b" ", b"\t"):
                break
            value += line
        elif line[:5].lower() == b"date:":
            value = line[5:]
    if value is None:
        return None
    try:
        return _aware(parsedate_to_datetime(value.decode("latin-1").strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _aware(moment: datetime) -> datetime:
    """A naive time (``-0000``, or a malformed report) read as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
