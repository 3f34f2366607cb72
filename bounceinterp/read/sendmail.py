"""Sendmail plain-text bounces: Sendmail 8 without a delivery-status part, and Sendmail 5.

The text has framed sections: the addresses Sendmail gave up on (each with a "(reason: ...)"
line), the SMTP transcript ("<<<" lines are the remote server's answers, then one line per
recipient: "550 5.1.1 <a@b>... User unknown"), and the returned message. Sendmail 5 has only
the transcript; a transcript about a host alone ("421 host (smtp)... Deferred") names no
recipient, and then the returned message's recipients are the ones that failed.
Patterns: rules/formats/sendmail.yaml.
"""

from __future__ import annotations

import regex

from .. import patterns
from ..detect import Evidence
from ..model import Interpretation, RecipientStatus
from ..parse import ParsedMessage
from .text import (
    build,
    notice_text,
    recipient,
    split_returned,
)


class SendmailReader:
    name = "sendmail"

    def read(self, parsed: ParsedMessage, evidence: Evidence) -> Interpretation | None:
        pats = patterns.format_patterns("sendmail")
        text = notice_text(parsed)
        if not evidence.from_mail_system or not patterns.search(pats["recognise"], text):
            return None
        notice, returned = split_returned(text, pats["returned"])
        delayed = bool(
            patterns.search(pats["delayed"], notice)
            or patterns.search(pats["delayed"], parsed.header("Subject") or "")
        )
        found: dict[str, RecipientStatus] = {}
        for address, reason, listed_delayed in _listed(pats, notice):
            action = "delayed" if delayed or listed_delayed else "failed"
            found.setdefault(address.lower(), recipient(address, reason, action=action))
        _read_transcript(pats, notice, found, "delayed" if delayed else "failed")
        return build(self.name, parsed, list(found.values()), returned)


def _section(pats: dict[str, regex.Pattern], notice: str, name: str) -> str:
    """The text of the section that ``name`` frames, up to the next frame."""
    start = patterns.search(pats[name], notice)
    if start is None:
        return ""
    end = patterns.search(pats["section"], notice, start.end())
    return notice[start.end() : end.start() if end else len(notice)]


def _listed(pats: dict[str, regex.Pattern], notice: str) -> list[tuple[str, str | None, bool]]:
    """(address, reason, delayed) for each address of the failed and delayed sections."""
    result: list[tuple[str, str | None, bool]] = []
    for name, delayed in (("fatal_list", False), ("transient_list", True)):
        entries: list[tuple[str, str | None, bool]] = []
        for line in _section(pats, notice, name).split("\n"):
            reason = patterns.search(pats["listed_reason"], line)
            listed = patterns.search(pats["listed_address"], line)
            if reason and entries:
                entries[-1] = (entries[-1][0], reason.group("text"), delayed)
            elif listed and not line.lstrip().startswith("("):
                entries.append((listed.group("address"), None, delayed))
        result.extend(entries)
    return result


#: The lines of one server answer kept for a diagnostic.
_MOST_ANSWER_LINES = 100


def _read_transcript(
    pats: dict[str, regex.Pattern],
    notice: str,
    found: dict[str, RecipientStatus],
    action: str,
) -> str | None:
    """Add the transcript's recipients and answers to ``found``; return the last status line
    (the diagnostic when no recipient is named)."""
    said: list[str] = []
    joined: str | None = None  # said, joined once for all the recipients it answers
    used = False
    host: str | None = None
    last_status: str | None = None
    for line in notice.split("\n"):
        talking = patterns.search(pats["talking"], line)
        if talking or patterns.search(pats["command"], line):
            said, used = [], False
            host = talking.group("host") if talking else host
            continue
        answer = patterns.search(pats["remote_said"], line)
        if answer:
            if len(said) < _MOST_ANSWER_LINES:  # a server's answer is a few lines, not thousands
                said.append(answer.group("text"))
                joined = None
            continue
        line_recipient = patterns.search(pats["transcript_recipient"], line)
        if line_recipient is None:
            if patterns.search(pats["transcript_status"], line):
                last_status = line.strip()
                if used:
                    said, used = [], False
            continue
        last_status = line.strip()
        if said and joined is None:
            joined = "\n".join(said)
        diagnostic = joined if said else line_recipient.group("text")
        used = bool(said)
        address = line_recipient.group("address")
        current = found.get(address.lower())
        if current is None:
            found[address.lower()] = recipient(address, diagnostic, action=action, remote_mta=host)
        elif said or current.diagnostic is None:
            better = recipient(
                address, diagnostic, action=current.action or action, remote_mta=host
            )
            current.diagnostic, current.remote_mta = better.diagnostic, better.remote_mta
            current.status = better.status if better.status else current.status
            current.reply_code = better.reply_code or current.reply_code
    return last_status
