"""One CSV row per recipient, written as the records arrive (nothing is kept).

Every recipient of every report read has a row (failures and delays, and also the recipients
of success notices, auto-replies and complaints, with their kind), and every message that
could not be read has one with ``kind`` ``error``. Columns are fixed English names, the same
in every language, so that formulas and scripts keep working.

The values come from bounces, which anyone can write. Control and direction characters are
shown as escapes (:mod:`.safe`: a diagnostic's line breaks become ``\\x0a``, so that one
recipient is one line, and ``cat`` cannot be made to run terminal escapes); quoting is the csv
module's (RFC 4180); and a cell that a spreadsheet would run as a formula (one starting with
``=``, ``+``, ``-`` or ``@``) gets a leading apostrophe. (A lone ``-``, the label of standard
input, is no formula.)
"""

from __future__ import annotations

import csv
from typing import TextIO

from .records import Record
from .safe import shown

COLUMNS = (
    "file", "date", "kind", "action", "address", "domain", "status", "reply_code", "category",
    "permanent", "who_acts", "remote_server", "blocklist", "delist_url", "client_ip",
    "forwarded_by", "diagnostic", "error",
)  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@")


def cell(value: object) -> str:
    """One value as a safe cell: booleans as ``true``/``false``, None as empty, control
    characters escaped, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = shown(str(value))
    if len(text) > 1 and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


class CsvWriter:
    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\r\n")
        self._writer.writerow(COLUMNS)

    def write(self, record: Record) -> None:
        date = record.date.isoformat() if record.date is not None else None
        if record.error is not None:
            self._writer.writerow([cell(v) for v in (record.label, None, "error", *[None] * 14,
                                                     record.error)])  # fmt: skip
            return
        for row in record.rows:
            values = (
                record.label, date, record.kind, row.action, row.address, row.domain,
                row.status, row.reply_code, row.category, row.permanent, row.who_acts,
                row.remote, row.blocklist, row.delist_url, row.client_ip, row.forwarded_by,
                row.diagnostic, None,
            )  # fmt: skip
            self._writer.writerow([cell(value) for value in values])
