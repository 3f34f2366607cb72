"""Decide, per recipient, why delivery failed: category, permanence and who must act.

This first classifier uses the status codes alone (``rules/status-codes.yaml`` and
``rules/reply-codes.yaml``): the specific enhanced status code, else the reply code, else
``undefined``.
"""

from __future__ import annotations

from .dsn import is_generic
from .model import Interpretation, RecipientStatus
from .statuscodes import categories, reply_info, status_info

#: Categories an extractor decides by itself (the report's kind says it all).
_KIND_CATEGORIES = {"auto_reply": "vacation", "feedback": "feedback"}


def classify(report: Interpretation) -> None:
    for recipient in report.recipients:
        classify_recipient(recipient, report.kind)


def classify_recipient(recipient: RecipientStatus, kind: str) -> None:
    if kind in _KIND_CATEGORIES:
        recipient.category = _KIND_CATEGORIES[kind]
        recipient.rule = recipient.rule or f"kind/{kind}"
        recipient.confidence = 1.0
    elif recipient.action in ("delivered", "relayed", "expanded"):
        recipient.category, recipient.rule = "delivered", "action/success"
        recipient.confidence = 1.0
    elif recipient.rule is None:
        _from_codes(recipient)
    _settle(recipient)


def _from_codes(recipient: RecipientStatus) -> None:
    info = status_info(recipient.status)
    if info is not None and info.category != "undefined" and not is_generic(recipient.status):
        recipient.category = info.category
        recipient.rule = f"status/{info.code}"
        recipient.confidence = 0.6
        recipient.evidence = recipient.status
        return
    reply = reply_info(recipient.reply_code)
    if reply is not None and reply.category != "undefined":
        recipient.category = reply.category
        recipient.rule = f"reply/{reply.code}"
        recipient.confidence = 0.4
        recipient.evidence = str(recipient.reply_code)
        return
    if recipient.action == "delayed":
        recipient.category, recipient.rule, recipient.confidence = "expired", "action/delayed", 0.3
        return
    recipient.category, recipient.rule, recipient.confidence = "undefined", "none", 0.0


def _settle(recipient: RecipientStatus) -> None:
    """Permanence from the status class (a 5.x.x will not work as it is), else the category's
    usual answer; who acts from the category."""
    usual = categories().get(recipient.category, {})
    if recipient.who_acts is None:
        recipient.who_acts = usual.get("who_acts")
    if recipient.category in ("vacation", "feedback", "delivered"):
        recipient.permanent = None
        return
    if recipient.action == "delayed":
        recipient.permanent = False
        return
    status_class = _status_class(recipient)
    if status_class is not None:
        recipient.permanent = status_class == "5"
    elif recipient.permanent is None:
        recipient.permanent = usual.get("permanent")


def _status_class(recipient: RecipientStatus) -> str | None:
    if recipient.status:
        return recipient.status[0]
    if recipient.reply_code is not None:
        return str(recipient.reply_code)[0]
    return None
