"""Step 3 of the pipeline: who failed, with what status and words.

``read(parsed, evidence)`` asks the readers in ``READERS`` in order; the first that finds
recipients decides. Every reader has the same shape (``base.Reader``); one that recognises a
notice but cannot read its recipients answers None, and the search goes on. The order:

1. ``rfc3464`` (every delivery-status part) and ``mdn`` (a rejection written as a disposition
   notification): standard reports, exact. A poor report (no diagnostic, a generic status, a
   pipe instead of an address) is completed from its own text by the text readers below
   (``poordsn``), never replaced.
2. Amazon SES JSON notifications, and the notices of mailing-list managers (recognised by
   their own headers, and sent by senders that provider families would otherwise claim).
3. Family readers, where a layout needs them: providers and appliances first (their notices
   borrow MTA wording), then MTA families, each recognised by its own introduction and read
   only from mail software (a person quoting a bounce is not one). Most are data: pattern files
   of ``rules/formats/`` read by one engine (``textnotice``); a format keeps its own module only
   when its structure needs code (Sendmail's transcript, Notes, SES JSON, inline DSN fields).
4. ``general``: any notice detection calls a bounce, read from its wording (``general``).
5. ``rfc3834`` automatic replies, last: bounces too carry ``Auto-Submitted: auto-replied``.

A message detection calls a bounce that no reader can read stays a bounce, with no recipient.
"""

from __future__ import annotations

from functools import cache

from ..detect import Evidence
from ..model import Interpretation
from ..parse import ParsedMessage
from .amazonses import AmazonSesReader
from .arf import ArfReader
from .base import Reader
from .general import GeneralReader, empty_report
from .inlinedsn import InlineDsnReader
from .listnotice import ListNoticeReader
from .mdn import MdnReader
from .notes import NotesReader
from .rfc3464 import Rfc3464Reader
from .rfc3834 import AutoReplyReader
from .sendmail import SendmailReader
from .textnotice import TextNoticeReader

#: Mailing-list managers refusing a post, read by ``listnotice`` from rules/formats/<family>.yaml.
LIST_FAMILIES = ("fml", "mailman", "googlegroups")

#: Provider and appliance notices read by ``textnotice`` from rules/formats/<family>.yaml. Each
#: is recognised by its own wording (and sender where the wording is shared), so they come before
#: the MTA families whose introductions some of them borrow (Exim's, qmail's).
PROVIDER_FAMILIES = (
    "office365",
    "gmail",
    "googlenotice",
    "yahoo",
    "gmx",
    "zoho",
    "mxlogic",
    "jpcarrier",
    "mfilter",
    "mailfoundry",
    "trendmicro",
    "mailmarshal",
    "activehunter",
    "verizon",
    "x1",
    "x6",
)

#: MTA families read by ``textnotice``, each recognised by its own introduction: (pattern file,
#: format name). Exim 3's framing is another file for the same format.
MTA_FAMILIES = (
    ("qmail", "qmail"),
    ("exim", "exim"),
    ("exim3", "exim"),
    ("postfix", "postfix"),
    ("courier", "courier"),
    ("opensmtpd", "opensmtpd"),
    ("dragonfly", "dragonfly"),
    ("imailserver", "imailserver"),
)

#: MTA families after Sendmail (whose structure needs its own module), same shape as above.
LATE_MTA_FAMILIES = (
    ("exchange2003", "exchange2003"),
    ("exchange2007", "exchange2007"),
    ("messagingserver", "messagingserver"),
    ("domino", "domino"),
)

READERS: tuple[Reader, ...] = (
    Rfc3464Reader(),
    MdnReader(),
    AmazonSesReader(),
    *(ListNoticeReader(family) for family in LIST_FAMILIES),
    *(TextNoticeReader(family) for family in PROVIDER_FAMILIES),
    *(TextNoticeReader(family, name) for family, name in MTA_FAMILIES),
    SendmailReader(),
    *(TextNoticeReader(family, name) for family, name in LATE_MTA_FAMILIES),
    NotesReader(),
    InlineDsnReader(),
    GeneralReader(),
)


#: Readers that recognise a report by its own headers or structure, which detection's signals
#: do not describe (a carrier's notice from its own sender, a list manager's refusal, a JSON
#: notification sent by a provider's API): asked even for a message detection calls ordinary.
@cache
def undetected_readers() -> tuple[Reader, ...]:
    return tuple(r for r in READERS if getattr(r, "recognises_by_headers", False))


_ARF = ArfReader()
_AUTO_REPLY = AutoReplyReader()


def read(parsed: ParsedMessage, evidence: Evidence, warnings: list[str]) -> Interpretation:
    """The report of ``parsed``: the first reader's that finds recipients (see the module's
    docstring). A reader that fails (a bug of ours) is skipped with a warning."""
    if evidence.kind == "feedback":
        found = _ask(_ARF, parsed, evidence, warnings)
        if found is not None:
            return found
    # Detection decided it is no report of any kind (a person's message, ordinary mail): only
    # the readers that recognise a report by its own structure (SES JSON) are asked.
    readers = READERS if evidence.kind != "none" else undetected_readers()
    for reader in readers:
        found = _ask(reader, parsed, evidence, warnings)
        if found is not None and found.recipients:
            return found
    if evidence.is_bounce:
        return empty_report(evidence)
    found = _ask(_AUTO_REPLY, parsed, evidence, warnings)
    return found if found is not None else Interpretation(kind="not_a_bounce")


def _ask(
    reader: Reader, parsed: ParsedMessage, evidence: Evidence, warnings: list[str]
) -> Interpretation | None:
    try:
        found = reader.read(parsed, evidence)
    except Exception as exc:
        warnings.append(f"reader {reader.name}: {type(exc).__name__}: {exc}")
        return None
    most = parsed.limits.max_recipients
    if found is not None and len(found.recipients) > most:  # whatever the reader
        warnings.append(f"more than {most} recipients: the rest not read")
        del found.recipients[most:]
    return found


__all__ = ["READERS", "Reader", "read"]
