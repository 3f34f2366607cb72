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

Most plain-text families are data, not code: the family lists below name pattern files of
``rules/formats/`` read by one engine (``textnotice``; vocabulary in rules/formats/README.md)
or, for list managers, by ``listnotice``. A format keeps its own module only when its structure
needs code (Sendmail's transcript, Notes' mixed section, SES JSON, inline DSN fields).
"""

from __future__ import annotations

from .amazonses import AmazonSesExtractor
from .arf import ArfExtractor
from .base import Extractor
from .failedrecipients import FailedRecipientsExtractor
from .inlinedsn import InlineDsnExtractor
from .listnotice import ListNoticeExtractor
from .notes import NotesExtractor
from .rfc3464 import Rfc3464Extractor
from .rfc3834 import AutoReplyExtractor
from .sendmail import SendmailExtractor
from .textnotice import TextNoticeExtractor

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

EXTRACTORS: tuple[Extractor, ...] = (
    Rfc3464Extractor(),
    ArfExtractor(),
    # mailing-list managers refusing a post (recognised by their own headers)
    *(ListNoticeExtractor(family) for family in LIST_FAMILIES),
    AmazonSesExtractor(),
    # providers and appliances (plain text)
    *(TextNoticeExtractor(family) for family in PROVIDER_FAMILIES),
    # MTA families (plain text, recognised by their own introduction sentence)
    *(TextNoticeExtractor(family, name) for family, name in MTA_FAMILIES),
    SendmailExtractor(),
    *(TextNoticeExtractor(family, name) for family, name in LATE_MTA_FAMILIES),
    NotesExtractor(),
    # delivery-status fields pasted into text (Amazon WorkMail and others)
    InlineDsnExtractor(),
    # generic fallback: only an X-Failed-Recipients header names who failed
    FailedRecipientsExtractor(),
    AutoReplyExtractor(),
)

__all__ = ["EXTRACTORS", "Extractor"]
