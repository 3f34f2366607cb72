r"""Text from bounces made inert before it is shown anywhere.

Addresses, domains, server names and blocklist names are written by whoever sent or refused
the mail. Before any of them reaches a terminal, a page or a spreadsheet, its control
characters (terminal escape sequences), the characters that reorder the text around them
(U+202E and its kin, which can make ``invoice<U+202E>fdp.exe`` read ``invoiceexe.pdf``) and
the lone surrogates of undecodable bytes are replaced by their visible escapes (``\x1b``,
``\u202e``, ``\udcff``). Each renderer then escapes the result for its own format (HTML
entities, CSV quoting).
"""

from __future__ import annotations

#: C0 controls (tab and line feed included: one value is one line), DEL and C1 controls.
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
#: Marks and overrides of text direction, and the line separators other than LF.
_DIRECTION = {
    code: f"\\u{code:04x}"
    for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                 0x2028, 0x2029)
}  # fmt: skip
#: Lone surrogates: the undecodable bytes of a malformed address, which no encoder can write.
_SURROGATES = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}
_TABLE = {**_CONTROLS, **_DIRECTION, **_SURROGATES}


def shown(text: str) -> str:
    """``text`` with control and direction characters replaced by visible escapes."""
    return text.translate(_TABLE)
