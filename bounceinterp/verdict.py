"""Step 5 of the pipeline: one verdict per recipient, from which every sentence is chosen.

A verdict says what happened to the message for this recipient, whether the sending server has
stopped and until when it keeps trying, whether sending again can work, who must act, and where
the message stopped on its way. The explanation picks each of its sentences from these answers
(``explanation``), and the JSON carries the same answers, so no two parts can disagree:

- ``delayed``: the server is still trying (never called final nor given up);
- ``expired``: the server tried, gave up, and the cause may be temporary (a 4.x.x status or a
  cause that clears by itself): sending again later may work;
- ``failed``: refused for good until the cause is fixed;
- ``delivered`` / ``relayed``: nothing failed.

Who acts: a delay whose cause clears by itself (``waits`` in rules/categories.yaml: a server
down, greylisting) asks nobody to act yet; any other delay, and every returned message, asks
someone (a returned message never says "nothing to do": at least the sender must send again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .classify.statuscodes import categories
from .model import Interpretation, RecipientStatus

#: What happened, for a recipient (``Verdict.happened``).
HAPPENED = ("failed", "expired", "delayed", "delivered", "relayed")
#: Where a message can stop on its way (``Verdict.stopped_at``): at the sender's own server (it
#: could not reach the recipient's), at the recipient's server (refused there), at the
#: recipient's mailbox, or nowhere (delivered).
STOPS = ("sender_server", "recipient_server", "recipient", "delivered")

#: Categories whose message never reached the recipient's server.
_NOT_REACHED = frozenset(
    {"host_down", "network_error", "host_unknown", "not_accept", "expired", "suppressed"}
)
#: Categories of a message the recipient's server took and its mailbox or filters refused.
_IN_MAILBOX = frozenset({"mailbox_full", "mailbox_disabled", "filtered", "mailer_error"})


@dataclass(frozen=True)
class Verdict:
    """What one recipient's part of a report means, in the terms every sentence is chosen by."""

    recipient: RecipientStatus
    #: The address the sender wrote (Original-Recipient, else the returned message's only To,
    #: else the final address).
    address: str | None
    #: The address the message was forwarded to and failed at, when it differs.
    forwarded_to: str | None
    #: The domain of the server that refused or could not be reached.
    domain: str | None
    happened: str
    #: The sending server has stopped trying.
    final: bool
    #: Sending the same message again will fail the same way (None: unknown).
    permanent: bool | None
    #: Until when the sending server keeps trying (delays).
    retry_until: datetime | None
    who_acts: str
    category: str
    #: The cause can clear by itself while the server retries (rules/categories.yaml).
    waits: bool
    stopped_at: str


def verdicts(interpretation: Interpretation) -> list[Verdict]:
    return [verdict(r, interpretation) for r in interpretation.recipients]


def verdict(recipient: RecipientStatus, interpretation: Interpretation) -> Verdict:
    usual = categories().get(recipient.category, {})
    happened = _happened(recipient, interpretation)
    waits = bool(usual.get("waits"))
    who = recipient.who_acts or usual.get("who_acts") or "sender_admin"
    if happened in ("delivered", "relayed") or (happened == "delayed" and waits):
        who = "nobody"
    elif who == "nobody":  # a returned message, or a delay someone must fix: not "nobody"
        who = "sender" if happened != "delayed" else "sender_admin"
    typed, final_address = typed_address(recipient, interpretation)
    return Verdict(
        recipient=recipient,
        address=typed,
        forwarded_to=final_address if final_address and final_address != typed else None,
        domain=_domain(final_address or typed),
        happened=happened,
        final=happened != "delayed",
        permanent=False if happened in ("delayed", "expired") else recipient.permanent,
        retry_until=retry_until(recipient) if happened == "delayed" else None,
        who_acts=who,
        category=recipient.category,
        waits=waits,
        stopped_at=_stopped_at(recipient.category, happened),
    )


_ACTION_OF_KIND = {"failure": "failed", "delay": "delayed", "success": "delivered",
                   "relayed": "relayed"}  # fmt: skip


def _happened(recipient: RecipientStatus, interpretation: Interpretation) -> str:
    action = (recipient.action or _ACTION_OF_KIND.get(interpretation.kind, "failed")).lower()
    if action == "delayed":
        return "delayed"
    if action in ("delivered", "expanded"):
        return "delivered"
    if action == "relayed":
        return "relayed"
    # A returned message: refused for good, or given up on a cause that may clear.
    temporary = recipient.permanent is False or recipient.category in ("expired", "greylisted")
    return "expired" if temporary else "failed"


def typed_address(
    recipient: RecipientStatus, interpretation: Interpretation
) -> tuple[str | None, str | None]:
    """(the address the sender wrote, the final address). The sender wrote the
    Original-Recipient when the report gives one; when the bounce shows the message was
    forwarded (fact ``forwarded_by``), the returned message's only recipient; else the final
    address is all we know (a returned To may be another recipient: Bcc, lists)."""
    final = recipient.address
    original = recipient.original_address
    if original and "@" in original:
        return original, final or original
    returned = interpretation.original
    if (
        final
        and "forwarded_by" in recipient.facts
        and returned is not None
        and len(returned.to) == 1
        and "@" in returned.to[0]
    ):
        return returned.to[0], final
    return final or original, final


def retry_until(recipient: RecipientStatus) -> datetime | None:
    """Until when the server keeps trying: Will-Retry-Until, else the ``retry_until`` fact."""
    if recipient.will_retry_until is not None:
        return recipient.will_retry_until
    text = recipient.facts.get("retry_until")
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _domain(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].strip().strip(">").lower() or None


def _stopped_at(category: str, happened: str) -> str:
    if happened in ("delivered", "relayed"):
        return "delivered"
    if category in _NOT_REACHED:
        return "sender_server"
    if category in _IN_MAILBOX:
        return "recipient"
    return "recipient_server"
