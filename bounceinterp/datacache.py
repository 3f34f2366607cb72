"""The bundled data, prepared once instead of at every start: the YAML files of ``rules/``
parsed, and the catalogs of ``locales/`` compiled to gettext's binary form.

The build (``hatch_build.py``, for wheels and editable installs alike) writes
``rules/prepared.pickle`` and ``locales/prepared.pickle``; ``python -m bounceinterp.datacache``
does the same by hand. Each entry is keyed by the SHA-256 of its source file, so an edited
file is simply read from its source again: a cache can be missing or out of date, never wrong.
The files are ours, inside the package, so unpickling them is no more trusting than importing
its code.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

CACHE_NAME = "prepared.pickle"
_FORMAT = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def _entries(directory: Path) -> dict[str, tuple[str, Any]]:
    """The cache of a data directory: relative path -> (SHA-256 of the source, value)."""
    try:
        with (directory / CACHE_NAME).open("rb") as handle:
            found = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    if not isinstance(found, dict) or found.get("format") != _FORMAT:
        return {}
    entries = found.get("entries")
    return entries if isinstance(entries, dict) else {}


def lookup(directory: Path, path: Path, source: bytes) -> tuple[bool, Any]:
    """(found, value) of ``path`` (inside ``directory``) whose bytes are ``source``."""
    entry = _entries(directory).get(path.relative_to(directory).as_posix())
    if entry is not None and entry[0] == digest(source):
        return True, entry[1]
    return False, None


def build(rules: Path, locales: Path) -> None:
    """Write the caches of the two data directories."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from yaml import CSafeLoader, SafeLoader, load

    loader = CSafeLoader if CSafeLoader is not None else SafeLoader
    entries: dict[str, tuple[str, Any]] = {}
    for path in sorted(rules.rglob("*.yaml")):
        source = path.read_bytes()
        entries[path.relative_to(rules).as_posix()] = (
            digest(source),
            load(source.decode("utf-8"), Loader=loader),
        )
    _write(rules, entries)
    catalogs: dict[str, tuple[str, Any]] = {}
    for path in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        source = path.read_bytes()
        compiled = io.BytesIO()
        write_mo(compiled, read_po(io.BytesIO(source), locale=path.parent.parent.name))
        catalogs[path.relative_to(locales).as_posix()] = (digest(source), compiled.getvalue())
    _write(locales, catalogs)


def _write(directory: Path, entries: dict[str, tuple[str, Any]]) -> None:
    target = directory / CACHE_NAME
    partial = target.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump({"format": _FORMAT, "entries": entries}, handle, pickle.HIGHEST_PROTOCOL)
    partial.replace(target)


if __name__ == "__main__":
    from .resources import locales_dir, rules_dir

    build(rules_dir(), locales_dir())
    print(f"prepared {rules_dir() / CACHE_NAME} and {locales_dir() / CACHE_NAME}")
    sys.exit(0)
