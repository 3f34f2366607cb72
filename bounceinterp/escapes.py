"""Characters from a bounce that an output must never pass on as they are: control characters
(a terminal acts on ESC sequences, a mail client on others) and the characters that change the
direction of the text around them ("invoice\\u202efdp.exe" reads "invoiceexe.pdf"). Every output
format shows them escaped (``\\x1b``, ``\\u202e``), or removes them from a header."""

from __future__ import annotations

import json
from typing import Any

#: C0 except tab and newline, DEL, C1.
CONTROLS = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))
#: Direction marks, embeddings, overrides and isolates, and line separators other than LF.
DIRECTIONS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028,
              0x2029)  # fmt: skip

_VISIBLE = {code: f"\\x{code:02x}" for code in CONTROLS} | {
    code: f"\\u{code:04x}" for code in DIRECTIONS
}
_REMOVED = dict.fromkeys([*CONTROLS, *DIRECTIONS])
#: In JSON: what ``json.dumps`` leaves raw (it escapes C0 itself), as \\u escapes of the same
#: characters, so the data read back is unchanged.
_JSON = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *DIRECTIONS)}


def visible(text: str) -> str:
    """``text`` with control and direction characters made visible, everything else as is."""
    return text.translate(_VISIBLE)


def without_controls(text: str) -> str:
    """``text`` without control and direction characters (for a header: tabs and line breaks
    become spaces first)."""
    return text.replace("\t", " ").replace("\n", " ").translate(_REMOVED)


def json_text(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON, UTF-8 text readable as is, with C1 controls and direction characters
    written as ``\\u`` escapes (a terminal or a browser showing the JSON never meets them)."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_JSON)
