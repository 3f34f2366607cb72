"""bounceinterp: explain bounces (DSNs, non-delivery reports, delay warnings) in plain words.

    report = bounceinterp.interpret(raw_bytes)          # what the bounce says
    text = bounceinterp.explain(report, lang="fr")      # for the person who sent the message
    new = bounceinterp.rewrite(raw_bytes, lang="de")    # the bounce, explained inside

The names below are loaded on first use, so that ``import bounceinterp`` stays cheap (the
command line and the milter start fast).
"""

from __future__ import annotations

from importlib import import_module

# ``typing`` is not imported at run time: the fewer modules the command line loads before it
# can answer Ctrl-C, the better; type checkers read any name TYPE_CHECKING as true.
TYPE_CHECKING = False

__version__ = "0.2.0"

#: Public name -> the module that defines it.
_EXPORTS = {
    "interpret": ".api",
    "explain": ".explanation",
    "explanation_dict": ".explanation",
    "rewrite": ".rewrite",
    "Interpretation": ".model",
    "OriginalMessage": ".model",
    "RecipientStatus": ".model",
    "Limits": ".limits",
    "RuleError": ".classify.rulebook",
    "Message": ".mailbox",
    "messages": ".mailbox",
    "SCHEMA_VERSION": ".model",
    "report_schema": ".schema",
    "Kind": ".vocabulary",
    "Category": ".vocabulary",
    "WhoActs": ".vocabulary",
    "Refused": ".vocabulary",
    "Happened": ".vocabulary",
}

__all__ = [
    "SCHEMA_VERSION",
    "Category",
    "Happened",
    "Interpretation",
    "Kind",
    "Limits",
    "Message",
    "OriginalMessage",
    "RecipientStatus",
    "Refused",
    "RuleError",
    "WhoActs",
    "explain",
    "explanation_dict",
    "interpret",
    "messages",
    "report_schema",
    "rewrite",
]

if TYPE_CHECKING:  # what type checkers and editors see
    from typing import Any

    from .api import interpret
    from .classify.rulebook import RuleError
    from .explanation import explain, explanation_dict
    from .limits import Limits
    from .mailbox import Message, messages
    from .model import SCHEMA_VERSION, Interpretation, OriginalMessage, RecipientStatus
    from .rewrite import rewrite
    from .schema import report_schema
    from .vocabulary import Category, Happened, Kind, Refused, WhoActs


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bounceinterp' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
