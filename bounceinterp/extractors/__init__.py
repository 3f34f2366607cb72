"""Format extractors: each recognises one family of reports and reads its recipients.

Every extractor has the same shape (see ``base.Extractor``): ``extract(parsed)`` returns an
``Interpretation`` when it recognises the message, else None. ``EXTRACTORS`` is tried in order
and the first answer wins. The order is part of the design:

1. ``rfc3464``, ``arf``: standard machine-readable reports, exact. A poor RFC 3464 report
   (no diagnostic, a generic status, a pipe instead of an address) is completed from its own
   text by the text extractors below (``poordsn``), never replaced.
2. Mailing-list managers (fml, Mailman, Google Groups): recognised by their own headers, and
   sent by senders that provider families would otherwise claim (mailer-daemon@googlemail.com).
3. Providers and appliances: their notices borrow MTA wording (Exim's, qmail's), so they are
   asked before the MTA families.
4. MTA families (qmail, Exim, Postfix, Courier, OpenSMTPD, dma, IMail, Sendmail, Exchange
   2003/2007, Messaging Server, Domino, Notes): each recognised by its own introduction and
   sent by mail software (a person quoting or forwarding a bounce is not one).
5. Generic fallbacks, least specific last: delivery-status fields pasted into text, then a
   notice that names its failed recipients only in ``X-Failed-Recipients``.
6. ``rfc3834`` auto-replies, last: bounces too carry ``Auto-Submitted: auto-replied``.
"""

from __future__ import annotations

from .amazonses import AmazonSesExtractor
from .arf import ArfExtractor
from .base import Extractor
from .courier import CourierExtractor
from .domino import DominoExtractor
from .dragonfly import DragonflyExtractor
from .exchange2003 import Exchange2003Extractor
from .exchange2007 import Exchange2007Extractor
from .exim import EximExtractor
from .failedrecipients import FailedRecipientsExtractor
from .fml import FmlExtractor
from .googlegroups import GooglegroupsExtractor
from .imailserver import ImailserverExtractor
from .inlinedsn import InlineDsnExtractor
from .mailman import MailmanExtractor
from .messagingserver import MessagingserverExtractor
from .notes import NotesExtractor
from .opensmtpd import OpensmtpdExtractor
from .postfix import PostfixExtractor
from .qmail import QmailExtractor
from .rfc3464 import Rfc3464Extractor
from .rfc3834 import AutoReplyExtractor
from .sendmail import SendmailExtractor
from .textreport import TextReportExtractor

#: Provider and appliance notices read by ``textreport`` from rules/formats/<family>.yaml. Each
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
    "mailmarshal",
    "activehunter",
    "verizon",
    "x1",
    "x6",
)

EXTRACTORS: tuple[Extractor, ...] = (
    Rfc3464Extractor(),
    ArfExtractor(),
    # mailing-list managers refusing a post (recognised by their own headers)
    FmlExtractor(),
    MailmanExtractor(),
    GooglegroupsExtractor(),
    AmazonSesExtractor(),
    # providers and appliances (plain text)
    *(TextReportExtractor(family) for family in PROVIDER_FAMILIES),
    # MTA families (plain text, recognised by their own introduction sentence)
    QmailExtractor(),
    EximExtractor(),
    PostfixExtractor(),
    CourierExtractor(),
    OpensmtpdExtractor(),
    DragonflyExtractor(),
    ImailserverExtractor(),
    SendmailExtractor(),
    Exchange2003Extractor(),
    Exchange2007Extractor(),
    MessagingserverExtractor(),
    DominoExtractor(),
    NotesExtractor(),
    # delivery-status fields pasted into text (Amazon WorkMail and others)
    InlineDsnExtractor(),
    # generic fallback: only an X-Failed-Recipients header names who failed
    FailedRecipientsExtractor(),
    AutoReplyExtractor(),
)

__all__ = ["EXTRACTORS", "Extractor"]
