"""bounceinterp: explain bounces (DSNs, non-delivery reports, delay warnings) in plain words."""

from .api import interpret
from .model import Interpretation, OriginalMessage, RecipientStatus

__all__ = ["Interpretation", "OriginalMessage", "RecipientStatus", "interpret"]
__version__ = "0.1.0"
