"""docs/milter-strings.json: the translations of the milter's and ``rewrite``'s messages, to be
merged into the catalogs. Every one of them is in the code, in every language, with the same
placeholders."""

from __future__ import annotations

import json
import string
from pathlib import Path

from babel.messages.extract import extract_from_file

ROOT = Path(__file__).resolve().parent.parent
STRINGS = json.loads((ROOT / "docs" / "milter-strings.json").read_text(encoding="utf-8"))
SOURCES = [*sorted((ROOT / "bounceinterp" / "milter").glob("*.py")),
           ROOT / "bounceinterp" / "rewrite_cli.py"]  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def code_strings() -> set[str]:
    found = set()
    for path in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", str(path)):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_language_translates_every_message_of_the_code():
    assert set(STRINGS) == {"fr", "de", "es", "it", "pt", "nl", "pl"}
    wanted = code_strings()
    for lang, table in STRINGS.items():
        assert wanted <= set(table) | existing_msgids(), lang
        assert set(table) <= wanted, f"{lang}: strings the code no longer has"
        for msgid, msgstr in table.items():
            assert msgstr.strip() and msgstr != msgid, (lang, msgid)
            assert placeholders(msgstr) == placeholders(msgid), (lang, msgid)


def existing_msgids() -> set[str]:
    from babel.messages.pofile import read_po

    with (ROOT / "locales" / "bounceinterp.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if isinstance(m.id, str)}
