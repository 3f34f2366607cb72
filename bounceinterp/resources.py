"""Where the bundled data directories (``rules/``, ``locales/``) are.

In a wheel they are installed inside the package (``bounceinterp/rules``); in a source checkout
or an editable install they sit at the top of the repository, next to the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Path of the bundled data directory ``name`` (``"rules"`` or ``"locales"``)."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bounceinterp data directory {name!r} is missing from this install")


def rules_dir() -> Path:
    return data_dir("rules")


def locales_dir() -> Path:
    return data_dir("locales")


def load_yaml(path: Path) -> Any:
    """Read a YAML data file with libyaml's C loader when present (several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)
