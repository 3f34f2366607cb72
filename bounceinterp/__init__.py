"""bounceinterp: explain bounces (DSNs, non-delivery reports, delay warnings) in plain words."""

from .api import interpret
from .explanation import explain, explanation_dict
from .mailbox import Message, messages
from .model import Interpretation, OriginalMessage, RecipientStatus

__all__ = [
    "Interpretation",
    "Message",
    "OriginalMessage",
    "RecipientStatus",
    "explain",
    "explanation_dict",
    "interpret",
    "messages",
]
__version__ = "0.1.0"
